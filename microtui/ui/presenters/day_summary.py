"""The line above Today's timeline and the timeline's frame: the day, its sets, how many
are done so far, the time moved today and the streak.

    Done 2 of 3 so far  ·  Moved 1 min 15 s today  ·  Streak 4 days

Before any set has come due it says when the first one is (``First set at 09:00``). While
it is quiet, that comes first (``☾ Quiet until 14:30 · z ends it``), and the time moved
makes room for it. The
figures come from :func:`microtui.core.set_counts.count_sets`, as Progress's and
``microtui report``'s do.
:class:`DaySummaryLine` holds all it shows, so the screen redraws it only when one of
those changes (not every tick).
"""

from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from rich.text import Text

from microtui.core.event_states import EventState
from microtui.core.quiet import quiet_text
from microtui.core.time_text import fmt_duration
from microtui.ui.presenters.timeline_rows import plural

if TYPE_CHECKING:
    from microtui.core.day_view import DayView


QUIET_KEY = "z"
"""The key that starts quiet for a while (asking how long) and ends it (:mod:`microtui.ui.quiet`
binds it)."""


class DaySummaryLine(NamedTuple):
    """What the summary line and the timeline's frame show."""

    day: date
    has_sets: bool
    done: int
    so_far: int
    total: int
    moved: str
    streak: int | None
    """None while the days behind it are being read."""
    first_at: str = ""
    """``09:00``: when the day's first set is (empty on a day without sets)."""
    quiet: str = ""
    """``Quiet until 14:30`` while it is quiet, else empty."""

    @classmethod
    def of(cls, view: "DayView", *, streak_known: bool) -> "DaySummaryLine":
        """``view``'s summary (``streak_known`` false: the streak is not read yet)."""
        s = view.summary
        events = view.timeline.events
        # The first set that counts: one inside a quiet time does not.
        first = next((v.event for v in view.events if v.state is not EventState.QUIET),
                     events[0] if events else None)
        first_at = f"{first.planned.astimezone(view.timeline.tz):%H:%M}" if first else ""
        quiet = "" if view.quiet_until is None else \
            quiet_text(view.quiet_until, view.now).capitalize()
        return cls(view.day, bool(events), s.done, s.planned_so_far,
                   s.planned_total, fmt_duration(s.moved_seconds),
                   s.streak if streak_known else None, first_at, quiet)

    @property
    def title(self) -> str:
        """``Wednesday 25 November``: the timeline's title."""
        return f"{self.day:%A} {self.day.day} {self.day:%B}"

    @property
    def subtitle(self) -> str:
        """``18 sets``: the timeline's subtitle (empty on a day without sets)."""
        return plural(self.total, "set") if self.has_sets else ""

    def text(self) -> Text:
        """The summary line, its figures in bold."""
        parts: list[tuple[str, str, str]] = []  # (before, in bold, after)
        nothing_yet = not self.so_far and not self.done
        if self.quiet:
            parts.append(("☾ ", self.quiet, f" · {QUIET_KEY} ends it"))
        if self.has_sets and nothing_yet:
            if not self.quiet:  # the first set may be inside the quiet
                parts.append(("First set at ", self.first_at, ""))
        elif self.has_sets:
            parts.append(("Done ", f"{self.done} of {self.so_far}", " so far"))
        elif not self.quiet:
            parts.append(("No sets today", "", ""))
        if not self.quiet:  # it makes room for the quiet
            parts.append(("Moved ", self.moved or "0 s", " today"))
        parts.append(("Streak ", "…" if self.streak is None else plural(self.streak, "day"), ""))
        text = Text(no_wrap=True, overflow="ellipsis")
        for index, (before, bold, after) in enumerate(parts):
            text.append(f"{'  ·  ' if index else ''}{before}")
            text.append(bold, "bold")
            text.append(after)
        return text
