"""Engine-independent clean-ups of rendered page HTML."""

from __future__ import annotations

import html as _html
import re
from typing import Callable

from . import htmltree
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

def lesson_article(page_html: str) -> str | None:
    """The ``<article class="lesson">`` of a built lesson page, as it is written there."""
    art = htmltree.parse(page_html).find(lambda e: e.tag == "article" and e.has_class("lesson"))
    return art.source() if art is not None else None


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


_PT = {"pt": 4 / 3, "px": 1.0, "": 1.0}


def svg_figure_img(svg: str, src: str) -> str | None:
    """An ``<img>`` showing the inline SVG figure ``svg`` from the file ``src``, with the same
    accessible name (its aria-label, or its title and description) and size; None for an SVG
    that would not look or work the same from a file (links, page colours, scripts)."""
    root = htmltree.parse(svg).find(lambda e: e.tag == "svg")
    if root is None or any(e.tag in ("a", "script", "foreignobject") for e in root.iter()):
        return None
    if re.search(r"currentColor|var\(", svg, re.I):
        return None
    text = {e.tag: _html.unescape(re.sub(r"<[^>]+>", "", e.inner_html())).strip()
            for e in root.find_all(lambda e: e.tag in ("title", "desc"))[::-1]}
    name = _html.unescape(root.get("aria-label") or "") or " ".join(text[k] for k in ("title", "desc") if text.get(k))
    if not name:
        return None
    size = ""
    box = (root.get("viewbox") or "").split()
    dims = [re.fullmatch(r"([\d.]+)(pt|px|)", root.get(k) or "") for k in ("width", "height")]
    if all(dims):
        size = "".join(f' {k}="{round(float(d.group(1)) * _PT[d.group(2)])}"' for k, d in zip(("width", "height"), dims))
    elif len(box) == 4:
        size = f' width="{round(float(box[2]))}" height="{round(float(box[3]))}"'
    style = root.get("style") or ""
    style = f' style="{_html.escape(style, quote=False).replace(chr(34), "&quot;")}"' if style else ""
    return f'<img class="handout-figure" src="{src}" alt="{_html.escape(name, quote=True)}"{size}{style}>'


def assemble_handout(shell_html: str, articles: list[str]) -> str:
    return shell_html.replace("<!-- handout-lessons -->", "\n".join(articles), 1)
