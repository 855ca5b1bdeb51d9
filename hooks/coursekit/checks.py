"""The cross-file checks of a course, as data.

Each :class:`Check` has a name and a function that reads the :class:`~coursekit.loader.Sources`
and records problems in a :class:`~coursekit.errors.Collector`; :data:`CHECKS` is the
list the loader runs, in order. A check never raises: every problem of every check is
reported at once by the one formatter, :class:`~coursekit.errors.CourseError`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from .errors import Collector
from .mdtext import prose_lines
from .yamlio import key_str, line_for

if TYPE_CHECKING:
    from .loader import Sources


@dataclass(frozen=True)
class Check:
    name: str
    run: Callable[["Sources", Collector], None]


def quiz_markers_name_quizzes(src: "Sources", col: Collector) -> None:
    known = set(src.quiz_files)  # a quiz file that is invalid has its own error already
    for lesson in src.lessons:
        for ref in lesson.quiz_refs:
            if ref.quiz_id not in known:
                col.error(lesson.source, f"quiz marker names quiz '{ref.quiz_id}', which does not exist",
                          line=ref.line, fix=f"create quizzes/{ref.quiz_id}.yml or correct the id")
    for mi, module in enumerate(src.modules):
        if module.quiz and module.quiz not in known:
            key = ("modules", mi, "quiz")
            col.error(src.manifest_file, f"module quiz '{module.quiz}' does not exist", line=line_for(src.mlines, key),
                      key=key_str(key), fix=f"create quizzes/{module.quiz}.yml or correct the id")


def quizzes_placed_once(src: "Sources", col: Collector) -> None:
    """A quiz has one place: once on one lesson page, or as one module's end-of-module quiz
    (two placements would repeat element ids, so labels would check the wrong answer)."""
    module_quiz: dict[str, str] = {}
    for mi, module in enumerate(src.modules):
        if not module.quiz:
            continue
        if module.quiz in module_quiz:
            key = ("modules", mi, "quiz")
            col.error(src.manifest_file, f"quiz '{module.quiz}' is already the end-of-module quiz of module "
                      f"'{module_quiz[module.quiz]}'", line=line_for(src.mlines, key), key=key_str(key),
                      fix="give each module its own quiz")
            continue
        module_quiz[module.quiz] = module.id
    placed: dict[str, tuple[str, int]] = {}
    for lesson in src.lessons:
        rel = col.rel(lesson.source)
        for ref in lesson.quiz_refs:
            if ref.quiz_id in module_quiz:
                col.error(lesson.source, f"quiz '{ref.quiz_id}' is the end-of-module quiz of module "
                          f"'{module_quiz[ref.quiz_id]}' and cannot also be placed in a lesson", line=ref.line,
                          fix="remove the marker, or write a separate self-check quiz for the lesson")
            elif ref.quiz_id in placed:
                where, line = placed[ref.quiz_id]
                same = where == rel
                col.error(lesson.source, f"quiz '{ref.quiz_id}' is placed twice"
                          + (f" on this page (first on line {line})" if same else f" (also in {where}, line {line})"),
                          line=ref.line, fix="place each quiz once; write another quiz for the other place")
            else:
                placed[ref.quiz_id] = (rel, ref.line)


def unused_quizzes(src: "Sources", col: Collector) -> None:
    used = {r.quiz_id for lesson in src.lessons for r in lesson.quiz_refs} | {m.quiz for m in src.modules if m.quiz}
    for quiz in src.quizzes:
        if quiz.id not in used:
            col.warn(quiz.source or src.qdir, f"quiz '{quiz.id}' is not used by any lesson or module",
                     fix=f"add <!-- quiz: {quiz.id} --> to a lesson, or delete the file")


def prerequisites_exist(src: "Sources", col: Collector) -> None:
    for lesson in src.lessons:
        for pre in lesson.meta.prerequisites:
            if pre == lesson.id:
                col.error(lesson.source, "the lesson names itself as a prerequisite", key="prerequisites",
                          fix="remove its own id from prerequisites")
            elif pre not in src.listed_lessons:
                col.error(lesson.source, f"prerequisite '{pre}' is not a lesson of the course", key="prerequisites")


def prerequisites_acyclic(src: "Sources", col: Collector) -> None:
    """No chain of prerequisites leads back to where it started."""
    graph = {lesson.id: [p for p in lesson.meta.prerequisites if p != lesson.id] for lesson in src.lessons}
    by_id = {lesson.id: lesson for lesson in src.lessons}
    state: dict[str, int] = {}  # 1 = on the current chain, 2 = done
    reported: set[frozenset] = set()

    def visit(node: str, chain: list[str]) -> None:
        state[node] = 1
        chain.append(node)
        for nxt in graph.get(node, []):
            if state.get(nxt) == 1:
                cycle = chain[chain.index(nxt):] + [nxt]
                if frozenset(cycle) not in reported:
                    reported.add(frozenset(cycle))
                    col.error(by_id[nxt].source, "prerequisites form a cycle: " + " -> ".join(cycle),
                              key="prerequisites", fix="remove one prerequisite so the chain has a start")
            elif nxt in graph and state.get(nxt) is None:
                visit(nxt, chain)
        chain.pop()
        state[node] = 2

    for lesson_id in graph:
        if state.get(lesson_id) is None:
            visit(lesson_id, [])


def paths_name_lessons(src: "Sources", col: Collector) -> None:
    if src.paths_file is None:
        return
    known, file, lines = src.listed_lessons, src.paths_file, src.plines
    ids: set[str] = set()
    for pi, p in enumerate(src.paths):
        if p.id in ids:
            col.error(file, f"duplicate path id '{p.id}'", line=line_for(lines, ("paths", pi, "id")), key=f"paths[{pi}].id")
        ids.add(p.id)
        if p.sessions:
            keys = [(("paths", pi, "sessions", si, "lessons", li), lid)
                    for si, s in enumerate(p.sessions) for li, lid in enumerate(s.lessons)]
        else:
            keys = [(("paths", pi, "lessons", li), lid) for li, lid in enumerate(p.lessons)]
        for key, lid in keys:
            if lid not in known:
                col.error(file, f"path '{p.id}' names lesson '{lid}', which does not exist",
                          line=line_for(lines, key), key=key_str(key), fix="use a lesson id from course/course.yml")
        dup = {x for x in p.all_lessons if p.all_lessons.count(x) > 1}
        if dup:
            col.error(file, f"path '{p.id}' lists lesson(s) {sorted(dup)} more than once", key=f"paths[{pi}]")


def assessment_names_lessons(src: "Sources", col: Collector) -> None:
    tool = src.tools.get("assessment")
    if tool is None:
        return
    tfile, tlines = src.tool_files["assessment"]
    for di, d in enumerate(tool.dimensions):
        for li, lid in enumerate(d.lessons):
            if lid not in src.listed_lessons:
                k = ("dimensions", di, "lessons", li)
                col.error(tfile, f"dimension '{d.id}' links to lesson '{lid}', which does not exist",
                          line=line_for(tlines, k), key=key_str(k), fix="use a lesson id from course/course.yml")


_ACRONYM = re.compile(r"\b([A-Z][A-Z0-9]{1,7})(?:s|'s)?\b")
# Code, HTML tags, link targets and URLs are not prose: each pattern after a string every
# match of it contains, and what it leaves in place of a match.
_NOT_PROSE = [
    ("`", re.compile(r"`[^`]*`"), " "),
    ("<", re.compile(r"<[^>]*>"), " "),
    ("](", re.compile(r"\]\([^)]*\)"), "] "),
    ("http", re.compile(r"https?://\S+"), " "),
]
_NOT_ACRONYMS = {"II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII", "XX", "XXI", "OK", "TV", "AM", "PM"}


def find_acronyms(text: str) -> list[tuple[str, int]]:
    """Acronyms used in Markdown prose, with their line; code, URLs and HTML tags are skipped."""
    out = []
    for n, line in prose_lines(text):
        if line.lstrip().startswith("*["):
            continue
        clean = line
        for needle, rx, repl in _NOT_PROSE:  # a line without the needle has nothing to blank
            if needle in clean:
                clean = rx.sub(repl, clean)
        for m in _ACRONYM.finditer(clean):
            word = m.group(1)
            if sum(c.isalpha() for c in word) >= 2 and word not in _NOT_ACRONYMS:
                out.append((word, n))
    return out


_PAGE_ABBR = re.compile(r"^\*\[([^\]]+)\]:", re.M)  # Markdown's abbreviation definition, on one page


def acronyms_in_glossary(src: "Sources", col: Collector) -> None:
    # a translation may quote an English name with its English acronym (a published title, "the
    # Government CIO"): the entry's English acronym holds too
    abbrs = {a for t in src.glossary for a in (t.abbr, t.english) if a}
    # a translation's acronyms (ONU, ODD) are checked once every glossary file has its
    # translation: until then their entries may sit in a file still shown in English
    glossary_done = all(g in src.translated for g in (src.root / "glossary").glob("*.y*ml"))
    for lesson in src.lessons:
        if lesson.id not in src.bodies or lesson.language != src.language:
            continue  # a lesson shown in English in another language's site was checked in English
        if lesson.language != "en" and not glossary_done:
            continue
        body, offset = src.bodies[lesson.id]
        reported: set[str] = set(_PAGE_ABBR.findall(body))  # defined on the page: *[SMS]: ...
        for word, line in find_acronyms(body):
            if word not in abbrs and word not in reported:
                reported.add(word)
                col.warn(lesson.source, f"acronym '{word}' has no glossary entry", line=line + offset,
                         fix=f"add a term with abbr: {word} to a file in course/glossary/, or define it on the page: *[{word}]: its meaning")


CHECKS: tuple[Check, ...] = (
    Check("quiz markers and module quizzes name existing quizzes", quiz_markers_name_quizzes),
    Check("every quiz is placed once", quizzes_placed_once),
    Check("every quiz is used", unused_quizzes),
    Check("prerequisites are lessons of the course", prerequisites_exist),
    Check("prerequisites have no cycle", prerequisites_acyclic),
    Check("learning paths name existing lessons, once each", paths_name_lessons),
    Check("assessment dimensions link existing lessons", assessment_names_lessons),
    Check("every acronym has a glossary entry", acronyms_in_glossary),
)
