"""Regular expressions that begin with ``\\b``, run fast over whole built pages.

A leading ``\\b`` (a word starts here) keeps Python's regex engine from jumping to the
places where the pattern's first characters occur: it tries the whole pattern at every
position of the text, which made ``\\bsrc=`` over a built site or ``\\bid="..."`` over a
lesson article 4-20 times slower than the same pattern without it. :class:`WordPattern`
gives the same matches as the pattern itself: it finds the next place the pattern without
its ``\\b`` matches (the engine's fast search) and keeps it only where the whole pattern,
``\\b`` included, matches there too; otherwise it searches on from the next character.

A pattern that ignores case is slow to search for even without its ``\\b``; for one, give
``anchors``: plain strings one of which every match holds at ``offset`` characters from its
start (``c=`` or ``C=`` for ``\\bsrc=`` ignoring case, offset 2). The pattern is then tried
only there, the anchors being found by plain string search.
"""

from __future__ import annotations

import re
from typing import Callable, Iterator


class WordPattern:
    """``re.compile(pattern, flags)`` for a pattern that starts with ``\\b`` and never matches
    the empty string; ``finditer``, ``findall`` and ``sub`` as :mod:`re` has them."""

    def __init__(self, pattern: str, flags: int = 0, anchors: tuple[str, ...] = (), offset: int = 0):
        if not pattern.startswith(r"\b"):
            raise ValueError(f"a WordPattern starts with \\b: {pattern!r}")
        self.rx = re.compile(pattern, flags)
        self._rest = re.compile(pattern[2:], flags)  # matches wherever rx does (and more)
        self.pattern, self.anchors, self.offset = pattern, tuple(anchors), offset

    def _starts(self, text: str) -> Iterator[int]:
        """Every place a match may start, in order (and a few more)."""
        if not self.anchors:
            pos = 0
            while (m := self._rest.search(text, pos)) is not None:
                pos = yield m.start()
            return
        found = []
        for a in self.anchors:
            i = text.find(a)
            while i >= 0:
                if i >= self.offset:
                    found.append(i - self.offset)
                i = text.find(a, i + 1)
        found.sort()
        pos = 0
        for at in found:
            if at >= pos:
                pos = (yield at) or pos

    def finditer(self, text: str) -> Iterator[re.Match]:
        whole = self.rx
        starts = self._starts(text)
        at = next(starts, None)
        while at is not None:
            m = whole.match(text, at)  # \b looks at text[at - 1], as in a search of the whole text
            if m is None:
                nxt = at + 1
            elif m.end() == at:
                raise ValueError(f"{self.pattern!r} matched the empty string")
            else:
                yield m
                nxt = m.end()
            try:
                at = starts.send(nxt)
            except StopIteration:
                return

    def findall(self, text: str) -> list:
        groups = self.rx.groups
        if groups == 0:
            return [m.group(0) for m in self.finditer(text)]
        if groups == 1:
            return [m.group(1) or "" for m in self.finditer(text)]
        return [m.groups("") for m in self.finditer(text)]

    def sub(self, repl: Callable[[re.Match], str], text: str) -> str:
        out, pos = [], 0
        for m in self.finditer(text):
            out += (text[pos:m.start()], repl(m))
            pos = m.end()
        out.append(text[pos:])
        return "".join(out)
