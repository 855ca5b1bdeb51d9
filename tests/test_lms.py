"""The course inside a learning platform: SCORM 2004 and 1.2 packages run in Chromium inside a
test page that plays the LMS with scorm-again (npm), and the Moodle XML question bank.

Each package is a real strict build. The LMS page loads scorm-again's API, counts the calls the
course makes, and frames the package's launch page, as an LMS does."""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from conftest import REPO, run_build, serve
from coursekit import load_course
from coursekit.loader import restrict_to_path
from coursekit.html import md_inline
from coursekit.questions import QUESTION_TYPES

lxml = pytest.importorskip("lxml.etree")

PATH = "senior-leaders"
SCORM_AGAIN = REPO / "node_modules" / "scorm-again" / "dist"

HOST = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test LMS</title>
<script src="scorm-again/{script}"></script>
<script>
  var initial = location.hash ? JSON.parse(decodeURIComponent(location.hash.slice(1))) : null;
  var mode = new URLSearchParams(location.search).get("mode") || "ok";
  var api = new {cls}({{ logLevel: 5, autocommit: false }});
  if (initial) api.loadFromJSON(initial, "");
  window.calls = {{}};
  ["{init}", "{finish}", "{commit}", "{set}"].forEach(function (name) {{
    var real = api[name].bind(api);
    api[name] = function () {{
      window.calls[name] = (window.calls[name] || 0) + 1;
      if (mode === "failing" && name !== "{init}") return "false";
      return real.apply(null, arguments);
    }};
  }});
  if (mode === "failing") api["{err}"] = function () {{ return "351"; }};
  window.{name} = api;
</script></head>
<body><iframe id="sco" src="pkg/lms.html" style="width:1200px;height:800px" title="course"></iframe></body></html>
"""

V = {
    "2004": dict(script="scorm2004.min.js", cls="Scorm2004API", name="API_1484_11", init="Initialize",
                 finish="Terminate", commit="Commit", set="SetValue", err="GetLastError"),
    "1.2": dict(script="scorm12.min.js", cls="Scorm12API", name="API", init="LMSInitialize",
                finish="LMSFinish", commit="LMSCommit", set="LMSSetValue", err="LMSGetLastError"),
}


def _build(tmp_path_factory, version: str, path: str | None, bank: bool = False):
    out = tmp_path_factory.mktemp(f"lms-{version}")
    env = {"LMS_PACKAGE": str(out / "package.zip"), "LMS_PACKAGE_VERSION": version, "NOTEBOOK_EXECUTE": "false"}
    if path:
        env["LEARNING_PATH"] = path
    if bank:
        env["QUESTION_BANK"] = str(out / "questions.xml")
    proc = run_build(REPO, out / "site", env)
    assert proc.returncode == 0, f"build failed:\n{proc.stdout}\n{proc.stderr}"
    return out


@pytest.fixture(scope="session")
def pkg2004(tmp_path_factory):
    """SCORM 2004 package of one learning path."""
    return _build(tmp_path_factory, "2004", PATH)


@pytest.fixture(scope="session")
def pkg12(tmp_path_factory):
    """SCORM 1.2 package of the whole course, built with the Moodle question bank."""
    return _build(tmp_path_factory, "1.2", None, bank=True)


def _host(tmp_path: Path, out: Path, version: str) -> Path:
    """An LMS folder: host.html, scorm-again, and the package unzipped under pkg/."""
    root = tmp_path / f"lms-{version.replace('.', '')}"
    if root.exists():
        return root
    (root / "pkg").mkdir(parents=True)
    with zipfile.ZipFile(out / "package.zip") as z:
        z.extractall(root / "pkg")
    shutil.copytree(SCORM_AGAIN, root / "scorm-again")
    (root / "host.html").write_text(HOST.format(**V[version]), encoding="utf-8")
    return root


# ------------------------------------------------------------------------------ the manifest

NS = {
    "2004": {"cp": "http://www.imsglobal.org/xsd/imscp_v1p1", "adlcp": "http://www.adlnet.org/xsd/adlcp_v1p3",
             "imsss": "http://www.imsglobal.org/xsd/imsss", "lom": "http://ltsc.ieee.org/xsd/LOM"},
    "1.2": {"cp": "http://www.imsproject.org/xsd/imscp_rootv1p1p2", "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2",
            "imsmd": "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"},
}


def _course(path: str | None):
    course, _ = load_course(REPO / "course", REPO / "quizzes")
    return restrict_to_path(course, path) if path else course


@pytest.mark.parametrize("version", ["2004", "1.2"])
def test_manifest_is_well_formed_and_lists_every_file(version, request):
    out = request.getfixturevalue("pkg2004" if version == "2004" else "pkg12")
    course = _course(PATH if version == "2004" else None)
    ns = NS[version]
    with zipfile.ZipFile(out / "package.zip") as z:
        names = set(z.namelist())
        assert "imsmanifest.xml" in names, "imsmanifest.xml must be at the root of the zip"
        doc = lxml.fromstring(z.read("imsmanifest.xml"))
    assert doc.tag == f"{{{ns['cp']}}}manifest"
    assert doc.findtext("cp:metadata/cp:schemaversion", namespaces=ns) == ("2004 4th Edition" if version == "2004" else "1.2")
    orgs = doc.find("cp:organizations", ns)
    org = orgs.find("cp:organization", ns)
    assert orgs.get("default") == org.get("identifier")
    items = org.findall("cp:item", ns)
    assert len(items) == 1, "one SCO for the whole package"
    resources = {r.get("identifier"): r for r in doc.findall("cp:resources/cp:resource", ns)}
    res = resources[items[0].get("identifierref")]
    scorm_type = res.get(f"{{{ns['adlcp']}}}{'scormType' if version == '2004' else 'scormtype'}")
    assert scorm_type == "sco" and res.get("href") == "lms.html"
    listed = {f.get("href") for f in res.findall("cp:file", ns)}
    missing = listed - names
    assert not missing, f"files named in the manifest but not in the zip: {sorted(missing)[:5]}"
    assert names - listed == {"imsmanifest.xml"}, "every file of the package is listed"
    # Metadata from the course model.
    text = lxml.tostring(doc, encoding="unicode")
    assert course.title in org.findtext("cp:title", namespaces=ns)
    for m in course.modules:
        assert m.title in text, f"module '{m.title}' missing from the manifest"
    total = sum(lesson.minutes for lesson in course.lessons)
    if version == "2004":
        h, mi = divmod(total, 60)
        assert doc.findtext(".//lom:typicalLearningTime/lom:duration", namespaces=ns) == (f"PT{h}H{mi}M" if h else f"PT{mi}M")
        assert doc.findtext(".//lom:general/lom:language", namespaces=ns) == "en"
        assert float(items[0].findtext(".//imsss:minNormalizedMeasure", namespaces=ns)) == 0.8
        assert items[0].find("adlcp:completionThreshold", ns).get("minProgressMeasure") == "1.0"
    else:
        assert items[0].findtext("adlcp:masteryscore", namespaces=ns) == "80"
        assert doc.findtext(".//imsmd:general/imsmd:language", namespaces=ns) == "en"


# ------------------------------------------------------------------------------ in the LMS

def _lms(page, url: str, version: str, initial: dict | None = None, mode: str = "ok"):
    target = f"{url}host.html" + (f"?mode={mode}" if mode != "ok" else "") + (
        "#" + json.dumps(initial) if initial else "")
    page.goto(target)
    page.wait_for_function("() => { const f = document.getElementById('sco').contentWindow;"
                           " return f && f.CourseLMS && f.document.getElementById('lms-frame').contentWindow.Course; }")
    launch = page.frame(url=lambda u: u.endswith("/pkg/lms.html"))
    return launch


def _course_frame(page):
    return page.frame(url=lambda u: "/pkg/" in u and not u.endswith("lms.html"))


def _complete_lessons_and_pass(page, launch, cfg):
    course = _course_frame(page)
    for lid in cfg["lessons"]:
        url = course.evaluate("id => Course.lessonById(id).url", lid)
        course.goto(launch.url.rsplit("/", 1)[0] + "/" + url)
        course.wait_for_selector("[data-complete]")
        course.click("[data-complete]")
        course = _course_frame(page)
    # Pass the module quizzes: every question answered right, as stored by the quiz runtime.
    course.evaluate("""cfg => { const st = Course.store.load('quiz') || {};
        cfg.moduleQuizzes.forEach(q => { st[q] = {}; cfg.quizzes[q].forEach(id => { st[q][id] = {a: true, r: 'correct'}; }); });
        Course.store.save('quiz', st); }""", cfg)
    launch.evaluate("() => window.CourseLMS.report(true)")


def _close(page):
    page.evaluate("() => { document.getElementById('sco').src = 'about:blank'; }")
    page.wait_for_function("() => document.getElementById('sco').contentWindow.location.href === 'about:blank'")


@pytest.mark.browser
@pytest.mark.parametrize("version", ["2004", "1.2"])
def test_package_reports_to_the_lms_and_resumes(version, request, browser, tmp_path_factory):
    out = request.getfixturevalue("pkg2004" if version == "2004" else "pkg12")
    root = _host(tmp_path_factory.getbasetemp(), out, version)
    server, url = serve(root)
    v = V[version]
    try:
        ctx = browser.new_context()
        page = ctx.new_page()
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        launch = _lms(page, url, version)
        cfg = launch.evaluate("() => window.COURSE_LMS")
        if version == "1.2":  # the whole course: complete the lessons of one path's worth only
            cfg = {**cfg, "lessons": cfg["lessons"]}
        _complete_lessons_and_pass(page, launch, cfg)
        _close(page)
        got = page.evaluate(f"() => ({{ calls: window.calls, cmi: JSON.parse(JSON.stringify(window.{v['name']}.cmi)) }})")
        ctx.close()
        assert not errors, errors
        assert got["calls"].get(v["finish"]) == 1, f"{v['finish']} must be called exactly once: {got['calls']}"
        assert got["calls"].get(v["init"]) == 1
        cmi = got["cmi"]
        if version == "2004":
            assert cmi["completion_status"] == "completed"
            assert cmi["success_status"] == "passed"
            assert float(cmi["score"]["scaled"]) == 1.0
            assert cmi["exit"] == "suspend"
            assert cmi["session_time"].startswith("PT")
            data = cmi["suspend_data"]
        else:
            assert cmi["core"]["lesson_status"] == "passed"
            assert int(cmi["core"]["score"]["raw"]) == 100
            assert cmi["core"]["exit"] == "suspend"
            data = cmi["suspend_data"]
        assert data and len(data) <= (64000 if version == "2004" else 4096)

        # Next launch, on another computer (a fresh browser): the LMS's record brings it all back.
        ctx = browser.new_context()
        page = ctx.new_page()
        initial = {"suspend_data": data, **({"entry": "resume"} if version == "2004" else {"core": {"entry": "resume"}})}
        _lms(page, url, version, initial)
        course = _course_frame(page)
        done = course.evaluate("() => Object.keys((Course.store.load('progress') || {done: {}}).done)")
        assert sorted(done) == sorted(cfg["lessons"])
        quiz = course.evaluate("() => Course.store.load('quiz')")
        for q in cfg["moduleQuizzes"]:
            assert all(quiz[q][qid]["r"] == "correct" for qid in cfg["quizzes"][q])
        ctx.close()
    finally:
        server.shutdown()


@pytest.mark.browser
def test_a_failing_lms_is_said_once_and_progress_stays_local(pkg2004, browser, tmp_path_factory):
    root = _host(tmp_path_factory.getbasetemp(), pkg2004, "2004")
    server, url = serve(root)
    try:
        ctx = browser.new_context()
        page = ctx.new_page()
        launch = _lms(page, url, "2004", mode="failing")
        cfg = launch.evaluate("() => window.COURSE_LMS")
        _complete_lessons_and_pass(page, launch, cfg)
        notice = launch.locator("#lms-notice")
        assert notice.is_visible()
        assert "still kept in this browser" in notice.inner_text()
        assert launch.locator("#lms-notice[role=status]").count() == 1
        launch.evaluate("() => window.CourseLMS.report(true)")
        assert notice.inner_text().count("did not accept") == 1
        done = _course_frame(page).evaluate("() => Object.keys(Course.store.load('progress').done)")
        assert sorted(done) == sorted(cfg["lessons"])
        ctx.close()
    finally:
        server.shutdown()


@pytest.mark.browser
def test_without_an_lms_the_package_works_as_the_offline_edition(pkg2004, browser, tmp_path_factory):
    root = _host(tmp_path_factory.getbasetemp(), pkg2004, "2004")
    server, url = serve(root)
    try:
        ctx = browser.new_context()
        page = ctx.new_page()
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(url + "pkg/lms.html")  # no API anywhere up the chain
        page.wait_for_function("() => window.CourseLMS && !window.CourseLMS.api")
        course = page.frame(url=lambda u: u.endswith("/pkg/index.html"))
        course.wait_for_selector("h1")
        assert page.locator("#lms-notice").is_hidden()
        lesson = course.evaluate("() => Course.lessons()[0].url")
        course.goto(url + "pkg/" + lesson)
        course = page.frame(url=lambda u: u.endswith(lesson))
        course.click("[data-complete]")
        assert course.evaluate("() => Object.keys(Course.store.load('progress').done).length") == 1
        assert not errors, errors
        ctx.close()
    finally:
        server.shutdown()


@pytest.mark.browser
def test_suspend_data_stays_within_scorm12_limit_when_answers_are_long(pkg12, browser, tmp_path_factory):
    """A learner who answered every question of the whole course with long answers: the encoded
    record stays within 4,096 characters and still brings back every result."""
    root = _host(tmp_path_factory.getbasetemp(), pkg12, "1.2")
    server, url = serve(root)
    try:
        ctx = browser.new_context()
        page = ctx.new_page()
        launch = _lms(page, url, "1.2")
        cfg = launch.evaluate("() => window.COURSE_LMS")
        result = launch.evaluate("""cfg => {
            const st = {};
            Object.keys(cfg.quizzes).forEach((q, i) => { st[q] = {};
              cfg.quizzes[q].forEach((id, j) => { st[q][id] = {a: 'x'.repeat(120), r: (i + j) % 3 ? 'correct' : 'incorrect'}; }); });
            Course.store.save('quiz', st);
            Course.store.save('progress', {done: Object.fromEntries(cfg.lessons.map(l => [l, '2026-01-01']))});
            const enc = CourseLMS.encode();
            return {enc, back: CourseLMS.decode(enc), st};
        }""", cfg)
        assert len(result["enc"]) <= 4096
        assert len(result["enc"]) > 3000, "answers fill the room left, not more"
        back, st = result["back"], result["st"]
        assert sorted(back["done"]) == sorted(cfg["lessons"])
        for q, recs in st.items():
            for qid, e in recs.items():
                assert back["quiz"][q][qid]["r"] == e["r"], (q, qid)
        ctx.close()
    finally:
        server.shutdown()


# ------------------------------------------------------------------------------ Moodle XML

def test_question_bank_holds_every_question_with_its_answers(pkg12):
    course = _course(None)
    doc = lxml.parse(str(pkg12 / "questions.xml")).getroot()
    questions = {q.findtext("name/text"): q for q in doc.findall("question") if q.get("type") != "category"}
    categories = [q.findtext("category/text") for q in doc.findall("question") if q.get("type") == "category"]
    expected = {f"{quiz.id}/{q.id}": q for quiz in course.quizzes for q in quiz.questions
                if any(quiz.id == m.quiz for m in course.modules) or any(
                    r.quiz_id == quiz.id for lesson in course.lessons for r in lesson.quiz_refs)}
    assert set(questions) == set(expected)
    for m in course.modules:
        assert any(c.endswith(f"Module {m.number}: {m.title}") for c in categories)
        for lesson in m.lessons:
            if lesson.quiz_refs:
                assert any(c.endswith("/" + lesson.title.replace("/", "-")) for c in categories), lesson.id
    kinds = {"single": "multichoice", "multiple": "multichoice", "true-false": "truefalse", "numeric": "numerical",
             "short-text": "shortanswer", "fill-blank": "cloze", "ordering": "matching", "matching": "matching"}
    assert set(kinds) == set(QUESTION_TYPES)
    for name, q in expected.items():
        x = questions[name]
        assert x.get("type") == kinds[q.type], name
        answers = x.findall("answer")
        if q.type in ("single", "multiple"):
            right = {a.findtext("text") for a in answers if float(a.get("fraction")) > 0}
            assert right == {md_inline(o.text) for o in q.options if o.correct}, name
            if q.type == "multiple":
                assert abs(sum(float(a.get("fraction")) for a in answers if float(a.get("fraction")) > 0) - 100) < 1
        elif q.type == "true-false":
            right = [a.findtext("text") for a in answers if a.get("fraction") == "100"]
            assert right == ["true" if q.answer else "false"], name
        elif q.type == "numeric":
            assert float(answers[0].findtext("text")) == pytest.approx(q.answer)
            assert float(answers[0].findtext("tolerance")) == pytest.approx(q.tolerance)
        elif q.type == "short-text":
            assert {a.findtext("text") for a in answers} == set(q.accept)
        elif q.type == "fill-blank":
            # each blank is an embedded answer {1:SHORTANSWER:=a~=b} in the question text, in order
            found = re.findall(r"\{1:SHORTANSWER:([^{}]*)\}", x.findtext("questiontext/text"))
            assert [[a.removeprefix("=") for a in f.split("~")] for f in found] == q.blanks, name
        elif q.type == "ordering":
            subs = x.findall("subquestion")
            assert [s.findtext("answer/text") for s in subs] == list(q.items)
        elif q.type == "matching":
            subs = x.findall("subquestion")
            assert [s.findtext("answer/text") for s in subs] == [p.right for p in q.pairs]


def test_every_question_type_has_a_moodle_form():
    from coursekit.lms import MOODLE

    assert set(MOODLE) == set(QUESTION_TYPES)
