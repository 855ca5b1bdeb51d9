"""The hosted course offline, once saved (issue 20): the service worker and the "save for offline
use" box, in real Chromium against the real course served like GitHub Pages.

Each test has its own browser context (service workers allowed, no page.route). "Offline" is
Playwright's set_offline *and* the server's own log: nothing may reach the server while offline,
so a page that opens came from the worker's cache."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from playwright.sync_api import expect

from conftest import make_real_project, run_build, serve
from test_accessibility import AXE
from wire import serve_like_pages

pytestmark = pytest.mark.browser

MODULE = "m1-why"
FILES = "course-files:"


@pytest.fixture(scope="module")
def hosted(site_dir):
    served = serve_like_pages(site_dir)
    yield served
    served.close()


@pytest.fixture
def context(browser):
    ctx = browser.new_context()  # service_workers="allow" is the default
    errors: list[str] = []
    ctx.errors = errors  # type: ignore[attr-defined]
    ctx.on("weberror", lambda e: errors.append(str(e.error)))
    yield ctx
    ctx.close()
    assert not errors, f"JavaScript errors: {errors}"


def manifest(site) -> dict:
    return json.loads((site / "offline-manifest.json").read_text(encoding="utf-8"))


def cached(page) -> dict[str, str]:
    """What the worker has cached: file (relative to the site root) -> content hash."""
    return page.evaluate("""async () => {
        const out = {};
        for (const name of await caches.keys()) {
            if (!name.startsWith('course-files:')) continue;
            const root = name.slice('course-files:'.length);
            for (const r of await (await caches.open(name)).keys()) {
                const [path, hash] = r.url.slice(root.length).split('?v=');
                const name = decodeURIComponent(path);
                out[name] = name in out ? 'two copies: ' + out[name] + ' ' + hash : hash;
            }
        }
        return out;
    }""")


def wait_cached(page, paths, timeout_s: float = 30) -> dict[str, str]:
    for _ in range(int(timeout_s * 10)):
        have = cached(page)
        if all(p in have for p in paths):
            return have
        page.wait_for_timeout(100)
    raise AssertionError(f"not cached: {[p for p in paths if p not in cached(page)]}")


def go_offline(context, page) -> None:
    """No connection, and no HTTP cache either (it would answer while its max-age lasts, as it
    does the day after only on a server that says so): what opens comes from the worker."""
    context.new_cdp_session(page).send("Network.clearBrowserCache")
    context.set_offline(True)


def box(page, group: str):
    return page.locator(f'[data-offline-box="{group}"]')


def save(page, group: str) -> None:
    b = box(page, group)
    button = b.locator("[data-save-offline]")
    expect(button).to_be_visible(timeout=20000)
    button.click()
    expect(b).to_have_attribute("data-offline-state", "saved", timeout=90000)


def lesson_urls(page, module: str) -> list[tuple[str, str, str]]:
    return page.evaluate("""(m) => COURSE_OUTLINE.modules.find(x => x.id === m).lessons
        .map(l => [l.id, l.url, l.title])""", module)


def test_saved_module_works_offline_search_quiz_and_progress(context, hosted, site_dir):
    page = context.new_page()
    page.goto(hosted.url + f"{MODULE}/")
    b = box(page, f"module:{MODULE}")
    button = b.locator("[data-save-offline]")
    expect(button).to_be_visible(timeout=20000)
    expect(button).to_have_text(re.compile(r"^Save this module for offline use \((\d+ KB|\d+\.\d MB)\)$"))  # what it will download
    expect(b).to_have_attribute("data-offline-state", "idle")
    button.click()
    expect(b).to_have_attribute("data-offline-state", "saved", timeout=90000)
    expect(b.locator('[role="status"][aria-live="polite"]')).to_contain_text("Saved for offline use")
    expect(b.locator("[data-remove-offline]")).to_be_visible()
    expect(button).to_be_hidden()
    group = manifest(site_dir)["groups"][f"module:{MODULE}"]
    have = cached(page)
    assert set(group) <= set(have), sorted(set(group) - set(have))
    assert "search/search_index.json" in group and any("workers/search." in p for p in group)

    lessons = lesson_urls(page, MODULE)
    go_offline(context, page)
    mark = hosted.mark()
    for lid, url, title in lessons:
        page.goto(hosted.url + url)
        expect(page.locator(f'[data-lesson="{lid}"]')).to_be_visible()
        expect(page.locator("h1").first).to_contain_text(title[:20])
    # search, lazy-loaded, from the saved index and worker
    page.goto(hosted.url + lessons[0][1])
    page.locator("body").press("/")
    query = page.locator('input[data-md-component="search-query"]')
    expect(query).to_be_focused()
    query.fill("toolkit")
    expect(page.locator(".md-search-result__item a").first).to_be_visible(timeout=30000)
    page.keyboard.press("Escape")
    # a quiz question and the completion button
    choice = '[data-question][data-qtype="single"], [data-question][data-qtype="true-false"]'
    for lid, url, _ in lessons:
        page.goto(hosted.url + url)
        if page.locator(choice).count():
            break
    q = page.locator(choice).first
    q.locator("input").first.check()
    q.locator("button[data-check]").click()
    expect(q).to_have_attribute("data-result", re.compile("^(correct|incorrect)$"))
    page.locator("[data-complete]").click()
    expect(page.locator("[data-complete]")).to_have_attribute("aria-pressed", "true")
    # The browser's own update check of the worker script is not bound by the emulated offline
    # state (Chromium fetches it outside the page); everything the pages needed came from the cache.
    reached = {p: n for p, n in hosted.since(mark).items() if p != "/sw.js"}
    assert reached == {}, f"reached the server while offline: {reached}"

    context.set_offline(False)
    page.goto(hosted.url + "progress/")
    expect(page.locator(f'[data-module-progress="{MODULE}"]')).to_have_attribute("data-done", "1")
    stored = page.evaluate("() => Object.values(localStorage).join(' ')")
    assert lid in stored


def test_a_page_opened_once_opens_offline(context, hosted):
    page = context.new_page()
    first, second = "m2-agenda/sdg-targets/", "m3-priorities/"
    start = len(hosted.requests)
    page.goto(hosted.url + first)  # the first page: loaded before the worker ran, handed to it
    wait_cached(page, [first + "index.html", "assets/course/course.css"])
    # a first visit downloads each file once: the worker takes the page's files from the HTTP
    # cache, and its install and the page's first message share one download of the manifest
    sent = hosted.requests[start:]
    assert sent.count("/offline-manifest.json") == 1, sent
    twice = sorted({p for p in sent if sent.count(p) > 1 and p != "/sw.js"})
    assert not twice, twice
    page.goto(hosted.url + second)  # the worker's now: kept on the way
    have = wait_cached(page, [second + "index.html"])
    assert "search/search_index.json" not in have  # only what was opened
    go_offline(context, page)
    mark = hosted.mark()
    for url in (first, second):
        page.goto(hosted.url + url)
        expect(page.locator("h1").first).to_be_visible()
        # with its styles: the course's stylesheet came from the cache too
        assert page.evaluate("() => [...document.styleSheets].some(s => (s.href || '').endsWith('course.css') && s.cssRules.length > 0)")
    assert hosted.since(mark) == {}, hosted.since(mark)
    # a page never opened is not there
    with pytest.raises(Exception):
        page.goto(hosted.url + "m4-implementation/")


def test_a_rebuild_replaces_only_what_changed(context, tmp_path, site_dir):
    live = tmp_path / "live"
    shutil.copytree(site_dir, live)
    server, url = serve(live)  # a plain server whose files can be swapped under it
    try:
        page = context.new_page()
        page.goto(url + f"{MODULE}/")
        save(page, f"module:{MODULE}")
        before = cached(page)
        old = manifest(live)

        # the same course again, with one lesson's text changed
        project = make_real_project(tmp_path / "b")
        lesson = project / "course" / MODULE / "why-digital-governance.md"
        lesson.write_text(lesson.read_text(encoding="utf-8") + "\n\nA sentence added in the rebuild.\n", encoding="utf-8")
        proc = run_build(project, tmp_path / "site-b")
        assert proc.returncode == 0, proc.stderr[-3000:]
        new = manifest(tmp_path / "site-b")
        assert new["version"] != old["version"]
        shutil.rmtree(live)
        shutil.copytree(tmp_path / "site-b", live)

        page.goto(url + f"{MODULE}/")  # the browser finds the new sw.js, which installs and takes over
        for _ in range(300):
            metas = page.evaluate("""async () => { const out = [];
                for (const n of await caches.keys()) if (n.startsWith('course-meta:'))
                    for (const r of await (await caches.open(n)).keys()) out.push(r.url);
                return out; }""")
            if any(new["version"] in m for m in metas) and not any(old["version"] in m for m in metas):
                break
            page.wait_for_timeout(100)
        else:
            raise AssertionError(f"the new worker did not take over: {metas}")
        after = cached(page)
        changed = {p for p in set(before) | set(after) if before.get(p) != after.get(p)}
        page_file = f"{MODULE}/why-digital-governance/index.html"
        assert changed == {page_file, "search/search_index.json"}, changed
        assert after[page_file] == new["files"][page_file][1]  # the new copy, under its new hash
        expect(box(page, f"module:{MODULE}")).to_have_attribute("data-offline-state", "saved")
        go_offline(context, page)
        page.goto(url + f"{MODULE}/why-digital-governance/")
        expect(page.locator(".md-content")).to_contain_text("A sentence added in the rebuild.")
    finally:
        server.shutdown()


def test_offline_edition_has_no_service_worker_nor_box(browser, offline_dir):
    assert not (offline_dir / "sw.js").exists() and not (offline_dir / "offline-manifest.json").exists()
    assert not list(offline_dir.rglob("sw.js"))
    for rel in ("index.html", f"{MODULE}/index.html", "paths/complete/index.html"):
        html = (offline_dir / rel).read_text(encoding="utf-8")
        assert "data-offline-box" not in html and 'name="course-sw"' not in html, rel
    served = serve_like_pages(offline_dir)  # even served over http, it registers nothing
    ctx = browser.new_context()
    try:
        page = ctx.new_page()
        page.goto((offline_dir / "index.html").as_uri())
        expect(page.locator("h1").first).to_be_visible()
        assert page.locator("[data-save-offline]").count() == 0
        page.goto(served.url + f"{MODULE}/index.html")
        page.wait_for_timeout(1500)
        assert page.evaluate("async () => (await navigator.serviceWorker.getRegistrations()).length") == 0
        assert page.locator("[data-save-offline]").count() == 0
    finally:
        ctx.close()
        served.close()


def test_the_box_is_hidden_without_javascript(browser, hosted):
    ctx = browser.new_context(java_script_enabled=False)
    try:
        page = ctx.new_page()
        for url, group in (("", "course"), (f"{MODULE}/", f"module:{MODULE}"), ("paths/senior-leaders/", "path:senior-leaders")):
            page.goto(hosted.url + url)
            assert box(page, group).count() == 1
            expect(box(page, group)).to_be_hidden()
    finally:
        ctx.close()


def axe_in_box(page, group: str) -> list[str]:
    page.add_script_tag(path=str(AXE))
    return page.evaluate("""async (sel) => (await axe.run({include: [sel]},
        {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}}))
        .violations.map(v => v.id + ': ' + v.help + ' ' + v.nodes.map(n => n.target.join(' ')).join(', '))""",
                         f'[data-offline-box="{group}"]')


def test_remove_empties_the_group_and_the_box_passes_axe(context, hosted, site_dir):
    group = "path:senior-leaders"
    files = manifest(site_dir)["groups"][group]
    page = context.new_page()
    page.goto(hosted.url + "paths/senior-leaders/")
    b = box(page, group)
    expect(b.locator("[data-save-offline]")).to_contain_text("Save this path for offline use (", timeout=20000)
    assert axe_in_box(page, group) == []
    # resumable: what is cached already (here: this page, opened) is not fetched again
    have = wait_cached(page, ["paths/senior-leaders/index.html", "assets/course/course.css"])
    mark = hosted.mark()
    b.locator("[data-save-offline]").click()
    expect(b).to_have_attribute("data-offline-state", "saved", timeout=90000)
    fetched = set(hosted.since(mark))
    assert "/paths/senior-leaders/index.html" not in fetched and "/assets/course/course.css" not in fetched, fetched
    assert len(fetched) == len([f for f in files if f not in have]), (fetched, files)
    assert set(files) <= set(cached(page))
    assert axe_in_box(page, group) == []
    remove = b.locator("[data-remove-offline]")
    expect(remove).to_be_visible()
    remove.click()
    expect(b).to_have_attribute("data-offline-state", "idle")
    expect(b.locator('[role="status"]')).to_contain_text("Removed")
    expect(b.locator("[data-save-offline]")).to_be_visible()
    left = cached(page)
    assert not set(files) & set(left), sorted(set(files) & set(left))


def test_an_interrupted_save_goes_on_from_what_is_stored(context, hosted):
    group = "module:m5-monitoring"
    page = context.new_page()
    page.goto(hosted.url + "m5-monitoring/")
    b = box(page, group)
    button = b.locator("[data-save-offline]")
    expect(button).to_contain_text(" MB)", timeout=20000)
    wait_cached(page, ["m5-monitoring/index.html"])
    context.set_offline(True)  # the connection goes while saving
    button.click()
    expect(b).to_have_attribute("data-offline-state", "error", timeout=30000)
    expect(b.locator('[role="status"]')).to_contain_text("press the button again")
    context.set_offline(False)
    mark = hosted.mark()
    button.click()
    expect(b).to_have_attribute("data-offline-state", "saved", timeout=90000)
    assert "/m5-monitoring/index.html" not in hosted.since(mark)  # stored before: not fetched again
