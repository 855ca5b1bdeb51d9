"""Every interface string of the generated pages, looked up by key in one catalogue per language.

The catalogues are ``coursekit/locales/<language>.yml`` (English first): flat keys, each a
string with ``{name}`` placeholders. :func:`t` is the one lookup; a key missing from the
language's catalogue is a :class:`~coursekit.errors.CourseError` naming the key and the
language, never a silent English fallback or an empty string.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .errors import CourseError, Problem
from .yamlio import SourceError, load_yaml, read_text

LOCALES = Path(__file__).resolve().parent / "locales"
DEFAULT_LANGUAGE = "en"


@lru_cache(maxsize=None)
def catalogue(language: str = DEFAULT_LANGUAGE) -> dict[str, str]:
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


def t(key: str, language: str = DEFAULT_LANGUAGE, **values) -> str:
    """The interface string ``key`` in ``language``, with ``{name}`` placeholders filled."""
    strings = catalogue(language)
    if key not in strings:
        raise CourseError([Problem(f"hooks/coursekit/locales/{language}.yml",
                                   f"interface string '{key}' is missing for language '{language}'", key=key,
                                   fix=f"add '{key}' to the catalogue")])
    text = strings[key]
    return text.format(**values) if values else text
