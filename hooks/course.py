"""MkDocs hooks: thin adapters from MkDocs events to the ``coursekit`` package.

All course knowledge (manifest, lessons, quizzes, paths, validation, HTML of
generated pages) lives in ``coursekit``; this file only moves data between
MkDocs and that package.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from coursekit import CourseError, load_course, memo, render, runtime
from coursekit import i18n, jsstrings
from coursekit import pages as kpages
from coursekit.data import check_data_dir
from coursekit import site as ksite
from coursekit.html import nav_title
from coursekit.loader import restrict_to_path
from coursekit.paths import unlink_outside
from coursekit.quizhtml import render_print_quiz, render_quiz
from coursekit.handout import handout_article, short_handout_article
from coursekit.postprocess import (assemble_handout, lesson_article, mark_activities,
                                   mark_facilitator, place_quizzes, rebase_links, svg_figure_img)
from coursekit.trainer import HANDOUT_FIGURES, handout_figure, handout_pages

log = logging.getLogger("mkdocs.plugins.coursekit")

OFFLINE_SHIM = "assets/course/iframe-worker-shim.js"


def _ctx() -> runtime.BuildContext:
    ctx = runtime.current()
    assert ctx is not None, "on_config loads the course first"
    return ctx


def _course():
    return _ctx().course


def on_config(config):
    root = Path(config.config_file_path).parent
    # Parsed YAML, rendered Markdown strings and compiled templates, by their content, kept
    # between builds.
    memo.use_folder(root / ".cache" / "coursekit")
    render.keep_compiled(root / ".cache" / "coursekit" / "templates")
    try:
        # in the build's language (hooks/languages.py, COURSE_LANGUAGE): translations where they exist
        course, warnings = load_course(root / "course", root / "quizzes", language=i18n.current())
        check_data_dir(root / "course" / "data", root)  # every row of the Survey table
        only = os.environ.get("LEARNING_PATH", "").strip()
        if only:
            course = restrict_to_path(course, only)
    except CourseError as exc:
        raise PluginError(str(exc)) from None
    for w in warnings:
        log.warning(str(w))
    abbrs = kpages.abbreviations(course)
    runtime.start(runtime.BuildContext(course=course, root=root, abbreviations=abbrs))
    # The glossary's acronyms become tooltips on every page through the abbr extension's own
    # glossary: appending their ~100 definitions to each page's Markdown made the block parser
    # re-scan the rest of the list once per definition (seconds of every build).
    if abbrs:
        if "abbr" not in config.markdown_extensions:
            config.markdown_extensions.append("abbr")
        mdx = config.mdx_configs.setdefault("abbr", {})
        mdx["glossary"] = {**(mdx.get("glossary") or {}), **abbrs}  # the course's win, as before
    config.extra["course_id"] = course.id
    # mkdocs-material's offline plugin adds a Worker shim from a CDN; ours ships with the site.
    config.extra["polyfills"] = [OFFLINE_SHIM if "iframe-worker" in p and "://" in p else p
                                 for p in config.extra.get("polyfills") or []]
    if only:
        config.site_name = f"{config.site_name}: {course.paths[0].title}"
    return config


def on_env(env, config, files):
    # The theme's own templates, compiled once and kept (Jinja's bytecode cache checks each
    # against its source): MkDocs makes a new environment for every build, and compiling the
    # theme's ~40 templates again was a second of every author's save in mkdocs serve.
    env.bytecode_cache = render.bytecode_cache(Path(config.config_file_path).parent / ".cache" / "coursekit" / "theme-templates")
    return env


@event_priority(100)  # before mkdocs-jupyter wraps notebook files; after hooks/lms.py (110)
def on_files(files: Files, config):
    ctx = _ctx()
    course = ctx.course
    links = ctx.links = kpages.Links(directory_urls=config.use_directory_urls)
    for lesson in course.lessons:
        # A real File rooted at course/ (or course/<language>/ for a translation; not a generated
        # one) so mkdocs-jupyter can wrap notebooks.
        files.append(File(lesson.src_uri, src_dir=str(lesson.source.parent.parent), dest_dir=config.site_dir,
                          use_directory_urls=config.use_directory_urls))
    try:
        generated = ctx.generated = ksite.generated_pages(course, links)
    except ValueError as exc:
        raise PluginError(str(exc)) from None
    for uri, text in generated.items():
        if files.get_file_from_path(uri) is not None:
            raise PluginError(f"docs/{uri} clashes with a page the course generates; rename or remove it")
        files.append(File.generated(config, uri, content=text))
    files.append(File.generated(config, ksite.OUTLINE_JS, content=kpages.outline_js(course, links)))
    # the course scripts' interface strings: every key they look up must be in the catalogue
    scripts = [(f"docs/{f.src_uri}", f.content_string) for f in files
               if f.src_uri.startswith("assets/course/") and f.src_uri.endswith(".js") and not f.generated_by]
    try:
        strings, own = jsstrings.parts(scripts, {f"docs/{p}" for parts in ksite.BUNDLES.values() for p in parts})
    except CourseError as exc:
        raise PluginError(str(exc)) from None
    for name, part in own.items():  # a page's own script carries the strings only it shows
        f = files.get_file_from_path(name.removeprefix("docs/"))
        files.remove(f)
        files.append(File.generated(config, f.src_uri, content=part + f.content_string))
    files.append(File.generated(config, jsstrings.STRINGS_JS, content=strings))
    for name, parts in ksite.BUNDLES.items():
        texts = []
        for part in parts:
            f = files.get_file_from_path(part)
            if f is None:
                raise PluginError(f"docs/{part} is missing: it is a part of {name} (coursekit/site.py BUNDLES)")
            texts.append((part, f.content_string))
            if part not in ctx.keep_scripts:
                files.remove(f)  # only the joined file is shipped
        files.append(File.generated(config, name, content=ksite.join_parts(name, texts)))
    data_dir = ctx.data_dir
    if data_dir.is_dir():
        for f in sorted(data_dir.iterdir()):
            if f.is_file():
                files.append(File(f"data/{f.name}", src_dir=str(data_dir.parent), dest_dir=config.site_dir,
                                  use_directory_urls=config.use_directory_urls))
    config.nav = ksite.navigation(course, [f.src_uri for f in files.documentation_pages()])
    return files


def on_page_markdown(markdown, page, config, files):
    course = _course()
    if isinstance(page.meta.get("title"), str):  # the theme prints the front-matter title unescaped
        page.meta["title"] = nav_title(page.meta["title"])
    if course.only_path:  # a one-path site: links to lessons it does not hold become plain text
        markdown = unlink_outside(markdown, page.file.src_uri, lambda uri: files.get_file_from_path(uri) is not None)
    return markdown  # the glossary's abbreviations reach every page from on_config


def on_page_content(html, page, config, files):
    course = _course()

    def quiz(quiz_id: str) -> str:
        try:
            q = course.quiz(quiz_id)
        except KeyError:  # a marker in a docs/ page (lesson markers were validated at load)
            raise PluginError(f"docs/{page.file.src_uri}: quiz marker names quiz '{quiz_id}', which does not exist")
        placed.append(quiz_id)
        return render_quiz(q)

    placed: list[str] = []
    html = place_quizzes(html, quiz)
    # main.html loads quiz.css and the quiz runtime's styles only where a quiz is placed
    page.meta["course_quiz"] = bool(placed)
    # and the scripts only this page runs (coursekit/site.py PAGE_SCRIPTS)
    page.meta["course_scripts"] = list(ksite.PAGE_SCRIPTS.get(page.file.src_uri, ()))
    html = mark_activities(mark_facilitator(html))
    lesson = course.lesson_by_uri().get(page.file.src_uri)
    if lesson is not None:
        html = kpages.lesson_chrome(course, lesson, html, _ctx().links)
    return html


def on_post_build(config):
    """Fill each handout page with the built articles of its lessons (the lessons come from the model)."""
    ctx = _ctx()
    course, links, site = ctx.course, ctx.links, Path(config.site_dir)
    # A lesson is in several handouts (its module's, its paths', their days and sessions, each
    # full and short): its handout article is made once, then rebased for each handout page
    # (rebasing touches only relative href/src values, which the handout forms keep as they are).
    # Its quizzes are in their print form; its SVG figures are files that every handout shares.
    forms: dict[str, dict[str, str]] = {}  # lesson id -> {"full": article, "short": article}
    figures: dict[str, str] = {}  # file name in HANDOUT_FIGURES -> its SVG
    print_quiz = lambda quiz_id: render_print_quiz(course.quiz(quiz_id))  # noqa: E731

    def figure_for(lesson_url: str):
        def figure(svg: str) -> str | None:
            name, text = handout_figure(svg)
            img = svg_figure_img(svg, "../" * lesson_url.count("/") + HANDOUT_FIGURES + name)
            if img is not None:
                figures[name] = text
            return img
        return figure

    for uri, (lesson_ids, form) in handout_pages(course).items():
        shell_path = site / _dest(links.page(uri))
        if not shell_path.exists():
            continue
        articles = []
        for lid in lesson_ids:
            try:
                lesson = course.lesson(lid)
            except KeyError:  # a path's lesson left out of a one-path site
                continue
            lesson_url = links.page(lesson.src_uri)
            made = forms.get(lid)
            if made is None:
                article = lesson_article((site / _dest(lesson_url)).read_text(encoding="utf-8"))
                if article is None:
                    raise PluginError(f"handout {uri}: the built lesson '{lid}' has no lesson article")
                made = forms[lid] = {"full": handout_article(article, lid, print_quiz, figure_for(lesson_url))}
            if form not in made:  # "short": cut from the full article
                made[form] = short_handout_article(made["full"])
            articles.append(rebase_links(made[form], lesson_url, links.page(uri)))
        shell = shell_path.read_text(encoding="utf-8")
        shell_path.write_text(assemble_handout(shell, articles), encoding="utf-8")
    if figures:
        folder = site / HANDOUT_FIGURES
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in figures.items():
            (folder / name).write_text(text, encoding="utf-8")
    memo.save()


def _dest(url: str) -> str:
    return url + "index.html" if url.endswith("/") or url == "" else url
