"""The course in several languages (issue 17): the language layout of the hosted site, the
language of every page, the switcher, quizzes and progress in French and Arabic, right to left,
accessibility per page kind, the French offline zip from file:// with search, and the build's
checks on translations (structure, stale versions, catalogue keys)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml
from playwright.sync_api import expect

from conftest import LANGUAGE_DIRS, REPO, fails_cleanly, make_project, make_real_project, run_build, serve
from test_accessibility import axe_violations

from coursekit import translations

HTML_TAG = re.compile(r"<html\b[^>]*>")
LANG_LINK = re.compile(r'<a href="([^"]*)" hreflang="([\w-]+)" lang="[\w-]+" data-lang-link="([\w-]+)"')
# the languages the platform has an interface catalogue for; the tests build the real course in
# all of them (whatever course/course.yml switches on), with the translations the course has
OTHER = [x for x in ("fr", "ar") if (REPO / "hooks" / "coursekit" / "locales" / f"{x}.yml").is_file()]
LANGUAGES = ["en", *OTHER]

needs_languages = pytest.mark.skipif(not OTHER, reason="no interface catalogue but English")


def with_languages(proj: Path, languages: list[str]) -> Path:
    manifest = proj / "course" / "course.yml"
    text = re.sub(r"^languages:.*\n", "", manifest.read_text(encoding="utf-8"), flags=re.M)
    manifest.write_text(text + f"languages: [{', '.join(languages)}]\n", encoding="utf-8")
    return proj


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory):
    """The real course's hosted site in every language (overrides conftest's English one here)."""
    tmp = tmp_path_factory.mktemp("languages")
    proj = with_languages(make_real_project(tmp), LANGUAGES)
    proc = run_build(proj, tmp / "site")
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return tmp / "site"


@pytest.fixture(scope="session")
def site_url(site_dir):
    server, url = serve(site_dir)
    yield url
    server.shutdown()


def language_of(site: Path, page: Path) -> str:
    top = page.relative_to(site).parts[0]
    return top if top in LANGUAGE_DIRS else "en"


def page_path(site: Path, page: Path) -> str:
    """The page's path inside its own language's site (the same in every language)."""
    rel = page.relative_to(site).as_posix()
    top = rel.split("/", 1)[0]
    return rel.split("/", 1)[1] if top in LANGUAGE_DIRS and "/" in rel else rel


def translated_lessons(language: str) -> list[tuple[str, str]]:
    """(module folder, lesson id) of every lesson translated into ``language``."""
    root = REPO / "course" / language
    return sorted((p.parent.name, p.stem) for p in root.glob("*/*.md") if p.parent.name != "glossary") \
        + sorted((p.parent.name, p.stem) for p in root.glob("*/*.ipynb"))


def sample_lessons(language: str) -> list[tuple[str, str]]:
    """Lessons to try in ``language``: its translated ones, else module 1's (shown in English)."""
    return translated_lessons(language) or [("m1-why", "toolkit-and-course"), ("m1-why", "why-digital-governance")]


# ----------------------------------------------------------------------------- the built site

@needs_languages
def test_every_language_is_built_under_its_code_with_the_same_pages(site_dir):
    english = {page_path(site_dir, p) for p in site_dir.rglob("*.html") if language_of(site_dir, p) == "en"}
    for code in OTHER:
        other = {page_path(site_dir, p) for p in (site_dir / code).rglob("*.html")}
        assert other == english, f"{code}/ lacks {sorted(english - other)[:5]}, has extra {sorted(other - english)[:5]}"


@needs_languages
def test_every_page_says_its_language_and_direction(site_dir):
    wrong = []
    for p in site_dir.rglob("*.html"):
        code = language_of(site_dir, p)
        tag = HTML_TAG.search(p.read_text(encoding="utf-8")).group(0)
        want_dir = 'dir="rtl"' if code == "ar" else None
        if f'lang="{code}"' not in tag or (want_dir and want_dir not in tag) or (not want_dir and "rtl" in tag):
            wrong.append(f"{p.relative_to(site_dir)}: {tag}")
    assert wrong == []


@needs_languages
def test_the_switcher_on_every_page_leads_to_the_same_page_in_each_other_language(site_dir):
    problems = []
    for p in site_dir.rglob("*.html"):
        rel = p.relative_to(site_dir).as_posix()
        if rel == "404.html" or rel.endswith("/404.html"):
            continue  # served at any address: its links are absolute to the site
        html = p.read_text(encoding="utf-8")
        links = {code: href for href, hreflang, code in LANG_LINK.findall(html) if hreflang == code}
        here = language_of(site_dir, p)
        if set(links) != set(LANGUAGES) - {here}:
            problems.append(f"{rel}: switcher links to {sorted(links)}")
            continue
        for code, href in links.items():
            target = urljoin("http://x/" + rel, href).removeprefix("http://x/")
            target = target + "index.html" if target.endswith("/") or not target else target
            want = page_path(site_dir, p) if code == "en" else f"{code}/{page_path(site_dir, p)}"
            if target != want or not (site_dir / target).is_file():
                problems.append(f"{rel}: the {code} link {href} leads to {target}, not {want}")
        if f'hreflang="{here}"' not in html:
            problems.append(f"{rel}: no <link rel=alternate hreflang> for its own language")
    assert problems == []


@needs_languages
@pytest.mark.parametrize("code", OTHER)
def test_translated_lessons_are_in_their_language_and_the_others_say_they_are_english(site_dir, code):
    done = set(translated_lessons(code))
    for module, lesson in [(m, l) for m, l in sorted(done)]:
        html = (site_dir / code / module / lesson / "index.html").read_text(encoding="utf-8")
        assert 'data-lang-notice="untranslated"' not in html, f"{code}/{module}/{lesson}"
        assert 'data-lang-notice="stale"' not in html, f"{code}/{module}/{lesson} is stale: re-stamp it"
    english_only = [p for p in (REPO / "course").glob("m*/*.md") if (p.parent.name, p.stem) not in done]
    for src in english_only[:6]:
        html = (site_dir / code / src.parent.name / src.stem / "index.html").read_text(encoding="utf-8")
        assert 'data-lang-notice="untranslated"' in html, f"{code}/{src.parent.name}/{src.stem}"
        assert '<div lang="en" dir="ltr"' in html


def _heading_ids(html: str) -> list[str]:
    article = html[html.index("<article"):html.index("</article>")]
    return re.findall(r'<h[2-6][^>]*\bid="([^"]+)"', article)


@needs_languages
@pytest.mark.parametrize("code", OTHER)
def test_a_translated_page_keeps_its_source_s_heading_ids_and_shows_none_as_text(site_dir, code):
    """Links to a section (#id) work in every language: a translated lesson, Markdown or
    notebook, has the headings of its English page with the same ids, and no "{#id}" shows."""
    checked = 0
    for module, lesson in translated_lessons(code):
        en = (site_dir / module / lesson / "index.html").read_text(encoding="utf-8")
        tr = (site_dir / code / module / lesson / "index.html").read_text(encoding="utf-8")
        assert _heading_ids(tr) == _heading_ids(en), f"{code}/{module}/{lesson}"
        assert not re.search(r"<h[1-6][^>]*>[^<]*\{#", tr), f"{code}/{module}/{lesson} shows a {{#id}}"
        checked += 1
    assert checked >= 4


def test_a_notebook_heading_s_explicit_id_becomes_its_id():
    from coursekit.notebooks.lighten import explicit_heading_ids

    html = ('<h2 id="de-quoi-parle-ce-notebook-what-this">De quoi parle <em>ce</em> notebook {#what-this}'
            '<a class="anchor-link" href="#de-quoi-parle-ce-notebook-what-this">¶</a></h2><p>Texte {#pas-un-titre}</p>')
    assert explicit_heading_ids(html) == ('<h2 id="what-this">De quoi parle <em>ce</em> notebook'
                                          '<a class="anchor-link" href="#what-this">¶</a></h2><p>Texte {#pas-un-titre}</p>')


@needs_languages
@pytest.mark.parametrize("code", OTHER)
def test_the_terminology_file_is_followed(code):
    """Each term of course/<code>/terms.yml that a translated source's English uses has one of
    its translations in the translated source."""
    terms = translations.load_terms(REPO / "course" / code / "terms.yml")
    missing = []
    for module, lesson in translated_lessons(code):
        for suffix in (".md", ".ipynb"):
            src, dst = REPO / "course" / module / (lesson + suffix), REPO / "course" / code / module / (lesson + suffix)
            if dst.is_file():
                for term in translations.missing_terms(terms, translations.term_text(src), translations.term_text(dst)):
                    missing.append(f"course/{code}/{module}/{lesson}{suffix}: {term}")
    assert missing == []


@needs_languages
def test_the_translation_page_lists_every_language_and_lesson_state(site_dir):
    html = (site_dir / "translations" / "index.html").read_text(encoding="utf-8")
    for code in OTHER:
        assert f'data-translation-summary="{code}"' in html
    assert html.count('data-translation="current"') >= sum(len(translated_lessons(c)) for c in OTHER)
    assert 'data-translation="missing"' in html or all(translated_lessons(c) for c in OTHER)


# ----------------------------------------------------------------------------- in the browser

def answer_first_single_question(page):
    """Answer the first single-choice question of the page right, by the quiz's own key."""
    question = page.locator('[data-question][data-qtype="single"]').first
    qid = question.get_attribute("data-question")
    quiz = page.locator("section.quiz[data-quiz]").first.get_attribute("data-quiz")
    data = yaml.safe_load((REPO / "quizzes" / f"{quiz}.yml").read_text(encoding="utf-8"))
    options = next(q for q in data["questions"] if q["id"] == qid)["options"]
    right = next(i for i, o in enumerate(options) if o.get("correct"))
    question.locator(f'input[type=radio][value="{right}"]').check()  # options are shown shuffled
    question.locator("[data-check]").click()
    expect(question).to_have_attribute("data-result", "correct")
    return question


VERDICT = {"fr": "Bonne réponse.", "ar": "إجابة صحيحة."}


@needs_languages
@pytest.mark.parametrize("code", OTHER)
def test_a_quiz_checks_with_feedback_in_the_language(page, site_url, code):
    module, lesson = sample_lessons(code)[0]
    page.goto(f"{site_url}{code}/{module}/{lesson}/")
    question = answer_first_single_question(page)
    expect(question.locator("[data-feedback]")).to_contain_text(VERDICT[code])


@needs_languages
@pytest.mark.parametrize("code", OTHER)
def test_progress_belongs_to_the_learner_not_to_the_language(page, site_url, code):
    module, lesson = sample_lessons(code)[0]
    page.goto(f"{site_url}{module}/{lesson}/")  # completed in English
    page.locator("[data-complete]").click()
    expect(page.locator("[data-complete]")).to_have_attribute("aria-pressed", "true")
    page.goto(f"{site_url}{code}/progress/")
    expect(page.locator(f'[data-module-progress="{module}"]')).to_have_attribute("data-done", "1")
    page.goto(f"{site_url}{code}/{module}/{lesson}/")
    expect(page.locator("[data-complete]")).to_have_attribute("aria-pressed", "true")
    other_module, other_lesson = sample_lessons(code)[1]
    page.goto(f"{site_url}{code}/{other_module}/{other_lesson}/")  # and one in the language
    page.locator("[data-complete]").click()
    expect(page.locator("[data-complete]")).to_have_attribute("aria-pressed", "true")
    page.goto(f"{site_url}progress/")
    done = page.locator(f'[data-module-progress="{module}"]').get_attribute("data-done")
    assert int(done) == (2 if other_module == module else 1)


@needs_languages
def test_the_switcher_lands_on_the_same_page(page, site_url):
    module, lesson = sample_lessons(OTHER[0])[0]
    page.goto(f"{site_url}{module}/{lesson}/")
    for code in OTHER:
        page.locator(f'[data-lang-link="{code}"]').first.click()
        expect(page).to_have_url(re.compile(rf"/{code}/{module}/{lesson}/$"))
        assert page.locator("html").get_attribute("lang") == code
    page.locator('[data-lang-link="en"]').first.click()
    expect(page).to_have_url(re.compile(rf"/(?<!fr/)(?<!ar/){module}/{lesson}/$"))
    assert page.locator("html").get_attribute("lang") == "en"


RTL_PAGES = ["", "m1-why/toolkit-and-course/", "m1-why/quiz/", "progress/", "paths/", "glossary/",
             "tools/roadmap/", "tools/canvas/", "paths/workshop-two-day/agenda/"]


@pytest.mark.skipif("ar" not in OTHER, reason="Arabic is not built")
@pytest.mark.parametrize("path", RTL_PAGES)
def test_arabic_pages_read_right_to_left_without_sideways_scrolling_on_a_phone(browser, site_url, path):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    try:
        page.goto(f"{site_url}ar/{path}")
        assert page.evaluate("getComputedStyle(document.querySelector('.md-content')).direction") == "rtl"
        over = page.evaluate("document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth")
        assert over <= 0, f"ar/{path} scrolls sideways by {over} px at 360 px"
        # the article starts at the right: its first paragraph's right edge near the column's
        box = page.evaluate("""() => { const p = document.querySelector('.md-content p');
            const c = document.querySelector('.md-content').getBoundingClientRect();
            if (!p) return null; const r = p.getBoundingClientRect(); return [c.right - r.right, r.left - c.left]; }""")
        if box:
            assert box[0] <= box[1] + 1, f"ar/{path}: the text is laid out from the left"
    finally:
        context.close()


@pytest.mark.skipif("ar" not in OTHER, reason="Arabic is not built")
def test_arabic_ordering_and_matching_questions_work_with_the_keyboard(page, site_url):
    page.goto(f"{site_url}ar/m1-why/quiz/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    ordering = page.locator('[data-question][data-qtype="ordering"]')
    matching = page.locator('[data-question][data-qtype="matching"]')
    assert ordering.count() + matching.count() >= 1
    if ordering.count():
        first = ordering.first
        items = first.locator("[data-item]")
        before = items.nth(1).inner_text()
        items.nth(1).locator("[data-move='-1']").press("Enter")
        assert items.nth(0).inner_text() == before
        first.locator("[data-check]").click()
        expect(first).to_have_attribute("data-result", re.compile("correct|incorrect"))
    if matching.count():
        first = matching.first
        selects = first.locator("select")
        for i in range(selects.count()):
            selects.nth(i).select_option(index=i + 1)
        first.locator("[data-check]").click()
        expect(first).to_have_attribute("data-result", re.compile("correct|incorrect"))
        expect(first.locator("[data-feedback]")).to_have_text(re.compile(r"[\u0600-\u06FF]"))


AXE_KINDS = {"home": "", "lesson": "m1-why/toolkit-and-course/", "untranslated lesson": "m4-implementation/",
             "module quiz": "m1-why/quiz/", "progress": "progress/", "path": "paths/senior-leaders/",
             "glossary": "glossary/", "canvas": "tools/canvas/", "translations": "translations/"}


@needs_languages
@pytest.mark.parametrize("code", OTHER)
@pytest.mark.parametrize("kind", sorted(AXE_KINDS))
def test_no_serious_axe_findings_in_each_language(page, site_url, code, kind):
    assert axe_violations(page, f"{site_url}{code}/{AXE_KINDS[kind]}", every_best_practice=False) == []


def search(page, words: str) -> int:
    """Type ``words`` into the theme's search box; the number of results shown."""
    box = page.locator("input[data-md-component=search-query]")
    box.click()
    box.press_sequentially(words, delay=30)
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=15_000)
    return results.count()


@needs_languages
def test_search_answers_in_french(page, site_url):
    page.goto(f"{site_url}fr/")
    assert search(page, "administration") >= 2
    assert all("/fr/" in (a.get_attribute("href") or "") for a in page.locator(".md-search-result__link").all()[:5])


# ----------------------------------------------------------------------------- the French zip

@pytest.fixture(scope="module")
def french_offline(tmp_path_factory):
    out = tmp_path_factory.mktemp("fr-offline")
    zip_path = out / "digit4sd-fr.zip"
    proj = with_languages(make_real_project(out), ["en", "fr"])
    proc = run_build(proj, out / "site", {"COURSE_LANGUAGE": "fr", "OFFLINE": "true", "OFFLINE_ZIP": str(zip_path)})
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    folder = out / "unzipped"
    with zipfile.ZipFile(zip_path) as z:
        z.extractall(folder)
    roots = [p.parent for p in folder.rglob("index.html") if not (p.parent.parent / "index.html").exists() or p.parent == folder]
    return min(roots, key=lambda p: len(p.parts)), zip_path


@pytest.mark.skipif("fr" not in OTHER, reason="French is not built")
def test_the_french_offline_zip_works_from_file_with_search(browser, french_offline):
    root, zip_path = french_offline
    assert not (root / "fr").exists(), "a one-language edition holds no other language"
    assert not (root / "assets/javascripts/lunr/min/lunr.de.min.js").exists(), "other languages' search packs are shipped"
    context = browser.new_context()
    context.route(re.compile(r"^(?!file:).*"), lambda route: route.abort())
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        page.goto((root / "index.html").as_uri())
        assert page.locator("html").get_attribute("lang") == "fr"
        assert search(page, "administration") >= 2
        href = page.locator(".md-search-result__link").first.get_attribute("href")
        assert href and href.startswith("file://") and ".html" in href
        page.goto((root / "m1-why" / "toolkit-and-course.html").as_uri())
        expect(page.locator("[data-complete]")).to_be_visible()
        question = answer_first_single_question(page)
        expect(question.locator("[data-feedback]")).to_contain_text(VERDICT["fr"])
    finally:
        context.close()
    assert errors == []


# ----------------------------------------------------------------------------- the build's checks

FR_LESSON = """---
title: La deuxième leçon
minutes: 30
objectives:
  - Nommer deux choses
  - Nommer une troisième chose
keypoints:
  - Une chose.
  - Une autre chose.
prerequisites: [first-lesson]
{stamp}---

## Première section {{#section-one}}

Du texte simple avec un [lien vers la première leçon](first-lesson.md).

!!! activity "À vous : nommez trois choses"
    Notez trois choses que vous utilisez chaque jour.

    ??? answer "Un modèle de réponse"
        Un téléphone, un stylo et un ticket de bus.
"""


def french_mini(tmp_path: Path, lesson: str | None = None, stamp: str | None = None) -> Path:
    proj = make_project(tmp_path)
    manifest = proj / "course" / "course.yml"
    manifest.write_text(manifest.read_text(encoding="utf-8") + "languages: [en, fr]\n", encoding="utf-8")
    english = proj / "course" / "alpha" / "second-lesson.md"
    version = stamp if stamp is not None else translations.source_version(english)
    target = proj / "course" / "fr" / "alpha" / "second-lesson.md"
    target.parent.mkdir(parents=True)
    target.write_text((lesson or FR_LESSON).format(stamp=f'translation_of: "{version}"\n'), encoding="utf-8")
    return proj


def test_a_french_mini_course_builds_both_languages(tmp_path):
    proj = french_mini(tmp_path)
    proc = run_build(proj, tmp_path / "site")
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    html = (tmp_path / "site" / "fr" / "alpha" / "second-lesson" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="fr"' in html and "La deuxième leçon" in html and 'id="section-one"' in html
    assert "data-lang-notice" not in html
    english_only = (tmp_path / "site" / "fr" / "alpha" / "first-lesson" / "index.html").read_text(encoding="utf-8")
    assert 'data-lang-notice="untranslated"' in english_only


def test_a_stale_translation_is_listed_and_says_so(tmp_path):
    proj = french_mini(tmp_path, stamp="000000000000")
    proc = run_build(proj, tmp_path / "site")
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    assert "course/fr/alpha/second-lesson.md" in proc.stdout + proc.stderr
    html = (tmp_path / "site" / "fr" / "alpha" / "second-lesson" / "index.html").read_text(encoding="utf-8")
    assert 'data-lang-notice="stale"' in html


@pytest.mark.parametrize("change", [
    ("  - Nommer une troisième chose\n", "  - Nommer une troisième chose\n  - Et une quatrième\n"),  # one objective more
    ("{{#section-one}}", "{{#section-un}}"),                          # a heading id changed
    ('!!! activity "À vous', '!!! note "À vous'),                     # an activity lost
    ("minutes: 30", "minutes: 25"),                                   # a number changed
], ids=["objectives", "heading-id", "activity", "minutes"])
def test_a_translation_that_does_not_match_its_source_stops_the_build_naming_both_files(tmp_path, change):
    proj = french_mini(tmp_path, lesson=FR_LESSON.replace(*change, 1))
    proc = run_build(proj, tmp_path / "site")
    fails_cleanly(proc, "course/fr/alpha/second-lesson.md", "course/alpha/second-lesson.md")


def test_a_key_missing_from_a_language_catalogue_stops_its_build(tmp_path):
    proj = make_project(tmp_path)
    cat = proj / "hooks" / "coursekit" / "locales" / "fr.yml"
    text = cat.read_text(encoding="utf-8")
    line = next(x for x in text.splitlines() if x.startswith("js.quiz.correct:"))
    cat.write_text(text.replace(line + "\n", ""), encoding="utf-8")
    proc = run_build(proj, tmp_path / "site", {"COURSE_LANGUAGE": "fr"})
    fails_cleanly(proc, "js.quiz.correct", "fr")


def test_an_unknown_language_stops_the_build(tmp_path):
    proc = run_build(make_project(tmp_path), tmp_path / "site", {"COURSE_LANGUAGE": "xx"})
    fails_cleanly(proc, "COURSE_LANGUAGE", "xx")


@pytest.mark.parametrize("own_languages", [None, "[en, fr, ar]"], ids=["left-out", "different"])
def test_the_course_languages_come_from_the_english_manifest_alone(tmp_path, own_languages):
    """A translated manifest need not repeat languages, and what it says there is not used:
    adding a language to course/course.yml does not break the other languages' builds."""
    from coursekit import load_course

    proj = make_project(tmp_path)
    manifest = proj / "course" / "course.yml"
    english = manifest.read_text(encoding="utf-8") + "languages: [en, fr]\n"
    manifest.write_text(english, encoding="utf-8")
    french = english.replace("languages: [en, fr]\n", "" if own_languages is None else f"languages: {own_languages}\n")
    french = french.replace("title: Mini course", "title: Mini cours")
    (proj / "course" / "fr").mkdir()
    (proj / "course" / "fr" / "course.yml").write_text(
        f'translation_of: "{translations.source_version(manifest)}"\n' + french, encoding="utf-8")
    course, _ = load_course(proj / "course", proj / "quizzes", language="fr")
    assert course.title == "Mini cours"
    assert course.languages == ("en", "fr")


def test_a_one_path_site_unlinks_lessons_it_does_not_hold_however_the_link_is_written():
    """Link text that wraps onto the next line (as translations often do) and reference links
    are made plain text as well; a link in a code block is left alone."""
    from coursekit.paths import unlink_outside

    md = ("Lisez [l'étude de cas\nsur le Rwanda](../m6-cases/case-rwanda.md), puis [ceci](kept.md).\n\n"
          "Voir [Rwanda][rw] et [rw][], ou [le titre](../m6-cases/case-rwanda.md 'T').\n\n"
          "```\n[code](../m6-cases/case-rwanda.md)\n```\n\n[rw]: ../m6-cases/case-rwanda.md \"Rwanda\"\n")
    out = unlink_outside(md, "m1-why/a.md", lambda uri: uri == "m1-why/kept.md")
    assert "l'étude de cas\nsur le Rwanda <span class=\"not-in-path\">" in out
    assert "[ceci](kept.md)" in out
    assert out.count('class="not-in-path"') == 4
    assert "[code](../m6-cases/case-rwanda.md)" in out
    assert "[rw]:" not in out


def test_a_canvas_block_s_questions_are_text_but_a_quiz_s_questions_keep_their_ids_and_answers():
    from coursekit.translations import compare_data

    canvas = {"blocks": [{"id": "lead", "title": "Lead institution", "questions": ["Who leads?", "Who pays?"]}]}
    fr = {"blocks": [{"id": "lead", "title": "Institution chef de file", "questions": ["Qui dirige ?", "Qui paie ?"]}]}
    assert list(compare_data(canvas, fr)) == []
    assert [k for k, _ in compare_data(canvas, {"blocks": [{**fr["blocks"][0], "questions": ["Qui dirige ?"]}]})] == ["blocks[0].questions"]
    quiz = {"questions": [{"id": "q1", "type": "true-false", "prompt": "P", "answer": True}]}
    bad = {"questions": [{"id": "q-1", "type": "true-false", "prompt": "Énoncé", "answer": False}]}
    assert sorted(k for k, _ in compare_data(quiz, bad)) == ["questions[0].answer", "questions[0].id"]


def test_a_term_used_only_inside_a_longer_term_is_that_longer_term_s():
    from coursekit.translations import missing_terms

    terms = [("Online Service Index", ("indice des services en ligne",)),
             ("Local Online Service Index", ("indice des services locaux en ligne",))]
    assert missing_terms(terms, "The Local Online Service Index (LOSI).", "L'indice des services locaux en ligne.") == []
    both = "The Local Online Service Index and the Online Service Index."
    assert missing_terms(terms, both, "L'indice des services locaux en ligne.") == [terms[0]]
    assert missing_terms(terms, both, "L'indice des services locaux en ligne et l'indice des services en ligne.") == []


@needs_languages
@pytest.mark.parametrize("code", OTHER)
def test_what_the_build_writes_into_pages_is_in_the_page_s_language(site_dir, code):
    """The notebook download box, the data page's file and lesson lists and the download page's
    block come from the catalogue, not from English literals in the code."""
    from coursekit import i18n

    cat = i18n.catalogue(code)
    nb = next((site_dir / code).glob("m*/nb-*/index.html")).read_text(encoding="utf-8")
    assert cat["nb.downloads_html"] in nb and "Run this notebook yourself" not in nb
    data = (site_dir / code / "data" / "index.html").read_text(encoding="utf-8")
    assert cat["data.download_item"].split("{")[0].strip() in data and "Download the data" not in data
    download = (site_dir / code / "download" / "index.html").read_text(encoding="utf-8")
    assert "does not offer the zip" not in download and "Download the course (" not in download
