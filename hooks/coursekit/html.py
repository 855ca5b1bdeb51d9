"""The one choke point between author text and HTML.

Everything an author wrote (titles, objectives, key points, quiz text, glossary
definitions, tool statements) reaches a page through this module:

- :func:`esc` for plain text in HTML (and in attributes);
- :func:`md_inline` / :func:`md_block` for short Markdown strings. Raw HTML in them
  is *escaped* (shown as text, never live), attribute lists are off, and a link or
  image whose URL has a script scheme (``javascript:``, ``vbscript:``, ``data:``) is
  dropped. The loader refuses such URLs at build time too (:func:`unsafe_url`);
- :func:`md_text` for a plain string placed into generated Markdown (a heading);
- :func:`nav_title` for a title in the site navigation.

One Markdown instance is reused (reset between strings): building one per string
was the largest cost of rendering generated pages. And a string's HTML depends on the
string alone, so each one is rendered once (:mod:`coursekit.memo`, by the string itself):
the same prompt, option or explanation is shown on its lesson, its module quiz and the
trainer's answer key, and an unchanged one is not rendered again by the next build.
"""

from __future__ import annotations

import html as _html
import json
import re
import threading
from pathlib import Path
from typing import Any

import markdown as _md
import pygments
import pymdownx
from markdown.treeprocessors import Treeprocessor

from .memo import ContentMemo, code_version

_MD_EXT = ["tables", "abbr", "pymdownx.inlinehilite", "pymdownx.betterem"]

_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):", re.I)
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")
UNSAFE_SCHEMES = frozenset({"javascript", "vbscript", "livescript", "data"})
_SAFE_DATA = re.compile(r"^data:image/(?:png|gif|jpe?g|webp);", re.I)


def esc(text: Any) -> str:
    return _html.escape(str(text), quote=True)


def compact_json(data: Any) -> str:
    """JSON without spaces, non-ASCII kept as it is (an answer key, a data file)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def unsafe_url(url: str, *, allow_images: bool = False) -> bool:
    """True when ``url`` would run script or smuggle a document (``javascript:``, ``vbscript:``,
    ``data:``), however it is disguised with entities, case, spaces or control characters.
    ``allow_images`` lets raster ``data:image/...`` URLs through (an ``<img src>``)."""
    clean = _CONTROL.sub("", _html.unescape(str(url)))
    m = _SCHEME.match(clean)
    if not m or m.group(1).lower() not in UNSAFE_SCHEMES:
        return False
    return not (allow_images and _SAFE_DATA.match(clean))


class _DropUnsafeUrls(Treeprocessor):
    def run(self, root):
        for el in root.iter():
            for attr in ("href", "src"):
                value = el.get(attr)
                if value is not None and unsafe_url(value, allow_images=(attr == "src")):
                    del el.attrib[attr]


class _Renderer:
    """One Markdown instance per thread, with raw HTML escaped and unsafe URLs dropped; the
    HTML of each string is kept (the instance is reset between strings, so it depends on
    nothing else)."""

    def __init__(self):
        self._local = threading.local()
        # The HTML depends on the string, this module, Markdown and its extensions.
        version = code_version(Path(__file__), _md.__version__, getattr(pymdownx, "__version__", None),
                               pygments.__version__, _MD_EXT)
        self.done = ContentMemo("markdown", version)

    def __call__(self, text: str) -> str:
        text = text or ""
        out = self.done.get(text)
        if out is None:
            out = self._convert(text)
            self.done.put(text, out)
        return out

    def _convert(self, text: str) -> str:
        md = getattr(self._local, "md", None)
        if md is None:
            md = _md.Markdown(extensions=_MD_EXT)
            md.preprocessors.deregister("html_block")  # raw HTML blocks become escaped text
            md.inlinePatterns.deregister("html")  # and so do inline tags and comments
            md.treeprocessors.register(_DropUnsafeUrls(md), "drop-unsafe-urls", 0)
            self._local.md = md
        try:
            return md.convert(text).strip()
        finally:
            md.reset()


_render = _Renderer()


def md_inline(text: str) -> str:
    """Render a short Markdown string; strip the wrapping paragraph when there is one."""
    out = _render(text)
    if out.startswith("<p>") and out.endswith("</p>") and out.count("<p>") == 1:
        out = out[3:-4]
    return out


def md_block(text: str) -> str:
    return _render(text)


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~])")


def md_text(text: Any) -> str:
    """A plain string for generated Markdown (``# {title}``): HTML escaped, Markdown
    punctuation backslash-escaped, so it shows exactly as written."""
    return _MD_SPECIAL.sub(r"\\\1", esc(" ".join(str(text).split())))


def md_source(text: Any) -> str:
    """Author Markdown placed into a generated page: its raw HTML escaped (shown as text),
    its Markdown kept."""
    return _html.escape(str(text), quote=False)


def nav_title(text: Any) -> str:
    """A title for the navigation and the page ``<title>`` (the theme prints it unescaped)."""
    return _html.escape(str(text), quote=False)


def json_script(data: Any) -> str:
    """JSON for the inside of a ``<script type="application/json">`` (``</`` cannot close it)."""
    return compact_json(data).replace("</", "<\\/")


def js_global(name: str, data: Any) -> str:
    """A generated script part that sets ``window.<name>`` to ``data`` (the outline, the
    interface strings, an LMS package's settings)."""
    return f"window.{name}={json_script(data)};\n"


def minutes_label(minutes: int) -> str:
    from .i18n import t

    h, m = divmod(int(minutes), 60)
    if h and m:
        return t("duration.hours_minutes", h=h, m=m)
    if h:
        return t("duration.hours", h=h)
    return t("minutes_short", n=m)
