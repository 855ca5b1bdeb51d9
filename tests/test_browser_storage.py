"""Learner data in headless Chromium: the one registry (store.js), export and import of every
concern, hostile storage and files, a full storage, the theme's own storage keys, and several
learners on one shared computer."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def storage(page) -> dict:
    return page.evaluate(
        "() => Object.fromEntries(Object.keys(localStorage).filter(k => k.startsWith('mini:')).sort()"
        ".map(k => [k, JSON.parse(localStorage.getItem(k))]))"
    )


def fill_every_tool(page, mini_url):
    """Quiz, progress, path, view, agenda, assessment, canvas, roadmap, certificate: all set by hand."""
    page.goto(mini_url + "alpha/first-lesson/")
    page.locator('[data-question="tf"]').get_by_label("True").check()
    page.locator('[data-question="tf"]').get_by_role("button", name="Check").click()
    page.get_by_role("button", name="complete").click()
    page.goto(mini_url + "paths/short/")
    page.get_by_role("button", name="Start this path").click()
    page.wait_for_selector("[data-lesson]")
    page.goto(mini_url + "tools/assessment/")
    page.locator("[data-statement] input[type=radio]").first.check()
    page.goto(mini_url + "tools/canvas/")
    page.locator("[data-canvas] textarea").first.fill("Our status line")
    page.goto(mini_url + "tools/roadmap/")
    page.locator('[data-col="activity"]').first.fill("Write the plan")
    page.goto(mini_url + "progress/")
    page.get_by_label("Your name as it should appear").fill("Amina")


def export(page, tmp_path) -> dict:
    with page.expect_download() as dl:
        page.get_by_role("button", name="Export my data").click()
    out = tmp_path / "export.json"
    dl.value.save_as(out)
    return json.loads(out.read_text())


def import_file(page, path, mode="merge"):
    page.locator("#import-" + mode).check()
    page.locator("[data-import]").set_input_files(str(path))


def test_export_then_import_round_trips_every_concern_from_the_progress_page(page, mini_url, tmp_path):
    fill_every_tool(page, mini_url)
    before = storage(page)
    for concern in ("quiz", "progress", "path", "assessment", "canvas", "roadmap"):
        assert f"mini:{concern}:v1" in before, concern
    data = export(page, tmp_path)
    # the progress page knows every concern although tools.js is not loaded there
    assert set(data["data"]) >= {"quiz", "progress", "path", "assessment", "canvas", "roadmap"}
    assert data["data"]["canvas"]["blocks"] and data["data"]["roadmap"]["rows"][0]["activity"] == "Write the plan"
    assert all(data["versions"][c] == 1 for c in data["data"])
    page.evaluate("() => CourseStore.clearAll()")
    assert storage(page) == {}
    path = tmp_path / "export.json"
    import_file(page, path, "replace")
    expect(page.locator("[data-import-status]")).to_contain_text("Import done")
    assert storage(page) == before
    page.goto(mini_url + "tools/canvas/")
    expect(page.locator("[data-canvas] textarea").first).to_have_value("Our status line")


def test_an_undeclared_concern_is_an_error(page, mini_url):
    page.goto(mini_url)
    for call in ("CourseStore.save('nonsense', {})", "CourseStore.load('nonsense')", "CourseStore.save('__proto__', {})"):
        with pytest.raises(Exception, match="not declared"):
            page.evaluate(f"() => {call}")
    assert sorted(page.evaluate("() => CourseStore.concerns()")) == sorted(
        ["quiz", "progress", "path", "view", "visit", "certificate", "agenda", "assessment", "canvas", "roadmap"]
    )


def test_old_data_is_migrated_or_kept_never_dropped(page, mini_url):
    page.goto(mini_url)
    page.evaluate("""() => { localStorage.setItem('mini:progress:v0', JSON.stringify(['first-lesson', 'BAD id']));
        localStorage.setItem('mini:canvas:v0', JSON.stringify({odd: 'shape'})); }""")
    page.goto(mini_url + "progress/")
    expect(page.locator('[data-module-progress="alpha"]')).to_have_attribute("data-done", "1")
    st = storage(page)
    assert "mini:progress:v0" not in st and list(st["mini:progress:v1"]["data"]["done"]) == ["first-lesson"]
    # no migration turns this into a canvas: it stays where it is for a later version to read
    assert page.evaluate("() => CourseStore.load('canvas')") is None
    assert st["mini:canvas:v0"] == {"odd": "shape"}


def canvas_file(tmp_path, name="c.json", **over):
    obj = {"format": "digit4sd-canvas", "version": 1, "course": "mini", "title": "Imported", "blocks": {}}
    obj.update(over)
    p = tmp_path / name
    p.write_text(json.dumps(obj))
    return p


def test_canvas_import_asks_refuses_other_courses_and_prototype_names(page, mini_url, tmp_path):
    page.goto(mini_url + "tools/canvas/")
    first = page.locator("[data-canvas] textarea").first
    block = first.get_attribute("name")
    first.fill("Mine, keep it")
    status = page.locator("[data-canvas-status]")
    imp = page.locator("[data-canvas-import]")
    hostile = [
        canvas_file(tmp_path, "other.json", course="another-course", blocks={block: "x"}),
        canvas_file(tmp_path, "ctor.json", blocks={"constructor": "x"}),
        tmp_path / "proto.json",
        canvas_file(tmp_path, "html.json", blocks={block: 5}),
    ]
    hostile[2].write_text('{"format":"digit4sd-canvas","version":1,"course":"mini","title":"t","blocks":{"__proto__":"x"}}')
    asked: list[str] = []
    answer = {"accept": False}
    page.on("dialog", lambda d: (asked.append(d.message), d.accept() if answer["accept"] else d.dismiss()))
    for f in hostile:
        imp.set_input_files(str(f))
        expect(status).to_contain_text("Import refused")
        expect(first).to_have_value("Mine, keep it")
    assert asked == []  # refused before asking
    assert page.evaluate("() => CourseStore.load('canvas').blocks")[block] == "Mine, keep it"
    good = canvas_file(tmp_path, "good.json", blocks={block: "<img src=x onerror=alert(1)>"})
    imp.set_input_files(str(good))
    expect(status).to_contain_text("cancelled")
    assert len(asked) == 1 and "Replace your canvas" in asked[0]
    expect(first).to_have_value("Mine, keep it")
    answer["accept"] = True
    imp.set_input_files(str(good))
    expect(status).to_contain_text("was imported")
    expect(first).to_have_value("<img src=x onerror=alert(1)>")
    assert page.locator("[data-canvas-tool] img, [data-canvas] img").count() == 0


def quota_full(page):
    page.evaluate("""() => { Storage.prototype.setItem = function () {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); }; }""")


def test_a_full_storage_is_said_not_hidden(page, mini_url):
    page.goto(mini_url + "alpha/first-lesson/")
    quota_full(page)
    q = page.locator('[data-question="tf"]')
    q.get_by_label("True").check()
    q.get_by_role("button", name="Check").click()
    alert = page.locator("[data-store-alert]")
    expect(alert).to_have_attribute("role", "alert")
    expect(alert).to_contain_text("could not be saved")
    expect(alert).to_contain_text("storage is full")
    btn = page.locator("[data-complete]")
    btn.click()
    status = btn.locator("xpath=..").locator("[role=status]")
    expect(status).to_contain_text("Not saved")
    expect(status).not_to_contain_text("Marked as not done")
    expect(btn).to_have_attribute("aria-pressed", "false")
    page.reload()
    # nothing the learner did after the storage filled up was kept (the visit was stored on load, before)
    assert set(storage(page)) <= {"mini:visit:v1"}, storage(page)


def test_roadmap_too_large_or_too_long_is_refused_with_a_message(page, mini_url):
    page.goto(mini_url + "tools/roadmap/")
    status = page.locator("[data-roadmap-status]")
    # 200 rows of 5 cells of 600 characters pass the shape check but are larger than the read limit
    page.evaluate("""() => { const add = document.querySelector('[data-roadmap-add]');
        for (let i = 1; i < 200; i++) add.click();
        document.querySelectorAll('[data-col]').forEach(t => t.value = 'x'.repeat(600));
        document.querySelector('[data-roadmap-rows]').dispatchEvent(new Event('input', {bubbles: true})); }""")
    expect(status).to_contain_text("Not saved")
    expect(status).to_contain_text("larger than")
    stored = page.evaluate("() => CourseStore.load('roadmap')")
    assert stored is None or len(json.dumps(stored)) < 512 * 1024
    assert page.locator("[data-roadmap-rows] tr").count() == 200
    page.locator("[data-roadmap-add]").click()
    expect(status).to_contain_text("200 rows, the most it can keep")
    assert page.locator("[data-roadmap-rows] tr").count() == 200
    # shortened again, it is saved again and survives a reload
    page.evaluate("""() => { document.querySelectorAll('[data-col="activity"]').forEach(t => t.value = 'short');
        document.querySelector('[data-roadmap-rows]').dispatchEvent(new Event('input', {bubbles: true})); }""")
    page.wait_for_function("() => CourseStore.load('roadmap') !== null", timeout=15000)
    expect(status).to_contain_text("kept in this browser again", timeout=15000)
    page.reload()
    assert page.locator("[data-roadmap-rows] tr").count() == 200


def test_unreadable_view_key_is_reset_and_view_trainer_still_works(page, mini_url):
    page.goto(mini_url)
    page.evaluate("() => localStorage.setItem('mini:view:v1', '{not json')")
    page.goto(mini_url + "alpha/first-lesson/?view=trainer")
    assert page.evaluate("() => document.documentElement.classList.contains('trainer-view')")
    assert storage(page)["mini:view:v1"] == {"v": 1, "data": {"trainer": True}}


GARBAGE = """() => { for (const [k, v] of [['/.__palette', '{oops'], ['/.__tabs', '"not a list"'], ['/.__announce', '{'],
    ['/.__consent', 'nul'], ['/.__palette2', '{x']]) localStorage.setItem(k, v); }"""


@pytest.mark.parametrize("palette", ['{oops', '{"index": 7, "color": {}}', '{"index": 0, "color": "abc"}',
                                     '{"index": 0, "color": {"media": "(prefers-color-scheme)"}}', '5'])
def test_garbage_in_the_theme_storage_is_reset_search_and_palette_work(browser, mini_url, palette):
    ctx = browser.new_context()
    ctx.add_init_script(f"""if (!sessionStorage.getItem('seeded')) {{ sessionStorage.setItem('seeded', '1');
        localStorage.setItem('/.__palette', {json.dumps(palette)}); localStorage.setItem('/.__tabs', '"x"');
        localStorage.setItem('/.__announce', '{{'); localStorage.setItem('/.__consent', 'nul'); }}""")
    pg = ctx.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    try:
        pg.goto(mini_url + "alpha/first-lesson/")
        now = pg.evaluate("() => localStorage.getItem('/.__palette')")
        assert now is None or json.loads(now)["index"] in (0, 1)  # the garbage is gone
        pg.locator("input[data-md-component=search-query]").click()
        pg.keyboard.type("lesson", delay=30)
        expect(pg.locator(".md-search-result__item").first).to_be_visible(timeout=10000)
        scheme = pg.evaluate("() => document.body.getAttribute('data-md-color-scheme')")
        pg.keyboard.press("Escape")  # close search, as a reader would, to reach the palette toggle
        pg.locator("form[data-md-component=palette] label:visible").first.click()
        assert pg.evaluate("() => document.body.getAttribute('data-md-color-scheme')") != scheme
        assert json.loads(pg.evaluate("() => localStorage.getItem('/.__palette')"))["index"] in (0, 1)
    finally:
        ctx.close()
    assert not errors, errors


def test_search_dialog_has_an_accessible_name(page, mini_url):
    page.goto(mini_url)
    assert page.locator('.md-search[role="dialog"]').get_attribute("aria-label") == "Search"


def test_progress_page_without_javascript_says_it_needs_javascript(browser, mini_url):
    ctx = browser.new_context(java_script_enabled=False)
    try:
        pg = ctx.new_page()
        pg.goto(mini_url + "progress/")
        text = pg.locator("[data-progress-summary]").inner_text()
        assert "needs JavaScript" in text and "Reading" not in text
    finally:
        ctx.close()


def add_learner(page, name):
    page.locator("[data-learners] .learners-toggle").click()
    page.get_by_label("New learner (a name or nickname)").fill(name)
    with page.expect_navigation():
        page.get_by_role("button", name="Add and switch").click()


def switch_to(page, label):
    page.locator("[data-learners] .learners-toggle").click()
    with page.expect_navigation():
        page.locator("[data-learners] [data-learner-use]", has_text=label).click()


def test_learners_on_a_shared_computer_keep_their_data_apart(page, mini_url, tmp_path):
    page.goto(mini_url + "alpha/first-lesson/")
    page.get_by_role("button", name="complete").click()
    before = storage(page)  # data from before learner profiles: the first learner's
    add_learner(page, "<img src=x onerror=alert(1)>Bo")
    expect(page.locator("[data-learner-current]")).to_have_text("<img src=x onerror=alert(1)>Bo")
    assert page.locator("[data-learners] img").count() == 0
    expect(page.locator("[data-complete]")).to_have_attribute("aria-pressed", "false")
    page.goto(mini_url + "alpha/second-lesson/")
    page.get_by_role("button", name="complete").click()
    page.goto(mini_url + "progress/")
    expect(page.locator('[data-module-progress="alpha"]')).to_have_attribute("data-done", "1")
    expect(page.locator("[data-progress-learner]")).to_contain_text("Bo")
    bo_export = export(page, tmp_path)
    assert list(bo_export["data"]["progress"]["done"]) == ["second-lesson"]
    # two clicks back to the first learner: their data is untouched
    switch_to(page, "Learner 1")
    expect(page.locator('[data-progress-lesson="first-lesson"]')).to_have_attribute("data-done", "true")
    expect(page.locator('[data-progress-lesson="second-lesson"]')).to_have_attribute("data-done", "false")
    # Bo forgets their data: only theirs goes
    switch_to(page, "Bo")
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Forget all my data").click()
    expect(page.locator('[data-module-progress="alpha"]')).to_have_attribute("data-done", "0")
    switch_to(page, "Learner 1")
    after = storage(page)
    for k, v in before.items():
        assert after[k] == v
    assert not [k for k in after if k.startswith("mini:@")]
    # the first learner removes Bo from the list
    page.locator("[data-learners] .learners-toggle").click()
    page.once("dialog", lambda d: d.accept())
    page.locator("[data-learners] [data-learner-remove]").nth(1).click()
    expect(page.locator("[data-learners] [data-learner-use]")).to_have_count(1)


def test_the_certificate_prints_on_exactly_one_page(page, mini_url):
    page.goto(mini_url)
    page.evaluate("""() => { const day = new Date().toISOString().slice(0, 10);
        CourseStore.save('progress', {done: {'first-lesson': day, 'second-lesson': day, 'nb-lesson': day}});
        CourseStore.save('quiz', {'first-lesson': Object.fromEntries(['pick-one', 'pick-many', 'tf', 'num', 'word', 'order', 'match']
            .map(q => [q, {a: null, r: 'correct'}]))}); }""")
    page.goto(mini_url + "progress/")
    field = page.get_by_label("Your name as it should appear")
    border = page.evaluate("e => getComputedStyle(e).borderTopWidth", field.element_handle())
    assert border != "0px"
    field.fill("Amina Diallo")
    page.get_by_role("button", name="Show my certificate").click()
    page.evaluate("() => { window.print = () => { window.__printed = true; }; }")
    page.get_by_role("button", name="Print the certificate").click()
    assert page.evaluate("() => window.__printed") is True
    pdf = page.pdf(format="A4")  # the print style sheet, as the browser would print it
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    assert pages == 1, pages
    text = page.evaluate("() => document.querySelector('body > .cert-print').innerText")
    assert "Amina Diallo" in text and "7 of 7 quiz questions" in text


@pytest.mark.parametrize("data,refusal", [
    ({"__proto__": {"x": 1}}, "does not know"),
    ({"constructor": {}}, "does not know"),
    ({"learners": {"current": "main", "list": [{"id": "main", "name": ""}]}}, "does not know"),
    ({"quiz": {"__proto__": {"q": {"a": 1, "r": "correct"}}}}, "wrong shape"),
    ({"quiz": {"first-lesson": {"tf": {"a": 1, "r": "<b>correct</b>"}}}}, "wrong shape"),
    ({"roadmap": {"rows": [{c: "x" * 1000 for c in ("activity", "owner", "timeline", "resources", "indicator")}] * 110}}, "wrong shape"),
    ({"canvas": {"title": "<script>alert(1)</script>", "blocks": {"status": 5}}}, "wrong shape"),
])
def test_hostile_imports_are_refused_and_change_nothing(page, mini_url, tmp_path, data, refusal):
    page.goto(mini_url + "alpha/first-lesson/")
    page.get_by_role("button", name="complete").click()
    page.goto(mini_url + "progress/")
    before = storage(page)
    f = tmp_path / "hostile.json"
    # json.dumps writes "__proto__" as a plain key, as a hostile file would
    f.write_text(json.dumps({"format": "digit4sd-learner-data", "version": 1, "course": "mini", "data": data}))
    import_file(page, f, "replace")
    status = page.locator("[data-import-status]")
    expect(status).to_contain_text("Import refused")
    expect(status).to_contain_text(refusal)
    assert storage(page) == before
    assert page.evaluate("() => ({}).x === undefined && ({}).q === undefined")


def test_an_export_of_an_older_version_is_migrated_on_import(page, mini_url, tmp_path):
    page.goto(mini_url + "progress/")
    f = tmp_path / "old.json"
    f.write_text(json.dumps({"format": "digit4sd-learner-data", "version": 1, "course": "mini",
                             "versions": {"progress": 0}, "data": {"progress": ["first-lesson", "nb-lesson"]}}))
    import_file(page, f)
    expect(page.locator("[data-import-status]")).to_contain_text("Import done")
    expect(page.locator('[data-module-progress="beta"]')).to_have_attribute("data-done", "1")
    newer = tmp_path / "newer.json"
    newer.write_text(json.dumps({"format": "digit4sd-learner-data", "version": 1, "course": "mini",
                                 "versions": {"progress": 9}, "data": {"progress": {"done": {}}}}))
    import_file(page, newer)
    expect(page.locator("[data-import-status]")).to_contain_text("newer version")
