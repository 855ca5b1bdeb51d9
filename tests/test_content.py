"""The real course meets its content standard (../shared/COURSE-GUIDE.md): every lesson has
objectives, key points, study time, facilitator notes, a self-check of at least five
questions and further reading; every module an end-of-module quiz of at least eight; a
glossary of at least 40 terms; a diagram with a text alternative in every module; every
question type used."""

from __future__ import annotations

import json
import re

import pytest

from conftest import REPO
from coursekit import load_course
from coursekit.model import QUESTION_TYPES


@pytest.fixture(scope="module")
def course():
    c, warnings = load_course(REPO / "course", REPO / "quizzes")
    assert warnings == [], [str(w) for w in warnings]
    return c


def _text(lesson) -> str:
    raw = lesson.source.read_text(encoding="utf-8")
    if lesson.kind == "notebook":
        cells = json.loads(raw)["cells"]
        return "\n".join("".join(c["source"]) if isinstance(c["source"], list) else c["source"]
                         for c in cells if c["cell_type"] == "markdown")
    return raw


def _body_words(text: str) -> int:
    text = re.sub(r"^---\n.*?\n---\n", "", text, flags=re.S)
    text = re.sub(r"<figure.*?</figure>", " ", text, flags=re.S)
    text = re.sub(r"^\?\?\?\+? facilitator.*?(?=^\S)", "", text + "\nEND", flags=re.S | re.M)
    return len(re.findall(r"[A-Za-z0-9][A-Za-z0-9'.-]*", text))


def test_six_modules_with_lessons(course):
    assert len(course.modules) == 6
    assert all(len(m.lessons) >= 4 for m in course.modules)


def test_every_lesson_has_facilitator_notes_and_a_self_check_of_five(course):
    for lesson in course.lessons:
        text = _text(lesson)
        # Markdown lessons: a "??? facilitator" block; notebooks: a <details class="facilitator">.
        assert re.search(r'\?\?\?\+? facilitator|<details class="facilitator', text), f"{lesson.id}: no facilitator notes"
        assert lesson.quiz_refs, f"{lesson.id}: no self-check"
        for ref in lesson.quiz_refs:
            assert len(course.quiz(ref.quiz_id).questions) >= 5, f"{lesson.id}: self-check under 5 questions"
        assert len(lesson.meta.further_reading) >= 1, f"{lesson.id}: no further reading"


def test_markdown_lessons_are_1200_to_2000_words_give_or_take(course):
    short = {}
    for lesson in course.lessons:
        if lesson.kind == "markdown":
            n = _body_words(_text(lesson))
            if not 1100 <= n <= 2400:
                short[lesson.id] = n
    assert short == {}


def test_every_module_has_a_final_quiz_of_eight_and_all_types_are_used(course):
    types = set()
    for m in course.modules:
        assert m.quiz, f"{m.id}: no end-of-module quiz"
        assert len(course.quiz(m.quiz).questions) >= 8, m.id
    for q in course.quizzes:
        types.update(x.type for x in q.questions)
        assert all(x.explanation for x in q.questions), f"{q.id}: a question has no explanation"
    assert types == set(QUESTION_TYPES)


def test_glossary_has_forty_terms_or_more(course):
    assert len(course.glossary) >= 40


def test_every_module_has_a_diagram_with_a_text_alternative(course):
    for m in course.modules:
        svgs = [s for lesson in m.lessons if lesson.kind == "markdown"
                for s in re.findall(r"<svg\b.*?</svg>", _text(lesson), flags=re.S)]
        assert svgs, f"{m.id}: no diagram"
        for s in svgs:
            assert 'role="img"' in s and "<title" in s, f"{m.id}: a diagram without role=img and a title"


def test_the_senior_path_takes_about_two_hours(course):
    from coursekit.paths import path_minutes

    assert 100 <= path_minutes(course, course.path("senior-leaders")) <= 140


def test_every_workshop_day_fits_its_day_length(course):
    from coursekit.trainer import agenda_rows

    workshops = [p for p in course.paths if p.sessions]
    assert workshops
    for p in workshops:
        rows = agenda_rows(course, p)
        for day in {r["day"] for r in rows}:
            total = sum(r["minutes"] for r in rows if r["day"] == day)
            assert 0.75 * p.day_minutes <= total <= p.day_minutes, f"{p.id} day {day}: {total} min"


# --------------------------------------------------------------------------- figures against the table

_DATA = REPO / "course/data/egov-survey-2010-2024.csv"
_INDEX = {"EGDI": "egdi", "OSI": "osi", "TII": "tii", "HCI": "hci", "EPI": "epart"}
_ALIASES = {"Türkiye": "TUR", "Turkey": "TUR", "Iran": "IRN", "Viet Nam": "VNM"}
_YEAR = re.compile(r"\b(20(?:10|12|14|16|18|20|22|24))\b")
_VALUE = re.compile(r"\b(EGDI|OSI|TII|HCI|EPI)\b(?:'s)?(?:\s+(?:was|of|is|at|score|value|rose to|fell to|stood at))*"
                    r"\s*[(:]?\s*(\d\.\d{2,5})\b")


@pytest.fixture(scope="module")
def survey_table():
    import csv

    rows = list(csv.DictReader(_DATA.open(encoding="utf-8")))
    names = {r["country"]: r["iso3"] for r in rows} | _ALIASES
    pattern = re.compile("|".join(sorted(map(re.escape, names), key=len, reverse=True)))
    return {(r["iso3"], int(r["year"])): r for r in rows}, names, pattern


def _contradictions(text: str, survey_table) -> tuple[list[str], int]:
    """Figures such as "In 2024, Bangladesh had an EGDI of 0.6570" that the table does not hold.

    Only sentences naming exactly one country and one edition are read; a value named as a
    median, an average, a gap or a change ("0.12 below the average") is not a country's own."""
    table, names, pattern = survey_table
    wrong, checked = [], 0
    text = re.sub(r"```.*?```", " ", text, flags=re.S)
    for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z*(\"])|\n\s*\n|\n- ", text):
        sentence = " ".join(sentence.split())
        countries = {names[m.group(0)] for m in pattern.finditer(sentence)}
        years = set(_YEAR.findall(sentence))
        if len(countries) != 1 or len(years) != 1:
            continue
        key = (countries.pop(), int(years.pop()))
        row = table.get(key)
        for m in _VALUE.finditer(sentence) if row else ():
            before, after = sentence[max(0, m.start() - 25):m.start()], sentence[m.end():m.end() + 12]
            if re.search(r"median|average|mean|gap|change|rise|fall|distance", before, re.I) or \
               re.search(r"^\s*(?:points?\s+)?(?:above|below|higher|lower|more|less|up|down)\b", after):
                continue
            published = row[_INDEX[m.group(1)]]
            if published == "":
                continue
            checked += 1
            decimals = len(m.group(2).split(".")[1])
            if abs(float(m.group(2)) - float(published)) > 0.5 * 10 ** -decimals + 1e-9:
                wrong.append(f"{key[0]} {key[1]} {m.group(1)} {m.group(2)}, the table has {published}: {sentence[:140]}")
    return wrong, checked


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def test_the_figure_checker_finds_a_figure_that_contradicts_the_table(survey_table):
    ok, n = _contradictions("In 2024, Bangladesh had an EGDI of 0.6570 and an OSI of 0.74.", survey_table)
    assert (ok, n) == ([], 2)
    wrong, _ = _contradictions("In 2024, Bangladesh had an EGDI of 0.4862.", survey_table)
    assert wrong and "BGD 2024 EGDI 0.4862, the table has 0.65696" in wrong[0]
    skipped, n = _contradictions("In 2024 Bangladesh's TII was 0.12 below the Asian average.", survey_table)
    assert (skipped, n) == ([], 0)


def test_figures_in_lessons_notebooks_and_quizzes_match_the_table(course, survey_table):
    import yaml

    wrong, checked = [], 0
    sources = [(lesson.source, _text(lesson)) for lesson in course.lessons]
    sources += [(p, "\n\n".join(_strings(yaml.safe_load(p.read_text(encoding="utf-8")))))
                for p in sorted((REPO / "quizzes").glob("*.yml"))]
    for path, text in sources:
        found, n = _contradictions(text, survey_table)
        checked += n
        wrong += [f"{path.relative_to(REPO)}: {w}" for w in found]
    assert checked >= 50, checked  # the checker reads the course's figures, it does not skip them all
    assert wrong == [], "\n".join(wrong)


def test_ordering_questions_by_egdi_follow_the_table(course, survey_table):
    table, names, _ = survey_table
    found = 0
    for quiz in course.quizzes:
        for q in quiz.questions:
            m = re.search(r"in order of their EGDI in (\d{4}), highest first", getattr(q, "prompt", ""))
            if q.type != "ordering" or not m:
                continue
            found += 1
            year = int(m.group(1))
            scores = [float(table[(names[item], year)]["egdi"]) for item in q.items]
            assert scores == sorted(scores, reverse=True), f"{quiz.id}/{q.id}: {list(zip(q.items, scores))}"
    assert found >= 1


def test_every_lesson_has_a_learner_activity_with_a_model_answer(course):
    """A person learning alone practises in every lesson: a 'Try it yourself' activity outside the
    facilitator notes, with a model answer inside it to compare with (issue 16, section 3)."""
    missing = []
    for lesson in course.lessons:
        text = _text(lesson)
        if lesson.kind == "notebook":
            blocks = re.findall(r'<div class="admonition activity".*?</details>\s*</div>', text, flags=re.S)
            ok = any('<details class="answer">' in b for b in blocks)
        else:
            blocks = re.findall(r"^!!! activity.*?(?=^\S|\Z)", text, flags=re.S | re.M)
            ok = any(re.search(r"^    \?\?\? answer", b, flags=re.M) for b in blocks)
        if not ok:
            missing.append(str(lesson.source.relative_to(REPO)))
    assert missing == [], missing


def test_true_false_answers_are_balanced(course):
    """A learner cannot pass the true-false questions by always answering "False" (or "True"): the share of true statements stays between 30% and 70%."""
    from coursekit.model import TrueFalseQ

    answers = [q.answer for quiz in course.quizzes for q in quiz.questions if isinstance(q, TrueFalseQ)]
    assert len(answers) >= 20
    share = sum(1 for a in answers if a is True) / len(answers)
    assert 0.30 <= share <= 0.70, f"{share:.0%} of {len(answers)} true-false statements are true"
