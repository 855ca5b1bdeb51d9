"""The building blocks every course model shares: the strict, frozen base and the field types.

Kept apart from :mod:`coursekit.model` so that :mod:`coursekit.questions` (each question type
with its model) and the model of the course can both build on them.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictInt

ID_RE = r"^[a-z0-9][a-z0-9-]*$"
Id = Annotated[str, Field(pattern=ID_RE, min_length=1, max_length=64)]
Text = Annotated[str, Field(min_length=1)]
Int = StrictInt  # a whole number as written: `true` or `"5"` is refused, not read as 1 or 5


class Strict(BaseModel):
    """Base: immutable, unknown keys are errors (they are usually typos)."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)
