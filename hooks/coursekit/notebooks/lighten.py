"""Light notebook pages: what mkdocs-jupyter inlines, taken out again.

Engine-independent (no MkDocs here). An adapter calls :func:`lighten` on the rendered
HTML: it drops what mkdocs-jupyter inlines (about 570 KB of JupyterLab CSS, the
copy-button script, MathJax, Mermaid and RequireJS loaders), inlines and simplifies the
SVG charts, and reduces the cells to one div each (so that the presentation view gets one
slide per section). ``docs/assets/course/notebook.css`` styles notebooks once for the
whole site instead.
"""

from __future__ import annotations

import re
from html import escape

from .. import htmltree
from ..i18n import t

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
    svg = _stable_ids(svg, f"nbfig{counter[0]}-")
    head = svg[: svg.find(">") + 1]
    if "aria-label=" not in head:
        alt = re.search(r'\balt="([^"]*)"', m.group(0))
        label = alt.group(1) if alt and alt.group(1) != _DEFAULT_ALT else "Chart (described in the text below)"
        svg = svg.replace("<svg", f'<svg aria-label="{label}"', 1)
    if 'role="img"' not in head:
        svg = svg.replace("<svg", '<svg role="img"', 1)
    return svg


# An id, or a reference to one: ``id="x"``, ``href="#x"`` (``xlink:href`` too), ``url(#x)``.
_SVG_NAME = re.compile(r'(\bid="|href="#)([^"]+)(?=")|(url\(#)([^)]+)(?=\))')


def _stable_ids(svg: str, prefix: str) -> str:
    """Every id of ``svg``, and every reference to it, renamed ``prefix`` + 1, 2, ... in the order
    the names first appear. matplotlib names markers and hatch patterns from a random salt, so a
    chart drawn again would otherwise differ in its ids alone; with the page's prefix, the ids are
    also unique on the page."""
    names: dict[str, str] = {}

    def rename(m: re.Match) -> str:
        lead, old = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        return lead + names.setdefault(old, f"{prefix}{len(names) + 1}")

    return _SVG_NAME.sub(rename, svg)


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


_EXPLICIT_ID = re.compile(r"\s*\{\s*#([\w-]+)\s*\}\s*$")


def split_explicit_id(title: str) -> tuple[str, str | None]:
    """``("Titre", "english-id")`` for a heading's text ``"Titre {#english-id}"``; else (title, None)."""
    m = _EXPLICIT_ID.search(title)
    return (title[:m.start()], m.group(1)) if m else (title, None)


def explicit_heading_ids(html: str) -> str:
    """Headings written ``## Titre {#english-id}`` (a translated notebook keeps its source's
    heading ids, as Markdown lessons do) get that id, and their anchor link with it; the
    notebook renderer shows ``{#...}`` as text and makes an id of the whole line."""
    if "{#" not in html:
        return html
    root = htmltree.parse(html)
    for h in root.find_all(lambda e: e.tag in ("h1", "h2", "h3", "h4", "h5", "h6")):
        texts = [i for i, c in enumerate(h.children) if isinstance(c, str) and c.strip()]
        text, new = split_explicit_id(h.children[texts[-1]]) if texts else ("", None)
        if new is None:
            continue
        h.children[texts[-1]] = text
        old = h.get("id")
        h.set("id", new)
        for a in h.find_all(lambda e: e.tag == "a" and e.get("href") == f"#{old}"):
            a.set("href", f"#{new}")
    return root.inner_html()


def lighten(html: str) -> str:
    """Strip what mkdocs-jupyter inlines into a notebook page (or its content).

    Charts stored as base64 SVG images become inline SVG (``role="img"``, their
    label kept, ids renamed ``nbfigN-1``, ``nbfigN-2``, ... so that they are unique on the
    page and the same on every run, drawn in fewer bytes: :func:`simplify_svg`). Removes
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
    body = explicit_heading_ids(body)
    # Heading anchors as on Markdown pages: the theme styles them, and search, print and the
    # presentation view leave them out (nbconvert's "anchor-link" reached search titles as "¶").
    title = escape(t("theme.permalink"), quote=True)
    body = _ANCHOR_LINK.sub(lambda m: f'<a class="headerlink" href="{m.group(1)}" title="{title}">¶</a>', body)
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
