"""Compose the whole site from the course: the page pipeline and the navigation.

:data:`GENERATORS` is the literal, ordered list of page generators: each takes the
course and the link style and returns the pages it owns (site URI -> Markdown).
:func:`generated_pages` runs them and refuses a URI owned twice (by two generators,
or by a generator and a lesson). :func:`navigation` is derived from the pages the
site really has and returns a plain nested list of ``{title: uri}`` entries that any
engine with a nav concept can take; its titles are HTML text (escaped).
"""

from __future__ import annotations

from typing import Iterable

from .html import nav_title
from .i18n import t
from .jsstrings import STRINGS_JS
from .model import Course
from .pages import Generator, Links, PageMap, core_pages
from .paths import CUSTOM, OVERVIEW, agenda_uri, path_pages, path_uri
from .progress import PROGRESS, progress_pages
from .tools import ASSESSMENT, CANVAS, GROUP, ROADMAP, tool_pages
from .trainer import ANSWERS, HANDOUTS, agenda_pages, trainer_pages
from .translations import TRANSLATIONS, translation_pages

GENERATORS: tuple[Generator, ...] = (core_pages, path_pages, agenda_pages, progress_pages, tool_pages, trainer_pages,
                                     translation_pages)

OUTLINE_JS = "assets/course/outline.js"

# The scripts every page runs, joined at build into one file per place they run (and the styles
# of every page, in one stylesheet): a reader's
# first visit fetches two script files instead of eleven (fewer requests, each with its headers,
# and one compressed stream). The parts stay separate, readable sources; each is a classic script
# wrapped in its own function, so joining them changes nothing in how they run. Scripts that
# only some pages need (progress-page.js, tools.js, present.js) stay apart.
BUNDLES: dict[str, tuple[str, ...]] = {
    # in <head>: the interface strings of every course script (made at build from the catalogue,
    # coursekit/jsstrings.py), the learner-data registry with their lookup, the pre-paint view
    # script, and search held back until the reader asks (it must run before the theme's script
    # starts search)
    "assets/course/course-head.js": (STRINGS_JS, "assets/course/store.js", "assets/course/head.js",
                                     "assets/course/search-on-demand.js"),
    # at the end of <body>, after the theme's own script
    "assets/course/course.js": (OUTLINE_JS, "assets/course/core.js", "assets/course/quiz.js",
                                "assets/course/paths.js", "assets/course/progress.js",
                                "assets/course/trainer.js", "assets/course/layout.js",
                                "assets/course/offline-save.js"),
    # The stylesheet of every page holds the notebook lessons' styles too (under 1 KB gzip): a
    # reader pays for them once, on the first page, rather than with an extra request on the
    # first notebook. quiz.css stays apart (it is the quiz runtime's).
    "assets/course/course.css": ("assets/course/course.css", "assets/course/notebook.css"),
}


# Files a part of a bundle loads itself, when asked, rather than the page naming them: trainer.js
# loads present.js when a trainer presents. What saves a page for offline use saves these too.
LOADS: dict[str, tuple[str, ...]] = {"assets/course/trainer.js": ("assets/course/present.js",)}


def on_demand() -> dict[str, tuple[str, ...]]:
    """A shipped file -> the files it loads on demand: each part in LOADS, and each bundle holding it."""
    out = dict(LOADS)
    for bundle, parts in BUNDLES.items():
        loads = tuple(f for part in parts for f in LOADS.get(part, ()))
        if loads:
            out[bundle] = loads
    return out


# Scripts only some pages run, after the page scripts: the page's source URI -> what it adds.
PAGE_SCRIPTS: dict[str, tuple[str, ...]] = {
    PROGRESS: ("assets/course/progress-page.js",),  # export, import, certificate, forget my data
    **{uri: ("assets/course/tools.js",) for uri in (ASSESSMENT, GROUP, CANVAS, ROADMAP)},  # workshop tools
}


def join_parts(bundle: str, parts: Iterable[tuple[str, str]]) -> str:
    """The file ``bundle`` (a script or, by its name, a stylesheet) made of ``(name, source)``
    parts, in order; in a script a ``;`` ends each part so that no part can run on into the next."""
    end = "\n" if bundle.endswith(".css") else "\n;\n"
    return "".join(f"/* {name} */\n{text.rstrip()}{end}" for name, text in parts)


def generated_pages(course: Course, links: Links) -> PageMap:
    owners: dict[str, str] = {lesson.src_uri: f"lesson '{lesson.id}'" for lesson in course.lessons}
    owners[OUTLINE_JS] = "the course outline"
    out: PageMap = {}
    for gen in GENERATORS:
        for uri, text in gen(course, links).items():
            if uri in owners:
                raise ValueError(f"{uri} is made by both {owners[uri]} and {gen.__name__}")
            owners[uri] = gen.__name__
            out[uri] = text
    return out


def navigation(course: Course, available: Iterable[str]) -> list:
    """The site navigation. ``available`` is every page URI the site has."""
    have = set(available)

    def pick(*entries: tuple[str, str]) -> list:
        return [{title: uri} for title, uri in entries if uri in have]

    nav: list = pick((t("nav.home"), "index.md"), (t("nav.start"), "start.md"))
    for m in course.modules:
        section = [{t("nav.overview"): m.index_uri}]
        section += [{lesson.title: lesson.src_uri} for lesson in m.lessons]
        if m.quiz and m.quiz_uri in have:
            section.append({t("nav.module_quiz"): m.quiz_uri})
        nav.append({f"{m.number}. {m.title}": section})
    path_pages_ = pick((t("nav.all_paths"), OVERVIEW))
    path_pages_ += [{p.title: path_uri(p)} for p in course.paths if path_uri(p) in have]
    path_pages_ += pick((t("nav.custom_path"), CUSTOM))
    path_pages_ += [{t("nav.agenda", title=p.title): agenda_uri(p)} for p in course.paths if agenda_uri(p) in have]
    if path_pages_:
        nav.append({t("nav.paths"): path_pages_})
    tools = pick(
        (t("nav.assessment"), ASSESSMENT),
        (t("nav.group"), GROUP),
        (t("nav.canvas"), CANVAS),
        (t("nav.roadmap"), ROADMAP),
    )
    if tools:
        nav.append({t("nav.tools"): tools})
    trainers = pick((t("nav.trainer_guide"), "trainer-guide.md"), (t("nav.answers"), ANSWERS),
                    (t("nav.handouts"), HANDOUTS), (t("nav.translations"), TRANSLATIONS))
    if trainers:
        nav.append({t("nav.trainers"): trainers})
    nav += pick(
        (t("nav.progress"), PROGRESS),
        (t("nav.glossary"), "glossary.md"),
        (t("nav.data"), "data.md"),
        (t("nav.download"), "download.md"),
        (t("nav.about"), "about.md"),
    )
    return _escape_titles(nav)


def _escape_titles(nav: list) -> list:
    """Every title of the navigation as HTML text (the theme prints nav titles unescaped)."""
    out = []
    for entry in nav:
        for title, target in entry.items():
            out.append({nav_title(title): _escape_titles(target) if isinstance(target, list) else target})
    return out
