"""The learner on a phone (360 px wide), in headless Chromium: tables, the path's next step,
a lesson's first screen, the home page, the progress link, diagrams, charts, the skip link and
the back-to-top pill; and a quiz without JavaScript."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
PHONE = {"width": 360, "height": 740}

# For every word of every table cell: the number of lines it is set on (1 unless broken mid-word).
BROKEN_WORDS = """() => {
  const broken = [];
  for (const cell of document.querySelectorAll('.md-content table th, .md-content table td')) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) {
      const re = /[^\\s\\-\\u2013\\u2014\\/,;:()]+/g;
      let m;
      while ((m = re.exec(node.data))) {
        if (m[0].length < 2) continue;
        const r = document.createRange();
        r.setStart(node, m.index); r.setEnd(node, m.index + m[0].length);
        const tops = new Set([...r.getClientRects()].filter(x => x.width > 0).map(x => Math.round(x.top)));
        if (tops.size > 1) broken.push(m[0]);
      }
    }
  }
  return broken;
}"""

TABLES = """() => [...document.querySelectorAll('.md-content table')].filter(t => t.getClientRects().length).map(t => {
  let box = t.parentElement, scroller = null;
  for (; box && box !== document.body; box = box.parentElement) {
    const o = getComputedStyle(box).overflowX;
    if ((o === 'auto' || o === 'scroll') && box.scrollWidth > box.clientWidth + 1) { scroller = box; break; }
  }
  const r = t.getBoundingClientRect();
  return {fits: r.left >= -1 && r.right <= innerWidth + 1, scrolls: !!scroller,
          region: scroller ? scroller.getAttribute('role') : null, tab: scroller ? scroller.getAttribute('tabindex') : null,
          label: scroller ? scroller.getAttribute('aria-label') : null};
})"""


@pytest.fixture
def phone(browser):
    ctx = browser.new_context(viewport=PHONE)
    pg = ctx.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    yield pg
    ctx.close()
    assert not errors, errors


@pytest.mark.parametrize("url", ["paths/", "paths/workshop-two-day/", "tools/roadmap/", "paths/workshop-two-day/agenda/",
                                 "m1-why/", "m2-agenda/egov-survey/"])
def test_tables_fit_or_scroll_in_a_labelled_region_without_broken_words(phone, site_url, url):
    phone.goto(site_url + url)
    phone.wait_for_timeout(600)  # the scrolling regions are marked after the theme's own pass
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], "the page itself scrolls sideways"
    tables = phone.evaluate(TABLES)
    assert tables, "no table on " + url
    for t in tables:
        assert t["fits"] or (t["scrolls"] and t["region"] == "region" and t["tab"] == "0" and t["label"]), (url, t)
    assert phone.evaluate(BROKEN_WORDS) == [], url


def test_path_next_step_after_the_completion_button(phone, mini_url):
    phone.goto(mini_url + "paths/everything/")
    phone.locator('[data-path-start="everything"]').click()
    phone.wait_for_url(re.compile(r"first-lesson"))
    navs = phone.locator("[data-path-nav]")
    expect(navs).to_have_count(2)
    expect(navs.nth(0)).to_contain_text("Step 1 of 3 in the path")
    expect(navs.nth(1).locator("a[rel=next]")).to_have_text(re.compile("Next in path: The second lesson"))
    expect(phone.locator(".lesson-kicker")).to_contain_text("Lesson 1 of 2 in this module")
    after = phone.evaluate("""() => {
        const b = document.querySelector('[data-complete]'), n = document.querySelectorAll('[data-path-nav]')[1];
        return !!(b.compareDocumentPosition(n) & Node.DOCUMENT_POSITION_FOLLOWING);
    }""")
    assert after, "the second path navigation comes after the completion button"
    navs.nth(1).locator("a[rel=next]").click()
    expect(phone.locator("[data-lesson]")).to_have_attribute("data-lesson", "second-lesson")


def test_lesson_first_screen_shows_title_and_objectives(phone, site_url):
    phone.goto(site_url + "m4-implementation/financing-infrastructure/")
    for sel in ["[data-lesson] h1", "[data-objectives] li >> nth=1"]:  # the title and two objectives
        box = phone.locator(sel).bounding_box()
        assert box and box["y"] + box["height"] <= PHONE["height"], (sel, box)
    expect(phone.get_by_role("button", name="Trainer view")).to_be_attached()  # still there, at the end


def test_home_start_button_above_the_fold_and_continue(phone, mini_url):
    phone.goto(mini_url)
    start = phone.get_by_role("link", name="Start the course")
    box = start.bounding_box()
    assert box and box["y"] + box["height"] <= PHONE["height"]
    expect(phone.locator("[data-continue]")).to_have_count(0)  # a first visit: nothing to continue
    start.click()
    expect(phone.locator("[data-lesson]")).to_have_attribute("data-lesson", "first-lesson")
    phone.goto(mini_url + "alpha/second-lesson/")
    phone.goto(mini_url)
    cont = phone.locator("[data-continue]")
    expect(cont).to_have_text("Continue where you left off: The second lesson")
    box = cont.bounding_box()
    assert box["y"] + box["height"] <= PHONE["height"]
    cont.click()
    expect(phone.locator("[data-lesson]")).to_have_attribute("data-lesson", "second-lesson")


def test_progress_page_findable_from_a_lesson(phone, mini_url, mini_offline):
    for url in [mini_url + "alpha/first-lesson/", (mini_offline / "alpha/first-lesson.html").as_uri()]:
        phone.goto(url)
        link = phone.get_by_role("link", name="See my progress")
        expect(link).to_be_visible()
        link.click()
        expect(phone.locator("[data-progress]")).to_be_attached()


def test_figure_text_readable_and_charts_keep_their_labels(phone, site_url):
    phone.goto(site_url + "m4-implementation/financing-infrastructure/")
    phone.wait_for_timeout(400)
    sizes = phone.evaluate("""() => [...document.querySelectorAll('figure.course-figure svg text')].map(t => {
        const svg = t.ownerSVGElement, k = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        return parseFloat(t.getAttribute('font-size') || getComputedStyle(t).fontSize) * k; })""")
    assert sizes and min(sizes) >= 10, f"smallest diagram text {min(sizes):.1f} px"
    region = phone.locator("figure.course-figure .figure-scroll").first
    expect(region).to_have_attribute("role", "region")
    expect(region).to_have_attribute("tabindex", "0")
    phone.goto(site_url + "tools/assessment/")
    for radio in phone.locator("[data-statement]").all():
        radio.locator("input[type=radio]").nth(2).check()
    cut = phone.evaluate("""() => { const svg = document.querySelector('[data-assessment-result] svg');
        const vb = svg.viewBox.baseVal;
        return [...svg.querySelectorAll('text')].filter(t => { const b = t.getBBox();
          return b.x < vb.x - 0.5 || b.x + b.width > vb.x + vb.width + 0.5; }).map(t => t.textContent); }""")
    assert cut == [], cut


def test_skip_link_lands_on_the_title_and_top_pill_stays_clear(phone, mini_url):
    phone.goto(mini_url + "alpha/first-lesson/")
    href = phone.locator(".md-skip").get_attribute("href")
    assert href.startswith("#")
    expect(phone.locator(f"{href}")).to_have_text("The first lesson")
    phone.mouse.wheel(0, 1500)
    phone.wait_for_timeout(200)
    phone.mouse.wheel(0, -300)
    phone.wait_for_timeout(400)
    top = phone.locator(".md-top")
    if top.is_visible():
        box = top.bounding_box()
        assert box["y"] > PHONE["height"] / 2, box  # in the bottom corner, not over the headings


def test_without_javascript_the_quiz_does_not_ask_to_press_check(browser, mini_url):
    ctx = browser.new_context(java_script_enabled=False, viewport=PHONE)
    pg = ctx.new_page()
    pg.goto(mini_url + "alpha/first-lesson/")
    quiz = pg.locator("section.quiz").first
    expect(quiz).to_be_visible()
    assert "press Check" not in quiz.inner_text()
    ctx.close()


def test_theme_icons_come_from_the_stylesheet_and_are_painted(phone, site_url, site_dir):
    """Issue 20: the theme's icons are drawn once by the cached stylesheet, not written into
    every page, and still show (menu, search, colour scheme) in both colour schemes."""
    html = (site_dir / "m1-why/why-digital-governance/index.html").read_text(encoding="utf-8")
    assert '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path' not in html
    assert not re.search(r"\n[ \t]+<", html.split("<pre", 1)[0]), "the page still carries its templates' indentation"
    phone.goto(site_url + "m1-why/why-digital-governance/")
    for scheme in ("default", "slate"):
        phone.evaluate("s => document.body.setAttribute('data-md-color-scheme', s)", scheme)
        icons = phone.evaluate("""() => [...document.querySelectorAll('.md-header svg.ci')]
            .filter(s => s.getClientRects().length).map(s => { const c = getComputedStyle(s), r = s.getBoundingClientRect();
              return {mask: c.webkitMaskImage || c.maskImage, w: r.width, colour: c.backgroundColor,
                      behind: getComputedStyle(document.querySelector('.md-header')).backgroundColor}; })""")
        assert len(icons) >= 3, icons  # menu, colour scheme, search
        for icon in icons:
            assert icon["mask"].startswith('url("data:image/svg+xml') and icon["w"] >= 16, icon
            assert icon["colour"] != icon["behind"], icon  # painted in a colour that shows
