"""Engine-independent clean-ups of rendered page HTML."""

from __future__ import annotations

import html as _html
import re
from typing import Callable

from .i18n import t
from .scan import WordPattern

_MARKER = re.compile(r"<!--\s*quiz\s*:\s*([^\s>]+)\s*-->"
                     r"|&lt;!--\s*quiz\s*:\s*([^\s&]+)\s*--&gt;")  # notebooks escape comments
_CODE = re.compile(r"<(pre|code)\b.*?</\1>", re.S | re.I)


def place_quizzes(html: str, render: Callable[[str], str]) -> str:
    """Replace each quiz marker with ``render(quiz_id)``. A marker shown inside ``<pre>``
    or ``<code>`` (an example in a code block) is text, not a placement."""
    out, pos = [], 0
    for code in _CODE.finditer(html):
        out.append(_MARKER.sub(lambda m: render(m.group(1) or m.group(2)), html[pos:code.start()]))
        out.append(code.group(0))
        pos = code.end()
    out.append(_MARKER.sub(lambda m: render(m.group(1) or m.group(2)), html[pos:]))
    return "".join(out)


_FACIL = re.compile(r'<(details|div) class="(?:admonition )?facilitator([^"]*)"')


def mark_facilitator(html: str) -> str:
    """Mark facilitator-note blocks (``??? facilitator``) with ``data-facilitator``."""
    label = _html.escape(t("lesson.facilitator_label"), quote=True)
    return _FACIL.sub(
        lambda m: f'<{m.group(1)} class="facilitator{m.group(2)}" data-facilitator data-search-exclude '
        f'aria-label="{label}"',
        html,
    )


_ACTIVITY = re.compile(r'<(details|div) class="(?:admonition )?activity([^"]*)"(?![^>]*\bdata-activity\b)')


def mark_activities(html: str) -> str:
    """Mark learner activities (``!!! activity "Try it yourself: ..."``) with ``data-activity``.

    An activity's model answer is a nested ``??? answer "..."`` block: a closed ``<details>``
    the learner opens when ready to compare."""
    html = _ACTIVITY.sub(
        lambda m: f'<{m.group(1)} class="admonition activity{m.group(2)}" data-activity',
        html,
    )
    # A model answer is an answer key: kept out of the search index.
    return _MODEL_ANSWER.sub(lambda m: m.group(0) + " data-search-exclude", html)


_MODEL_ANSWER = re.compile(r'<details class="answer[^"]*"(?![^>]*\bdata-search-exclude\b)')


_URL_ATTR = WordPattern(r'\b(href|src)="([^"]*)"')
_SCHEMEISH = re.compile(r"^([a-z][a-z0-9+.-]*:|#|/|\?)", re.I)
_LESSON_ATTR = WordPattern(r"\bdata-(lesson|minutes|question|qtype|key|complete)=")
_ID_ATTR = WordPattern(r'\b(id|for)="([^"]+)"')
_IDREFS_ATTR = WordPattern(r'\b(aria-labelledby|aria-describedby)="([^"]+)"')  # a list of ids
_FRAGMENT_HREF = re.compile(r'href="#([^"]+)"')
_URL_REF = re.compile(r"url\(#([^)\s]+)\)")

_ARTICLE = re.compile(r'<article class="lesson[^"]*".*?</article>', re.S)
_DROP = [
    re.compile(r'<details class="quiz-answer"[^>]*>.*?</details>', re.S),
    re.compile(r'<details class="[^"]*\bsolution\b[^"]*"[^>]*>.*?</details>', re.S),
    re.compile(r'<div class="quiz-actions"[^>]*>.*?</div>', re.S),
    re.compile(r'<div class="quiz-feedback"[^>]*></div>'),
    re.compile(r'<div class="quiz-foot"[^>]*>.*?</div>', re.S),
    re.compile(r'<div class="lesson-complete"[^>]*>.*?</div>', re.S),
    re.compile(r'<nav class="lesson-pager".*?</nav>', re.S),
    re.compile(r'<nav class="path-nav".*?</nav>', re.S),
]


def lesson_article(page_html: str) -> str | None:
    """The ``<article class="lesson">`` of a built lesson page."""
    m = _ARTICLE.search(page_html)
    return m.group(0) if m else None


def rebase_links(html: str, from_page: str, to_page: str) -> str:
    """Rewrite relative href/src values written for ``from_page`` so they work from ``to_page``
    (both are site-root-relative page URLs such as ``m1/lesson/`` or ``m1/lesson.html``)."""
    import posixpath

    from_dir = posixpath.dirname(from_page if not from_page.endswith("/") else from_page + "x")
    to_dir = posixpath.dirname(to_page if not to_page.endswith("/") else to_page + "x")

    def fix(m: re.Match) -> str:
        attr, url = m.group(1), m.group(2)
        if _SCHEMEISH.match(url):
            return m.group(0)
        path, sep, frag = url.partition("#")
        target = posixpath.normpath(posixpath.join(from_dir, path)) if path else ""
        if path.endswith("/") and target != ".":
            target += "/"
        new = posixpath.relpath(target, to_dir or ".") if target else ""
        if path.endswith("/") and not new.endswith("/"):
            new += "/"
        return f'{attr}="{new}{sep}{frag}"'

    return _URL_ATTR.sub(fix, html)


_QUIZ = re.compile(r'<section class="quiz" data-quiz="([^"]+)".*?</section>', re.S)
_PERMALINK = re.compile(r'<a class="(?:headerlink|anchor-link)"[^>]*>[^<]*</a>')
_SLIDE_BREAK = '<div class="slide-break" hidden></div>'  # the presentation view's, never printed
_FIGURE_SVG = re.compile(r'<svg\b(?=[^>]*\brole="img")[^>]*>.*?</svg>', re.S)


def handout_article(article: str, prefix: str, print_quiz: Callable[[str], str] | None = None,
                    figure: Callable[[str], str | None] | None = None) -> str:
    """A lesson article made fit for a printed handout: no answers, solutions or buttons, and
    its ids prefixed so several lessons can share one page.

    ``print_quiz(quiz_id)`` gives the print form of a quiz, which replaces the interactive one.
    ``figure(svg)`` may give the markup that shows an inline SVG figure from a file instead
    (the same figure is in many handouts; a file is stored once), or None to keep it inline."""
    if print_quiz is not None:
        article = _QUIZ.sub(lambda m: print_quiz(m.group(1)), article)
    if figure is not None:
        article = _FIGURE_SVG.sub(lambda m: figure(m.group(0)) or m.group(0), article)
    for rx in _DROP:
        article = rx.sub("", article)
    article = _PERMALINK.sub("", article).replace(_SLIDE_BREAK, "")
    # The glossary's tooltips on every acronym: paper shows none (the glossary is a page of its own)
    article = _ABBR.sub(r"\1", article)
    article = article.replace('<section class="quiz" data-quiz=', '<section class="quiz quiz--print" data-print-quiz=')
    # A handout is not a lesson page: rename the attributes that mark interactive lesson parts
    # (data-lesson= becomes data-handout-lesson=, and so on).
    article = _LESSON_ATTR.sub(lambda m: f"data-handout-{m.group(1)}=", article)
    article = _ID_ATTR.sub(lambda m: f'{m.group(1)}="{prefix}--{m.group(2)}"', article)
    article = _IDREFS_ATTR.sub(lambda m: f'{m.group(1)}="' + " ".join(f"{prefix}--{i}" for i in m.group(2).split()) + '"', article)
    article = _FRAGMENT_HREF.sub(lambda m: f'href="#{prefix}--{m.group(1)}"', article)
    # Inline SVG paint servers (hatch patterns, gradients) are referenced as url(#id).
    article = _URL_REF.sub(lambda m: f"url(#{prefix}--{m.group(1)})", article)
    article = article.replace('<article class="lesson', '<article class="lesson handout-lesson', 1)
    return article


_ABBR = re.compile(r'<abbr title="[^"]*">([^<]*)</abbr>')
_SVG_TEXT = {name: re.compile(rf"<{name}\b[^>]*>(.*?)</{name}>", re.S) for name in ("title", "desc")}
_ATTR = re.compile(r'\b([\w:-]+)="([^"]*)"')
_PT = {"pt": 4 / 3, "px": 1.0, "": 1.0}


def svg_figure_img(svg: str, src: str) -> str | None:
    """An ``<img>`` showing the inline SVG figure ``svg`` from the file ``src``, with the same
    accessible name (its aria-label, or its title and description) and size; None for an SVG
    that would not look or work the same from a file (links, page colours, scripts)."""
    if re.search(r"<a\b|<script|<foreignObject|currentColor|var\(", svg, re.I):
        return None
    attrs = dict(_ATTR.findall(svg[:svg.index(">")]))
    name = _html.unescape(attrs.get("aria-label", "")) or " ".join(
        _html.unescape(re.sub(r"<[^>]+>", "", m.group(1))).strip()
        for m in (_SVG_TEXT[k].search(svg) for k in ("title", "desc")) if m)
    if not name:
        return None
    size = ""
    box = attrs.get("viewBox", "").split()
    dims = [re.fullmatch(r"([\d.]+)(pt|px|)", attrs.get(k, "")) for k in ("width", "height")]
    if all(dims):
        size = "".join(f' {k}="{round(float(d.group(1)) * _PT[d.group(2)])}"' for k, d in zip(("width", "height"), dims))
    elif len(box) == 4:
        size = f' width="{round(float(box[2]))}" height="{round(float(box[3]))}"'
    style = attrs.get("style", "")
    style = f' style="{style}"' if style else ""
    return f'<img class="handout-figure" src="{src}" alt="{_html.escape(name, quote=True)}"{size}{style}>'
def assemble_handout(shell_html: str, articles: list[str]) -> str:
    return shell_html.replace("<!-- handout-lessons -->", "\n".join(articles), 1)
