"""Trainer pages: workshop agendas, answer keys and handouts (generated from the model)."""

from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass

from .model import Course, LearningPath, Quiz
from .i18n import t
from .pages import Links, PageMap
from .paths import agenda_uri
from .render import render
from .tools import ASSESSMENT, CANVAS, GROUP, ROADMAP

TOOL_PAGES = {"assessment": ASSESSMENT, "group": GROUP, "canvas": CANVAS, "roadmap": ROADMAP}


def _clock(minutes_from_midnight: int) -> str:
    h, m = divmod(minutes_from_midnight % (24 * 60), 60)
    return f"{h:02d}:{m:02d}"


def agenda_rows(course: Course, path: LearningPath) -> list[dict]:
    """The agenda as rows: day, kind (lesson, activity, break), title, minutes.

    Lesson rows carry the teaching time (lesson minutes) and the exercise time
    (activity minutes) from the lesson metadata; nothing is typed twice.
    """
    rows: list[dict] = []
    for s in path.sessions:
        rows.append({"day": s.day, "kind": "session", "title": s.title, "minutes": 0})
        for lid in s.lessons:
            lesson = course.lesson(lid)
            rows.append({"day": s.day, "kind": "lesson", "title": lesson.title, "lesson": lesson,
                         "minutes": lesson.minutes + lesson.meta.activity_minutes,
                         "teach": lesson.minutes, "exercise": lesson.meta.activity_minutes})
        for a in s.activities:
            rows.append({"day": s.day, "kind": "activity", "title": a.title, "minutes": a.minutes, "tool": a.tool})
        if s.break_after:
            rows.append({"day": s.day, "kind": "break", "title": s.break_label, "minutes": s.break_after})
    return rows


def _agenda_page(course: Course, path: LearningPath, links: Links) -> str:
    uri = agenda_uri(path)
    start_h, start_m = (int(x) for x in path.start.split(":"))
    rows = agenda_rows(course, path)
    days = []
    for day in sorted({r["day"] for r in rows}):
        clock = start_h * 60 + start_m
        total = 0
        out = []
        for r in (r for r in rows if r["day"] == day):
            r = dict(r)
            if r["kind"] != "session":
                r["start"], r["end"] = _clock(clock), _clock(clock + r["minutes"])
                clock += r["minutes"]
                total += r["minutes"]
            if r["kind"] == "lesson":
                lesson = r["lesson"]
                r["href"] = links.rel(uri, lesson.src_uri)
                r["tools"] = [{"href": links.rel(uri, TOOL_PAGES[x]), "name": t(f"tool.{x}")}
                              for x in lesson.meta.tools if x in TOOL_PAGES]
            elif r["kind"] == "activity":
                tool = r.get("tool")
                r["tool_href"] = links.rel(uri, TOOL_PAGES[tool]) if tool in TOOL_PAGES else None
            out.append(r)
        days.append({"n": day, "rows": out, "total": total, "over": total > path.day_minutes})
    return render("agenda.md.j2", path=path, days=days)


def agenda_pages(course: Course, links: Links) -> PageMap:
    return {agenda_uri(p): _agenda_page(course, p, links) for p in course.paths if p.sessions}


# --------------------------------------------------------------------------- answer keys


def _quiz_key(quiz: Quiz, heading: str) -> dict:
    return {"heading": heading, "language": quiz.language, "questions": [
        {"id": q.id, "prompt": q.prompt, "type": t(f"qtype.{q.type}"), "answer": q.answer_html(), "explanation": q.explanation}
        for q in quiz.questions]}


def _answers_page(course: Course) -> str:
    modules = []
    for m in course.modules:
        quizzes = [_quiz_key(course.quiz(ref.quiz_id), t("answers.self_check", title=lesson.title))
                   for lesson in m.lessons for ref in lesson.quiz_refs]
        if m.quiz:
            quizzes.append(_quiz_key(course.quiz(m.quiz), t("answers.module_quiz", n=m.number)))
        modules.append({"id": m.id, "number": m.number, "title": m.title, "quizzes": quizzes})
    return render("answers.md.j2", modules=modules)


HANDOUTS = "trainer/handouts.md"
ANSWERS = "trainer/answers.md"


# --------------------------------------------------------------------------- handouts
# A handout exists for each module, each learning path, and, for a workshop, each day and each
# session. Each comes in two forms: the short form (per lesson its objectives, key points, the
# activity and a notes area: a few A4 pages) and the full text of the lessons.


@dataclass(frozen=True)
class Handout:
    uri: str  # the full text; the short form is the same name with "-short"
    title: str
    lesson_ids: tuple[str, ...]
    module_id: str | None = None
    group: str = "modules"  # "modules", "paths" or a workshop path id
    # A path made of whole modules in the course's order (the complete course): its handout is
    # those modules' handouts, listed, rather than the same lessons printed once more (the
    # complete course's full text was a tenth of the offline zip, all of it a copy).
    modules: tuple[str, ...] = ()

    @property
    def short_uri(self) -> str:
        return self.uri[:-3] + "-short.md"


def handouts(course: Course) -> list[Handout]:
    out = [Handout(f"handouts/{m.id}.md", t("module_n_title", n=m.number, title=m.title), tuple(x.id for x in m.lessons), m.id)
           for m in course.modules]
    out += [Handout(f"handouts/path-{p.id}.md", p.title, tuple(p.all_lessons), group="paths",
                    modules=_whole_modules(course, tuple(p.all_lessons))) for p in course.paths]
    for p in course.paths:
        if not p.sessions:
            continue
        days = sorted({s.day for s in p.sessions})
        for day in days if len(days) > 1 else ():
            ids = tuple(lid for s in p.sessions if s.day == day for lid in s.lessons)
            if ids:
                out.append(Handout(f"handouts/path-{p.id}-day-{day}.md", t("handout.day_title", title=p.title, day=day), ids, group=p.id))
        for n, s in enumerate(p.sessions, start=1):
            if s.lessons:
                out.append(Handout(f"handouts/path-{p.id}-session-{n}.md", t("handout.session_title", title=p.title, day=s.day, session=s.title),
                                   tuple(s.lessons), group=p.id))
    return out


def _whole_modules(course: Course, lesson_ids: tuple[str, ...]) -> tuple[str, ...]:
    """The modules whose lessons, one whole module after another, are ``lesson_ids`` (at least
    two modules); else ()."""
    out: list[str] = []
    rest = lesson_ids
    for m in course.modules:
        ids = tuple(x.id for x in m.lessons)
        if ids and rest[:len(ids)] == ids:
            out.append(m.id)
            rest = rest[len(ids):]
    return tuple(out) if not rest and len(out) > 1 else ()


def _handouts_index(course: Course, links: Links) -> str:
    def row(h: Handout) -> dict:
        return {"title": h.title, "lessons": len(h.lesson_ids),
                "short": links.rel(HANDOUTS, h.short_uri), "full": links.rel(HANDOUTS, h.uri)}

    all_h = handouts(course)
    workshops = [{"id": p.id, "title": p.title, "rows": [row(h) for h in all_h if h.group == p.id]}
                 for p in course.paths]
    return render("handouts.md.j2", modules=[row(h) for h in all_h if h.group == "modules"],
                  paths=[row(h) for h in all_h if h.group == "paths"],
                  workshops=[w for w in workshops if w["rows"]])


def _handout_shell(links: Links, h: Handout, form: str, by_module: dict[str, Handout]) -> str:
    uri, other = (h.uri, h.short_uri) if form == "full" else (h.short_uri, h.uri)
    parts = [{"title": part.title, "lessons": len(part.lesson_ids),
              "href": links.rel(uri, part.uri if form == "full" else part.short_uri)}
             for part in (by_module[mid] for mid in h.modules)]
    return render("handout.md.j2", title=h.title, lessons=list(h.lesson_ids), module_id=h.module_id,
                  form=form, other=links.rel(uri, other), parts=parts)


def trainer_pages(course: Course, links: Links) -> PageMap:
    pages: PageMap = {ANSWERS: _answers_page(course), HANDOUTS: _handouts_index(course, links)}
    all_h = handouts(course)
    by_module = {h.module_id: h for h in all_h if h.module_id}
    for h in all_h:
        pages[h.uri] = _handout_shell(links, h, "full", by_module)
        pages[h.short_uri] = _handout_shell(links, h, "short", by_module)
    return pages


def handout_pages(course: Course) -> dict[str, tuple[tuple[str, ...], str]]:
    """Every handout page that prints lessons, the lessons it holds in order (from the model),
    and its form (a handout made of whole modules lists their handouts instead)."""
    out: dict[str, tuple[tuple[str, ...], str]] = {}
    for h in handouts(course):
        if h.modules:
            continue
        out[h.uri] = (h.lesson_ids, "full")
        out[h.short_uri] = (h.lesson_ids, "short")
    return out


# Handouts show a lesson's SVG figures from files: one file a figure, named by its content, so
# the many handouts that hold a lesson (and the lesson's own page, inline) do not each carry it.
HANDOUT_FIGURES = "handouts/figures/"
_XML_ENTITIES = frozenset({"amp", "lt", "gt", "quot", "apos"})
# An inline figure's text takes the page's font; from a file it would take the browser's default
# (a serif): the file names the theme's system-font stack (mkdocs.yml has font: false).
PAGE_FONT = "-apple-system, BlinkMacSystemFont, Helvetica, Arial, sans-serif"


def handout_figure(svg: str) -> tuple[str, str]:
    """The file name and the text of a standalone SVG file for an inline SVG figure (HTML's
    named character references, which XML does not know, become numeric ones)."""
    if "font-family" not in svg[:svg.index(">")]:
        svg = svg.replace("<svg", f'<svg font-family="{PAGE_FONT}"', 1)
    text = re.sub(r"&([A-Za-z][A-Za-z0-9]*);",
                  lambda m: m.group(0) if m.group(1) in _XML_ENTITIES else "".join(f"&#{ord(c)};" for c in html.unescape(m.group(0))),
                  svg)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16] + ".svg", text + "\n"


