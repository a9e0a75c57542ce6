"""What Today's timeline shows for a :class:`~microtui.core.day.DayView`, as plain data.

:class:`TimelineRows` turns the day's events into :class:`TimelineRow` lines and the next
(or due) set into a :class:`Countdown` line, in the words Today uses (``in 12 min``,
``▶ Due now · 10 min left to start``). It keeps each row with what it was built from, so a
row is rebuilt only when its event, state, label or relative minute changes, and a whole
minute of ticks in which only time passed costs no row at all.

Nothing here imports Textual: the presenter is tested on its own (tests/unit).
"""

import math
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

import humanize

from microtui.core.event_states import EventState
from microtui.core.time_text import fmt_seconds, minutes_text
from microtui.ui.presenters.return_key import RETURN_KEY

if TYPE_CHECKING:
    from microtui.core.day_view import DayView
    from microtui.core.event_states import EventView
    from microtui.core.exercises import Exercise
    from microtui.core.timeline import TriggerEvent


class TimelineRow(NamedTuple):
    """One event as the timeline shows it (plain text; styled when drawn)."""

    event_id: str
    time: str
    name: str
    label: str
    seconds: str
    state: EventState
    relative: str
    meeting: str = ""
    """The meeting the set comes before ("" for other sets): shown with the set when the
    line has no room for the trigger column."""


class Countdown(NamedTuple):
    """The line under the next (or due) event: a headline and, dimmed, the set's detail."""

    event_id: str
    headline: str
    detail: str = ""
    urgent: bool = False


# -- wording ------------------------------------------------------------------------------


def relative_text(at: datetime, now: datetime) -> str:
    """``in 12 min``, ``25 min ago``, ``just now``: whole minutes, so it changes once a
    minute at most (the countdown line shows the seconds)."""
    return _relative_words(*_relative_minutes(at, now))


def _relative_minutes(at: datetime, now: datetime) -> tuple[bool, int]:
    """(ahead, whole minutes): all that :func:`relative_text` depends on."""
    seconds = (at - now).total_seconds()
    if seconds > 0:
        return True, math.ceil(seconds / 60 - 1e-9)
    return False, math.floor(-seconds / 60 + 1e-9)


def _relative_until(at: datetime, ahead: bool, minutes: int) -> datetime:
    """Until when :func:`_relative_minutes` gives (ahead, minutes) for ``at`` (a little
    before, to be safe): the next moment its relative time can read differently."""
    if ahead:
        change = at - timedelta(minutes=max(0, minutes - 1))
    else:
        change = at + timedelta(minutes=minutes + 1)
    return change - timedelta(milliseconds=10)


@lru_cache(maxsize=1024)
def _relative_words(ahead: bool, minutes: int) -> str:
    if ahead:
        return "in " + _short(humanize.naturaldelta(timedelta(minutes=minutes)))
    if minutes < 1:
        return "just now"
    return _short(humanize.naturaldelta(timedelta(minutes=minutes))) + " ago"


def _short(delta: str) -> str:
    return delta.replace(" minutes", " min")


def clock_text(seconds: float) -> str:
    """``0:42``, ``9:05``, ``1:02:03`` (rounded up: a countdown never shows 0:00 early)."""
    whole = max(0, math.ceil(seconds - 1e-9))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def countdown_text(seconds: float) -> str:
    """A countdown on Today: whole minutes (rounded up, ``9 min``) and, in its last minute,
    seconds (``0:42``). Both the wait for the next set and the time left to start a due
    one count so: a line that changes once a minute, not every second, for most of a wait
    or of a due set's ten minutes."""
    return clock_text(seconds) if seconds < 60 else minutes_text(seconds)


def plural(count: int, noun: str) -> str:
    """``1 set``, ``3 sets``."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


# -- the timeline -------------------------------------------------------------------------


class TimelineRows:
    """The timeline's rows, countdown line and day-off message for a day view.

    ``exercises`` is the library's exercises by id: a set whose exercises are all known
    shows its length and, on the countdown line, each exercise with its seconds.
    """

    def __init__(self, exercises: "Mapping[str, Exercise]") -> None:
        self.exercises = exercises
        # Rows by event id, with what they were built from: a row is rebuilt only when its
        # event, state, label or relative minute changes (not every second).
        self._rows: dict[str, tuple[tuple[Any, ...], TriggerEvent, TimelineRow]] = {}
        self._details: dict[str, tuple[TriggerEvent, str]] = {}
        self._shown: list[TimelineRow] = []
        self._until = datetime.min.replace(tzinfo=UTC)
        self.built_from: tuple[EventView, ...] | None = None
        """The events the last rows were built from (the very tuple of the day view)."""

    def rows(self, day: "DayView", *, same_events: bool = False) -> list[TimelineRow]:
        """The timeline's rows, each rebuilt only when what it shows changed.

        ``same_events``: the events are those the rows were last built from, in the same
        states; then the rows stay as they are until one of their relative times changes
        (once a minute at most), without looking at each.
        """
        if same_events and self._shown and day.now < self._until:
            self.built_from = day.events
            return self._shown
        rows: list[TimelineRow] = []
        cache: dict[str, tuple[tuple[Any, ...], TriggerEvent, TimelineRow]] = {}
        until = datetime.max.replace(tzinfo=day.now.tzinfo)
        for view in day.events:
            event = view.event
            at = shown_at(view, day)
            relative = _relative_minutes(at, day.now)
            until = min(until, _relative_until(at, *relative))
            key = (view.state, at, relative, day.labels.get(event.id),
                   day.played.get(event.id))
            cached = self._rows.get(event.id)
            if (cached is not None and cached[0] == key
                    and (cached[1] is event or cached[1] == event)):
                row = cached[2]
            else:
                row = self.row(view, day)
            cache[event.id] = (key, event, row)
            rows.append(row)
        self._rows = cache
        self._shown, self._until, self.built_from = rows, until, day.events
        return rows

    def row(self, view: "EventView", day: "DayView") -> TimelineRow:
        """One event's row, built afresh."""
        event = view.event
        name = event.name
        if event.meeting_title:
            name = f"{name} · {event.meeting_title}"
        played = day.played.get(event.id)
        seconds = self.set_seconds(event)
        if played is not None and played.label:
            seconds = fmt_seconds(played.seconds) if played.seconds else ""
        return TimelineRow(
            event_id=event.id,
            time=f"{event.planned:%H:%M}",
            name=name,
            label=day.label(event),
            seconds=seconds,
            state=view.state,
            relative=relative_text(shown_at(view, day), day.now),
            meeting=event.meeting_title or "",
        )

    def countdown(self, view: "DayView", *, next_day_set: datetime | None = None,
                  in_player: str | None = None) -> Countdown | None:
        """The line under the next set: how long until it (or, due, how long is left to
        start it; or, when it is ``in_player``, that it waits there) and what it holds.
        When no set is left today, a line under the last one says when the next set is
        (``next_day_set``), or None."""
        nxt = view.next
        if nxt is None:
            if not view.events or next_day_set is None:
                return None
            return Countdown(view.events[-1].id,
                             f"◷ No more sets today · {next_set_text(next_day_set)}")
        event = nxt.view.event
        detail = self.set_detail(event)
        if nxt.is_due and event.id == in_player:  # started, and paused while away
            return Countdown(event.id, f"‖ In the player, paused · {RETURN_KEY} to return "
                             "to it", detail)
        if nxt.is_due:
            left = (nxt.view.grace_ends - view.now).total_seconds()
            return Countdown(event.id, f"▶ Due now · {countdown_text(left)} left to start",
                             detail, urgent=True)
        when = countdown_text(nxt.seconds)
        if nxt.view.state is EventState.SNOOZED:
            return Countdown(event.id, f"⏸ Snoozed · due again in {when}", detail)
        return Countdown(event.id, f"◷ Next in {when}", detail, urgent=nxt.seconds < 60)

    def set_detail(self, event: "TriggerEvent") -> str:
        """``Ankle Pumps 10 s + Cervical Nod 12 s`` (worked out once per event: the
        countdown line asks for it every second); empty if an exercise is unknown."""
        cached = self._details.get(event.id)
        if cached is not None and (cached[0] is event or cached[0] == event):
            return cached[1]
        detail = ""
        if self.knows(event):
            detail = " + ".join(
                f"{self.exercises[i.exercise_id].name} "
                f"{fmt_seconds(i.seconds(self.exercises[i.exercise_id]))}"
                for i in event.trigger.items
            )
        self._details[event.id] = (event, detail)
        return detail

    def set_seconds(self, event: "TriggerEvent") -> str:
        """``22 s``: the whole set's length; empty if one of its exercises is unknown."""
        if not self.knows(event):
            return ""
        return fmt_seconds(event.trigger.seconds(self.exercises))

    def knows(self, event: "TriggerEvent") -> bool:
        """Whether every exercise of ``event``'s set is in the library."""
        return all(i.exercise_id in self.exercises for i in event.trigger.items)

    @staticmethod
    def day_off_text(view: "DayView", *, next_day_set: datetime | None = None) -> str:
        """``Saturday is not a working day — no sets today`` on a day without sets, and
        on a second line when the next set is (``Next set: Monday 09:00``)."""
        if view.timeline.events or not view.reason:
            return ""
        reason = view.reason[:1].upper() + view.reason[1:]
        text = f"{reason} — no sets today"
        return text if next_day_set is None else f"{text}\n{next_set_text(next_day_set)}"


def next_set_text(at: datetime) -> str:
    """``Next set: Thursday 09:00``."""
    return f"Next set: {at:%A %H:%M}"


def shown_at(view: "EventView", day: "DayView") -> datetime:
    """The moment a row's relative time counts from: when a logged set ended (a set done
    early reads "done just now", not "done in an hour"), else when the set is due."""
    played = day.played.get(view.id)
    if played is not None and played.at is not None:
        return played.at
    return view.at


def only_time_passed(last: "DayView | None", view: "DayView") -> bool:
    """Whether ``view`` differs from ``last`` (the one shown) only by the passing of time:
    the same events in the same states, the same summary, the same next set. Then only the
    timeline (its countdown, its relative times) and the title can change; any other change
    (an action, the log read, a meeting added) shows everything again."""
    return (
        last is not None
        and view.jump is None
        and not view.rolled_over
        and view.timeline is last.timeline
        and view.labels is last.labels
        and _next_key(view) == _next_key(last)
        and view.summary == last.summary
        and view.quiet_until == last.quiet_until
        and view.events == last.events
    )


def _next_key(view: "DayView") -> tuple[str, bool] | None:
    """The next set and whether it is due."""
    return None if view.next is None else (view.next.view.id, view.next.is_due)


def panel_key(view: "DayView", selected: str | None, *, follow: bool) -> tuple[Any, ...]:
    """All the next-set panel shows: (day, the selected set's id, its state, the heading,
    why there are no sets, whether there are any). ``follow``: the selection follows the
    next set (the user has not moved it)."""
    state = None
    if selected is not None and (found := view.view_of(selected)) is not None:
        state = found.state
    heading = "Next set"
    if not follow:
        heading = "Selected set"
    elif view.due is not None:
        heading = "Due now"
    return (view.day, selected, state, heading, view.reason, bool(view.timeline.events))
