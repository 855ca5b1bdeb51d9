"""Trainer pages: workshop agendas, answer keys and handouts (generated from the model)."""

from __future__ import annotations

import re
from dataclasses import dataclass

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
from .pages import Links, PageMap
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
        f"---\ntitle: \"Agenda: {path.title}\"\n---\n\n# Workshop agenda: {path.title}\n\n"
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
        "---\ntitle: Answer keys\nsearch:\n  exclude: true\n---\n\n# Answer keys for trainers\n\n"
        '<p class="trainer-only-note">This page is for trainers who run the self-checks on paper or aloud. '
        "Turn on the trainer view (the <em>Trainer view</em> button, or add <code>?view=trainer</code> to the address) to show it.</p>\n\n"
        '<div class="answer-keys" data-facilitator data-trainer-page>'
        '<p class="no-print"><button type="button" class="md-button" data-print>Print the answer keys</button></p>'
        f'{"".join(sections)}</div>\n'
    )


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

    @property
    def short_uri(self) -> str:
        return self.uri[:-3] + "-short.md"


def handouts(course: Course) -> list[Handout]:
    out = [Handout(f"handouts/{m.id}.md", f"Module {m.number}: {m.title}", tuple(x.id for x in m.lessons), m.id)
           for m in course.modules]
    out += [Handout(f"handouts/path-{p.id}.md", p.title, tuple(p.all_lessons), group="paths") for p in course.paths]
    for p in course.paths:
        if not p.sessions:
            continue
        days = sorted({s.day for s in p.sessions})
        for day in days if len(days) > 1 else ():
            ids = tuple(lid for s in p.sessions if s.day == day for lid in s.lessons)
            if ids:
                out.append(Handout(f"handouts/path-{p.id}-day-{day}.md", f"{p.title}, day {day}", ids, group=p.id))
        for n, s in enumerate(p.sessions, start=1):
            if s.lessons:
                out.append(Handout(f"handouts/path-{p.id}-session-{n}.md", f"{p.title}, day {s.day}: {s.title}",
                                   tuple(s.lessons), group=p.id))
    return out


def _handouts_index(course: Course, links: Links) -> str:
    here = "trainer/handouts.md"

    def row(h: Handout) -> str:
        n = len(h.lesson_ids)
        return (f'<tr><th scope="row">{esc(h.title)}</th><td>{n} lesson{"s" if n != 1 else ""}</td>'
                f'<td><a href="{links.rel(here, h.short_uri)}" data-handout-short>Short form</a></td>'
                f'<td><a href="{links.rel(here, h.uri)}" data-handout-full>Full text</a></td></tr>')

    def table(items: list[Handout], caption: str) -> str:
        return (f'<table class="module-lessons handout-list"><caption>{esc(caption)}</caption><thead><tr>'
                '<th scope="col">Handout</th><th scope="col">Lessons</th><th scope="col">Short form</th>'
                f'<th scope="col">Full text</th></tr></thead><tbody>{"".join(row(h) for h in items)}</tbody></table>')

    all_h = handouts(course)
    parts = [f'<h2 id="modules">Modules</h2>{table([h for h in all_h if h.group == "modules"], "One handout per module")}',
             f'<h2 id="paths">Learning paths</h2>{table([h for h in all_h if h.group == "paths"], "One handout per learning path")}']
    for p in course.paths:
        mine = [h for h in all_h if h.group == p.id]
        if mine:
            parts.append(f'<h2 id="workshop-{esc(p.id)}">Workshop: {esc(p.title)}, by day and by session</h2>'
                         f'{table(mine, "One handout per day and per session")}')
    return (
        "---\ntitle: Handouts\n---\n\n# Handouts\n\n"
        "Each handout comes in two forms. The <strong>short form</strong> gives, for each lesson, its "
        "objectives, its key points, the activity and an area for notes: a few A4 pages, to hand out in a "
        "workshop. The <strong>full text</strong> puts the whole lessons on one page, with a page break "
        "between lessons. Quiz answers are left out; the model answers of the activities and the "
        "facilitator notes are printed only when the trainer view is on.\n\n"
        + "".join(parts) + "\n"
    )


def _handout_shell(title: str, lesson_ids: list[str] | tuple[str, ...], module_id: str | None,
                   form: str = "full", other: str = "") -> str:
    mod = f' data-module="{esc(module_id)}"' if module_id else ""
    label = "short form" if form == "short" else "full text"
    switch = (f'<p class="no-print handout-form">This is the {label}. '
              f'<a href="{other}">{"Full text of the lessons" if form == "short" else "Short form (objectives, key points, activity, notes)"}</a>.</p>'
              if other else "")
    return (
        f"---\ntitle: \"Handout: {title}\"\n---\n\n# Handout: {title}\n\n"
        f'<div class="handout handout--{form}" data-handout="{esc(" ".join(lesson_ids))}" data-handout-form="{form}"{mod}>'
        f"{switch}"
        '<p class="no-print"><button type="button" class="md-button" data-print>Print this handout</button></p>'
        "<!-- handout-lessons -->"
        "</div>\n"
    )


@register
def trainer_pages(course: Course, links: Links) -> PageMap:
    pages: PageMap = {"trainer/answers.md": _answers_page(course), "trainer/handouts.md": _handouts_index(course, links)}
    for h in handouts(course):
        pages[h.uri] = _handout_shell(h.title, h.lesson_ids, h.module_id, "full", links.rel(h.uri, h.short_uri))
        pages[h.short_uri] = _handout_shell(h.title, h.lesson_ids, h.module_id, "short", links.rel(h.short_uri, h.uri))
    return pages


def handout_uris(course: Course) -> list[str]:
    return [u for h in handouts(course) for u in (h.uri, h.short_uri)]


# The short form of a lesson, cut from its built handout article (ids already prefixed).
_OPEN = re.compile(r"<(/?)(div|details|section|header|aside)\b[^>]*>", re.I)


def _element(html_text: str, start: int) -> str:
    """The element whose start tag begins at ``start``, up to its balanced end tag."""
    tag = re.match(r"<(\w+)", html_text[start:]).group(1).lower()
    depth = 0
    for m in _OPEN.finditer(html_text, start):
        if m.group(2).lower() != tag:
            continue
        depth += -1 if m.group(1) else 1
        if depth == 0:
            return html_text[start:m.end()]
    return html_text[start:]


def _all(html_text: str, rx: str) -> list[str]:
    return [_element(html_text, m.start()) for m in re.finditer(rx, html_text)]


def trainer_only_answers(article: str) -> str:
    """Model answers of activities print only in the trainer view, like facilitator notes."""
    return re.sub(r'<details class="([^"]*\banswer\b[^"]*)"(?![^>]*data-facilitator)', r'<details class="\1" data-facilitator', article)


def short_handout_article(article: str) -> str:
    """Objectives, key points, the activities (and the trainer's notes), and a notes area."""
    head = re.search(r'<article class="([^"]*)"([^>]*)>', article)
    title = re.search(r"<h1[^>]*>(.*?)</h1>", article, re.S)
    meta = re.search(r'<p class="lesson-meta">.*?</p>', article, re.S)
    kicker = re.search(r'<p class="lesson-kicker">.*?</p>', article, re.S)
    parts = [
        f'<article class="{head.group(1)} handout-short"{head.group(2)}>' if head else '<article class="lesson handout-lesson handout-short">',
        f'<h2 class="handout-lesson-title">{title.group(1) if title else ""}</h2>',
        kicker.group(0) if kicker else "", meta.group(0) if meta else "",
    ]
    parts += _all(article, r'<section class="lesson-objectives')
    parts += _all(article, r'<(?:section|div|aside) class="lesson-keypoints')
    parts += [trainer_only_answers(a) for a in _all(article, r'<(?:div|details) class="admonition activity')]
    parts += _all(article, r'<(?:div|details) class="facilitator')
    parts.append('<section class="handout-notes" aria-label="Notes"><h3>Notes</h3><div class="handout-lines"></div></section>')
    return "".join(parts).replace("<h2", "<h3").replace("</h2>", "</h3>").replace(
        '<h3 class="handout-lesson-title">', '<h2 class="handout-lesson-title">', 1).replace("</h3>", "</h2>", 1) + "</article>"
