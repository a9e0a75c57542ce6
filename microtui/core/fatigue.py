"""Step 4 of the guide's routine design: "Start with a 20-minute interval schedule; adjust to
15 minutes if you notice early signs of fatigue."

The sign read here is the guide's own subjective metric: energy, rated 1-10 at the start
and the end of the workday. When the day ends with less energy than it started on at
least :data:`FALLING_NEEDED` of the last :data:`FALLING_WINDOW` workdays that have both
ratings, :func:`fatigue_suggestion` proposes the 15-minute interval, as progressions are
proposed; the user accepts or declines (declined: not asked again for two weeks).

Pure: no UI, storage or clock. ``today`` is always passed in.
"""

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any, NamedTuple

from microtui.core.routine import Routine, TriggerKind
from microtui.core.routine_draft import INTERVAL_FATIGUE
from microtui.core.settings import UserSettings

FALLING_WINDOW = 5
FALLING_NEEDED = 3
DECLINE_DAYS = 14
FATIGUE_ADVICE = ("Start with a 20-minute interval schedule; adjust to 15 minutes if you "
                  "notice early signs of fatigue.")


class FatigueSuggestion(NamedTuple):
    """Energy fell over ``falling`` of the last ``window`` rated workdays: every
    ``interval_minutes`` instead of every ``current_minutes``."""

    falling: int
    window: int
    current_minutes: int
    interval_minutes: int = INTERVAL_FATIGUE

    def describe(self) -> str:
        return (f"Your energy fell from morning to evening on {self.falling} of your last "
                f"{self.window} rated workdays: the guide suggests a set every "
                f"{self.interval_minutes} minutes instead of {self.current_minutes}.")


def energy_by_day(checkins: Iterable[Mapping[str, Any]]) -> dict[date, tuple[int, int]]:
    """``{day: (start energy, end energy)}`` for the days rated at both ends (the last
    answer of each moment wins)."""
    start: dict[str, int] = {}
    end: dict[str, int] = {}
    for record in checkins:
        energy, day, moment = record.get("energy"), record.get("date"), record.get("moment")
        if not isinstance(energy, int) or not isinstance(day, str):
            continue
        if moment == "start":
            start[day] = energy
        elif moment == "end":
            end[day] = energy
    days: dict[date, tuple[int, int]] = {}
    for key in start.keys() & end.keys():
        try:
            days[date.fromisoformat(key)] = (start[key], end[key])
        except ValueError:
            continue
    return days


def fatigue_suggestion(checkins: Iterable[Mapping[str, Any]], today: date,
                       current_minutes: int, declined_on: date | None = None
                       ) -> FatigueSuggestion | None:
    """The 15-minute interval, if energy has been falling and the interval is longer.

    Only days before or on ``today`` count; one declined less than 14 days ago stays
    hidden."""
    if current_minutes <= INTERVAL_FATIGUE:
        return None
    if declined_on is not None and (today - declined_on).days < DECLINE_DAYS:
        return None
    rated = sorted((day, pair) for day, pair in energy_by_day(checkins).items() if day <= today)
    recent = rated[-FALLING_WINDOW:]
    falling = sum(1 for _, (morning, evening) in recent if evening < morning)
    if len(recent) < FALLING_NEEDED or falling < FALLING_NEEDED:
        return None
    return FatigueSuggestion(falling, len(recent), current_minutes)


def fatigue_for(checkins: Iterable[Mapping[str, Any]], today: date, settings: UserSettings,
                routine: Routine) -> FatigueSuggestion | None:
    """:func:`fatigue_suggestion` for the interval in force: the schedule's, else the
    routine's own; declined as the settings remember it."""
    trigger = routine.trigger(TriggerKind.INTERVAL)
    minutes = settings.schedule.interval_minutes or (
        trigger.every_minutes if trigger is not None else None)
    if minutes is None:
        return None
    return fatigue_suggestion(checkins, today, minutes, settings.fatigue_declined)
