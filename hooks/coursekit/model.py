"""The immutable, typed course model.

Every class here is a frozen pydantic model: the loader builds it once per build
and nothing downstream can change it. Validation rules that belong to the data
itself live here; cross-file rules (a path naming a missing lesson, a marker
naming a missing quiz) live in :mod:`coursekit.loader`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, model_validator

from .fields import ID_RE, Id, Int, Strict, Text  # noqa: F401  (re-exported: the model's field types)
from .questions import (  # noqa: F401  (re-exported: each question type is one unit in coursekit.questions)
    QUESTION_TYPES,
    FillBlankQ,
    MatchingQ,
    MultipleQ,
    NumericQ,
    Option,
    OrderingQ,
    Pair,
    Question,
    ShortTextQ,
    SingleQ,
    TrueFalseQ,
)


# --------------------------------------------------------------------------- lessons


class Reading(Strict):
    title: Text
    publisher: Text
    year: Annotated[Int, Field(ge=1945, le=2100)]
    url: str | None = None
    note: str | None = None


class LessonMeta(Strict):
    """What a lesson's front matter (or notebook metadata ``course``) holds."""

    title: Text
    minutes: Annotated[Int, Field(ge=1, le=600, description="study time for a self-paced learner")]
    activity_minutes: Annotated[Int, Field(ge=0, le=600)] = 0
    objectives: Annotated[tuple[Text, ...], Field(min_length=2)]
    keypoints: Annotated[tuple[Text, ...], Field(min_length=2)]
    prerequisites: tuple[Id, ...] = ()
    further_reading: tuple[Reading, ...] = ()
    summary: str | None = None
    tools: tuple[Literal["assessment", "canvas", "roadmap", "group"], ...] = ()
    translation_of: str | None = None  # in a translation: the version of the English it translates


class QuizRef(Strict):
    quiz_id: str
    line: int


class Lesson(Strict):
    id: Id
    module_id: Id
    kind: Literal["markdown", "notebook"]
    source: Path
    src_uri: str  # where the page lives in the site, e.g. "m1-why/toolkit.md"
    meta: LessonMeta
    quiz_refs: tuple[QuizRef, ...] = ()
    language: str = "en"  # the language of its text
    # in a translated course: "current" or "stale" (the English changed since), None when the
    # lesson is shown in English because it has no translation yet
    translation: Literal["current", "stale"] | None = None
    english_source: Path | None = None

    @property
    def title(self) -> str:
        return self.meta.title

    @property
    def minutes(self) -> int:
        return self.meta.minutes


class Module(Strict):
    id: Id
    number: int
    title: Text
    summary: Text
    lessons: tuple[Lesson, ...]
    quiz: Id | None = None

    @property
    def minutes(self) -> int:
        return sum(lesson.minutes for lesson in self.lessons)

    @property
    def index_uri(self) -> str:
        return f"{self.id}/index.md"

    @property
    def quiz_uri(self) -> str:
        return f"{self.id}/quiz.md"


# --------------------------------------------------------------------------- quizzes


class Quiz(Strict):
    id: Id
    title: Text = "Self-check"
    intro: str | None = None
    pass_ratio: Annotated[float, Field(gt=0, le=1)] = 0.8
    questions: Annotated[tuple[Question, ...], Field(min_length=1)]
    source: Path | None = None
    language: str = "en"  # the language of its text

    @model_validator(mode="after")
    def unique_ids(self):
        seen: set[str] = set()
        for q in self.questions:
            if q.id in seen:
                raise ValueError(f"duplicate question id '{q.id}'")
            seen.add(q.id)
        return self


# --------------------------------------------------------------------------- paths


class Activity(Strict):
    title: Text
    minutes: Annotated[Int, Field(ge=1, le=600)]
    tool: Literal["assessment", "group", "canvas", "roadmap"] | None = None
    note: str | None = None


class Session(Strict):
    title: Text
    day: Annotated[Int, Field(ge=1, le=10)] = 1
    lessons: tuple[Id, ...] = ()
    activities: tuple[Activity, ...] = ()
    break_after: Annotated[Int, Field(ge=0, le=180)] = 0
    break_label: str = "Break"


class LearningPath(Strict):
    id: Id
    title: Text
    audience: Text
    description: Text
    lessons: tuple[Id, ...] = ()
    sessions: tuple[Session, ...] = ()
    start: Annotated[str, Field(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")] = "09:00"
    day_minutes: Annotated[Int, Field(ge=60, le=720)] = 480

    @model_validator(mode="after")
    def lessons_or_sessions(self):
        if self.lessons and self.sessions:
            raise ValueError("give either 'lessons' or 'sessions', not both")
        if not self.all_lessons:
            raise ValueError("a path needs at least one lesson")
        return self

    @property
    def all_lessons(self) -> tuple[str, ...]:
        if self.sessions:
            out: list[str] = []
            for s in self.sessions:
                out.extend(s.lessons)
            return tuple(out)
        return self.lessons


# --------------------------------------------------------------------------- glossary


class Term(Strict):
    term: Text
    abbr: str | None = None  # the acronym, when the term has one (EGDI)
    definition: Text
    see: tuple[str, ...] = ()
    english: str | None = None  # in a translation: the English entry's acronym or term (its anchor)
    language: str = "en"  # the language of its text (set by the loader)

    @property
    def anchor(self) -> str:
        """The same in every language (made from the English), so links to a term hold."""
        return "term-" + re.sub(r"[^a-z0-9]+", "-", (self.english or self.abbr or self.term).lower()).strip("-")


# --------------------------------------------------------------------------- workshop tools


class ScalePoint(Strict):
    value: Annotated[Int, Field(ge=0, le=10)]
    label: Text


class Statement(Strict):
    id: Id
    text: Text


class Dimension(Strict):
    id: Id
    title: Text
    lessons: tuple[Id, ...] = ()
    statements: Annotated[tuple[Statement, ...], Field(min_length=4, max_length=6)]


class Assessment(Strict):
    title: Text
    intro: Text
    language: str = "en"  # the language of its text (set by the loader)
    scale: Annotated[tuple[ScalePoint, ...], Field(min_length=3, max_length=7)]
    dimensions: Annotated[tuple[Dimension, ...], Field(min_length=2)]

    @model_validator(mode="after")
    def unique(self):
        ids = [d.id for d in self.dimensions] + [st.id for d in self.dimensions for st in d.statements]
        dup = sorted({x for x in ids if ids.count(x) > 1})
        if dup:
            raise ValueError(f"dimension and statement ids must be unique; repeated: {', '.join(dup)}")
        values = [p.value for p in self.scale]
        if values != sorted(set(values)):
            raise ValueError("scale values must be distinct and in increasing order")
        return self


class CanvasBlock(Strict):
    id: Id
    title: Text
    questions: Annotated[tuple[Text, ...], Field(min_length=1)]


class Canvas(Strict):
    title: Text
    intro: Text
    language: str = "en"  # the language of its text (set by the loader)
    blocks: Annotated[tuple[CanvasBlock, ...], Field(min_length=2)]

    @model_validator(mode="after")
    def unique(self):
        ids = [b.id for b in self.blocks]
        if len(ids) != len(set(ids)):
            raise ValueError("canvas block ids must be unique")
        return self


# --------------------------------------------------------------------------- course


class Course(Strict):
    id: Id
    title: Text
    subtitle: str | None = None
    root: Path
    modules: tuple[Module, ...]
    quizzes: tuple[Quiz, ...] = ()
    paths: tuple[LearningPath, ...] = ()
    glossary: tuple[Term, ...] = ()
    assessment: Assessment | None = None
    canvas: Canvas | None = None
    only_path: str | None = None  # set when the site is built for one learning path
    language: str = "en"  # the language the course is loaded in
    languages: tuple[str, ...] = ("en",)  # every language the course has, English first

    @property
    def lessons(self) -> tuple[Lesson, ...]:
        return tuple(lesson for m in self.modules for lesson in m.lessons)

    def lesson(self, lesson_id: str) -> Lesson:
        for lesson in self.lessons:
            if lesson.id == lesson_id:
                return lesson
        raise KeyError(lesson_id)

    def module(self, module_id: str) -> Module:
        for m in self.modules:
            if m.id == module_id:
                return m
        raise KeyError(module_id)

    def quiz(self, quiz_id: str) -> Quiz:
        for q in self.quizzes:
            if q.id == quiz_id:
                return q
        raise KeyError(quiz_id)

    def path(self, path_id: str) -> LearningPath:
        for p in self.paths:
            if p.id == path_id:
                return p
        raise KeyError(path_id)

    def lesson_by_uri(self) -> dict[str, Lesson]:
        return {lesson.src_uri: lesson for lesson in self.lessons}
