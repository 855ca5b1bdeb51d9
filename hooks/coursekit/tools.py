"""Workshop tools: capability self-assessment, group view, implementation canvas, roadmap."""

from __future__ import annotations

from .model import Course
from .pages import Links, PageMap
from .render import render


def assessment_definition(course: Course) -> dict:
    a = course.assessment
    assert a is not None
    return {
        "course": course.id,
        "scale": [{"value": p.value, "label": p.label} for p in a.scale],
        "dimensions": [{"id": d.id, "title": d.title, "statements": [s.id for s in d.statements]} for d in a.dimensions],
        "statements": {s.id: s.text for d in a.dimensions for s in d.statements},
    }


ASSESSMENT, GROUP, CANVAS, ROADMAP = "tools/assessment.md", "tools/group.md", "tools/canvas.md", "tools/roadmap.md"


def _assessment_page(course: Course, links: Links) -> str:
    a = course.assessment
    assert a is not None
    have = {lesson.id: lesson for lesson in course.lessons}
    dims = [{"id": d.id, "title": d.title,
             "lessons": [{"href": links.rel(ASSESSMENT, have[lid].src_uri), "title": have[lid].title}
                         for lid in d.lessons if lid in have]} for d in a.dimensions]
    return render("assessment.md.j2", a=a, dims=dims, definition=assessment_definition(course))


def _group_page(course: Course, links: Links) -> str:
    return render("group.md.j2", assessment_href=links.rel(GROUP, ASSESSMENT), definition=assessment_definition(course))


def _canvas_page(course: Course, links: Links) -> str:
    c = course.canvas
    assert c is not None
    definition = {"course": course.id, "blocks": [{"id": b.id, "title": b.title} for b in c.blocks]}
    return render("canvas.md.j2", c=c, roadmap_href=links.rel(CANVAS, ROADMAP), definition=definition)


def _roadmap_page(course: Course, links: Links) -> str:
    return render("roadmap.md.j2", canvas_href=links.rel(ROADMAP, CANVAS))


def tool_pages(course: Course, links: Links) -> PageMap:
    pages: PageMap = {}
    if course.assessment:
        pages[ASSESSMENT] = _assessment_page(course, links)
        pages[GROUP] = _group_page(course, links)
    if course.canvas:
        pages[CANVAS] = _canvas_page(course, links)
        pages[ROADMAP] = _roadmap_page(course, links)
    return pages
