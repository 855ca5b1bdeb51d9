"""What happens to a built site before it ships: weight trimmed, the offline zip made.

Engine-independent: these functions take a finished site folder (any static-site engine's
output) and know nothing of MkDocs.

- :func:`prune` drops files a reader never uses: source maps (and the comments that point at
  them) and the search language packs of languages the course does not use.
- :func:`minify` strips comments and spaces from the course's own scripts and styles (the
  sources stay readable in the repository; a reader downloads only what runs).
- :func:`collapse_space` and :class:`Icons` make every page lighter without changing how it
  looks: white space between lines becomes one line break; the theme's inline icons move into
  the cached stylesheet, once for the whole site instead of in every page.
- :func:`make_zip` packs an offline edition into one zip, with a plain-text read-me that
  tells the reader to open ``index.html``.
- :func:`download_box` is the HTML block of the download page: the zip's link and size, or
  how to make one when this build has none.
"""

from __future__ import annotations

import hashlib
import html
import os
import re
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .i18n import t

README_NAME = "README.txt"

_MAP_COMMENT = re.compile(rb"\n?/[/*]# sourceMappingURL=[^\n*]*(?:\*/)?\s*$")


@dataclass(frozen=True)
class Pruned:
    files: int
    bytes: int


def prune(site: Path, languages: tuple[str, ...] = ("en",), offline: bool = False) -> Pruned:
    """Remove source maps and unused search language packs from ``site``.

    mkdocs-material's search worker loads ``assets/javascripts/lunr/`` only for languages
    other than English, so an English-only course ships none of it, and a French one only the
    stemmer support and the French pack. The offline edition
    (``offline``) reads its search index from ``search/search_index.js`` (a page opened from
    file:// cannot fetch JSON), so its ``search_index.json``, the same index again, goes.
    """
    site = Path(site)
    files = size = 0

    def drop(p: Path) -> None:
        nonlocal files, size
        size += p.stat().st_size
        files += 1
        p.unlink()

    for p in sorted(site.rglob("*.map")):
        if p.is_file():
            drop(p)
    for p in sorted(site.rglob("*")):
        if p.is_file() and p.suffix in (".js", ".css"):
            data = p.read_bytes()
            tail = data[-300:]
            if b"sourceMappingURL=" in tail:
                new = data[:-300] + _MAP_COMMENT.sub(b"\n", tail)
                if len(new) != len(data):
                    size += len(data) - len(new)
                    p.write_bytes(new)
    lunr = site / "assets" / "javascripts" / "lunr"
    if lunr.is_dir() and set(languages) <= {"en"}:
        for p in sorted(lunr.rglob("*")):
            if p.is_file():
                drop(p)
        shutil.rmtree(lunr)
    elif lunr.is_dir():
        # the worker imports min/lunr.stemmer.support.min.js, min/lunr.<lang>.min.js for each
        # language but English, min/lunr.multi.min.js for more than one, and a segmenter for
        # ja (tinyseg.js) or hi/th (wordcut.js): every other language's pack goes
        keep = {"min/lunr.stemmer.support.min.js"} | {f"min/lunr.{x}.min.js" for x in languages if x != "en"}
        if len(languages) > 1:
            keep.add("min/lunr.multi.min.js")
        if "ja" in languages:
            keep.add("tinyseg.js")
        if {"hi", "th"} & set(languages):
            keep.add("wordcut.js")
        for p in sorted(lunr.rglob("*")):
            if p.is_file() and p.relative_to(lunr).as_posix() not in keep:
                drop(p)
    if offline and (site / "search" / "search_index.js").is_file() and (site / "search" / "search_index.json").is_file():
        drop(site / "search" / "search_index.json")
    return Pruned(files, size)


@dataclass(frozen=True)
class Minified:
    files: int
    before: int
    after: int


def minified(name: str, data: bytes) -> bytes:
    """A script or stylesheet (by its file name's suffix) as :func:`minify` ships it."""
    import rcssmin
    import rjsmin

    text = data.decode("utf-8")
    return (rcssmin.cssmin(text) if name.endswith(".css") else rjsmin.jsmin(text)).encode("utf-8")


def minify(folder: Path) -> Minified:
    """Minify every ``.js`` and ``.css`` file in ``folder`` (not below it) in place. rjsmin and
    rcssmin only drop comments and white space: the code that runs is the code in the repository."""
    folder = Path(folder)
    files = before = after = 0
    for p in sorted(folder.iterdir()):
        if not p.is_file() or p.suffix not in (".js", ".css"):
            continue
        data = p.read_bytes()
        small = minified(p.name, data)
        files += 1
        before += len(data)
        after += len(small)
        p.write_bytes(small)
    return Minified(files, before, after)


# ----------------------------------------------------------------------------- lighter pages

_RAW = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2\s*>)", re.S | re.I)
_LINE_SPACE = re.compile(r"[ \t\r\f]*\n\s*")


def collapse_space(page: str) -> str:
    """``page`` with every run of white space that holds a line break made one line break,
    except in ``pre``, ``textarea``, ``script`` and ``style``. A browser renders the page as
    before (between attributes, and in text, such a run counts as one space; an attribute value
    keeps its line break, without the indentation after it); templates' indentation is about a
    tenth of a page's bytes."""
    parts = _RAW.split(page)  # text, raw block, its tag name, text, ...
    return "".join(_LINE_SPACE.sub("\n", x) if i % 3 == 0 else x for i, x in enumerate(parts) if i % 3 != 2)


# A theme icon as the theme writes it into every page: one 24x24 path.
_ICON = re.compile(r'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="([^"<>%#]+)"/></svg>')


class Icons:
    """The theme's inline icons (menu, search, colour scheme, arrows: about 3 KB of every page)
    drawn instead by the site's cached stylesheet. :meth:`swap` leaves an empty ``svg`` of the
    same size in the page (the theme's styles and scripts still find it); :meth:`css` is the
    rule for every icon swapped, a CSS mask painted in the text colour (in forced-colours mode
    too). An icon's class comes from its drawing, so it is the same on every page and build."""

    def __init__(self) -> None:
        self.drawings: dict[str, str] = {}

    def swap(self, page: str) -> str:
        def one(m: re.Match) -> str:
            name = "ci-" + hashlib.sha1(m.group(1).encode("utf-8")).hexdigest()[:8]
            self.drawings[name] = m.group(1)
            return f'<svg class="ci {name}" viewBox="0 0 24 24" aria-hidden="true"></svg>'
        return _ICON.sub(one, page)

    def css(self) -> str:
        if not self.drawings:
            return ""
        rules = [".ci{background-color:currentColor;-webkit-mask:var(--ci) center/contain no-repeat;"
                 "mask:var(--ci) center/contain no-repeat}",
                 "@media (forced-colors:active){.ci{forced-color-adjust:none;background-color:CanvasText}}"]
        for name, d in sorted(self.drawings.items()):
            svg = f"%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 24 24'%3E%3Cpath d='{d}'/%3E%3C/svg%3E"
            rules.append(f'.{name}{{--ci:url("data:image/svg+xml,{svg}")}}')
        return "\n/* The theme's icons (coursekit.release.Icons) */\n" + "\n".join(rules) + "\n"


def readme_text(title: str, url: str | None = None) -> str:
    lines = [
        title,
        "=" * len(title),
        "",
        "This folder is the offline edition of the course. It needs no internet connection.",
        "",
        "To start: open the file index.html in this folder with a web browser",
        "(Chrome, Edge or Chromium). On most computers a double-click opens it.",
        "Do not use Firefox for this folder: it keeps saved data apart for each page",
        "opened from a folder, so your answers and progress would not add up.",
        "",
        "Keep all the files together: if you move the course, move the whole folder.",
        "Search, self-checks, learning paths and your progress work offline.",
        "Your progress is kept in this browser on this computer. To take it to another",
        "computer, use 'My progress' > 'Export my data', then 'Import' on the other one.",
    ]
    if url:
        lines += ["", f"The online edition: {url}"]
    return "\n".join(lines) + "\n"


def make_zip(site: Path, zip_path: Path, folder: str, readme: str) -> Path:
    """Zip the finished ``site`` into ``zip_path`` under one top folder ``folder``,
    with ``README.txt`` at the top of it. Returns the zip's path."""
    site, zip_path = Path(site).resolve(), Path(zip_path).resolve()
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = zip_path.with_suffix(zip_path.suffix + ".part")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr(f"{folder}/{README_NAME}", readme)
        for p in sorted(site.rglob("*")):
            if p.is_file() and p.resolve() not in (zip_path, tmp):
                zf.write(p, f"{folder}/{p.relative_to(site).as_posix()}")
    os.replace(tmp, zip_path)
    return zip_path


def human_size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB"
    return f"{max(1, round(n / 1024))} KB"


def reader_size(n: int) -> str:
    """A file size as a reader reads it, in the build's language (``human_size`` is for logs)."""
    if n >= 1024 * 1024:
        return t("size.mb", n=f"{n / (1024 * 1024):.1f}")
    return t("size.kb", n=max(1, round(n / 1024)))


def download_box(zip_url: str | None, size: int | None, zip_name: str | None) -> str:
    """The download page's block: the zip's link and size, or how to make it."""
    if zip_url and size is not None:
        name = html.escape(zip_name or "course.zip")
        return (
            '<p class="download-zip"><a class="md-button md-button--primary" '
            f'href="{html.escape(zip_url)}" download="{name}">{html.escape(t("download.zip_link", size=reader_size(size)))}</a></p>\n'
            f'<p>{t("download.zip_file_html", name=name, bytes=f"{size:,}")}</p>'
        )
    return (
        f'<p class="download-none" data-download-none>{t("download.none_html")}</p>'
        f'<p>{t("download.none_admin_html", build="<code>OFFLINE=true OFFLINE_ZIP=dist/digit4sd-course.zip mkdocs build --strict -d dist/offline</code>", publish="<code>OFFLINE_ZIP=dist/digit4sd-course.zip mkdocs build --strict</code>")}</p>'
    )
