"""Learner progress in headless Chromium: completion, the progress page, export and import,
refusal of malformed and hostile files, garbage in storage, and the certificate."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def complete(page, url):
    page.goto(url)
    btn = page.get_by_role("button", name="complete")
    expect(btn).to_have_attribute("aria-pressed", "false")
    btn.click()
    expect(page.locator("[data-complete]")).to_have_attribute("aria-pressed", "true")


def storage(page) -> dict:
    return page.evaluate("() => Object.fromEntries(Object.keys(localStorage).sort().map(k => [k, localStorage.getItem(k)]))")


def test_completion_counts_on_module_and_progress_pages(page, mini_url):
    complete(page, mini_url + "alpha/first-lesson/")
    complete(page, mini_url + "beta/nb-lesson/")
    page.goto(mini_url + "alpha/")
    expect(page.locator('[data-lesson-row="first-lesson"] [data-lesson-status]')).to_contain_text("Done")
    expect(page.locator('[data-lesson-row="second-lesson"] [data-lesson-status]')).to_contain_text("Not done")
    page.goto(mini_url + "progress/")
    alpha = page.locator('[data-module-progress="alpha"]')
    expect(alpha).to_have_attribute("data-done", "1")
    expect(alpha).to_have_attribute("data-total", "2")
    expect(page.locator('[data-module-progress="beta"]')).to_have_attribute("data-done", "1")
    expect(page.locator("[data-progress-summary]")).to_contain_text("2 of 3 lessons")
    expect(page.locator("[data-progress-next] a")).to_have_text("The second lesson")
    # undo
    page.goto(mini_url + "alpha/first-lesson/")
    page.locator("[data-complete]").click()
    page.goto(mini_url + "progress/")
    expect(page.locator('[data-module-progress="alpha"]')).to_have_attribute("data-done", "0")


def test_mastery_follows_quiz_answers(page, mini_url):
    page.goto(mini_url + "alpha/quiz/")
    page.get_by_label("True").check()
    page.get_by_role("button", name="Check").click()
    page.goto(mini_url + "progress/")
    alpha = page.locator('[data-module-progress="alpha"]')
    expect(alpha.locator("[data-module-quiz]")).to_contain_text("1 of 8")
    expect(alpha).to_have_attribute("data-mastered", "false")


def test_export_clear_import_restores_the_same_state(page, mini_url, tmp_path):
    complete(page, mini_url + "alpha/second-lesson/")
    page.goto(mini_url + "alpha/first-lesson/")
    page.locator('[data-question="tf"]').get_by_label("True").check()
    page.locator('[data-question="tf"]').get_by_role("button", name="Check").click()
    page.goto(mini_url + "paths/short/")
    page.get_by_role("button", name="Start this path").click()
    page.wait_for_selector("[data-lesson]")
    before = storage(page)
    page.goto(mini_url + "progress/")
    with page.expect_download() as dl:
        page.get_by_role("button", name="Export my data").click()
    exported = tmp_path / "export.json"
    dl.value.save_as(exported)
    data = json.loads(exported.read_text())
    assert data["format"] == "digit4sd-learner-data" and data["version"] == 1 and data["course"] == "mini"
    assert set(data["data"]) >= {"progress", "quiz", "path"}
    page.evaluate("localStorage.clear()")
    page.reload()
    expect(page.locator('[data-module-progress="alpha"]')).to_have_attribute("data-done", "0")
    page.get_by_label("Replace what this browser has").check()
    page.get_by_label("Import a file exported from the course").set_input_files(str(exported))
    expect(page.locator("[data-import-status]")).to_contain_text("Import done")
    assert storage(page) == before
    expect(page.locator('[data-module-progress="alpha"]')).to_have_attribute("data-done", "1")


@pytest.mark.parametrize("content,reason", [
    ("{not json", "not valid JSON"),
    (json.dumps({"format": "something-else"}), "not a DIGIT4SD course export"),
    (json.dumps({"format": "digit4sd-learner-data", "version": 99, "course": "mini", "data": {}}), "unsupported version"),
    (json.dumps({"format": "digit4sd-learner-data", "version": 1, "course": "other", "data": {}}), "another course"),
    (json.dumps({"format": "digit4sd-learner-data", "version": 1, "course": "mini",
                 "data": {"progress": {"done": {"<img src=x onerror=window.pwned=1>": "2026-01-01"}}}}), "damaged"),
    (json.dumps({"format": "digit4sd-learner-data", "version": 1, "course": "mini",
                 "data": {"quiz": {"q": {"a": {"a": "x", "r": "<script>window.pwned=1</script>"}}}}}), "damaged"),
    (json.dumps({"format": "digit4sd-learner-data", "version": 1, "course": "mini", "data": {"__proto__": {"x": 1}, "evil": 1}}), "does not know"),
    ("x" * (1024 * 1024 + 10), "too large"),
])
def test_malformed_and_hostile_imports_are_refused_without_changing_storage(page, mini_url, tmp_path, content, reason):
    complete(page, mini_url + "alpha/first-lesson/")
    page.goto(mini_url + "progress/")
    before = storage(page)
    bad = tmp_path / "bad.json"
    bad.write_text(content)
    page.get_by_label("Replace what this browser has").check()
    page.get_by_label("Import a file exported from the course").set_input_files(str(bad))
    status = page.locator("[data-import-status]")
    expect(status).to_contain_text("Import refused")
    expect(status).to_contain_text(reason)
    assert storage(page) == before
    assert page.evaluate("window.pwned") is None
    assert page.locator("img[src=x]").count() == 0


GARBAGE = ["{", "null", "[]", "123", '{"v":1}', '{"v":1,"data":"x"}', '{"v":1,"data":{"done":[1]}}',
           '{"v":1,"data":{"active":{"x":1},"custom":"y"}}', "\u0000\u0001binary", '{"v":2,"data":{}}']


def test_every_page_works_with_garbage_in_storage(browser, mini_site, mini_url):
    ctx = browser.new_context()
    pg = ctx.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.goto(mini_url)
    keys = ["quiz", "progress", "path", "view", "certificate", "assessment", "canvas", "roadmap"]
    for i, k in enumerate(keys):
        pg.evaluate("([k, v]) => localStorage.setItem(k, v)", [f"mini:{k}:v1", GARBAGE[i % len(GARBAGE)]])
    pages = sorted(p.relative_to(mini_site).as_posix() for p in mini_site.rglob("index.html"))
    assert len(pages) >= 10
    for rel in pages:
        pg.goto(mini_url + rel)
        assert pg.locator("h1").count() >= 1, rel
    pg.goto(mini_url + "progress/")
    expect(pg.locator("[data-progress-summary]")).to_contain_text("0 of 3 lessons")
    pg.goto(mini_url + "alpha/first-lesson/")
    pg.locator("[data-complete]").click()
    expect(pg.locator("[data-complete]")).to_have_attribute("aria-pressed", "true")
    ctx.close()
    assert not errors, errors


def test_older_progress_is_migrated(page, mini_url):
    page.goto(mini_url)
    page.evaluate("localStorage.setItem('mini:progress:v0', JSON.stringify(['first-lesson', 'bad id!']))")
    page.goto(mini_url + "progress/")
    expect(page.locator('[data-module-progress="alpha"]')).to_have_attribute("data-done", "1")
    assert page.evaluate("localStorage.getItem('mini:progress:v0')") is None


def test_forget_all_data(page, mini_url):
    complete(page, mini_url + "alpha/first-lesson/")
    page.goto(mini_url + "progress/")
    page.on("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Forget all my data").click()
    expect(page.locator("[data-forget-status]")).to_contain_text("removed")
    assert not [k for k in storage(page) if k.startswith("mini:")]


def test_certificate_after_completing_a_path(page, mini_url):
    complete(page, mini_url + "alpha/first-lesson/")
    complete(page, mini_url + "beta/nb-lesson/")
    page.goto(mini_url + "progress/")
    # lessons done is not enough: the rule asks for 80% of the path's own quiz questions (6 of 7)
    short = page.locator('[data-cert-path="short"]')
    expect(short).to_have_attribute("data-earned", "false")
    expect(short).to_contain_text("0 of 7 quiz questions right (6 needed)")
    page.get_by_label("Your name as it should appear").fill("Amina")
    page.get_by_role("button", name="Show my certificate").click()
    expect(page.locator("[data-certificate]")).to_contain_text("No certificate yet")
    page.evaluate("""() => CourseStore.save("quiz", {"first-lesson": Object.fromEntries(
        ["pick-one", "pick-many", "tf", "num", "word", "order"].map(q => [q, {a: null, r: "correct"}]))})""")
    page.reload()
    expect(short).to_have_attribute("data-earned", "true")
    expect(page.locator("[data-certificate-state]")).to_contain_text("Short path")
    page.get_by_label("Your name as it should appear").fill("<b>Amina</b> Diallo")
    page.get_by_role("button", name="Show my certificate").click()
    cert = page.locator("[data-certificate]")
    expect(cert).to_contain_text("<b>Amina</b> Diallo")  # shown as text, never as HTML
    expect(cert).to_contain_text("not an accredited credential")
    expect(cert.locator('[data-cert-result="short"]')).to_contain_text("6 of 7 quiz questions")
    assert cert.locator("b").count() == 0


def test_without_storage_the_page_says_progress_is_not_kept(browser, mini_url):
    ctx = browser.new_context()
    ctx.add_init_script("Object.defineProperty(window, 'localStorage', {get() { throw new Error('denied'); }})")
    pg = ctx.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.goto(mini_url + "alpha/first-lesson/")
    expect(pg.locator(".storage-warning")).to_contain_text("will not be kept")
    pg.locator('[data-question="tf"]').get_by_label("True").check()
    pg.locator('[data-question="tf"]').get_by_role("button", name="Check").click()
    expect(pg.locator('[data-question="tf"]')).to_have_attribute("data-result", "correct")
    ctx.close()
    assert not errors, errors


def test_firefox_from_a_folder_is_told_that_progress_does_not_add_up(browser, mini_offline):
    """Firefox keeps storage apart per file:// page (checked with Debian's firefox-esr 153), so
    the offline progress page says what to do there, and only there."""
    progress = (mini_offline / "progress.html").as_uri()
    ff = browser.new_context(user_agent="Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0")
    try:
        pg = ff.new_page()
        pg.goto(progress)
        note = pg.locator(".storage-warning-firefox")
        assert note.count() == 1
        assert "Chrome, Edge or Chromium" in note.inner_text()
    finally:
        ff.close()
    chromium = browser.new_context()
    try:
        pg = chromium.new_page()
        pg.goto(progress)
        pg.wait_for_selector("[data-progress]")
        assert pg.locator(".storage-warning-firefox").count() == 0
    finally:
        chromium.close()
