"""Notebook lessons: run them at build time and make their pages light.

Engine-independent (no MkDocs here). An adapter calls:

- :func:`execute_lessons` before the notebook pages are rendered: every notebook
  lesson is executed with nbclient in its own folder (so ``../data/...`` paths
  work), and the executed copy is written to a cache folder keyed by a hash of
  the notebook, the course data and the tool versions. A cell that raises
  becomes a :class:`~coursekit.errors.CourseError` naming the notebook, the cell
  number and the exception line, never a traceback.
- :func:`downloads_box` for the links to the ``.ipynb`` and the data it reads, and
  :func:`rewrite_links` to turn a notebook's links to source files (``../data.md``)
  into links to the built pages, as MkDocs does for Markdown pages.
- :func:`fill_data_page` for the data page: the data files and the notebook lessons
  of this build (a one-path site lists only its own).
- :func:`lighten` on the rendered HTML: it drops what mkdocs-jupyter inlines
  (about 570 KB of JupyterLab CSS, the copy-button script, MathJax, Mermaid and
  RequireJS loaders), inlines and simplifies the SVG charts, and reduces the cells
  to one div each (so that the presentation view gets one slide per section). ``docs/assets/course/notebook.css``
  styles notebooks once for the whole site instead.
- :func:`measure` for the benchmark: page sizes (raw and gzip) and build times
  with and without execution (``python -m coursekit.notebooks [project] [out]``).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Iterable, Mapping

from .errors import CourseError, Problem
from .html import esc
from .model import Course, Lesson
from .pages import Links

EXECUTE_ENV = "NOTEBOOK_EXECUTE"
"""Set to ``false`` to build without running the notebooks (pages show the stored outputs)."""

CACHE_FORMAT = "1"  # bump to invalidate every cached executed notebook
CELL_TIMEOUT = int(os.environ.get("NOTEBOOK_CELL_TIMEOUT", "300") or 300)  # seconds one cell may run
PAGE_BUDGET_GZIP = 60 * 1024  # every notebook page must stay under this (gzip)


def execution_enabled(env: Mapping[str, str] = os.environ) -> bool:
    """False when ``NOTEBOOK_EXECUTE`` is ``false``, ``0``, ``no`` or ``off``."""
    return env.get(EXECUTE_ENV, "true").strip().lower() not in {"false", "0", "no", "off"}


# --------------------------------------------------------------------------- execution


@dataclass(frozen=True)
class Executed:
    """The executed copy of one notebook lesson.

    ``src_dir / src_uri`` is the executed ``.ipynb``; an adapter points the page at it.
    """

    lesson_id: str
    src_uri: str
    src_dir: Path
    cached: bool
    seconds: float

    @property
    def path(self) -> Path:
        return self.src_dir / self.src_uri


def _versions() -> str:
    parts = [f"python={sys.version_info[:3]}", f"format={CACHE_FORMAT}"]
    for dist in ("nbclient", "nbformat", "ipykernel", "pandas", "matplotlib", "numpy"):
        try:
            parts.append(f"{dist}={metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{dist}=none")
    return ";".join(parts)


def cache_key(notebook: Path, depends: Iterable[Path] = ()) -> str:
    """A hash of the notebook, the files it may read and the tool versions."""
    h = hashlib.sha256()
    h.update(notebook.read_bytes())
    for dep in sorted(Path(d) for d in depends):
        if dep.is_file():
            h.update(dep.name.encode() + b"\0" + dep.read_bytes())
    h.update(_versions().encode())
    return h.hexdigest()[:20]


_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_CELL_LINE = re.compile(r"(?:Cell In\s*\[\d*\]|<ipython-input-[^>]*>),\s*line (\d+)")


def _failure(rel: str, nb, exc: Exception, running: int | None = None, timeout: int = CELL_TIMEOUT) -> Problem:
    """A one-line problem for a notebook that failed to run (no traceback)."""
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    index, output = None, None
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                index, output = i, out
                break
        if output is not None:
            break
    fix = (f"open {Path(rel).name} in Jupyter, run all cells and correct the failing one "
           f"(or build with {EXECUTE_ENV}=false to skip running notebooks)")
    if isinstance(exc, CellExecutionError) and output is not None:
        ename, evalue = output.get("ename", "Error"), output.get("evalue", "")
        where = ""
        for frame in reversed(output.get("traceback", [])):
            m = _CELL_LINE.search(_ANSI.sub("", frame))
            if m:
                where = f" at line {m.group(1)} of the cell"
                break
        first = _first_line(nb.cells[index])
        return Problem(rel, f"code cell raised {ename}: {evalue}{where} (the cell starts: {first})",
                       key=f"cell {index + 1}", fix=fix)
    if isinstance(exc, CellTimeoutError):
        index = running if running is not None else _running_cell(nb)
        key = f"cell {index + 1}" if index is not None else None
        first = f" (the cell starts: {_first_line(nb.cells[index])})" if index is not None else ""
        return Problem(rel, f"a cell ran longer than {timeout} seconds{first}", key=key, fix=fix)
    if isinstance(exc, DeadKernelError):
        return Problem(rel, "the Python kernel died while running the notebook", fix=fix)
    name = type(exc).__name__
    text = str(exc).strip().splitlines()[-1] if str(exc).strip() else ""
    if name == "NoSuchKernel":
        return Problem(rel, f"the notebook's kernel is not installed ({text})",
                       key="metadata.kernelspec", fix="pip install -e . (it installs ipykernel)")
    return Problem(rel, f"the notebook could not be run: {name}: {text}", fix=fix)


def _first_line(cell) -> str:
    src = cell.get("source", "")
    src = "".join(src) if isinstance(src, list) else src
    line = next((x.strip() for x in src.splitlines() if x.strip()), "")
    return repr(line[:60] + ("..." if len(line) > 60 else ""))


def _running_cell(nb) -> int | None:
    # The timed-out cell is the first code cell without an execution count.
    for i, cell in enumerate(nb.cells):
        if cell.get("cell_type") == "code" and cell.get("execution_count") is None:
            return i
    return None


def execute_notebook(path: Path, *, cwd: Path, rel: str | None = None, timeout: int = CELL_TIMEOUT):
    """Run every cell of the notebook at ``path`` with ``cwd`` as working folder.

    Returns the executed ``nbformat`` notebook; raises :class:`CourseError` when a
    cell raises, times out or the kernel cannot start.
    """
    import nbformat
    from nbclient import NotebookClient

    rel = rel or path.name
    try:
        nb = nbformat.read(str(path), as_version=4)
    except Exception as exc:  # invalid JSON or schema
        raise CourseError([Problem(rel, f"the notebook cannot be read: {exc}",
                                   fix="open and save it again in Jupyter")]) from None
    kernel = (nb.metadata.get("kernelspec") or {}).get("name") or "python3"
    with tempfile.TemporaryDirectory(prefix="coursekit-kernel-") as sockets:
        from traitlets.config import Config

        config = Config()
        if os.name == "posix":
            # Local sockets instead of TCP ports: no other user can reach the kernel.
            config.KernelManager.transport = "ipc"
            config.KernelManager.ip = os.path.join(sockets, "kernel")
        running: list[int] = []  # the index of the cell being run (nbclient tells us each start)
        client = NotebookClient(nb, config=config, timeout=timeout, kernel_name=kernel, allow_errors=False,
                                record_timing=False, resources={"metadata": {"path": str(cwd)}},
                                on_cell_start=lambda cell, cell_index: running.append(cell_index))
        try:
            # The kernel's own stderr (an interrupted cell prints a KeyboardInterrupt traceback
            # there) is not the author's business: the failure is reported as one line below.
            client.execute(stderr=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
        except Exception as exc:  # nbclient raises several kinds; report each as one line
            raise CourseError([_failure(rel, nb, exc, running[-1] if running else None, timeout)]) from None
    return nb


def _execute_one(lesson: Lesson, root: Path, cache_root: Path, depends: list[Path]) -> Executed:
    start = time.perf_counter()
    rel = rel_path(lesson.source, root)
    key = cache_key(lesson.source, depends)
    src_dir = cache_root / key
    target = src_dir / lesson.src_uri
    if target.is_file():
        return Executed(lesson.id, lesson.src_uri, src_dir, True, time.perf_counter() - start)
    import nbformat

    nb = execute_notebook(lesson.source, cwd=lesson.source.parent, rel=rel)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".ipynb.part")
    nbformat.write(nb, str(tmp))
    tmp.replace(target)
    # Drop stale executed copies of the same notebook.
    for old in cache_root.glob(f"*/{lesson.src_uri}"):
        if old != target:
            old.unlink(missing_ok=True)
            for parent in old.parents:
                if parent == cache_root or not parent.is_relative_to(cache_root):
                    break
                try:
                    parent.rmdir()  # only when empty
                except OSError:
                    break
    return Executed(lesson.id, lesson.src_uri, src_dir, False, time.perf_counter() - start)


def rel_path(path: Path, root: Path) -> str:
    """``path`` relative to ``root`` (for messages), or as given."""
    try:
        return Path(path).resolve().relative_to(Path(root).resolve()).as_posix()
    except ValueError:
        return str(path)


def execute_lessons(course: Course, root: Path, cache_root: Path, data_dir: Path | None = None,
                    workers: int = 4) -> dict[str, Executed]:
    """Execute every notebook lesson of ``course`` (cached); return them by ``src_uri``.

    ``root`` is the repository (for file names in messages); ``data_dir`` holds the
    files the notebooks read (a change there re-runs them). Notebooks run in
    parallel (each in its own kernel); every failure is reported at once.
    """
    lessons = [lesson for lesson in course.lessons if lesson.kind == "notebook"]
    depends = sorted(p for p in data_dir.iterdir() if p.is_file()) if data_dir and data_dir.is_dir() else []
    results: dict[str, Executed] = {}
    problems: list[Problem] = []
    if not lessons:
        return results
    with ThreadPoolExecutor(max_workers=max(1, min(workers, len(lessons)))) as pool:
        futures = [(lesson, pool.submit(_execute_one, lesson, root, cache_root, depends)) for lesson in lessons]
        for lesson, fut in futures:
            try:
                results[lesson.src_uri] = fut.result()
            except CourseError as exc:
                problems.extend(exc.problems)
    if problems:
        raise CourseError(problems)
    return results


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
    return f"{n / 1024:.0f} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MB"


def downloads_box(lesson: Lesson, links: Links, data_files: Iterable[Path], data_url: str = "data") -> str:
    """Links to the notebook file and the data it reads, relative to the lesson page.

    The ``.ipynb`` sits beside the page (mkdocs-jupyter's ``include_source`` puts it
    in the page's folder: ``m2/nb/nb.ipynb`` with directory URLs, ``m2/nb.ipynb``
    without), so its link is its bare name in both editions.
    """
    up = "../" * links.page(lesson.src_uri).count("/")
    name = lesson.source.name
    items = [f'<li><a href="{esc(name)}" download>The notebook: {esc(name)}</a> '
             f'({_size(lesson.source.stat().st_size)})</li>']
    for f in data_files:
        items.append(f'<li><a href="{esc(up + data_url + "/" + f.name)}" download>The data: {esc(f.name)}</a> '
                     f'({_size(f.stat().st_size)})</li>')
    return (
        '<aside class="nb-downloads" aria-labelledby="nb-downloads-title">'
        '<p id="nb-downloads-title"><strong>Run this notebook yourself.</strong> '
        "Download both files into one folder and open the notebook in Jupyter "
        "(or read the page: it shows every result).</p>"
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
        items = [f"- [Download the data: {f.name}]({data_url}/{f.name}){{ download=\"{f.name}\" }} "
                 f"({_size(f.stat().st_size)}, plain text)" for f in files]
    else:
        items = ["*The data files are not part of this edition of the course.*"]
    lessons = [(lesson, data_files_used(lesson.source, data_dir)) for lesson in course.lessons
               if lesson.kind == "notebook"]
    lines = [f"- [{lesson.title}]({lesson.src_uri}) (module {course.module(lesson.module_id).number}, "
             f"{lesson.minutes} min)" for lesson, used in lessons if used]
    if not lines:
        lines = ["*No lesson of this edition of the course uses the data.*"]
    return (markdown.replace(DATA_FILES_MARKER, "\n".join(items))
            .replace(DATA_LESSONS_MARKER, "\n".join(lines)))


# --------------------------------------------------------------------------- light pages

_STYLE = re.compile(r"<style\b[^>]*>.*?</style>\s*", re.S | re.I)
_SCRIPTS = [
    # Loaders from another host, or with an empty src (MathJax when no URL is set).
    re.compile(r'<script\b[^>]*\bsrc="(?:https?:)?//[^"]*"[^>]*>\s*</script>\s*', re.I),
    re.compile(r'<script\b[^>]*\bsrc=""[^>]*>\s*</script>\s*', re.I),
    re.compile(r'<script\b[^>]*type="text/x-mathjax-config"[^>]*>.*?</script>\s*', re.S | re.I),
    re.compile(r'<script\b[^>]*type="module"[^>]*>.*?</script>\s*', re.S | re.I),  # Mermaid (CDN import)
    re.compile(r"<script>(?:(?!</script>).)*?ClipboardCopyElement.*?</script>\s*", re.S),
    re.compile(r"<script>\s*document\.addEventListener\('clipboard-copy'.*?</script>\s*", re.S),
]
_COMMENTS = re.compile(r"<!-- (?:Load mathjax|MathJax configuration|End of mathjax configuration|"
                       r"End of mermaid configuration) -->\s*")
_COPY_BUTTON = re.compile(r'<div class="zeroclipboard-container">.*?</clipboard-copy>\s*</div>\s*', re.S)
_COPY_TEXT = re.compile(r'<div class="clipboard-copy-txt"[^>]*>.*?</div>\s*', re.S)
_BODY = re.compile(r"<body\b", re.I)
_ANCHOR_LINK = re.compile(r'<a class="anchor-link" href="(#[^"]*)">¶</a>')
_DATAFRAME = re.compile(r'<table border="1" class="dataframe">.*?</table>', re.S)  # pandas: notebook.css aligns
_WRAP_OPEN = re.compile(r'<div class="jupyter-wrapper">\s*<div class="jp-Notebook"[^>]*>\s*')
_WRAP_CLOSE = re.compile(r"</div>\s*<!-- jp-Notebook -->\s*</div>\s*<!-- jupyter-wrapper -->\s*")
_MD_CELL = re.compile(r'<div class="nb-md"[^>]*>')
_LEADS_TO_H2 = re.compile(r"(?:\s*</?div\b[^>]*>)*\s*<h2\b")
SLIDE_BREAK = '<div class="slide-break" hidden></div>'


_SVG_IMG = re.compile(r'<img\b[^>]*?src="data:image/svg\+xml;base64,([A-Za-z0-9+/=\s]+)"[^>]*>')
_DEFAULT_ALT = "No description has been provided for this image"


def _inline_svg(m: re.Match, counter: list) -> str:
    """An ``<img>`` holding a base64 SVG, as inline SVG (it compresses far better)."""
    import base64
    import binascii

    try:
        svg = base64.b64decode(m.group(1)).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return m.group(0)
    start = svg.find("<svg")
    if start < 0:
        return m.group(0)
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg[start:], flags=re.S).strip()
    # Clip paths only trim marks at the plot edges (the charts keep their marks inside the
    # axes); dropping them saves bytes.
    svg = re.sub(r'\s*clip-path="url\(#[^)]*\)"', "", svg)
    svg = re.sub(r"<clipPath\b.*?</clipPath>\s*", "", svg, flags=re.S)
    svg = simplify_svg(svg)
    counter[0] += 1
    prefix = f"nbfig{counter[0]}-"
    svg = re.sub(r'\bid="([^"]+)"', lambda x: f'id="{prefix}{x.group(1)}"', svg)
    svg = re.sub(r'url\(#([^)]+)\)', lambda x: f"url(#{prefix}{x.group(1)})", svg)
    svg = re.sub(r'href="#([^"]+)"', lambda x: f'href="#{prefix}{x.group(1)}"', svg)
    head = svg[: svg.find(">") + 1]
    if "aria-label=" not in head:
        alt = re.search(r'\balt="([^"]*)"', m.group(0))
        label = alt.group(1) if alt and alt.group(1) != _DEFAULT_ALT else "Chart (described in the text below)"
        svg = svg.replace("<svg", f'<svg aria-label="{label}"', 1)
    if 'role="img"' not in head:
        svg = svg.replace("<svg", '<svg role="img"', 1)
    return svg


_SVG_TAG = re.compile(r"<[A-Za-z][^<>]*>")
_SVG_GEOMETRY = re.compile(r'(\s(?:d|x|y|x1|y1|x2|y2|cx|cy|r|rx|ry|width|height|transform|points|viewBox)=")([^"]*)"')
_SVG_NUMBER = re.compile(r"-?\d+\.\d+(?:[eE]-?\d+)?|-0\b")
_SVG_PATH_GAP = re.compile(r"\s*([MLHVCSQTAZmlhvcsqtaz])\s*")
_SVG_NO_ROTATION = re.compile(r'\stransform="rotate\(-?0(?:\.0+)?(?:\s[^)"]*)?\)"')
_SVG_ID = re.compile(r'\sid="([^"]*)"')
_SVG_G = re.compile(r"<g\b[^>]*>|</g\s*>")


def _svg_number(m: re.Match) -> str:
    text = f"{round(float(m.group(0)), 2):.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _svg_geometry(m: re.Match) -> str:
    value = _SVG_NUMBER.sub(_svg_number, m.group(2))
    value = " ".join(value.split())
    if m.group(1).strip() == 'd="':
        value = _SVG_PATH_GAP.sub(r"\1", value)
    return f'{m.group(1)}{value}"'


def _svg_tag(m: re.Match, referenced: set[str]) -> str:
    tag = _SVG_NO_ROTATION.sub("", m.group(0))
    tag = _SVG_ID.sub(lambda x: x.group(0) if x.group(1) in referenced else "", tag)
    return _SVG_GEOMETRY.sub(_svg_geometry, tag)


def _unwrap_bare_groups(svg: str) -> str:
    """Drop every ``<g>`` that carries no attribute (it changes nothing), keeping its children."""
    out, pos, stack = [], 0, []
    for m in _SVG_G.finditer(svg):
        out.append(svg[pos:m.start()])
        pos = m.end()
        tag = m.group(0)
        if tag.startswith("</"):
            if not (stack and stack.pop()):
                out.append(tag)
        elif tag.endswith("/>"):
            if tag.replace(" ", "") != "<g/>":
                out.append(tag)
        else:
            stack.append(tag == "<g>")
            if tag != "<g>":
                out.append(tag)
    out.append(svg[pos:])
    return "".join(out)


def simplify_svg(svg: str) -> str:
    """A matplotlib SVG with the same drawing in fewer bytes.

    Coordinates are rounded to 2 decimals (a chart is about 350 units wide, so that is
    well under a pixel), identity rotations and the indentation between tags go, ids that
    nothing references (``url(#...)``, ``href="#..."``) are dropped, and so is every
    ``<g>`` left with no attribute, and empty ``<defs>``. Text, fonts, styles, ``role``,
    ``aria-label``, ``<title>``/``<desc>`` and ``viewBox`` stay (only its numbers are
    rounded); the font list every ``<text>`` repeats is named once on the ``<svg>``.
    Idempotent.
    """
    referenced = set(re.findall(r"url\(#([^)\s]+)\)", svg)) | set(re.findall(r'href="#([^"]+)"', svg))
    svg = re.sub(r">\n\s*<", "><", svg)  # matplotlib's indentation; text never starts a line
    svg = _SVG_TAG.sub(lambda m: _svg_tag(m, referenced), svg)
    svg = _unwrap_bare_groups(svg)
    svg = re.sub(r'(<svg\b[^>]*?)\sversion="1\.1"', r"\1", svg, count=1)
    return _hoist_font(re.sub(r"<defs>\s*</defs>", "", svg))


_SVG_TEXT_FONT = re.compile(r'(<text\b[^>]*?\sstyle="[^"]*?)(font-family: ?[^;"]+)(?:; ?)?')


def _hoist_font(svg: str) -> str:
    """Every ``<text>`` names the same font list: name it once, on the ``<svg>`` (it is inherited)."""
    texts = re.findall(r"<text\b[^>]*>", svg)
    fonts = {m.group(2) for t in texts for m in [_SVG_TEXT_FONT.match(t)] if m}
    if len(fonts) != 1 or len(texts) < 2 or any(not _SVG_TEXT_FONT.match(t) for t in texts):
        return svg
    head = re.match(r"<svg\b[^>]*>", svg)
    if head is None or " style=" in head.group(0):
        return svg
    font = fonts.pop()
    svg = _SVG_TEXT_FONT.sub(lambda m: m.group(1), svg)
    svg = re.sub(r'\sstyle="\s*;?\s*"', "", svg)
    svg = re.sub(r'(<text\b[^>]*?\sstyle="[^"]*?)(?:; ?)"', r'\1"', svg)  # no trailing "; "
    return svg.replace("<svg", f'<svg style="{font}"', 1)


# Notebook cells: mkdocs-jupyter writes JupyterLab's nested markup (input and output
# wrappers, collapsers, empty prompts, an editor shell around the code). The page needs one
# div a cell (``nb-md`` or ``nb-code``, with the cell's id), the code's highlight block and
# one ``nb-out`` div an output (``nb-out nb-err`` for error text).
_DIV = re.compile(r"<div\b([^>]*)>|</div\s*>", re.I)
_CLASS = re.compile(r'\sclass="([^"]*)"')
_DIV_HIDE = {"jp-Collapser", "jp-InputPrompt", "jp-OutputPrompt", "celltoolbar"}
_DIV_UNWRAP = {"jp-Cell-inputWrapper", "jp-InputArea", "jp-CodeMirrorEditor", "CodeMirror", "cm-editor",
               "jp-Cell-outputWrapper", "jp-OutputArea", "jp-OutputArea-child", "jp-MarkdownOutput"}
_SPACE = re.compile(r"\s*")
_NEXT_IS_CELL = re.compile(r'\s*<div class="jp-Cell\s')


def _cell_div(attrs: str, html: str, end: int) -> tuple[str, str]:
    """What to do with one ``<div>`` of the notebook markup: ("keep"|"unwrap"|"hide", new tag)."""
    m = _CLASS.search(attrs)
    classes = set(m.group(1).split()) if m else set()
    if "jp-Cell" in classes:
        if _NEXT_IS_CELL.match(html, end):
            return "unwrap", ""  # mkdocs-jupyter's shell around nbconvert's own code cell
        kind = "nb-code" if "jp-CodeCell" in classes else "nb-md" if "jp-MarkdownCell" in classes else "nb-cell"
        # nbconvert's "cell-id=..." ids: nothing links to them (sections have their heading ids)
        return "new", f'<div class="{kind}">'
    if "jp-OutputArea-output" in classes:
        err = 'data-mime-type="application/vnd.jupyter.stderr"' in attrs
        return "new", '<div class="nb-out nb-err">' if err else '<div class="nb-out">'
    if classes & _DIV_HIDE:
        return "hide", ""
    if classes & _DIV_UNWRAP:
        return "unwrap", ""
    return "keep", ""


def unwrap_cells(html: str) -> str:
    """JupyterLab's cell markup reduced to what the page needs (see above). Any other div (in a
    Markdown cell, in an HTML output) is left as it is; without ``jp-`` divs, nothing changes."""
    if 'class="jp-' not in html:
        return html
    out: list[str] = []
    stack: list[str] = []  # for every open div: "keep", "new", "unwrap" or "hide"
    hidden, pos = 0, 0
    for m in _DIV.finditer(html):
        if not hidden:
            out.append(html[pos:m.start()])
        pos = m.end()
        if m.group(0)[1] == "/":
            action = stack.pop() if stack else "keep"
            if action == "hide":
                hidden -= 1
            elif not hidden and action == "keep":
                out.append(m.group(0))
                continue
            elif not hidden and action == "new":
                out.append(m.group(0))
        else:
            if hidden:
                stack.append("inside")
                continue
            action, tag = _cell_div(m.group(1), html, m.end())
            stack.append(action)
            if action == "hide":
                hidden += 1
            elif action == "keep":
                out.append(m.group(0))
                continue
            else:
                out.append(tag)
        # Between blocks, the white space around the cells' own markup is of no use.
        pos = _SPACE.match(html, pos).end()
    if not hidden:
        out.append(html[pos:])
    html = "".join(out)
    # A cell left empty (no source, no output) is dropped.
    html = re.sub(r'<div class="highlight[^"]*"><pre>(?:<span></span>)?\s*</pre></div>', "", html)
    return re.sub(r'<div class="nb-(?:code|cell)"[^>]*>\s*</div>\s*', "", html)


# Code: Pygments marks every token. Readers need the code readable and the comments to stand
# out; keywords, strings and the names of defined functions help to read structure. Those four
# keep a class (``k``, ``s``, ``c``, ``nf``: the theme colours them); every other token (names,
# operators, punctuation, numbers, builtins, whitespace) is plain code text.
_HIGHLIGHT = re.compile(r'(<div class="highlight)(?:-ipynb)?(?: hl-[\w+-]+)?("><pre>)(.*?)(</pre>)', re.S)
_TOKEN = re.compile(r'<span class="([\w-]+)">([^<]*)</span>')
_TOKEN_RUN = re.compile(r'<span class="(\w+)">([^<]*)</span><span class="\1">')


def _token_class(cls: str) -> str | None:
    if cls in ("c", "c1", "cm", "ch", "cs", "cp", "cpf", "sd"):  # comments and docstrings
        return "c"
    if cls in ("k", "kd", "kn", "kp", "kr", "kt"):
        return "k"
    if cls in ("s", "s1", "s2", "sa", "sb", "sc", "dl", "se", "sh", "si", "sr", "ss", "sx"):
        return "s"
    if cls in ("nf", "nc", "fm"):
        return "nf"
    return None


def _token(m: re.Match) -> str:
    cls = _token_class(m.group(1))
    return f'<span class="{cls}">{m.group(2)}</span>' if cls and m.group(2) else m.group(2)


def _light_code(m: re.Match) -> str:
    code = _TOKEN.sub(_token, m.group(3).replace("<span></span>", ""))
    while True:  # one span for a run of tokens of one kind (an f-string's parts)
        merged = _TOKEN_RUN.sub(lambda x: f'<span class="{x.group(1)}">{x.group(2)}', code)
        if merged == code:
            break
        code = merged
    return f'{m.group(1)}{m.group(2)}{code}{m.group(4)}'


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


def lighten(html: str) -> str:
    """Strip what mkdocs-jupyter inlines into a notebook page (or its content).

    Charts stored as base64 SVG images become inline SVG (``role="img"``, their
    label kept, ids made unique, drawn in fewer bytes: :func:`simplify_svg`). Removes
    every ``<style>`` block after ``<body`` (the inlined JupyterLab and Pygments CSS,
    pandas' scoped table styles, the ``*{...}`` rule matplotlib puts in each SVG),
    scripts loaded from another host or with an empty ``src`` (MathJax, RequireJS),
    the Mermaid module script, the copy-button script and widget, and the two wrapper
    elements around the cells. The cells' JupyterLab markup is reduced to one div a
    cell and one an output (:func:`unwrap_cells`), with a slide break before each
    Markdown cell that opens with a ``<h2>``. Code takes the theme's own ``highlight``
    class and keeps only the token classes a reader needs (comments, strings, keywords,
    defined names). Idempotent; the page head is left alone.
    """
    m = _BODY.search(html)
    head, body = (html[: m.start()], html[m.start():]) if m else ("", html)
    counter = [max((int(n) for n in re.findall(r'id="nbfig(\d+)-', body)), default=0)]
    body = _SVG_IMG.sub(lambda x: _inline_svg(x, counter), body)
    body = _STYLE.sub("", body)
    for rx in _SCRIPTS:
        body = rx.sub("", body)
    body = _COMMENTS.sub("", body)
    body = _COPY_BUTTON.sub("", body)
    body = _COPY_TEXT.sub("", body)
    body = _HIGHLIGHT.sub(_light_code, body)
    # Heading anchors as on Markdown pages: the theme styles them, and search, print and the
    # presentation view leave them out (nbconvert's "anchor-link" reached search titles as "¶").
    body = _ANCHOR_LINK.sub(r'<a class="headerlink" href="\1" title="Permanent link">¶</a>', body)
    body = _DATAFRAME.sub(lambda m: m.group(0).replace('<tr style="text-align: right;">', "<tr>"), body)
    body = body.replace('<table border="1" class="dataframe">', '<table class="dataframe">')
    # Cells become direct children of the lesson body, with a slide break before each
    # cell that opens with a section heading, so the presentation view gets one slide
    # per section (as on Markdown lessons).
    body = unwrap_cells(_WRAP_CLOSE.sub("", _WRAP_OPEN.sub("", body)))
    body = _MD_CELL.sub(lambda m: (SLIDE_BREAK + m.group(0)
                                   if _LEADS_TO_H2.match(body, m.end()) and not body.endswith(SLIDE_BREAK, 0, m.start())
                                   else m.group(0)), body)
    return head + body


def external_scripts(html: str) -> list[str]:
    """``src`` of every script that is empty or loads from another host."""
    srcs = re.findall(r'<script\b[^>]*\bsrc="([^"]*)"', html, re.I)
    return [s for s in srcs if not s or s.startswith(("http:", "https:", "//"))]


# --------------------------------------------------------------------------- measuring


@dataclass(frozen=True)
class PageSize:
    page: str
    raw: int
    gzip: int

    @property
    def ok(self) -> bool:
        return self.gzip < PAGE_BUDGET_GZIP


def page_sizes(site: Path, pages: Iterable[str]) -> list[PageSize]:
    """Raw and gzip size of built pages (paths relative to ``site``)."""
    out = []
    for rel in pages:
        data = (Path(site) / rel).read_bytes()
        out.append(PageSize(rel, len(data), len(gzip.compress(data, 9))))
    return out


def notebook_pages(course: Course, directory_urls: bool = True) -> list[str]:
    """Built HTML file of every notebook lesson, relative to the site folder."""
    links = Links(directory_urls=directory_urls)
    out = []
    for lesson in course.lessons:
        if lesson.kind == "notebook":
            url = links.page(lesson.src_uri)
            out.append(url + "index.html" if url.endswith("/") else url)
    return out


def measure(project: Path, out_dir: Path, course: Course | None = None) -> dict:
    """Build ``project`` three ways and report notebook page sizes and build times.

    Builds (strict): ``NOTEBOOK_EXECUTE=false`` and executing, both with empty caches
    (the executed-notebook cache and mkdocs-jupyter's HTML cache), so their difference
    is the cost of running the notebooks; then executing again with both caches
    ("warm", a rebuild). Returns a plain dict (JSON-ready) with seconds per build and
    the raw/gzip size of every notebook page of the executed build.
    """
    from .loader import load_course

    project, out_dir = Path(project), Path(out_dir)
    if course is None:
        course, _ = load_course(project / "course", project / "quizzes")
    caches = [project / ".cache" / "notebooks", project / ".cache" / "mkdocs-jupyter"]
    runs = {}
    for name, env, clear in (("no_execution", {EXECUTE_ENV: "false"}, True),
                             ("execute_cold", {EXECUTE_ENV: "true"}, True),
                             ("execute_warm", {EXECUTE_ENV: "true"}, False)):
        if clear:
            for cache in caches:
                shutil.rmtree(cache, ignore_errors=True)
        dest = out_dir / name
        full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **env}
        for k in ("OFFLINE", "LEARNING_PATH"):
            full_env.pop(k, None)
        start = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(dest)],
                              cwd=project, env=full_env, capture_output=True, text=True)
        seconds = time.perf_counter() - start
        if proc.returncode != 0:
            raise RuntimeError(f"build '{name}' failed:\n{proc.stdout}\n{proc.stderr}")
        runs[name] = {"seconds": round(seconds, 2)}
    sizes = page_sizes(out_dir / "execute_warm", notebook_pages(course))
    return {
        "builds": runs,
        "notebook_pages": [{"page": s.page, "raw": s.raw, "gzip": s.gzip, "under_budget": s.ok} for s in sizes],
        "budget_gzip": PAGE_BUDGET_GZIP,
    }


def format_measurement(result: dict) -> str:
    """The result of :func:`measure` as a small Markdown report."""
    lines = ["| build | seconds |", "| --- | ---: |"]
    lines += [f"| {k} | {v['seconds']:.1f} |" for k, v in result["builds"].items()]
    lines += ["", "| notebook page | raw KB | gzip KB |", "| --- | ---: | ---: |"]
    lines += [f"| {p['page']} | {p['raw'] / 1024:.1f} | {p['gzip'] / 1024:.1f} |" for p in result["notebook_pages"]]
    return "\n".join(lines)


if __name__ == "__main__":  # python -m coursekit.notebooks [project] [out_dir]
    import tempfile

    proj = Path(sys.argv[1]) if len(sys.argv) > 1 else Path.cwd()
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(tempfile.mkdtemp(prefix="nb-measure-"))
    print(format_measurement(measure(proj, out)))
