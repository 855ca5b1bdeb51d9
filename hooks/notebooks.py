"""MkDocs hooks for notebook lessons: thin adapters around ``coursekit.notebooks``.

- on_files: run every notebook lesson (cached in .cache/notebooks/) and point its
  page at the executed copy, before mkdocs-jupyter wraps and renders it.
  ``NOTEBOOK_EXECUTE=false`` skips this (pages then show the stored outputs).
- on_page_markdown: fill the data page (data.md) with the data files and the notebook
  lessons of this build.
- on_page_content: add the download links and strip mkdocs-jupyter's inlined
  CSS and scripts from the content (so the search index and handouts stay clean).
- on_post_page: strip them from the whole page too, and put the clean source
  notebook (not the executed copy) beside the page for download.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from coursekit import CourseError, runtime
from coursekit import notebooks as nbk

log = logging.getLogger("mkdocs.plugins.coursekit.notebooks")


def _notebook_lesson(page):
    ctx = runtime.current()
    if ctx is None:
        return None
    lesson = ctx.course.lesson_by_uri().get(page.file.src_uri)
    return lesson if lesson is not None and lesson.kind == "notebook" else None


@event_priority(90)  # after hooks/course.py (100) adds the lesson files; before mkdocs-jupyter (0)
def on_files(files: Files, config):
    if not nbk.execution_enabled():
        log.info("NOTEBOOK_EXECUTE=false: notebooks are not run")
        return files
    ctx = runtime.current()
    course, root = ctx.course, ctx.root
    try:
        executed = nbk.execute_lessons(course, root, root / ".cache" / "notebooks", root / "course" / "data")
    except CourseError as exc:
        raise PluginError(str(exc)) from None
    for src_uri, run in executed.items():
        old = files.get_file_from_path(src_uri)
        if old is None:
            continue
        files.remove(old)
        files.append(File(src_uri, src_dir=str(run.src_dir), dest_dir=config.site_dir,
                          use_directory_urls=config.use_directory_urls))
        log.info("notebook %s %s (%.1f s)", src_uri, "from cache" if run.cached else "executed", run.seconds)
    return files


def on_page_markdown(markdown, page, config, files):
    ctx = runtime.current()
    if page.file.src_uri != nbk.DATA_PAGE or ctx is None:
        return markdown
    return nbk.fill_data_page(markdown, ctx.course, ctx.data_dir)


@event_priority(50)  # before hooks/course.py wraps the lesson in its chrome
def on_page_content(html, page, config, files):
    lesson = _notebook_lesson(page)
    if lesson is None:
        return html
    ctx = runtime.current()
    root, links = ctx.root, ctx.links
    html, missing = nbk.rewrite_links(html, lesson.src_uri, links, (f.src_uri for f in files))
    if missing:
        raise PluginError(f"{nbk.rel_path(lesson.source, root)}: links to {', '.join(sorted(set(missing)))}, "
                          "which is not a page of the site -> correct the link (relative to the notebook's folder)")
    used = nbk.data_files_used(lesson.source, root / "course" / "data")
    _explicit_toc_ids(page.toc)
    return nbk.downloads_box(lesson, links, used) + nbk.lighten(html)


def _explicit_toc_ids(items) -> None:
    """The page's table of contents (mkdocs-jupyter's, which does not read ``{#id}``) with the
    ids and titles the headings get (``## Titre {#english-id}`` in a translated notebook)."""
    for item in items or []:
        title, new = nbk.split_explicit_id(item.title)
        if new is not None:
            item.title, item.id = title, new
        _explicit_toc_ids(item.children)


@event_priority(-50)  # after mkdocs-jupyter has copied the (executed) notebook beside the page
def on_post_page(output, page, config):
    lesson = _notebook_lesson(page)
    if lesson is None:
        return output
    target = Path(page.file.abs_dest_path).parent / lesson.source.name
    if target.exists():
        shutil.copyfile(lesson.source, target)  # learners download the clean source
    return nbk.lighten(output)
