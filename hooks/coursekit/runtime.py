"""The model of the build in progress, shared between hook files.

MkDocs loads each hook file as a separate module, so hooks/course.py puts the
loaded course here and other hook files read it: ``runtime.CURRENT["course"]``.
"""

from __future__ import annotations

from typing import Any

CURRENT: dict[str, Any] = {}
