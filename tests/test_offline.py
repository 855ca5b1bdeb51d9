"""The offline edition of the real course, opened from disk (file://) with the network blocked:
every page loads with nothing leaving the folder and no console error, search answers, a quiz
keeps its answer across a reload, and the zip holds the same site with a read-me."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def _pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html")


def _blocking_context(browser, site: Path):
    """A context that aborts every request not for a file inside ``site`` and records it."""
    context = browser.new_context()
    root = site.resolve().as_uri().rstrip("/") + "/"
    leaks: list[str] = []

    def route(r):
        url = r.request.url
        if url.startswith(root) or url.startswith(("data:", "blob:", "about:")):
            r.continue_()
        else:
            leaks.append(url)
            r.abort()

    context.route("**/*", route)
    return context, leaks


def test_every_offline_page_loads_from_file_with_nothing_fetched_and_no_console_error(browser, offline_dir):
    pages = _pages(offline_dir)
    assert len(pages) > 40, f"the offline edition has only {len(pages)} pages"
    context, leaks = _blocking_context(browser, offline_dir)
    page = context.new_page()
    problems: list[str] = []
    current = {"url": ""}
    page.on("console", lambda m: problems.append(f"{current['url']}: console {m.type}: {m.text}")
            if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"{current['url']}: {e}"))
    # A request cut short by the next navigation (the favicon, say) fails with ERR_ABORTED; any
    # other failure (a missing file: ERR_FILE_NOT_FOUND) is a problem.
    page.on("requestfailed", lambda r: problems.append(f"{current['url']}: failed request {r.url} ({r.failure})")
            if "ERR_ABORTED" not in (r.failure or "") else None)
    try:
        for p in pages:
            current["url"] = p.relative_to(offline_dir).as_posix()
            page.goto(p.as_uri(), wait_until="load")
            assert page.locator("article, .md-content").count() > 0, current["url"]
    finally:
        context.close()
    assert leaks == [], f"requests left the folder: {sorted(set(leaks))[:10]}"
    assert problems == []


def test_offline_search_returns_results_from_file(browser, offline_dir):
    context, leaks = _blocking_context(browser, offline_dir)
    page = context.new_page()
    try:
        page.goto((offline_dir / "index.html").as_uri())
        box = page.locator("input[data-md-component=search-query]")
        box.click()
        page.keyboard.type("EGDI", delay=30)
        results = page.locator(".md-search-result__item")
        results.first.wait_for(timeout=10_000)
        assert results.count() >= 3
        assert "EGDI" in page.locator(".md-search-result").inner_text()
        # A result is a relative link to an .html file in the folder.
        href = page.locator(".md-search-result__link").first.get_attribute("href")
        assert href and href.startswith("file://") and ".html" in href
    finally:
        context.close()
    assert leaks == []


def test_offline_quiz_checks_and_keeps_its_answer_across_a_reload(browser, offline_dir):
    lesson = offline_dir / "m2-agenda" / "egov-survey.html"
    context, leaks = _blocking_context(browser, offline_dir)
    page = context.new_page()
    try:
        page.goto(lesson.as_uri())
        q = page.locator('[data-question][data-qtype="true-false"], [data-question][data-qtype="single"]').first
        qid = q.get_attribute("data-question")
        q.locator("input[type=radio]").first.check()
        q.get_by_role("button", name="Check").click()
        result = q.get_attribute("data-result")
        assert result in ("correct", "incorrect")
        expect(q.locator('[role="status"], [aria-live]').first).to_have_text(re.compile(r"\S"))
        page.reload()
        again = page.locator(f'[data-question="{qid}"]')
        assert again.get_attribute("data-result") == result
        assert again.locator("input[type=radio]").first.is_checked()
    finally:
        context.close()
    assert leaks == []


def test_offline_zip_holds_the_site_and_a_readme(offline_build):
    site, zip_path = offline_build
    assert zip_path.is_file()
    with zipfile.ZipFile(zip_path) as zf:
        names = zf.namelist()
        top = {n.split("/", 1)[0] for n in names}
        assert len(top) == 1, f"the zip must hold one folder, found {top}"
        folder = top.pop()
        readme = zf.read(f"{folder}/README.txt").decode("utf-8")
        assert "index.html" in readme
        inside = {n.split("/", 1)[1] for n in names} - {"README.txt"}
    on_disk = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    assert inside == on_disk
    assert zip_path.stat().st_size <= 5 * 1024 * 1024, "the offline zip is over its 5 MB budget"


def _print_texts(q) -> list[str]:
    """The texts a printed question shows, as the print form renders them."""
    from markupsafe import escape

    from coursekit.html import md_inline

    texts = [md_inline(q.prompt)]
    texts += [md_inline(o.text) for o in getattr(q, "options", None) or ()]
    texts += [md_inline(x) for x in getattr(q, "items", None) or ()]
    for pair in getattr(q, "pairs", None) or ():
        texts += [md_inline(pair.left), str(escape(pair.right))]  # plain text in a template: autoescaped
    if q.type == "fill-blank":
        texts += [str(s) for s in q.segments() if s.strip()]
    return texts


def test_handouts_hold_quizzes_in_their_print_form(offline_dir, real_course):
    """A printed quiz is its questions and their options with a box to tick: no inputs, ids,
    answer key, feedback, check buttons or live regions, and no text of the quiz missing."""
    course, _ = real_course
    quizzes_seen: set[str] = set()
    for page in sorted((offline_dir / "handouts").glob("*.html")):
        html = page.read_text(encoding="utf-8")
        assert "data-quiz=" not in html and "data-check" not in html and "data-handout-key" not in html, page.name
        for m in re.finditer(r'<section class="quiz quiz--print" data-print-quiz="([^"]+)">(.*?)</section>', html, re.S):
            quiz, body = course.quiz(m.group(1)), m.group(2)
            quizzes_seen.add(quiz.id)
            for interactive in ("<input", "<select", "<button", "<fieldset", "data-key", "data-feedback",
                                'role="status"', "aria-live", " id="):
                assert interactive not in body, f"{page.name}: quiz {quiz.id} has {interactive}"
            assert body.count('<li class="quiz-print-q">') == len(quiz.questions), f"{page.name}: {quiz.id}"
            for q in quiz.questions:
                for text in _print_texts(q):
                    assert text in body, f"{page.name}: quiz {quiz.id}, question {q.id} lost {text!r}"
    placed = {ref.quiz_id for lesson in course.lessons for ref in lesson.quiz_refs}
    assert placed and placed <= quizzes_seen, f"lesson quizzes missing from every handout: {placed - quizzes_seen}"


def test_handout_figures_are_shared_files_with_the_same_accessible_name(offline_dir):
    from xml.etree import ElementTree

    seen = 0
    for page in sorted((offline_dir / "handouts").glob("*.html")):
        html = page.read_text(encoding="utf-8")
        assert '<svg role="img"' not in html and not re.search(r'<svg\b[^>]*role="img"', html), page.name
        for img in re.finditer(r'<img class="handout-figure" src="([^"]+)" alt="([^"]+)"', html):
            target = (page.parent / img.group(1)).resolve()
            assert target.is_file() and target.suffix == ".svg", f"{page.name}: {img.group(1)}"
            assert ElementTree.parse(target).getroot().tag == "{http://www.w3.org/2000/svg}svg"
            seen += 1
    assert seen, "no figure in any handout"
    lesson = (offline_dir / "m1-why/toolkit-and-course.html").read_text(encoding="utf-8")
    handout = (offline_dir / "handouts/m1-why.html").read_text(encoding="utf-8")
    title = re.search(r"<title[^>]*>([^<]+)</title>", lesson[lesson.index('<svg viewBox'):]).group(1)
    assert f'alt="{title} ' in handout, "a figure's image lost its title"


def test_nothing_a_reader_never_uses_is_shipped(offline_dir, site_dir):
    for site in (offline_dir, site_dir):
        assert not list(site.rglob("*.map")), "source maps are shipped"
        assert not (site / "assets/javascripts/lunr").exists(), "search language packs are shipped"
        for js in (site / "assets/javascripts").rglob("*.js"):
            assert b"sourceMappingURL" not in js.read_bytes()[-300:], js
        html = (site / "index.html").read_text(encoding="utf-8")
        assert "unpkg.com" not in html and "fonts.googleapis" not in html


def test_a_hosted_build_publishes_the_zip_with_its_size(tmp_path, mini_project):
    from conftest import run_build

    zip_path = tmp_path / "mini.zip"
    off = run_build(mini_project, tmp_path / "off", {"OFFLINE": "true", "OFFLINE_ZIP": str(zip_path)})
    assert off.returncode == 0, off.stderr
    host = run_build(mini_project, tmp_path / "host", {"OFFLINE_ZIP": str(zip_path)})
    assert host.returncode == 0, host.stderr
    assert (tmp_path / "host/downloads/mini.zip").read_bytes() == zip_path.read_bytes()
    page = (tmp_path / "host/download/index.html").read_text(encoding="utf-8")
    assert 'href="../downloads/mini.zip"' in page
    assert f"{zip_path.stat().st_size:,} bytes" in page


def test_publishing_a_missing_zip_fails_clearly(tmp_path, mini_project):
    from conftest import fails_cleanly, run_build

    proc = run_build(mini_project, tmp_path / "host", {"OFFLINE_ZIP": str(tmp_path / "nope.zip")})
    fails_cleanly(proc, "OFFLINE_ZIP", "nope.zip", "OFFLINE=true")


def test_pages_carry_only_what_their_kind_uses(site_dir, offline_dir):
    """The navigation lists the lessons of the page's own module only; quiz styles come only with
    a quiz, notebook styles only with a notebook (and on handouts); the course's scripts and
    styles are shipped without comments."""
    for site in (site_dir, offline_dir):
        ext = "index.html" if site == site_dir else ""
        lesson = site / ("m2-agenda/sdg-targets/index.html" if ext else "m2-agenda/sdg-targets.html")
        html = lesson.read_text(encoding="utf-8")
        nav = html[html.index('<nav class="md-nav md-nav--primary"'):html.index('<div class="md-content"')]
        # its own module's lessons are listed; another module's are not, but the module is
        assert re.search(r'href="[^"]*core-con[^"]*"', nav), "the page's own module lost its lessons in the navigation"
        assert not re.search(r'href="(\.\./)+m1-why/toolkit-and-course[/.]', nav), "another module's lessons are in the navigation"
        assert re.search(r'href="(\.\./)+m1-why/(index\.html)?"', nav), "another module's link went from the navigation"
        assert nav.count('data-md-level="1"') == 1
        # every section stays reachable: one without a page of its own links to its first page
        for section in re.findall(r'<li class="md-nav__item md-nav__item--section">(.*?)</li>', nav, flags=re.S):
            assert re.search(r'<a href="[^"]+"', section), f"a navigation section leads nowhere: {section[:200]}"
        assert "quiz.css" in html and "notebook.css" not in html
        home = (site / "index.html").read_text(encoding="utf-8")
        assert "quiz.css" not in home and "notebook.css" not in home and "course.css" in home
        notebook = next(p for p in site.rglob("*.html") if 'class="nb-code"' in p.read_text(encoding="utf-8")
                        and "handouts" not in p.parts)
        assert "course.css" in notebook.read_text(encoding="utf-8"), notebook
        assert not (site / "assets/course/notebook.css").exists()  # joined into course.css
        sources = Path(__file__).resolve().parents[1] / "docs/assets/course"
        for name, parts in (("course.css", ["course.css", "notebook.css"]), ("quiz.css", ["quiz.css"]),
                            ("course-head.js", ["store.js", "head.js", "search-on-demand.js"]),
                            ("course.js", ["core.js", "quiz.js", "paths.js", "progress.js", "trainer.js", "layout.js",
                                           "offline-save.js"])):
            shipped = (site / "assets/course" / name).read_text(encoding="utf-8")
            if name == "course.css":  # the theme's icons, appended at build (release.Icons), come last
                assert ".ci{" in shipped
                shipped = shipped[:shipped.index(".ci{")]
            if name == "course.js":  # the generated outline (data, no comments) comes first
                assert shipped.startswith("window.COURSE_OUTLINE=")
                shipped = shipped[shipped.index("(function"):]
            if name == "course-head.js":  # and the generated interface strings (coursekit/jsstrings.py)
                assert shipped.startswith("window.CourseStrings=")
                shipped = shipped[shipped.index("(function"):]
            source = "".join((sources / p).read_text(encoding="utf-8") for p in parts)
            assert len(shipped) < 0.85 * len(source) and "\n * " not in shipped, f"{name} is shipped with its comments"
        # The page scripts reach readers joined: a lesson names two course scripts, not eleven,
        # and the parts are not shipped alone.
        # (the offline edition's Worker shim for file:// aside)
        scripts = [s for s in re.findall(r'<script src="[^"]*assets/course/([^"]+)"', html) if s != "iframe-worker-shim.js"]
        assert scripts == ["course-head.js", "course.js"], scripts
        for part in ("strings.js", "store.js", "core.js", "quiz.js", "trainer.js", "outline.js"):
            assert not (site / "assets/course" / part).exists(), f"{part} is shipped alone as well as joined"


def test_lesson_pager_follows_the_reading_order_and_is_the_only_one(site_dir, real_course):
    """A module's first lesson leads back to its overview, its last lesson on to its quiz; the
    theme's footer no longer repeats the pager on lessons (other pages keep it)."""
    course, _ = real_course
    for module in course.modules:
        first, last = module.lessons[0], module.lessons[-1]
        for lesson, rel, target in ((first, "prev", f"{module.id}/"), (last, "next", f"{module.id}/quiz/")):
            if rel == "next" and not module.quiz:
                continue
            stem = lesson.src_uri.rsplit(".", 1)[0]
            html = (site_dir / stem / "index.html").read_text(encoding="utf-8")
            pager = re.search(r'<nav class="lesson-pager".*?</nav>', html, re.S).group(0)
            link = re.search(rf'<a class="lesson-{rel}" rel="{rel}" href="([^"]+)"', pager)
            assert link and link.group(1).endswith(target), (lesson.id, rel, pager)
            assert "md-footer__link" not in html, f"{lesson.id}: two pagers"
    overview = (site_dir / course.modules[0].id / "index.html").read_text(encoding="utf-8")
    assert "md-footer__link" in overview


def test_a_path_of_whole_modules_lists_their_handouts_instead_of_printing_them_again(offline_dir, real_course):
    """The complete course's handout is its six module handouts, linked in order, in the same
    form; no lesson is printed in it a second time."""
    course, _ = real_course
    for form, suffix in (("full", ""), ("short", "-short")):
        html = (offline_dir / f"handouts/path-complete{suffix}.html").read_text(encoding="utf-8")
        assert "handout-lesson" not in html
        links = re.findall(r'<ol class="handout-parts">(.*?)</ol>', html, re.S)[0]
        hrefs = re.findall(r'href="\.\./handouts/([^"]+)"', links)
        assert hrefs == [f"{m.id}{suffix}.html" for m in course.modules], hrefs
        for h in hrefs:
            assert "handout-lesson" in (offline_dir / "handouts" / h).read_text(encoding="utf-8")
    # a path that is not whole modules still prints its lessons
    assert "handout-lesson" in (offline_dir / "handouts/path-senior-leaders.html").read_text(encoding="utf-8")
