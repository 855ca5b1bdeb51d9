"""Pages generated from the course model, as Markdown (with HTML blocks) keyed by site URI.

Nothing here knows the site engine: an adapter adds each (uri, text) pair as a
page and wraps lesson HTML with :func:`lesson_chrome`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Callable

from .html import esc, md_inline, minutes_label
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
    module = course.module(lesson.module_id)
    lessons = course.lessons
    idx = next(i for i, x in enumerate(lessons) if x.id == lesson.id)
    prev_l = lessons[idx - 1] if idx > 0 else None
    next_l = lessons[idx + 1] if idx + 1 < len(lessons) else None
    rel = lambda uri: links.rel(lesson.src_uri, uri)  # noqa: E731
    pos = [x.id for x in module.lessons].index(lesson.id) + 1
    meta = lesson.meta
    objectives = "".join(f"<li>{md_inline(o)}</li>" for o in meta.objectives)
    keypoints = "".join(f"<li>{md_inline(k)}</li>" for k in meta.keypoints)
    prereq = ""
    if meta.prerequisites:
        items = ", ".join(
            f'<a href="{rel(course.lesson(p).src_uri)}">{esc(course.lesson(p).title)}</a>'
            for p in meta.prerequisites if _has(course, p)
        )
        if items:
            prereq = f'<p class="lesson-prereq"><strong>Before this lesson:</strong> {items}</p>'
    activity = (f' · <span class="lesson-activity">{minutes_label(meta.activity_minutes)} group activity in workshops</span>'
                if meta.activity_minutes else "")
    head = (
        f'<header class="lesson-head">'
        f'<p class="lesson-kicker"><a href="{rel(module.index_uri)}">Module {module.number}: {esc(module.title)}</a>'
        f' · Lesson {pos} of {len(module.lessons)} in this module</p>'
        f"<h1>{esc(meta.title)}</h1>"
        f'<p class="lesson-meta"><span class="lesson-time">Study time: {minutes_label(meta.minutes)}</span>{activity}'
        f'{" · Notebook lesson" if lesson.kind == "notebook" else ""}</p>'
        f'<nav class="path-nav" data-path-nav hidden aria-label="Learning path"></nav>'
        f"{prereq}"
        f'<section class="lesson-objectives" aria-labelledby="objectives">'
        f'<h2 id="objectives">Learning objectives</h2><p>After this lesson you will be able to:</p>'
        f"<ul data-objectives>{objectives}</ul></section>"
        f"</header>"
    )
    reading = ""
    if meta.further_reading:
        items = []
        for r in meta.further_reading:
            title = esc(r.title)
            if r.url:
                title = f'<a href="{esc(r.url)}">{title}</a>'
            note = f" {md_inline(r.note)}" if r.note else ""
            items.append(f"<li><cite>{title}</cite>, {esc(r.publisher)}, {r.year}.{note}</li>")
        reading = (f'<section class="lesson-reading" aria-labelledby="further-reading">'
                   f'<h2 id="further-reading">Further reading</h2><ul>{"".join(items)}</ul></section>')
    pager = []
    if prev_l:
        pager.append(f'<a class="lesson-prev" rel="prev" href="{rel(prev_l.src_uri)}"><span>Previous lesson</span> {esc(prev_l.title)}</a>')
    if next_l:
        pager.append(f'<a class="lesson-next" rel="next" href="{rel(next_l.src_uri)}"><span>Next lesson</span> {esc(next_l.title)}</a>')
    foot = (
        f'<footer class="lesson-foot">'
        f'<section class="lesson-keypoints" aria-labelledby="key-points"><h2 id="key-points">Key points</h2>'
        f"<ul data-keypoints>{keypoints}</ul></section>"
        f"{reading}"
        f'<div class="lesson-complete" data-complete-box>'
        f'<button type="button" class="md-button" data-complete aria-pressed="false">Mark this lesson as complete</button>'
        f'<span class="lesson-complete-status" role="status" aria-live="polite"></span></div>'
        f'<nav class="lesson-pager" aria-label="Previous and next lesson">{"".join(pager)}</nav>'
        f"</footer>"
    )
    return (
        f'<article class="lesson lesson--{lesson.kind}" data-lesson="{esc(lesson.id)}" data-module="{esc(module.id)}" '
        f'data-minutes="{meta.minutes}" data-course="{esc(course.id)}">'
        f'{head}<div class="lesson-body">{content_html}</div>{foot}</article>'
    )


def _has(course: Course, lesson_id: str) -> bool:
    try:
        course.lesson(lesson_id)
        return True
    except KeyError:
        return False


# --------------------------------------------------------------------------- generated pages


def module_page(course: Course, module: Module, links: Links) -> str:
    rows = "".join(
        f'<tr data-lesson-row="{esc(lesson.id)}"><td>{i}</td><td><a href="{links.rel(module.index_uri, lesson.src_uri)}">{esc(lesson.title)}</a>'
        f'{" (notebook)" if lesson.kind == "notebook" else ""}</td>'
        f"<td>{lesson.minutes} min</td><td data-lesson-status></td></tr>"
        for i, lesson in enumerate(module.lessons, start=1)
    )
    quiz = ""
    if module.quiz:
        quiz = (f'<p class="module-quiz-link">When you have studied the lessons, take the '
                f'<a href="{links.rel(module.index_uri, module.quiz_uri)}">end-of-module quiz</a>.</p>')
    return (
        f"---\ntitle: \"Module {module.number}: {module.title}\"\n---\n\n"
        f"# Module {module.number}: {module.title}\n\n"
        f'<div class="module-overview" data-module="{esc(module.id)}" markdown>\n\n'
        f"{module.summary}\n\n"
        f'<p class="module-total">{len(module.lessons)} lessons · total study time '
        f"<strong>{minutes_label(module.minutes)}</strong> ({module.minutes} minutes)</p>\n\n"
        f"</div>\n\n"
        f'<table class="module-lessons" data-module-lessons="{esc(module.id)}"><caption>Lessons of module {module.number}</caption>'
        f'<thead><tr><th scope="col">#</th><th scope="col">Lesson</th><th scope="col">Study time</th>'
        f'<th scope="col">Your progress</th></tr></thead><tbody>{rows}</tbody></table>\n\n'
        f"{quiz}\n"
    )


def module_quiz_page(course: Course, module: Module) -> str:
    return (
        f"---\ntitle: \"Module {module.number} quiz\"\n---\n\n"
        f"# End-of-module quiz: {module.title}\n\n"
        f'<div class="module-quiz" data-module="{esc(module.id)}" markdown>\n\n'
        f"Check what you learned in module {module.number}. The questions cover all its lessons.\n\n"
        f"<!-- quiz: {module.quiz} -->\n\n</div>\n"
    )


def glossary_page(course: Course) -> str:
    items = []
    for t in course.glossary:
        name = f"{esc(t.term)}" + (f' (<abbr title="{esc(t.term)}">{esc(t.abbr)}</abbr>)' if t.abbr else "")
        see = ""
        if t.see:
            see = f' <span class="glossary-see">See also: {esc(", ".join(t.see))}.</span>'
        items.append(f'<dt id="{t.anchor}">{name}</dt><dd>{md_inline(t.definition)}{see}</dd>')
    return (
        "---\ntitle: Glossary\n---\n\n# Glossary\n\n"
        "Terms used in the course, in alphabetical order. Acronyms also show their meaning when you "
        "point at them or focus them in any lesson.\n\n"
        f'<dl class="glossary" data-glossary>{"".join(items)}</dl>\n'
    )


def abbreviations(course: Course) -> str:
    """Markdown abbreviation definitions (``*[EGDI]: ...``) for every glossary acronym, and
    for its plural (``*[LDCs]: ...``) where the acronym does not end in S."""
    out = []
    for t in course.glossary:
        if t.abbr:
            out.append(f"*[{t.abbr}]: {t.term}")
            if not t.abbr.endswith(("s", "S")):
                out.append(f"*[{t.abbr}s]: {t.term}")
    return "\n".join(out)


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
    data = json.dumps(outline(course, links), ensure_ascii=False, separators=(",", ":"))
    return f"window.COURSE_OUTLINE={data};\n"


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
