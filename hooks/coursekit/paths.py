"""Learning-path pages: the overview, one page per path, and the learner's own path builder."""

from __future__ import annotations

import html
import posixpath
import re
from itertools import groupby
from operator import itemgetter
from typing import Callable

from .i18n import t
from .mdtext import in_code
from .model import Course, LearningPath
from .pages import Links, PageMap
from .render import render


def path_minutes(course: Course, path: LearningPath) -> int:
    return sum(course.lesson(lid).minutes for lid in path.all_lessons)


def _path_page(course: Course, path: LearningPath, links: Links, agenda: bool) -> str:
    uri = path_uri(path)
    lessons = []
    for lid in path.all_lessons:
        lesson = course.lesson(lid)
        lessons.append({"ref": links.page(lesson.src_uri), "href": links.rel(uri, lesson.src_uri), "title": lesson.title,
                        "module": course.module(lesson.module_id).number, "minutes": lesson.minutes})
    sessions = [{"day": s.day, "title": s.title, "lessons": len(s.lessons), "activities": s.activities,
                 "minutes": sum(course.lesson(lid).minutes for lid in s.lessons) + sum(a.minutes for a in s.activities)}
                for s in path.sessions]
    agenda_href = links.rel(uri, agenda_uri(path)) if agenda and path.sessions else None
    return render("path.md.j2", path=path, lessons=lessons, total=path_minutes(course, path), sessions=sessions,
                  agenda_href=agenda_href)


def path_uri(path: LearningPath) -> str:
    return f"paths/{path.id}/index.md"


def agenda_uri(path: LearningPath) -> str:
    return f"paths/{path.id}/agenda.md"


def _overview(course: Course, links: Links) -> str:
    rows = []
    for p in course.paths:
        modules = sorted({course.lesson(lid).module_id for lid in p.all_lessons}, key=lambda m: course.module(m).number)
        rows.append({"href": links.rel(OVERVIEW, path_uri(p)), "title": p.title, "audience": p.audience,
                     "lessons": len(p.all_lessons), "modules": ", ".join(str(course.module(m).number) for m in modules),
                     "minutes": path_minutes(course, p)})
    custom_href = None if course.only_path else links.rel(OVERVIEW, CUSTOM)
    return render("paths_overview.md.j2", rows=rows, custom_href=custom_href)


def _custom(course: Course, links: Links) -> str:
    modules = [{"id": m.id, "number": m.number, "title": m.title,
                "lessons": [{"id": lesson.id, "ref": links.page(lesson.src_uri), "title": lesson.title,
                             "minutes": lesson.minutes} for lesson in m.lessons]}
               for m in course.modules]
    return render("path_custom.md.j2", modules=modules)


OVERVIEW = "paths/index.md"
CUSTOM = "paths/custom.md"


def path_pages(course: Course, links: Links, agenda: bool = True) -> PageMap:
    """The paths overview, one page per path and the path builder. ``agenda``: the site
    also has the workshop agendas (their links are shown)."""
    pages: PageMap = {}
    if not course.paths:
        return pages
    pages[OVERVIEW] = _overview(course, links)
    for p in course.paths:
        pages[path_uri(p)] = _path_page(course, p, links, agenda)
    if not course.only_path:
        pages[CUSTOM] = _custom(course, links)
    return pages


# An inline link to a page: its text may wrap onto the next line (translations often do), but
# not across a blank line, which ends the paragraph.
_MD_LINK = re.compile(
    r"(?<!!)\[((?:[^\]\n]|\n(?![ \t]*\n))+)\]\(\s*<?([^)\s>]+?\.(?:md|ipynb))>?(#[^)\s]*)?(\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
# A reference definition to a page, and a use of one: [text][ref] or [ref][].
_MD_REF_DEF = re.compile(r"^[ ]{0,3}\[([^\]\n]+)\]:[ \t]*<?([^\s>]+?\.(?:md|ipynb))>?(#\S*)?(?:[ \t]+.*)?$", re.M)
_MD_REF_USE = re.compile(r"(?<!!)\[((?:[^\]\n]|\n(?![ \t]*\n))+)\]\[([^\]\n]*)\]")


def _prose_parts(markdown: str) -> list[tuple[bool, str]]:
    """The text cut into (is_code, part): fenced code blocks apart from the prose around them."""
    lines = markdown.split("\n")
    return [(code, "\n".join(line for line, _ in run))
            for code, run in groupby(zip(lines, in_code(lines)), key=itemgetter(1))]


def unlink_outside(markdown: str, src_uri: str, exists: Callable[[str], bool]) -> str:
    """In a site built for one path, turn links to pages the site does not hold (lessons of
    other paths) into plain text that says so, instead of broken links.

    ``exists`` answers whether a source URI (``m2-agenda/egov-survey.md``) is in the site.
    Inline links (also when their text wraps onto the next line) and reference links are
    handled; links in fenced code blocks are left alone.
    """
    base = posixpath.dirname(src_uri)
    note = f'<span class="not-in-path">{html.escape(t("path.not_in_this_path"))}</span>'

    def outside(href: str) -> bool:
        return "://" not in href and not exists(posixpath.normpath(posixpath.join(base, href)))

    parts = _prose_parts(markdown)
    dead_refs = {m.group(1).strip().lower() for code, text in parts if not code
                 for m in _MD_REF_DEF.finditer(text) if outside(m.group(2))}

    def inline(m: re.Match) -> str:
        return f"{m.group(1)} {note}" if outside(m.group(2)) else m.group(0)

    def ref_use(m: re.Match) -> str:
        ref = (m.group(2) or m.group(1)).strip().lower()
        return f"{m.group(1)} {note}" if ref in dead_refs else m.group(0)

    out = []
    for code, text in parts:
        if not code:
            text = _MD_LINK.sub(inline, text)
            if dead_refs:
                text = _MD_REF_USE.sub(ref_use, text)
                text = _MD_REF_DEF.sub(lambda m: "" if m.group(1).strip().lower() in dead_refs else m.group(0), text)
        out.append(text)
    return "\n".join(out)
