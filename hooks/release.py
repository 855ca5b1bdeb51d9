"""MkDocs hooks for shipping: thin adapters around ``coursekit.release``.

- Every build drops source maps and unused search language packs, and the offline edition
  the JSON copy of its search index (``prune``).
- ``OFFLINE=true OFFLINE_ZIP=dist/course.zip mkdocs build`` also packs the offline edition
  into that zip, with a read-me (after mkdocs-material's offline plugin has written the
  search index it needs).
- A hosted build with ``OFFLINE_ZIP`` naming an existing zip publishes it under
  ``downloads/`` and the download page links it with its size.
- A hosted build (never the offline edition or an LMS package) writes the service worker
  ``sw.js`` and its ``offline-manifest.json`` to the site root, and puts the "save for offline
  use" box on the home page, each module overview and each path page (``coursekit.offline``).
"""

from __future__ import annotations

import logging
import os
import re
import shutil
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from coursekit import offline, release, runtime
from coursekit.i18n import t

log = logging.getLogger("mkdocs.plugins.coursekit.release")

DOWNLOAD_PAGE = "download.md"
COURSE_CSS = "assets/course/course.css"  # on every page (mkdocs.yml extra_css)
_state: dict = {}


def _offline(config) -> bool:
    for name in ("material/offline", "offline"):
        plugin = config.plugins.get(name)
        if plugin is not None:
            return bool(plugin.config.enabled)
    return False


def on_config(config):
    _state.clear()
    _state["icons"] = release.Icons()
    _state["offline"] = _offline(config)
    # main.html registers the service worker (offline-save.js) only where this is set.
    config.extra["service_worker"] = offline.SW if not _state["offline"] else ""
    target = os.environ.get("OFFLINE_ZIP", "").strip()
    if not target:
        return config
    zip_path = Path(target)
    if not zip_path.is_absolute():
        zip_path = Path(config.config_file_path).parent / zip_path
    if zip_path.suffix.lower() != ".zip":
        raise PluginError(f"OFFLINE_ZIP={target}: the name must end in .zip (for example dist/digit4sd-course.zip)")
    _state["zip"] = zip_path
    if not _state["offline"] and not zip_path.is_file():
        raise PluginError(
            f"OFFLINE_ZIP={target}: no such file to publish. Make it first with "
            f"OFFLINE=true OFFLINE_ZIP={target} mkdocs build --strict -d <folder>, then build the hosted site again"
        )
    return config


def on_page_content(html, page, config, files):
    if not _state["offline"]:
        box = offline.box_for(runtime.current().course, page.file.src_uri)
        if box:
            html = offline.place_box(html, box)
    if page.file.src_uri != DOWNLOAD_PAGE or "data-download" not in html:
        return html
    zip_path = _state.get("zip")
    if _state["offline"]:
        box = f"<p>{t('download.offline_html')}</p>"
    elif zip_path is not None:
        depth = runtime.current().links.page(page.file.src_uri).count("/")  # as coursekit's Links.rel
        href = "../" * depth + f"downloads/{zip_path.name}"
        box = release.download_box(href, zip_path.stat().st_size, zip_path.name)
    else:
        box = release.download_box(None, None, None)
    return re.sub(r"(<div[^>]*\bdata-download\b[^>]*>).*?(</div>)", lambda m: m.group(1) + box + m.group(2),
                  html, count=1, flags=re.S)


@event_priority(-200)  # after the offline plugin (-100) writes search/search_index.js
def on_post_build(config):
    site = Path(config.site_dir)
    pruned = release.prune(site, tuple(_languages(config)), offline=_state["offline"])
    icons = _state["icons"]
    if icons.drawings:  # the theme's icons, taken out of every page (on_post_page)
        with open(site / COURSE_CSS, "a", encoding="utf-8") as f:
            f.write(icons.css())
    log.info("pruned %d files, %s never used by a reader", pruned.files, release.human_size(pruned.bytes))
    # before the offline manifest hashes them (and before the worker gets its version)
    small = release.minify(site / "assets" / "course")
    log.info("minified %d course scripts and styles: %s -> %s", small.files,
             release.human_size(small.before), release.human_size(small.after))
    if _state["offline"]:
        (site / offline.SW_SOURCE).unlink(missing_ok=True)  # no service worker off the web
    else:
        ctx = runtime.current()
        data = offline.write(site, offline.groups(ctx.course, ctx.links))
        log.info("service worker: %d files in the offline manifest (%s)", len(data["files"]),
                 release.human_size(sum(f[0] for f in data["files"].values())))
    zip_path = _state.get("zip")
    if zip_path is None:
        return
    if _state["offline"]:
        course = runtime.current().course if runtime.current() else None
        only = getattr(course, "only_path", None)
        folder = f"{course.id}-{only}" if only else f"{course.id}-course"
        readme = release.readme_text(config.site_name, config.site_url or None)
        release.make_zip(site, zip_path, folder, readme)
        log.info("offline zip written: %s (%s)", zip_path, release.human_size(zip_path.stat().st_size))
    else:
        dest = site / "downloads" / zip_path.name
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(zip_path, dest)
        log.info("offline zip published: downloads/%s", zip_path.name)


def _languages(config):
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    langs = plugin.config.lang if plugin is not None else ["en"]
    return [langs] if isinstance(langs, str) else list(langs or ["en"])


# --------------------------------------------------------------------------- lighter pages
# The theme's navigation lists every lesson of every module on every page (about 55 entries,
# some 3 KB gzip a page). On each page, the modules it does not belong to keep their link (to
# the module's overview, which lists its lessons) and lose their nested list, toggle and
# drill-down panel. This knows mkdocs-material's navigation markup, so it lives here.

_SECTION = re.compile(r'<li class="md-nav__item md-nav__item--section md-nav__item--nested">')
_TAG = re.compile(r"<(/?)(li|nav)\b[^>]*>")
_TOGGLE = re.compile(r'<input class="md-nav__toggle md-toggle[^"]*" type="checkbox" id="(__nav_[\w]+)"[^>]*>')


def _close(html: str, start: int, tag: str) -> int:
    """The index just after the element of ``tag`` opening at ``start`` ends (tags balanced)."""
    depth = 0
    for m in _TAG.finditer(html, start):
        if m.group(2) != tag:
            continue
        depth += -1 if m.group(1) else 1
        if depth == 0:
            return m.end()
    raise ValueError("unbalanced navigation markup")


def lean_nav(html: str) -> str:
    """Drop the lesson lists of the navigation's inactive sections (see above)."""
    out, pos = [], 0
    for m in _SECTION.finditer(html):
        if m.start() < pos:
            continue
        end = _close(html, m.start(), "li")
        item = html[m.start():end]
        toggle = _TOGGLE.search(item)
        nav = item.find('<nav class="md-nav" data-md-level="1"')
        if toggle is None or nav < 0:
            continue
        nav_end = _close(item, nav, "nav")
        ident = toggle.group(1)
        first = re.search(r'<a href="([^"]*)" class="md-nav__link', item[nav:nav_end])
        item = item[:nav] + item[nav_end:]
        item = item.replace(toggle.group(0), "", 1)
        item = re.sub(r'<label class="md-nav__link " for="' + ident + r'"[^>]*>.*?</label>', "", item, count=1, flags=re.S)
        # A section with no page of its own (its title is only the toggle's label): its title
        # becomes a link to its first page, or the section could not be reached from here.
        bare = re.search(r'<label class="md-nav__link" for="' + ident + r'"[^>]*>\s*(?:<span class="md-ellipsis">)?'
                         r'([^<]*?)\s*(?:</span>)?\s*<span class="md-nav__icon md-icon"></span>\s*</label>', item)
        if bare and first:
            item = (item[:bare.start()] + f'<a href="{first.group(1)}" class="md-nav__link">{bare.group(1).strip()}</a>'
                    + item[bare.end():])
        item = item.replace('md-nav__item--section md-nav__item--nested"', 'md-nav__item--section"', 1)
        out.append(html[pos:m.start()])
        out.append(item)
        pos = end
    out.append(html[pos:])
    return "".join(out)


@event_priority(-100)
def on_post_page(output, page, config):
    try:
        output = lean_nav(output)
    except ValueError as e:
        raise PluginError(f"{page.file.src_uri}: {e}; the theme's navigation markup changed (hooks/release.py lean_nav)")
    if page.file.src_uri in runtime.current().course.lesson_by_uri():
        # a lesson has its own pager (previous, next, the module's overview and quiz) after its
        # completion button: the theme's second one in the footer only repeated it
        output = _FOOTER_NAV.sub("", output, count=1)
    # the same page, lighter: its icons drawn by the cached stylesheet, no indentation, and none
    # of the markers only the build reads
    return release.collapse_space(_state["icons"].swap(_build_only_markup(output)))


_FOOTER_NAV = re.compile(r'<nav class="md-footer__inner md-grid" aria-label="[^"]*"\s*>.*?</nav>', re.S)
# the theme's generator tag, and its footer bar when it holds no copyright line
_THEME_EXTRAS = re.compile(r'<meta name="generator" content="[^"]*">|<div class="md-footer-meta md-typeset">\s*'
                           r'<div class="md-footer-meta__inner md-grid">\s*<div class="md-copyright">\s*</div>\s*</div>\s*</div>')


# The theme's search index is made from each page's content before on_post_page: the marker that
# keeps a block out of it has done its work. In the side navigation, where titles wrap onto
# several lines, the theme's ellipsis wrapper around each title has no effect.
_SEARCH_EXCLUDE = re.compile(r" data-search-exclude(?=[\s>/])")
_NAV_ELLIPSIS = re.compile(r'(<a [^>]*class="md-nav__link[^"]*"[^>]*>)\s*<span class="md-ellipsis">([^<]*)</span>')


def _build_only_markup(html: str) -> str:
    return _THEME_EXTRAS.sub("", _NAV_ELLIPSIS.sub(r"\1\2", _SEARCH_EXCLUDE.sub("", html)))
