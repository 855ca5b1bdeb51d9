"""Compose the whole site from the course: generated pages and navigation.

Feature modules (paths, progress, tools, trainer) each contribute a page
generator; :func:`generated_pages` runs them all. :func:`navigation` returns a
plain nested list of ``{title: uri}`` entries that any engine with a nav
concept can take.
"""

from __future__ import annotations

from typing import Iterable

from . import pages
from .model import Course
from .html import nav_title
from .pages import Generator, Links, PageMap

GENERATORS: list[Generator] = [pages.core_pages]


def register(gen: Generator) -> Generator:
    if gen not in GENERATORS:
        GENERATORS.append(gen)
    return gen


def generated_pages(course: Course, links: Links) -> PageMap:
    _load_features()
    out: PageMap = {}
    for gen in GENERATORS:
        for uri, text in gen(course, links).items():
            if uri in out:
                raise ValueError(f"two generators both make {uri}")
            out[uri] = text
    return out


def _load_features() -> None:
    # Importing a feature module registers its generator.
    import importlib

    for name in ("paths", "progress", "tools", "trainer"):
        try:
            importlib.import_module(f"{__package__}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__package__}.{name}":
                raise


def navigation(course: Course, available: Iterable[str]) -> list:
    """The site navigation. ``available`` is every page URI the site has."""
    have = set(available)

    def pick(*entries: tuple[str, str]) -> list:
        return [{title: uri} for title, uri in entries if uri in have]

    nav: list = pick(("Home", "index.md"), ("How to use this course", "start.md"))
    for m in course.modules:
        section = [{"Overview": m.index_uri}]
        section += [{lesson.title: lesson.src_uri} for lesson in m.lessons]
        if m.quiz and m.quiz_uri in have:
            section.append({"End-of-module quiz": m.quiz_uri})
        nav.append({f"{m.number}. {m.title}": section})
    path_pages = pick(("All learning paths", "paths/index.md"))
    path_pages += [{p.title: f"paths/{p.id}/index.md"} for p in course.paths if f"paths/{p.id}/index.md" in have]
    path_pages += pick(("Build your own path", "paths/custom.md"))
    path_pages += [{f"Agenda: {p.title}": f"paths/{p.id}/agenda.md"} for p in course.paths
                   if f"paths/{p.id}/agenda.md" in have]
    if path_pages:
        nav.append({"Learning paths": path_pages})
    tools = pick(
        ("Capability self-assessment", "tools/assessment.md"),
        ("Group view of assessments", "tools/group.md"),
        ("Implementation canvas", "tools/canvas.md"),
        ("Roadmap and action plan", "tools/roadmap.md"),
    )
    if tools:
        nav.append({"Workshop tools": tools})
    trainers = pick(("Trainer guide", "trainer-guide.md"), ("Answer keys", "trainer/answers.md"),
                    ("Handouts", "trainer/handouts.md"))
    if trainers:
        nav.append({"For trainers": trainers})
    nav += pick(
        ("My progress", "progress.md"),
        ("Glossary", "glossary.md"),
        ("The data", "data.md"),
        ("Download for offline use", "download.md"),
        ("About", "about.md"),
    )
    return _escape_titles(nav)


def _escape_titles(nav: list) -> list:
    """Every title of the navigation as HTML text (the theme prints nav titles unescaped)."""
    out = []
    for entry in nav:
        for title, target in entry.items():
            out.append({nav_title(title): _escape_titles(target) if isinstance(target, list) else target})
    return out
