"""Load and validate the course sources into one immutable :class:`Course`.

All problems are collected and raised together as a :class:`CourseError`, each
naming the file, the line or key, and what to do.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, Field, ValidationError

from .errors import Collector, CourseError, Problem
from .model import (
    QUESTION_TYPES,
    Assessment,
    Canvas,
    Course,
    LearningPath,
    Lesson,
    LessonMeta,
    Module,
    Quiz,
    QuizRef,
    Strict,
    Term,
    Id,
    Text,
)
from .yamlio import YamlSyntaxError, key_str, line_for, load_yaml, split_front_matter

QUIZ_MARKER = re.compile(r"<!--\s*quiz\s*:\s*([^\s>]+)\s*-->")

M = TypeVar("M", bound=BaseModel)


# --------------------------------------------------------------------------- manifest schema


class ManifestModule(Strict):
    id: Id
    title: Text
    summary: Text
    lessons: Annotated[tuple[Id, ...], Field(min_length=1)]
    quiz: Id | None = None


class Manifest(Strict):
    id: Id
    title: Text
    subtitle: str | None = None
    modules: tuple[ManifestModule, ...]


class PathsFile(Strict):
    paths: tuple[LearningPath, ...]


class GlossaryFile(Strict):
    terms: tuple[Term, ...]


# --------------------------------------------------------------------------- helpers


def _clean_loc(loc: tuple) -> tuple:
    """Drop pydantic's union tags (``questions.0.single.options`` -> ``questions.0.options``)."""
    out = []
    for part in loc:
        if isinstance(part, str) and (part in QUESTION_TYPES or part.startswith("function-")):
            continue
        out.append(part)
    return tuple(out)


def _message(err: dict) -> str:
    kind = err.get("type", "")
    if kind == "missing":
        return "required key is missing"
    if kind == "extra_forbidden":
        return "unknown key (check its spelling)"
    if kind == "union_tag_invalid":
        tag = err.get("ctx", {}).get("tag")
        return f"unknown question type '{tag}'; use one of: {', '.join(QUESTION_TYPES)}"
    if kind == "union_tag_not_found":
        return f"a question needs a 'type'; use one of: {', '.join(QUESTION_TYPES)}"
    if kind == "too_short":
        ctx = err.get("ctx", {})
        return f"needs at least {ctx.get('min_length')} item(s), found {ctx.get('actual_length')}"
    msg = err.get("msg", "invalid value")
    return msg.removeprefix("Value error, ")


def validate(
    model: type[M],
    data: Any,
    *,
    file: Path,
    lines: dict,
    col: Collector,
    offset: int = 0,
    prefix: tuple = (),
    context: dict | None = None,
    fix: str | None = None,
) -> M | None:
    """Validate ``data`` against ``model``; on failure record every error with its line."""
    try:
        return model.model_validate(data, context=context)
    except ValidationError as exc:
        for err in exc.errors():
            loc = _clean_loc(err["loc"])
            if err.get("type", "").startswith("union_tag"):
                loc = loc + ("type",)
            full = prefix + loc
            col.error(
                file,
                _message(err),
                line=line_for(lines, full, offset),
                key=key_str(full) or None,
                fix=fix,
            )
        return None


def _read_yaml(path: Path, col: Collector) -> tuple[Any, dict] | None:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        col.error(path, f"cannot read the file: {exc.strerror}")
        return None
    try:
        return load_yaml(text)
    except YamlSyntaxError as exc:
        col.error(path, str(exc), line=exc.line, fix="fix the YAML syntax (indentation, quotes, colons)")
        return None


# --------------------------------------------------------------------------- lessons


def _load_markdown_lesson(path: Path, col: Collector) -> tuple[dict | None, dict, int, str]:
    text = path.read_text(encoding="utf-8")
    fm, body, offset = split_front_matter(text)
    if fm is None:
        col.error(
            path,
            "the lesson has no front matter",
            line=1,
            fix="start the file with '---', the keys title, minutes, objectives and keypoints, then '---'",
        )
        return None, {}, 0, text
    try:
        data, lines = load_yaml(fm)
    except YamlSyntaxError as exc:
        col.error(path, str(exc) + " in the front matter", line=(exc.line or 0) + offset or None)
        return None, {}, 0, body
    if not isinstance(data, dict):
        col.error(path, "the front matter must be a mapping of keys", line=2)
        return None, {}, 0, body
    return data, lines, offset, text


def _load_notebook_lesson(path: Path, col: Collector) -> tuple[dict | None, str]:
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        line = getattr(exc, "lineno", None)
        col.error(path, f"the notebook is not valid JSON: {exc}", line=line, fix="open and save it again in Jupyter")
        return None, ""
    meta = (nb.get("metadata") or {}).get("course")
    if not isinstance(meta, dict):
        col.error(
            path,
            "the notebook has no lesson metadata",
            key="metadata.course",
            fix="add a 'course' object to the notebook metadata with title, minutes, objectives and keypoints",
        )
        return None, ""
    # Markdown cells, joined, so quiz markers can be found (line = cell number).
    md = []
    for i, cell in enumerate(nb.get("cells", [])):
        if cell.get("cell_type") == "markdown":
            src = cell.get("source", "")
            md.append((i, "".join(src) if isinstance(src, list) else src))
    return meta, json.dumps(md)


_ACRONYM = re.compile(r"\b([A-Z][A-Z0-9]{1,7})(?:s|'s)?\b")
_NOT_ACRONYMS = {"II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII", "XX", "XXI", "OK", "TV", "AM", "PM"}


def find_acronyms(text: str) -> list[tuple[str, int]]:
    """Acronyms used in Markdown prose, with their line; code, URLs and HTML tags are skipped."""
    out = []
    fence = False
    for n, line in enumerate(text.splitlines(), start=1):
        if line.lstrip().startswith(("```", "~~~")):
            fence = not fence
            continue
        if fence or line.lstrip().startswith("*["):
            continue
        clean = re.sub(r"`[^`]*`", " ", line)
        clean = re.sub(r"<[^>]*>", " ", clean)
        clean = re.sub(r"\]\([^)]*\)", "] ", clean)
        clean = re.sub(r"https?://\S+", " ", clean)
        for m in _ACRONYM.finditer(clean):
            word = m.group(1)
            if sum(c.isalpha() for c in word) >= 2 and word not in _NOT_ACRONYMS:
                out.append((word, n))
    return out


def _find_markers(text: str) -> list[tuple[str, int]]:
    out = []
    for n, line in enumerate(text.splitlines(), start=1):
        for m in QUIZ_MARKER.finditer(line):
            out.append((m.group(1), n))
    return out


def _load_lesson(root: Path, module_id: str, lesson_id: str, col: Collector, where: dict) -> Lesson | None:
    folder = root / module_id
    candidates = [folder / f"{lesson_id}.md", folder / f"{lesson_id}.ipynb"]
    found = [p for p in candidates if p.exists()]
    if not found:
        col.error(
            where["file"],
            f"lesson '{lesson_id}' is listed but no file course/{module_id}/{lesson_id}.md or .ipynb exists",
            line=where["line"],
            key=where["key"],
            fix="create the lesson file or remove the id from the manifest",
        )
        return None
    if len(found) > 1:
        col.error(found[0], f"lesson '{lesson_id}' exists as both .md and .ipynb", fix="keep one of them")
        return None
    path = found[0]
    if path.suffix == ".md":
        data, lines, offset, text = _load_markdown_lesson(path, col)
        if data is None:
            return None
        markers = _find_markers(text)
        kind = "markdown"
        meta = validate(
            LessonMeta, data, file=path, lines=lines, col=col, offset=offset,
            fix="see README, 'Adding a lesson', for the front matter keys",
        )
    else:
        data, md = _load_notebook_lesson(path, col)
        if data is None:
            return None
        markers = []
        for cell_no, src in json.loads(md):
            for quiz_id, _ in _find_markers(src):
                markers.append((quiz_id, cell_no + 1))
        kind = "notebook"
        meta = validate(
            LessonMeta, data, file=path, lines={}, col=col, prefix=("metadata", "course"),
            fix="edit the notebook metadata 'course' object",
        )
    if meta is None:
        return None
    return Lesson(
        id=lesson_id,
        module_id=module_id,
        kind=kind,
        source=path,
        src_uri=f"{module_id}/{path.name}",
        meta=meta,
        quiz_refs=tuple(QuizRef(quiz_id=q, line=n) for q, n in markers),
    )


# --------------------------------------------------------------------------- quizzes


def _load_quizzes(qdir: Path, col: Collector) -> list[Quiz]:
    quizzes = []
    if not qdir.is_dir():
        return quizzes
    for path in sorted(qdir.glob("*.y*ml")):
        loaded = _read_yaml(path, col)
        if loaded is None:
            continue
        data, lines = loaded
        if not isinstance(data, dict):
            col.error(path, "a quiz file must be a mapping with a 'questions' list", line=1)
            continue
        data = dict(data)
        stem = path.stem
        if data.setdefault("id", stem) != stem:
            col.error(path, f"quiz id '{data['id']}' differs from the file name '{stem}'",
                      line=line_for(lines, ("id",)), key="id", fix="make the id match the file name, or drop it")
            continue
        data["source"] = path
        quiz = validate(Quiz, data, file=path, lines=lines, col=col)
        if quiz is not None:
            for i, q in enumerate(quiz.questions):
                if not q.explanation:
                    col.warn(path, "question has no explanation", line=line_for(lines, ("questions", i)),
                             key=f"questions[{i}].explanation", fix="add an explanation shown after checking")
            quizzes.append(quiz)
    return quizzes


# --------------------------------------------------------------------------- course


def load_course(root: Path | str, quiz_dir: Path | str | None = None) -> tuple[Course, list[Problem]]:
    """Load ``root`` (the ``course/`` folder) and the quizzes beside it.

    Returns the course and the warnings; raises :class:`CourseError` listing
    every error when anything is wrong.
    """
    root = Path(root).resolve()
    qdir = Path(quiz_dir).resolve() if quiz_dir else root.parent / "quizzes"
    col = Collector(root.parent)
    manifest_path = root / "course.yml"
    if not manifest_path.exists():
        col.error(manifest_path, "the course manifest is missing", fix="create course/course.yml (see README)")
        col.raise_if_errors()
    loaded = _read_yaml(manifest_path, col)
    col.raise_if_errors()
    data, mlines = loaded  # type: ignore[misc]
    manifest = validate(Manifest, data, file=manifest_path, lines=mlines, col=col)
    col.raise_if_errors()
    assert manifest is not None

    # Modules and lessons --------------------------------------------------
    modules: list[Module] = []
    seen_lessons: dict[str, str] = {}
    seen_modules: set[str] = set()
    for mi, mm in enumerate(manifest.modules):
        if mm.id in seen_modules:
            col.error(manifest_path, f"duplicate module id '{mm.id}'", line=line_for(mlines, ("modules", mi, "id")),
                      key=f"modules[{mi}].id", fix="give every module its own id")
            continue
        seen_modules.add(mm.id)
        lessons = []
        for li, lesson_id in enumerate(mm.lessons):
            key = ("modules", mi, "lessons", li)
            if lesson_id in seen_lessons:
                col.error(manifest_path, f"duplicate lesson id '{lesson_id}' (already in module '{seen_lessons[lesson_id]}')",
                          line=line_for(mlines, key), key=key_str(key), fix="lesson ids must be unique across the course")
                continue
            seen_lessons[lesson_id] = mm.id
            lesson = _load_lesson(root, mm.id, lesson_id, col,
                                  {"file": manifest_path, "line": line_for(mlines, key), "key": key_str(key)})
            if lesson is not None:
                lessons.append(lesson)
        folder = root / mm.id
        if folder.is_dir():
            for f in sorted(folder.iterdir()):
                if f.suffix in (".md", ".ipynb") and f.stem not in mm.lessons:
                    col.warn(f, f"lesson file is not listed in module '{mm.id}' of the manifest",
                             fix="add its id to the module's lessons in course/course.yml, or delete it")
        modules.append(Module(id=mm.id, number=mi + 1, title=mm.title, summary=mm.summary,
                              lessons=tuple(lessons), quiz=mm.quiz))

    # Quizzes ---------------------------------------------------------------
    quizzes = _load_quizzes(qdir, col)
    # A quiz file that exists but is invalid has its own error already: no follow-on error.
    quiz_ids = {q.id for q in quizzes} | {p.stem for p in qdir.glob("*.y*ml")}
    used: set[str] = set()
    for m_index, module in enumerate(modules):
        for lesson in module.lessons:
            for ref in lesson.quiz_refs:
                used.add(ref.quiz_id)
                if ref.quiz_id not in quiz_ids:
                    col.error(lesson.source, f"quiz marker names quiz '{ref.quiz_id}', which does not exist",
                              line=ref.line, fix=f"create quizzes/{ref.quiz_id}.yml or correct the id")
            for pre in lesson.meta.prerequisites:
                if pre not in seen_lessons:
                    col.error(lesson.source, f"prerequisite '{pre}' is not a lesson of the course", key="prerequisites")
        if module.quiz:
            used.add(module.quiz)
            if module.quiz not in quiz_ids:
                key = ("modules", m_index, "quiz")
                col.error(manifest_path, f"module quiz '{module.quiz}' does not exist", line=line_for(mlines, key),
                          key=key_str(key), fix=f"create quizzes/{module.quiz}.yml or correct the id")
    for quiz in quizzes:
        if quiz.id not in used:
            col.warn(quiz.source or qdir, f"quiz '{quiz.id}' is not used by any lesson or module",
                     fix=f"add <!-- quiz: {quiz.id} --> to a lesson, or delete the file")

    # Paths -----------------------------------------------------------------
    paths: list[LearningPath] = []
    paths_file = root / "paths.yml"
    if paths_file.exists():
        loaded = _read_yaml(paths_file, col)
        if loaded:
            pdata, plines = loaded
            pf = validate(PathsFile, pdata, file=paths_file, lines=plines, col=col)
            if pf:
                ids: set[str] = set()
                for pi, p in enumerate(pf.paths):
                    if p.id in ids:
                        col.error(paths_file, f"duplicate path id '{p.id}'", line=line_for(plines, ("paths", pi, "id")),
                                  key=f"paths[{pi}].id")
                    ids.add(p.id)
                    _check_path_lessons(p, pi, seen_lessons, paths_file, plines, col)
                paths = list(pf.paths)

    # Glossary --------------------------------------------------------------
    terms: list[Term] = []
    seen_terms: dict[str, str] = {}
    for gfile in sorted((root / "glossary").glob("*.y*ml")):
        loaded = _read_yaml(gfile, col)
        if not loaded:
            continue
        gdata, glines = loaded
        gf = validate(GlossaryFile, gdata, file=gfile, lines=glines, col=col)
        if not gf:
            continue
        for ti, t in enumerate(gf.terms):
            for k in {t.term.lower(), (t.abbr or t.term).lower()}:
                if k in seen_terms:
                    col.warn(gfile, f"glossary term '{k}' is defined twice (also in {seen_terms[k]})",
                             line=line_for(glines, ("terms", ti)), key=f"terms[{ti}]", fix="keep one definition")
                seen_terms[k] = col.rel(gfile)
            terms.append(t)
    terms.sort(key=lambda t: t.term.lower())

    # Content lint: every acronym in a Markdown lesson has a glossary entry --------
    abbrs = {t.abbr for t in terms if t.abbr}
    for lesson in (x for m in modules for x in m.lessons if x.kind == "markdown"):
        _, body, _ = split_front_matter(lesson.source.read_text(encoding="utf-8"))
        offset = lesson.source.read_text(encoding="utf-8").count("\n") - body.count("\n")
        reported: set[str] = set()
        for word, line in find_acronyms(body):
            if word not in abbrs and word not in reported:
                reported.add(word)
                col.warn(lesson.source, f"acronym '{word}' has no glossary entry", line=line + offset,
                         fix=f"add a term with abbr: {word} to a file in course/glossary/")

    # Workshop tools ---------------------------------------------------------
    tools: dict = {}
    for key, model in (("assessment", Assessment), ("canvas", Canvas)):
        tfile = root / f"{key}.yml"
        if not tfile.exists():
            continue
        loaded = _read_yaml(tfile, col)
        if not loaded:
            continue
        tdata, tlines = loaded
        tool = validate(model, tdata, file=tfile, lines=tlines, col=col)
        if tool is None:
            continue
        if isinstance(tool, Assessment):
            for di, d in enumerate(tool.dimensions):
                for li, lid in enumerate(d.lessons):
                    if lid not in seen_lessons:
                        k = ("dimensions", di, "lessons", li)
                        col.error(tfile, f"dimension '{d.id}' links to lesson '{lid}', which does not exist",
                                  line=line_for(tlines, k), key=key_str(k), fix="use a lesson id from course/course.yml")
        tools[key] = tool

    col.raise_if_errors()
    course = Course(
        id=manifest.id, title=manifest.title, subtitle=manifest.subtitle, root=root,
        modules=tuple(modules), quizzes=tuple(quizzes), paths=tuple(paths), glossary=tuple(terms),
        **tools,
    )
    return course, col.warnings


def _check_path_lessons(p: LearningPath, pi: int, known: dict, file: Path, lines: dict, col: Collector) -> None:
    if p.sessions:
        for si, s in enumerate(p.sessions):
            for li, lid in enumerate(s.lessons):
                if lid not in known:
                    key = ("paths", pi, "sessions", si, "lessons", li)
                    col.error(file, f"path '{p.id}' names lesson '{lid}', which does not exist",
                              line=line_for(lines, key), key=key_str(key), fix="use a lesson id from course/course.yml")
    else:
        for li, lid in enumerate(p.lessons):
            if lid not in known:
                key = ("paths", pi, "lessons", li)
                col.error(file, f"path '{p.id}' names lesson '{lid}', which does not exist",
                          line=line_for(lines, key), key=key_str(key), fix="use a lesson id from course/course.yml")
    dup = {x for x in p.all_lessons if p.all_lessons.count(x) > 1}
    if dup:
        col.error(file, f"path '{p.id}' lists lesson(s) {sorted(dup)} more than once", key=f"paths[{pi}]")


def restrict_to_path(course: Course, path_id: str) -> Course:
    """A course holding only the lessons of one learning path (for LEARNING_PATH builds)."""
    try:
        path = course.path(path_id)
    except KeyError:
        known = ", ".join(p.id for p in course.paths) or "none"
        raise CourseError([Problem("course/paths.yml", f"LEARNING_PATH names unknown path '{path_id}'",
                                   fix=f"use one of: {known}")]) from None
    keep = set(path.all_lessons)
    modules = []
    for m in course.modules:
        lessons = tuple(lesson for lesson in m.lessons if lesson.id in keep)
        if lessons:
            modules.append(m.model_copy(update={"lessons": lessons}))
    return course.model_copy(update={"modules": tuple(modules), "paths": (path,), "only_path": path_id})
