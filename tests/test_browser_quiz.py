"""Quizzes in headless Chromium: every type right, wrong, retry, reload, reset; http and file://."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

QUIZ = 'section.quiz[data-quiz="first-lesson"]'


def q(page, qid):
    return page.locator(f'{QUIZ} [data-question="{qid}"]')


def check(page, qid):
    q(page, qid).get_by_role("button", name="Check").click()
    page.wait_for_function(
        "id => { const e = document.querySelector(`[data-question='${id}'] [data-feedback]`); return e && e.textContent.length > 0 }",
        arg=qid)
    return q(page, qid).get_attribute("data-result")


def order_to(page, qid, wanted):
    """Use the keyboard-operable move buttons until the list reads ``wanted``."""
    for target_pos, text in enumerate(wanted):
        for _ in range(len(wanted)):
            items = q(page, qid).locator("[data-item]")
            texts = [t.strip() for t in items.locator(".quiz-order-text").all_inner_texts()]
            pos = texts.index(text)
            if pos == target_pos:
                break
            items.nth(pos).locator("[data-move='-1']").press("Enter")


def answer_all_wrong_then_right(page):
    # single
    q(page, "pick-one").get_by_label("A sum of two indices").check()
    assert check(page, "pick-one") == "incorrect"
    assert "It is a mean" in q(page, "pick-one").locator("[data-feedback]").inner_text()
    q(page, "pick-one").get_by_label("A mean of three indices").check()
    assert check(page, "pick-one") == "correct"
    # multiple
    q(page, "pick-many").get_by_label("OSI").check()
    assert check(page, "pick-many") == "incorrect"
    q(page, "pick-many").get_by_label("TII").check()
    assert check(page, "pick-many") == "correct"
    # true-false
    q(page, "tf").get_by_label("False").check()
    assert check(page, "tf") == "incorrect"
    q(page, "tf").get_by_label("True").check()
    assert check(page, "tf") == "correct"
    # numeric with tolerance, comma decimal accepted
    q(page, "num").get_by_label("Your answer").fill("0.6")
    assert check(page, "num") == "incorrect"
    q(page, "num").get_by_label("Your answer").fill("0,553")
    assert check(page, "num") == "correct"
    # short text, case- and space-insensitive
    q(page, "word").get_by_label("Your answer").fill("twice only")
    assert check(page, "word") == "incorrect"
    q(page, "word").get_by_label("Your answer").fill("  Once   ONLY ")
    assert check(page, "word") == "correct"
    # ordering by keyboard
    order_to(page, "order", ["Review", "Do", "Plan"])
    assert check(page, "order") == "incorrect"
    order_to(page, "order", ["Plan", "Do", "Review"])
    assert check(page, "order") == "correct"
    # matching with selects
    m = q(page, "match")
    m.get_by_label("OSI").select_option(label="Telecommunications")
    m.get_by_label("TII").select_option(label="Online services")
    m.get_by_label("HCI").select_option(label="Human capital")
    assert check(page, "match") == "incorrect"
    m.get_by_label("OSI").select_option(label="Online services")
    m.get_by_label("TII").select_option(label="Telecommunications")
    assert check(page, "match") == "correct"


def run_quiz_scenario(page, url):
    page.goto(url)
    # Without a check, answers are hidden; the explanation is in a collapsed details.
    expect(q(page, "pick-one").locator("[data-answer]")).to_be_hidden()
    answer_all_wrong_then_right(page)
    score = page.locator(f"{QUIZ} [data-quiz-score]")
    assert "7 of 7" in score.inner_text()
    # Reload: every answer and result comes back.
    page.reload()
    assert "7 of 7" in page.locator(f"{QUIZ} [data-quiz-score]").inner_text()
    for qid in ("pick-one", "pick-many", "tf", "num", "word", "order", "match"):
        assert q(page, qid).get_attribute("data-result") == "correct", qid
    assert q(page, "num").get_by_label("Your answer").input_value() == "0,553"
    # Reset clears answers, results and storage.
    page.locator(f"{QUIZ} [data-quiz-reset]").click()
    assert q(page, "pick-one").get_attribute("data-result") is None
    page.reload()
    assert q(page, "tf").get_attribute("data-result") is None
    assert not q(page, "tf").get_by_label("True").is_checked()


def test_every_question_type_over_http(page, mini_url):
    run_quiz_scenario(page, mini_url + "alpha/first-lesson/")


def test_every_question_type_from_file(page, mini_offline):
    run_quiz_scenario(page, (mini_offline / "alpha/first-lesson.html").as_uri())


def test_feedback_is_in_a_live_region_and_answer_stays_readable_without_js(browser, mini_url):
    ctx = browser.new_context(java_script_enabled=False)
    pg = ctx.new_page()
    pg.goto(mini_url + "alpha/first-lesson/")
    details = pg.locator('[data-question="num"] details[data-answer]')
    assert details.is_visible() and details.get_attribute("open") is None
    details.locator("summary").click()
    assert "0.55" in details.inner_text()
    ctx.close()


def test_corrupted_quiz_storage_is_reset_not_fatal(page, mini_url):
    page.goto(mini_url + "alpha/first-lesson/")
    page.evaluate("""() => {
        localStorage.setItem('mini:quiz:v1', '{not json');
    }""")
    page.reload()
    # No answer given: no verdict, the learner is asked for an answer (the reset storage did not break the page).
    assert check(page, "tf") is None
    expect(q(page, "tf").locator("[data-feedback]")).to_have_text("Please give an answer first, then press Check.")
    q(page, "tf").get_by_label("True").check()
    assert check(page, "tf") == "correct"
    page.evaluate("""() => localStorage.setItem('mini:quiz:v1', JSON.stringify({v:1, data:{"first-lesson":{"tf":{"a":"<img src=x onerror=alert(1)>","r":"correct"}}}}))""")
    page.reload()
    # The hostile stored answer does not fit the radios, so it is ignored, and nothing was injected.
    assert page.locator("img[src=x]").count() == 0
    assert not q(page, "tf").get_by_label("True").is_checked()


def _module_quiz_with(project, tmp_path, questions_yaml: str):
    """Build the fixture course offline with questions added to its module quiz; the site folder."""
    from conftest import run_build

    with open(project / "quizzes/alpha-final.yml", "a", encoding="utf-8") as f:
        f.write(questions_yaml)
    dest = tmp_path / "site"
    proc = run_build(project, dest, {"OFFLINE": "true"})
    assert proc.returncode == 0, proc.stderr
    return dest


def test_numeric_answers_read_thousands_commas_and_decimal_commas(page, mini_project, tmp_path):
    """'550,000' is five hundred and fifty thousand; '0,55' is a decimal comma; both as written."""
    dest = _module_quiz_with(mini_project, tmp_path, "  - id: big\n    type: numeric\n    prompt: How many?\n"
                             "    answer: 550000\n    explanation: Five hundred and fifty thousand.\n")
    page.goto((dest / "alpha/quiz.html").as_uri())
    big = page.locator('[data-question="big"]')
    for typed, expected in (("550", "incorrect"), ("550,000", "correct"), ("550 000", "correct"), ("550000.0", "correct")):
        big.locator("input").fill(typed)
        big.get_by_role("button", name="Check").click()
        expect(big).to_have_attribute("data-result", expected)
    page.goto((dest / "alpha/first-lesson.html").as_uri())
    num = page.locator('[data-question="num"]')
    num.locator("input").fill("0,55")
    num.get_by_role("button", name="Check").click()
    expect(num).to_have_attribute("data-result", "correct")


def test_every_check_button_carries_data_check_and_enter_checks(page, mini_url):
    page.goto(mini_url + "alpha/first-lesson/")
    questions = page.locator(f"{QUIZ} [data-question]")
    for i in range(questions.count()):
        btn = questions.nth(i).locator("button[data-check]")
        assert btn.count() == 1, questions.nth(i).get_attribute("data-question")
        assert "Check" in btn.inner_text()
    # Enter in a numeric field checks the answer, and so does Enter in a short-text field.
    num = q(page, "num").get_by_label("Your answer")
    num.fill("0.55")
    num.press("Enter")
    expect(q(page, "num")).to_have_attribute("data-result", "correct")
    word = q(page, "word").get_by_label("Your answer")
    word.fill("twice")
    word.press("Enter")
    expect(q(page, "word")).to_have_attribute("data-result", "incorrect")


def feedback(page, qid):
    return q(page, qid).locator("[data-feedback]").inner_text()


def test_feedback_names_what_is_wrong_and_never_repeats_the_verdict(page, mini_url):
    page.goto(mini_url + "alpha/first-lesson/")
    # true-false: the option's own "Correct." does not repeat the verdict
    q(page, "tf").get_by_label("True").check()
    assert check(page, "tf") == "correct"
    assert feedback(page, "tf").startswith("Correct. It compares countries.")
    assert "Correct. Correct" not in feedback(page, "tf")
    # multiple, partly right: how many right options are missing, which chosen one is wrong,
    # and no praise for the right one chosen
    m = q(page, "pick-many")
    m.get_by_label("OSI").check()
    m.get_by_label("EPI").check()
    assert check(page, "pick-many") == "incorrect"
    text = feedback(page, "pick-many")
    assert "1 right option is missing" in text and "Wrong choice: \u201cEPI\u201d" in text, text
    assert "The EPI is separate" in text and "online services" not in text and "Yes" not in text, text
    m.get_by_label("EPI").uncheck()
    m.get_by_label("TII").check()
    assert check(page, "pick-many") == "correct"
    assert "It measures online services" in feedback(page, "pick-many")
    # ordering: the misplaced items by position and text
    order_to(page, "order", ["Review", "Do", "Plan"])
    assert check(page, "order") == "incorrect"
    assert "Not in the right place: position 1 \u201cReview\u201d, position 3 \u201cPlan\u201d." in feedback(page, "order")
    # matching: the rows not matched right, by their text
    mt = q(page, "match")
    mt.get_by_label("OSI").select_option(label="Telecommunications")
    mt.get_by_label("TII").select_option(label="Online services")
    mt.get_by_label("HCI").select_option(label="Human capital")
    assert check(page, "match") == "incorrect"
    text = feedback(page, "match")
    assert "Not matched right: \u201cOSI\u201d, \u201cTII\u201d." in text and "HCI" not in text, text
    # short text: articles, punctuation and case do not matter
    q(page, "word").get_by_label("Your answer").fill("The Once-Only.")
    assert check(page, "word") == "correct"
    # the feedback is in the question's live region
    assert q(page, "word").locator("[data-feedback][role=status]").count() == 1


def test_short_text_accepts_articles_punctuation_and_a_parenthesised_form(page, mini_url):
    from coursekit.questions import answer_forms

    page.goto(mini_url + "alpha/first-lesson/")
    key = {"accept": sorted(answer_forms("CIO"))}
    grade = "([k, a]) => Course.quiz.grade(k, 'short-text', a)"
    for typed in ("the CIO", "CIO.", "Chief Information Officer (CIO)", " cio ", "A CIO!"):
        assert page.evaluate(grade, [key, typed]) is True, typed
    for typed in ("CEO", "Chief Information Officer", "(CEO) CIO office"):
        assert page.evaluate(grade, [key, typed]) is False, typed
    # and the other way round: an accepted long form with its abbreviation
    key = {"accept": sorted(answer_forms("Chief Information Officer (CIO)"))}
    for typed in ("CIO", "the chief information officer", "Chief Information Officer (CIO)"):
        assert page.evaluate(grade, [key, typed]) is True, typed


def test_ordering_buttons_aligned_disabled_at_the_ends_and_focus_follows(page, mini_url):
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(mini_url + "alpha/first-lesson/")
    order = q(page, "order")
    # a long item must not push its buttons out of line with the others
    order.locator(".quiz-order-text").first.evaluate(
        "e => e.textContent = 'A long step that wraps over several lines on a phone screen, as real items do'")
    boxes = order.locator("[data-item]").evaluate_all("""lis => lis.map(li => {
        const [u, d] = li.querySelectorAll('[data-move]');
        const a = u.getBoundingClientRect(), b = d.getBoundingClientRect();
        return [Math.round(a.left), Math.round(b.left), Math.round(a.top - b.top), Math.round(a.width)];
    })""")
    assert len({b[0] for b in boxes}) == 1 and len({b[1] for b in boxes}) == 1, boxes
    assert all(b[2] == 0 and b[3] >= 32 for b in boxes), boxes

    def ends_disabled():
        items = order.locator("[data-item]")
        n = items.count()
        for i in range(n):
            up, down = items.nth(i).locator("[data-move='-1']"), items.nth(i).locator("[data-move='1']")
            assert up.is_disabled() == (i == 0) and down.is_disabled() == (i == n - 1), i
    ends_disabled()
    # move the second item up to the top: its up button is now disabled, focus stays on the item
    second = order.locator("[data-item]").nth(1)
    moved = second.get_attribute("data-item")
    second.locator("[data-move='-1']").focus()
    page.keyboard.press("Enter")
    first = order.locator("[data-item]").first
    assert first.get_attribute("data-item") == moved
    ends_disabled()
    assert first.evaluate("li => li.contains(document.activeElement)")
    # and down again from the top with the keyboard, focus still on the moved item
    page.keyboard.press("Enter")
    assert order.locator("[data-item]").nth(1).get_attribute("data-item") == moved
    assert order.locator("[data-item]").nth(1).evaluate("li => li.contains(document.activeElement)")
    ends_disabled()


# --------------------------------------------------------------------------- one unit per type
# The answer key is written down as a schema per type (coursekit.questions, each class's Key);
# the browser's TYPES table reads, grades and applies answers. For every question of the real
# course, on the pages that show it: the page's key is the model's, valid under its schema, and
# the browser grades the model's right answer right (put in through the controls, read back
# from them) and a wrong answer wrong.

def _wrong(q, right):
    """An answer of the right shape that is not right."""
    if q.type in ("single", "true-false"):
        values = [str(i) for i in range(len(q.options))] if q.type == "single" else ["true", "false"]
        return next(v for v in values if v != right)
    if q.type == "multiple":
        return right[1:] if len(right) > 1 else [str(i) for i in range(len(q.options)) if str(i) not in right][:1]
    if q.type == "numeric":
        return f"{q.answer + q.tolerance + max(1.0, abs(q.answer)):g}"
    if q.type == "short-text":
        return "not the answer at all"
    if q.type == "fill-blank":
        return right[:-1] + ["not the answer at all"]
    return list(reversed(right))  # ordering, matching: distinct items, so reversed is another order


def test_python_keys_and_browser_grading_agree_for_every_type(page, site_url, real_course):
    import json

    real_course = real_course[0]
    from coursekit.questions import BY_TYPE, QUESTION_TYPES

    # every type the Python side knows has a browser entry, and no other
    page.goto(site_url)
    page.wait_for_function("window.Course && Course.quiz")
    assert sorted(page.evaluate("Object.keys(Course.quiz.types)")) == sorted(QUESTION_TYPES)
    for name, entry in page.evaluate(
            "Object.fromEntries(Object.entries(Course.quiz.types).map(([k, v]) => [k, Object.keys(v).sort()]))").items():
        assert {"read", "grade", "apply"} <= set(entry), name

    # the module quiz pages and every lesson holding a type no page has shown yet
    pages, seen = [], set()
    for m in real_course.modules:
        pages.append((f"{m.id}/quiz/", [m.quiz]))
        seen.update(q.type for q in real_course.quiz(m.quiz).questions)
    for lesson in real_course.lessons:
        ids = [r.quiz_id for r in lesson.quiz_refs]
        types = {q.type for i in ids for q in real_course.quiz(i).questions}
        if types - seen:
            pages.append((lesson.src_uri.removesuffix(".md").removesuffix(".ipynb") + "/", ids))
            seen |= types
    assert seen == set(QUESTION_TYPES), "a type no real quiz uses"

    checked = set()
    for url, quiz_ids in pages:
        page.goto(site_url + url)
        page.wait_for_selector("section.quiz[data-ready]")
        for quiz_id in quiz_ids:
            for q in real_course.quiz(quiz_id).questions:
                sel = f'section.quiz[data-quiz="{quiz_id}"] [data-question="{q.id}"]'
                el = page.locator(sel)
                assert el.get_attribute("data-qtype") == q.type
                key = json.loads(el.get_attribute("data-key"))
                assert BY_TYPE[q.type].Key.model_validate(key).model_dump(mode="json") == key == q.key(), sel
                right = q.correct_answer()
                result = page.evaluate("""([sel, type, key, right, wrong]) => {
                    const q = document.querySelector(sel), t = Course.quiz.types[type];
                    const put = a => t.apply(q, a) ? t.read(q) : "not applied";
                    const r = put(right), rg = t.grade(key, r), w = put(wrong);
                    return {read: r, right: rg, wrong: t.grade(key, w)};
                }""", [sel, q.type, key, right, _wrong(q, right)])
                assert result["right"] is True, (sel, result)
                assert result["wrong"] is False, (sel, result)
                read = result["read"]
                if q.type == "multiple":  # read in the order shown
                    read, right = sorted(read), sorted(right)
                if q.type == "numeric":
                    read, right = float(read), float(right)
                assert read == right, sel
                checked.add(q.type)
    assert checked == set(QUESTION_TYPES)


def test_fill_in_the_blank_is_checked_blank_by_blank_and_comes_back(page, mini_project, tmp_path):
    dest = _module_quiz_with(mini_project, tmp_path, "  - id: blanks\n    type: fill-blank\n    prompt: Complete the sentence.\n"
                             '    text: "The EGDI is the mean of [[three|3]] indices; the first is the [[Online Service Index (OSI)]]."\n'
                             "    explanation: OSI, TII and HCI.\n")
    page.goto((dest / "alpha/quiz.html").as_uri())
    b = page.locator('[data-question="blanks"]')
    first, second = b.get_by_label("Blank 1"), b.get_by_label("Blank 2")
    # the blanks' names and the check button's "to question N" are for screen readers only
    for hidden in b.locator(".md-visually-hidden").all():
        box = hidden.bounding_box()
        assert box is None or box["width"] <= 1 and box["height"] <= 1, hidden.inner_text()
    first.fill("3")
    second.fill("telecommunications")
    b.get_by_role("button", name="Check").click()
    expect(b).to_have_attribute("data-result", "incorrect")
    expect(b.locator("[data-feedback]")).to_contain_text("Not right yet: blank 2.")
    expect(b.locator("[data-feedback]")).not_to_contain_text("blank 1")
    second.fill("the osi")  # the part in parentheses, an article, another case
    second.press("Enter")
    expect(b).to_have_attribute("data-result", "correct")
    page.reload()
    expect(b).to_have_attribute("data-result", "correct")
    expect(b.get_by_label("Blank 2")).to_have_value("the osi")
    # without JavaScript the answer is in the page, the blanks filled in
    assert "<strong>three / 3</strong>" in (dest / "alpha/quiz.html").read_text()
