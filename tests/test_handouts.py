"""Handouts are cut from built lesson articles by parsing them (coursekit.htmltree), not with
regular expressions: nesting is followed, and what is not changed comes out as it went in."""

from __future__ import annotations

import re

import pytest

from coursekit import htmltree
from coursekit.handout import handout_article, short_handout_article
from coursekit.postprocess import lesson_article, svg_figure_img


def test_the_tree_gives_back_every_built_page_byte_for_byte(site_dir):
    pages = sorted(site_dir.rglob("*.html"))
    assert len(pages) > 50
    changed = [p.relative_to(site_dir).as_posix() for p in pages
               if htmltree.parse(t := p.read_text(encoding="utf-8")).inner_html() != t]
    assert changed == []


def test_svg_names_keep_their_case_where_the_tree_does_not_change_them():
    svg = '<svg viewBox="0 0 4 4" role="img"><clipPath id="c"><rect/></clipPath><path clip-path="url(#c)"/></svg>'
    root = htmltree.parse(svg)
    assert root.inner_html() == svg and root.find(lambda e: e.tag == "svg").source() == svg


NESTED = (
    '<article class="lesson" data-lesson="l1" data-minutes="30">'
    '<h1 id="t">Title <abbr title="E-Government Development Index">EGDI</abbr></h1>'
    '<p class="lesson-meta">30 min</p>'
    '<section class="lesson-objectives"><h2 id="o">Objectives</h2><ul><li>One</li></ul></section>'
    '<p>See <a href="#o">objectives</a> and <a href="../x/">x</a>.</p>'
    '<section class="quiz" data-quiz="q1"><div class="quiz-actions"><div class="inner"><button>Check</button></div>'
    '<p class="after-inner">still an action</p></div><div class="quiz-foot"><div>score</div><p>x</p></div></section>'
    '<div class="admonition activity" data-activity><p class="admonition-title">Try</p>'
    '<details class="answer"><summary>Model answer</summary><div><p>A</p></div><p>B</p></details></div>'
    '<details class="facilitator" data-facilitator><summary>Notes</summary><h2 id="f">Timing</h2><div><p>10 min</p></div></details>'
    '<div class="lesson-complete"><div><button>Mark complete</button></div><p>done?</p></div>'
    '<label for="in">x</label><input id="in" aria-describedby="t o">'
    '</article>'
)


def test_dropped_parts_go_whole_even_when_they_hold_elements_of_the_same_kind():
    out = handout_article(NESTED, "L")
    # the regexes stopped at the first inner </div>: the rest of each part stayed on paper
    for gone in ("still an action", "Check", "score", "Mark complete", "done?"):
        assert gone not in out
    assert out.count("<div") == out.count("</div>")
    assert out.startswith('<article class="lesson handout-lesson" data-handout-lesson="l1" data-handout-minutes="30">')
    assert 'id="L--t"' in out and 'href="#L--o"' in out and 'href="../x/"' in out
    assert 'for="L--in"' in out and 'aria-describedby="L--t L--o"' in out
    assert "<abbr" not in out and "EGDI" in out
    assert 'data-quiz=' not in out and 'class="quiz quiz--print" data-print-quiz="q1"' in out
    # a model answer prints in the trainer view only, whole
    answer = re.search(r'<details class="answer"[^>]*>', out).group(0)
    assert "data-facilitator" in answer and "<p>B</p></details>" in out


def test_a_quiz_is_replaced_by_its_print_form_and_a_figure_by_its_file():
    svg = '<svg role="img" aria-label="A chart" viewBox="0 0 10 5"><path d="M0 0"/></svg>'
    seen = []

    def figure(source):
        seen.append(source)
        return '<img class="handout-figure" src="f.svg" alt="A chart">'

    out = handout_article(NESTED.replace("<p>A</p>", svg), "L", lambda q: f'<p class="printed">{q}</p>', figure)
    assert '<p class="printed">q1</p>' in out and "quiz-actions" not in out
    assert seen == [svg] and '<img class="handout-figure" src="f.svg" alt="A chart">' in out and "<svg" not in out


def test_the_short_form_keeps_whole_parts_in_order_with_headings_one_level_down():
    short = short_handout_article(handout_article(NESTED, "L"))
    assert short.startswith('<article class="lesson handout-lesson handout-short"')
    assert '<h2 class="handout-lesson-title">Title EGDI</h2>' in short
    order = [short.index(s) for s in ('class="lesson-meta"', 'class="lesson-objectives"', 'class="admonition activity"',
                                     'class="facilitator"', 'class="handout-notes"')]
    assert order == sorted(order)
    assert "<h2" not in short.replace('<h2 class="handout-lesson-title">', "")
    assert '<h3 id="L--o">Objectives</h3>' in short and '<h3 id="L--f">Timing</h3>' in short
    assert "<p>B</p></details>" in short and "<p>10 min</p></div></details>" in short
    assert "See <a" not in short  # the lesson's prose is not in the short form
    assert short.endswith("</section></article>") and short.count("<details") == short.count("</details>")


def test_every_real_lesson_article_makes_balanced_handouts(site_dir):
    made = 0
    for page in sorted(site_dir.rglob("index.html")):
        article = lesson_article(page.read_text(encoding="utf-8"))
        if article is None:
            continue
        made += 1
        for out in (full := handout_article(article, "x"), short_handout_article(full)):
            for tag in ("div", "details", "section", "article", "svg"):
                assert len(re.findall(rf"<{tag}\b", out)) == out.count(f"</{tag}>"), (page, tag)
            assert "data-lesson=" not in out and "lesson-complete" not in out
    assert made >= 30


@pytest.mark.parametrize("svg, ok", [
    ('<svg role="img" aria-label="Bars" width="100pt" height="50pt"><rect/></svg>', True),
    ('<svg role="img" viewBox="0 0 30 20"><title>T</title><desc>D &amp; more</desc></svg>', True),
    ('<svg role="img" aria-label="L"><a href="x"><rect/></a></svg>', False),
    ('<svg role="img" aria-label="L"><foreignObject><p>x</p></foreignObject></svg>', False),
    ('<svg role="img"><rect/></svg>', False),  # no accessible name
])
def test_a_figure_moves_to_a_file_only_when_it_looks_and_reads_the_same(svg, ok):
    img = svg_figure_img(svg, "f.svg")
    assert (img is not None) == ok
    if img and "viewBox" in svg:
        assert 'width="30" height="20"' in img and 'alt="T D &amp; more"' in img
    if img and "pt" in svg:
        assert 'width="133" height="67"' in img
