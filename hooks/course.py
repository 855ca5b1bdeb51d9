"""MkDocs hooks: thin adapters from MkDocs events to the ``coursekit`` package.

All course knowledge (manifest, lessons, quizzes, paths, validation, HTML of
generated pages) lives in ``coursekit``; this file only moves data between
MkDocs and that package.
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from coursekit import CourseError, load_course, runtime
from coursekit import pages as kpages
from coursekit import site as ksite
from coursekit.loader import QUIZ_MARKER, restrict_to_path
from coursekit.paths import unlink_outside
from coursekit.quizhtml import render_quiz
from coursekit.postprocess import (assemble_handout, handout_article, lesson_article, mark_activities,
                                   mark_facilitator, rebase_links)
from coursekit.trainer import handout_uris, short_handout_article, trainer_only_answers

log = logging.getLogger("mkdocs.plugins.coursekit")

_state: dict = {}
OFFLINE_SHIM = "assets/course/iframe-worker-shim.js"


def _course():
    return _state["course"]


def on_config(config):
    root = Path(config.config_file_path).parent
    try:
        course, warnings = load_course(root / "course", root / "quizzes")
        only = os.environ.get("LEARNING_PATH", "").strip()
        if only:
            course = restrict_to_path(course, only)
    except CourseError as exc:
        raise PluginError(str(exc)) from None
    for w in warnings:
        log.warning(str(w))
    _state.clear()
    _state.update(course=course, root=root, abbreviations=kpages.abbreviations(course))
    runtime.CURRENT.clear()
    runtime.CURRENT.update(_state)
    config.extra["course_id"] = course.id
    # mkdocs-material's offline plugin adds a Worker shim from a CDN; ours ships with the site.
    config.extra["polyfills"] = [OFFLINE_SHIM if "iframe-worker" in p and "://" in p else p
                                 for p in config.extra.get("polyfills") or []]
    if only:
        config.site_name = f"{config.site_name}: {course.paths[0].title}"
    return config


@event_priority(100)  # before mkdocs-jupyter wraps notebook files
def on_files(files: Files, config):
    course = _course()
    links = kpages.Links(directory_urls=config.use_directory_urls)
    _state["links"] = links
    runtime.CURRENT["links"] = links
    for lesson in course.lessons:
        # A real File rooted at course/ (not a generated one) so mkdocs-jupyter can wrap notebooks.
        files.append(File(lesson.src_uri, src_dir=str(course.root), dest_dir=config.site_dir,
                          use_directory_urls=config.use_directory_urls))
    generated = ksite.generated_pages(course, links)
    for uri, text in generated.items():
        if files.get_file_from_path(uri) is not None:
            raise PluginError(f"docs/{uri} clashes with a page the course generates; rename or remove it")
        files.append(File.generated(config, uri, content=text))
    files.append(File.generated(config, "assets/course/outline.js", content=kpages.outline_js(course, links)))
    data_dir = _state["root"] / "course" / "data"
    if data_dir.is_dir():
        for f in sorted(data_dir.iterdir()):
            if f.is_file():
                files.append(File(f"data/{f.name}", src_dir=str(data_dir.parent), dest_dir=config.site_dir,
                                  use_directory_urls=config.use_directory_urls))
    config.nav = ksite.navigation(course, [f.src_uri for f in files.documentation_pages()])
    return files


def on_page_markdown(markdown, page, config, files):
    course = _course()
    if course.only_path:  # a one-path site: links to lessons it does not hold become plain text
        markdown = unlink_outside(markdown, page.file.src_uri, lambda uri: files.get_file_from_path(uri) is not None)
    abbr = _state["abbreviations"]  # the same for every page: built once per build in on_config
    return f"{markdown}\n\n{abbr}\n" if abbr else markdown


def on_page_content(html, page, config, files):
    course = _course()

    def quiz(m: re.Match) -> str:
        try:
            q = course.quiz(m.group(1))
        except KeyError:  # a marker in a docs/ page (lesson markers were validated at load)
            raise PluginError(f"docs/{page.file.src_uri}: quiz marker names quiz '{m.group(1)}', which does not exist")
        return render_quiz(q, course.id)

    html = QUIZ_MARKER.sub(quiz, html)
    html = re.sub(r"&lt;!--\s*quiz\s*:\s*([^\s&]+)\s*--&gt;", lambda m: quiz(m), html)  # notebooks escape comments
    html = mark_activities(mark_facilitator(html))
    lesson = course.lesson_by_uri().get(page.file.src_uri)
    if lesson is not None:
        html = kpages.lesson_chrome(course, lesson, html, _state["links"])
    return html


def on_post_build(config):
    """Fill each handout page with the built articles of its lessons."""
    course = _course()
    site = Path(config.site_dir)
    links = _state["links"]
    for uri in handout_uris(course):
        shell_path = site / _dest(links.page(uri))
        if not shell_path.exists():
            continue
        shell = shell_path.read_text(encoding="utf-8")
        m = re.search(r'data-handout="([^"]*)"', shell)
        articles = []
        for lid in (m.group(1).split() if m else []):
            lesson_url = links.page(course.lesson(lid).src_uri)
            article = lesson_article((site / _dest(lesson_url)).read_text(encoding="utf-8"))
            if article is None:
                raise PluginError(f"handout {uri}: the built lesson '{lid}' has no lesson article")
            art = trainer_only_answers(handout_article(rebase_links(article, lesson_url, links.page(uri)), lid))
            articles.append(short_handout_article(art) if 'data-handout-form="short"' in shell else art)  # trainer-ux
        shell_path.write_text(assemble_handout(shell, articles), encoding="utf-8")


def _dest(url: str) -> str:
    return url + "index.html" if url.endswith("/") or url == "" else url
