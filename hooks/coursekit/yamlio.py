"""Reading course sources: UTF-8 text, and YAML that remembers the line of every key.

Every source file goes through :func:`read_text` (a byte that is not UTF-8 becomes a
:class:`SourceError` naming its offset and line, never a ``UnicodeDecodeError``) and
every YAML text through :func:`load_yaml`, which refuses what a course source never
needs and a careless or hostile one could abuse:

- anchors and aliases (``&a`` / ``*a``): an alias "bomb" of a few hundred bytes
  would otherwise expand to gigabytes; they are refused while parsing, before
  anything is expanded;
- a key given twice in one mapping (YAML keeps the last one silently);
- numbers that are not finite (``.nan``, ``.inf``).

Parsing uses libyaml (the C parser) when it is installed, and results are kept by the
hash of the text itself (:mod:`coursekit.memo`, in memory and, when the build gives it a
folder, between builds), so an unchanged file is parsed once and an edited one afresh.
"""

from __future__ import annotations

import copy
import hashlib
import math
from pathlib import Path
from typing import Any

import yaml

from .memo import ContentMemo, code_version

KeyPath = tuple[Any, ...]

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# What a text parses to depends on it, this module, PyYAML and its parser.
_CACHE = ContentMemo("yaml", code_version(Path(__file__), yaml.__version__, _Loader.__name__), max_items=2048)


class SourceError(ValueError):
    """A source file that cannot be read as the course needs it (one message, one line)."""

    def __init__(self, message: str, line: int | None = None, fix: str | None = None):
        super().__init__(message)
        self.line = line
        self.fix = fix


YamlSyntaxError = SourceError  # the name the loader used first


def read_text(path: Path | str) -> str:
    """The text of a source file, which must be UTF-8."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise SourceError(f"cannot read the file: {exc.strerror}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SourceError(
            f"the file is not UTF-8 text: byte 0x{data[exc.start]:02x} at byte offset {exc.start}",
            line, "save the file with the UTF-8 encoding (most editors offer it under 'Save as')",
        ) from None
    return text.removeprefix("\ufeff")


def load_yaml(text: str) -> tuple[Any, dict[KeyPath, int]]:
    """Parse YAML safely; return the data and a map from key path to line (1-based)."""
    key = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    hit = _CACHE.get(key)
    if hit is None:
        hit = _parse(text)
        _CACHE.put(key, hit)
    data, lines = hit
    return copy.deepcopy(data), lines


def _parse(text: str) -> tuple[Any, dict[KeyPath, int]]:
    loader = _Loader(text)
    try:
        try:
            _refuse_anchors(text)
            node = loader.get_single_node()
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 1 if mark is not None else None
            problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            raise SourceError(f"malformed YAML: {problem}", line,
                              "fix the YAML syntax (indentation, quotes, colons)") from None
        lines: dict[KeyPath, int] = {}
        if node is None:
            return None, lines
        _walk(node, (), lines)
        try:
            data = loader.construct_document(node)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            raise SourceError(f"malformed YAML: {getattr(exc, 'problem', None) or exc}",
                              mark.line + 1 if mark is not None else None) from None
        _finite(data, (), lines)
        return data, lines
    finally:
        loader.dispose()


def _refuse_anchors(text: str) -> None:
    """Refuse anchors and aliases from the event stream, before any node is built."""
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            what = "an alias (*)" if isinstance(event, yaml.AliasEvent) else "an anchor (&)"
            raise SourceError(f"YAML anchors and aliases are not allowed in course sources; found {what}",
                              event.start_mark.line + 1, "write the value out in full where it is needed")


def _walk(node: yaml.Node, path: KeyPath, lines: dict[KeyPath, int]) -> None:
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            line = key_node.start_mark.line + 1
            if key in seen:
                raise SourceError(f"key '{key}' is given twice (first on line {seen[key]})", line,
                                  "keep one of them: YAML would silently use the last")
            seen[key] = line
            lines[path + (key,)] = line
            _walk(value_node, path + (key,), lines)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, path + (i,), lines)


def _finite(data: Any, path: KeyPath, lines: dict[KeyPath, int]) -> None:
    """Refuse ``.nan``, ``.inf`` and numbers too large to be finite (``1.0e999``)."""
    if isinstance(data, float) and not math.isfinite(data):
        raise SourceError(f"{data} is not a finite number", line_for(lines, path), "write an ordinary number")
    if isinstance(data, dict):
        for k, v in data.items():
            _finite(v, path + (k,), lines)
    elif isinstance(data, list):
        for i, v in enumerate(data):
            _finite(v, path + (i,), lines)


def line_for(lines: dict[KeyPath, int], loc: KeyPath, offset: int = 0) -> int | None:
    """The line of ``loc`` or of its nearest ancestor that has one."""
    loc = tuple(loc)
    while True:
        if loc in lines:
            return lines[loc] + offset
        if not loc:
            return None
        loc = loc[:-1]


def key_str(loc: KeyPath) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Split ``---`` front matter from Markdown.

    Returns (front matter text or None, body, line offset of the front matter's
    first line minus one) so YAML line numbers map back to the file.
    """
    if not text.startswith("---"):
        return None, text, 0
    parts = text.split("\n")
    if parts[0].strip() != "---":
        return None, text, 0
    for i in range(1, len(parts)):
        if parts[i].strip() in ("---", "..."):
            return "\n".join(parts[1:i]), "\n".join(parts[i + 1 :]), 1
    return None, text, 0


def dump_front_matter(meta: dict) -> str:
    """``---``-fenced front matter for a generated page (any title, quotes and all)."""
    body = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, default_flow_style=False, width=10_000)
    return f"---\n{body}---\n\n"
