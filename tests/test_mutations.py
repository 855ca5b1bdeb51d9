"""Bad sources, one mutation at a time, over a copy of the REAL course.

Every row of :data:`MUTATIONS` breaks (or makes hostile) one thing in a copy of the
repository and expects either a build that stops with a clear message naming the
file (and no Python traceback), or a build that succeeds with a correct page.
Mutations are written against the structure of the sources (a front-matter key, a
quiz's first question, a notebook's cells), not against their wording, so that they
keep working while the course text changes.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest
import yaml

from conftest import REPO, fails_cleanly, make_real_project, run_build

FAST = {"NOTEBOOK_EXECUTE": "false"}


# --------------------------------------------------------------------------- what to break


def _manifest() -> dict:
    return yaml.safe_load((REPO / "course/course.yml").read_text(encoding="utf-8"))


def _lessons() -> list[tuple[str, str, Path]]:
    """(module id, lesson id, source path relative to the repository) in course order."""
    out = []
    for m in _manifest()["modules"]:
        for lid in m["lessons"]:
            for ext in (".md", ".ipynb"):
                if (REPO / "course" / m["id"] / f"{lid}{ext}").exists():
                    out.append((m["id"], lid, Path("course") / m["id"] / f"{lid}{ext}"))
    return out


def _md_lessons_with_quiz() -> list[tuple[str, Path]]:
    """Markdown lessons that place their own quiz (marker ``<!-- quiz: <lesson id> -->``)."""
    return [(lid, p) for _, lid, p in _lessons()
            if p.suffix == ".md" and f"<!-- quiz: {lid} -->" in (REPO / p).read_text(encoding="utf-8")]


MD_A, MD_B = _md_lessons_with_quiz()[:2]  # (lesson id, path)
NB = next(p for _, _, p in _lessons() if p.suffix == ".ipynb")
MODULE = _manifest()["modules"][0]
MODULE_QUIZ = MODULE["quiz"]
QUIZ = Path("quizzes") / f"{MD_A[0]}.yml"
NUMERIC_QUIZ = next(p.relative_to(REPO) for p in sorted((REPO / "quizzes").glob("*.yml"))
                    if "type: numeric" in p.read_text(encoding="utf-8"))
GLOSSARY = sorted((REPO / "course/glossary").glob("*.yml"))[0].relative_to(REPO)


# --------------------------------------------------------------------------- edits


def text_edit(rel: Path | str, fn: Callable[[str], str]):
    def apply(proj: Path):
        p = proj / rel
        before = p.read_text(encoding="utf-8")
        after = fn(before)
        assert after != before, f"the mutation did not change {rel}"
        p.write_text(after, encoding="utf-8")
    return apply


def bytes_edit(rel: Path | str, junk: bytes = b"caf\xe9 \xff"):
    """Put bytes that are not UTF-8 in the middle of a file (inside a string or a comment)."""
    def apply(proj: Path):
        p = proj / rel
        data = p.read_bytes()
        if p.suffix == ".ipynb":  # inside the first cell's source text
            i = data.index(b'"source": [') + len(b'"source": [') + 2
        else:
            i = data.index(b"\n", len(data) // 2) + 1
            junk_line = b"# " + junk + b"\n" if p.suffix in (".yml", ".yaml") else junk + b"\n"
            p.write_bytes(data[:i] + junk_line + data[i:])
            return
        p.write_bytes(data[:i] + junk + data[i:])
    return apply


def front_matter(rel: Path, key: str, value: str):
    """Set a top-level front-matter key of a Markdown lesson to ``value`` (raw YAML)."""
    return text_edit(rel, lambda t: re.sub(rf"^{key}:.*$", lambda m: f"{key}: {value}", t, count=1, flags=re.M))


def add_front_matter(rel: Path, line: str):
    return text_edit(rel, lambda t: t.replace("---\n", "---\n" + line + "\n", 1))


def yaml_edit(rel: Path | str, fn: Callable[[dict], None]):
    def apply(proj: Path):
        p = proj / rel
        data = yaml.safe_load(p.read_text(encoding="utf-8"))
        fn(data)
        p.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return apply


def nb_edit(rel: Path, fn: Callable[[dict], object]):
    def apply(proj: Path):
        p = proj / rel
        nb = json.loads(p.read_text(encoding="utf-8"))
        out = fn(nb)
        p.write_text(json.dumps(nb if out is None else out, indent=1), encoding="utf-8")
    return apply


def write(rel: str, text: str):
    def apply(proj: Path):
        (proj / rel).write_text(text, encoding="utf-8")
    return apply


def marker(rel: Path, quiz_id: str):
    return text_edit(rel, lambda t: t.rstrip("\n") + f"\n\n<!-- quiz: {quiz_id} -->\n")


def _set_first(data: dict, key: str, value):
    data["questions"][0][key] = value


def _numeric(data: dict, key: str, value):
    next(q for q in data["questions"] if q["type"] == "numeric")[key] = value


def _set_reading_url(url: str):
    """Give a further-reading item the URL ``url`` (replacing its own when it has one)."""
    def fn(t: str) -> str:
        if re.search(r"^    url: ", t, flags=re.M):
            return re.sub(r"^    url: .*$", lambda m: f"    url: {url}", t, count=1, flags=re.M)
        return re.sub(r"^(further_reading:\n  - title: .*)$", lambda m: f"{m.group(1)}\n    url: {url}", t,
                      count=1, flags=re.M)
    return fn


BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(9))
BOMB_QUIZ = BOMB + "questions:\n  - {id: q, type: true-false, prompt: P, answer: true, explanation: E}\n"


# --------------------------------------------------------------------------- the table


@dataclass
class Mutation:
    id: str
    edits: list
    needles: tuple = ()  # each must appear in the build output (a failing build)
    page: Callable[[Path], None] | None = None  # set for a build that must succeed: checks the site
    env: dict = field(default_factory=lambda: dict(FAST))
    memory_mb: int | None = None
    seconds: float | None = None  # the build must end within this time


def _all_html(site: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in site.rglob("*.html"))


def _quoted_titles_page(site: Path) -> None:
    page = (site / "paths/complete/index.html").read_text(encoding="utf-8")
    assert "<h1" in page
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S).group(1)
    assert "The &quot;short&quot; path" in h1 or 'The "short" path' in h1, h1
    assert "title:" not in re.sub(r"<[^>]+>", "", page), "front matter must not show as text"
    lesson = _page_of(site, MD_A[1])
    assert re.search(r"<h1>Back\\slash C:\\new</h1>", lesson), "a backslash in a title shows as written"


def _page_of(site: Path, rel: Path) -> str:
    stem = rel.relative_to("course").with_suffix("")
    return (site / stem / "index.html").read_text(encoding="utf-8")


HOSTILE = '<img src=x onerror="alert(1)"><script>alert(2)</script><b>bold</b>'


def _hostile_text_is_escaped(site: Path) -> None:
    import lxml.html

    shown = 0
    for f in site.rglob("*.html"):
        doc = lxml.html.fromstring(f.read_bytes())
        where = f.relative_to(site)
        assert not doc.xpath("//*[@onerror]"), f"{where}: an author's onerror attribute is live"
        assert not doc.xpath('//script[not(@type="application/json")][contains(., "alert(2)")]'), f"{where}: an author's script is live"
        assert not doc.xpath('//b[. = "bold"]'), f"{where}: an author's <b> is live"
        shown += "<script>alert(2)</script>" in doc.text_content()
    assert shown >= 5, "the author's text is shown as written (escaped), not dropped"
    lesson = lxml.html.fromstring(_page_of(site, MD_A[1]).encode())
    assert "Lesson <b>bold</b>" in lesson.xpath("string(//h1)")
    assert any("Lesson <b>bold</b>" in a.text_content() for a in lesson.xpath("//nav//a")), "the navigation shows it as text"


def _fenced_marker_is_text(site: Path) -> None:
    page = _page_of(site, MD_B[1])
    assert page.count('data-quiz="') == 1, "only the live marker becomes a quiz"
    code = re.findall(r"<pre[^>]*>.*?</pre>", page, re.S)
    assert any("quiz: " in c for c in code), "the marker in a code block is shown as code"


MUTATIONS = [
    # --- encoding: a byte that is not UTF-8, in every kind of source
    Mutation("utf8-lesson", [bytes_edit(MD_A[1])], (str(MD_A[1]), "not UTF-8", "byte offset")),
    Mutation("utf8-quiz", [bytes_edit(QUIZ)], (str(QUIZ), "not UTF-8", "byte offset")),
    Mutation("utf8-manifest", [bytes_edit("course/course.yml")], ("course/course.yml", "not UTF-8")),
    Mutation("utf8-glossary", [bytes_edit(GLOSSARY)], (str(GLOSSARY), "not UTF-8")),
    Mutation("utf8-notebook", [bytes_edit(NB)], (str(NB), "not UTF-8", "byte offset")),
    Mutation("utf8-paths", [bytes_edit("course/paths.yml")], ("course/paths.yml", "not UTF-8")),
    Mutation("utf8-canvas", [bytes_edit("course/canvas.yml")], ("course/canvas.yml", "not UTF-8")),
    Mutation("utf8-assessment", [bytes_edit("course/assessment.yml")], ("course/assessment.yml", "not UTF-8")),
    # --- YAML: no anchors or aliases (the alias bomb must fail fast, in little memory)
    Mutation("alias-bomb-quiz", [write(str(QUIZ), BOMB_QUIZ)], (str(QUIZ), "aliases are not allowed"),
             memory_mb=3072, seconds=120),
    Mutation("alias-front-matter", [add_front_matter(MD_A[1], "summary: &s Short"),
                                    add_front_matter(MD_A[1], "x-note: *s")], (str(MD_A[1]), "aliases")),
    Mutation("anchor-manifest", [text_edit("course/course.yml", lambda t: t.replace("modules:", "modules: &mods", 1))],
             ("course/course.yml", "anchors and aliases")),
    # --- a key given twice
    Mutation("dup-front-matter-key", [add_front_matter(MD_A[1], "title: Another title")],
             (str(MD_A[1]), "key 'title' is given twice")),
    Mutation("dup-quiz-key", [text_edit(QUIZ, lambda t: re.sub(r"^(\s+)(prompt: .*)$", r"\1\2\n\1prompt: Again", t,
                                                                count=1, flags=re.M))],
             (str(QUIZ), "key 'prompt' is given twice")),
    Mutation("dup-manifest-key", [text_edit("course/course.yml", lambda t: t.replace("\nmodules:", "\ntitle: Again\nmodules:", 1))],
             ("course/course.yml", "key 'title' is given twice")),
    # --- booleans and strings where whole numbers belong
    Mutation("minutes-true", [front_matter(MD_A[1], "minutes", "true")], (str(MD_A[1]), "[minutes]", "whole number")),
    Mutation("minutes-string", [front_matter(MD_A[1], "minutes", '"45"')], (str(MD_A[1]), "[minutes]")),
    Mutation("activity-minutes-true", [add_front_matter(MD_B[1], "activity_minutes: true")
                                       if "activity_minutes:" not in (REPO / MD_B[1]).read_text()
                                       else front_matter(MD_B[1], "activity_minutes", "true")],
             (str(MD_B[1]), "activity_minutes")),
    Mutation("day-minutes-true", [yaml_edit("course/paths.yml", lambda d: d["paths"][0].update(day_minutes=True))],
             ("course/paths.yml", "day_minutes")),
    Mutation("notebook-minutes-true", [nb_edit(NB, lambda nb: nb["metadata"]["course"].update(minutes=True))],
             (str(NB), "metadata.course.minutes")),
    # --- numbers that are not finite
    Mutation("nan-answer", [yaml_edit(NUMERIC_QUIZ, lambda d: _numeric(d, "answer", float("nan")))],
             (str(NUMERIC_QUIZ), "not a finite number")),
    Mutation("inf-tolerance", [yaml_edit(NUMERIC_QUIZ, lambda d: _numeric(d, "tolerance", float("inf")))],
             (str(NUMERIC_QUIZ), "not a finite number")),
    Mutation("nan-notebook-metadata", [text_edit(NB, lambda t: re.sub(r'"minutes": \d+', '"minutes": NaN', t, count=1))],
             (str(NB), "not a finite number")),
    # --- notebooks of the wrong shape
    Mutation("notebook-is-a-list", [nb_edit(NB, lambda nb: [nb])], (str(NB), "must be a JSON object")),
    Mutation("notebook-metadata-string", [nb_edit(NB, lambda nb: nb.update(metadata="course"))],
             (str(NB), "[metadata]", "must be an object")),
    Mutation("notebook-cell-number", [nb_edit(NB, lambda nb: nb["cells"].insert(1, 42))], (str(NB), "[cells[1]]", "cell 2")),
    Mutation("notebook-cells-string", [nb_edit(NB, lambda nb: nb.update(cells="none"))], (str(NB), "[cells]")),
    Mutation("notebook-source-number", [nb_edit(NB, lambda nb: nb["cells"][0].update(source=7))],
             (str(NB), "cells[0].source")),
    # --- one quiz, one file, one place
    Mutation("quiz-two-extensions", [lambda proj: (proj / QUIZ.with_suffix(".yaml")).write_text((proj / QUIZ).read_text())],
             (str(QUIZ.with_suffix(".yaml")), "has two files")),
    Mutation("quiz-twice-on-a-page", [marker(MD_A[1], MD_A[0])], (str(MD_A[1]), "placed twice on this page")),
    Mutation("quiz-in-two-lessons", [marker(MD_B[1], MD_A[0])], (str(MD_B[1]), "placed twice", str(MD_A[1]))),
    Mutation("module-quiz-in-a-lesson", [marker(MD_A[1], MODULE_QUIZ)], (str(MD_A[1]), "end-of-module quiz")),
    Mutation("module-quiz-for-two-modules",
             [yaml_edit("course/course.yml", lambda d: d["modules"][1].update(quiz=MODULE_QUIZ))],
             ("course/course.yml", "already the end-of-module quiz")),
    # --- prerequisites form a graph without cycles
    Mutation("self-prerequisite", [front_matter(MD_A[1], "prerequisites", f"[{MD_A[0]}]")
                                   if "prerequisites:" in (REPO / MD_A[1]).read_text()
                                   else add_front_matter(MD_A[1], f"prerequisites: [{MD_A[0]}]")],
             (str(MD_A[1]), "names itself as a prerequisite")),
    Mutation("prerequisite-cycle", [
        (front_matter(MD_A[1], "prerequisites", f"[{MD_B[0]}]") if "prerequisites:" in (REPO / MD_A[1]).read_text()
         else add_front_matter(MD_A[1], f"prerequisites: [{MD_B[0]}]")),
        (front_matter(MD_B[1], "prerequisites", f"[{MD_A[0]}]") if "prerequisites:" in (REPO / MD_B[1]).read_text()
         else add_front_matter(MD_B[1], f"prerequisites: [{MD_A[0]}]")),
    ], ("prerequisites form a cycle", MD_A[0], MD_B[0])),
    # --- script URLs, wherever a source string can hold one
    Mutation("javascript-further-reading", [text_edit(MD_A[1], _set_reading_url('"javascript:alert(1)"'))],
             (str(MD_A[1]), "script URL", "further_reading[0].url")),
    Mutation("javascript-quiz-prompt", [yaml_edit(QUIZ, lambda d: _set_first(d, "prompt", "See [this](javascript:alert(1))"))],
             (str(QUIZ), "script URL", "questions[0].prompt")),
    Mutation("obfuscated-javascript-objective",
             [text_edit(MD_A[1], lambda t: re.sub(r"^(objectives:\n)", lambda m: m.group(1) + "  - '[x](JaVa&#115;cript&colon;alert(1)) go'\n", t,
                                                 count=1, flags=re.M))],
             (str(MD_A[1]), "script URL", "objectives")),
    Mutation("data-url-glossary", [yaml_edit(GLOSSARY, lambda d: d["terms"][0].update(
        definition="[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"))],
             (str(GLOSSARY), "script URL", "terms[0].definition")),
    Mutation("see-also-names-nothing", [yaml_edit(GLOSSARY, lambda d: d["terms"][0].update(see=["No such term"]))],
             (str(GLOSSARY), "see-also 'No such term'", "terms[0].see[0]")),
    Mutation("see-also-split-by-a-comma", [text_edit("course/glossary/m5-monitoring.yml", lambda t: t.replace(
        '"Specific, measurable, achievable, relevant and time-bound"]', "Specific, measurable, achievable, relevant and time-bound]"))],
             ("course/glossary/m5-monitoring.yml", "a comma splits")),
    Mutation("vbscript-lesson-body", [text_edit(MD_A[1], lambda t: t.rstrip("\n") + "\n\n[Run](vbscript:msgbox(1))\n")],
             (str(MD_A[1]), "script URL")),
    Mutation("javascript-canvas-question", [yaml_edit("course/canvas.yml", lambda d: d["blocks"][0]["questions"].append(
        "<a href='javascript:alert(1)'>x</a>"))], ("course/canvas.yml", "script URL", "blocks[0].questions")),
    Mutation("javascript-notebook-cell", [nb_edit(NB, lambda nb: nb["cells"][0].update(source="[x](javascript:alert(1))"))],
             (str(NB), "script URL", "cell 1")),
    Mutation("javascript-path-description", [yaml_edit("course/paths.yml", lambda d: d["paths"][0].update(
        description="<a href=javascript:alert(1)>go</a>"))], ("course/paths.yml", "script URL", "paths[0].description")),
    # --- a runaway notebook cell: stopped after the cell timeout, with the right cell number
    Mutation("runaway-notebook-cell", [nb_edit(NB, lambda nb: nb["cells"].insert(2, {
        "cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": "while True:\n    pass"}))],
             (str(NB), "cell 3", "ran longer than 5 seconds"), env={"NOTEBOOK_CELL_TIMEOUT": "5"}),
    # --- builds that must succeed, with a correct page
    Mutation("quote-and-backslash-titles", [
        yaml_edit("course/paths.yml", lambda d: d["paths"][0].update(title='The "short" path')),
        front_matter(MD_A[1], "title", "'Back\\slash C:\\new'"),
    ], page=_quoted_titles_page),
    Mutation("raw-html-in-author-text", [
        yaml_edit(QUIZ, lambda d: (_set_first(d, "prompt", HOSTILE), _set_first(d, "explanation", HOSTILE))),
        yaml_edit(GLOSSARY, lambda d: d["terms"][0].update(definition=HOSTILE)),
        yaml_edit("course/course.yml", lambda d: d["modules"][0].update(title="Module <b>bold</b>", summary=HOSTILE)),
        yaml_edit("course/paths.yml", lambda d: d["paths"][0].update(title="Path <b>bold</b>", description=HOSTILE)),
        yaml_edit("course/assessment.yml", lambda d: d["dimensions"][0]["statements"][0].update(text=HOSTILE)),
        # a text changed, not a question added: the canvas's translations keep its structure
        yaml_edit("course/canvas.yml", lambda d: d["blocks"][0]["questions"].__setitem__(0, HOSTILE)),
        front_matter(MD_A[1], "title", "'Lesson <b>bold</b>'"),
        text_edit(MD_A[1], lambda t: re.sub(r"^(objectives:\n  - )", lambda m: m.group(1) + HOSTILE.replace('"', "'") + " ", t,
                                            count=1, flags=re.M)),
    ], page=_hostile_text_is_escaped),
    Mutation("quiz-marker-in-fenced-code", [
        text_edit(MD_B[1], lambda t: t.rstrip("\n") + f"\n\n```markdown\n<!-- quiz: {MD_A[0]} -->\n```\n"),
    ], page=_fenced_marker_is_text),
]


@pytest.mark.parametrize("mutation", MUTATIONS, ids=[m.id for m in MUTATIONS])
def test_mutation(mutation: Mutation, tmp_path):
    proj = make_real_project(tmp_path)
    for edit in mutation.edits:
        edit(proj)
    start = time.monotonic()
    proc = run_build(proj, tmp_path / "site", env=mutation.env, memory_mb=mutation.memory_mb)
    elapsed = time.monotonic() - start
    if mutation.seconds is not None:
        assert elapsed < mutation.seconds, f"the build took {elapsed:.0f} s"
    if mutation.page is None:
        fails_cleanly(proc, *mutation.needles)
    else:
        out = proc.stdout + proc.stderr
        assert proc.returncode == 0, out[-3000:]
        mutation.page(tmp_path / "site")
