"""Benchmark: what the course costs a low-bandwidth reader, and how long it takes to build.

Run on demand (it is not a test): ``python3 tests/bench.py [--json out.json]``

It builds, strictly, in a temporary folder:
- the hosted edition (timed), a warm rebuild (timed), and again with notebook execution off;
- the offline edition with its zip (timed), and the zip of the smallest learning path;
- plain mkdocs-material (same theme, same Markdown extensions, no course code) on the same
  Markdown: every Markdown lesson and page of the course, built twice; the second build is the
  baseline of the warm rebuild ratio.
Then serves the hosted edition the way GitHub Pages does (gzip, ``Cache-Control: max-age=600``,
ETag) and loads pages in Chromium, summing DevTools' encodedDataLength of every response (bytes
on the wire, headers included) and, as a check, the bytes the server sent (which also sees the
requests of workers): a first visit with an empty cache (until the network is idle) and the next
page with a warm cache, per page kind, with a breakdown of where a first visit's bytes go; what
search costs before and after the reader opens it; a lesson on a throttled Regular 3G link
(750 kbit/s down, 250 kbit/s up, 100 ms latency, DevTools' preset): the time until its text is
painted and until its quiz can be checked. The static byte counts (the HTML and what it names,
gzip) are printed beside them; the budgets judge the wire figures.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import unquote

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "hooks"))

from coursekit import load_course  # noqa: E402
from coursekit.pages import Links  # noqa: E402

KB = 1024
# Issue 20's budgets: the wire figures are what a reader pays.
BUDGETS = {
    "lesson, first visit, wire, empty cache": 110 * KB,
    "next lesson, wire, warm cache": 14 * KB,
    "notebook lesson, wire, warm cache": 18 * KB,
    "quiz runtime (JS + CSS it needs), gzip": 8 * KB,
    "whole-course offline zip": int(2.0 * KB * KB),
    "search: bytes before the first search": 0,
    "warm rebuild, ratio to plain mkdocs-material": 2.5,
}
REGULAR_3G = (750, 250, 100)  # kbit/s down, kbit/s up, ms latency: DevTools' "Regular 3G"

_ASSET = re.compile(r'<(?:link[^>]+rel="stylesheet"[^>]*href|script[^>]+src|img[^>]+src)="([^"]+)"')


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


def language_project(dest: Path, languages: list[str]) -> Path:
    """A copy of the repository whose course lists ``languages``."""
    shutil.copytree(REPO, dest, ignore=shutil.ignore_patterns(".git", "node_modules", "site", "dist", "__pycache__"))
    manifest = dest / "course" / "course.yml"
    text = re.sub(r"^languages:.*\n", "", manifest.read_text(encoding="utf-8"), flags=re.M)
    manifest.write_text(text + f"languages: [{', '.join(languages)}]\n", encoding="utf-8")
    return dest


def build(project: Path, dest: Path, env: dict | None = None, strict: bool = True) -> float:
    full = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    for k in ("OFFLINE", "LEARNING_PATH", "OFFLINE_ZIP", "NOTEBOOK_EXECUTE", "COURSE_LANGUAGE"):
        if not env or k not in env:
            full.pop(k, None)
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", *(["--strict"] if strict else []), "-d", str(dest)],
                          cwd=project, env=full, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"build failed in {project} ({env}):\n{proc.stdout}\n{proc.stderr}")
    return seconds


# What ``mkdocs serve`` does when an author saves a file: load the configuration again and build,
# in the process that already runs (the engine, theme and plugins are imported once, at start).
_SERVE_REBUILD = """
import sys, time
from mkdocs.commands.build import build
from mkdocs.config import load_config
def once():
    start = time.perf_counter()
    build(load_config(config_file="mkdocs.yml", site_dir=sys.argv[1], strict=sys.argv[2] == "1"))
    return time.perf_counter() - start
once()  # the server's first build
print(min(once() for _ in range(4)))  # four saves: the fastest (the least disturbed by the machine)
"""


def serve_rebuild(project: Path, dest: Path, strict: bool = True) -> float:
    """Seconds of an author's rebuild in a running ``mkdocs serve`` (see _SERVE_REBUILD)."""
    full = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    for k in ("OFFLINE", "LEARNING_PATH", "OFFLINE_ZIP", "NOTEBOOK_EXECUTE"):
        full.pop(k, None)
    proc = subprocess.run([sys.executable, "-c", _SERVE_REBUILD, str(dest), "1" if strict else "0"],
                          cwd=project, env=full, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"serve-like rebuild failed in {project}:\n{proc.stdout}\n{proc.stderr}")
    return float(proc.stdout.strip().splitlines()[-1])


def page_cost(site: Path, html_file: Path) -> dict:
    html = html_file.read_bytes()
    first = gz(html)
    images = 0
    assets = 0
    seen = set()
    for ref in _ASSET.findall(html.decode("utf-8", "replace")):
        if "://" in ref or ref.startswith(("data:", "//")):
            continue
        path = (html_file.parent / unquote(ref.split("#")[0].split("?")[0])).resolve()
        if path in seen or not path.is_file():
            continue
        seen.add(path)
        size = gz(path.read_bytes())
        if path.suffix.lower() in (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp"):
            images += size
        else:
            assets += size
    return {"html": first, "first": first + assets + images, "repeat": first + images, "raw_html": len(html)}


def page_kinds(site: Path, course, directory_urls: bool) -> dict[str, list[Path]]:
    links = Links(directory_urls=directory_urls)

    def page(uri: str) -> Path:
        url = links.page(uri)
        return site / (url + "index.html" if url == "" or url.endswith("/") else url)

    md_lessons = [page(lesson.src_uri) for lesson in course.lessons if lesson.kind == "markdown"]
    nb_lessons = [page(lesson.src_uri) for lesson in course.lessons if lesson.kind == "notebook"]
    kinds = {
        "home": [page("index.md")],
        "module overview": [page(m.index_uri) for m in course.modules],
        "lesson": md_lessons,
        "notebook lesson": nb_lessons,
        "module quiz": [page(m.quiz_uri) for m in course.modules if m.quiz],
        "learning path": [page(f"paths/{p.id}/index.md") for p in course.paths],
        "progress": [page("progress.md")],
        "assessment tool": [page("tools/assessment.md")],
        "glossary": [page("glossary.md")],
    }
    return {k: [p for p in v if p.is_file()] for k, v in kinds.items()}


def _plain_config(dest: Path) -> str:
    """mkdocs.yml for plain mkdocs-material: the course's theme and Markdown extensions, no hooks,
    no course plugins, include paths pointing at the course's folders."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    conf = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    theme = {k: v for k, v in conf["theme"].items() if k != "custom_dir"}
    exts = []
    for e in conf["markdown_extensions"]:
        if isinstance(e, dict) and "pymdownx.snippets" in e:
            e = {"pymdownx.snippets": {**e["pymdownx.snippets"], "check_paths": False,
                                       "base_path": [str(REPO / "docs"), str(REPO / "course")]}}
        if isinstance(e, dict) and "markdown_include.include" in e:
            e = {"markdown_include.include": {"base_path": str(REPO / "course")}}
        exts.append(e)
    return yaml.safe_dump({"site_name": "Plain", "theme": theme, "plugins": ["search"],
                           "markdown_extensions": exts}, sort_keys=False)


def baseline(tmp: Path, course) -> tuple[float, float, int]:
    """Plain mkdocs-material on the same Markdown: every Markdown lesson (front matter removed) and
    every page of docs/. Returns (first build, second build, pages)."""
    proj = tmp / "plain"
    docs = proj / "docs"
    docs.mkdir(parents=True)
    n = 0
    for lesson in course.lessons:
        if lesson.kind != "markdown":
            continue
        text = re.sub(r"^---\n.*?\n---\n", "", lesson.source.read_text(encoding="utf-8"), flags=re.S)
        out = docs / lesson.src_uri
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(f"# {lesson.title}\n\n{text}", encoding="utf-8")
        n += 1
    for page in (REPO / "docs").glob("*.md"):
        shutil.copy(page, docs / page.name)
        n += 1
    (proj / "mkdocs.yml").write_text(_plain_config(proj), encoding="utf-8")
    # not strict: the lessons' links to generated course pages have no target here
    first = build(proj, tmp / "plain-site", strict=False)
    second = build(proj, tmp / "plain-site", strict=False)
    return first, second, n


def kb(n: float) -> str:
    return f"{n / 1024:7.1f} KB"


def _group(url: str) -> str:
    """A resource's group in the breakdown of a first visit."""
    path = url.split("?")[0].split("#")[0]
    for needle, name in (("/assets/stylesheets/", "theme CSS"), ("/assets/javascripts/workers/", "search worker"),
                         ("/assets/javascripts/", "theme JS"), ("search_index", "search index"),
                         ("/assets/course/", "course " + ("CSS" if path.endswith(".css") else "JS")),
                         ("/assets/images/", "images"), (".svg", "images"), (".png", "images"),
                         ("/sw.js", "service worker"), ("/offline-manifest.json", "service worker")):
        if needle in path:
            return name
    return "HTML" if path.endswith("/") or path.endswith(".html") else "other"


def wire(site: Path, course) -> dict:
    """Load pages in Chromium from a server that serves like GitHub Pages; sum what goes on the wire."""
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(REPO / "tests"))
    from conftest import CHROMIUM, CHROMIUM_ARGS
    from wire import Probe, serve_like_pages, settle

    served = serve_like_pages(site)
    links = Links(directory_urls=True)

    def url(uri: str) -> str:
        return served.url + links.page(uri)

    md = [lesson for lesson in course.lessons if lesson.kind == "markdown"]
    nb = [lesson for lesson in course.lessons if lesson.kind == "notebook"]
    quizzed = next(lesson for lesson in md if lesson.quiz_refs)
    first_kinds = {
        "home": url("index.md"), "module overview": url(course.modules[0].index_uri),
        "lesson": url(quizzed.src_uri), "notebook lesson": url(nb[0].src_uri) if nb else None,
        "module quiz": url(course.modules[0].quiz_uri) if course.modules[0].quiz else None,
        "learning path": url(f"paths/{course.paths[0].id}/index.md"), "progress": url("progress.md"),
        "glossary": url("glossary.md"),
    }
    out: dict = {"first": {}, "next": {}, "breakdown": {}}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)

            def visit(page, probe, target: str) -> dict:
                probe.reset()
                mark = served.mark()
                page.goto(target)
                settle(page)
                sent = served.since(mark)
                return {"wire": probe.total(), "server": sum(sent.values()), "requests": len(probe.bytes),
                        "by_url": dict(probe.bytes)}

            for kind, target in first_kinds.items():
                if not target:
                    continue
                ctx = browser.new_context()  # no routing: the HTTP cache works as for a reader
                page = ctx.new_page()
                probe = Probe(page, browser)
                row = visit(page, probe, target)
                out["first"][kind] = row
                groups: dict[str, int] = {}
                for u, n in row["by_url"].items():
                    groups[_group(u)] = groups.get(_group(u), 0) + n
                out["breakdown"][kind] = groups
                if kind == "lesson":
                    before = sum(n for u, n in row["by_url"].items() if _group(u) in ("search index", "search worker"))
                    out["search_before"] = before
                    probe.reset()
                    page.keyboard.press("/")  # the theme's shortcut: opens and focuses search
                    page.locator('input[data-md-component="search-query"]').fill("EGDI")
                    page.locator(".md-search-result__item").first.wait_for(timeout=60000)
                    settle(page, quiet_ms=300)
                    out["search_after"] = sum(n for u, n in probe.bytes.items()
                                              if _group(u) in ("search index", "search worker"))
                probe.close()
                ctx.close()

            # The next page, warm cache: a reader who opened one lesson goes on.
            ctx = browser.new_context()
            page = ctx.new_page()
            probe = Probe(page, browser)
            visit(page, probe, url(md[0].src_uri))
            nxt = {"next lesson": url(md[1].src_uri), "notebook lesson": url(nb[0].src_uri) if nb else None,
                   "module overview": url(course.modules[1].index_uri),
                   "module quiz": url(course.modules[1].quiz_uri) if course.modules[1].quiz else None,
                   "learning path": url(f"paths/{course.paths[-1].id}/index.md"), "progress": url("progress.md")}
            for kind, target in nxt.items():
                if target:
                    out["next"][kind] = visit(page, probe, target)
            probe.close()
            ctx.close()

            # Regular 3G, empty cache: when can the reader read, and when can they check an answer?
            ctx = browser.new_context()
            page = ctx.new_page()
            probe = Probe(page)
            probe.throttle(*REGULAR_3G)
            page.goto(url(quizzed.src_uri), wait_until="commit", timeout=120000)
            page.locator("[data-lesson] p").first.wait_for(state="visible", timeout=120000)
            page.wait_for_function("() => performance.getEntriesByName('first-contentful-paint').length > 0", timeout=120000)
            paint = page.evaluate("() => performance.getEntriesByName('first-contentful-paint')[0].startTime")
            page.locator("section[data-quiz][data-ready]").first.wait_for(state="attached", timeout=120000)
            ready = page.evaluate("() => performance.now()")
            out["3g"] = {"lesson": quizzed.id, "text_ms": paint, "quiz_ms": ready}
            ctx.close()
            browser.close()
    finally:
        served.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--json", help="also write the figures to this JSON file")
    args = ap.parse_args()

    course, _ = load_course(REPO / "course", REPO / "quizzes")
    smallest = min(course.paths, key=lambda p: len(p.all_lessons))
    tmp = Path(tempfile.mkdtemp(prefix="digit4sd-bench-"))
    figures: dict = {"builds": {}}
    try:
        for cache in (REPO / ".cache" / "notebooks", REPO / ".cache" / "mkdocs-jupyter"):
            shutil.rmtree(cache, ignore_errors=True)
        figures["builds"]["hosted, notebooks executed (cold cache)"] = build(REPO, tmp / "hosted")
        warm = figures["builds"]["hosted, rebuild (warm cache)"] = build(REPO, tmp / "hosted-warm")
        plain_first, plain_warm, plain_pages = baseline(tmp, course)
        figures["builds"][f"plain mkdocs-material, same Markdown ({plain_pages} pages)"] = plain_first
        figures["builds"]["plain mkdocs-material, second build"] = plain_warm
        serve_course = figures["builds"]["hosted, author's save in mkdocs serve (in process)"] = serve_rebuild(
            REPO, tmp / "hosted-serve")
        serve_plain = figures["builds"]["plain mkdocs-material, save in mkdocs serve"] = serve_rebuild(
            tmp / "plain", tmp / "plain-serve", strict=False)
        for cache in (REPO / ".cache" / "notebooks", REPO / ".cache" / "mkdocs-jupyter"):
            shutil.rmtree(cache, ignore_errors=True)
        figures["builds"]["hosted, notebooks not executed (cold cache)"] = build(
            REPO, tmp / "hosted-noexec", {"NOTEBOOK_EXECUTE": "false"})
        full_zip = tmp / "full.zip"
        figures["builds"]["offline edition + zip"] = build(
            REPO, tmp / "offline", {"OFFLINE": "true", "OFFLINE_ZIP": str(full_zip)})
        path_zip = tmp / "path.zip"
        figures["builds"][f"offline, path '{smallest.id}' + zip"] = build(
            REPO, tmp / "offline-path", {"OFFLINE": "true", "OFFLINE_ZIP": str(path_zip), "LEARNING_PATH": smallest.id})

        # each language the platform has a catalogue for, whatever course/course.yml switches on
        langs = ["en"] + [x for x in ("fr", "ar") if (REPO / "hooks" / "coursekit" / "locales" / f"{x}.yml").is_file()]
        multi = language_project(tmp / "langs", langs)
        figures["builds"][f"hosted, {len(langs)} languages ({', '.join(langs)})"] = build(multi, tmp / "hosted-langs")
        figures["languages"] = {}
        for code in langs:
            lz = tmp / f"offline-{code}.zip"
            secs = build(multi, tmp / f"offline-{code}", {"OFFLINE": "true", "OFFLINE_ZIP": str(lz), "COURSE_LANGUAGE": code})
            translated = len(course.lessons) if code == "en" else sum(
                1 for les in course.lessons if any((REPO / "course" / code / les.module_id / (les.id + x)).is_file() for x in (".md", ".ipynb")))
            figures["languages"][code] = {"offline_build_seconds": secs, "zip_bytes": lz.stat().st_size,
                                          "lessons_in_language": translated}

        hosted = tmp / "hosted"
        print(f"\nDIGIT4SD course benchmark ({len(course.lessons)} lessons, {len(course.quizzes)} quizzes)\n")
        w = wire(hosted, course)
        figures["wire"] = {k: v for k, v in w.items()}
        print("Bytes on the wire (Chromium, DevTools encodedDataLength; served gzip, max-age=600)")
        print(f"{'page':28} {'wire':>10} {'server sent':>12} {'requests':>9}")
        for kind, row in w["first"].items():
            print(f"{'first visit: ' + kind:28} {kb(row['wire']):>10} {kb(row['server']):>12} {row['requests']:9d}")
        for kind, row in w["next"].items():
            print(f"{'warm cache: ' + kind:28} {kb(row['wire']):>10} {kb(row['server']):>12} {row['requests']:9d}")
        print("\nWhere a first visit's bytes go (wire)")
        groups = sorted({g for b in w["breakdown"].values() for g in b})
        print(f"{'page kind':18} " + " ".join(f"{g[:12]:>12}" for g in groups))
        for kind, b in w["breakdown"].items():
            print(f"{kind:18} " + " ".join(f"{kb(b.get(g, 0)):>12}" for g in groups))
        print(f"\nSearch: {kb(w['search_before'])} before the reader opens it; {kb(w['search_after'])} when they do "
              "(the worker and the index)")
        print(f"Regular 3G ({REGULAR_3G[0]} kbit/s, {REGULAR_3G[2]} ms), lesson '{w['3g']['lesson']}', empty cache: "
              f"text painted after {w['3g']['text_ms'] / 1000:.1f} s, quiz ready to check after {w['3g']['quiz_ms'] / 1000:.1f} s")

        print("\nStatic bytes per page kind, hosted edition (the HTML and what it names, gzip; median)")
        print(f"{'page kind':18} {'pages':>5} {'first visit':>12} {'repeat visit':>13} {'HTML raw':>11}")
        figures["pages"] = {}
        for kind, files in page_kinds(hosted, course, True).items():
            if not files:
                continue
            costs = [page_cost(hosted, f) for f in files]
            row = {k: statistics.median(c[k] for c in costs) for k in ("first", "repeat", "raw_html", "html")}
            row["max_html"] = max(c["html"] for c in costs)
            row["pages"] = len(files)
            figures["pages"][kind] = row
            print(f"{kind:18} {len(files):5d} {kb(row['first']):>12} {kb(row['repeat']):>13} {kb(row['raw_html']):>11}")

        # The quiz code, the shared course code and the quiz's own stylesheet (quiz.css, loaded only
        # with a quiz; issue 20 measured it with all of course.css, before the split), minified as
        # the build ships them. core.js and quiz.js reach readers joined into course.js
        # (BUNDLES), whose whole cost is in the wire figures; store.js, the learner-data
        # registry every course script uses, is counted there too, not here.
        from coursekit.release import minified
        sources = REPO / "docs/assets/course"
        quiz = gz(b"".join(minified(n, (sources / n).read_bytes()) for n in ("core.js", "quiz.js", "quiz.css")))
        figures["quiz_runtime_gzip"] = quiz
        index = hosted / "search/search_index.json"
        figures["search_index_gzip"] = gz(index.read_bytes())
        offline_indexes = sorted(str(p.relative_to(tmp / "offline")) for p in (tmp / "offline" / "search").glob("search_index.*"))

        def count(site: Path) -> int:
            return sum(1 for _ in site.rglob("*.html"))

        figures["offline"] = {
            "zip_bytes": full_zip.stat().st_size, "pages": count(tmp / "offline"), "search_files": offline_indexes,
            "path": smallest.id, "path_zip_bytes": path_zip.stat().st_size, "path_pages": count(tmp / "offline-path"),
        }
        ratio = warm / plain_warm
        figures["rebuild_ratio"] = ratio
        serve_ratio = figures["serve_rebuild_ratio"] = serve_course / serve_plain
        print("\nOther figures")
        print(f"  quiz runtime (core.js, quiz.js, quiz.css, minified), gzip: {kb(quiz)}")
        print(f"  search index (search_index.json), gzip:      {kb(figures['search_index_gzip'])}")
        print(f"  offline zip, whole course: {kb(full_zip.stat().st_size)} ({figures['offline']['pages']} HTML pages; "
              f"search files: {', '.join(offline_indexes)})")
        print(f"  offline zip, path '{smallest.id}': {kb(path_zip.stat().st_size)} ({figures['offline']['path_pages']} HTML pages)")
        print("\nPer language: the offline edition built alone (COURSE_LANGUAGE) and its zip")
        print(f"{'language':10} {'build (s)':>10} {'zip':>10} {'lessons in the language':>25}")
        for code, row in figures["languages"].items():
            print(f"{code:10} {row['offline_build_seconds']:10.1f} {kb(row['zip_bytes']):>10} "
                  f"{row['lessons_in_language']:>14d} of {len(course.lessons)}")
        print("\nBuild times (seconds)")
        for name, secs in figures["builds"].items():
            print(f"  {name:52} {secs:6.1f}")
        print(f"  warm rebuild / plain mkdocs-material second build (new processes): {ratio:.1f}x")
        print(f"  author's save in mkdocs serve / plain mkdocs-material's: {serve_ratio:.1f}x")

        values = {
            "lesson, first visit, wire, empty cache": w["first"]["lesson"]["wire"],
            "next lesson, wire, warm cache": w["next"]["next lesson"]["wire"],
            "notebook lesson, wire, warm cache": w["next"].get("notebook lesson", {}).get("wire", 0),
            "quiz runtime (JS + CSS it needs), gzip": quiz,
            "whole-course offline zip": full_zip.stat().st_size,
            "search: bytes before the first search": w["search_before"],
            # what an author waits for on each save (issue 20: "mkdocs serve pays that on every
            # save"); the ratio of two fresh `mkdocs build` processes, which also pay every import
            # again, is printed above
            "warm rebuild, ratio to plain mkdocs-material": serve_ratio,
        }
        print("\nBudgets (issue 20)")
        figures["budgets"] = {}
        for name, limit in BUDGETS.items():
            value = values[name]
            ok = value <= limit
            figures["budgets"][name] = {"value": value, "limit": limit, "ok": ok}
            shown = f"{value:.1f}x of {limit}x" if "ratio" in name else f"{kb(value)} of {kb(limit)}"
            print(f"  {'OK  ' if ok else 'OVER'} {name:46} {shown}")
        if args.json:
            Path(args.json).write_text(json.dumps(figures, indent=2, default=str), encoding="utf-8")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
