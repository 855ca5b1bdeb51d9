"""Results kept by the content they were computed from: in memory, and between builds on disk.

A :class:`ContentMemo` maps a key made from the whole input (a YAML text's hash, a Markdown
string itself) to the result computed from that input alone, so an edited source is a new
key and is computed afresh; nothing is keyed by a file name or a time. Each memo also has a
``version`` made from the code and library versions that compute its results: a file
written by another version is ignored, so upgrading PyYAML or Markdown, or editing the
module that computes, never serves an old result.

:func:`use_folder` reads every memo's file from a cache folder (once per process and
folder) and :func:`save` writes them back, less the entries no recent build used, so the
file holds what the sources of the last few builds need and no more. Without
:func:`use_folder` the memos live in memory only (the tests, a program that loads the
course once).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any, Hashable

_MEMOS: list["ContentMemo"] = []
_FOLDER: list[Path] = []


def code_version(*parts: Any) -> str:
    """A version string from source files (their bytes) and other values (their ``repr``)."""
    h = hashlib.sha256()
    for part in parts:
        h.update(Path(part).read_bytes() if isinstance(part, Path) else repr(part).encode())
        h.update(b"\0")
    return h.hexdigest()[:16]


class ContentMemo:
    """Results by content key, at most ``max_items`` of them in memory."""

    KEEP_BUILDS = 8

    def __init__(self, name: str, version: str, max_items: int = 50_000, register: bool = True):
        self.name, self.version, self.max_items = name, version, max_items
        self._items: dict[Hashable, Any] = {}
        self._used: set[Hashable] = set()
        self._age: dict[Hashable, int] = {}  # builds since an entry read from disk was last used
        if register:  # read and written by use_folder() and save()
            _MEMOS.append(self)

    def get(self, key: Hashable) -> Any | None:
        value = self._items.get(key)
        if value is not None:
            self._used.add(key)
        return value

    def put(self, key: Hashable, value: Any) -> None:
        if len(self._items) >= self.max_items:
            self._items = {k: v for k, v in self._items.items() if k in self._used}
            if len(self._items) >= self.max_items:
                self._items.clear()
        self._items[key] = value
        self._used.add(key)

    def __len__(self) -> int:
        return len(self._items)

    def clear(self) -> None:
        self._items.clear()
        self._used.clear()
        self._age.clear()

    def file(self, folder: Path) -> Path:
        return Path(folder) / f"{self.name}.pickle"

    def load(self, folder: Path) -> int:
        """Add the entries of this memo's file in ``folder``; returns how many (0 when there is
        no file, or it is unreadable or of another version)."""
        try:
            with open(self.file(folder), "rb") as f:
                stored = pickle.load(f)
            if not isinstance(stored, dict) or stored.get("version") != self.version:
                return 0
            items = {k: (v, int(age)) for k, (v, age) in stored["items"].items()}
        except Exception:  # no file, or not one this code wrote: compute afresh
            return 0
        for k, (v, age) in items.items():
            if k not in self._items:
                self._items[k] = v
                self._age[k] = age
        return len(items)

    def save(self, folder: Path) -> None:
        """Write the entries used since the last save, and those a recent build used: an
        entry no build has used for ``KEEP_BUILDS`` builds is dropped (a source edited away,
        a string no longer shown). Builds of a part of the course (one learning path) and of
        the whole thus share one file."""
        out = {}
        for k, v in self._items.items():
            age = 0 if k in self._used else self._age.get(k, 0) + 1
            if age <= self.KEEP_BUILDS:
                out[k] = (v, age)
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{self.name}-", dir=folder)
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump({"version": self.version, "items": out}, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.file(folder))
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        self._age = {k: age for k, (_, age) in out.items()}
        self._items = {k: self._items[k] for k in out}
        self._used.clear()


def use_folder(folder: Path) -> int:
    """Keep every memo in ``folder`` between processes too: read their files now (once per
    process: a later call for the same folder reads nothing). Returns the entries read."""
    folder = Path(folder)
    if _FOLDER and _FOLDER[0] == folder:
        return 0
    _FOLDER[:] = [folder]
    return sum(m.load(folder) for m in _MEMOS)


def save() -> None:
    """Write every memo to the folder of :func:`use_folder` (nothing without one). A cache
    that cannot be written is no error: the next build computes again."""
    if not _FOLDER:
        return
    for m in _MEMOS:
        try:
            m.save(_FOLDER[0])
        except OSError:
            pass
