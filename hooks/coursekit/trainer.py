"""Trainer pages: workshop agendas, answer keys and handouts (generated from the model)."""

from __future__ import annotations

from .html import esc, md_block, md_inline, minutes_label
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
from .pages import Links, PageMap, page_head
from .site import register

TOOL_PAGES = {"assessment": "tools/assessment.md", "group": "tools/group.md", "canvas": "tools/canvas.md",
              "roadmap": "tools/roadmap.md"}
TOOL_NAMES = {"assessment": "capability self-assessment", "group": "group view", "canvas": "implementation canvas",
              "roadmap": "roadmap and action plan"}


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
    uri = f"paths/{path.id}/agenda.md"
    start_h, start_m = (int(x) for x in path.start.split(":"))
    rows = agenda_rows(course, path)
    days = sorted({r["day"] for r in rows})
    body = []
    for day in days:
        clock = start_h * 60 + start_m
        total = 0
        body.append(f'<tbody data-day="{day}"><tr class="agenda-day"><th colspan="4" scope="rowgroup">Day {day}</th></tr>')
        for r in (r for r in rows if r["day"] == day):
            if r["kind"] == "session":
                body.append(f'<tr class="agenda-session"><td></td><th colspan="3" scope="row">{esc(r["title"])}</th></tr>')
                continue
            title = esc(r["title"])
            detail = ""
            if r["kind"] == "lesson":
                lesson = r["lesson"]
                title = f'Lesson: <a href="{links.rel(uri, lesson.src_uri)}">{title}</a>'
                if r["exercise"]:
                    detail = f' <span class="agenda-split">({r["teach"]} min teaching, {r["exercise"]} min exercise)</span>'
                tools = [t for t in lesson.meta.tools if t in TOOL_PAGES]
                if tools:  # the lesson's exercise uses these tools: link them from the agenda
                    detail += " (" + ", ".join(
                        f'<a href="{links.rel(uri, TOOL_PAGES[t])}">{esc(TOOL_NAMES.get(t, t))}</a>' for t in tools) + ")"
            elif r["kind"] == "activity":
                tool = r.get("tool")
                if tool and tool in TOOL_PAGES:
                    title = f'Activity: {title} (<a href="{links.rel(uri, TOOL_PAGES[tool])}">open the tool</a>)'
                else:
                    title = f"Activity: {title}"
            else:
                title = f"<em>{title}</em>"
            body.append(
                f'<tr class="agenda-{r["kind"]}" data-minutes="{r["minutes"]}"><td data-clock>{_clock(clock)}–{_clock(clock + r["minutes"])}</td>'
                f'<td>{title}{detail}</td><td>{r["minutes"]} min</td><td>{r["kind"]}</td></tr>'
            )
            clock += r["minutes"]
            total += r["minutes"]
        over = total > path.day_minutes
        body.append(
            f'<tr class="agenda-total"><th scope="row" colspan="2">Total for day {day}</th>'
            f'<td data-day-total="{day}">{total} min ({minutes_label(total)})</td>'
            f'<td data-day-warning="{day}" class="agenda-warning">{"This day runs over the planned day length." if over else ""}</td></tr></tbody>'
        )
    return (
        f"{page_head(f'Agenda: {path.title}', f'Workshop agenda: {path.title}')}"
        f'<div class="agenda-page" data-agenda-page="{esc(path.id)}">'
        f"<p>{md_inline(path.description)}</p>"
        "<p>Times come from the lessons' study and exercise minutes, the activities and the breaks. "
        "Change the start time or the length of the day: the clock starts again each day.</p>"
        '<form class="agenda-controls no-print" onsubmit="return false">'
        f'<p><label for="agenda-start">Start time</label> <input type="time" id="agenda-start" value="{path.start}" data-agenda-start> '
        f'<label for="agenda-length">Length of the day (minutes, breaks included)</label> '
        f'<input type="number" id="agenda-length" min="60" max="720" step="15" value="{path.day_minutes}" data-agenda-length></p>'
        '<p><button type="button" class="md-button" data-print>Print the agenda</button></p></form>'
        '<p role="status" aria-live="polite" data-agenda-status></p>'
        f'<table class="agenda" data-agenda data-day-length="{path.day_minutes}"><caption>Sessions, lessons, activities and breaks</caption>'
        '<thead><tr><th scope="col">Time</th><th scope="col">What</th><th scope="col">Minutes</th><th scope="col">Kind</th></tr></thead>'
        f'{"".join(body)}</table></div>\n'
    )


@register
def agenda_pages(course: Course, links: Links) -> PageMap:
    return {f"paths/{p.id}/agenda.md": _agenda_page(course, p, links) for p in course.paths if p.sessions}


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


def _quiz_key(quiz: Quiz, heading: str) -> str:
    items = []
    for q in quiz.questions:
        expl = f'<div class="key-expl">{md_block(q.explanation)}</div>' if q.explanation else ""
        items.append(f'<li data-key-question="{esc(q.id)}"><p>{md_inline(q.prompt)} <span class="key-type">({q.type})</span></p>'
                     f"<p><strong>Answer:</strong> {answer_html(q)}</p>{expl}</li>")
    return f'<h3>{esc(heading)}</h3><ol class="answer-key">{"".join(items)}</ol>'


def _answers_page(course: Course) -> str:
    sections = []
    for m in course.modules:
        parts = []
        for lesson in m.lessons:
            for ref in lesson.quiz_refs:
                parts.append(_quiz_key(course.quiz(ref.quiz_id), f"Self-check: {lesson.title}"))
        if m.quiz:
            parts.append(_quiz_key(course.quiz(m.quiz), f"End-of-module quiz, module {m.number}"))
        sections.append(f'<section class="key-module" data-module="{esc(m.id)}"><h2 id="key-{m.id}">Module {m.number}: {esc(m.title)}</h2>'
                        f'{"".join(parts)}</section>')
    return (
        f"{page_head('Answer keys', 'Answer keys for trainers', search={'exclude': True})}"
        '<p class="trainer-only-note">This page is for trainers who run the self-checks on paper or aloud. '
        "Turn on the trainer view (the <em>Trainer view</em> button, or add <code>?view=trainer</code> to the address) to show it.</p>\n\n"
        '<div class="answer-keys" data-facilitator data-trainer-page>'
        '<p class="no-print"><button type="button" class="md-button" data-print>Print the answer keys</button></p>'
        f'{"".join(sections)}</div>\n'
    )


def _handouts_index(course: Course, links: Links) -> str:
    mods = "".join(f'<li><a href="{links.rel("trainer/handouts.md", f"handouts/{m.id}.md")}">Module {m.number}: {esc(m.title)}</a> '
                   f"({len(m.lessons)} lessons)</li>" for m in course.modules)
    paths = "".join(f'<li><a href="{links.rel("trainer/handouts.md", f"handouts/path-{p.id}.md")}">{esc(p.title)}</a> '
                    f"({len(p.all_lessons)} lessons)</li>" for p in course.paths)
    return (
        f"{page_head('Handouts')}"
        "A handout puts all the lessons of a module or a learning path on one page, ready to print, "
        "with a page break between lessons. Quiz answers and exercise solutions are left out. Facilitator "
        "notes are printed only when the trainer view is on.\n\n"
        f'<h2 id="modules">Modules</h2><ul>{mods}</ul><h2 id="paths">Learning paths</h2><ul>{paths}</ul>\n'
    )


def _handout_shell(title: str, lesson_ids: list[str], module_id: str | None) -> str:
    mod = f' data-module="{esc(module_id)}"' if module_id else ""
    return (
        f"{page_head(f'Handout: {title}')}"
        f'<div class="handout" data-handout="{esc(" ".join(lesson_ids))}"{mod}>'
        '<p class="no-print"><button type="button" class="md-button" data-print>Print this handout</button></p>'
        "<!-- handout-lessons -->"
        "</div>\n"
    )


@register
def trainer_pages(course: Course, links: Links) -> PageMap:
    pages: PageMap = {"trainer/answers.md": _answers_page(course), "trainer/handouts.md": _handouts_index(course, links)}
    for m in course.modules:
        pages[f"handouts/{m.id}.md"] = _handout_shell(f"Module {m.number}: {m.title}", [x.id for x in m.lessons], m.id)
    for p in course.paths:
        pages[f"handouts/path-{p.id}.md"] = _handout_shell(p.title, list(p.all_lessons), None)
    return pages


def handout_uris(course: Course) -> list[str]:
    return [f"handouts/{m.id}.md" for m in course.modules] + [f"handouts/path-{p.id}.md" for p in course.paths]
