"""Tiny HTML helpers: everything user-visible goes through :func:`esc`."""

from __future__ import annotations

import html as _html
import json
from typing import Any

import markdown as _md

_MD_EXT = ["attr_list", "tables", "abbr", "pymdownx.inlinehilite", "pymdownx.betterem"]


def esc(text: Any) -> str:
    return _html.escape(str(text), quote=True)


def attr_json(value: Any) -> str:
    """JSON for an HTML attribute value (escaped)."""
    return esc(json.dumps(value, ensure_ascii=False, separators=(",", ":")))


def md_inline(text: str) -> str:
    """Render a short Markdown string; strip the wrapping paragraph when there is one."""
    out = _md.markdown(text or "", extensions=_MD_EXT).strip()
    if out.startswith("<p>") and out.endswith("</p>") and out.count("<p>") == 1:
        out = out[3:-4]
    return out


def md_block(text: str) -> str:
    return _md.markdown(text or "", extensions=_MD_EXT).strip()


def minutes_label(minutes: int) -> str:
    h, m = divmod(int(minutes), 60)
    if h and m:
        return f"{h} h {m} min"
    if h:
        return f"{h} h"
    return f"{m} min"
