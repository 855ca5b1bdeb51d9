"""Every interface string of the generated pages, looked up by key in one catalogue per language.

The catalogues are ``coursekit/locales/<language>.yml`` (English first): flat keys, each a
string with ``{name}`` placeholders. :func:`t` is the one lookup; a key missing from the
language's catalogue is a :class:`~coursekit.errors.CourseError` naming the key and the
language, never a silent English fallback or an empty string.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from .errors import CourseError, Problem
from .yamlio import SourceError, load_yaml, read_text

LOCALES = Path(__file__).resolve().parent / "locales"
DEFAULT_LANGUAGE = "en"

# Each language the platform can build: its own name (for the language switcher) and its
# writing direction.
LANGUAGES = {
    "en": {"name": "English", "dir": "ltr"},
    "fr": {"name": "Français", "dir": "ltr"},
    "ar": {"name": "العربية", "dir": "rtl"},
}

_current = {"language": DEFAULT_LANGUAGE}


def use(language: str) -> None:
    """Make ``language`` the one :func:`t` looks strings up in (one build is one language)."""
    if language not in LANGUAGES:
        known = ", ".join(LANGUAGES)
        raise CourseError([Problem("COURSE_LANGUAGE", f"the platform has no language '{language}'",
                                   fix=f"use one of: {known} (coursekit/i18n.py LANGUAGES lists them)")])
    problems = check_catalogue(language)  # a missing, broken or incomplete catalogue stops the build
    if problems:
        raise CourseError(problems)
    _current["language"] = language


_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def check_catalogue(language: str) -> list[Problem]:
    """Each key of the English catalogue that ``language``'s lacks, has too many of, or whose
    ``{placeholders}`` differ."""
    if language == DEFAULT_LANGUAGE:
        return []
    en, other = catalogue(DEFAULT_LANGUAGE), catalogue(language)
    rel = f"hooks/coursekit/locales/{language}.yml"
    out = [Problem(rel, f"interface string '{k}' is missing for language '{language}'", key=k,
                   fix=f"translate the English of hooks/coursekit/locales/en.yml into {rel}")
           for k in en if k not in other]
    out += [Problem(rel, f"interface string '{k}' is not in the English catalogue", key=k,
                    fix="remove it, or add it to en.yml first") for k in other if k not in en]
    for k in en.keys() & other.keys():
        want, got = set(_PLACEHOLDER.findall(en[k])), set(_PLACEHOLDER.findall(other[k]))
        if want != got:
            out.append(Problem(rel, f"interface string '{k}' has the placeholders {sorted(got)}; the English has "
                                    f"{sorted(want)}", key=k, fix="keep each {name} of the English, untranslated"))
    return out


def current() -> str:
    return _current["language"]


def direction(language: str | None = None) -> str:
    return LANGUAGES[language or current()]["dir"]


def catalogue(language: str | None = None) -> dict[str, str]:
    return _catalogue(language or current())


@lru_cache(maxsize=None)
def _catalogue(language: str) -> dict[str, str]:
    path = LOCALES / f"{language}.yml"
    rel = f"hooks/coursekit/locales/{language}.yml"
    if not path.is_file():
        raise CourseError([Problem(rel, f"no interface catalogue for language '{language}'",
                                   fix=f"create {rel} with the keys of en.yml")])
    try:
        data, _ = load_yaml(read_text(path))
    except SourceError as exc:
        raise CourseError([Problem(rel, str(exc), line=exc.line, fix=exc.fix)]) from None
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        raise CourseError([Problem(rel, "the catalogue must map each key to a string")])
    return data


def t(key: str, language: str | None = None, **values) -> str:
    """The interface string ``key`` in ``language`` (the build's language by default), with
    ``{name}`` placeholders filled."""
    language = language or current()
    strings = catalogue(language)
    if key not in strings:
        raise CourseError([Problem(f"hooks/coursekit/locales/{language}.yml",
                                   f"interface string '{key}' is missing for language '{language}'", key=key,
                                   fix=f"add '{key}' to the catalogue")])
    text = strings[key]
    return text.format(**values) if values else text
