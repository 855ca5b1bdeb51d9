"""The course model on good and bad sources: every error names the file and the line or key."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from coursekit import CourseError, load_course
from coursekit.loader import restrict_to_path

FIX = Path(__file__).parent / "fixtures" / "mini"
REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def src(tmp_path) -> Path:
    shutil.copytree(FIX / "course", tmp_path / "course")
    shutil.copytree(FIX / "quizzes", tmp_path / "quizzes")
    return tmp_path


def load(root: Path):
    return load_course(root / "course", root / "quizzes")


def errors_of(root: Path) -> str:
    with pytest.raises(CourseError) as info:
        load(root)
    return str(info.value)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1))


def test_fixture_course_loads_into_an_immutable_model(src):
    course, warnings = load(src)
    assert [m.id for m in course.modules] == ["alpha", "beta"]
    assert [lesson.id for lesson in course.lessons] == ["first-lesson", "second-lesson", "nb-lesson"]
    nb = course.lesson("nb-lesson")
    assert nb.kind == "notebook" and nb.minutes == 25 and nb.src_uri == "beta/nb-lesson.ipynb"
    first = course.lesson("first-lesson")
    assert first.quiz_refs[0].quiz_id == "first-lesson" and first.quiz_refs[0].line == 24
    assert course.module("alpha").minutes == 50
    assert {q.type for q in course.quiz("first-lesson").questions} == {
        "single", "multiple", "true-false", "numeric", "short-text", "ordering", "matching"}
    assert warnings == []
    with pytest.raises(Exception):
        course.modules[0].title = "changed"  # frozen


def test_real_course_loads(tmp_path):
    course, warnings = load_course(REPO / "course", REPO / "quizzes")
    assert len(course.modules) == 6
    assert all(len(m.lessons) >= 1 for m in course.modules)
    assert [w for w in warnings] == [], "\n".join(map(str, warnings))


def test_lesson_without_objectives_names_file_and_key(src):
    edit(src / "course/alpha/second-lesson.md", "objectives:\n  - Name two things\n  - Name a third thing\n", "")
    msg = errors_of(src)
    assert "course/alpha/second-lesson.md" in msg
    assert "[objectives]" in msg and "required key is missing" in msg


def test_too_few_objectives_names_the_line(src):
    edit(src / "course/alpha/second-lesson.md", "  - Name a third thing\n", "")
    msg = errors_of(src)
    assert "course/alpha/second-lesson.md:4 [objectives]" in msg and "at least 2" in msg


def test_unknown_lesson_in_manifest(src):
    edit(src / "course/course.yml", "lessons: [nb-lesson]", "lessons: [nb-lesson, ghost-lesson]")
    msg = errors_of(src)
    assert "course/course.yml:12 [modules[1].lessons[1]]" in msg
    assert "ghost-lesson" in msg and "create the lesson file" in msg


def test_duplicate_lesson_id(src):
    edit(src / "course/course.yml", "lessons: [nb-lesson]", "lessons: [nb-lesson, first-lesson]")
    msg = errors_of(src)
    assert "duplicate lesson id 'first-lesson'" in msg and "modules[1].lessons[1]" in msg


def test_several_errors_are_reported_together(src):
    edit(src / "course/course.yml", "lessons: [nb-lesson]", "lessons: [nb-lesson, ghost-lesson]")
    edit(src / "course/alpha/first-lesson.md", "minutes: 20", "minutes: twenty")
    with pytest.raises(CourseError) as info:
        load(src)
    assert len(info.value.problems) == 2
    assert "first-lesson.md:3 [minutes]" in str(info.value)


def test_notebook_without_lesson_metadata(src):
    nb_path = src / "course/beta/nb-lesson.ipynb"
    nb = json.loads(nb_path.read_text())
    del nb["metadata"]["course"]["keypoints"]
    nb_path.write_text(json.dumps(nb))
    msg = errors_of(src)
    assert "course/beta/nb-lesson.ipynb [metadata.course.keypoints]" in msg


def test_unknown_front_matter_key(src):
    edit(src / "course/alpha/second-lesson.md", "minutes: 30", "minutes: 30\nminuets: 5")
    msg = errors_of(src)
    assert "second-lesson.md:4 [minuets]" in msg and "unknown key" in msg


def test_malformed_front_matter_yaml(src):
    edit(src / "course/alpha/second-lesson.md", "minutes: 30", "minutes: [30")
    msg = errors_of(src)
    assert "course/alpha/second-lesson.md:" in msg and "malformed YAML" in msg


# ---------------------------------------------------------------- quizzes


def test_malformed_quiz_yaml(src):
    edit(src / "quizzes/first-lesson.yml", "    type: multiple", "    type: [multiple")
    msg = errors_of(src)
    assert "quizzes/first-lesson.yml:" in msg and "malformed YAML" in msg


def test_unknown_question_type(src):
    edit(src / "quizzes/first-lesson.yml", "type: true-false", "type: yes-no")
    msg = errors_of(src)
    assert "quizzes/first-lesson.yml:19 [questions[2].type]" in msg
    assert "unknown question type 'yes-no'" in msg


def test_single_choice_with_two_correct(src):
    edit(src / "quizzes/first-lesson.yml", '{text: A sum of two indices, feedback: "No: it is a mean."}',
         '{text: A sum of two indices, correct: true}')
    msg = errors_of(src)
    assert "quizzes/first-lesson.yml:3 [questions[0]]" in msg and "exactly one option" in msg and "found 2" in msg


def test_single_choice_with_no_correct(src):
    edit(src / "quizzes/first-lesson.yml", "{text: A mean of three indices, correct: true, feedback: Yes.}",
         "{text: A mean of three indices, feedback: Yes.}")
    msg = errors_of(src)
    assert "[questions[0]]" in msg and "found 0" in msg


def test_numeric_without_answer(src):
    edit(src / "quizzes/first-lesson.yml", "    answer: 0.55\n", "")
    msg = errors_of(src)
    assert "quizzes/first-lesson.yml:24 [questions[3].answer]" in msg and "required key is missing" in msg


def test_duplicate_question_ids(src):
    edit(src / "quizzes/first-lesson.yml", "id: pick-many", "id: pick-one")
    msg = errors_of(src)
    assert "quizzes/first-lesson.yml" in msg and "duplicate question id 'pick-one'" in msg


def test_marker_naming_missing_quiz(src):
    edit(src / "course/alpha/first-lesson.md", "<!-- quiz: first-lesson -->", "<!-- quiz: no-such-quiz -->")
    msg = errors_of(src)
    assert "course/alpha/first-lesson.md:24" in msg and "no-such-quiz" in msg


def test_unused_quiz_is_a_warning(src):
    (src / "quizzes/orphan.yml").write_text(
        "questions:\n  - {id: a, type: true-false, prompt: P, answer: true, explanation: E}\n")
    _, warnings = load(src)
    assert any("quizzes/orphan.yml" in str(w) and "not used" in str(w) for w in warnings)


def test_question_without_explanation_is_a_warning(src):
    edit(src / "quizzes/alpha-final.yml", "    explanation: It is listed first.\n", "")
    _, warnings = load(src)
    assert any("quizzes/alpha-final.yml:2 [questions[0].explanation]" in str(w) for w in warnings)


# ---------------------------------------------------------------- paths and glossary


def test_path_naming_unknown_lesson(src):
    edit(src / "course/paths.yml", "lessons: [first-lesson, nb-lesson]", "lessons: [first-lesson, lost-lesson]")
    msg = errors_of(src)
    assert "course/paths.yml:6 [paths[0].lessons[1]]" in msg and "lost-lesson" in msg


def test_empty_path(src):
    edit(src / "course/paths.yml", "lessons: [first-lesson, nb-lesson]", "lessons: []")
    msg = errors_of(src)
    assert "course/paths.yml" in msg and "[paths[0]]" in msg and "at least one lesson" in msg


def test_glossary_term_defined_twice_is_a_warning(src):
    (src / "course/glossary/zz-more.yml").write_text(
        "terms:\n  - {term: Something, abbr: EGDI, definition: Twice.}\n")
    _, warnings = load(src)
    assert any("glossary/zz-more.yml:2" in str(w) and "defined twice" in str(w) for w in warnings)


def test_restrict_to_path_keeps_only_its_lessons(src):
    course, _ = load(src)
    small = restrict_to_path(course, "short")
    assert [lesson.id for lesson in small.lessons] == ["first-lesson", "nb-lesson"]
    assert [p.id for p in small.paths] == ["short"]
    with pytest.raises(CourseError) as info:
        restrict_to_path(course, "nope")
    assert "LEARNING_PATH names unknown path 'nope'" in str(info.value)


def test_assessment_and_canvas_are_validated(src):
    course, _ = load(src)
    assert len(course.assessment.dimensions) == 6 and len(course.canvas.blocks) == 12
    edit(src / "course/assessment.yml", "lessons: [first-lesson]", "lessons: [missing-lesson]")
    msg = errors_of(src)
    assert "course/assessment.yml:" in msg and "missing-lesson" in msg and "[dimensions[0].lessons[0]]" in msg
    edit(src / "course/assessment.yml", "lessons: [missing-lesson]", "lessons: [first-lesson]")
    edit(src / "course/assessment.yml", "id: strategy-sdgs", "id: strategy-exists")
    assert "repeated: strategy-exists" in errors_of(src)


def test_acronym_without_glossary_entry_is_a_warning(src):
    edit(src / "course/alpha/second-lesson.md", "Plain text with", "The OSI and the `CODE` are plain text with")
    _, warnings = load(src)
    texts = [str(w) for w in warnings]
    assert any("course/alpha/second-lesson.md:15" in t and "acronym 'OSI'" in t for t in texts), texts
    assert not any("'CODE'" in t for t in texts)


def test_an_acronym_defined_on_its_page_needs_no_glossary_entry(src):
    edit(src / "course/alpha/second-lesson.md", "Plain text with", "Send an SMS. The OSI and plain text with")
    p = src / "course/alpha/second-lesson.md"
    p.write_text(p.read_text(encoding="utf-8").rstrip("\n") + "\n\n*[SMS]: Short Message Service\n", encoding="utf-8")
    texts = [str(w) for w in load(src)[1]]
    assert any("acronym 'OSI'" in t for t in texts) and not any("'SMS'" in t for t in texts), texts


def test_acronym_tooltips_cover_plurals(src):
    from coursekit.pages import abbreviations

    course, _ = load(src)
    abbrs = abbreviations(course)
    assert abbrs["EGDI"] == "E-Government Development Index"
    assert abbrs["EGDIs"] == "E-Government Development Index"


def test_an_option_marked_last_stays_last_and_the_order_is_stable():
    from coursekit.model import Option
    from coursekit.questions import shown_order

    opts = [Option(text=f"Option {i}", correct=i == 0) for i in range(5)] + [Option(text="None of these", last=True)]
    orders = {tuple(shown_order(opts, f"q-quiz-{n}")) for n in range(30)}
    assert all(o[-1] == 5 and sorted(o) == list(range(6)) for o in orders)
    assert len(orders) > 5, "different questions get different orders"
    assert all(o[:5] != (0, 1, 2, 3, 4) for o in orders), "the authored order is never kept"
    assert shown_order(opts, "q-quiz-1") == shown_order(opts, "q-quiz-1")


def test_last_must_be_a_boolean(src):
    edit(src / "quizzes/first-lesson.yml", "{text: TII, correct: true}", "{text: TII, correct: true, last: maybe}")
    msg = errors_of(src)
    assert "quizzes/first-lesson.yml" in msg and "last" in msg


# --------------------------------------------------------------------------- caches by content


def test_an_edited_quiz_shows_up_in_the_next_build_of_the_same_process(src):
    """``mkdocs serve`` loads the course again in the same process after each edit: parsed YAML
    and rendered Markdown are kept by content, so the edit is read, never an old copy."""
    from coursekit.quizhtml import render_quiz

    course, _ = load(src)
    assert "Which is the EGDI?" in render_quiz(course.quiz("first-lesson"))
    edit(src / "quizzes/first-lesson.yml", "prompt: Which is the EGDI?", "prompt: Which **one** is the EGDI?")
    course, _ = load(src)
    assert course.quiz("first-lesson").questions[0].prompt == "Which **one** is the EGDI?"
    html = render_quiz(course.quiz("first-lesson"))
    assert "Which <strong>one</strong> is the EGDI?" in html and "Which is the EGDI?" not in html
    edit(src / "quizzes/first-lesson.yml", "prompt: Which **one** is the EGDI?", "prompt: Which is the EGDI?")
    course, _ = load(src)  # and back: the first text's result again
    assert "Which is the EGDI?" in render_quiz(course.quiz("first-lesson"))


def test_an_edit_breaking_a_quiz_is_reported_after_a_good_load(src):
    load(src)
    edit(src / "quizzes/first-lesson.yml", "    prompt: Which is the EGDI?", "    prompt: [Which is")
    assert "quizzes/first-lesson.yml" in errors_of(src)


def test_the_cache_on_disk_serves_a_new_process_and_is_keyed_by_content(src, tmp_path, monkeypatch):
    from coursekit import memo

    folder = tmp_path / "cache"
    monkeypatch.setattr(memo, "_FOLDER", [])
    memo.use_folder(folder)
    load(src)
    memo.save()
    assert (folder / "yaml.pickle").is_file() and (folder / "markdown.pickle").is_file()
    # A new process: nothing in memory, the same folder.
    for m in memo._MEMOS:
        m.clear()
    monkeypatch.setattr(memo, "_FOLDER", [])
    assert memo.use_folder(folder) > 0
    assert memo.use_folder(folder) == 0, "read once per process"
    edit(src / "quizzes/first-lesson.yml", "prompt: Which is the EGDI?", "prompt: Which one is the EGDI?")
    course, _ = load(src)
    assert course.quiz("first-lesson").questions[0].prompt == "Which one is the EGDI?"
    memo.save()
    for m in memo._MEMOS:
        m.clear()
    monkeypatch.setattr(memo, "_FOLDER", [])
    memo.use_folder(folder)
    course, _ = load(src)
    assert course.quiz("first-lesson").questions[0].prompt == "Which one is the EGDI?"


def test_a_cache_file_of_another_version_or_broken_is_ignored(tmp_path):
    from coursekit.memo import ContentMemo

    old = ContentMemo("t", "v1", register=False)
    old.put("key", "old result")
    old.save(tmp_path)
    assert ContentMemo("t", "v2", register=False).load(tmp_path) == 0  # another version
    again = ContentMemo("t", "v1", register=False)
    assert again.load(tmp_path) == 1 and again.get("key") == "old result"
    (tmp_path / "t.pickle").write_bytes(b"not a pickle")
    assert ContentMemo("t", "v1", register=False).load(tmp_path) == 0


def test_the_cache_on_disk_drops_what_no_recent_build_used(tmp_path):
    from coursekit.memo import ContentMemo

    m = ContentMemo("t", "v1", register=False)
    m.put("a", 1)
    m.put("b", 2)
    m.save(tmp_path)
    for _ in range(ContentMemo.KEEP_BUILDS):  # later builds use a only (one learning path, say)
        fresh = ContentMemo("t", "v1", register=False)
        assert fresh.load(tmp_path) == 2 and fresh.get("a") == 1
        fresh.save(tmp_path)
    fresh = ContentMemo("t", "v1", register=False)
    fresh.load(tmp_path)
    fresh.get("a")
    fresh.save(tmp_path)  # b unused for more than KEEP_BUILDS builds
    last = ContentMemo("t", "v1", register=False)
    assert last.load(tmp_path) == 1 and last.get("a") == 1 and last.get("b") is None


def test_markdown_strings_render_as_before_when_kept():
    from coursekit.html import md_block, md_inline

    for _ in range(2):  # the second time from the memo
        assert md_inline("An *EGDI* [link](javascript:alert(1))") == "An <em>EGDI</em> <a>link</a>"
        assert md_inline("<b>raw</b>") == "&lt;b&gt;raw&lt;/b&gt;"
        assert md_block("One\n\nTwo") == "<p>One</p>\n<p>Two</p>"
        assert md_inline("") == "" and md_inline(None) == ""


@pytest.mark.parametrize("pattern,flags,anchors,offset", [
    (r'\b(id|for|aria-labelledby)="([^"]+)"', 0, (), 0),
    (r"\bdata-(lesson|minutes|question|qtype|key|complete)=", 0, (), 0),
    (r'\b(href|src)="([^"]*)"', 0, (), 0),
    (r"""\bsrc=["']([^"'#?]+)""", __import__("re").I, (), 0),
    (r"""\bsrc=["']([^"'#?]+)""", __import__("re").I, ("c=", "C="), 2),
])
def test_word_patterns_match_as_the_regex_does(pattern, flags, anchors, offset):
    import random
    import re

    from coursekit.scan import WordPattern

    rx, wp = re.compile(pattern, flags), WordPattern(pattern, flags, anchors=anchors, offset=offset)
    pieces = ['id="a"', 'grid="b"', ' for="c"', "_for=\"d\"", 'aria-labelledby="e"', "-id=\"f\"", 'data-lesson=',
              "xdata-key=", " data-complete=", 'href="../x/"', 'src="y.png"', 'data-src="z"', "SRC='q.js'",
              "ſrc='long-s'", 'isrc="w"', " ", "\n", "é", 'id=""', '"', "=", "c=", "src=", "<img "]
    rnd = random.Random(7)
    for n in range(400):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 30)))
        assert [m.span() for m in wp.finditer(text)] == [m.span() for m in rx.finditer(text)], text
        assert wp.findall(text) == rx.findall(text), text
        assert wp.sub(lambda m: f"<{m.group(0)}>", text) == rx.sub(lambda m: f"<{m.group(0)}>", text), text


def test_script_url_check_and_acronyms_as_before():
    from coursekit.checks import find_acronyms
    from coursekit.loader import script_url_in

    assert script_url_in("[x](javascript:alert(1))") == "javascript:"
    assert script_url_in("[x](JavaScripT:alert(1))") == "JavaScripT:"
    assert script_url_in("see java&#x73;cript&colon;x") == "javascript:"
    assert script_url_in("[x](data:text/html,hi)") == "data:text/html,hi"
    assert script_url_in("![x](data:image/png;base64,AA)") is None
    assert script_url_in("<a href='vbscript:x'>") == "vbscript:"
    assert script_url_in("[ref]: data:text/html,x") == "data:text/html,x"
    assert script_url_in("A plain line with no scheme at all") is None
    assert script_url_in("data:text/html,x", is_url=True) == "data:text/html,x"
    assert find_acronyms("The `EGDI` and <abbr>OSI</abbr> [TII](https://x.org/HCI) and LDCs at https://a.b/SDG\n") == [
        ("OSI", 1), ("TII", 1), ("LDC", 1)]  # code, the tag, the link target and the URL are not prose
