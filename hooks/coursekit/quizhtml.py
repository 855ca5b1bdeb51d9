"""Quizzes as HTML: on a page, where they read without JavaScript and quiz.js checks them, and
in print, for handouts. The shells are templates (``quiz.html.j2``, ``quiz_print.html.j2``);
each question's controls, answer key, answer and print form come from its type's class in
:mod:`coursekit.questions`.
"""

from __future__ import annotations

from .html import compact_json
from .model import Quiz
from .render import render


def _base(quiz: Quiz, q) -> str:
    """A question's id stem on the page; it also seeds the stable shuffles of its options."""
    return f"q-{quiz.id}-{q.id}"


def render_quiz(quiz: Quiz, heading_level: int = 2) -> str:
    questions = []
    for q in quiz.questions:
        base = _base(quiz, q)
        questions.append({"q": q, "base": base, "key": compact_json(q.key()), "controls": q.controls(base),
                          "answer": q.answer_html()})
    return render("quiz.html.j2", quiz=quiz, level=heading_level, questions=questions).strip()


def render_print_quiz(quiz: Quiz, heading_level: int = 2) -> str:
    questions = [{"q": q, "paper": q.paper(_base(quiz, q))} for q in quiz.questions]
    return render("quiz_print.html.j2", quiz=quiz, level=heading_level, questions=questions).strip()
