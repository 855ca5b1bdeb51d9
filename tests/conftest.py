"""Shared fixtures: building sites (real course and small fixture course), serving them,
and a headless Chromium driven by Playwright."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


def run_build(project: Path, dest: Path, env: dict | None = None, strict: bool = True,
              memory_mb: int | None = None, timeout: int = 900) -> subprocess.CompletedProcess:
    """Run `mkdocs build` in ``project`` the way a user would; return the finished process.
    ``memory_mb`` caps the build's address space (a build that needs more fails)."""
    cmd = [sys.executable, "-m", "mkdocs", "build", "-d", str(dest)]
    if strict:
        cmd.insert(4, "--strict")
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    for k in ("OFFLINE", "LEARNING_PATH", "OFFLINE_ZIP", "NOTEBOOK_CELL_TIMEOUT", "LMS_PACKAGE", "LMS_PACKAGE_VERSION",
              "QUESTION_BANK"):
        if env is None or k not in env:
            full_env.pop(k, None)
    def cap():
        import resource

        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    return subprocess.run(cmd, cwd=project, env=full_env, capture_output=True, text=True, timeout=timeout,
                          preexec_fn=cap if memory_mb else None)


LANGUAGE_DIRS = ("fr", "ar")  # the other languages' sites, under the English one (hooks/languages.py)


def english_pages(site: Path):
    """The built HTML pages of the site's own language (not those of fr/, ar/ under it)."""
    return (p for p in site.rglob("*.html") if p.relative_to(site).parts[0] not in LANGUAGE_DIRS)


def make_project(tmp: Path, fixture: str | None = "mini") -> Path:
    """A copy of the repository's engine (mkdocs.yml, hooks, docs) around a fixture course,
    or around a copy of the real course (``fixture=None``, see :func:`make_real_project`)."""
    proj = tmp / "project"
    proj.mkdir(parents=True)
    shutil.copy(REPO / "mkdocs.yml", proj / "mkdocs.yml")
    shutil.copytree(REPO / "hooks", proj / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO / "docs", proj / "docs")
    source = REPO if fixture is None else FIXTURES / fixture
    shutil.copytree(source / "course", proj / "course")
    shutil.copytree(source / "quizzes", proj / "quizzes")
    if fixture is None and (REPO / ".cache" / "notebooks").is_dir():  # executed notebooks, keyed by content
        shutil.copytree(REPO / ".cache" / "notebooks", proj / ".cache" / "notebooks")
    if (REPO / "package.json").exists():
        shutil.copy(REPO / "package.json", proj / "package.json")
    if (REPO / "node_modules").exists():
        (proj / "node_modules").symlink_to(REPO / "node_modules")
    return proj


def make_real_project(tmp: Path) -> Path:
    """A copy of the repository with the real course and quizzes, safe to break."""
    return make_project(tmp, None)


@pytest.fixture
def mini_project(tmp_path) -> Path:
    return make_project(tmp_path)


@pytest.fixture
def real_project(tmp_path) -> Path:
    return make_real_project(tmp_path)


def fails_cleanly(proc, *needles: str) -> str:
    """The build stopped (exit non-zero) with a message holding every needle and no traceback."""
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0, out[-3000:]
    assert "Traceback" not in out, out[-3000:]
    for n in needles:
        assert n in out, f"{n!r} not in build output:\n{out[-3000:]}"
    return out


@pytest.fixture(scope="session")
def real_course():
    """The real course, loaded once per session: (course, warnings)."""
    from coursekit import load_course

    return load_course(REPO / "course", REPO / "quizzes")


@pytest.fixture(scope="session")
def mini_course():
    from coursekit import load_course

    return load_course(FIXTURES / "mini" / "course", FIXTURES / "mini" / "quizzes")


def _built(tmp_path_factory, name: str, env: dict | None, project: Path | None = None) -> Path:
    dest = tmp_path_factory.mktemp(name) / "site"
    proc = run_build(project or REPO, dest, env)
    assert proc.returncode == 0, f"build failed:\n{proc.stdout}\n{proc.stderr}"
    return dest


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    """The real course, hosted edition, built strictly once per test session."""
    return _built(tmp_path_factory, "hosted", None)


@pytest.fixture(scope="session")
def offline_build(tmp_path_factory) -> tuple[Path, Path]:
    """The real course, offline edition (file://) and its zip, built strictly once per session."""
    zip_path = tmp_path_factory.mktemp("zip") / "digit4sd-course.zip"
    return _built(tmp_path_factory, "offline", {"OFFLINE": "true", "OFFLINE_ZIP": str(zip_path)}), zip_path


@pytest.fixture(scope="session")
def offline_dir(offline_build) -> Path:
    return offline_build[0]


@pytest.fixture(scope="session")
def mini_site(tmp_path_factory) -> Path:
    proj = make_project(tmp_path_factory.mktemp("miniproj"))
    return _built(tmp_path_factory, "mini", None, proj)


@pytest.fixture(scope="session")
def mini_offline(tmp_path_factory) -> Path:
    proj = make_project(tmp_path_factory.mktemp("miniproj-off"))
    return _built(tmp_path_factory, "mini-off", {"OFFLINE": "true"}, proj)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output clean
        pass


def serve(directory: Path):
    handler = functools.partial(_Quiet, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="session")
def site_url(site_dir):
    server, url = serve(site_dir)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def mini_url(mini_site):
    server, url = serve(mini_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `apt-get install -y chromium` (see .ci/run)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    """A fresh browser context (empty storage) and page; fails the test on page errors."""
    context = browser.new_context()
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.errors = errors  # type: ignore[attr-defined]
    yield pg
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"
