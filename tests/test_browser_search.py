"""Search only when asked (issue 20): nothing search needs is fetched until the reader opens or
focuses search; then search works, hosted and from file://; the index holds no answer keys,
facilitator-only text or repeated page furniture; the offline edition ships one index."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from wire import serve_like_pages, settle

SEARCH = re.compile(r"search_index\.(json|js)|/workers/search\.")
LESSON = "m1-why/toolkit-and-course/"


def _recorder(page) -> list[str]:
    seen: list[str] = []
    page.on("request", lambda r: seen.append(r.url))
    return seen


@pytest.fixture(scope="module")
def pages_like(site_dir):
    served = serve_like_pages(site_dir)
    yield served
    served.close()


@pytest.mark.parametrize("ask", ["shortcut", "click"])
def test_hosted_search_loads_nothing_until_asked_then_finds(page, pages_like, ask):
    seen = _recorder(page)
    mark = pages_like.mark()
    page.goto(pages_like.url + LESSON)
    settle(page)
    page.mouse.wheel(0, 600)  # reading, scrolling and tabbing around do not load search
    page.keyboard.press("Tab")
    page.wait_for_timeout(500)
    assert not [u for u in seen if SEARCH.search(u)], f"fetched before search was asked for: {seen}"
    assert not [p for p in pages_like.since(mark) if SEARCH.search(p)], "the server sent search files"
    expect(page.locator("html")).to_have_attribute("data-search-state", "idle")
    if ask == "shortcut":
        page.keyboard.press("Escape")
        page.locator("body").press("/")
    else:
        page.locator('input[data-md-component="search-query"]').click()
    query = page.locator('input[data-md-component="search-query"]')
    expect(query).to_be_focused()
    query.press_sequentially("Vanuatu", delay=20)  # typed: the theme searches on keyup
    result = page.locator(".md-search-result__item a").first
    expect(result).to_be_visible(timeout=30000)
    hrefs = page.locator(".md-search-result__item a").evaluate_all("els => els.map(a => a.href)")
    assert any("case-vanuatu" in h for h in hrefs), hrefs
    expect(page.locator("html")).to_have_attribute("data-search-state", "asked")
    sent = pages_like.since(mark)
    assert any(p.endswith("search/search_index.json") for p in sent), sent
    assert any("/workers/search." in p for p in sent), sent


def test_offline_search_loads_nothing_until_asked_then_finds(page, offline_dir):
    seen = _recorder(page)
    page.goto((offline_dir / "m1-why/toolkit-and-course.html").as_uri())
    page.wait_for_load_state("load")
    page.wait_for_timeout(800)
    assert not [u for u in seen if SEARCH.search(u)], seen
    assert page.locator('script[src*="search_index"]').count() == 0
    page.locator('input[data-md-component="search-query"]').click()
    page.locator('input[data-md-component="search-query"]').press_sequentially("Estonia", delay=20)
    expect(page.locator(".md-search-result__item a").first).to_be_visible(timeout=30000)
    hrefs = page.locator(".md-search-result__item a").evaluate_all("els => els.map(a => a.href)")
    assert any("case-estonia" in h for h in hrefs), hrefs
    assert any("search_index.js" in u for u in seen)


def test_the_offline_edition_ships_one_search_index(offline_dir):
    assert (offline_dir / "search/search_index.js").is_file()
    assert not (offline_dir / "search/search_index.json").exists(), "file:// pages can only use search_index.js"


def test_the_index_holds_no_answer_keys_notes_or_page_furniture(site_dir):
    index = json.loads((site_dir / "search/search_index.json").read_text(encoding="utf-8"))
    docs = index["docs"]
    assert len(docs) > 300
    locations = [d["location"] for d in docs]
    assert not [loc for loc in locations if loc.startswith(("trainer/answers", "handouts/"))], "answer keys and handouts"
    # the lessons, their module pages and quizzes (the how-to page may name the buttons it explains)
    text = "\n".join(d["title"] + " " + d["text"] for d in docs if re.match(r"m\d-", d["location"]))
    # (the completion button's label is left out: the first lesson explains that button in its text)
    for furniture in ("Show the answer", "Check answer", "Compare with a model answer",
                      "Facilitator notes", "Study time:", "Reset this quiz", "Choose your answer, then press"):
        assert furniture not in text, f"the index holds {furniture!r}"
    # the lessons' own text is there
    assert "Digital Government Implementation Toolkit for Sustainable Development" in text
    assert any(loc.startswith("m6-cases/case-vanuatu/") for loc in locations)


def test_the_index_is_smaller_than_before_it_was_trimmed(site_dir):
    import gzip

    size = len(gzip.compress((site_dir / "search/search_index.json").read_bytes(), 6))
    assert size < 216 * 1024, f"search index {size / 1024:.0f} KB gzip: it was 216 KB before it was trimmed"
