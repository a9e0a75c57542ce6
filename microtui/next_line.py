"""What ``microtui next`` says: one :class:`NextLine` (the next set, or why there is none),
as a status bar's line of text (:func:`line_text`) or as Waybar's custom-module JSON
(:func:`line_json`).

Both the full command and its fast path (:mod:`microtui.next_state`) write their answer with
these functions, so they say the same thing. Light on purpose: no dataclasses, no Textual;
times are whole microseconds since the epoch, so a wait comes out to the same minute
however it was worked out.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing itself is not imported: it costs `next` more than its work
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any

DUE = "due"
"""A set is due now."""
UPCOMING = "upcoming"
"""The next set is later today."""
OFF = "off"
"""No sets today (not a working day)."""
DONE = "done"
"""No more sets today."""
STATES = (DUE, UPCOMING, OFF, DONE)
"""Every state :class:`NextLine` can be in; also Waybar's ``class`` and ``alt``."""


class NextLine:
    """The answer: its ``state`` (one of :data:`STATES`), the set's short ``label`` (lower
    case, for a status bar), when the upcoming set comes due (``at_us``, else None) and a
    longer ``tooltip``."""

    __slots__ = ("at_us", "label", "state", "tooltip")

    def __init__(self, state: str, label: str = "", at_us: int | None = None,
                 tooltip: str = "") -> None:
        self.state = state
        self.label = label
        self.at_us = at_us
        self.tooltip = tooltip

    def to_list(self) -> list[Any]:
        return [self.state, self.label, self.at_us, self.tooltip]

    @classmethod
    def from_list(cls, data: Any) -> NextLine | None:
        """A line saved with :meth:`to_list`, or None when ``data`` is not one."""
        if not isinstance(data, list) or len(data) != 4:
            return None
        state, label, at_us, tooltip = data
        if (state not in STATES or not isinstance(label, str) or not isinstance(tooltip, str)
                or not (at_us is None or type(at_us) is int)
                or (state == UPCOMING) != (at_us is not None)):
            return None
        return cls(state, label, at_us, tooltip)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, NextLine) and self.to_list() == other.to_list()

    def __hash__(self) -> int:
        return hash(tuple(self.to_list()))

    def __repr__(self) -> str:
        return f"NextLine{tuple(self.to_list())!r}"


def line_text(line: NextLine, now_us: int) -> str:
    """The one short line: ``ankle pumps + cervical nod in 18 min``."""
    if line.state == DUE:
        return f"{line.label} due now"
    if line.state == UPCOMING:
        from microtui.core.time_text import minutes_text

        assert line.at_us is not None
        return f"{line.label} in {minutes_text((line.at_us - now_us) / 1_000_000)}"
    return "no sets today" if line.state == OFF else "no more sets today"


def line_fields(line: NextLine, now_us: int) -> Mapping[str, str]:
    """Waybar's custom-module fields: ``text``, ``tooltip``, ``class`` and ``alt`` (both the
    state: due, upcoming, off or done)."""
    return {"text": line_text(line, now_us), "tooltip": line.tooltip, "class": line.state,
            "alt": line.state}


def line_json(line: NextLine, now_us: int) -> str:
    """:func:`line_fields` as JSON on one line (Waybar reads a line at a time)."""
    import json

    return json.dumps(line_fields(line, now_us), ensure_ascii=False)
