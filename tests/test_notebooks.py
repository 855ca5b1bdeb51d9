"""Notebook lessons: executed at build, clear errors, light pages, downloads, and the four real
notebooks of the course (executed with nbclient, outputs checked, quizzes checked against the data)."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest
import yaml

from conftest import REPO, fails_cleanly, run_build
from coursekit import notebooks as nbk
from coursekit.model import Quiz
from coursekit.pages import Links

NB_PAGE = "beta/nb-lesson/index.html"
BUDGET = 60 * 1024


def _nb(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _add_cells(path: Path, *cells: tuple[str, str]) -> None:
    nb = _nb(path)
    for i, (kind, src) in enumerate(cells):
        cell = {"cell_type": kind, "metadata": {}, "source": src, "id": f"added-{i}"}
        if kind == "code":
            cell.update(execution_count=None, outputs=[])
        nb["cells"].append(cell)
    path.write_text(json.dumps(nb, indent=1), encoding="utf-8")


def _body(html: str) -> str:
    return html[html.index("<body"):]


def notebook_pages(course, directory_urls: bool = True) -> list[str]:
    """Built HTML file of every notebook lesson, relative to the site folder."""
    links = Links(directory_urls=directory_urls)
    out = []
    for lesson in course.lessons:
        if lesson.kind == "notebook":
            url = links.page(lesson.src_uri)
            out.append(url + "index.html" if url.endswith("/") else url)
    return out


# --------------------------------------------------------------------------- fixture course


def test_notebook_is_executed_at_build_and_its_output_is_on_the_page(mini_site):
    html = (mini_site / NB_PAGE).read_text(encoding="utf-8")
    # The fixture notebook is stored without outputs: the printed mean proves it ran.
    assert re.search(r'<div class="nb-out"><pre>0\.55\s*</pre>', html), "no executed output"
    # Downloads: the clean source notebook beside the page, and the data (if any) it reads.
    assert 'href="nb-lesson.ipynb" download' in html
    source = REPO / "tests/fixtures/mini/course/beta/nb-lesson.ipynb"
    assert (mini_site / "beta/nb-lesson/nb-lesson.ipynb").read_text() == source.read_text()


def test_notebook_pages_are_light(mini_site):
    html = (mini_site / NB_PAGE).read_text(encoding="utf-8")
    body = _body(html)
    assert "<style" not in body, "inlined CSS left on the page"
    assert "--jp-" not in html and ".jp-Notebook" not in html and 'class="jp-' not in html
    assert nbk.external_scripts(html) == []
    assert "mathjax" not in html.lower() and "mermaid" not in html.lower() and "require.js" not in html
    assert "ClipboardCopyElement" not in html and "clipboard-copy-txt" not in html
    assert 'type="module"' not in html
    assert len(gzip.compress(html.encode(), 9)) < BUDGET
    # the notebook styles come with the stylesheet of every page (coursekit/site.py BUNDLES)
    assert not (mini_site / "assets/course/notebook.css").exists() and "notebook.css" not in html
    css = (mini_site / "assets/course/course.css").read_text(encoding="utf-8")
    assert ".nb-code" in css and 'href="../../assets/course/course.css"' in html
    # The theme's own scripts are untouched.
    assert "assets/javascripts/bundle." in html and "assets/course/course.js" in html


def test_every_fixture_page_stays_under_the_size_budget(mini_site):
    for page in (mini_site / "beta").rglob("*.html"):
        assert len(gzip.compress(page.read_bytes(), 9)) < BUDGET, page


def test_raising_cell_fails_the_build_with_notebook_and_cell(mini_project, tmp_path):
    nb = mini_project / "course/beta/nb-lesson.ipynb"
    _add_cells(nb, ("code", "values = []\nmean = sum(values) / len(values)\n"))
    proc = run_build(mini_project, tmp_path / "out")
    out = fails_cleanly(proc, "course/beta/nb-lesson.ipynb")
    assert "[cell 3]" in out  # 1-based, counting every cell
    assert "ZeroDivisionError: division by zero" in out
    assert "at line 2 of the cell" in out
    assert "NOTEBOOK_EXECUTE=false" in out  # the way out is named


def test_execution_can_be_turned_off_and_cache_is_reused(mini_project, tmp_path):
    off = tmp_path / "off"
    proc = run_build(mini_project, off, env={"NOTEBOOK_EXECUTE": "false"})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "<pre>0.55" not in (off / NB_PAGE).read_text()
    assert not (mini_project / ".cache/notebooks").exists()
    first = run_build(mini_project, tmp_path / "a")
    assert first.returncode == 0 and "nb-lesson.ipynb executed" in first.stderr, first.stderr
    second = run_build(mini_project, tmp_path / "b")
    assert second.returncode == 0 and "nb-lesson.ipynb from cache" in second.stderr, second.stderr
    assert "<pre>0.55" in (tmp_path / "b" / NB_PAGE).read_text()


def test_facilitator_notes_solutions_quiz_and_links_in_a_notebook(mini_project, tmp_path):
    _add_cells(
        mini_project / "course/beta/nb-lesson.ipynb",
        ("markdown", "## Try it\n\nSee [the first lesson](../alpha/first-lesson.md#top).\n\n"
                     "<details class=\"solution\"><summary>Show a solution</summary>\n\n"
                     "The mean is 0.55.\n\n</details>\n"),
        ("markdown", "<details class=\"facilitator\"><summary>Facilitator notes: timing</summary>\n\n"
                     "**Timing:** 10 min.\n\n</details>\n"),
        ("markdown", "<!-- quiz: nb-lesson -->"),
    )
    (mini_project / "quizzes/nb-lesson.yml").write_text(
        "questions:\n"
        "  - {id: nb-mean, type: numeric, prompt: \"Mean of 0.6, 0.3 and 0.75?\", answer: 0.55,"
        " tolerance: 0.005, explanation: Add and divide by three.}\n", encoding="utf-8")
    for env, dest, page in ((None, tmp_path / "hosted", NB_PAGE),
                            ({"OFFLINE": "true"}, tmp_path / "offline", "beta/nb-lesson.html")):
        proc = run_build(mini_project, dest, env=env)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        html = (dest / page).read_text(encoding="utf-8")
        assert re.search(r'<details class="facilitator"[^>]*data-facilitator', html)
        assert re.search(r'<details class="solution"><summary>Show a solution', html)
        assert 'data-question="nb-mean"' in html and "quiz:" not in html
        first = "../../alpha/first-lesson/#top" if env is None else "../alpha/first-lesson.html#top"
        assert f'href="{first}"' in html
        # One slide per section in the presentation view: a break before the cell's <h2>.
        assert html.count(nbk.SLIDE_BREAK) == 2


def test_notebook_link_to_a_missing_page_fails_the_build(mini_project, tmp_path):
    _add_cells(mini_project / "course/beta/nb-lesson.ipynb", ("markdown", "See [nothing](../nowhere.md)."))
    proc = run_build(mini_project, tmp_path / "out", env={"NOTEBOOK_EXECUTE": "false"})
    fails_cleanly(proc, "course/beta/nb-lesson.ipynb", "../nowhere.md")


# --------------------------------------------------------------------------- coursekit units


def test_lighten_strips_jupyter_extras_inlines_svg_and_is_idempotent():
    import base64

    svg = ('<?xml version="1.0"?>\n<!DOCTYPE svg>\n<svg xmlns="http://www.w3.org/2000/svg" '
           'aria-label="A chart"><metadata>x</metadata><defs><style>*{stroke:red}</style>'
           '<clipPath id="c1"><rect/></clipPath><path id="m1" d="M0 0"/></defs>'
           '<g clip-path="url(#c1)"><use xlink:href="#m1"/></g></svg>')
    html = (
        '<head><style>keep{}</style></head><body><script>theme()</script>'
        '<script src="https://cdn.example/require.js"></script><script src=""> </script>'
        '<style type="text/css">.jp-Notebook{}</style><script type="module">import("x")</script>'
        '<div class="jupyter-wrapper">\n<div class="jp-Notebook" data-jp-theme-light="true">\n'
        '<div class="jp-Cell jp-MarkdownCell jp-Notebook-cell" id="cell-id=a">\n<div class="jp-Cell-inputWrapper">\n'
        '<div class="jp-Collapser jp-InputCollapser jp-Cell-inputCollapser">\n</div>\n'
        '<div class="jp-InputArea jp-Cell-inputArea"><div class="jp-InputPrompt jp-InputArea-prompt"></div>'
        '<div class="jp-RenderedHTMLCommon jp-RenderedMarkdown jp-MarkdownOutput" data-mime-type="text/markdown">\n'
        '<h2 id="s">S<a class="anchor-link" href="#s">¶</a></h2><div class="admonition">kept</div>\n</div>\n</div>\n</div>\n</div>'
        '<div class="jp-Cell jp-CodeCell jp-Notebook-cell  ">\n'
        '<div class="jp-Cell jp-CodeCell jp-Notebook-cell" id="cell-id=b">\n<div class="jp-Cell-inputWrapper" tabindex="0">\n'
        '<div class="jp-InputArea jp-Cell-inputArea">\n<div class="jp-InputPrompt jp-InputArea-prompt">In [3]:</div>'
        '<div class="jp-CodeMirrorEditor jp-Editor jp-InputArea-editor" data-type="inline">\n<div class="CodeMirror cm-s-jupyter">\n'
        '<div class="zeroclipboard-container">\n<clipboard-copy for="cell-1">\n<div>x</div>\n</clipboard-copy>\n</div>'
        '<div class="highlight-ipynb hl-python"><pre><span></span><span class="c1"># say</span>\n'
        '<span class="nb">print</span><span class="p">(</span><span class="sa">f</span><span class="s2">"x"</span>'
        '<span class="p">)</span>\n<span class="k">def</span><span class="w"> </span><span class="nf">f</span></pre></div>'
        '<div class="clipboard-copy-txt" id="cell-1">x</div>\n</div>\n</div>\n</div>\n</div>\n'
        '<div class="jp-Cell-outputWrapper">\n<div class="jp-OutputArea jp-Cell-outputArea">\n<div class="jp-OutputArea-child">\n'
        '<div class="jp-OutputPrompt jp-OutputArea-prompt">Out[3]:</div>\n'
        '<div class="jp-RenderedText jp-OutputArea-output" data-mime-type="text/plain" tabindex="0">\n<pre>x</pre>\n</div>\n</div>\n'
        '<div class="jp-OutputArea-child">\n<div class="jp-RenderedText jp-OutputArea-output" '
        'data-mime-type="application/vnd.jupyter.stderr" tabindex="0">\n<pre>warn</pre>\n</div>\n</div>\n'
        '<div class="jp-OutputArea-child">\n<div class="jp-RenderedSVG jp-OutputArea-output" data-mime-type="image/svg+xml">\n'
        f'<img alt="No description has been provided for this image" src="data:image/svg+xml;base64,'
        f'{base64.b64encode(svg.encode()).decode()}">\n</div>\n</div>\n</div>\n</div>\n</div>\n</div>'
        '</div> <!-- jp-Notebook -->\n</div> <!-- jupyter-wrapper -->\n</body>'
    )
    out = nbk.lighten(html)
    assert out.startswith("<head><style>keep{}</style></head>")  # the head is left alone
    body = out[out.index("<body"):]
    assert "<style" not in body and "<script>theme()</script>" in body
    assert nbk.external_scripts(out) == [] and 'type="module"' not in out
    assert "clipboard" not in out and "In [3]" not in out and "Out[3]" not in out and "jupyter-wrapper" not in out
    assert "data:image/svg+xml" not in out and "<?xml" not in out and "<metadata>" not in out
    assert re.search(r'<svg role="img" xmlns="[^"]+" aria-label="A chart"', out)
    assert 'id="nbfig1-1"' in out and 'href="#nbfig1-1"' in out and "clip" not in out
    # One div a cell (no id: nothing links to nbconvert's), the code's highlight block, one div an output; nothing else.
    assert 'class="jp-' not in out and "CodeMirror" not in out and "tabindex" not in out
    assert (f'{nbk.SLIDE_BREAK}<div class="nb-md"><h2 id="s">S'
            '<a class="headerlink" href="#s" title="Permanent link">¶</a></h2><div class="admonition">kept</div>\n</div>') in out
    assert ('<div class="nb-code"><div class="highlight"><pre><span class="c"># say</span>\n'
            'print(<span class="s">f"x"</span>)\n<span class="k">def</span> <span class="nf">f</span></pre></div>'
            '<div class="nb-out"><pre>x</pre>\n</div><div class="nb-out nb-err"><pre>warn</pre>\n</div>'
            '<div class="nb-out"><svg ') in out
    assert out.count("<div") == out.count("</div>")
    assert nbk.lighten(out) == out


def test_chart_ids_are_the_same_on_every_run_and_references_still_resolve():
    """matplotlib names markers and hatch patterns from a random salt: two runs of one chart differ
    in their ids alone. The page must not (every executed rebuild would change it)."""
    import base64

    def chart(marker: str, hatch: str) -> str:
        return ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
                'aria-label="Bars by group"><metadata>run</metadata>\n <g id="figure_1">\n'
                f'  <g id="patch_2"><path d="M 0 0 L 10 10 z" style="fill: url(#{hatch}); stroke: #000"/></g>\n'
                f'  <g id="line2d_1"><defs><path id="{marker}" d="M 0 0 L 0 3.5"/></defs>'
                f'<use xlink:href="#{marker}" x="1" y="2"/><use href="#{marker}" x="3" y="4"/></g>\n'
                f' </g>\n <defs><pattern id="{hatch}" patternUnits="userSpaceOnUse" width="72" height="72">'
                '<rect x="0" y="0" width="73" height="73"/><path d="M 0 72 L 72 0"/></pattern></defs>\n</svg>')

    def page(*charts: str) -> str:
        imgs = "".join(f'<img alt="x" src="data:image/svg+xml;base64,{base64.b64encode(c.encode()).decode()}">'
                       for c in charts)
        return f"<body>{imgs}</body>"

    first = nbk.lighten(page(chart("m5f1c2a9b3e", "h0d9e8f7a6b"), chart("m11aa22bb33", "h44cc55dd66")))
    second = nbk.lighten(page(chart("m8e7d6c5b4a", "h3a2b1c0d9e"), chart("m77ee88ff99", "h00ab12cd34")))
    assert first == second
    assert not re.search(r'#[mh][0-9a-f]{10}|id="[mh][0-9a-f]{10}"', first), "a random id is left"
    ids = re.findall(r'\sid="([^"]+)"', first)
    refs = re.findall(r"url\(#([^)]+)\)", first) + re.findall(r'href="#([^"]+)"', first)
    # numbered by first appearance (the pattern's first reference comes before the marker), unique on the page
    assert ids == ["nbfig1-2", "nbfig1-1", "nbfig2-2", "nbfig2-1"]
    assert set(refs) == set(ids) and len(refs) == 6
    assert 'style="fill: url(#nbfig1-1); stroke: #000"' in first and '<pattern id="nbfig1-1"' in first
    assert '<path id="nbfig2-2" d="M0 0L0 3.5"/>' in first and '<use xlink:href="#nbfig2-2" x="1" y="2"/>' in first
    assert nbk.lighten(first) == first


def test_simplify_svg_rounds_and_drops_what_draws_nothing():
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Bars" width="349.305078pt" '
           'viewBox="0 0 349.305078 275.014125" version="1.1">\n <defs>\n  </defs>\n <g id="figure_1">\n'
           '  <g id="patch_3">\n   <path d="M 43.198359 234.814125  L 72.214359 -0  z " style="fill: url(#h1)"/>\n  </g>\n'
           '  <g transform="translate(1.23456 0)"><g><use xlink:href="#m9" x="43.198359" y="234.8"/></g></g>\n'
           '  <text style="font-size: 11px; font-family: \'DejaVu Sans\', sans-serif; text-anchor: middle" x="43.198359" '
           'y="250.171547" transform="rotate(-0 43.198359 250.171547)">0.125 of 1.000000</text>\n'
           '  <text style="font-family: \'DejaVu Sans\', sans-serif" x="1">b</text>\n'
           ' </g>\n <defs><path id="m9" d="M 0 0 L 0 3.5"/><pattern id="h1"/><path id="unused" d="M 1 1"/></defs>\n</svg>')
    out = nbk.simplify_svg(svg)
    assert out.startswith('<svg style="font-family: \'DejaVu Sans\', sans-serif" xmlns="http://www.w3.org/2000/svg" '
                          'role="img" aria-label="Bars" width="349.31pt" viewBox="0 0 349.31 275.01">')
    assert '<path d="M43.2 234.81L72.21 0z" style="fill: url(#h1)"/>' in out
    assert '<g transform="translate(1.23 0)"><use xlink:href="#m9" x="43.2" y="234.8"/></g>' in out
    assert '<text style="font-size: 11px; text-anchor: middle" x="43.2" y="250.17">0.125 of 1.000000</text>' in out
    assert '<text x="1">b</text>' in out
    assert 'id="m9"' in out and 'id="h1"' in out and "unused" not in out and "patch_3" not in out
    assert "<g>" not in out and "\n" not in out and "version" not in out and "rotate" not in out
    assert out.count("<g") == out.count("</g>") == 1
    assert nbk.simplify_svg(out) == out


def test_rewrite_links_resolves_source_links_for_both_editions():
    html = '<a href="../data.md">d</a> <a href="other.ipynb#x">o</a> <a href="https://un.org/a.md">u</a>'
    known = {"data.md", "m2/other.ipynb", "m2/nb.ipynb"}
    out, missing = nbk.rewrite_links(html, "m2/nb.ipynb", Links(directory_urls=True), known)
    assert missing == [] and 'href="../../data/"' in out and 'href="../../m2/other/#x"' in out
    assert 'href="https://un.org/a.md"' in out
    out, _ = nbk.rewrite_links(html, "m2/nb.ipynb", Links(directory_urls=False), known)
    assert 'href="../data.html"' in out and 'href="../m2/other.html#x"' in out
    _, missing = nbk.rewrite_links('<a href="gone.md">g</a>', "m2/nb.ipynb", Links(True), known)
    assert missing == ["gone.md"]


def test_handout_keeps_inline_chart_references_intact():
    from coursekit.handout import handout_article

    article = ('<article class="lesson"><svg><pattern id="h1"/><path style="fill: url(#h1)"/>'
               '<path id="m1"/><use xlink:href="#m1"/></svg></article>')
    out = handout_article(article, "nb-x")
    assert 'id="nb-x--h1"' in out and "url(#nb-x--h1)" in out and 'href="#nb-x--m1"' in out


def test_execution_switch():
    assert nbk.execution_enabled({}) is True
    assert nbk.execution_enabled({"NOTEBOOK_EXECUTE": "false"}) is False
    assert nbk.execution_enabled({"NOTEBOOK_EXECUTE": " Off "}) is False
    assert nbk.execution_enabled({"NOTEBOOK_EXECUTE": "true"}) is True


# --------------------------------------------------------------------------- the real notebooks

REAL = {
    "nb-reading-egdi": "m2-agenda",
    "nb-epart-vs-egdi": "m2-agenda",
    "nb-finding-gaps": "m3-priorities",
    "nb-tracking-progress": "m5-monitoring",
}
DATA = REPO / "course/data/egov-survey-2010-2024.csv"


@pytest.mark.parametrize("lesson_id", sorted(REAL))
def test_real_notebook_is_a_complete_lesson_source(lesson_id):
    path = REPO / "course" / REAL[lesson_id] / f"{lesson_id}.ipynb"
    nb = _nb(path)
    meta = nb["metadata"]["course"]
    assert len(meta["objectives"]) >= 2 and len(meta["keypoints"]) >= 2 and len(meta["further_reading"]) >= 2
    md = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown"]
    assert not any(re.match(r"#\s", s) for s in md), "no H1: the build adds the title"
    assert f"<!-- quiz: {lesson_id} -->" in [s.strip() for s in md]
    assert any('<details class="facilitator"><summary>Facilitator notes:' in s for s in md)
    assert sum('<details class="solution">' in s for s in md) >= 2
    activities = [s for s in md if '<div class="admonition activity" data-activity' in s]
    assert len(activities) == 1 and "Try it yourself" in activities[0], "one learner activity"
    assert '<details class="answer"><summary>Compare with a model answer</summary>' in activities[0]
    assert "facilitator" not in activities[0], "the activity is for learners, outside the facilitator notes"
    assert all(not c.get("outputs") for c in nb["cells"] if c["cell_type"] == "code"), "store it clean"
    words = len(re.sub(r"<[^>]+>|```.*?```", " ", " ".join(md), flags=re.S).split())
    assert 1200 <= words <= 2600, words  # eight editions, method notes and a learner activity


@pytest.mark.parametrize("lesson_id", sorted(REAL))
def test_real_notebook_executes_with_charts_and_text_alternatives(lesson_id):
    path = REPO / "course" / REAL[lesson_id] / f"{lesson_id}.ipynb"
    nb = nbk.execute_notebook(path, cwd=path.parent)
    svgs, texts = [], []
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if "image/svg+xml" in data:
                svgs.append((i, data["image/svg+xml"]))
            texts.append(out.get("text", "") + data.get("text/plain", ""))
    assert svgs, "no chart"
    for i, svg in svgs:
        assert re.search(r'<svg\b[^>]*aria-label="[^"]{20,}"', svg), "chart without a text description"
        assert len(svg) < 60_000, f"chart in cell {i + 1} is {len(svg)} bytes"
        nxt = "".join(nb.cells[i + 1].source)
        assert nb.cells[i + 1].cell_type == "markdown" and "What the chart" in nxt, "describe each chart"
    joined = "\n".join(texts)
    assert "1544 rows, 193 countries, editions 2010 to 2024" in joined  # the whole series
    if lesson_id == "nb-reading-egdi":
        for year in (2014, 2016, 2018, 2020, 2022, 2024):
            assert f"EGDI check {year}: 193 of 193 rows within 0.0001" in joined and "passed" in joined
        assert "EGDI check 2010: 8 of 193 rows" in joined
        assert "Median:  0.6678" in joined  # 2024 is the default "now"
    if lesson_id == "nb-tracking-progress":
        assert "Score rose 2022-2024: 141 countries" in joined
        assert "Score rose but rank fell: 50 countries" in joined
    if lesson_id == "nb-epart-vs-egdi":
        assert "Correlation of the EPI with the OSI: 0.95" in joined


def test_real_notebook_pages_carry_only_the_markup_they_need(site_dir, real_course):
    """The built pages: one div a cell and an output, few token spans, lean charts. Each of these
    came back as bytes on every notebook page (about 5 KB gzip in all) when it regressed."""
    course, _ = real_course
    pages = notebook_pages(course)
    assert len(pages) >= 4
    for rel in pages:
        html = (site_dir / rel).read_text(encoding="utf-8")
        body = html[html.index('<div class="lesson-body'):html.index("</article")]
        assert not re.search(r'class="(?:jp-|CodeMirror|cm-)', body), rel
        assert "tabindex" not in body and "anchor-link" not in body, rel
        cells = re.findall(r'<div class="nb-(md|code)">', body)
        assert cells.count("code") >= 5 and cells.count("md") >= 15, rel
        # A code cell is its highlight block, then its outputs, each a single div.
        for m in re.finditer(r'<div class="nb-code"[^>]*>', body):
            assert body.startswith('<div class="highlight"><pre>', m.end()), (rel, body[m.end():m.end() + 80])
        outputs = re.findall(r'</pre></div>\s*(<div[^>]*>)', body)
        assert outputs and all(o.startswith('<div class="nb-out') for o in outputs), (rel, set(outputs))
        # Code keeps the token classes a reader uses (comments, strings, keywords, defined names).
        codes = re.findall(r'<div class="highlight"><pre>(.*?)</pre>', body, re.S)
        assert {c for code in codes for c in re.findall(r'<span class="([^"]*)"', code)} <= {"c", "s", "k", "nf"}, rel
        assert any('<span class="c">#' in code for code in codes), rel
        svgs = re.findall(r"<svg role=\"img\".*?</svg>", body, re.S)
        assert svgs, rel
        for svg in svgs:
            geometry = re.findall(r'\s(?:d|x|y|width|height|transform|viewBox)="([^"]*)"', svg)
            assert len(geometry) > 50, rel
            long = [v for v in geometry if re.search(r"\d\.\d{3}", v)]
            assert not long, (rel, "coordinates with 3 or more decimals", long[:3])
            assert "<g>" not in svg and ">\n" not in svg, rel
            referenced = set(re.findall(r"url\(#([^)]+)\)", svg)) | set(re.findall(r'href="#([^"]+)"', svg))
            assert set(re.findall(r'\sid="([^"]+)"', svg)) <= referenced, (rel, "ids that nothing uses")
            assert svg.count("font-family") == 1 and "<text" in svg, rel
    # Notebook headings reach search as plain titles, as on Markdown pages.
    index = json.loads((site_dir / "search/search_index.json").read_text(encoding="utf-8"))
    titles = [d["title"] for d in index["docs"] if d["location"].startswith(tuple(p.rsplit("index.html")[0] for p in pages))]
    assert titles and not [t for t in titles if "¶" in t]


def _recompute(question_id: str) -> float:
    """Every numeric answer of the notebook quizzes, recomputed from the course table."""
    import pandas as pd

    df = pd.read_csv(DATA)
    y24 = df[df["year"] == 2024]

    def v(iso3, year, col):
        return float(df[(df["iso3"] == iso3) & (df["year"] == year)][col].iloc[0])

    lower_middle = y24[y24["income_group"] == "Lower-Middle"]
    return {
        "recompute-bangladesh-2024": sum(v("BGD", 2024, c) for c in ("osi", "tii", "hci")) / 3,
        "pakistan-boundary": v("PAK", 2024, "egdi") - 0.5,
        "tii-gap-2024": v("BGD", 2024, "tii") - lower_middle["tii"].mean(),
        "pakistan-hci-2024": v("PAK", 2024, "hci") - lower_middle["hci"].mean(),
        "turkiye-rise-2024": v("TUR", 2024, "egdi") - v("TUR", 2010, "egdi"),
        "pakistan-median-2024": v("PAK", 2024, "egdi") - y24["egdi"].median(),
        "rwanda-gap": v("RWA", 2024, "epart") - v("RWA", 2024, "egdi"),
    }[question_id]


@pytest.mark.parametrize("lesson_id", sorted(REAL))
def test_real_notebook_quiz_is_valid_and_its_numbers_come_from_the_data(lesson_id):
    data = yaml.safe_load((REPO / "quizzes" / f"{lesson_id}.yml").read_text(encoding="utf-8"))
    quiz = Quiz.model_validate({**data, "id": lesson_id})
    assert len(quiz.questions) >= 5 and len({q.type for q in quiz.questions}) >= 3
    numeric = [q for q in quiz.questions if q.type == "numeric"]
    assert numeric
    for q in numeric:
        assert abs(q.answer - _recompute(q.id)) <= q.tolerance, q.id


def test_data_page_credits_the_source_and_lists_the_files_and_lessons_of_the_build(tmp_path):
    from coursekit import load_course

    text = " ".join((REPO / "docs/data.md").read_text(encoding="utf-8").split())
    assert "UN E-Government Survey (UN DESA)" in text
    for word in ("relative", "method changes", "Turkey", "Türkiye", "1,544 rows", "0.0039", "greater than 0.75"):
        assert word in text
    assert nbk.DATA_FILES_MARKER in text and nbk.DATA_LESSONS_MARKER in text
    course, _ = load_course(REPO / "tests/fixtures/mini/course", REPO / "tests/fixtures/mini/quizzes")
    filled = nbk.fill_data_page(text, course, REPO / "course/data")
    assert "(data/egov-survey-2010-2024.csv){ download=" in filled
    assert "No lesson of this edition" in filled  # the fixture notebook reads no data file
    empty = tmp_path / "data"
    empty.mkdir()
    assert "not part of this edition" in nbk.fill_data_page(text, course, empty)
    assert "<!--" not in nbk.fill_data_page(text, course, empty)


def test_a_notebook_activity_keeps_one_data_activity_attribute():
    from coursekit.postprocess import mark_activities

    raw = '<div class="admonition activity" data-activity>'  # as the notebooks write it
    assert mark_activities(raw).count("data-activity") == 1
    assert mark_activities('<div class="admonition activity">') == raw  # as Markdown lessons render
