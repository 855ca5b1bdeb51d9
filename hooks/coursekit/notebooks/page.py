"""What a notebook lesson's page adds: downloads, links to built pages, and the data page.

Engine-independent (no MkDocs here). An adapter calls:

- :func:`downloads_box` for the links to the ``.ipynb`` and the data it reads, and
  :func:`rewrite_links` to turn a notebook's links to source files (``../data.md``)
  into links to the built pages, as MkDocs does for Markdown pages.
- :func:`fill_data_page` for the data page: the data files and the notebook lessons
  of this build (a one-path site lists only its own).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Iterable

from ..html import esc, md_text
from ..i18n import t
from ..model import Course, Lesson
from ..pages import Links


# --------------------------------------------------------------------------- downloads


def data_files_used(notebook: Path, data_dir: Path) -> list[Path]:
    """Files of ``data_dir`` whose names appear in the notebook's code cells."""
    if not data_dir.is_dir():
        return []
    try:
        nb = json.loads(notebook.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return []
    code = "\n".join(
        "".join(c.get("source", "")) if isinstance(c.get("source"), list) else c.get("source", "")
        for c in nb.get("cells", []) if c.get("cell_type") == "code"
    )
    return [f for f in sorted(data_dir.iterdir()) if f.is_file() and f.name in code]


def _size(n: int) -> str:
    from ..release import reader_size

    return reader_size(n)


def downloads_box(lesson: Lesson, links: Links, data_files: Iterable[Path], data_url: str = "data") -> str:
    """Links to the notebook file and the data it reads, relative to the lesson page.

    The ``.ipynb`` sits beside the page (mkdocs-jupyter's ``include_source`` puts it
    in the page's folder: ``m2/nb/nb.ipynb`` with directory URLs, ``m2/nb.ipynb``
    without), so its link is its bare name in both editions.
    """
    up = "../" * links.page(lesson.src_uri).count("/")
    name = lesson.source.name
    items = [f'<li><a href="{esc(name)}" download>{esc(t("nb.download_notebook", name=name))}</a> '
             f'({esc(_size(lesson.source.stat().st_size))})</li>']
    for f in data_files:
        items.append(f'<li><a href="{esc(up + data_url + "/" + f.name)}" download>{esc(t("nb.download_data", name=f.name))}</a> '
                     f'({esc(_size(f.stat().st_size))})</li>')
    return (
        '<aside class="nb-downloads" aria-labelledby="nb-downloads-title">'
        f'<p id="nb-downloads-title">{t("nb.downloads_html")}</p>'
        f'<ul>{"".join(items)}</ul></aside>'
    )


DATA_PAGE = "data.md"
DATA_FILES_MARKER = "<!-- data-files -->"
DATA_LESSONS_MARKER = "<!-- data-lessons -->"


def fill_data_page(markdown: str, course: Course, data_dir: Path, data_url: str = "data") -> str:
    """Fill the data page's markers with what this build holds (Markdown, links relative to
    the page ``data.md``): the data files with their sizes, and the notebook lessons that read
    them. A build without those files or lessons (a fixture, a one-path site) says so."""
    files = sorted(f for f in data_dir.iterdir() if f.is_file()) if data_dir.is_dir() else []
    if files:
        items = [f"- [{md_text(t('data.download_item', name=f.name))}]({data_url}/{f.name}){{ download=\"{f.name}\" }} "
                 f"({_size(f.stat().st_size)}, {t('data.plain_text')})" for f in files]
    else:
        items = [f"*{md_text(t('data.no_files'))}*"]
    lessons = [(lesson, data_files_used(lesson.source, data_dir)) for lesson in course.lessons
               if lesson.kind == "notebook"]
    lines = [f"- [{md_text(lesson.title)}]({lesson.src_uri}) "
             f"({t('path.lesson_meta', module=course.module(lesson.module_id).number, minutes=lesson.minutes)})"
             for lesson, used in lessons if used]
    if not lines:
        lines = [f"*{md_text(t('data.no_lessons'))}*"]
    return (markdown.replace(DATA_FILES_MARKER, "\n".join(items))
            .replace(DATA_LESSONS_MARKER, "\n".join(lines)))


# --------------------------------------------------------------------------- links

_HREF = re.compile(r'href="([^"#:?]+\.(?:md|ipynb))(#[^"]*)?"')


def rewrite_links(html: str, src_uri: str, links: Links, known: Iterable[str]) -> tuple[str, list[str]]:
    """Turn relative links to source files (``../data.md``, ``nb-x.ipynb``) in a notebook's
    Markdown cells into links to the built pages, as MkDocs does for Markdown pages.

    Returns the HTML and the link targets that name no known page.
    """
    import posixpath

    known = set(known)
    base = posixpath.dirname(src_uri)
    missing: list[str] = []

    def fix(m: re.Match) -> str:
        target = posixpath.normpath(posixpath.join(base, m.group(1)))
        if target not in known:
            missing.append(m.group(1))
            return m.group(0)
        return f'href="{links.rel(src_uri, target)}{m.group(2) or ""}"'

    return _HREF.sub(fix, html), missing
