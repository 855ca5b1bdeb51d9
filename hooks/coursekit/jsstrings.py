"""The browser scripts' interface strings, from the one interface catalogue.

Every string a course script shows a reader is a ``js.<key>`` entry of
``coursekit/locales/<language>.yml`` (same ``{name}`` placeholders as the Python side), looked
up in the browser as ``t("<key>")`` (``CourseStore.t`` in store.js, ``Course.t`` in the page
scripts). :func:`strings_js` makes :data:`STRINGS_JS`, the part that opens the ``<head>`` bundle
(a file the reader's browser keeps, never bytes of each page); :func:`check_scripts` refuses a
key a script uses that the catalogue lacks, as :func:`coursekit.i18n.t` does for Python.
Engine-independent: it knows file names and texts, nothing of MkDocs.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable

from .errors import CourseError, Problem
from .html import js_global, json_script
from .i18n import catalogue

STRINGS_JS = "assets/course/strings.js"
PREFIX = "js."
# A lookup in a course script: t("key"), C.t("key"), Course.t("key") or C.tn("key") (a literal key,
# so that the build can check it).
KEY_CALL = re.compile(r"""\btn?\(\s*["']([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+)["']""")


def browser_strings(language: str | None = None) -> dict[str, str]:
    """The ``js.*`` strings of the catalogue, by key without the prefix, in catalogue order."""
    return {k[len(PREFIX):]: v for k, v in catalogue(language).items() if k.startswith(PREFIX)}


def strings_js(language: str | None = None, leave_out: Iterable[str] = ()) -> str:
    """The part that sets ``window.CourseStrings``: the js.* keys (without the prefix), but those
    in ``leave_out`` (the keys a script of its own carries, :func:`own_strings_js`)."""
    skip = set(leave_out)
    return js_global("CourseStrings", {k: v for k, v in sorted(browser_strings(language).items()) if k not in skip})


def own_strings_js(keys: Iterable[str], language: str | None = None) -> str:
    """The strings only one script uses, put in front of that script: they add to the shared
    ``window.CourseStrings`` (the same object store.js's lookup reads)."""
    have = browser_strings(language)
    data = json_script({k: have[k] for k in sorted(keys)})
    return f"Object.assign(window.CourseStrings||(window.CourseStrings={{}}),{data});\n"


def own_keys(sources: Iterable[tuple[str, str]], shared: Iterable[str]) -> dict[str, set[str]]:
    """The keys each script that is not ``shared`` (not a part of the bundles every page loads:
    the progress page's, the tools', the presentation's) alone uses -> that script's name. Those
    strings ship with the script, so a reader pays for them only where they are shown; every
    other key goes to the ``<head>`` bundle."""
    shared = set(shared)
    out: dict[str, set[str]] = {}
    for key, names in used_keys(sources).items():
        if len(names) == 1 and names[0] not in shared:
            out.setdefault(names[0], set()).add(key)
    return out


def parts(sources: list[tuple[str, str]], shared: Iterable[str],
          language: str | None = None) -> tuple[str, dict[str, str]]:
    """The strings, checked against the catalogue (:func:`check_scripts`), as the build ships
    them: the ``<head>`` part (:data:`STRINGS_JS`), and for each script that is not ``shared``
    and alone shows some strings, the part that goes in front of it (name -> part)."""
    check_scripts(sources, language)
    own = own_keys(sources, shared)
    head = strings_js(language, leave_out={k for keys in own.values() for k in keys})
    return head, {name: own_strings_js(keys, language) for name, keys in own.items()}


def used_keys(sources: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    """Every key the scripts look up -> the files (``name``) that use it, from ``(name, text)`` pairs."""
    out: dict[str, list[str]] = {}
    for name, text in sources:
        for key in KEY_CALL.findall(text):
            files = out.setdefault(key, [])
            if name not in files:
                files.append(name)
    return out


def check_scripts(sources: Iterable[tuple[str, str]], language: str | None = None) -> None:
    """A :class:`CourseError` naming each key a script uses that the catalogue does not hold."""
    from .i18n import current

    language = language or current()
    have = browser_strings(language)
    rel = f"hooks/coursekit/locales/{language}.yml"
    problems = [Problem(name, f"interface string '{PREFIX}{key}' is missing from {rel}", key=PREFIX + key,
                        fix=f"add '{PREFIX}{key}' to {rel}")
                for key, names in sorted(used_keys(sources).items()) if key not in have for name in names]
    if problems:
        raise CourseError(problems)


def script_sources(folder: Path, prefix: str = "docs/assets/course/") -> list[tuple[str, str]]:
    """``(name, text)`` of every course script in ``folder`` (the sources :func:`check_scripts` reads)."""
    return [(prefix + p.name, p.read_text(encoding="utf-8")) for p in sorted(Path(folder).glob("*.js"))]

