"""Trainer mode in headless Chromium: facilitator notes, presentation view, agenda, print, handouts."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from conftest import REPO
from coursekit import load_course

pytestmark = pytest.mark.browser
LESSON = "alpha/first-lesson/"


def test_notes_hidden_for_learners_shown_in_trainer_view_and_persist(page, mini_url):
    page.goto(mini_url + LESSON)
    notes = page.locator("[data-facilitator]")
    assert notes.count() == 1
    expect(notes).to_be_hidden()
    page.goto(mini_url + LESSON + "?view=trainer")
    expect(notes).to_be_visible()
    expect(page.get_by_role("button", name="Trainer view")).to_have_attribute("aria-pressed", "true")
    page.goto(mini_url + "alpha/second-lesson/")  # the choice persists
    expect(page.get_by_role("button", name="Trainer view")).to_have_attribute("aria-pressed", "true")
    page.goto(mini_url + LESSON)
    expect(notes).to_be_visible()
    page.get_by_role("button", name="Trainer view").click()
    expect(notes).to_be_hidden()
    page.reload()
    expect(notes).to_be_hidden()


def test_notes_stay_collapsed_and_labelled_without_javascript(browser, mini_url):
    ctx = browser.new_context(java_script_enabled=False)
    pg = ctx.new_page()
    pg.goto(mini_url + LESSON)
    notes = pg.locator("details[data-facilitator]")
    expect(notes).to_be_visible()
    assert notes.get_attribute("open") is None
    expect(notes.locator("summary")).to_contain_text("Facilitator notes")
    ctx.close()


def test_presentation_view_steps_with_keyboard_and_exits(page, mini_url):
    page.goto(mini_url + LESSON + "?view=present")
    slides = page.locator("[data-slide]")
    page.wait_for_selector("[data-slide-number]")
    n = slides.count()
    assert n >= 3
    visible = lambda: sum(1 for i in range(n) if slides.nth(i).is_visible())  # noqa: E731
    assert visible() == 1
    expect(page.locator("[data-slide-number]")).to_have_text(f"Slide 1 of {n}")
    expect(slides.nth(0)).to_contain_text("The first lesson")
    page.keyboard.press("ArrowRight")
    expect(page.locator("[data-slide-number]")).to_have_text(f"Slide 2 of {n}")
    assert visible() == 1 and slides.nth(1).is_visible()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowLeft")
    expect(page.locator("[data-slide-number]")).to_have_text(f"Slide 2 of {n}")
    expect(page.locator(".md-sidebar--primary")).to_be_hidden()
    page.keyboard.press("Escape")
    expect(page.locator("[data-slide-number]")).to_have_count(0)
    assert page.locator("[data-slide]").count() == 0
    expect(page.locator(".md-header")).to_be_visible()
    assert "view=present" not in page.url
    # The quiz still works after leaving: nodes were moved back, not copied.
    page.locator('[data-question="tf"]').get_by_label("True").check()
    page.locator('[data-question="tf"]').get_by_role("button", name="Check").click()
    expect(page.locator('[data-question="tf"]')).to_have_attribute("data-result", "correct")


def test_presenter_notes_in_trainer_view(page, mini_url):
    page.goto(mini_url + LESSON + "?view=trainer")
    page.get_by_role("button", name="Present this lesson").click()
    panel = page.locator("[data-presenter-notes]")
    expect(panel).to_be_hidden()  # title slide has no notes
    page.keyboard.press("ArrowRight")  # the section holding the note
    expect(panel).to_be_visible()
    expect(panel).to_contain_text("Timing")


def test_agenda_totals_match_lesson_minutes_and_warn_on_overrun(page, mini_url):
    course, _ = load_course(REPO / "tests/fixtures/mini/course", REPO / "tests/fixtures/mini/quizzes")
    path = course.path("everything")
    expected = sum(course.lesson(lid).minutes + course.lesson(lid).meta.activity_minutes for lid in path.all_lessons)
    expected += sum(a.minutes for s in path.sessions for a in s.activities) + sum(s.break_after for s in path.sessions)
    page.goto(mini_url + "paths/everything/agenda/")
    table = page.locator("[data-agenda]")
    total = table.locator('[data-day-total="1"]').inner_text()
    assert total.startswith(f"{expected} min"), total
    rows = table.locator("tr[data-minutes]")
    assert sum(int(rows.nth(i).get_attribute("data-minutes")) for i in range(rows.count())) == expected
    first = rows.nth(0).locator("[data-clock]")
    expect(first).to_have_text(re.compile(r"^09:00"))
    page.get_by_label("Start time").fill("08:30")
    page.get_by_label("Start time").dispatch_event("change")
    expect(first).to_have_text(re.compile(r"^08:30"))
    page.get_by_label("Length of the day").fill("60")
    page.get_by_label("Length of the day").dispatch_event("change")
    expect(table.locator('[data-day-warning="1"]')).to_contain_text("runs over")
    expect(page.locator("[data-agenda-status]")).to_contain_text("runs over")


def test_print_media_hides_navigation_and_quiz_answers(page, mini_url):
    page.goto(mini_url + LESSON)
    page.emulate_media(media="print")
    expect(page.locator(".md-sidebar--primary")).to_be_hidden()
    expect(page.locator(".md-header")).to_be_hidden()
    expect(page.locator("[data-complete]")).to_be_hidden()
    expect(page.locator('[data-question="num"] [data-answer]')).to_be_hidden()
    expect(page.locator('[data-question="num"] legend')).to_be_visible()


def test_handout_holds_all_lessons_without_answers(page, mini_url, mini_site):
    html = (mini_site / "handouts/alpha/index.html").read_text()
    assert html.count("class=\"lesson handout-lesson") == 2 and "data-lesson=" not in html and "data-question=" not in html
    assert "quiz-answer" not in html and "data-complete" not in html
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), "duplicate ids in the handout"
    page.goto(mini_url + "handouts/alpha/")
    expect(page.locator(".handout-lesson")).to_have_count(2)
    expect(page.locator("[data-facilitator]").first).to_be_hidden()
    page.emulate_media(media="print")
    expect(page.locator(".md-sidebar--primary")).to_be_hidden()


def test_answer_keys_only_in_trainer_view(page, mini_url):
    page.goto(mini_url + "trainer/answers/")
    keys = page.locator(".answer-keys")
    expect(keys).to_be_hidden()
    page.goto(mini_url + "trainer/answers/?view=trainer")
    expect(keys).to_be_visible()
    expect(keys.locator('[data-key-question="num"]')).to_contain_text("0.55")
