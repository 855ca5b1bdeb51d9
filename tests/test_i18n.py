"""The browser scripts' interface strings come from the one catalogue (coursekit/locales/en.yml).

Every key a script looks up is in the catalogue and every js.* key is looked up somewhere; no
English sentence is left as a literal in the browser code a reader sees; the build ships exactly
the js.* keys in the <head> bundle and refuses a key the catalogue lacks; in the browser an
unknown key shows as itself.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import REPO, fails_cleanly, run_build
from coursekit import jsstrings
from coursekit.i18n import catalogue

SCRIPTS = REPO / "docs" / "assets" / "course"
# The service worker shows no text of its own (its error reasons go into the page's catalogue
# message); the search shim is mkdocs-material's worker, not ours.
NOT_READER_CODE = {"sw.js", "iframe-worker-shim.js"}
# Literals that are English on purpose and never reach a reader: developers' messages (console,
# thrown errors for an undeclared learner-data concern).
ALLOWED = {
    ("store.js", "Learner data \\u201c"),  # thrown: a script uses a concern store.js does not declare
    ("store.js", "Learner data "),  # console.warn: stored data that could not be migrated
    ("store.js", " could not be migrated; it is kept as it is."),
    ("store.js", "Declare learner data \\u201c"),  # console.error from CourseStore.define
}
# A space-separated English phrase of two or more words that starts with a capital letter, or
# that ends with a period.
PHRASE = re.compile(r"(?:^|\s)[A-Z][a-z\u2019']*(?: +[A-Za-z\u2019'][\w\u2019'-]*)+|[A-Za-z]+ +[A-Za-z][\w,\u2019' -]*\.(?:\s|$)")
_REGEX_AFTER_WORD = {"return", "typeof", "case", "in", "of", "void", "delete", "instanceof", "new", "throw"}


def string_literals(src: str) -> list[tuple[int, str]]:
    """``(line, text)`` of every string literal of a classic script (comments and regular
    expression literals skipped; escapes kept as written)."""
    out: list[tuple[int, str]] = []
    i, n, line, prev, word = 0, len(src), 1, "", ""
    while i < n:
        c = src[i]
        if c == "\n":
            line += 1
            i += 1
            continue
        if src.startswith("//", i):
            j = src.find("\n", i)
            i = n if j < 0 else j
            continue
        if src.startswith("/*", i):
            j = src.find("*/", i + 2)
            j = n if j < 0 else j + 2
            line += src.count("\n", i, j)
            i = j
            continue
        if c in "\"'`":
            j, buf = i + 1, []
            while j < n and src[j] != c:
                step = 2 if src[j] == "\\" else 1
                buf.append(src[j:j + step])
                j += step
            out.append((line, "".join(buf)))
            line += src.count("\n", i, j)
            i, prev, word = j + 1, ")", ""
            continue
        if c == "/" and (prev == "" or prev in "(,=:[!&|?{};+-*%<>~^" or word in _REGEX_AFTER_WORD):
            j, klass = i + 1, False
            while j < n and src[j] != "\n":
                if src[j] == "\\":
                    j += 2
                    continue
                if src[j] == "[":
                    klass = True
                elif src[j] == "]":
                    klass = False
                elif src[j] == "/" and not klass:
                    break
                j += 1
            i, prev, word = j + 1, ")", ""
            continue
        if c.isalnum() or c in "_$":
            j = i
            while j < n and (src[j].isalnum() or src[j] in "_$"):
                j += 1
            word, prev, i = src[i:j], src[j - 1], j
            continue
        if not c.isspace():
            prev, word = c, ""
        i += 1
    return out


def english_literals(name: str, src: str) -> list[str]:
    return [f"{name}:{line}: {text}" for line, text in string_literals(src)
            if PHRASE.search(text) and (name, text) not in ALLOWED]


def reader_scripts() -> list[Path]:
    return [p for p in sorted(SCRIPTS.glob("*.js")) if p.name not in NOT_READER_CODE]


def test_the_scanner_finds_english_sentences_and_skips_code():
    src = '''var a = "Path started.", b = 'Not correct yet: ', c = "[data-path] .md-button", d = /["']/g;
    // "A comment Sentence."
    function f(s) { return /[",\\n]/.test(s) ? '"' + s + '"' : "data-x"; } var e = C.t("paths.started");'''
    found = [text for _, text in string_literals(src) if PHRASE.search(text)]
    assert found == ["Path started.", "Not correct yet: "]


def test_no_english_sentence_is_left_in_the_browser_code():
    left = [hit for p in reader_scripts() for hit in english_literals(p.name, p.read_text(encoding="utf-8"))]
    assert not left, "English literals in the browser code (move them to js.* keys of hooks/coursekit/locales/en.yml):\n" + "\n".join(left)
    assert all((SCRIPTS / name).is_file() for name, _ in ALLOWED)


def test_every_key_the_scripts_use_is_in_the_catalogue_and_every_js_key_is_used():
    used = jsstrings.used_keys(jsstrings.script_sources(SCRIPTS))
    have = jsstrings.browser_strings()
    assert len(used) > 150
    missing = sorted(f"js.{k} ({', '.join(files)})" for k, files in used.items() if k not in have)
    dead = sorted(f"js.{k}" for k in have if k not in used)
    assert not missing, f"keys the scripts use that en.yml lacks: {missing}"
    assert not dead, f"js.* keys of en.yml no script uses: {dead}"


def _strings_in(text: str, opener: str) -> dict:
    start = text.index(opener) + len(opener)
    return json.JSONDecoder().raw_decode(text, start)[0]


def test_every_js_string_ships_once_in_the_head_bundle_or_with_the_one_script_that_shows_it(mini_site):
    head = (mini_site / "assets/course/course-head.js").read_text(encoding="utf-8")
    assert head.startswith(("window.CourseStrings=", "/* assets/course/strings.js */\nwindow.CourseStrings="))
    shipped = _strings_in(head, "window.CourseStrings=")
    assert head.index("window.CourseStrings=") < head.index("CourseStore")  # before store.js reads it
    # the strings only the progress page's, the tools' or the presentation's script shows ship with it
    own = {}
    for name in ("progress-page.js", "tools.js", "present.js"):
        script = (mini_site / "assets/course" / name).read_text(encoding="utf-8")
        assert script.startswith("Object.assign(window.CourseStrings||(window.CourseStrings={}),"), name
        own[name] = _strings_in(script, "Object.assign(window.CourseStrings||(window.CourseStrings={}),")
        assert own[name] and not set(own[name]) & set(shipped), name
    expected = {k[len("js."):]: v for k, v in catalogue("en").items() if k.startswith("js.")}
    together = dict(shipped)
    for name, strings in own.items():
        assert not set(strings) & (set(together) - set(shipped)), f"{name} repeats another script's strings"
        together.update(strings)
    assert together == expected
    # every page gets them from cached scripts, never inline
    lesson = (mini_site / "alpha/first-lesson/index.html").read_text(encoding="utf-8")
    assert "CourseStrings" not in lesson and "course-head.js" in lesson


def test_the_strings_part_has_no_script_breaking_text():
    js = jsstrings.strings_js()
    assert js.startswith("window.CourseStrings={") and js.endswith("};\n") and "</" not in js


def test_a_key_missing_from_the_catalogue_stops_the_build(mini_project, tmp_path):
    quiz = mini_project / "docs/assets/course/quiz.js"
    quiz.write_text(quiz.read_text(encoding="utf-8").replace('C.t("quiz.reset_done")', 'C.t("quiz.no_such_string")', 1),
                    encoding="utf-8")
    proc = run_build(mini_project, tmp_path / "site")
    fails_cleanly(proc, "js.quiz.no_such_string", "docs/assets/course/quiz.js", "locales/en.yml")


def test_the_lookup_fills_placeholders_and_shows_an_unknown_key_as_itself(page, mini_url):
    page.goto(mini_url + "alpha/first-lesson/")
    got = page.evaluate("""() => [Course.t("quiz.moved", { pos: 2, total: 3 }), Course.t("no.such.key"),
        Course.t("quiz.moved"), CourseStore.t === Course.t, Course.tn("paths.not_in_path", { path: document.createElement("a") }).length]""")
    assert got == ["Moved to position 2 of 3.", "no.such.key", "Moved to position {pos} of {total}.", True, 3]
