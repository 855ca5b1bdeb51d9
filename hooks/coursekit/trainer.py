"""Trainer pages: workshop agendas, answer keys and handouts (generated from the model)."""

from __future__ import annotations

from markupsafe import Markup

from .html import esc, md_inline
from .model import (
    Course,
    LearningPath,
    MatchingQ,
    MultipleQ,
    NumericQ,
    OrderingQ,
    Quiz,
    ShortTextQ,
    SingleQ,
    TrueFalseQ,
)
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


def answer_html(q) -> str:
    if isinstance(q, (SingleQ, MultipleQ)):
        return "; ".join(md_inline(o.text) for o in q.options if o.correct)
    if isinstance(q, TrueFalseQ):
        return "True" if q.answer else "False"
    if isinstance(q, NumericQ):
        tol = f" (accept ±{q.tolerance:g})" if q.tolerance else ""
        return f"{q.answer:g}{' ' + esc(q.unit) if q.unit else ''}{tol}"
    if isinstance(q, ShortTextQ):
        return " / ".join(esc(a) for a in q.accept)
    if isinstance(q, OrderingQ):
        return " → ".join(md_inline(i) for i in q.items)
    if isinstance(q, MatchingQ):
        return "; ".join(f"{md_inline(p.left)} → {esc(p.right)}" for p in q.pairs)
    return ""


def _quiz_key(quiz: Quiz, heading: str) -> dict:
    return {"heading": heading, "questions": [
        {"id": q.id, "prompt": q.prompt, "type": q.type, "answer": Markup(answer_html(q)), "explanation": q.explanation}
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


def _handouts_index(course: Course, links: Links) -> str:
    modules = [{"href": links.rel(HANDOUTS, module_handout_uri(m)), "number": m.number, "title": m.title,
                "lessons": len(m.lessons)} for m in course.modules]
    paths = [{"href": links.rel(HANDOUTS, path_handout_uri(p)), "title": p.title, "lessons": len(p.all_lessons)}
             for p in course.paths]
    return render("handouts.md.j2", modules=modules, paths=paths)


def module_handout_uri(m) -> str:
    return f"handouts/{m.id}.md"


def path_handout_uri(p) -> str:
    return f"handouts/path-{p.id}.md"


def handouts(course: Course) -> dict[str, tuple[str, ...]]:
    """Every handout page and the lessons it holds, in order (from the model)."""
    out = {module_handout_uri(m): tuple(x.id for x in m.lessons) for m in course.modules}
    out.update({path_handout_uri(p): tuple(p.all_lessons) for p in course.paths})
    return out


def _handout_shell(title: str, lesson_ids, module_id: str | None) -> str:
    return render("handout.md.j2", title=title, lessons=list(lesson_ids), module_id=module_id)


def trainer_pages(course: Course, links: Links) -> PageMap:
    pages: PageMap = {ANSWERS: _answers_page(course), HANDOUTS: _handouts_index(course, links)}
    for m in course.modules:
        pages[module_handout_uri(m)] = _handout_shell(t("module_n_title", n=m.number, title=m.title),
                                                      [x.id for x in m.lessons], m.id)
    for p in course.paths:
        pages[path_handout_uri(p)] = _handout_shell(p.title, p.all_lessons, None)
    return pages
