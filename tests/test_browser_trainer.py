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


def test_projected_window_never_shows_facilitator_notes(page, mini_url):
    """Trainer view on or not, the audience's screen shows no note on any slide."""
    page.goto(mini_url + LESSON + "?view=trainer")
    page.get_by_role("button", name="Present this lesson").click()
    num = page.locator("[data-slide-number]")
    n = page.locator("[data-slide]").count()
    for i in range(n):
        expect(num).to_have_text(f"Slide {i + 1} of {n}")
        assert not page.get_by_text("Timing").is_visible()
        expect(page.locator("[data-facilitator]")).to_be_hidden()
        expect(page.locator("[data-presenter-notes]")).to_have_count(0)
        page.keyboard.press("ArrowRight")


def _slide_of(pg) -> int:
    return int(re.match(r"Slide (\d+) of", pg.locator("[data-slide-number]").inner_text()).group(1))


def _check_in_step(projected, presenter):
    """The two windows follow each other, both ways, and the presenter has notes, next slide, clock."""
    expect(presenter.locator("[data-slide-number]")).to_have_text(re.compile(r"^Slide 1 of"))
    expect(presenter.locator("[data-presenter-clock]")).to_have_text(re.compile(r"^\d\d:\d\d$"))
    notes = presenter.locator("[data-presenter-notes]")
    expect(notes).not_to_contain_text("Timing")  # the title slide has none
    presenter.keyboard.press("ArrowRight")
    expect(projected.locator("[data-slide-number]")).to_have_text(re.compile(r"^Slide 2 of"))
    expect(notes).to_contain_text("Timing")  # the section that holds the note
    assert not projected.get_by_text("Timing").is_visible()
    next_text = presenter.locator("[data-presenter-next]").inner_text()
    projected.keyboard.press("PageDown")  # the clicker on the projected window
    expect(presenter.locator("[data-slide-number]")).to_have_text(re.compile(r"^Slide 3 of"))
    current = projected.locator("[data-slide]:visible").first.inner_text()
    assert next_text.split()[:4] == current.split()[:4], (next_text, current)
    presenter.keyboard.press("b")  # the presenter blanks the projector
    expect(projected.locator("[data-blank-screen]")).to_be_visible()
    presenter.keyboard.press("b")
    expect(projected.locator("[data-blank-screen]")).to_be_hidden()


def test_presenter_window_in_step_over_http(browser, mini_url):
    ctx = browser.new_context()
    projected = ctx.new_page()
    projected.goto(mini_url + LESSON + "?view=present")
    presenter = ctx.new_page()
    presenter.goto(mini_url + LESSON + "?view=presenter")
    _check_in_step(projected, presenter)
    ctx.close()


NO_BROADCAST = "delete window.BroadcastChannel;"  # leave only the file:// channels


def test_presenter_window_from_file_opened_by_the_projected_window(browser, mini_offline):
    ctx = browser.new_context()
    ctx.add_init_script(NO_BROADCAST)
    projected = ctx.new_page()
    projected.goto((mini_offline / "alpha/first-lesson.html").as_uri() + "?view=present")
    with ctx.expect_page() as info:
        projected.get_by_role("button", name="Presenter window").click()
    presenter = info.value
    presenter.wait_for_selector("[data-presenter-notes]")
    assert presenter.url.startswith("file://") and "view=presenter" in presenter.url
    _check_in_step(projected, presenter)
    ctx.close()


def test_presenter_window_from_file_in_another_tab(browser, mini_offline):
    """No opener, no BroadcastChannel: the storage event keeps them in step."""
    ctx = browser.new_context()
    ctx.add_init_script(NO_BROADCAST)
    url = (mini_offline / "alpha/first-lesson.html").as_uri()
    projected = ctx.new_page()
    projected.goto(url + "?view=present")
    presenter = ctx.new_page()
    presenter.goto(url + "?view=presenter")
    _check_in_step(projected, presenter)
    ctx.close()


def test_clicker_advances_after_choosing_an_option(page, mini_url):
    page.goto(mini_url + LESSON + "?view=present")
    page.wait_for_selector("[data-slide-number]")
    slides = page.locator("[data-slide]")
    n = slides.count()
    quiz_slides = [i for i in range(n) if slides.nth(i).locator("[data-question]").count() or
                   slides.nth(i).get_attribute("data-question")]
    assert len(quiz_slides) >= 3, "one question per slide"
    for i in quiz_slides:  # exactly one question on each quiz slide
        s = slides.nth(i)
        assert (s.get_attribute("data-question") is not None) + s.locator("[data-question]").count() == 1
    tf = page.locator('[data-question="tf"]')
    idx = next(i for i in quiz_slides if slides.nth(i).get_attribute("data-question") == "tf")
    page.keyboard.press("End")
    while _slide_of(page) > idx + 1:
        page.keyboard.press("ArrowLeft")
    tf.get_by_label("True").check()
    page.keyboard.press("ArrowRight")
    assert _slide_of(page) == idx + 2
    expect(tf.get_by_label("True")).to_be_checked()  # the arrow did not change the answer
    page.keyboard.press("ArrowLeft")
    tf.get_by_label("False").click()
    page.keyboard.press("ArrowDown")
    assert _slide_of(page) == idx + 2
    page.keyboard.press("PageUp")
    tf.get_by_role("button", name="Check").click()
    expect(tf).to_have_attribute("data-result", "incorrect")
    page.keyboard.press(" ")  # Space on the focused Check button moves on, it does not check again
    assert _slide_of(page) == idx + 2
    page.keyboard.press("PageUp")
    expect(tf.get_by_label("False")).to_be_checked()


def test_blank_full_screen_place_in_url_and_no_anchor_marks(browser, mini_url):
    ctx = browser.new_context()
    ctx.add_init_script("window.__fs = 0; Element.prototype.requestFullscreen = function () { window.__fs++; return Promise.resolve(); };")
    page = ctx.new_page()
    page.goto(mini_url + LESSON + "?view=present")
    page.wait_for_selector("[data-slide-number]")
    blank = page.locator("[data-blank-screen]")
    expect(blank).to_be_hidden()
    page.keyboard.press("b")
    expect(blank).to_be_visible()
    page.keyboard.press("b")
    expect(blank).to_be_hidden()
    page.keyboard.press(".")
    expect(blank).to_be_visible()
    page.keyboard.press("Escape")  # the first Escape only lights the screen again
    expect(blank).to_be_hidden()
    expect(page.locator("[data-slide-number]")).to_have_count(1)
    page.keyboard.press("f")
    assert page.evaluate("window.__fs") == 1
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert page.url.endswith("#slide-3")
    expect(page.locator(".headerlink:visible")).to_have_count(0)
    page.reload()
    expect(page.locator("[data-slide-number]")).to_have_text(re.compile(r"^Slide 3 of"))
    ctx.close()


@pytest.mark.parametrize("size", [(1280, 720), (1024, 768)])
def test_every_slide_of_every_lesson_fits_the_window(browser, site_url, site_dir, real_course, size):
    """Issue 19: every slide of every lesson, on a projector's usual screens, ends above the
    control bar."""
    course, _ = real_course
    ctx = browser.new_context(viewport={"width": size[0], "height": size[1]})
    page = ctx.new_page()
    over = []
    for lesson in course.lessons:
        url = lesson.src_uri.rsplit(".", 1)[0] + "/"
        assert (site_dir / url / "index.html").exists(), url
        page.goto(site_url + url + "?view=present")
        page.wait_for_selector("[data-slide-number]")
        boxes = page.evaluate("""async () => {
            const out = [], n = document.querySelectorAll('[data-slide]').length;
            for (let i = 0; i < n; i++) {
              window.Course.present.go(i);
              await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
              const s = [...document.querySelectorAll('[data-slide]')].filter(x => x.getClientRects().length);
              const r = s[0].getBoundingClientRect(), bar = document.querySelector('.present-bar').getBoundingClientRect();
              out.push({count: s.length, top: r.top, bottom: r.bottom, bar: bar.top});
            }
            return out;
        }""")
        assert boxes, url
        for i, box in enumerate(boxes):
            assert box["count"] == 1, (url, i + 1)
            if not (box["top"] >= 0 and box["bottom"] <= box["bar"] + 1):
                over.append((url, i + 1, len(boxes), round(box["bottom"] - box["bar"], 1)))
    ctx.close()
    assert not over, f"slides taller than the window (url, slide, of, px over): {over}"


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


def _pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


def test_group_view_counts_a_participant_read_twice_once(page, mini_url, tmp_path):
    import json

    import yaml
    defn = yaml.safe_load((REPO / "tests/fixtures/mini/course/assessment.yml").read_text())
    ids = [st["id"] for d in defn["dimensions"] for st in d["statements"]]

    def export(name, value, stamp):
        f = tmp_path / f"{name}-{stamp}.json"
        f.write_text(json.dumps({"format": "digit4sd-assessment", "version": 1, "course": "mini", "participant": name,
                                 "exported": f"2026-01-0{stamp}T10:00:00Z", "answers": {i: value for i in ids}}))
        return str(f)
    files = [export("amina", 4, 1), export("bo", 2, 1), export("chen", 3, 1)]
    page.goto(mini_url + "tools/group/")
    group = page.locator("[data-assessment-group]")
    page.get_by_label("Participants' export files").set_input_files(files)
    expect(group.locator("[data-participants]")).to_have_text("3")
    mean = group.locator('[data-group-dimension="strategy"]').get_attribute("data-mean")
    # the same file again, and amina's answers exported a second time: still three people
    page.get_by_label("Participants' export files").set_input_files([files[0], export("amina", 4, 2)])
    expect(group.locator("[data-group-duplicate]")).to_have_count(2)
    expect(group.locator("[data-group-duplicate]").first).to_contain_text("Already read")
    expect(group.locator("[data-participants]")).to_have_text("3")
    expect(group.locator('[data-group-dimension="strategy"]')).to_have_attribute("data-mean", mean)
    table = group.locator("table.group-table")
    assert table.evaluate("t => getComputedStyle(t).borderCollapse") == "collapse"
    assert table.locator("th").first.evaluate("c => parseFloat(getComputedStyle(c).paddingLeft)") > 4


@pytest.mark.parametrize("fmt", ["A4", "A3"])
def test_canvas_prints_on_exactly_one_landscape_page(page, mini_url, fmt):
    page.goto(mini_url + "tools/canvas/")
    page.get_by_label("Name of the initiative").fill("Online birth registration")
    for i, t in enumerate(page.locator("[data-canvas] textarea").all()):
        t.fill(" ".join(["Plenty of planning text for this block."] * (4 + 2 * i)))
    assert _pdf_pages(page.pdf(format=fmt, landscape=True)) == 1
    page.emulate_media(media="print")
    expect(page.locator(".canvas-print-text").last).to_contain_text("Plenty of planning text")


def test_agenda_wording_when_days_fit_and_when_they_run_over(page, mini_url):
    page.goto(mini_url + "paths/everything/agenda/")
    status = page.locator("[data-agenda-status]")
    expect(status).to_have_text("Every day fits the length of the day.")
    for tb in page.locator("tbody[data-day] [data-day-warning]").all():
        expect(tb).not_to_contain_text("runs over")
    page.get_by_label("Length of the day").fill("60")
    page.get_by_label("Length of the day").dispatch_event("change")
    days = page.locator("tbody[data-day]").count()
    expect(status).to_have_text("Day 1 runs over the length of the day." if days == 1 else re.compile(r"^Days 1(, \d+)* and \d+ run over"))


# --------------------------------------------------------------------------- the hosted and offline editions


def test_offline_readme_recommends_chromium_browsers_not_firefox():
    from coursekit import release
    text = release.readme_text("DIGIT4SD course")
    assert "Chrome, Edge or Chromium" in text
    for line in text.splitlines():
        if "Firefox" in line:
            assert line.startswith("Do not use Firefox"), line


def test_default_build_promises_only_the_zip_it_offers(page, site_url, site_dir):
    """The README's first command: the home page promises no download the download page lacks."""
    page.goto(site_url + "download/")
    link = page.locator("[data-download] a[download]")
    if link.count():
        href = link.get_attribute("href")
        assert (site_dir / "download" / href).resolve().is_file(), href
    else:
        expect(page.locator("[data-download-none]")).to_contain_text("does not offer the zip file")
        page.goto(site_url)
        body = page.locator(".md-content").inner_text()
        assert "Download the course" not in body and "download the whole course" not in body.lower()
        page.goto(site_url + "start/")
        assert "download the whole course" not in page.locator(".md-content").inner_text().lower()


def test_404_page_works_under_a_sub_path(browser, mini_site, tmp_path):
    """A project site (GitHub Pages without SITE_URL): the host answers a missing address, at any
    depth, with the site's 404.html."""
    import functools
    import http.server
    import threading

    root = tmp_path / "www"
    root.mkdir()
    (root / "project").symlink_to(mini_site)
    not_found = (mini_site / "404.html").read_bytes()

    class Host(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *a):
            pass

        def send_error(self, code, message=None, explain=None):
            if code != 404:
                return super().send_error(code, message, explain)
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(not_found)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(not_found)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Host, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/project/"
    ctx = browser.new_context()
    page = ctx.new_page()
    try:
        for missing in ["no-such-page/", "alpha/no-such-lesson/deeper/"]:
            page.goto(base + missing)
            # styled: the theme's stylesheet applied (the header is sticky, not a plain block)
            assert page.locator(".md-header").evaluate("h => getComputedStyle(h).position") == "sticky"
            expect(page.locator("h1")).to_have_text("Page not found")
            expect(page.get_by_label("Search the course")).to_be_visible()
            home = page.get_by_role("link", name="Go to the home page")
            assert home.evaluate("a => a.href") == base
            modules = page.locator("[data-not-found] ul a")
            assert modules.count() >= 2
            assert all(a.startswith(base) for a in modules.evaluate_all("as => as.map(a => a.href)"))
            # the service worker is the site's, at its root, whatever the depth of the address
            scope = page.evaluate("""() => Promise.race([navigator.serviceWorker.ready.then(r => r.scope),
                                                         new Promise(ok => setTimeout(() => ok(null), 10000))])""")
            assert scope == base, scope
        modules.first.click()
        expect(page.locator("[data-module]").first).to_be_attached()
        page.goto(base + "no-such-page/")
        page.get_by_label("Search the course").fill("EGDI")
        page.get_by_label("Search the course").press("Enter")
        expect(page.locator(".md-search__input")).to_be_focused()
    finally:
        ctx.close()
        server.shutdown()


def test_handouts_short_form_per_session_and_day_and_answers_for_trainers_only(page, mini_url, mini_site):
    index = (mini_site / "trainer/handouts/index.html").read_text()
    assert "handouts/path-everything-session-1" in index.replace("../", "") or "path-everything-session-1" in index
    short = mini_site / "handouts/alpha-short/index.html"
    html = short.read_text()
    assert html.count("handout-short") >= 2 and "data-question=" not in html and "quiz-answer" not in html
    page.goto(mini_url + "handouts/alpha-short/")
    lessons = page.locator(".handout-short")
    expect(lessons).to_have_count(2)
    second = lessons.nth(1)
    expect(second.locator("[data-handout-objectives], .lesson-objectives li")).to_have_count(2)
    expect(second.locator(".lesson-keypoints li")).to_have_count(2)
    expect(second.locator(".activity")).to_contain_text("Write down three things")
    expect(second.locator(".handout-notes")).to_be_visible()
    assert "Section one" not in second.inner_text()  # the short form leaves the lesson text out
    expect(page.get_by_role("link", name="Full text of the lessons")).to_be_visible()
    # the activity's model answer prints only in the trainer view
    page.emulate_media(media="print")
    expect(second.locator("details.answer")).to_be_hidden()
    page.goto(mini_url + "handouts/alpha-short/?view=trainer")
    expect(page.locator(".handout-short").nth(1).locator("details.answer")).to_be_visible()
    page.emulate_media(media="screen")
    # a handout per session (and per day when the workshop has several)
    page.goto(mini_url + "handouts/path-everything-session-1-short/")
    expect(page.locator(".handout-short")).to_have_count(2)
    page.goto(mini_url + "handouts/path-everything-session-2/")
    expect(page.locator(".handout-lesson")).to_have_count(1)


def test_short_handout_fits_a_few_a4_pages(page, mini_url):
    page.goto(mini_url + "handouts/alpha-short/")
    short = _pdf_pages(page.pdf(format="A4"))
    page.goto(mini_url + "handouts/alpha/")
    full = _pdf_pages(page.pdf(format="A4"))
    assert short <= 2 * page.locator(".handout-lesson").count() and short <= full
