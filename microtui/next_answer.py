"""``microtui next`` worked out in full: the next set at a moment (:func:`answer_at`), and
the whole day's answers with the files they come from, for the state file the app keeps
(:func:`build_state`, read by :mod:`microtui.next_state`).

A day's answer changes only when an event's state does: at an event's planned time, when it
comes due again, and when its grace runs out (:func:`changes_at`). Between two such moments
it is one :class:`~microtui.next_line.NextLine` (only its "in N min" counts down, from the
time saved in it), so a day is a few dozen lines.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from microtui.core.event_states import EventState
from microtui.next_line import DONE, DUE, OFF, UPCOMING, NextLine
from microtui.next_state import (
    FORMAT,
    NextOptions,
    absolute,
    file_stamp,
    local_zone_name,
    state_key,
)

if TYPE_CHECKING:
    from microtui.context import Context
    from microtui.core.clock import Clock
    from microtui.core.event_states import EventView
    from microtui.core.exercises import Exercise
    from microtui.core.timeline import TriggerEvent, TriggerTimeline
    from microtui.day_plan import DayPlan

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
ONE_MICROSECOND = timedelta(microseconds=1)


def micros(moment: datetime) -> int:
    """``moment`` (aware) in whole microseconds since the epoch: exact."""
    return (moment - EPOCH) // ONE_MICROSECOND


def short_label(event: TriggerEvent, exercises: Mapping[str, Exercise]) -> str:
    """The set for a status bar: ``ankle pumps + cervical nod``."""
    return " + ".join(exercises[i.exercise_id].name.lower() for i in event.trigger.items)


def answer_at(timeline: TriggerTimeline, views: list[EventView], at: datetime,
              exercises: Mapping[str, Exercise], *, routine: str,
              no_data: Path | None = None) -> NextLine:
    """What ``next`` says at ``at`` (``views``: the events' states then): the due set, else
    the soonest upcoming or snoozed one, else that there is none today. ``no_data``: the
    data directory that does not exist yet (the tooltip says so)."""
    from microtui.core.time_text import fmt_seconds

    def about(view: EventView, when: str) -> str:
        event = view.event
        text = (f"{event.name} {when}: {event.trigger.set_label(exercises)} "
                f"({fmt_seconds(event.trigger.seconds(exercises))})")
        return text + (f", before {event.meeting_title}" if event.meeting_title else "")

    tail = [f"Routine: {routine}"]
    if no_data is not None:
        tail.append(f"No data yet in {no_data}: start microtui to begin your day.")
    due = next((v for v in views if v.state is EventState.DUE), None)
    if due is not None:
        return NextLine(DUE, short_label(due.event, exercises), None,
                        "\n".join([about(due, f"due since {due.at:%H:%M}"), *tail]))
    waiting = [v for v in views if v.state in (EventState.UPCOMING, EventState.SNOOZED)]
    if not waiting:
        if timeline.reason:
            return NextLine(OFF, "", None, "\n".join([f"{timeline.reason}: no sets today",
                                                      *tail]))
        return NextLine(DONE, "", None, "\n".join(["No more sets today", *tail]))
    soonest = min(waiting, key=lambda v: v.at)
    return NextLine(UPCOMING, short_label(soonest.event, exercises), micros(soonest.at),
                    "\n".join([about(soonest, f"at {soonest.at:%H:%M}"), *tail]))


def answer_now(context: Context, now: datetime) -> NextLine:
    """What ``next`` says at ``now``, worked out from ``context``."""
    from microtui.context import EmptyStore
    from microtui.day_plan import day_plan

    plan = day_plan(context, now.date(), now)
    no_data = context.store.data_dir if isinstance(context.store, EmptyStore) else None
    return answer_at(plan.timeline, plan.views_at(now), now, context.library.exercises,
                     routine=context.routine.name, no_data=no_data)


def changes_at(views: Iterable[EventView]) -> set[datetime]:
    """The moments an event's state can change (its planned time, when it comes due, when
    its grace ends): the answer is the same between two of them."""
    return {moment for view in views
            for moment in (view.event.planned, view.at, view.grace_ends)}


def day_lines(plan: DayPlan, exercises: Mapping[str, Exercise], routine: str,
              tz: Any) -> tuple[int, int, list[tuple[int, NextLine]]]:
    """The day's answers: its start and end (microseconds) and each answer with the moment
    it starts to hold, from midnight to midnight."""
    start = datetime.combine(plan.day, time(0), tzinfo=tz)
    end = datetime.combine(plan.day + timedelta(days=1), time(0), tzinfo=tz)
    moments = sorted(m for m in changes_at(plan.views_at(start))
                     if micros(start) < micros(m) < micros(end))
    lines: list[tuple[int, NextLine]] = []
    for moment in [start, *moments]:
        line = answer_at(plan.timeline, plan.views_at(moment), moment, exercises,
                         routine=routine)
        if not lines or lines[-1][1] != line:
            lines.append((micros(moment), line))
    return micros(start), micros(end), lines


def build_state(options: NextOptions, clock: Clock, *, env: Mapping[str, str] | None = None,
                cwd: str | None = None) -> dict[str, Any] | None:
    """The state file's content for ``microtui next`` with ``options``, worked out as that
    command does, at ``clock``'s now; None when it cannot be kept (no data directory yet, a
    file that cannot be read, a time zone ``next`` could not check, ...). The files are
    stamped before they are read: one that changes meanwhile makes the state not hold."""
    from microtui.context import EmptyStore, SetupError, open_context
    from microtui.core.loader import builtin_path
    from microtui.day_plan import day_plan
    from microtui.paths import user_exercises_file
    from microtui.store.layout import Layout

    env = os.environ if env is None else env
    cwd = os.getcwd() if cwd is None else cwd
    directory, default = data_dir_for(options, env, cwd)
    now = clock.now()
    if not os.path.isdir(directory) or not zone_checked(now, env):
        return None
    day = now.date()
    library = [builtin_path(), user_exercises_file()]
    if options.exercises is not None:
        library.append(Path(options.exercises))
    try:
        inputs = _stamps([*library, *Layout(Path(directory)).files_read_for(day.isoformat())],
                         cwd)
        context = open_context(data=options.data, calendar=options.calendar, lock=False,
                               exercises=None if options.exercises is None
                               else Path(options.exercises))
    except (OSError, SetupError):
        return None
    try:
        if isinstance(context.store, EmptyStore):
            return None
        relative = False
        if context.calendar_path is not None:
            from microtui.calendar import CalendarError
            from microtui.calendar_source import source_files

            try:
                inputs += _stamps(source_files(context.calendar_path), cwd)
            except (OSError, CalendarError):
                return None
            relative = (isinstance(context.calendar_path, Path)
                        and not context.calendar_path.expanduser().is_absolute())
        plan = day_plan(context, day, now)
        start, end, lines = day_lines(plan, context.library.exercises, context.routine.name,
                                      now.tzinfo)
    finally:
        context.close()
    return {
        "format": FORMAT,
        "key": state_key(options, env, cwd, directory, default),
        "cwd": cwd if relative else None,
        "inputs": inputs,
        "from_us": start,
        "until_us": end,
        "lines": [[at, line.to_list()] for at, line in lines],
    }


def data_dir_for(options: NextOptions, env: Mapping[str, str], cwd: str) -> tuple[str, bool]:
    """The data directory ``next`` with ``options`` reads (absolute) and whether it is the
    default one."""
    from microtui.paths import data_dir

    if options.data:
        return absolute(options.data, cwd), False
    if env.get("MICROTUI_DATA"):
        return absolute(env["MICROTUI_DATA"], cwd), False
    return str(data_dir(None, env)), True


def zone_checked(now: datetime, env: Mapping[str, str]) -> bool:
    """``now`` is in a named zone, the one ``next`` finds first from ``env``: then the same
    name there means the same zone."""
    zone = now.tzinfo
    return isinstance(zone, ZoneInfo) and bool(zone.key) and zone.key == local_zone_name(env)


def _stamps(paths: Iterable[Path], cwd: str) -> list[list[Any]]:
    out = []
    for path in paths:
        name = absolute(str(path), cwd)
        out.append([name, file_stamp(name)])
    return out
