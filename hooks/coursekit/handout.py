"""The printed forms of a lesson: its built article made fit for paper (full), and the short form
a workshop prints (objectives, key points, activities, the trainer's notes and a notes area).

Which lessons a handout holds comes from the model (:func:`coursekit.trainer.handouts`); what
is taken out of each built article is found by parsing it (:mod:`coursekit.htmltree`), by
element and class, never by matching markup with regular expressions.
"""

from __future__ import annotations

import html as _html
import re
from typing import Callable

from . import htmltree
from .htmltree import Element
from .i18n import t

# Interactive parts a printed page has no use for: answers, solutions, buttons, pagers.
_DROP = (("details", "quiz-answer"), ("details", "solution"), ("div", "quiz-actions"), ("div", "quiz-feedback"),
         ("div", "quiz-foot"), ("div", "lesson-complete"), ("nav", "lesson-pager"), ("nav", "path-nav"),
         ("div", "slide-break"), ("a", "headerlink"), ("a", "anchor-link"))
# Attributes that mark a lesson page's interactive parts: a handout renames them
# (data-lesson becomes data-handout-lesson) so that no script takes a handout for a lesson.
_LESSON_ATTRS = ("data-lesson", "data-minutes", "data-question", "data-qtype", "data-key", "data-complete")
_IDREFS = ("aria-labelledby", "aria-describedby")
_URL_REF = re.compile(r"url\(#([^)\s]+)\)")  # inline SVG paint servers: fill="url(#hatch)"


def _is(tag: str | tuple[str, ...], cls: str) -> Callable[[Element], bool]:
    tags = (tag,) if isinstance(tag, str) else tag
    return lambda e: e.tag in tags and e.has_class(cls)


def _article(root: Element) -> Element:
    art = root.find(lambda e: e.tag == "article")
    if art is None:
        raise ValueError("a lesson article (<article class=\"lesson\">) was expected")
    return art


def handout_article(article: str, prefix: str, print_quiz: Callable[[str], str] | None = None,
                    figure: Callable[[str], str | None] | None = None) -> str:
    """A built lesson article made fit for a printed handout: no answers, solutions or buttons,
    model answers of activities for the trainer view only, and its ids prefixed with ``prefix``
    so that several lessons can share one page.

    ``print_quiz(quiz_id)`` gives the print form of a quiz, which replaces the interactive one.
    ``figure(svg)`` may give the markup that shows an inline SVG figure (its source text) from a
    file instead (the same figure is in many handouts; a file is stored once), or None to keep
    it inline."""
    root = htmltree.parse(article)
    art = _article(root)
    if print_quiz is not None:
        for quiz in art.find_all(lambda e: e.tag == "section" and e.has_class("quiz") and e.has("data-quiz")):
            quiz.replace_with(*htmltree.fragment(print_quiz(quiz.get("data-quiz"))))
    if figure is not None:
        for svg in art.find_all(lambda e: e.tag == "svg" and e.get("role") == "img"):
            img = figure(svg.source())
            if img is not None:
                svg.replace_with(*htmltree.fragment(img))
    for tag, cls in _DROP:
        for el in art.find_all(_is(tag, cls)):
            el.remove()
    # the glossary's tooltips on every acronym: paper shows none (the glossary is a page of its own)
    for abbr in art.find_all(lambda e: e.tag == "abbr" and e.has("title")):
        abbr.unwrap()
    for el in list(art.iter()):
        if el.tag == "section" and el.has_class("quiz") and el.has("data-quiz"):
            el.set("class", " ".join([*el.classes(), "quiz--print"]))
            el.rename("data-quiz", "data-print-quiz")
        for name in _LESSON_ATTRS:
            if el.has(name):
                el.rename(name, name.replace("data-", "data-handout-", 1))
        for name in ("id", "for"):
            if el.get(name):
                el.set(name, f"{prefix}--{el.get(name)}")
        for name in _IDREFS:
            if el.get(name):
                el.set(name, " ".join(f"{prefix}--{i}" for i in el.get(name).split()))
        for name in ("href", "xlink:href"):
            if (el.get(name) or "").startswith("#") and len(el.get(name)) > 1:
                el.set(name, f"#{prefix}--{el.get(name)[1:]}")
        for name, value in list(el.attrs):
            if value and "url(#" in value:
                el.set(name, _URL_REF.sub(lambda m: f"url(#{prefix}--{m.group(1)})", value))
        if el.tag == "style":
            el.children = [_URL_REF.sub(lambda m: f"url(#{prefix}--{m.group(1)})", c) if isinstance(c, str) else c
                           for c in el.children]
        if el.tag == "details" and el.has_class("answer") and not el.has("data-facilitator"):
            el.set("data-facilitator", None)  # a model answer prints only in the trainer view
    art.set("class", " ".join([*art.classes()[:1], "handout-lesson", *art.classes()[1:]]))
    return art.html()


def short_handout_article(article: str) -> str:
    """The short form of a handout article (made by :func:`handout_article`): its title, kicker
    and study time, objectives, key points, activities and the trainer's notes, and a notes area;
    its headings one level down under the lesson's title."""
    art = _article(htmltree.parse(article))
    short = Element("article", [*art.attrs])
    short.set("class", " ".join([*art.classes(), "handout-short"]))
    h1 = art.find(lambda e: e.tag == "h1")
    title = Element("h2", [("class", "handout-lesson-title")])
    title.children = h1.children if h1 is not None else []
    parts: list[Element] = []
    for match in (_is("p", "lesson-kicker"), _is("p", "lesson-meta")):
        found = art.find(match)
        if found is not None:
            parts.append(found)
    parts += art.find_all(_is("section", "lesson-objectives"))
    parts += art.find_all(_is(("section", "div", "aside"), "lesson-keypoints"))
    parts += art.find_all(lambda e: e.tag in ("div", "details") and e.has_class("admonition") and e.has_class("activity"))
    parts += art.find_all(_is(("div", "details"), "facilitator"))
    for part in parts:
        for el in part.iter():
            if el.tag == "h2":
                el.retag("h3")
    notes = _html.escape(t("handout.notes"), quote=True)
    tail = (f'<section class="handout-notes" aria-label="{notes}"><h3>{notes}</h3>'
            f'<div class="handout-lines"></div></section>')
    short.children = [title, *parts, tail]
    return short.html()
