"""Pages generated from the course model, as Markdown (with HTML blocks) keyed by site URI.

Nothing here knows the site engine: an adapter adds each (uri, text) pair as a
page and wraps lesson HTML with :func:`lesson_chrome`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from markupsafe import Markup

from .html import js_global
from .i18n import t
from .render import render
from .model import Course, LearningPath, Lesson, Module


@dataclass(frozen=True)
class Links:
    """How to write a link from one page to another (engine-specific, injected)."""

    directory_urls: bool

    def page(self, uri: str) -> str:
        """URL of a source URI, relative to the site root."""
        stem = uri.rsplit(".", 1)[0]
        if stem.endswith("index"):
            stem = stem[: -len("index")]
            return stem if self.directory_urls else stem + "index.html"
        return stem + "/" if self.directory_urls else stem + ".html"

    def rel(self, from_uri: str, to_uri: str) -> str:
        """Relative link from the page built from ``from_uri`` to the page of ``to_uri``."""
        depth = self.page(from_uri).count("/")
        return "../" * depth + self.page(to_uri)


# --------------------------------------------------------------------------- lesson chrome


def lesson_chrome(course: Course, lesson: Lesson, content_html: str, links: Links) -> str:
    """The lesson page around its rendered body: title, module, time and objectives before;
    key points, further reading, completion button and previous/next after."""
    module = course.module(lesson.module_id)
    lessons = course.lessons
    idx = next(i for i, x in enumerate(lessons) if x.id == lesson.id)
    rel = lambda uri: links.rel(lesson.src_uri, uri)  # noqa: E731
    link = lambda x: {"href": rel(x.src_uri), "title": x.title} if x is not None else None  # noqa: E731
    prereqs = [link(course.lesson(p)) for p in lesson.meta.prerequisites if _has(course, p)]
    prev = {**link(lessons[idx - 1]), "label": t("lesson.previous")} if idx > 0 else None
    nxt = {**link(lessons[idx + 1]), "label": t("lesson.next")} if idx + 1 < len(lessons) else None
    # The pager follows the course's reading order: a module opens with its overview and ends
    # with its quiz (the whole course; a one-path site keeps lesson to lesson).
    if not course.only_path:
        if lesson.id == module.lessons[0].id:
            prev = {"href": rel(module.index_uri), "title": t("module_n_title", n=module.number, title=module.title),
                    "label": t("lesson.module_overview")}
        if lesson.id == module.lessons[-1].id and module.quiz:
            nxt = {"href": rel(module.quiz_uri), "title": t("module_n_title", n=module.number, title=module.title),
                   "label": t("lesson.module_quiz")}
    return render("lesson.html.j2", course_id=course.id, lesson=lesson, module=module, meta=lesson.meta,
                  module_href=rel(module.index_uri), pos=[x.id for x in module.lessons].index(lesson.id) + 1,
                  prerequisites=prereqs, content=Markup(content_html), prev=prev, next=nxt).strip()


def _has(course: Course, lesson_id: str) -> bool:
    try:
        course.lesson(lesson_id)
        return True
    except KeyError:
        return False


# --------------------------------------------------------------------------- generated pages


def module_page(course: Course, module: Module, links: Links) -> str:
    lessons = [{"id": x.id, "href": links.rel(module.index_uri, x.src_uri), "title": x.title,
                "notebook": x.kind == "notebook", "minutes": x.minutes} for x in module.lessons]
    quiz_href = links.rel(module.index_uri, module.quiz_uri) if module.quiz else None
    return render("module.md.j2", module=module, lessons=lessons, quiz_href=quiz_href)


def module_quiz_page(course: Course, module: Module) -> str:
    return render("module_quiz.md.j2", module=module)


def glossary_page(course: Course) -> str:
    return render("glossary.md.j2", terms=course.glossary)


def abbreviations(course: Course) -> dict[str, str]:
    """Abbreviation tooltips for every glossary acronym (``EGDI`` -> its term), and for its
    plural (``LDCs``) where the acronym does not end in S: what a page would get from
    Markdown abbreviation definitions (``*[EGDI]: ...``), given to the renderer once instead."""
    out: dict[str, str] = {}
    for t in course.glossary:
        if t.abbr:
            out[t.abbr] = t.term
            if not t.abbr.endswith(("s", "S")):
                out[f"{t.abbr}s"] = t.term
    return out


def outline(course: Course, links: Links) -> dict:
    """The course outline the browser needs for paths and progress (embedded as a global)."""
    return {
        "course": course.id,
        "title": course.title,
        "onlyPath": course.only_path,
        "modules": [
            {
                "id": m.id,
                "number": m.number,
                "title": m.title,
                "url": links.page(m.index_uri),
                "quiz": m.quiz,
                "quizUrl": links.page(m.quiz_uri) if m.quiz else None,
                "lessons": [
                    {
                        "id": lesson.id,
                        "title": lesson.title,
                        "url": links.page(lesson.src_uri),
                        "minutes": lesson.minutes,
                        "quizzes": [r.quiz_id for r in lesson.quiz_refs],
                    }
                    for lesson in m.lessons
                ],
            }
            for m in course.modules
        ],
        "quizzes": {q.id: len(q.questions) for q in course.quizzes},
        "paths": [
            {"id": p.id, "title": p.title, "url": links.page(f"paths/{p.id}/index.md"), "lessons": list(p.all_lessons)}
            for p in course.paths
        ],
    }


def outline_js(course: Course, links: Links) -> str:
    return js_global("COURSE_OUTLINE", outline(course, links))


PageMap = dict[str, str]
Generator = Callable[[Course, Links], PageMap]


def core_pages(course: Course, links: Links) -> PageMap:
    pages: PageMap = {}
    for m in course.modules:
        pages[m.index_uri] = module_page(course, m, links)
        if m.quiz:
            pages[m.quiz_uri] = module_quiz_page(course, m)
    if course.glossary:
        pages["glossary.md"] = glossary_page(course)
    return pages
