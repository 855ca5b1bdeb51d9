"""Generated pages from Jinja2 templates (``coursekit/templates/``), autoescaped.

Every template gets the same helpers: ``t`` (the interface string lookup of
:mod:`coursekit.i18n`), the filters ``md`` / ``md_block`` (author Markdown, raw HTML
escaped: :mod:`coursekit.html`), ``minutes`` and ``md_text``, and ``front_matter``
(``yaml.safe_dump``). Autoescape is on: a value reaches HTML escaped unless it went
through one of those filters.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from . import html
from .i18n import current, direction, t
from .yamlio import dump_front_matter

TEMPLATES = Path(__file__).resolve().parent / "templates"


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        md=lambda s: Markup(html.md_inline(s)),
        md_block=lambda s: Markup(html.md_block(s)),
        md_source=lambda s: Markup(html.md_source(s)),
        md_text=lambda s: Markup(html.md_text(s)),
        minutes=html.minutes_label,
        json_script=lambda data: Markup(html.json_script(data)),
    )
    env.globals.update(t=_t, lang_attrs=lang_attrs)
    env.globals.update(front_matter=lambda **meta: Markup(dump_front_matter(meta)))
    return env


def bytecode_cache(folder: Path) -> jinja2.BytecodeCache | None:
    """A cache of compiled templates in ``folder``, kept between builds and processes (Jinja's
    bytecode cache checks each against its template's source and Jinja's and Python's
    versions); None when the folder cannot be made (templates are then compiled as before)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(str(folder))


def keep_compiled(folder: Path) -> None:
    """Keep the course's compiled templates in ``folder``: compiling them is most of what
    rendering the generated pages costs a fresh process."""
    environment().bytecode_cache = bytecode_cache(folder)


def lang_attrs(language: str) -> Markup:
    """`` lang="en" dir="ltr"`` on text whose source has no translation in the build's language
    (a reader's screen reader then speaks it as English, and it reads left to right), else
    nothing."""
    if language == current():
        return Markup("")
    return Markup(f' lang="{language}" dir="{direction(language)}"')


def _t(key: str, **values):
    """``t`` for templates: a key ending in ``_html`` holds markup of the project's own
    (``<em>``, ``<code>``), so it is trusted and its values are escaped into it."""
    if key.endswith("_html"):
        return Markup(t(key)).format(**values)
    return t(key, **values)


def render(name: str, **context) -> str:
    """The text of template ``name`` with ``context``."""
    return environment().get_template(name).render(**context)
