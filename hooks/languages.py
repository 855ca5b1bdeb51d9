"""MkDocs hooks for the course's languages: thin adapters around ``coursekit.i18n`` and
``coursekit.translations``.

- ``COURSE_LANGUAGE=fr mkdocs build`` builds one language alone (with ``OFFLINE``,
  ``LEARNING_PATH``, ``OFFLINE_ZIP`` or ``LMS_PACKAGE`` as usual): the theme's language, the
  search stemmer, the interface catalogue and the course sources' translations are French.
- ``mkdocs build`` of the hosted site without ``COURSE_LANGUAGE`` builds every language of the
  course (``languages:`` in course/course.yml): English at the root, each other language under
  its code (``fr/``, ``ar/``), each as its own build of this same configuration. An offline
  edition, an LMS package and ``mkdocs serve`` are one language (English unless
  ``COURSE_LANGUAGE`` says otherwise): a reader downloads only their own language.
- Every page of a site built with other languages links to the same page in each of them
  (the switcher in the header and ``<link rel="alternate" hreflang>``); right-to-left
  languages get ``dir="rtl"`` on ``<html>``.
- A page shown in English in another language's site (its translation is missing) says so in
  that language and is marked ``lang="en"``; a translation older than its English source says
  that the English is newer.
"""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
import time
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from coursekit import CourseError, i18n, runtime, translations

log = logging.getLogger("mkdocs.plugins.coursekit.languages")

ENV = "COURSE_LANGUAGE"
ALL = "COURSE_LANGUAGES_BUILT"  # set by the root build for its language builds: "en,fr,ar"
_state: dict = {"command": "build"}


def on_startup(command, dirty):
    _state["command"] = command


def _one_language_edition(config) -> bool:
    offline = any(getattr(config.plugins.get(n), "config", None) is not None and config.plugins[n].config.enabled
                  for n in ("material/offline", "offline") if n in config.plugins)
    return offline or bool(os.environ.get("LMS_PACKAGE", "").strip()) or _state["command"] == "serve"


@event_priority(120)  # before hooks/course.py loads the course and before the theme's search plugin reads its language
def on_config(config):
    language = os.environ.get(ENV, "").strip() or "en"
    try:
        i18n.use(language)
    except CourseError as exc:
        raise PluginError(str(exc)) from None
    built = [x for x in os.environ.get(ALL, "").split(",") if x]
    _state.update(language=language, subbuilds=[], built=built)
    if not os.environ.get(ENV, "").strip() and not _one_language_edition(config):
        # the root of the hosted site: the other languages are built under it after it
        from coursekit.yamlio import SourceError, load_yaml, read_text

        try:
            manifest, _ = load_yaml(read_text(Path(config.config_file_path).parent / "course" / "course.yml"))
            languages = [str(x) for x in (manifest or {}).get("languages") or ["en"]]
        except (SourceError, OSError, AttributeError, TypeError):
            # a manifest that cannot be read is reported, with its file and line, by
            # hooks/course.py's loading of the course right after this hook
            languages = ["en"]
        _state["subbuilds"] = [x for x in languages if x != "en"]
        _state["built"] = languages
    if language not in _state["built"]:
        _state["built"] = [language]
    config.theme["language"] = language
    config.theme["direction"] = i18n.direction(language)
    search = config.plugins.get("material/search") or config.plugins.get("search")
    if search is not None:
        search.config.lang = [language]  # the theme's stemmer for the language (lunr.fr, lunr.ar)
    config.site_name = i18n.t("site.name") if config.site_name == i18n.t("site.name", "en") else config.site_name
    if " ".join((config.site_description or "").split()) == i18n.t("site.description", "en"):
        config.site_description = i18n.t("site.description")
    # the theme's own strings that mkdocs.yml gives in English: the palette toggles, the
    # headings' permalinks (the theme translates the rest itself from theme.language)
    for scheme in config.theme.get("palette") or []:
        toggle = scheme.get("toggle") if isinstance(scheme, dict) else None
        if toggle and toggle.get("name"):
            toggle["name"] = i18n.t("theme.dark_mode" if scheme.get("scheme") == "default" else "theme.light_mode")
    toc = config.mdx_configs.get("toc")
    if toc is not None and toc.get("permalink"):
        toc["permalink_title"] = i18n.t("theme.permalink")
    config.extra["course_language"] = language
    # the theme shows partials/alternate.html (ours: hooks/theme/partials/alternate.html) when this
    # is set; not a list, so the theme writes no <link rel="alternate"> of its own to each home
    config.extra["alternate"] = len(_state["built"]) > 1
    return config


def on_env(env, config, files):
    env.globals["course_t"] = i18n.t  # the interface catalogue, for the theme's partials
    return env


@event_priority(105)  # after hooks/lms.py (110), before hooks/course.py (100) adds the course's pages
def on_files(files: Files, config):
    """The site's own pages in the build's language: ``docs/<lang>/x.md`` replaces ``docs/x.md``;
    the translation folders are never pages of their own."""
    language = _state["language"]
    languages = set(i18n.LANGUAGES)
    docs = Path(config.docs_dir)
    english_pages: set[str] = set()
    for f in list(files):
        top = f.src_uri.split("/", 1)[0]
        if top in languages and "/" in f.src_uri:
            files.remove(f)
            continue
        if language == "en" or not f.src_uri.endswith(".md"):
            continue
        translated = docs / language / f.src_uri
        if translated.is_file():
            files.remove(f)
            files.append(File(f.src_uri, src_dir=str(docs / language), dest_dir=config.site_dir,
                              use_directory_urls=config.use_directory_urls))
        else:
            english_pages.add(f.src_uri)
    _state["english_pages"] = english_pages
    return files


def on_page_context(context, page, config, nav):
    """The page's links to itself in every other language of the site."""
    built = _state["built"]
    if len(built) < 2:
        return context
    language = _state["language"]
    url = page.url
    up = "../" * url.count("/")
    to_root = up + ("" if language == "en" else "../")
    page.meta["course_alternates"] = [
        {"code": code, "name": i18n.LANGUAGES[code]["name"], "current": code == language,
         "href": (to_root + ("" if code == "en" else code + "/") + url) or "./"}
        for code in built
    ]
    return context


@event_priority(40)  # after hooks/course.py (0) has wrapped the lesson in its chrome
def on_page_content(html, page, config, files):
    """A page in English in another language's site says so; a stale translation says the
    English is newer."""
    language = _state["language"]
    if language == "en":
        return html
    course = runtime.current().course
    lesson = course.lesson_by_uri().get(page.file.src_uri)
    english = page.file.src_uri in _state.get("english_pages", ()) or (lesson is not None and lesson.translation is None)
    if english:
        note = _notice("untranslated", i18n.t("lang.untranslated_html"))
        return f'{note}<div lang="en" dir="ltr" class="lang-en">{html}</div>'
    if lesson is not None and lesson.translation == "stale":
        if "en" in _state["built"]:
            href = next(a["href"] for a in page.meta.get("course_alternates", []) if a["code"] == "en") \
                if page.meta.get("course_alternates") else None
            text = i18n.t("lang.stale_html", href=href) if href else i18n.t("lang.stale_no_link")
        else:
            text = i18n.t("lang.stale_no_link")
        return _notice("stale", text) + html
    return html


def _notice(kind: str, text: str) -> str:
    return f'<div class="admonition note lang-notice" data-lang-notice="{kind}"><p>{text}</p></div>'


_HTML_TAG = re.compile(r"<html lang=\"([\w-]+)\"")


def _direction(output: str) -> str:
    if i18n.direction(_state["language"]) == "rtl":
        output = _HTML_TAG.sub(lambda m: f'{m.group(0)} dir="rtl"', output, count=1)
    return output


@event_priority(-150)
def on_post_page(output, page, config):
    return _direction(output)


def on_post_template(output_content, template_name, config):
    """The theme's own pages (404.html) read in the language's direction too."""
    return _direction(output_content) if template_name.endswith(".html") else output_content


@event_priority(-250)  # after hooks/release.py (-200) has finished this language's site
def on_post_build(config):
    ctx = runtime.current()
    if ctx is not None and _state["language"] != "en":
        stale = [e for e in translations.status(ctx.root, _state["language"]) if e.state == "stale"]
        for e in stale:
            log.info("stale translation: %s (its English source %s changed since)", e.translation, e.source)
    if not _state["subbuilds"]:
        return
    site = Path(config.site_dir)
    env = {**os.environ, ALL: ",".join(_state["built"])}
    for k in ("OFFLINE_ZIP", "LMS_PACKAGE", "QUESTION_BANK"):
        env.pop(k, None)  # the root build's own outputs
    for code in _state["subbuilds"]:
        start = time.perf_counter()
        cmd = [sys.executable, "-m", "mkdocs", "build", "-f", config.config_file_path, "-d", str(site / code)]
        if config.strict:
            cmd.insert(4, "--strict")
        url = (config.site_url or "").rstrip("/")
        proc = subprocess.run(cmd, env={**env, ENV: code, "SITE_URL": f"{url}/{code}/" if url else ""},
                              capture_output=True, text=True)
        out = (proc.stdout + proc.stderr).strip()
        if proc.returncode != 0:
            raise PluginError(f"the {code} edition (COURSE_LANGUAGE={code}) did not build:\n{out[-4000:]}")
        for line in out.splitlines():
            if line.startswith("WARNING"):
                log.warning("[%s] %s", code, line.removeprefix("WARNING").strip(" -"))
            elif "stale translation:" in line:  # listed, not a warning: a stale page still builds
                log.info("[%s] stale translation:%s", code, line.split("stale translation:", 1)[1])
        log.info("%s/ built in %.1f s", code, time.perf_counter() - start)
