"""Markdown text as lines: which of them are in fenced code blocks."""

from __future__ import annotations

from typing import Iterable, Iterator

FENCES = ("```", "~~~")


def in_code(lines: Iterable[str]) -> Iterator[bool]:
    """For each line, whether it is part of a fenced code block (its fence lines included).

    A block opened by ``` ends at the next line starting with ``` (after indentation), one
    opened by ~~~ at the next ~~~: the other fence inside it is code."""
    fence = None
    for line in lines:
        stripped = line.lstrip()
        if fence is None:
            if stripped.startswith(FENCES):
                fence = stripped[:3]
                yield True
            else:
                yield False
        else:
            if stripped.startswith(fence):
                fence = None
            yield True


def prose_lines(text: str) -> Iterator[tuple[int, str]]:
    """(line number, line) of the Markdown outside fenced code blocks."""
    lines = text.splitlines()
    for n, (line, code) in enumerate(zip(lines, in_code(lines)), start=1):
        if not code:
            yield n, line
