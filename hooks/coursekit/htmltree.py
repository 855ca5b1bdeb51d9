"""A small lossless HTML tree, for the few places where the build changes HTML it has rendered
(handouts cut from built lesson articles).

It is built with the standard library's tokenizer (:class:`html.parser.HTMLParser`), so that
nesting is followed as a parser follows it, not guessed by regular expressions; and it keeps
the source text of every tag it does not change, so that what is not edited comes out byte for
byte as it went in (inline SVG keeps ``viewBox`` and ``clipPath`` as written, entities stay
entities). Only elements whose attributes were changed are written again.
"""

from __future__ import annotations

import html as _html
from html.parser import HTMLParser
from typing import Callable, Iterator, Union

VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
                  "track", "wbr"})

Child = Union["Element", str]


class Element:
    """An element: its tag, its attributes (in order, as written), its children (elements and
    raw text), and its source text when unchanged."""

    __slots__ = ("tag", "attrs", "children", "parent", "_start", "_end", "_changed", "_src")

    def __init__(self, tag: str, attrs: list[tuple[str, str | None]], start: str = "", end: str = "",
                 parent: "Element | None" = None):
        self.tag, self.attrs, self.children, self.parent = tag, attrs, [], parent
        self._start, self._end, self._changed, self._src = start, end, not start, ""

    # -------------------------------------------------------------- attributes
    def get(self, name: str, default: str | None = None) -> str | None:
        for k, v in self.attrs:
            if k == name:
                return "" if v is None else v
        return default

    def has(self, name: str) -> bool:
        return any(k == name for k, _ in self.attrs)

    def set(self, name: str, value: str | None) -> None:
        for i, (k, _) in enumerate(self.attrs):
            if k == name:
                self.attrs[i] = (k, value)
                break
        else:
            self.attrs.append((name, value))
        self._changed = True

    def rename(self, old: str, new: str) -> None:
        self.attrs = [(new if k == old else k, v) for k, v in self.attrs]
        self._changed = True

    def retag(self, tag: str) -> None:
        """Make this element another element (an ``h2`` an ``h3``), with the same content."""
        self.tag, self._changed = tag, True
        if self._end:
            self._end = f"</{tag}>"

    def classes(self) -> list[str]:
        return (self.get("class") or "").split()

    def has_class(self, name: str) -> bool:
        return name in self.classes()

    # -------------------------------------------------------------- tree
    def iter(self) -> Iterator["Element"]:
        """This element and every element inside it, in document order."""
        yield self
        for c in self.children:
            if isinstance(c, Element):
                yield from c.iter()

    def find_all(self, match: Callable[["Element"], bool]) -> list["Element"]:
        """The outermost elements inside this one (not itself) that ``match``."""
        out = []
        for c in self.children:
            if isinstance(c, Element):
                if match(c):
                    out.append(c)
                else:
                    out += c.find_all(match)
        return out

    def find(self, match: Callable[["Element"], bool]) -> "Element | None":
        found = self.find_all(match)
        return found[0] if found else None

    def replace_with(self, *items: Child) -> None:
        """Put ``items`` (elements, or raw HTML text) where this element is."""
        siblings = self.parent.children
        i = next(n for n, c in enumerate(siblings) if c is self)
        siblings[i:i + 1] = list(items)
        for it in items:
            if isinstance(it, Element):
                it.parent = self.parent

    def remove(self) -> None:
        self.replace_with()

    def unwrap(self) -> None:
        """Keep the children, lose the element."""
        self.replace_with(*self.children)

    def source(self) -> str:
        """The element's text as it was parsed (before any change)."""
        return self._src

    # -------------------------------------------------------------- writing
    def start_tag(self) -> str:
        if not self._changed:
            return self._start
        attrs = "".join(f" {k}" if v is None else f' {k}="{_html.escape(v, quote=True)}"' for k, v in self.attrs)
        return f"<{self.tag}{attrs}>"

    def inner_html(self) -> str:
        return "".join(c if isinstance(c, str) else c.html() for c in self.children)

    def html(self) -> str:
        if self.tag in VOID or self._end is None:
            return self.start_tag()
        return self.start_tag() + self.inner_html() + (self._end or f"</{self.tag}>")


class _Builder(HTMLParser):
    def __init__(self, text: str):
        super().__init__(convert_charrefs=False)
        self.text = text
        self.root = Element("#root", [], start="", end="")
        self.root._changed = False
        self.cur = self.root
        self.line_starts = [0]
        for n, ch in enumerate(text):
            if ch == "\n":
                self.line_starts.append(n + 1)
        self.starts: dict[int, int] = {}

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def handle_starttag(self, tag, attrs):
        raw = self.get_starttag_text() or ""
        el = Element(tag, list(attrs), start=raw, parent=self.cur)
        self.cur.children.append(el)
        if tag in VOID:
            el._end = None
            el._src = raw
            return
        self.starts[id(el)] = self._offset()
        self.cur = el

    def handle_startendtag(self, tag, attrs):  # <path ... /> in inline SVG
        raw = self.get_starttag_text() or ""
        el = Element(tag, list(attrs), start=raw, parent=self.cur)
        el._end = None
        el._src = raw
        self.cur.children.append(el)

    def handle_endtag(self, tag):
        node = self.cur
        while node is not self.root and node.tag != tag:
            node = node.parent
        if node is self.root:  # a stray end tag: kept as text
            self.cur.children.append(f"</{tag}>")
            return
        end_at = self._offset()
        close = self.text[end_at:self.text.index(">", end_at) + 1]
        # elements left open inside it are closed by it (as a parser does); they end without a tag
        inner = self.cur
        while inner is not node:
            inner._end = ""
            inner._src = self.text[self.starts.pop(id(inner), end_at):end_at]
            inner = inner.parent
        node._end = close
        node._src = self.text[self.starts.pop(id(node), end_at):end_at + len(close)]
        self.cur = node.parent

    def handle_data(self, data):
        self.cur.children.append(data)

    def handle_entityref(self, name):
        self.cur.children.append(f"&{name};")

    def handle_charref(self, name):
        self.cur.children.append(f"&#{name};")

    def handle_comment(self, data):
        self.cur.children.append(f"<!--{data}-->")

    def handle_decl(self, decl):
        self.cur.children.append(f"<!{decl}>")

    def handle_pi(self, data):
        self.cur.children.append(f"<?{data}>")

    def unknown_decl(self, data):
        self.cur.children.append(f"<![{data}]>")


def parse(text: str) -> Element:
    """The tree of an HTML fragment; ``parse(t).inner_html() == t`` for the HTML the build writes."""
    b = _Builder(text)
    b.feed(text)
    b.close()
    # elements still open at the end run to the end of the text
    node = b.cur
    while node is not b.root:
        node._end = ""
        node._src = text[b.starts.pop(id(node), len(text)):]
        node = node.parent
    return b.root


def fragment(text: str) -> list[Child]:
    """The top-level nodes of an HTML fragment, to insert into another tree."""
    root = parse(text)
    for c in root.children:
        if isinstance(c, Element):
            c.parent = None
    return root.children
