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
