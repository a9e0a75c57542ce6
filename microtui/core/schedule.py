"""The schedule settings: when the workday runs and how the reminders behave.

:class:`ScheduleSettings` is checked when it is made (every problem at once, in a
:class:`SettingsError`) and read from and written to the settings file as plain JSON types.
The day's events are built from it by :mod:`microtui.core.timeline`; their states at a
moment come from :mod:`microtui.core.event_states`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from datetime import date, time, timedelta
from datetime import datetime as datetime_type
from typing import Any

from microtui.core.time_text import (
    WEEKDAY_NAMES,
    WEEKDAY_TITLES,
    iso_day,
    parse_hhmm,
    weekday_number,
)


class SettingsError(ValueError):
    """Schedule settings are invalid; ``problems`` lists (field, message) pairs."""

    def __init__(self, problems: Iterable[tuple[str, str]]):
        self.problems = tuple(problems)
        self.field = self.problems[0][0] if self.problems else ""
        super().__init__("; ".join(f"{fld}: {msg}" for fld, msg in self.problems))


@dataclass(frozen=True)
class ScheduleSettings:
    """When the workday runs and how the reminders behave.

    ``working_weekdays`` holds :meth:`date.weekday` numbers (Monday is 0).
    ``interval_minutes`` / ``pre_meeting_lead_minutes`` of None mean "use the routine's".
    ``plan_starts``: the first day the plan runs (a first start late in the workday puts it
    on the next working day); days before it are days off. None: no such day.
    """

    workday_start: time = time(9, 0)
    workday_end: time = time(17, 30)
    working_weekdays: frozenset[int] = frozenset({0, 1, 2, 3, 4})
    interval_minutes: int | None = None
    pre_meeting_lead_minutes: int | None = None
    grace_minutes: int = 10
    merge_minutes: int = 5
    snooze_minutes: int = 5
    plan_starts: date | None = None

    def __post_init__(self) -> None:
        problems: list[tuple[str, str]] = []
        for name in ("workday_start", "workday_end"):
            value = getattr(self, name)
            if not isinstance(value, time):
                problems.append((name, f"must be a time like 09:00, got {value!r}"))
            elif value.tzinfo is not None or value.second or value.microsecond:
                problems.append((name, "must be a local time in whole minutes, like 09:00"))
        if not problems and self.workday_end <= self.workday_start:
            problems.append(("workday_end", f"must be after workday_start "
                                            f"({self.workday_start:%H:%M})"))
        days = self.working_weekdays
        if isinstance(days, str) or not isinstance(days, Iterable):
            problems.append(("working_weekdays", "must be a set of weekday numbers 0-6"))
        else:
            days = frozenset(days)
            if any(not _is_int(d) or not 0 <= d <= 6 for d in days):
                problems.append(("working_weekdays", "weekdays must be numbers 0 (Monday) "
                                                     "to 6 (Sunday)"))
            elif not days:
                problems.append(("working_weekdays", "needs at least one working day"))
            object.__setattr__(self, "working_weekdays", days)
        for name, minimum, optional in (
            ("interval_minutes", 1, True),
            ("pre_meeting_lead_minutes", 0, True),
            ("grace_minutes", 1, False),
            ("merge_minutes", 0, False),
            ("snooze_minutes", 1, False),
        ):
            value = getattr(self, name)
            if value is None and optional:
                continue
            if not _is_int(value):
                kind = "a whole number of minutes" + (" or null" if optional else "")
                problems.append((name, f"must be {kind}, got {value!r}"))
            elif value < minimum:
                problems.append((name, f"must be at least {minimum}, got {value}"))
        if self.plan_starts is not None and (not isinstance(self.plan_starts, date)
                                             or isinstance(self.plan_starts, datetime_type)):
            problems.append(("plan_starts", f"must be a date, got {self.plan_starts!r}"))
        if problems:
            raise SettingsError(problems)

    def works_on(self, day: date) -> bool:
        """``day`` is a working day of the plan: one of the working weekdays, and not before
        :attr:`plan_starts`."""
        return day.weekday() in self.working_weekdays and (
            self.plan_starts is None or day >= self.plan_starts)

    def not_working_reason(self, day: date) -> str:
        """Why ``day`` plans no sets (for a day :meth:`works_on` refuses)."""
        if day.weekday() in self.working_weekdays and self.plan_starts is not None:
            return f"your plan starts on {WEEKDAY_TITLES[self.plan_starts.weekday()]} " \
                   f"{self.plan_starts.day} {self.plan_starts:%B}"
        return f"{WEEKDAY_TITLES[day.weekday()]} is not a working day"

    def next_working_day(self, day: date) -> date:
        """The first working day after ``day`` (at most a week on)."""
        for step in range(1, 8):
            following = day + timedelta(days=step)
            if following.weekday() in self.working_weekdays:
                return following
        return day + timedelta(days=7)  # unreachable: there is at least one working day

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON types: times as "HH:MM", weekdays as ["mon", ...]."""
        return {
            "workday_start": self.workday_start.strftime("%H:%M"),
            "workday_end": self.workday_end.strftime("%H:%M"),
            "working_weekdays": [WEEKDAY_NAMES[d] for d in sorted(self.working_weekdays)],
            "interval_minutes": self.interval_minutes,
            "pre_meeting_lead_minutes": self.pre_meeting_lead_minutes,
            "grace_minutes": self.grace_minutes,
            "merge_minutes": self.merge_minutes,
            "snooze_minutes": self.snooze_minutes,
        } | ({} if self.plan_starts is None else {"plan_starts": self.plan_starts.isoformat()})

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ScheduleSettings:
        """The inverse of :meth:`to_dict`; missing keys take their defaults.

        Raises :class:`SettingsError` naming every bad or unknown field.
        """
        if not isinstance(data, Mapping):
            raise SettingsError([("", f"settings must be an object, got {type(data).__name__}")])
        known = {f.name for f in fields(cls)}
        problems = [(key, "unknown setting") for key in data if key not in known]
        kwargs: dict[str, Any] = {}
        for key in ("workday_start", "workday_end"):
            if key in data:
                parsed = _parse_hhmm(data[key])
                if parsed is None:
                    problems.append((key, f'must be a time like "09:00", got {data[key]!r}'))
                else:
                    kwargs[key] = parsed
        if "working_weekdays" in data:
            parsed_days = _parse_weekdays(data["working_weekdays"])
            if isinstance(parsed_days, str):
                problems.append(("working_weekdays", parsed_days))
            else:
                kwargs["working_weekdays"] = parsed_days
        if data.get("plan_starts") is not None:
            starts = iso_day(data["plan_starts"]) if isinstance(data["plan_starts"], str) \
                else None
            if starts is None:
                problems.append(("plan_starts", f'must be a date like "2026-12-07", got '
                                                f'{data["plan_starts"]!r}'))
            else:
                kwargs["plan_starts"] = starts
        for key in ("interval_minutes", "pre_meeting_lead_minutes", "grace_minutes",
                    "merge_minutes", "snooze_minutes"):
            if key in data:
                kwargs[key] = data[key]
        try:
            settings = cls(**kwargs)
        except SettingsError as exc:
            # A time that did not parse leaves its default in place: no cross-check with it.
            skip = {fld for fld, _ in problems}
            if skip & {"workday_start", "workday_end"}:
                skip |= {"workday_start", "workday_end"}
            problems.extend(p for p in exc.problems if p[0] not in skip)
        if problems:
            raise SettingsError(problems)
        return settings


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _parse_hhmm(raw: Any) -> time | None:
    try:
        return parse_hhmm(raw) if isinstance(raw, str) else None
    except ValueError:
        return None


def _parse_weekdays(raw: Any) -> frozenset[int] | str:
    if not isinstance(raw, list):
        return f'must be a list of weekday names like ["mon", "tue"], got {raw!r}'
    days = set()
    for item in raw:
        number = weekday_number(item) if isinstance(item, str) else None
        if number is None:
            return f"unknown weekday {item!r} (expected one of: {', '.join(WEEKDAY_NAMES)})"
        days.add(number)
    return frozenset(days)
