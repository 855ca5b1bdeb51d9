"""The hosted course offline, once saved: the manifest the service worker works from, the
service worker itself, and the "save for offline use" box.

Engine-independent: :func:`groups` takes the course model and the link style; :func:`manifest`
and :func:`write` take a finished site folder (and the pages of each group).

The manifest (``offline-manifest.json`` at the site root) lists every file a reader needs,
each with its size and a content hash, and the files of each group a reader can save: the
whole course, each module (its overview, lessons and quiz) and each learning path (its page and
lessons). A group holds its pages and everything those pages load (styles, scripts, images),
and the search index and search worker, so that search works offline too. The service worker
keys what it caches by content hash, so a new build replaces only what changed.

Left out: the service worker and the manifest themselves, the sitemap, notebook downloads and
the offline zip (``downloads/``). The printable handouts (the lessons again, for printing) are
in the manifest, cached when opened, but not in the whole-course group.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from pathlib import Path

from .model import Course
from .pages import Links
from .paths import path_uri
from .render import render
from .scan import WordPattern
from .site import on_demand

SW_SOURCE = "assets/course/sw.js"  # the worker's source in the site; written to the root as SW
SW = "sw.js"
MANIFEST = "offline-manifest.json"
_SKIP = re.compile(r"^(sw\.js|offline-manifest\.json|sitemap\.xml(\.gz)?|downloads/.*|.*\.ipynb|.*\.map|assets/course/sw\.js)$")
_NOT_IN_COURSE = re.compile(r"^handouts/")
_SEARCH = re.compile(r"^(search/search_index\.json|assets/javascripts/workers/search\.[^/]*\.js)$")
_LINK = re.compile(r"<link\b[^>]*>", re.I)
_REL = re.compile(r"""\brel=["']?([^"'>]*)""", re.I)
_HREF = re.compile(r"""\bhref=["']([^"'#?]+)""", re.I)
_SRC = WordPattern(r"""\bsrc=["']([^"'#?]+)""", re.I, anchors=("c=", "C="), offset=2)
_LOADED_RELS = {"stylesheet", "icon", "preload", "modulepreload", "manifest", "apple-touch-icon"}
_VERSION = re.compile(r'\bvar VERSION\s*=\s*"[^"]*";')  # in the source as written or minified


def _file(links: Links, uri: str) -> str:
    url = links.page(uri)
    return url + "index.html" if url == "" or url.endswith("/") else url


def groups(course: Course, links: Links) -> dict[str, list[str]]:
    """The pages (site files) of each group a reader can save: "module:<id>", "path:<id>".
    The whole course ("course") is every page of the site but the handouts (see :func:`manifest`)."""
    out: dict[str, list[str]] = {}
    for m in course.modules:
        uris = [m.index_uri] + [x.src_uri for x in m.lessons] + ([m.quiz_uri] if m.quiz else [])
        out[f"module:{m.id}"] = [_file(links, u) for u in uris]
    for p in course.paths:
        lessons = []
        for lid in p.all_lessons:
            try:
                lessons.append(course.lesson(lid).src_uri)
            except KeyError:  # a lesson left out of a one-path site
                continue
        out[f"path:{p.id}"] = [_file(links, u) for u in [path_uri(p)] + lessons]
    return out


def content_hash(data: bytes) -> str:
    """The hash the service worker checks too: SHA-256, first 16 hex digits."""
    return hashlib.sha256(data).hexdigest()[:16]


# Files a script loads itself, on demand, rather than the page naming them (site.LOADS: the
# presentation view's present.js): saved with the file that holds the script.
ON_DEMAND = on_demand()


def _loads(site: Path, page: str) -> set[str]:
    """The site files a built page loads: its stylesheets, icons, scripts and images."""
    text = (site / page).read_text(encoding="utf-8", errors="replace")
    refs = _SRC.findall(text)
    for tag in _LINK.findall(text):
        rel = _REL.search(tag)
        href = _HREF.search(tag)
        if rel and href and set(rel.group(1).lower().split()) & _LOADED_RELS:
            refs.append(href.group(1))
    out = set()
    for ref in refs:
        if "://" in ref or ref.startswith(("//", "data:", "/")):
            continue
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), ref))
        if not target.startswith("..") and (site / target).is_file():
            out.add(target)
            out.update(t for t in ON_DEMAND.get(target, ()) if (site / t).is_file())
    return out


def manifest(site: Path, page_groups: dict[str, list[str]]) -> dict:
    """The manifest of the finished ``site``: every file a reader needs, with [size, hash], and
    the files of each group (its pages, what they load, and search)."""
    site = Path(site)
    files: dict[str, list] = {}
    for p in sorted(site.rglob("*")):
        rel = p.relative_to(site).as_posix()
        if p.is_file() and not _SKIP.match(rel):
            data = p.read_bytes()
            files[rel] = [len(data), content_hash(data)]
    pages = [f for f in files if f.endswith(".html")]
    search = {f for f in files if _SEARCH.match(f)}
    loads = {page: _loads(site, page) for page in pages}
    wanted = {"course": [p for p in pages if not _NOT_IN_COURSE.match(p)], **page_groups}
    out_groups = {}
    for gid, members in wanted.items():
        have = [p for p in members if p in files]
        group = set(have) | search
        for page in have:
            group |= {f for f in loads.get(page, ()) if f in files}
        out_groups[gid] = sorted(group)
    version = content_hash(json.dumps(files, sort_keys=True).encode())
    return {"version": version, "files": files, "groups": out_groups}


def write(site: Path, page_groups: dict[str, list[str]]) -> dict:
    """Write the manifest and the service worker (its source with this build's version) to the
    root of ``site``; the source copy under assets/ goes. Returns the manifest."""
    site = Path(site)
    data = manifest(site, page_groups)
    (site / MANIFEST).write_text(json.dumps(data, separators=(",", ":"), sort_keys=True), encoding="utf-8")
    source = site / SW_SOURCE
    worker = _VERSION.sub(f'var VERSION="{data["version"]}";', source.read_text(encoding="utf-8"), count=1)
    (site / SW).write_text(worker, encoding="utf-8")
    source.unlink()
    return data


HOME = "index.md"


def box_for(course: Course, src_uri: str) -> str | None:
    """The "save for offline use" box of the page built from ``src_uri``: the home page saves
    the whole course, a module overview its module, a path page its path; other pages have none.
    Hidden until offline-save.js shows it (hosted edition, JavaScript on, service workers there)."""
    if src_uri == HOME:
        return render("offline_box.html.j2", group="course", kind="course")
    for m in course.modules:
        if src_uri == m.index_uri:
            return render("offline_box.html.j2", group=f"module:{m.id}", kind="module")
    for p in course.paths:
        if src_uri == path_uri(p):
            return render("offline_box.html.j2", group=f"path:{p.id}", kind="path")
    return None


_AFTER_H1 = re.compile(r"</h1>", re.I)


def place_box(html: str, box: str) -> str:
    """``box`` right after the page's title (or first, on a page without one)."""
    m = _AFTER_H1.search(html)
    return html[: m.end()] + box + html[m.end():] if m else box + html
