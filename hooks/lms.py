"""MkDocs hooks for learning platforms: thin adapters around ``coursekit.lms``.

- ``LMS_PACKAGE=dist/course-scorm.zip mkdocs build --strict`` builds the course (or one path,
  with ``LEARNING_PATH``) as a SCORM 2004 4th edition package; ``LMS_PACKAGE_VERSION=1.2``
  makes it SCORM 1.2. The package is built like the offline edition (relative ``.html`` links),
  plus a launch page and the adapter script, with ``imsmanifest.xml`` at the zip's root.
- ``QUESTION_BANK=dist/questions.xml mkdocs build --strict`` also writes every quiz as a Moodle
  XML question bank.
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from coursekit import lms, runtime
from coursekit.release import human_size

log = logging.getLogger("mkdocs.plugins.coursekit.lms")
_state: dict = {}


def _target(name: str, suffix: str, config) -> Path | None:
    value = os.environ.get(name, "").strip()
    if not value:
        return None
    path = Path(value)
    if not path.is_absolute():
        path = Path(config.config_file_path).parent / path
    if path.suffix.lower() != suffix:
        raise PluginError(f"{name}={value}: the name must end in {suffix} (for example dist/digit4sd{suffix})")
    return path


@event_priority(100)  # before mkdocs-material's offline plugin reads its own setting
def on_config(config):
    _state.clear()
    package = _target("LMS_PACKAGE", ".zip", config)
    bank = _target("QUESTION_BANK", ".xml", config)
    try:
        version = lms.version_of(os.environ.get("LMS_PACKAGE_VERSION"))
    except lms.PackageError as exc:
        raise PluginError(str(exc)) from None
    _state.update(package=package, bank=bank, version=version)
    if package is not None:
        # An LMS serves the package's files as they are: relative links to .html files, as in
        # the offline edition (which also carries the search index as a script).
        offline = config.plugins.get("material/offline") or config.plugins.get("offline")
        if offline is None:
            raise PluginError("LMS_PACKAGE needs mkdocs-material's offline plugin in mkdocs.yml")
        offline.config.enabled = True
        config.use_directory_urls = False
    return config


@event_priority(110)  # before hooks/course.py joins the page scripts: the launch page needs some alone
def on_files(files: Files, config):
    if _state.get("package") is not None:
        runtime.current().keep_scripts.update(lms.LAUNCH_SCRIPTS)
    adapter = files.get_file_from_path(lms.ADAPTER_JS)
    if _state.get("package") is None:
        if adapter is not None:
            files.remove(adapter)  # only packages carry the adapter
        return files
    if adapter is None:
        raise PluginError(f"docs/{lms.ADAPTER_JS} is missing: the SCORM adapter ships with the course")
    course = runtime.current().course
    language = config.theme.get("language") or "en"
    files.append(File.generated(config, lms.CONFIG_JS, content=lms.config_js(course, _state["version"], language)))
    files.append(File.generated(config, lms.LAUNCH, content=lms.launch_html(config.site_name, language)))
    return files


_EXTERNAL = re.compile(r'<a (?![^>]*\btarget=)([^>]*\bhref="(?:https?:)?//[^"]*"[^>]*)>')


def on_page_content(html, page, config, files):
    if _state.get("package") is None:
        return html
    # Inside an LMS the course runs in a frame: a link to another site opens a new window, so
    # the learner never navigates the course frame out of the package.
    return _EXTERNAL.sub(r'<a target="_blank" rel="noopener" \1>', html)


@event_priority(-300)  # after release.py (-200) has pruned the site
def on_post_build(config):
    ctx = runtime.current()
    course = ctx.course if ctx else None
    bank = _state.get("bank")
    if bank is not None:
        try:
            xml, counts = lms.moodle_xml(course)
        except lms.PackageError as exc:
            raise PluginError(str(exc)) from None
        bank.parent.mkdir(parents=True, exist_ok=True)
        bank.write_text(xml, encoding="utf-8")
        log.info("question bank written: %s (%s)", bank,
                 ", ".join(f"{n} {k}" for k, n in sorted(counts.items())))
    package = _state.get("package")
    if package is not None:
        language = config.theme.get("language") or "en"
        n = lms.make_package(Path(config.site_dir), package, course, _state["version"], language)
        log.info("SCORM %s package written: %s (%d files, %s)", _state["version"], package, n,
                 human_size(package.stat().st_size))
