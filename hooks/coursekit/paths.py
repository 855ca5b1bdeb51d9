"""Learning-path pages: the overview, one page per path, and the learner's own path builder."""

from __future__ import annotations

import posixpath
import re
from typing import Callable

from .html import esc, md_inline, minutes_label
from .model import Course, LearningPath
from .pages import Links, PageMap, page_head
from .site import register


def path_minutes(course: Course, path: LearningPath) -> int:
    return sum(course.lesson(lid).minutes for lid in path.all_lessons)


def _path_page(course: Course, path: LearningPath, links: Links) -> str:
    uri = f"paths/{path.id}/index.md"
    items = []
    for lid in path.all_lessons:
        lesson = course.lesson(lid)
        module = course.module(lesson.module_id)
        items.append(
            f'<li data-lesson-ref="{esc(links.page(lesson.src_uri))}"><a href="{links.rel(uri, lesson.src_uri)}">{esc(lesson.title)}</a> '
            f'<span class="path-lesson-meta">(module {module.number}, {lesson.minutes} min)</span> <span data-lesson-status></span></li>'
        )
    sessions = ""
    if path.sessions:
        rows = []
        for s in path.sessions:
            minutes = sum(course.lesson(lid).minutes for lid in s.lessons) + sum(a.minutes for a in s.activities)
            acts = "; ".join(f"{esc(a.title)} ({a.minutes} min)" for a in s.activities)
            rows.append(f"<tr><td>Day {s.day}</td><td>{esc(s.title)}</td><td>{len(s.lessons)}</td>"
                        f"<td>{acts or '-'}</td><td>{minutes_label(minutes)}</td></tr>")
        agenda = ""
        if _has_agenda():
            agenda = f'<p>See the <a href="{links.rel(uri, f"paths/{path.id}/agenda.md")}">workshop agenda</a> with clock times.</p>'
        sessions = (
            '<h2 id="sessions">Workshop sessions</h2>'
            '<table class="path-sessions"><thead><tr><th scope="col">Day</th><th scope="col">Session</th>'
            '<th scope="col">Lessons</th><th scope="col">Activities</th><th scope="col">Time</th></tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>{agenda}'
        )
    total = path_minutes(course, path)
    return (
        f"{page_head(path.title)}"
        f'<div class="path-page" data-path="{esc(path.id)}" data-path-title="{esc(path.title)}">'
        f'<p class="path-audience"><strong>Who it is for:</strong> {md_inline(path.audience)}</p>'
        f"<p>{md_inline(path.description)}</p>"
        f'<p class="path-total"><strong>{len(path.all_lessons)} lessons</strong> · total study time '
        f"<strong>{minutes_label(total)}</strong> ({total} minutes)</p>"
        f'<p class="path-actions"><button type="button" class="md-button md-button--primary" data-path-start="{esc(path.id)}">'
        f"Start this path</button> <span role=\"status\" aria-live=\"polite\" data-path-status></span></p>"
        f'<h2 id="lessons">Lessons in order</h2><ol class="path-lessons" data-path-lessons>{"".join(items)}</ol>'
        f"{sessions}</div>\n"
    )


def _has_agenda() -> bool:
    from . import site

    return any(getattr(g, "__name__", "") == "agenda_pages" for g in site.GENERATORS)


def _overview(course: Course, links: Links) -> str:
    rows = []
    for p in course.paths:
        modules = sorted({course.lesson(lid).module_id for lid in p.all_lessons}, key=lambda m: course.module(m).number)
        nums = ", ".join(str(course.module(m).number) for m in modules)
        rows.append(
            f'<tr><td><a href="{links.rel("paths/index.md", f"paths/{p.id}/index.md")}">{esc(p.title)}</a></td>'
            f"<td>{md_inline(p.audience)}</td><td>{len(p.all_lessons)}</td><td>{nums}</td>"
            f"<td>{minutes_label(path_minutes(course, p))}</td></tr>"
        )
    custom = "" if course.only_path else (
        f'<p>None of these fits? <a href="{links.rel("paths/index.md", "paths/custom.md")}">Build your own path</a> '
        "from the lessons you choose.</p>")
    return (
        f"{page_head('Learning paths')}"
        "A learning path is a set of lessons in a useful order. Start a path and every lesson of it "
        "shows your step in the path and a link to the next lesson. You can leave a path at any time.\n\n"
        '<table class="paths-compare"><thead><tr><th scope="col">Path</th><th scope="col">Who it is for</th>'
        '<th scope="col">Lessons</th><th scope="col">Modules</th><th scope="col">Study time</th></tr></thead>'
        f'<tbody>{"".join(rows)}</tbody></table>\n\n{custom}\n'
    )


def _custom(course: Course, links: Links) -> str:
    groups = []
    for m in course.modules:
        boxes = []
        for lesson in m.lessons:
            cid = f"pick-{lesson.id}"
            boxes.append(
                f'<li><input type="checkbox" id="{cid}" data-lesson-ref="{esc(links.page(lesson.src_uri))}" '
                f'data-lesson-id="{esc(lesson.id)}" data-module="{esc(m.id)}" data-minutes="{lesson.minutes}">'
                f' <label for="{cid}">{esc(lesson.title)} <span class="path-lesson-meta">({lesson.minutes} min)</span></label></li>'
            )
        groups.append(
            f'<fieldset class="custom-module" data-module="{esc(m.id)}"><legend>Module {m.number}: {esc(m.title)}</legend>'
            f'<p><input type="checkbox" id="all-{m.id}" data-select-all="{esc(m.id)}"> '
            f'<label for="all-{m.id}">Select all lessons of module {m.number}</label></p>'
            f'<ul class="custom-lessons">{"".join(boxes)}</ul></fieldset>'
        )
    return (
        f"{page_head('Build your own path')}"
        "Choose the lessons you want to study. They are kept in course order. Press "
        "*Save and start my path* to make it your active path.\n\n"
        '<form class="custom-path" data-path="custom" onsubmit="return false">'
        f'{"".join(groups)}'
        '<p class="custom-total" aria-live="polite" data-custom-total>0 lessons chosen, 0 min.</p>'
        '<p><button type="submit" class="md-button md-button--primary" data-custom-save>Save and start my path</button> '
        '<span role="status" aria-live="polite" data-custom-status></span></p>'
        "</form>\n"
    )


@register
def path_pages(course: Course, links: Links) -> PageMap:
    pages: PageMap = {}
    if not course.paths:
        return pages
    pages["paths/index.md"] = _overview(course, links)
    for p in course.paths:
        pages[f"paths/{p.id}/index.md"] = _path_page(course, p, links)
    if not course.only_path:
        pages["paths/custom.md"] = _custom(course, links)
    return pages


_MD_LINK = re.compile(r"(?<!!)\[([^\]\n]+)\]\(\s*<?([^)\s>]+?\.(?:md|ipynb))>?(#[^)\s]*)?(\s+\"[^\"]*\")?\s*\)")


def unlink_outside(markdown: str, src_uri: str, exists: Callable[[str], bool]) -> str:
    """In a site built for one path, turn links to pages the site does not hold (lessons of
    other paths) into plain text that says so, instead of broken links.

    ``exists`` answers whether a source URI (``m2-agenda/egov-survey.md``) is in the site.
    Links in code blocks are left alone.
    """
    base = posixpath.dirname(src_uri)
    out, fence = [], False
    for line in markdown.split("\n"):
        if line.lstrip().startswith(("```", "~~~")):
            fence = not fence
        if fence or "](" not in line:
            out.append(line)
            continue

        def fix(m: re.Match) -> str:
            target = posixpath.normpath(posixpath.join(base, m.group(2)))
            if "://" in m.group(2) or exists(target):
                return m.group(0)
            return f'{m.group(1)} <span class="not-in-path">(in the full course, not in this path)</span>'

        out.append(_MD_LINK.sub(fix, line))
    return "\n".join(out)
