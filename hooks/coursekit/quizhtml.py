"""Render quizzes to accessible HTML that reads without JavaScript.

Each question carries its answer key in ``data-key`` (JSON) for the browser
runtime; without JavaScript the answer and explanation sit in a collapsed
``<details>``.
"""

from __future__ import annotations

import hashlib
import random
import re
import unicodedata

from .html import attr_json, esc, md_block, md_inline
from .i18n import t
from .model import (
    MatchingQ,
    MultipleQ,
    NumericQ,
    OrderingQ,
    Quiz,
    ShortTextQ,
    SingleQ,
    TrueFalseQ,
)


def _shuffled(seq, seed: str):
    """A stable shuffle (same order on every build) that is not the authored order."""
    items = list(seq)
    rng = random.Random(int(hashlib.sha256(seed.encode()).hexdigest()[:12], 16))
    for _ in range(5):
        rng.shuffle(items)
        if items != list(seq) or len(items) < 2:
            break
    return items


def shown_order(options, seed: str) -> list[int]:
    """The order choices are shown in: a stable shuffle, so that the right answer is not found by
    its position, with the options marked ``last`` after it in authored order. Inputs keep their
    authored index as their value, so stored answers and the answer key do not depend on it."""
    rest = [i for i, o in enumerate(options) if not o.last]
    return _shuffled(rest, seed) + [i for i, o in enumerate(options) if o.last]


ARTICLES = frozenset({"a", "an", "the"})


def norm_answer(text: str) -> str:
    """A short answer as compared: lower case, punctuation as spaces, no articles (a, an, the).

    quiz.js ``norm`` does the same to what the learner types: keep the two in step.
    """
    kept = "".join(c if unicodedata.category(c)[0] in "LNM" else " " for c in text.lower())
    return " ".join(w for w in kept.split() if w not in ARTICLES)


def answer_forms(text: str) -> set[str]:
    """An answer, and its text inside and outside parentheses: "Chief Information Officer (CIO)"."""
    forms = {text}
    m = re.fullmatch(r"(.*)\(([^()]*)\)(.*)", text)
    if m:
        forms |= {m.group(2), m.group(1) + " " + m.group(3)}
    return {f for f in map(norm_answer, forms) if f}


# An option's own feedback opens with a verdict ("Yes.", "Correct.", "Not so.") that repeats the
# one quiz.js gives ("Correct. Correct."): the verdict is dropped here, the reason kept.
_VERDICT = re.compile(r"^\s*(yes|no|right|correct|incorrect|wrong|not so|not quite)\s*[.:!]\s*", re.I)


def _reason(feedback: str | None) -> str | None:
    if not feedback:
        return None
    rest = _VERDICT.sub("", feedback, count=1)
    return (rest[:1].upper() + rest[1:]) or None


def render_quiz(quiz: Quiz, course_id: str, heading_level: int = 2) -> str:
    qid = quiz.id
    h = f"h{heading_level}"
    parts = [
        f'<section class="quiz" data-quiz="{esc(qid)}" data-course="{esc(course_id)}" '
        f'data-pass="{quiz.pass_ratio}" aria-labelledby="quiz-{esc(qid)}-title">',
        f'<{h} id="quiz-{esc(qid)}-title" class="quiz-title">{esc(quiz.title)}</{h}>',
    ]
    if quiz.intro:
        parts.append(f'<div class="quiz-intro">{md_block(quiz.intro)}</div>')
    parts.append(
        f'<p class="quiz-how" data-search-exclude>{len(quiz.questions)} questions. Choose your answer, then press '
        "<em>Check</em>. You can change an answer and check again. Your answers stay in this browser only.</p>"
    )
    for n, q in enumerate(quiz.questions, start=1):
        parts.append(_question(quiz, q, n))
    parts.append(
        '<div class="quiz-foot" data-search-exclude>'
        f'<p class="quiz-score" data-quiz-score role="status" aria-live="polite"></p>'
        f'<button type="button" class="md-button quiz-reset" data-quiz-reset>Reset this quiz</button>'
        "</div></section>"
    )
    return "\n".join(parts)


def _base(quiz: Quiz, q) -> str:
    """A question's id stem on the page; it also seeds the stable shuffles of its options."""
    return f"q-{quiz.id}-{q.id}"


def _question(quiz: Quiz, q, n: int) -> str:
    base = _base(quiz, q)
    legend = (f'<legend><span class="quiz-num">Question {n}</span> '
              f'<span class="quiz-prompt">{md_inline(q.prompt)}</span></legend>')
    body, key, answer_text = _controls(quiz, q, base)
    expl = md_block(q.explanation) if q.explanation else ""
    hint = f'<p class="quiz-hint">{md_inline(q.hint)}</p>' if q.hint else ""
    return (
        f'<div class="quiz-q" id="{esc(base)}" data-question="{esc(q.id)}" data-qtype="{q.type}" '
        f'data-key="{attr_json(key)}">'
        f'<fieldset data-search-exclude>{legend}{hint}{body}</fieldset>'
        f'<div class="quiz-actions" data-search-exclude><button type="button" class="md-button md-button--primary quiz-check" '
        f'data-check>Check answer <span class="md-visually-hidden">to question {n}</span></button></div>'
        f'<div class="quiz-feedback" role="status" aria-live="polite" data-feedback></div>'
        f'<details class="quiz-answer" data-answer data-search-exclude><summary>Show the answer</summary>'
        f'<p><strong>Answer:</strong> {answer_text}</p>{expl}</details>'
        "</div>"
    )


def _choice(base: str, kind: str, i: int, label_html: str, value: str, feedback: str | None = None) -> str:
    # The label holds its control: it names it and clicking the text picks it, with no id to
    # repeat three times per option (a quiz's options were a tenth of a lesson's bytes).
    reason = _reason(feedback)
    fb = f' data-feedback-text="{esc(md_inline(reason))}"' if reason else ""
    return (
        f'<label class="quiz-opt"><input type="{kind}" name="{esc(base)}" value="{esc(value)}"{fb}>'
        f'<span>{label_html}</span></label>'
    )


def _controls(quiz: Quiz, q, base: str):
    if isinstance(q, (SingleQ, MultipleQ)):
        kind = "radio" if isinstance(q, SingleQ) else "checkbox"
        opts = "".join(
            _choice(base, kind, i, md_inline(q.options[i].text), str(i), q.options[i].feedback)
            for i in shown_order(q.options, base)
        )
        if kind == "checkbox":
            opts = '<p class="quiz-note">Select all that apply.</p>' + opts
        correct = [i for i, o in enumerate(q.options) if o.correct]
        answer = "; ".join(md_inline(q.options[i].text) for i in correct)
        return opts, {"correct": correct}, answer
    if isinstance(q, TrueFalseQ):
        fb = {"true": q.feedback_true, "false": q.feedback_false}
        opts = _choice(base, "radio", 0, "True", "true", fb["true"]) + _choice(base, "radio", 1, "False", "false", fb["false"])
        return opts, {"correct": "true" if q.answer else "false"}, "True" if q.answer else "False"
    if isinstance(q, NumericQ):
        unit = f" ({esc(q.unit)})" if q.unit else ""
        field = (f'<div class="quiz-field"><label for="{esc(base)}-in">Your answer{unit}</label> '
                 f'<input type="text" inputmode="decimal" autocomplete="off" id="{esc(base)}-in" name="{esc(base)}"></div>')
        tol = f" (within ±{q.tolerance:g})" if q.tolerance else ""
        return field, {"answer": q.answer, "tolerance": q.tolerance}, f"{q.answer:g}{unit}{tol}"
    if isinstance(q, ShortTextQ):
        field = (f'<div class="quiz-field"><label for="{esc(base)}-in">Your answer</label> '
                 f'<input type="text" autocomplete="off" id="{esc(base)}-in" name="{esc(base)}"></div>')
        return field, {"accept": sorted(set().union(*map(answer_forms, q.accept)))}, esc(q.accept[0])
    if isinstance(q, OrderingQ):
        shown = _shuffled(range(len(q.items)), base)
        lis = []
        for pos, i in enumerate(shown):
            lis.append(
                f'<li class="quiz-order-item" data-item="{i}"><span class="quiz-order-text">{md_inline(q.items[i])}</span>'
                f'<span class="quiz-order-btns">'
                f'<button type="button" class="quiz-up" data-move="-1" aria-label="Move up: {esc(q.items[i])}">↑</button>'
                f'<button type="button" class="quiz-down" data-move="1" aria-label="Move down: {esc(q.items[i])}">↓</button>'
                f"</span></li>"
            )
        body = ('<p class="quiz-note">Put these in the right order, first at the top. '
                'Use the arrow buttons to move an item.</p>'
                f'<ol class="quiz-order" data-order>{"".join(lis)}</ol>')
        answer = " → ".join(md_inline(x) for x in q.items)
        return body, {"order": list(range(len(q.items)))}, answer
    if isinstance(q, MatchingQ):
        rights = _shuffled(range(len(q.pairs)), base + "r")
        rows = []
        for i, pair in enumerate(q.pairs):
            sid = f"{base}-m{i}"
            options = '<option value="">Choose…</option>' + "".join(
                f'<option value="{j}">{esc(q.pairs[j].right)}</option>' for j in rights
            )
            rows.append(
                f'<div class="quiz-match"><label for="{esc(sid)}">{md_inline(pair.left)}</label>'
                f'<select id="{esc(sid)}" data-left="{i}">{options}</select></div>'
            )
        answer = "; ".join(f"{md_inline(p.left)} → {esc(p.right)}" for p in q.pairs)
        return ('<p class="quiz-note">Match each item on the left with one on the right.</p>' + "".join(rows),
                {"pairs": list(range(len(q.pairs)))}, answer)
    raise TypeError(f"unknown question type {type(q).__name__}")  # pragma: no cover - schema prevents it


# --------------------------------------------------------------------------- print form
# A printed handout holds a quiz as paper does: the questions in a numbered list, each choice
# in a list with a box to tick (a circle where one answer is asked), and a line to write on.
# Nothing a browser would run: no inputs, ids, answer key or feedback, no check button or live
# region. The options come in the order the lesson page shows them, so paper and screen agree.


def render_print_quiz(quiz: Quiz, heading_level: int = 2) -> str:
    h = f"h{heading_level}"
    parts = [f'<section class="quiz quiz--print" data-print-quiz="{esc(quiz.id)}">',
             f'<{h} class="quiz-title">{esc(quiz.title)}</{h}>']
    if quiz.intro:
        parts.append(f'<div class="quiz-intro">{md_block(quiz.intro)}</div>')
    parts.append(f'<p class="quiz-how">{esc(t("handout.quiz_how", n=len(quiz.questions)))}</p>')
    parts.append('<ol class="quiz-print-list">')
    parts += [_print_question(quiz, q) for q in quiz.questions]
    parts.append("</ol></section>")
    return "".join(parts)


def _boxes(kind: str, items: list[str]) -> str:
    return f'<ul class="quiz-boxes quiz-boxes--{kind}">' + "".join(f"<li>{x}</li>" for x in items) + "</ul>"


def _note(key: str) -> str:
    return f'<p class="quiz-note">{esc(t(key))}</p>'


def _print_question(quiz: Quiz, q) -> str:
    base = _base(quiz, q)
    head = f'<li class="quiz-print-q"><p class="quiz-prompt">{md_inline(q.prompt)}</p>'
    if q.hint:
        head += f'<p class="quiz-hint">{md_inline(q.hint)}</p>'
    if isinstance(q, SingleQ):
        body = _boxes("one", [md_inline(q.options[i].text) for i in shown_order(q.options, base)])
    elif isinstance(q, MultipleQ):
        body = _note("handout.quiz_all") + _boxes("many", [md_inline(q.options[i].text) for i in shown_order(q.options, base)])
    elif isinstance(q, TrueFalseQ):
        body = _boxes("one", [esc(t("handout.quiz_true")), esc(t("handout.quiz_false"))])
    elif isinstance(q, (NumericQ, ShortTextQ)):
        unit = f" ({esc(q.unit)})" if isinstance(q, NumericQ) and q.unit else ""
        body = f'<p class="quiz-write">{esc(t("handout.quiz_answer"))}{unit}: <span class="quiz-line"></span></p>'
    elif isinstance(q, OrderingQ):
        body = _note("handout.quiz_order") + _boxes("write", [md_inline(q.items[i]) for i in _shuffled(range(len(q.items)), base)])
    elif isinstance(q, MatchingQ):
        rights = _shuffled(range(len(q.pairs)), base + "r")
        body = (_note("handout.quiz_match") + _boxes("write", [md_inline(p.left) for p in q.pairs])
                + '<ol class="quiz-match-choices" type="A">' + "".join(f"<li>{esc(q.pairs[j].right)}</li>" for j in rights) + "</ol>")
    else:  # pragma: no cover - the schema allows no other type
        raise TypeError(f"unknown question type {type(q).__name__}")
    return head + body + "</li>"
