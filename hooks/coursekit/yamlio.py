"""YAML reading that remembers the line of every key, for precise error messages."""

from __future__ import annotations

from typing import Any

import yaml

KeyPath = tuple[Any, ...]


class YamlSyntaxError(ValueError):
    def __init__(self, message: str, line: int | None):
        super().__init__(message)
        self.line = line


def load_yaml(text: str) -> tuple[Any, dict[KeyPath, int]]:
    """Parse YAML safely; return the data and a map from key path to line (1-based)."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise YamlSyntaxError(f"malformed YAML: {problem}", line) from None
    lines: dict[KeyPath, int] = {}
    if node is not None:
        _walk(node, (), lines)
    return data, lines


def _walk(node: yaml.Node, path: KeyPath, lines: dict[KeyPath, int]) -> None:
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value
            lines[path + (key,)] = key_node.start_mark.line + 1
            _walk(value_node, path + (key,), lines)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, path + (i,), lines)


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
