"""Strict builds: the real course, a fixture course, bad input, and one-path sites."""

from __future__ import annotations

import html
import json
import re
from html import unescape
from pathlib import Path

import pytest

from conftest import REPO, english_pages, run_build
from coursekit import load_course


def lesson_pages(site: Path) -> dict[str, str]:
    """Built lesson pages by lesson id (from their data-lesson attribute)."""
    out = {}
    for f in english_pages(site):
        text = f.read_text(encoding="utf-8")
        for m in re.finditer(r'<article class="lesson[^"]*" data-lesson="([^"]+)"', text):
            assert m.group(1) not in out, f"lesson {m.group(1)} appears twice ({f})"
            out[m.group(1)] = text
    return out


def check_lesson_contract(html: str, lesson) -> None:
    root = re.search(r'<article class="lesson[^"]*"([^>]*)>', html).group(1)
    assert f'data-lesson="{lesson.id}"' in root
    assert f'data-module="{lesson.module_id}"' in root
    assert f'data-minutes="{lesson.minutes}"' in root
    objectives = re.search(r"<ul data-objectives>(.*?)</ul>", html, re.S).group(1)
    keypoints = re.search(r"<ul data-keypoints>(.*?)</ul>", html, re.S).group(1)
    assert objectives.count("<li>") == len(lesson.meta.objectives) >= 2
    assert keypoints.count("<li>") == len(lesson.meta.keypoints) >= 2
    assert re.search(r"<button[^>]*data-complete[^>]*>[^<]*complete", html, re.I)
    h1 = re.search(r'<header class="lesson-head">.*?<h1[^>]*>(.*?)</h1>', html, re.S)
    assert h1 and unescape(re.sub(r"<[^>]+>", "", h1.group(1))).strip() == lesson.title, f"{lesson.id}: h1 is not the title"


def test_mini_course_builds_strictly_with_the_lesson_contract(mini_site):
    course, _ = load_course(REPO / "tests/fixtures/mini/course", REPO / "tests/fixtures/mini/quizzes")
    pages = lesson_pages(mini_site)
    assert set(pages) == {lesson.id for lesson in course.lessons}
    for lesson in course.lessons:
        check_lesson_contract(pages[lesson.id], lesson)
    module = (mini_site / "alpha/index.html").read_text()
    assert 'data-module="alpha"' in module and "50 minutes" in module
    assert 'data-module="alpha"' in (mini_site / "alpha/quiz/index.html").read_text()
    nb = pages["nb-lesson"]
    assert "lesson--notebook" in nb and (mini_site / "beta/nb-lesson/nb-lesson.ipynb").exists()
    glossary = (mini_site / "glossary/index.html").read_text()
    assert "data-glossary" in glossary and 'id="term-egdi"' in glossary
    # the outline opens the joined page script (coursekit/site.py BUNDLES)
    script = (mini_site / "assets/course/course.js").read_text()
    assert script.startswith("window.COURSE_OUTLINE=")
    data = json.JSONDecoder().raw_decode(script, len("window.COURSE_OUTLINE="))[0]
    assert [m["id"] for m in data["modules"]] == ["alpha", "beta"]
    assert data["modules"][0]["lessons"][0]["url"] == "alpha/first-lesson/"


def test_real_course_builds_strictly_and_every_lesson_keeps_the_contract(site_dir):
    course, _ = load_course(REPO / "course", REPO / "quizzes")
    pages = lesson_pages(site_dir)
    assert set(pages) == {lesson.id for lesson in course.lessons}
    for lesson in course.lessons:
        check_lesson_contract(pages[lesson.id], lesson)
    for m in course.modules:
        assert f'data-module="{m.id}"' in (site_dir / m.id / "index.html").read_text()


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def _orphan_quiz(project: Path) -> None:
    (project / "quizzes/orphan.yml").write_text(
        "questions:\n  - {id: a, type: true-false, prompt: P, answer: true, explanation: E}\n")


# Bad input, one row each: (what to break in a copy of the fixture course, build options, what the
# message must say). Every row must stop the build with those words and no Python traceback.
BAD_INPUT = {
    "lesson without objectives": (
        lambda p: _edit(p / "course/alpha/second-lesson.md", "objectives:\n  - Name two things\n  - Name a third thing\n", ""),
        {}, ("course/alpha/second-lesson.md", "[objectives]", "required key is missing")),
    "manifest names a missing lesson": (
        lambda p: _edit(p / "course/course.yml", "lessons: [nb-lesson]", "lessons: [nb-lesson, ghost]"),
        {}, ("course/course.yml:12", "ghost")),
    "lesson listed twice": (
        lambda p: _edit(p / "course/course.yml", "lessons: [nb-lesson]", "lessons: [nb-lesson, second-lesson]"),
        {}, ("duplicate lesson id 'second-lesson'",)),
    "unknown question type": (
        lambda p: _edit(p / "quizzes/first-lesson.yml", "type: ordering", "type: sorting"),
        {}, ("quizzes/first-lesson.yml:36 [questions[5].type]", "unknown question type 'sorting'", "fill-blank")),
    "fill-in-the-blank without a blank": (
        lambda p: _edit(p / "quizzes/alpha-final.yml", "questions:\n",
                        "questions:\n  - {id: b, type: fill-blank, prompt: P, text: No blank here., explanation: E}\n"),
        {}, ("quizzes/alpha-final.yml:2 [questions[0].text]", "needs at least one blank")),
    "path names a missing lesson": (
        lambda p: _edit(p / "course/paths.yml", "lessons: [first-lesson, nb-lesson]", "lessons: [first-lesson, gone]"),
        {}, ("course/paths.yml:6 [paths[0].lessons[1]]",)),
    "quiz no lesson uses (strict build)": (_orphan_quiz, {"strict": True}, ("quizzes/orphan.yml", "not used")),
    "unknown learning path": (
        lambda p: None, {"env": {"LEARNING_PATH": "nope"}}, ("LEARNING_PATH names unknown path 'nope'", "short, everything")),
}


@pytest.mark.parametrize("case", list(BAD_INPUT))
def test_bad_input_stops_the_build_with_a_clear_message(mini_project, tmp_path, case):
    from conftest import fails_cleanly

    breaks, options, needles = BAD_INPUT[case]
    breaks(mini_project)
    fails_cleanly(run_build(mini_project, tmp_path / "out", env=options.get("env"), strict=options.get("strict", False)),
                  *needles)


def test_unused_quiz_fails_only_the_strict_build(mini_project, tmp_path):
    _orphan_quiz(mini_project)
    assert run_build(mini_project, tmp_path / "out", strict=False).returncode == 0


@pytest.mark.parametrize("offline", [False, True])
def test_learning_path_site_holds_exactly_that_paths_lessons(mini_project, tmp_path, offline):
    env = {"LEARNING_PATH": "short"}
    if offline:
        env["OFFLINE"] = "true"
    dest = tmp_path / "out"
    proc = run_build(mini_project, dest, env=env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert set(lesson_pages(dest)) == {"first-lesson", "nb-lesson"}
    assert not list(dest.rglob("second-lesson*"))
    assert (dest / ("paths/short/index.html")).exists()
    assert not (dest / "paths/everything").exists()
    # A link to a lesson the path site does not hold becomes text that says so, not a dead link.
    first = (dest / ("alpha/first-lesson.html" if offline else "alpha/first-lesson/index.html")).read_text()
    assert "second-lesson" not in first
    assert "second lesson <span class=\"not-in-path\">(in the full course, not in this path)</span>" in first


def test_real_course_one_path_site(tmp_path):
    course, _ = load_course(REPO / "course", REPO / "quizzes")
    smallest = min(course.paths, key=lambda p: len(p.all_lessons))
    dest = tmp_path / "path-site"
    proc = run_build(REPO, dest, env={"LEARNING_PATH": smallest.id})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert set(lesson_pages(dest)) == set(smallest.all_lessons)


def test_choice_options_are_shuffled_stably_so_position_gives_nothing_away(site_dir, offline_dir):
    """Single and multiple choice: shown in a stable shuffled order (values keep the authored
    index), so the right option is not usually the first; another build (the offline edition)
    shows every question's options in the same order."""
    def orders(site: Path) -> dict[str, tuple[list[int], list[int], str]]:
        out = {}
        for f in english_pages(site):
            text = f.read_text(encoding="utf-8")
            for m in re.finditer(r'<div class="quiz-q" id="([^"]+)"[^>]*data-qtype="(single|multiple)"'
                                 r'[^>]*data-key="([^"]+)"[^>]*>(.*?)</fieldset>', text, re.S):
                key = json.loads(html.unescape(m.group(3)))
                values = [int(v) for v in re.findall(r'<input type="(?:radio|checkbox)"[^>]*value="(\d+)"', m.group(4))]
                out[m.group(1)] = (values, key["correct"], m.group(2))
        return out

    shown = orders(site_dir)
    singles = [(v, c) for v, c, t in shown.values() if t == "single"]
    assert len(singles) >= 40 and len([1 for v, c, t in shown.values() if t == "multiple"]) >= 20
    for qid, (values, _, _) in shown.items():
        assert sorted(values) == list(range(len(values))), f"{qid}: options {values} are not one of each"
    first_right = sum(1 for v, c in singles if v[0] in c)
    assert first_right / len(singles) <= 0.45, f"{first_right} of {len(singles)} single-choice questions show the right option first"
    authored = sum(1 for v, _ in singles if v == sorted(v))
    assert authored / len(singles) <= 0.25, f"{authored} of {len(singles)} questions keep the authored order"
    assert orders(offline_dir) == shown, "another build must show every question's options in the same order"
