"""Translations of the course sources: where they live, how they must match their English
source, and which are current, stale or missing.

A translation into language ``xx`` mirrors the English source's path under ``xx/``:

- ``course/xx/<module>/<lesson>.md`` (or ``.ipynb``) for a lesson;
- ``quizzes/xx/<quiz>.yml`` for a quiz;
- ``course/xx/course.yml``, ``course/xx/paths.yml``, ``course/xx/glossary/<file>.yml``,
  ``course/xx/assessment.yml`` and ``course/xx/canvas.yml`` for the rest;
- ``docs/xx/<page>.md`` for the site's own pages.

A translated YAML file is a whole copy of its English source with its text translated: the same
keys, the same number of items in every list, and every value that is not text (ids, types,
answers, numbers, lesson lists, URLs) the same (:func:`compare_data`). A translated lesson keeps
its source's structure: the same objectives and key points (as many), quiz markers, heading ids,
admonitions, minutes and readings (:func:`compare_lesson`).

A translation records the version of the English file it translates in ``translation_of``
(:func:`source_version`, the start of the file's SHA-256). When the English changes, the
translation is *stale*: the build lists it and its page says that the English is newer.
``python -m coursekit.translations stamp FILE...`` records the current English version in
translations that a translator has brought up to date.
"""

from __future__ import annotations

import hashlib
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from .mdtext import prose_lines

# Keys whose values are text a translator translates; every other value must stay as it is.
TEXT_KEYS = frozenset({
    "title", "subtitle", "summary", "prompt", "text", "feedback", "explanation", "hint", "intro",
    "left", "right", "items", "accept", "term", "abbr", "definition", "see", "audience",
    "description", "note", "unit", "feedback_true", "feedback_false", "objectives", "keypoints",
    "label", "question", "help", "name", "levels", "options", "placeholder", "example", "examples",
    "prompts", "heading", "what", "why", "how", "break_label",
})
# Keys whose lists hold text where an item is a string (a canvas block's questions), while an
# item that is a mapping (a quiz's questions) keeps its ids, types and answers checked.
TEXT_ITEMS = frozenset({"questions"})
# Lists whose length may differ in a translation (the answers a reader of the language types,
# the terms a definition points to).
FREE_LENGTH = frozenset({"accept", "see"})
# Readings name published documents: their title, publisher, year and address stay as published.
KEEP_IN_READINGS = ("title", "publisher", "year", "url")

VERSION_KEY = "translation_of"  # the English version a translation translates (top-level key)

HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$")
ADMONITION = re.compile(r"^\s*(?:!!!|\?\?\?\+?)\s+([\w-]+)")
EXPLICIT_ID = re.compile(r"\{\s*#([\w-]+)[^}]*\}\s*$")


def source_version(path: Path) -> str:
    """The version of an English source a translation records: its SHA-256, first 12 digits."""
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def key_path(parts: tuple) -> str:
    out = ""
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out


def compare_data(en: Any, tr: Any, path: tuple = (), text: bool = False) -> Iterator[tuple[str, str]]:
    """(key, what differs) for each place where a translated YAML value does not match its source.

    Under a text key strings may differ (that is the translation); everything else must be equal.
    """
    if isinstance(en, dict):
        if not isinstance(tr, dict):
            yield key_path(path), "must be a mapping, as in the English"
            return
        for k in en:
            if k not in tr:
                yield key_path(path + (k,)), "is missing (the English has it)"
        for k in tr:
            if k not in en and not (k == VERSION_KEY and not path):
                yield key_path(path + (k,)), "is not in the English source"
        reading = len(path) >= 2 and path[-2] == "further_reading"
        for k in en:
            if k in tr:
                inside = (text or k in TEXT_KEYS) and not (reading and k in KEEP_IN_READINGS)
                yield from compare_data(en[k], tr[k], path + (k,), inside)
    elif isinstance(en, list):
        if not isinstance(tr, list):
            yield key_path(path), "must be a list, as in the English"
            return
        if path and path[-1] in FREE_LENGTH:
            return
        if len(en) != len(tr):
            yield key_path(path), f"has {len(tr)} item(s); the English has {len(en)}"
            return
        for i, (a, b) in enumerate(zip(en, tr)):
            yield from compare_data(a, b, path + (i,), text)
    elif isinstance(en, str) and (text or (len(path) >= 2 and isinstance(path[-1], int) and path[-2] in TEXT_ITEMS)):
        if not isinstance(tr, str):
            yield key_path(path), "must be text, as in the English"
    elif en != tr:
        yield key_path(path), f"must stay {en!r} as in the English (found {tr!r})"


@dataclass(frozen=True)
class Structure:
    """What a lesson's body must keep in translation."""

    headings: tuple[str, ...]  # "## id"
    admonitions: tuple[str, ...]  # the kinds, in order
    markers: tuple[str, ...]  # the quiz ids, in order


def heading_ids(body: str) -> list[tuple[int, str]]:
    """(level, id) of each Markdown heading outside code, as the toc extension makes them (an
    explicit ``{#id}`` wins)."""
    from markdown.extensions.toc import slugify, unique  # the ids the build's toc extension gives

    used: set[str] = set()
    out = []
    for _, line in prose_lines(body):
        m = HEADING.match(line)
        if not m:
            continue
        title = m.group(2)
        explicit = EXPLICIT_ID.search(title)
        if explicit:
            hid = explicit.group(1)
        else:
            plain = re.sub(r"[*_`]", "", re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", title))
            hid = slugify(plain, "-")
        out.append((len(m.group(1)), unique(hid, used)))
    return out


def structure(body: str, markers: list[str]) -> Structure:
    return Structure(
        headings=tuple("#" * level + " " + hid for level, hid in heading_ids(body)),
        admonitions=tuple(m.group(1) for m in map(ADMONITION.match, body.splitlines()) if m),
        markers=tuple(markers),
    )


def compare_structure(en: Structure, tr: Structure) -> Iterator[tuple[str, str]]:
    for name, label in (("markers", "quiz markers"), ("headings", "headings (level and id)"),
                        ("admonitions", "admonitions (!!! kinds)")):
        a, b = getattr(en, name), getattr(tr, name)
        if a != b:
            first = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
            want = a[first] if first < len(a) else "nothing more"
            got = b[first] if first < len(b) else "nothing more"
            yield label, f"differ from the English at number {first + 1}: the English has {want!r}, the translation {got!r}"


# --------------------------------------------------------------------------- terminology


def load_terms(path: Path) -> list[tuple[str, tuple[str, ...]]]:
    """The terminology file of a language: (English term, its accepted translations)."""
    from .yamlio import load_yaml, read_text

    data, _ = load_yaml(read_text(path))
    return [(t["en"], tuple(t["use"])) for t in data["terms"]]


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u2019", "'").replace("\u00a0", " ").replace("\u202f", " ")).lower()


# a reading's title, publisher, year and address stay as published (KEEP_IN_READINGS): a term
# there is not text the translation carries
_READING_FIELDS = re.compile(r"^[ \t]+(?:-[ \t]+)?(?:%s):.*$" % "|".join(KEEP_IN_READINGS), re.M)


def term_text(path: Path) -> str:
    """The text of a source that the terminology check reads: a notebook's cells and its course
    metadata (its readings' published titles, publishers, years and addresses left out), or the
    whole file."""
    text = path.read_text(encoding="utf-8")
    if path.suffix != ".ipynb":
        return text
    import json

    nb = json.loads(text)
    parts = ["".join(c["source"]) if isinstance(c.get("source"), list) else str(c.get("source", ""))
             for c in nb.get("cells", [])]
    meta = dict((nb.get("metadata") or {}).get("course") or {})
    meta["further_reading"] = [{k: v for k, v in r.items() if k not in KEEP_IN_READINGS}
                               for r in meta.get("further_reading") or [] if isinstance(r, dict)]
    return "\n\n".join(parts) + "\n\n" + json.dumps(meta, ensure_ascii=False)


def missing_terms(terms, english: str, translated: str) -> list[tuple[str, tuple[str, ...]]]:
    """The terms the English text uses whose translation (in none of its forms) the translated
    text holds."""
    en, tr = _fold(_READING_FIELDS.sub("", english)), _fold(translated)
    folded = [_fold(term) for term, _ in terms]
    out = []
    for (term, forms), key in zip(terms, folded):
        # a term used only inside a longer term of the list ("Online Service Index" in "Local
        # Online Service Index") is that longer term's, which has its own translation
        used = en
        for longer in folded:
            if key != longer and key in longer:
                used = used.replace(longer, " ")
        if key in used and not any(_fold(f) in tr for f in forms):
            out.append((term, forms))
    return out


# --------------------------------------------------------------------------- the state of each translation

TRANSLATIONS = "translations.md"


@dataclass(frozen=True)
class Entry:
    source: str  # the English source, relative to the repository
    translation: str  # where its translation is (or would be)
    state: str  # "current", "stale" or "missing"


def sources(repo: Path) -> list[Path]:
    """Every English source a translation can translate: lessons, quizzes, the course's YAML
    files and the site's own pages."""
    course, quizzes, docs = repo / "course", repo / "quizzes", repo / "docs"
    from .yamlio import load_yaml, read_text

    manifest, _ = load_yaml(read_text(course / "course.yml"))
    languages = set(manifest.get("languages") or ())
    out = [course / "course.yml"]
    for m in manifest.get("modules") or ():
        for lid in m.get("lessons") or ():
            out += [p for p in (course / m["id"] / f"{lid}.md", course / m["id"] / f"{lid}.ipynb") if p.is_file()]
    out += [p for p in (course / "paths.yml", course / "assessment.yml", course / "canvas.yml") if p.is_file()]
    out += sorted((course / "glossary").glob("*.yml"))
    out += sorted(p for p in quizzes.glob("*.yml"))
    out += sorted(p for p in docs.rglob("*.md") if p.relative_to(docs).parts[0] not in languages)
    return out


def translation_path(repo: Path, english: Path, language: str) -> Path:
    rel = english.relative_to(repo).parts
    return repo.joinpath(rel[0], language, *rel[1:])


def recorded_version(path: Path) -> str | None:
    """The ``translation_of`` a translation records (front matter, YAML top level or notebook
    metadata), or None."""
    text = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix == ".ipynb":
        import json

        try:
            return (json.loads(text).get("metadata", {}).get("course", {}) or {}).get(VERSION_KEY)
        except (ValueError, AttributeError):
            return None
    m = re.search(rf"^{VERSION_KEY}:\s*([\"']?)([0-9a-f]+)\1\s*$", text, re.M)
    return m.group(2) if m else None


def status(repo: Path, language: str) -> list[Entry]:
    """Each English source and the state of its translation into ``language``."""
    out = []
    for english in sources(repo):
        tr = translation_path(repo, english, language)
        if not tr.is_file():
            state = "missing"
        else:
            state = "current" if recorded_version(tr) == source_version(english) else "stale"
        out.append(Entry(english.relative_to(repo).as_posix(), tr.relative_to(repo).as_posix(), state))
    return out


def translation_pages(course, links) -> dict[str, str]:
    """The page for trainers and translators: per language, what is translated, stale or missing."""
    from .render import render

    repo = course.root.parent
    languages = []
    for lang in course.languages[1:]:
        entries = status(repo, lang)
        counts = {s: sum(e.state == s for e in entries) for s in ("current", "stale", "missing")}
        languages.append({"code": lang, "entries": entries, "counts": counts, "total": len(entries)})
    from .i18n import LANGUAGES

    names = {code: v["name"] for code, v in LANGUAGES.items()}
    return {TRANSLATIONS: render("translations.md.j2", languages=languages, names=names)}


# --------------------------------------------------------------------------- stamping


def stamp(paths: list[Path], repo: Path) -> list[str]:
    """Record in each translation the version of the English source it now matches."""
    from .yamlio import split_front_matter

    done = []
    for p in paths:
        p = p.resolve()
        rel = p.relative_to(repo).parts
        # course/xx/... -> course/..., quizzes/xx/... -> quizzes/..., docs/xx/... -> docs/...
        english = repo.joinpath(rel[0], *rel[2:])
        if not english.is_file():
            raise SystemExit(f"{p.relative_to(repo)}: no English source {english.relative_to(repo)} to stamp it with")
        version = source_version(english)
        text = p.read_text(encoding="utf-8")
        # quoted: twelve hex digits may all be decimal ones, which YAML would read as a number
        if p.suffix == ".ipynb":
            import json

            nb = json.loads(text)
            nb.setdefault("metadata", {}).setdefault("course", {})[VERSION_KEY] = version
            text = json.dumps(nb, ensure_ascii=False, indent=1) + "\n"
        elif p.suffix in (".yml", ".yaml"):
            lines = [ln for ln in text.splitlines() if not ln.startswith("translation_of:")]
            text = f'translation_of: "{version}"\n' + "\n".join(lines) + "\n"
        else:
            fm, body, _ = split_front_matter(text)
            if fm is None:
                raise SystemExit(f"{p}: no front matter to stamp")
            fm_lines = [ln for ln in fm.splitlines() if not ln.startswith("translation_of:")]
            text = "---\n" + "\n".join(fm_lines).strip("\n") + f'\ntranslation_of: "{version}"\n---\n' + body.lstrip("\n")
        p.write_text(text, encoding="utf-8")
        done.append(f"{p.relative_to(repo)}: translation_of {version}")
    return done


if __name__ == "__main__":  # python -m coursekit.translations stamp FILE...
    if len(sys.argv) < 3 or sys.argv[1] != "stamp":
        raise SystemExit("usage: python -m coursekit.translations stamp course/fr/m1-why/lesson.md ...")
    files = [Path(a).resolve() for a in sys.argv[2:]]
    # the repository the files are in (the one holding course/course.yml), not this package's
    repo = next((d for d in files[0].parents if (d / "course" / "course.yml").is_file()), None)
    if repo is None:
        raise SystemExit(f"{files[0]}: not inside a course repository (no course/course.yml above it)")
    print("\n".join(stamp(files, repo)))
