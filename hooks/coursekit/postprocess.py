"""Engine-independent clean-ups of rendered page HTML."""

from __future__ import annotations

import re

_FACIL = re.compile(r'<(details|div) class="(?:admonition )?facilitator([^"]*)"')


def mark_facilitator(html: str) -> str:
    """Mark facilitator-note blocks (``??? facilitator``) with ``data-facilitator``."""
    return _FACIL.sub(
        lambda m: f'<{m.group(1)} class="facilitator{m.group(2)}" data-facilitator '
        f'aria-label="Facilitator notes, for trainers"',
        html,
    )


_ARTICLE = re.compile(r'<article class="lesson[^"]*".*?</article>', re.S)
_DROP = [
    re.compile(r'<details class="quiz-answer"[^>]*>.*?</details>', re.S),
    re.compile(r'<details class="[^"]*\bsolution\b[^"]*"[^>]*>.*?</details>', re.S),
    re.compile(r'<div class="quiz-actions">.*?</div>', re.S),
    re.compile(r'<div class="quiz-feedback"[^>]*></div>'),
    re.compile(r'<div class="quiz-foot">.*?</div>', re.S),
    re.compile(r'<div class="lesson-complete"[^>]*>.*?</div>', re.S),
    re.compile(r'<nav class="lesson-pager".*?</nav>', re.S),
    re.compile(r'<nav class="path-nav".*?</nav>', re.S),
]


def lesson_article(page_html: str) -> str | None:
    """The ``<article class="lesson">`` of a built lesson page."""
    m = _ARTICLE.search(page_html)
    return m.group(0) if m else None


def handout_article(article: str, prefix: str) -> str:
    """A lesson article made fit for a printed handout: no answers, solutions or buttons, and
    its ids prefixed so several lessons can share one page."""
    for rx in _DROP:
        article = rx.sub("", article)
    article = article.replace('<section class="quiz" data-quiz=', '<section class="quiz quiz--print" data-print-quiz=')
    # A handout is not a lesson page: rename the attributes that mark interactive lesson parts.
    for attr in ("data-lesson", "data-minutes", "data-question", "data-qtype", "data-key", "data-complete"):
        article = re.sub(rf"\b{attr}=", f"data-handout-{attr[5:]}=", article)
    article = re.sub(r'\b(id|for|aria-labelledby)="([^"]+)"', lambda m: f'{m.group(1)}="{prefix}--{m.group(2)}"', article)
    article = re.sub(r'href="#([^"]+)"', lambda m: f'href="#{prefix}--{m.group(1)}"', article)
    article = article.replace('<article class="lesson', '<article class="lesson handout-lesson', 1)
    return article


def assemble_handout(shell_html: str, articles: list[str]) -> str:
    return shell_html.replace("<!-- handout-lessons -->", "\n".join(articles), 1)
