"""Benchmark: what the course costs a low-bandwidth reader, and how long it takes to build.

Run on demand (it is not a test): ``python3 tests/bench.py [--json out.json]``

It builds, strictly, in a temporary folder:
- the hosted edition (timed), and again with notebook execution off (timed, cold caches);
- the offline edition with its zip (timed), and the zip of the smallest learning path;
- a plain mkdocs-material site (no course code) with one page holding the text of a real
  lesson, the baseline that shows what the course adds.
Then prints, per page kind, the bytes of a first visit (the HTML and every stylesheet,
script and image it loads, gzip as served) and of a repeat visit (HTML and images only: the
rest is cached), the budgets of issue 8, the quiz runtime's size, and the build times.
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

BUDGET_FIRST = 120 * 1024
BUDGET_REPEAT = 20 * 1024
BUDGET_ZIP = 5 * 1024 * 1024
BUDGET_QUIZ = 12 * 1024
BUDGET_NOTEBOOK_HTML = 60 * 1024

_ASSET = re.compile(r'<(?:link[^>]+rel="stylesheet"[^>]*href|script[^>]+src|img[^>]+src)="([^"]+)"')


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


def build(project: Path, dest: Path, env: dict | None = None, strict: bool = True) -> float:
    full = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    for k in ("OFFLINE", "LEARNING_PATH", "OFFLINE_ZIP", "NOTEBOOK_EXECUTE"):
        if not env or k not in env:
            full.pop(k, None)
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", *(["--strict"] if strict else []), "-d", str(dest)],
                          cwd=project, env=full, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"build failed in {project} ({env}):\n{proc.stdout}\n{proc.stderr}")
    return seconds


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


def baseline(tmp: Path, lesson_md: Path) -> tuple[dict, float]:
    """A plain mkdocs-material site with one page holding the text of a real lesson."""
    proj = tmp / "plain"
    (proj / "docs").mkdir(parents=True)
    text = lesson_md.read_text(encoding="utf-8")
    text = re.sub(r"^---\n.*?\n---\n", "", text, flags=re.S)
    (proj / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (proj / "docs" / "lesson.md").write_text("# A lesson\n\n" + text, encoding="utf-8")
    (proj / "mkdocs.yml").write_text(
        "site_name: Plain\ntheme:\n  name: material\n  font: false\nmarkdown_extensions: [admonition, "
        "pymdownx.details, pymdownx.superfences, md_in_html, attr_list]\n", encoding="utf-8")
    seconds = build(proj, tmp / "plain-site", strict=False)  # the lesson's course links have no targets here
    return page_cost(tmp / "plain-site", tmp / "plain-site" / "lesson" / "index.html"), seconds


def kb(n: float) -> str:
    return f"{n / 1024:7.1f} KB"


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
        figures["builds"]["hosted, rebuild (warm cache)"] = build(REPO, tmp / "hosted-warm")
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
        lesson_src = next(lesson.source for lesson in course.lessons if lesson.kind == "markdown")
        plain, plain_seconds = baseline(tmp, lesson_src)
        figures["builds"]["plain mkdocs-material, 2 pages"] = plain_seconds

        hosted = tmp / "hosted"
        print(f"\nDIGIT4SD course benchmark ({len(course.lessons)} lessons, {len(course.quizzes)} quizzes)\n")
        print("Bytes per page kind, hosted edition, gzip as served (median of the pages of that kind)")
        print(f"{'page kind':18} {'pages':>5} {'first visit':>12} {'repeat visit':>13} {'HTML raw':>11}")
        figures["pages"] = {}
        for kind, files in page_kinds(hosted, course, True).items():
            if not files:
                continue
            costs = [page_cost(hosted, f) for f in files]
            row = {k: statistics.median(c[k] for c in costs) for k in ("first", "repeat", "raw_html", "html")}
            row["max_first"] = max(c["first"] for c in costs)
            row["max_html"] = max(c["html"] for c in costs)
            row["pages"] = len(files)
            figures["pages"][kind] = row
            print(f"{kind:18} {len(files):5d} {kb(row['first']):>12} {kb(row['repeat']):>13} {kb(row['raw_html']):>11}")
        print(f"{'plain material':18} {1:5d} {kb(plain['first']):>12} {kb(plain['repeat']):>13} {kb(plain['raw_html']):>11}"
              "   (baseline: same lesson text, no course code)")
        figures["pages"]["plain mkdocs-material lesson"] = plain

        quiz_files = [hosted / "assets/course/core.js", hosted / "assets/course/quiz.js", hosted / "assets/course/course.css"]
        quiz = gz(b"".join(p.read_bytes() for p in quiz_files))
        figures["quiz_runtime_gzip"] = quiz
        search = hosted / "search/search_index.json"
        figures["search_index_gzip"] = gz(search.read_bytes())

        def count(site: Path) -> int:
            return sum(1 for _ in site.rglob("*.html"))

        figures["offline"] = {
            "zip_bytes": full_zip.stat().st_size, "pages": count(tmp / "offline"),
            "path": smallest.id, "path_zip_bytes": path_zip.stat().st_size, "path_pages": count(tmp / "offline-path"),
        }
        print("\nOther figures")
        print(f"  quiz runtime (core.js + quiz.js + course.css), gzip: {kb(quiz)}")
        print(f"  search index, fetched on first search, gzip:       {kb(figures['search_index_gzip'])}")
        print(f"  offline zip, whole course: {kb(full_zip.stat().st_size)} ({figures['offline']['pages']} HTML pages)")
        print(f"  offline zip, path '{smallest.id}': {kb(path_zip.stat().st_size)} ({figures['offline']['path_pages']} HTML pages)")
        print("\nBuild times (seconds)")
        for name, secs in figures["builds"].items():
            print(f"  {name:45} {secs:6.1f}")

        lesson_rows = [figures["pages"].get(k) for k in ("lesson", "notebook lesson") if figures["pages"].get(k)]
        checks = [
            ("lesson first visit <= 120 KB (worst lesson)", max(r["max_first"] for r in lesson_rows), BUDGET_FIRST),
            ("lesson repeat visit <= 20 KB (median)", figures["pages"]["lesson"]["repeat"], BUDGET_REPEAT),
            ("notebook page HTML <= 60 KB gzip (worst)", figures["pages"].get("notebook lesson", {}).get("max_html", 0), BUDGET_NOTEBOOK_HTML),
            ("quiz runtime JS + CSS <= 12 KB gzip", quiz, BUDGET_QUIZ),
            ("offline zip <= 5 MB", full_zip.stat().st_size, BUDGET_ZIP),
        ]
        print("\nBudgets")
        figures["budgets"] = {}
        for name, value, limit in checks:
            ok = value <= limit
            figures["budgets"][name] = {"value": value, "limit": limit, "ok": ok}
            print(f"  {'OK  ' if ok else 'OVER'} {name:48} {kb(value)} of {kb(limit)}")
        if args.json:
            Path(args.json).write_text(json.dumps(figures, indent=2), encoding="utf-8")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
