"""The learner's progress page (filled in by progress.js from browser storage)."""

from __future__ import annotations

from .model import Course
from .pages import Links, PageMap
from .render import render

MASTERY_RATIO = 0.8  # a module is mastered when 80% of its quiz questions are answered correctly
PROGRESS = "progress.md"


def progress_pages(course: Course, links: Links) -> PageMap:
    modules = []
    for m in course.modules:
        quizzes = [r.quiz_id for lesson in m.lessons for r in lesson.quiz_refs] + ([m.quiz] if m.quiz else [])
        modules.append({
            "id": m.id, "number": m.number, "title": m.title, "total": len(m.lessons),
            "questions": sum(len(course.quiz(q).questions) for q in quizzes),
            "href": links.rel(PROGRESS, m.index_uri),
            "lessons": [{"id": lesson.id, "title": lesson.title, "minutes": lesson.minutes,
                         "href": links.rel(PROGRESS, lesson.src_uri)} for lesson in m.lessons],
        })
    return {PROGRESS: render("progress.md.j2", modules=modules, mastery=MASTERY_RATIO, ratio=int(MASTERY_RATIO * 100))}
