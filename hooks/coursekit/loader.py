"""Load and validate the course sources into one immutable :class:`Course`.

One loader per source (manifest, lessons, quizzes, paths, glossary, workshop tools)
reads its files into :class:`Sources`; every file goes through the same validation
pass on the way (UTF-8, YAML without aliases or repeated keys, finite numbers, no
script URL in any string: :func:`check_strings`). Then the named cross-file checks
of :mod:`coursekit.checks` run over the whole. All problems are collected and
raised together as one :class:`CourseError`, each naming the file, the line or
key, and what to do.
"""

from __future__ import annotations

import json
import unicodedata
import re
from html import unescape as _unescape
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, Field, ValidationError

from . import translations
from .checks import CHECKS, find_acronyms  # noqa: F401  (find_acronyms is part of the loader's API)
from .errors import Collector, CourseError, Problem
from .html import unsafe_url
from .mdtext import prose_lines
from .model import (
    QUESTION_TYPES,
    Assessment,
    Canvas,
    Course,
    Id,
    LearningPath,
    Lesson,
    LessonMeta,
    Module,
    Quiz,
    QuizRef,
    Strict,
    Term,
    Text,
)
from .yamlio import SourceError, key_str, line_for, load_yaml, read_text, split_front_matter

QUIZ_MARKER = re.compile(r"<!--\s*quiz\s*:\s*([^\s>]+)\s*-->")
QUIZ_SUFFIXES = (".yml", ".yaml")

M = TypeVar("M", bound=BaseModel)


# --------------------------------------------------------------------------- file schemas


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
    languages: Annotated[tuple[Id, ...], Field(min_length=1)] = ("en",)  # English first: the source
    modules: tuple[ManifestModule, ...]


class PathsFile(Strict):
    paths: tuple[LearningPath, ...]


class GlossaryFile(Strict):
    terms: tuple[Term, ...]


# --------------------------------------------------------------------------- what the loaders produce


@dataclass
class Sources:
    """Everything read from the course folder, before the cross-file checks."""

    root: Path
    qdir: Path
    manifest_file: Path
    manifest: Manifest
    mlines: dict
    modules: list[Module] = field(default_factory=list)
    listed_lessons: dict[str, str] = field(default_factory=dict)  # lesson id -> module id
    bodies: dict[str, tuple[str, int]] = field(default_factory=dict)  # lesson id -> (Markdown body, line offset)
    quizzes: list[Quiz] = field(default_factory=list)
    quiz_files: dict[str, list[Path]] = field(default_factory=dict)  # quiz id -> its file(s)
    paths_file: Path | None = None
    plines: dict = field(default_factory=dict)
    paths: list[LearningPath] = field(default_factory=list)
    glossary: list[Term] = field(default_factory=list)
    tools: dict[str, Any] = field(default_factory=dict)
    tool_files: dict[str, tuple[Path, dict]] = field(default_factory=dict)
    language: str = "en"  # the language the course is loaded in; English sources fill its gaps
    translated: dict[Path, Path] = field(default_factory=dict)  # English source -> its translation used

    def translation(self, english: Path) -> Path | None:
        """The translation of an English source file into the course's language, if one exists."""
        if self.language == "en":
            return None
        for base in (self.root, self.qdir):
            try:
                rel = english.relative_to(base)
            except ValueError:
                continue
            path = base / self.language / rel
            return path if path.is_file() else None
        return None

    def read(self, english: Path, col: Collector, english_only: tuple[str, ...] = ()) -> tuple[Any, dict, Path] | None:
        """A YAML source in the course's language: its translation when there is one (checked
        against the English: :func:`coursekit.translations.compare_data`), else the English.

        ``english_only`` names top-level keys that are the English source's alone (the
        manifest's ``languages``): a translation need not repeat them, and what it says
        there is not used."""
        loaded = read_yaml(english, col)
        if loaded is None:
            return None
        tpath = self.translation(english)
        if tpath is None:
            return loaded[0], loaded[1], english
        tloaded = read_yaml(tpath, col)
        if tloaded is None:
            return None
        data, lines = tloaded
        en = loaded[0]
        if isinstance(data, dict):
            data = {k: v for k, v in data.items() if k != translations.VERSION_KEY and k not in english_only}
        if english_only and isinstance(en, dict):
            en = {k: v for k, v in en.items() if k not in english_only}
        if not _same_structure(en, data, english, tpath, lines, col):
            return None
        if english_only and isinstance(data, dict):
            data = {**data, **{k: loaded[0][k] for k in english_only if k in loaded[0]}}
        self.translated[english] = tpath
        return data, lines, tpath

    @property
    def lessons(self) -> list[Lesson]:
        return [lesson for m in self.modules for lesson in m.lessons]


# --------------------------------------------------------------------------- validation helpers


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
    if kind == "int_type":
        return f"must be a whole number, found {err.get('input')!r}"
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


_SCRIPT_WORD = re.compile(r"(?:java|vb|live)script:", re.I)
_CONTROL_CHARS = re.compile(r"[\x00-\x20\x7f]+")
# Each link-target pattern after a string that every match of it contains: a line without
# that string is not searched (most lines of prose have none of them).
_LINK_TARGETS = [
    ("](", re.compile(r"\]\(\s*<?([^)\s>]+)")),  # [text](target) and ![alt](target)
    ("<", re.compile(r"<([a-z][a-z0-9+.\-]*:[^>\s]*)>", re.I)),  # <scheme:...> autolinks
    ("=", re.compile(r"\b(?:href|src|action|formaction|xlink:href)\s*=\s*[\"']?([^\"'\s>]+)", re.I)),
    ("]:", re.compile(r"^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.M)),  # [ref]: target
]


def script_url_in(text: str, *, is_url: bool = False) -> str | None:
    """The script URL ``text`` holds (a ``javascript:`` anywhere, or a ``data:`` or
    ``vbscript:`` link target), or None."""
    if ":" not in text and "&" not in text:
        return None  # a script URL needs its scheme's colon (written out or as an entity)
    flat = _CONTROL_CHARS.sub("", _unescape(text))
    # "...script:" ignoring case ends in "t:" or "T:" (no other character is a "t" ignoring case)
    m = _SCRIPT_WORD.search(flat) if "t:" in flat or "T:" in flat else None
    if m:
        return m.group(0)
    targets = [text] if is_url else []
    for needle, rx in _LINK_TARGETS:
        if needle in text:
            targets += rx.findall(text)
    for t in targets:
        if unsafe_url(t, allow_images=not is_url):
            return t[:40]
    return None


def check_strings(data: Any, *, file: Path, lines: dict, col: Collector, offset: int = 0,
                  prefix: tuple = ()) -> None:
    """The one pass over every string of a source: no script URL anywhere."""
    if isinstance(data, str):
        found = script_url_in(data, is_url=bool(prefix) and prefix[-1] in ("url", "href", "link"))
        if found:
            col.error(file, f"a script URL ('{found}') is not allowed in course text", line=line_for(lines, prefix, offset),
                      key=key_str(prefix) or None, fix="link to an http(s) address or a page of the course")
    elif isinstance(data, dict):
        for k, v in data.items():
            check_strings(v, file=file, lines=lines, col=col, offset=offset, prefix=prefix + (k,))
    elif isinstance(data, (list, tuple)):
        for i, v in enumerate(data):
            check_strings(v, file=file, lines=lines, col=col, offset=offset, prefix=prefix + (i,))


def check_markdown(text: str, *, file: Path, col: Collector, offset: int = 0) -> None:
    """Lesson prose: no link or image with a script URL (code blocks are left alone)."""
    for n, line in prose_lines(text):
        found = script_url_in(line)
        if found:
            col.error(file, f"a script URL ('{found}') is not allowed in course text", line=n + offset,
                      fix="link to an http(s) address or a page of the course")


def find_markers(text: str) -> list[tuple[str, int]]:
    """Quiz markers in Markdown with their line; a marker in a fenced code block or in
    inline code is an example, not a placement."""
    out = []
    for n, line in prose_lines(text):
        line = re.sub(r"`[^`]*`", "", line)
        for m in QUIZ_MARKER.finditer(line):
            out.append((m.group(1), n))
    return out


def read_yaml(path: Path, col: Collector) -> tuple[Any, dict] | None:
    """A YAML source through the whole validation pass; None (and an error) when it fails."""
    try:
        data, lines = load_yaml(read_text(path))
    except SourceError as exc:
        col.error(path, str(exc), line=exc.line, fix=exc.fix)
        return None
    check_strings(data, file=path, lines=lines, col=col)
    return data, lines


def _same_structure(en: Any, tr: Any, english: Path, tpath: Path, lines: dict, col: Collector,
                    offset: int = 0) -> bool:
    """Report each place where a translation's data does not match its English source."""
    ok = True
    for key, what in translations.compare_data(en, tr):
        parts = tuple(int(p) if p.isdigit() else p for p in key.replace("]", "").replace("[", ".").split(".") if p)
        col.error(tpath, f"{key} {what}", line=line_for(lines, parts, offset) if parts else None, key=key or None,
                  fix=f"keep the structure of the English source {col.rel(english)}: translate only the text")
        ok = False
    return ok


# --------------------------------------------------------------------------- lessons


def _markdown_lesson(path: Path, col: Collector) -> tuple[dict, dict, int, str, int] | None:
    """(front matter, its key lines, its line offset, the body, the body's line offset)."""
    try:
        text = read_text(path)
    except SourceError as exc:
        col.error(path, str(exc), line=exc.line, fix=exc.fix)
        return None
    fm, body, offset = split_front_matter(text)
    if fm is None:
        col.error(path, "the lesson has no front matter", line=1,
                  fix="start the file with '---', the keys title, minutes, objectives and keypoints, then '---'")
        return None
    try:
        data, lines = load_yaml(fm)
    except SourceError as exc:
        col.error(path, f"{exc} in the front matter", line=(exc.line or 0) + offset or None, fix=exc.fix)
        return None
    if not isinstance(data, dict):
        col.error(path, "the front matter must be a mapping of keys", line=2)
        return None
    check_strings(data, file=path, lines=lines, col=col, offset=offset)
    body_offset = text.count("\n") - body.count("\n")
    check_markdown(body, file=path, col=col, offset=body_offset)
    return data, lines, offset, body, body_offset


def _no_constant(name: str):
    raise ValueError(f"{name} is not a finite number")


def _notebook_shape(nb: Any, path: Path, col: Collector) -> bool:
    """A notebook is an object with an object ``metadata`` and a list of cell objects."""
    fix = "open and save it again in Jupyter"
    if not isinstance(nb, dict):
        col.error(path, f"the notebook must be a JSON object, found {type(nb).__name__}", fix=fix)
        return False
    ok = True
    if not isinstance(nb.get("metadata", {}), dict):
        col.error(path, "the notebook's metadata must be an object", key="metadata", fix=fix)
        ok = False
    cells = nb.get("cells", [])
    if not isinstance(cells, list):
        col.error(path, "the notebook's cells must be a list", key="cells", fix=fix)
        return False
    for i, cell in enumerate(cells):
        where = f"cells[{i}]"
        if not isinstance(cell, dict):
            col.error(path, f"cell {i + 1} must be an object, found {type(cell).__name__}", key=where, fix=fix)
            ok = False
            continue
        if cell.get("cell_type") not in ("markdown", "code", "raw"):
            col.error(path, f"cell {i + 1} has no valid cell_type (markdown, code or raw)", key=f"{where}.cell_type", fix=fix)
            ok = False
        src = cell.get("source", "")
        if not (isinstance(src, str) or (isinstance(src, list) and all(isinstance(s, str) for s in src))):
            col.error(path, f"cell {i + 1}: source must be text or a list of lines", key=f"{where}.source", fix=fix)
            ok = False
        if not isinstance(cell.get("metadata", {}), dict) or not isinstance(cell.get("outputs", []), list):
            col.error(path, f"cell {i + 1}: metadata must be an object and outputs a list", key=where, fix=fix)
            ok = False
    return ok


def _notebook_lesson(path: Path, col: Collector) -> tuple[dict, list[tuple[int, str]]] | None:
    try:
        nb = json.loads(read_text(path), parse_constant=_no_constant)
    except SourceError as exc:
        col.error(path, str(exc), line=exc.line, fix=exc.fix)
        return None
    except ValueError as exc:
        line = getattr(exc, "lineno", None)
        col.error(path, f"the notebook is not valid JSON: {exc}", line=line, fix="open and save it again in Jupyter")
        return None
    if not _notebook_shape(nb, path, col):
        return None
    meta = nb.get("metadata", {}).get("course")
    if not isinstance(meta, dict):
        col.error(path, "the notebook has no lesson metadata", key="metadata.course",
                  fix="add a 'course' object to the notebook metadata with title, minutes, objectives and keypoints")
        return None
    check_strings(meta, file=path, lines={}, col=col, prefix=("metadata", "course"))
    cells = []  # (cell number, Markdown source)
    for i, cell in enumerate(nb.get("cells", [])):
        if cell.get("cell_type") == "markdown":
            src = cell.get("source", "")
            src = "".join(src) if isinstance(src, list) else src
            for n, line in prose_lines(src):
                found = script_url_in(line)
                if found:
                    col.error(path, f"a script URL ('{found}') is not allowed in course text", key=f"cell {i + 1}",
                              fix="link to an http(s) address or a page of the course")
            cells.append((i + 1, src))
    return meta, cells


def load_lesson(root: Path, module_id: str, lesson_id: str, col: Collector, where: dict,
                bodies: dict[str, tuple[str, int]]) -> Lesson | None:
    folder = root / module_id
    found = [p for p in (folder / f"{lesson_id}.md", folder / f"{lesson_id}.ipynb") if p.exists()]
    if not found:
        col.error(where["file"],
                  f"lesson '{lesson_id}' is listed but no file course/{module_id}/{lesson_id}.md or .ipynb exists",
                  line=where["line"], key=where["key"], fix="create the lesson file or remove the id from the manifest")
        return None
    if len(found) > 1:
        col.error(found[0], f"lesson '{lesson_id}' exists as both .md and .ipynb", fix="keep one of them")
        return None
    path = found[0]
    if path.suffix == ".md":
        loaded = _markdown_lesson(path, col)
        if loaded is None:
            return None
        data, lines, offset, body, body_offset = loaded
        bodies[lesson_id] = (body, body_offset)
        markers = [(q, n + body_offset) for q, n in find_markers(body)]
        kind = "markdown"
        meta = validate(LessonMeta, data, file=path, lines=lines, col=col, offset=offset,
                        fix="see README, 'Adding a lesson', for the front matter keys")
    else:
        loaded_nb = _notebook_lesson(path, col)
        if loaded_nb is None:
            return None
        data, cells = loaded_nb
        markers = [(q, cell_no) for cell_no, src in cells for q, _ in find_markers(src)]
        kind = "notebook"
        meta = validate(LessonMeta, data, file=path, lines={}, col=col, prefix=("metadata", "course"),
                        fix="edit the notebook metadata 'course' object")
    if meta is None:
        return None
    return Lesson(id=lesson_id, module_id=module_id, kind=kind, source=path, src_uri=f"{module_id}/{path.name}",
                  meta=meta, quiz_refs=tuple(QuizRef(quiz_id=q, line=n) for q, n in markers))


def load_translated_lesson(src: Sources, english: Lesson, col: Collector) -> Lesson:
    """``english`` in the course's language: its translation when there is one (with the same
    structure, else errors naming both files), else the English lesson as it is."""
    tpath = src.translation(english.source)
    if tpath is None or tpath.suffix != english.source.suffix:
        if tpath is None:
            other = english.source.with_suffix(".ipynb" if english.source.suffix == ".md" else ".md")
            tpath = src.translation(other)
        if tpath is not None:
            col.error(tpath, f"the translation is a {tpath.suffix} file; its English source is {col.rel(english.source)}",
                      fix="translate the lesson in the same format as its source")
        return english
    bodies: dict[str, tuple[str, int]] = {}
    where = {"file": tpath, "line": None, "key": None}
    lesson = load_lesson(src.root / src.language, english.module_id, english.id, col, where, bodies)
    if lesson is None:
        return english
    ok = _same_structure(english.meta.model_dump(mode="json", exclude={"translation_of"}, exclude_defaults=True),
                         lesson.meta.model_dump(mode="json", exclude={"translation_of"}, exclude_defaults=True),
                         english.source, tpath, {}, col)
    en_body = src.bodies.get(english.id, ("", 0))[0] if english.kind == "markdown" else _notebook_text(english.source)
    tr_body = bodies.get(english.id, ("", 0))[0] if lesson.kind == "markdown" else _notebook_text(tpath)
    en_s = translations.structure(en_body, [r.quiz_id for r in english.quiz_refs])
    tr_s = translations.structure(tr_body, [r.quiz_id for r in lesson.quiz_refs])
    for what, message in translations.compare_structure(en_s, tr_s):
        col.error(tpath, f"{what} {message}", fix=f"keep the structure of the English source {col.rel(english.source)}")
        ok = False
    if not ok:
        return english
    if english.id in bodies:
        src.bodies[english.id] = bodies[english.id]
    src.translated[english.source] = tpath
    state = "current" if lesson.meta.translation_of == translations.source_version(english.source) else "stale"
    return lesson.model_copy(update={"language": src.language, "translation": state, "english_source": english.source})


def _notebook_text(path: Path) -> str:
    """The Markdown cells of a notebook (already validated), one after another."""
    try:
        nb = json.loads(read_text(path))
    except (SourceError, ValueError):
        return ""
    parts = []
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "markdown":
            src = cell.get("source", "")
            parts.append("".join(src) if isinstance(src, list) else src)
    return "\n\n".join(parts)


def load_manifest(root: Path, col: Collector) -> tuple[Path, Manifest, dict]:
    path = root / "course.yml"
    if not path.exists():
        col.error(path, "the course manifest is missing", fix="create course/course.yml (see README)")
        col.raise_if_errors()
    loaded = read_yaml(path, col)
    col.raise_if_errors()
    data, lines = loaded  # type: ignore[misc]
    manifest = validate(Manifest, data, file=path, lines=lines, col=col)
    col.raise_if_errors()
    assert manifest is not None
    return path, manifest, lines


def load_modules(src: Sources, col: Collector) -> None:
    seen_modules: set[str] = set()
    for mi, mm in enumerate(src.manifest.modules):
        if mm.id in seen_modules:
            col.error(src.manifest_file, f"duplicate module id '{mm.id}'", line=line_for(src.mlines, ("modules", mi, "id")),
                      key=f"modules[{mi}].id", fix="give every module its own id")
            continue
        seen_modules.add(mm.id)
        lessons = []
        for li, lesson_id in enumerate(mm.lessons):
            key = ("modules", mi, "lessons", li)
            if lesson_id in src.listed_lessons:
                col.error(src.manifest_file,
                          f"duplicate lesson id '{lesson_id}' (already in module '{src.listed_lessons[lesson_id]}')",
                          line=line_for(src.mlines, key), key=key_str(key), fix="lesson ids must be unique across the course")
                continue
            src.listed_lessons[lesson_id] = mm.id
            where = {"file": src.manifest_file, "line": line_for(src.mlines, key), "key": key_str(key)}
            lesson = load_lesson(src.root, mm.id, lesson_id, col, where, src.bodies)
            if lesson is not None:
                if src.language != "en":
                    lesson = load_translated_lesson(src, lesson, col)
                lessons.append(lesson)
        folder = src.root / mm.id
        if folder.is_dir():
            for f in sorted(folder.iterdir()):
                if f.suffix in (".md", ".ipynb") and f.stem not in mm.lessons:
                    col.warn(f, f"lesson file is not listed in module '{mm.id}' of the manifest",
                             fix="add its id to the module's lessons in course/course.yml, or delete it")
        src.modules.append(Module(id=mm.id, number=mi + 1, title=mm.title, summary=mm.summary,
                                  lessons=tuple(lessons), quiz=mm.quiz))


def load_quizzes(src: Sources, col: Collector) -> None:
    if not src.qdir.is_dir():
        return
    for path in sorted(src.qdir.iterdir()):
        if path.suffix in QUIZ_SUFFIXES and path.is_file():
            src.quiz_files.setdefault(path.stem, []).append(path)
    for stem, files in src.quiz_files.items():
        if len(files) > 1:
            names = " and ".join(col.rel(f) for f in files)
            col.error(files[0], f"quiz '{stem}' has two files ({names}); one would silently win",
                      fix="keep one file per quiz id")
            continue
        loaded = src.read(files[0], col)
        if loaded is None:
            continue
        data, lines, path = loaded
        if not isinstance(data, dict):
            col.error(path, "a quiz file must be a mapping with a 'questions' list", line=1)
            continue
        data = dict(data)
        if data.setdefault("id", stem) != stem:
            col.error(path, f"quiz id '{data['id']}' differs from the file name '{stem}'",
                      line=line_for(lines, ("id",)), key="id", fix="make the id match the file name, or drop it")
            continue
        data["source"] = path
        data["language"] = src.language if path != files[0] else "en"
        quiz = validate(Quiz, data, file=path, lines=lines, col=col)
        if quiz is None:
            continue
        for i, q in enumerate(quiz.questions):
            if not q.explanation:
                col.warn(path, "question has no explanation", line=line_for(lines, ("questions", i)),
                         key=f"questions[{i}].explanation", fix="add an explanation shown after checking")
        src.quizzes.append(quiz)


def load_paths(src: Sources, col: Collector) -> None:
    path = src.root / "paths.yml"
    if not path.exists():
        return
    loaded = src.read(path, col)
    if not loaded:
        return
    data, src.plines, src.paths_file = loaded
    pf = validate(PathsFile, data, file=path, lines=src.plines, col=col)
    if pf:
        src.paths = list(pf.paths)


def load_glossary(src: Sources, col: Collector) -> None:
    seen: dict[str, str] = {}
    placed: list[tuple[Path, dict, int, Term]] = []  # what each see-also is checked against
    for gfile in sorted((src.root / "glossary").glob("*.y*ml")):
        english = gfile
        loaded = src.read(gfile, col)
        if not loaded:
            continue
        gdata, glines, gfile = loaded
        gf = validate(GlossaryFile, gdata, file=gfile, lines=glines, col=col)
        if not gf:
            continue
        if gfile != english:  # a translation: each entry keeps its English entry's anchor
            en_data = read_yaml(english, Collector(src.root.parent))
            en_gf = GlossaryFile.model_validate(en_data[0]) if en_data else None
            if en_gf is not None:
                gf = gf.model_copy(update={"terms": tuple(
                    t.model_copy(update={"english": e.abbr or e.term}) for t, e in zip(gf.terms, en_gf.terms))})
        language = src.language if gfile != english else "en"
        for ti, t in enumerate(gf.terms):
            t = t.model_copy(update={"language": language})
            for k in {t.term.lower(), (t.abbr or t.term).lower()}:
                if k in seen:
                    col.warn(gfile, f"glossary term '{k}' is defined twice (also in {seen[k]})",
                             line=line_for(glines, ("terms", ti)), key=f"terms[{ti}]", fix="keep one definition")
                seen[k] = col.rel(gfile)
            src.glossary.append(t)
            placed.append((gfile, glines, ti, t))
    # a see-also names an entry: its term or acronym (in a translation, the English one also
    # holds while the entry's file is still shown in English)
    names = {n.lower() for t in src.glossary for n in (t.term, t.abbr, t.english) if n}
    # a translation may name an entry of a file still in English by its translated name: its
    # see-alsos are checked once every glossary file has its translation (as its acronyms are)
    if src.language != "en" and not all(g in src.translated for g in (src.root / "glossary").glob("*.y*ml")):
        return
    for gfile, glines, ti, t in placed:
        if t.language != src.language:
            continue  # an English file shown in another language's site was checked in English
        for si, name in enumerate(t.see):
            if name.lower() not in names:
                hint = (" (a comma splits a [a, b] list: quote a term that holds one)" if "," in "".join(
                    n for n in names if name.lower() in n) else "")
                col.error(gfile, f"see-also '{name}' of '{t.term}' names no glossary entry{hint}",
                          line=line_for(glines, ("terms", ti, "see")), key=f"terms[{ti}].see[{si}]",
                          fix="name an entry's term or acronym exactly as its file writes it")
    # in alphabetical order, accents aside (É with E)
    src.glossary.sort(key=lambda t: "".join(c for c in unicodedata.normalize("NFKD", t.term.lower()) if not unicodedata.combining(c)))


def load_tools(src: Sources, col: Collector) -> None:
    for key, model in (("assessment", Assessment), ("canvas", Canvas)):
        tfile = src.root / f"{key}.yml"
        if not tfile.exists():
            continue
        loaded = src.read(tfile, col)
        if not loaded:
            continue
        tdata, tlines, tfile = loaded
        tool = validate(model, tdata, file=tfile, lines=tlines, col=col)
        if tool is not None:
            src.tools[key] = tool.model_copy(update={"language": src.language if src.translated.get(src.root / f"{key}.yml") else "en"})
            src.tool_files[key] = (tfile, tlines)


LOADERS = (load_modules, load_quizzes, load_paths, load_glossary, load_tools)


# --------------------------------------------------------------------------- course


def load_course(root: Path | str, quiz_dir: Path | str | None = None,
                language: str = "en") -> tuple[Course, list[Problem]]:
    """Load ``root`` (the ``course/`` folder) and the quizzes beside it, in ``language``: each
    source's translation where it has one (:mod:`coursekit.translations`), else its English.

    Returns the course and the warnings; raises :class:`CourseError` listing
    every error when anything is wrong.
    """
    root = Path(root).resolve()
    qdir = Path(quiz_dir).resolve() if quiz_dir else root.parent / "quizzes"
    col = Collector(root.parent)
    manifest_file, manifest, mlines = load_manifest(root, col)
    if manifest.languages[0] != "en" or len(set(manifest.languages)) != len(manifest.languages):
        col.error(manifest_file, "languages must start with en (the source) and name each language once",
                  line=line_for(mlines, ("languages",)), key="languages", fix="for example: languages: [en, fr, ar]")
    if language not in manifest.languages:
        col.error(manifest_file, f"the course has no language '{language}' (COURSE_LANGUAGE)",
                  line=line_for(mlines, ("languages",)), key="languages",
                  fix=f"use one of: {', '.join(manifest.languages)}, or add '{language}' to languages")
    col.raise_if_errors()
    src = Sources(root=root, qdir=qdir, manifest_file=manifest_file, manifest=manifest, mlines=mlines,
                  language=language)
    if language != "en":
        loaded = src.read(manifest_file, col, english_only=("languages",))
        if loaded is not None and loaded[2] != manifest_file:
            translated = validate(Manifest, loaded[0], file=loaded[2], lines=loaded[1], col=col)
            if translated is not None:
                src.manifest, src.mlines, src.manifest_file = translated, loaded[1], loaded[2]
        col.raise_if_errors()
    for load in LOADERS:
        load(src, col)
    for check in CHECKS:
        check.run(src, col)
    col.raise_if_errors()
    manifest = src.manifest
    course = Course(
        id=manifest.id, title=manifest.title, subtitle=manifest.subtitle, root=root,
        language=language, languages=manifest.languages,
        modules=tuple(src.modules), quizzes=tuple(src.quizzes), paths=tuple(src.paths),
        glossary=tuple(src.glossary), **src.tools,
    )
    return course, col.warnings


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
