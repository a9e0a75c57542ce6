"""The user's settings: the one ``settings`` document of ``settings.json``, as a typed value.

Pure: no files, no clock. The store reads the raw dict and hands it to
:meth:`UserSettings.from_dict`; a change is a new value (:meth:`UserSettings.with_first_seen`,
:func:`dataclasses.replace`, ...) that :meth:`UserSettings.to_dict` turns back into the dict
to save (``Store.update_settings`` does both under the store's lock).

What is stored, and how it reads::

    {"schedule": {...},                  # ScheduleSettings; invalid: SettingsError
     "active_routine": "desk-day",       # the routine Today follows (an id)
     "calendar": "~/calendar.ics",       # the path as typed: ~ is expanded only when used
     "notifications": {"desktop": "osc9", "autostart_seconds": 20},
     "theme": "dark",
     "first_seen": {"date": "2026-11-25", "at": "2026-11-25T08:52:10+01:00"},
     "end_checkin_offered": "2026-11-25",  # the last day quitting offered the check-in
     "fatigue_declined": "2026-11-20",  # the 15-minute interval turned down that day
     "mental_break": false,               # no pause to look away after a set (default on)
     "setup_done": "2026-11-25",          # the first-run setup was answered that day
     "progression": {"declined": {"chest-opener": "2026-11-15"},
                     "accepted": [{"accepted": {"exercise": "hip-abduction", "kind": "band",
                                                "hold_seconds": 0.0},
                                   "date": "2026-11-12"}]},
     "quiet": [{"from": "2026-11-25T13:30:00+01:00",   # every quiet period (core.quiet)
                "until": "2026-11-25T14:30:00+01:00"}]}

Only an invalid schedule is refused (the app does not start on it, naming the field); any
other value that does not read is taken as unset, as the app always did (a desktop protocol
other than ``osc9``/``osc777``/``desktop`` is off, a log entry that does not parse is skipped).

Nothing is lost on the way back: keys this version does not know are written back unchanged
(:attr:`UserSettings.extra`), and every known value the app did not change is written back
exactly as it was read, hand-made oddities included (:attr:`UserSettings.source`). So
``UserSettings.from_dict(raw).to_dict() == raw`` for every ``raw`` that reads, and
``UserSettings.from_dict(s.to_dict()) == s`` for every value ``s``.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal, NamedTuple, TypeGuard

from microtui.core.quiet import QuietLog
from microtui.core.schedule import ScheduleSettings, SettingsError

__all__ = [
    "DESKTOP_PROTOCOLS",
    "Accepted",
    "DesktopProtocol",
    "FirstSeen",
    "Notifications",
    "ProgressionLog",
    "SettingsError",
    "UserSettings",
    "is_desktop_protocol",
]

DesktopProtocol = Literal["osc9", "osc777", "desktop"]
"""How desktop notifications are sent: through the terminal (OSC 9, OSC 777) or with the
platform's own notifier (``desktop``: notify-send, osascript)."""
DESKTOP_PROTOCOLS: tuple[DesktopProtocol, ...] = ("osc9", "osc777", "desktop")


def is_desktop_protocol(value: object) -> TypeGuard[DesktopProtocol]:
    """``value`` names a desktop protocol (``"osc9"``, ``"osc777"`` or ``"desktop"``)."""
    return value in DESKTOP_PROTOCOLS


def _is_number(value: object) -> TypeGuard[int | float]:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _iso_date(raw: object) -> date | None:
    try:
        return date.fromisoformat(raw) if isinstance(raw, str) else None
    except ValueError:
        return None


def _iso_datetime(raw: object) -> datetime | None:
    try:
        return datetime.fromisoformat(raw) if isinstance(raw, str) else None
    except ValueError:
        return None


def _text(raw: object) -> str | None:
    return raw if isinstance(raw, str) else None


def _object(raw: object) -> dict[str, Any]:
    """A copy of ``raw`` if it is a JSON object, else an empty one (to merge changes into)."""
    return dict(raw) if isinstance(raw, Mapping) else {}


# -- the parts ------------------------------------------------------------------------------


class Notifications(NamedTuple):
    """``"notifications"``: desktop notifications through the terminal, and autostart."""

    desktop: DesktopProtocol | None = None
    """``"osc9"``, ``"osc777"`` or ``"desktop"``; None: off (the default)."""
    autostart_seconds: int | None = None
    """Start the player by itself this long after a set comes due; None: off."""

    @classmethod
    def from_dict(cls, raw: object) -> "Notifications":
        """Lenient: what does not read is off."""
        values = _object(raw)
        desktop = values.get("desktop")
        autostart = values.get("autostart_seconds")
        return cls(desktop if is_desktop_protocol(desktop) else None,
                   autostart if isinstance(autostart, int) and not isinstance(autostart, bool)
                   else None)

    def to_dict(self, old: object = None) -> dict[str, Any]:
        """``old`` (the raw value read) with the fields that differ from it replaced."""
        out, was = _object(old), Notifications.from_dict(old)
        if self.desktop != was.desktop:
            out["desktop"] = self.desktop
        if self.autostart_seconds != was.autostart_seconds:
            out["autostart_seconds"] = self.autostart_seconds
        return out


class FirstSeen(NamedTuple):
    """``"first_seen"``: when the app first ran on ``day`` (the start-of-day set comes then)."""

    day: date
    at: datetime

    @classmethod
    def from_dict(cls, raw: object) -> "FirstSeen | None":
        """Lenient: None unless both the date and the time read."""
        values = _object(raw)
        day, at = _iso_date(values.get("date")), _iso_datetime(values.get("at"))
        return None if day is None or at is None else cls(day, at)

    def to_dict(self, old: object = None) -> dict[str, Any]:
        return {**_object(old), "date": self.day.isoformat(), "at": self.at.isoformat()}


class Accepted(NamedTuple):
    """An accepted progression: one entry of the settings' ``progression.accepted`` log,
    ``{"accepted": {"exercise": ..., "kind": ..., "hold_seconds": ...}, "date": ...}``."""

    exercise_id: str
    kind: str
    """``"hold"`` (every hold longer by ``hold_seconds``) or ``"band"``."""
    on: date
    hold_seconds: float = 0.0

    @classmethod
    def from_dict(cls, entry: object) -> "Accepted":
        """Raises :class:`ValueError` for an entry without an exercise id and a date."""
        what = _object(entry).get("accepted")
        day = _iso_date(_object(entry).get("date"))
        if not isinstance(what, Mapping) or not isinstance(what.get("exercise"), str) \
                or day is None:
            raise ValueError(f"not an accepted progression: {entry!r}")
        hold = what.get("hold_seconds")
        return cls(what["exercise"], str(what.get("kind", "")), day,
                   float(hold) if _is_number(hold) else 0.0)

    def to_dict(self) -> dict[str, Any]:
        return {"accepted": {"exercise": self.exercise_id, "kind": self.kind,
                             "hold_seconds": self.hold_seconds},
                "date": self.on.isoformat()}


def _accepted_or_none(entry: object) -> Accepted | None:
    try:
        return Accepted.from_dict(entry)
    except ValueError:
        return None


def _declined(raw: object) -> dict[str, date]:
    return {str(exercise_id): day for exercise_id, value in _object(raw).items()
            if (day := _iso_date(value)) is not None}


class ProgressionLog(NamedTuple):
    """``"progression"``: the guide's progressive variations the user turned down or took."""

    declined: Mapping[str, date] = MappingProxyType({})
    """Exercise id → the day its suggestion was declined (hidden for two weeks)."""
    accepted: tuple[Accepted, ...] = ()
    """Oldest first."""

    @classmethod
    def from_dict(cls, raw: object) -> "ProgressionLog":
        """Lenient: entries that do not parse are skipped."""
        values = _object(raw)
        entries = values.get("accepted")
        accepted = (_accepted_or_none(entry) for entry in
                    (entries if isinstance(entries, list) else []))
        return cls(_declined(values.get("declined")), tuple(a for a in accepted if a))

    def to_dict(self, old: object = None) -> dict[str, Any]:
        """``old`` (the raw value read) with this log's changes merged in: entries that did
        not parse, and those unchanged, stay exactly as they were."""
        out, was = _object(old), ProgressionLog.from_dict(old)
        if self.declined != was.declined:
            before, declined = _object(out.get("declined")), {}
            for exercise_id, value in before.items():
                if exercise_id in self.declined:
                    day = self.declined[exercise_id]
                    declined[exercise_id] = value if _iso_date(value) == day else day.isoformat()
                elif _iso_date(value) is None:
                    declined[exercise_id] = value  # not ours to drop
            for exercise_id, day in self.declined.items():
                declined.setdefault(exercise_id, day.isoformat())
            out["declined"] = declined
        if self.accepted != was.accepted:
            entries = out.get("accepted")
            wanted, kept = list(self.accepted), []
            for entry in entries if isinstance(entries, list) else []:
                parsed = _accepted_or_none(entry)
                if parsed is None:
                    kept.append(entry)  # not ours to drop
                elif wanted and parsed == wanted[0]:
                    kept.append(entry)
                    wanted.pop(0)
            out["accepted"] = kept + [accepted.to_dict() for accepted in wanted]
        return out

    def with_declined(self, exercise_id: str, on: date) -> "ProgressionLog":
        return self._replace(declined={**self.declined, exercise_id: on})

    def with_accepted(self, accepted: Iterable[Accepted]) -> "ProgressionLog":
        return self._replace(accepted=(*self.accepted, *accepted))


# -- the whole --------------------------------------------------------------------------------


#: Each known key of the settings document and the field that holds it.
_KEYS = {
    "schedule": "schedule",
    "active_routine": "active_routine_id",
    "calendar": "calendar",
    "notifications": "notifications",
    "theme": "theme",
    "first_seen": "first_seen",
    "end_checkin_offered": "end_checkin_offered",
    "progression": "progression",
    "quiet": "quiet",
    "fatigue_declined": "fatigue_declined",
    "mental_break": "mental_break",
    "setup_done": "setup_done",
}


@dataclass(frozen=True)
class UserSettings:
    """Everything ``settings.json`` keeps about the user (the routines are kept beside it)."""

    schedule: ScheduleSettings = field(default_factory=ScheduleSettings)
    active_routine_id: str | None = None
    """The routine Today follows; None (or an id no routine has): the guide's day plan."""
    calendar: str | None = None
    """The calendar file as the user typed it (``~`` unexpanded; :meth:`calendar_path`)."""
    notifications: Notifications = field(default_factory=Notifications)
    theme: str | None = None
    first_seen: FirstSeen | None = None
    end_checkin_offered: date | None = None
    """The last day on which quitting offered the end-of-day check-in (once a day)."""
    progression: ProgressionLog = field(default_factory=ProgressionLog)
    quiet: QuietLog = field(default_factory=QuietLog)
    """Every quiet period (reminders paused: :mod:`microtui.core.quiet`)."""
    fatigue_declined: date | None = None
    """The day the 15-minute interval (energy falling) was turned down (two weeks' quiet)."""
    mental_break: bool = True
    """After each set, a few seconds to look away from the screen and breathe."""
    setup_done: date | None = None
    """The day the first-run setup was answered (None: never, or before there was one)."""
    extra: Mapping[str, Any] = field(default_factory=dict)
    """Keys this version does not know, written back unchanged."""
    source: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)
    """The dict this was read from: what the app did not change is written back as it was."""

    def __post_init__(self) -> None:
        known = sorted(set(self.extra) & set(_KEYS))
        if known:
            raise ValueError(f"extra must hold only unknown keys, not {known}")

    # -- reading and writing --

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any], *, lenient: bool = False) -> "UserSettings":
        """Read the stored settings dict.

        Raises :class:`SettingsError` naming the field (``schedule.workday_start``) when the
        schedule is invalid. With ``lenient`` (for a read-only view such as the report) the
        schedule's fields that read are used instead, else the defaults.
        """
        if not isinstance(raw, Mapping):
            raise SettingsError([("", f"settings must be an object, got {type(raw).__name__}")])
        return cls(
            schedule=_schedule(raw.get("schedule"), lenient=lenient),
            active_routine_id=_text(raw.get("active_routine")),
            calendar=_text(raw.get("calendar")),
            notifications=Notifications.from_dict(raw.get("notifications")),
            theme=_text(raw.get("theme")),
            first_seen=FirstSeen.from_dict(raw.get("first_seen")),
            end_checkin_offered=_iso_date(raw.get("end_checkin_offered")),
            progression=ProgressionLog.from_dict(raw.get("progression")),
            quiet=QuietLog.from_dict(raw.get("quiet")),
            fatigue_declined=_iso_date(raw.get("fatigue_declined")),
            mental_break=raw.get("mental_break") is not False,
            setup_done=_iso_date(raw.get("setup_done")),
            extra={key: value for key, value in raw.items() if key not in _KEYS},
            source=dict(raw),
        )

    def to_dict(self) -> dict[str, Any]:
        """The dict to store: :attr:`source` (in its order) with :attr:`extra` and the fields
        that differ from what was read."""
        was = UserSettings.from_dict(self.source, lenient=True)
        out = {key: self.extra[key] if key not in _KEYS else value
               for key, value in self.source.items() if key in _KEYS or key in self.extra}
        out.update(self.extra)
        for key, name in _KEYS.items():
            value = getattr(self, name)
            if value == getattr(was, name):
                continue
            old = self.source.get(key)
            if isinstance(value, ScheduleSettings):
                out[key] = value.to_dict()
            elif isinstance(value, Notifications | FirstSeen | ProgressionLog | QuietLog):
                out[key] = value.to_dict(old)
            elif isinstance(value, date):
                out[key] = value.isoformat()
            else:
                out[key] = value
        return out

    # -- questions --

    def calendar_path(self) -> Path | None:
        """The calendar file with ``~`` expanded, or None when none is set."""
        return Path(self.calendar).expanduser() if self.calendar else None

    def first_seen_on(self, day: date) -> datetime | None:
        """When the app first ran on ``day``, if that was recorded."""
        seen = self.first_seen
        return seen.at if seen is not None and seen.day == day else None

    def needs_setup(self) -> bool:
        """A fresh data directory: the setup was never answered and the app never ran on a
        working day here (a data directory from before the setup does not ask)."""
        return self.setup_done is None and self.first_seen is None

    # -- the changes the app makes --

    def with_setup(self, schedule: ScheduleSettings, on: date) -> "UserSettings":
        """The first-run setup was answered ``on`` that day with ``schedule``."""
        return replace(self, schedule=schedule, setup_done=on)

    def with_first_seen(self, now: datetime) -> "UserSettings":
        """``now`` is the first time the app ran on its day."""
        return replace(self, first_seen=FirstSeen(now.date(), now))

    def with_end_checkin_offered(self, day: date) -> "UserSettings":
        """Quitting offered the end-of-day check-in on ``day`` (not again that day)."""
        return replace(self, end_checkin_offered=day)

    def with_interval(self, minutes: int) -> "UserSettings":
        """A set every ``minutes`` (the schedule's interval, over the routine's)."""
        return replace(self, schedule=replace(self.schedule, interval_minutes=minutes))

    def with_fatigue_declined(self, day: date) -> "UserSettings":
        """The 15-minute interval was turned down on ``day``."""
        return replace(self, fatigue_declined=day)

    def with_mental_break(self, on: bool) -> "UserSettings":
        return replace(self, mental_break=on)

    def with_active_routine(self, routine_id: str) -> "UserSettings":
        return replace(self, active_routine_id=routine_id)

    def with_theme(self, theme: str) -> "UserSettings":
        """The theme picked in the app (Textual's name for it)."""
        return replace(self, theme=theme)

    def with_quiet(self, quiet: QuietLog) -> "UserSettings":
        return replace(self, quiet=quiet)

    def with_declined(self, exercise_id: str, on: date) -> "UserSettings":
        """The progression for ``exercise_id`` was declined ``on`` that day."""
        return replace(self, progression=self.progression.with_declined(exercise_id, on))

    def with_accepted(self, accepted: Iterable[Accepted]) -> "UserSettings":
        """These progressions were accepted (appended to the log)."""
        return replace(self, progression=self.progression.with_accepted(accepted))


def _schedule(raw: object, *, lenient: bool) -> ScheduleSettings:
    """``"schedule"``: missing or empty means the defaults."""
    if not raw:
        return ScheduleSettings()
    try:
        if not isinstance(raw, Mapping):
            raise SettingsError([("", f"must be an object, got {type(raw).__name__}")])
        if lenient:
            known = {f.name for f in fields(ScheduleSettings)}
            raw = {key: value for key, value in raw.items() if key in known}
        return ScheduleSettings.from_dict(raw)
    except SettingsError as exc:
        if lenient:
            return ScheduleSettings()
        raise SettingsError((f"schedule.{name}" if name else "schedule", message)
                            for name, message in exc.problems) from None
