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
