"""The one typed context of a build in progress, shared between the hook files.

MkDocs loads each hook file as a separate module, so ``hooks/course.py`` makes the
:class:`BuildContext` once per build (:func:`start`) and the other hook files read it
(:func:`current`). Nothing else is shared between them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .model import Course
from .pages import Links


@dataclass
class BuildContext:
    course: Course
    root: Path  # the repository (mkdocs.yml's folder)
    abbreviations: dict[str, str] = field(default_factory=dict)  # acronym -> term, on every page
    links: Links | None = None  # set once the engine's URL style is known (on_files)
    generated: dict[str, str] = field(default_factory=dict)  # URI -> text of every generated page
    # parts of site.BUNDLES that this build also ships on their own (an LMS launch page)
    keep_scripts: set[str] = field(default_factory=set)

    @property
    def data_dir(self) -> Path:
        return self.root / "course" / "data"


_CURRENT: list[BuildContext] = []


def start(ctx: BuildContext) -> BuildContext:
    _CURRENT[:] = [ctx]
    return ctx


def current() -> BuildContext | None:
    """The context of the build in progress, or None before the course is loaded."""
    return _CURRENT[0] if _CURRENT else None
