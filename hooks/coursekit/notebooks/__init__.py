"""Notebook lessons: run them at build time and make their pages light.

Engine-independent (no MkDocs here); ``hooks/notebooks.py`` is the MkDocs adapter.

- :mod:`.execute`: run every notebook lesson with nbclient, cached (:func:`execute_lessons`).
- :mod:`.page`: what a notebook's page adds: the downloads box, links to built pages
  (:func:`rewrite_links`) and the data page (:func:`fill_data_page`).
- :mod:`.lighten`: the light page: mkdocs-jupyter's inlined CSS and scripts dropped, charts
  inlined and simplified, one div a cell (:func:`lighten`).
"""

from .execute import execute_lessons, execute_notebook, execution_enabled, rel_path
from .lighten import SLIDE_BREAK, external_scripts, lighten, simplify_svg, split_explicit_id
from .page import (DATA_FILES_MARKER, DATA_LESSONS_MARKER, DATA_PAGE, data_files_used, downloads_box,
                   fill_data_page, rewrite_links)

__all__ = [
    "DATA_FILES_MARKER", "DATA_LESSONS_MARKER", "DATA_PAGE", "SLIDE_BREAK", "data_files_used", "downloads_box",
    "execute_lessons", "execute_notebook", "execution_enabled", "external_scripts", "fill_data_page", "lighten",
    "split_explicit_id",
    "rel_path", "rewrite_links", "simplify_svg",
]
