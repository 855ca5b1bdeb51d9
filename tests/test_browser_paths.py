"""Learning paths in headless Chromium: start and walk a predefined path, build and follow a
custom path across two modules, leave a path; over http and from file://."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def nav(page):
    # the path navigation at the top of the lesson (CONTRACTS: it is repeated after the completion button)
    return page.locator("[data-path-nav]").first


def walk_short_path(page, start_url):
    page.goto(start_url)
    lessons = page.locator("[data-path-lessons] a")
    assert lessons.count() == 2
    page.get_by_role("button", name="Start this path").click()
    page.wait_for_selector('[data-lesson="first-lesson"]')
    expect(nav(page)).to_be_visible()
    expect(nav(page)).to_contain_text("Step 1 of 2")
    expect(nav(page)).to_contain_text("Short path")
    nav(page).locator("a[rel=next]").click()
    page.wait_for_selector('[data-lesson="nb-lesson"]')
    expect(nav(page)).to_contain_text("Step 2 of 2")
    assert nav(page).locator("a[rel=next]").count() == 0
    expect(nav(page).locator("a[rel=prev]")).to_contain_text("The first lesson")
    # The choice persists across a reload.
    page.reload()
    expect(nav(page)).to_contain_text("Step 2 of 2")


def test_walk_a_predefined_path_over_http(page, mini_url):
    walk_short_path(page, mini_url + "paths/short/")


def test_walk_a_predefined_path_from_file(page, mini_offline):
    walk_short_path(page, (mini_offline / "paths/short/index.html").as_uri())
    assert page.url.startswith("file://")


def test_custom_path_across_two_modules_then_leave(page, mini_url):
    page.goto(mini_url + "paths/custom/")
    form = page.locator('[data-path="custom"]')
    boxes = form.locator("input[type=checkbox][data-lesson-ref][data-module]")
    assert boxes.count() == 3
    form.get_by_label("The second lesson").check()
    form.get_by_label("A notebook lesson").check()
    expect(form.locator("[data-custom-total]")).to_contain_text("2 lessons chosen, 55 min")
    # select-all of module 1 ticks both of its lessons
    form.get_by_label("Select all lessons of module 1").check()
    expect(form.locator("[data-custom-total]")).to_contain_text("3 lessons chosen, 75 min")
    form.get_by_label("The first lesson").uncheck()
    form.get_by_role("button", name="Save and start my path").click()
    expect(form.locator("[data-custom-status]")).to_contain_text("saved")
    page.goto(mini_url + "alpha/second-lesson/")
    expect(nav(page)).to_contain_text("Step 1 of 2")
    expect(nav(page)).to_contain_text("My own path")
    nav(page).locator("a[rel=next]").click()
    page.wait_for_selector('[data-lesson="nb-lesson"]')
    expect(nav(page)).to_contain_text("Step 2 of 2")
    # Leave the path: the navigation says so and no longer offers path steps.
    nav(page).get_by_role("button", name="Leave this path").click()
    expect(nav(page)).to_contain_text("You left the path")
    page.reload()
    expect(nav(page)).to_be_hidden()
    # The saved custom selection is remembered on the builder page.
    page.goto(mini_url + "paths/custom/")
    expect(page.get_by_label("The second lesson")).to_be_checked()
    expect(page.get_by_label("The first lesson")).not_to_be_checked()


def test_lesson_outside_the_active_path_says_so(page, mini_url):
    page.goto(mini_url + "paths/short/")
    page.get_by_role("button", name="Start this path").click()
    page.wait_for_selector('[data-lesson="first-lesson"]')
    page.goto(mini_url + "alpha/second-lesson/")
    expect(nav(page)).to_contain_text("not part of your learning path")


def test_garbage_path_state_is_ignored(page, mini_url):
    page.goto(mini_url + "alpha/first-lesson/")
    page.evaluate("localStorage.setItem('mini:path:v1', JSON.stringify({v:1, data:{active:'<script>', custom:[1,2]}}))")
    page.reload()
    expect(nav(page)).to_be_hidden()
    assert page.evaluate("localStorage.getItem('mini:path:v1')") is None
