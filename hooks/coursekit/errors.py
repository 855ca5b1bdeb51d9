"""Problems found in course sources, reported together and without tracebacks."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one source file.

    ``where`` is the line number (1-based) or the key path inside the file when
    known; ``fix`` tells the author what to do.
    """

    file: str
    message: str
    line: int | None = None
    key: str | None = None
    fix: str | None = None
    severity: str = "error"  # "error" or "warning"

    def __str__(self) -> str:
        loc = self.file
        if self.line is not None:
            loc += f":{self.line}"
        if self.key:
            loc += f" [{self.key}]"
        text = f"{loc}: {self.message}"
        if self.fix:
            text += f" -> {self.fix}"
        return text


class CourseError(Exception):
    """Raised when course sources hold one or more errors.

    The message lists every problem, one per line, so an author fixes them all
    in one pass.
    """

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        lines = [f"{len(self.problems)} problem(s) in the course sources:"]
        lines += [f"  - {p}" for p in self.problems]
        super().__init__("\n".join(lines))


class Collector:
    """Gathers problems while loading; raises them all at the end."""

    def __init__(self, root: Path):
        self.root = root
        self.problems: list[Problem] = []

    def rel(self, path: Path | str) -> str:
        p = Path(path)
        try:
            return p.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(p)

    def error(self, file, message, *, line=None, key=None, fix=None) -> None:
        self.problems.append(Problem(self.rel(file), message, line, key, fix, "error"))

    def warn(self, file, message, *, line=None, key=None, fix=None) -> None:
        self.problems.append(Problem(self.rel(file), message, line, key, fix, "warning"))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    def raise_if_errors(self) -> None:
        if self.errors:
            raise CourseError(self.errors)
