"""How a set felt: the guide's "any immediate sensations", one word from a short list.

The guide's step 5, "Document": "Keep a brief log (paper or digital) noting the time,
movements performed, and any immediate sensations." After each set one key picks one of
:data:`SENSATIONS` (optional words go in the set's note); the set's record keeps it as
``"sensation"`` (see :mod:`microtui.core.session_log`).

``eased`` and ``loosened`` are what the guide promises (less stiffness, "a gentle reset");
``tight`` and ``pain`` are what it warns about; ``tingling`` is neither, and is kept apart.
"""

from __future__ import annotations

from enum import StrEnum


class Sensation(StrEnum):
    EASED = "eased"
    LOOSENED = "loosened"
    TIGHT = "tight"
    TINGLING = "tingling"
    PAIN = "pain"


SENSATIONS: tuple[Sensation, ...] = tuple(Sensation)
"""In the order they are offered: key ``1`` is the first."""

EASING = frozenset({Sensation.EASED, Sensation.LOOSENED})
"""What the guide hopes a set leaves: stiffness eased."""
STRAINING = frozenset({Sensation.TIGHT, Sensation.PAIN})
"""What the guide warns about."""


def parse_sensation(value: object) -> Sensation | None:
    """The sensation a record holds, or None (none recorded, or a word not on the list)."""
    if not isinstance(value, str):
        return None
    try:
        return Sensation(value.strip().lower())
    except ValueError:
        return None


def sensation_key(sensation: Sensation) -> str:
    """The key that picks ``sensation`` (``"3"`` for tight)."""
    return str(SENSATIONS.index(sensation) + 1)


def choices_text() -> str:
    """``"1 eased · 2 loosened · 3 tight · 4 tingling · 5 pain"``."""
    return " · ".join(f"{sensation_key(s)} {s}" for s in SENSATIONS)
