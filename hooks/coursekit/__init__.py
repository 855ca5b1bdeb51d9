"""coursekit: the course model of the DIGIT4SD course.

A plain, typed Python package that knows nothing of MkDocs. It reads the
course sources (manifest, lessons, quizzes, paths, glossary, tools), validates
them all at once and returns one immutable :class:`~coursekit.model.Course`.
The MkDocs hooks in ``hooks/`` are thin adapters around it, so the course can
move to another static-site engine by writing new adapters only.
"""

from .errors import CourseError, Problem
from .loader import load_course

__all__ = ["CourseError", "Problem", "load_course"]
