"""Engine-independent clean-ups of rendered page HTML."""

from __future__ import annotations

import re
from typing import Callable

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
    return _FACIL.sub(
        lambda m: f'<{m.group(1)} class="facilitator{m.group(2)}" data-facilitator data-search-exclude '
        f'aria-label="Facilitator notes, for trainers"',
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
_ID_ATTR = WordPattern(r'\b(id|for|aria-labelledby)="([^"]+)"')
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


def handout_article(article: str, prefix: str) -> str:
    """A lesson article made fit for a printed handout: no answers, solutions or buttons, and
    its ids prefixed so several lessons can share one page."""
    for rx in _DROP:
        article = rx.sub("", article)
    article = article.replace('<section class="quiz" data-quiz=', '<section class="quiz quiz--print" data-print-quiz=')
    # A handout is not a lesson page: rename the attributes that mark interactive lesson parts
    # (data-lesson= becomes data-handout-lesson=, and so on).
    article = _LESSON_ATTR.sub(lambda m: f"data-handout-{m.group(1)}=", article)
    article = _ID_ATTR.sub(lambda m: f'{m.group(1)}="{prefix}--{m.group(2)}"', article)
    article = _FRAGMENT_HREF.sub(lambda m: f'href="#{prefix}--{m.group(1)}"', article)
    # Inline SVG paint servers (hatch patterns, gradients) are referenced as url(#id).
    article = _URL_REF.sub(lambda m: f"url(#{prefix}--{m.group(1)})", article)
    article = article.replace('<article class="lesson', '<article class="lesson handout-lesson', 1)
    return article


def assemble_handout(shell_html: str, articles: list[str]) -> str:
    return shell_html.replace("<!-- handout-lessons -->", "\n".join(articles), 1)
