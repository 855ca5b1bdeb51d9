"""Notebook lessons, run at build time with a cache.

Engine-independent (no MkDocs here). An adapter calls :func:`execute_lessons` before the
notebook pages are rendered: every notebook lesson is executed with nbclient in its own
folder (so ``../data/...`` paths work), and the executed copy is written to a cache folder
keyed by a hash of the notebook, the course data and the tool versions. A cell that raises
becomes a :class:`~coursekit.errors.CourseError` naming the notebook, the cell number and
the exception line, never a traceback.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Iterable, Mapping

from ..errors import CourseError, Problem
from ..model import Course, Lesson

EXECUTE_ENV = "NOTEBOOK_EXECUTE"
"""Set to ``false`` to build without running the notebooks (pages show the stored outputs)."""

CACHE_FORMAT = "1"  # bump to invalidate every cached executed notebook
CELL_TIMEOUT = int(os.environ.get("NOTEBOOK_CELL_TIMEOUT", "300") or 300)  # seconds one cell may run


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

    # a translation runs in its English source's folder, so it reads the same data files
    nb = execute_notebook(lesson.source, cwd=(lesson.english_source or lesson.source).parent, rel=rel)
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
