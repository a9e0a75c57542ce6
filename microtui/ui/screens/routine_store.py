"""What the routine builder reads from and writes to the store, and the messages its thread
workers post about it.

The builder reads the settings, the saved routines and the recent sessions once
(:class:`StoreRead`, or :class:`StoreReadFailed`), and writes a :class:`RoutineSave`
(:class:`Saved` or :class:`SaveFailed`; :class:`CalendarRefused`, and nothing written, when
its calendar file cannot be read: :func:`calendar_problem`) or a :class:`Decline`
(:class:`DeclineFailed` if it could not be written). :func:`save_active_routine_settings`
and :func:`save_decline` each change the settings with
:meth:`~microtui.store.Store.update_settings` (other settings kept).

Settings it changes: the schedule, the active routine, the calendar, the progression log's
declined and accepted suggestions; a :class:`SettingsChange` (the 15-minute interval taken
or declined) is written at once (:class:`SettingsWritten`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.message import Message

from microtui.core.routine import (
    Routine,
    RoutineFormatError,
    routine_from_dict,
    routine_to_dict,
)
from microtui.core.routine_draft import BUILTIN_ROUTINE_ID, RoutineDraft
from microtui.core.schedule import ScheduleSettings
from microtui.core.settings import Accepted, UserSettings

if TYPE_CHECKING:
    from microtui.core.exercises import Exercise
    from microtui.store import Store


# -- what is written ---------------------------------------------------------------------------


@dataclass(frozen=True)
class RoutineSave:
    """A save: ``routine`` (stored unless ``store_routine`` is false: the built-in plan),
    made active with the schedule ``draft`` describes, logging ``accepts`` (accepted
    progression suggestions, as stored)."""

    routine: Routine
    draft: RoutineDraft
    accepts: tuple[dict[str, Any], ...]
    store_routine: bool


@dataclass(frozen=True)
class Decline:
    """A progression suggestion declined on ``day`` (hidden for two weeks from then)."""

    exercise_id: str
    day: date


@dataclass(frozen=True)
class SettingsChange:
    """A change of the settings alone (``what`` names it when it cannot be written)."""

    change: Callable[[UserSettings], UserSettings]
    what: str


StoreChange = RoutineSave | Decline | SettingsChange


def calendar_problem(calendar: str, now: datetime) -> str:
    """Why the calendar file typed in the form cannot be used, as the form shows it beside
    the field (``""``: it reads, or none is typed). Reads the file: run it in a worker."""
    typed = calendar.strip()
    if not typed:
        return ""
    from microtui.calendar import CalendarError, read_calendar

    path = Path(typed).expanduser()
    assert now.tzinfo is not None  # the clock's times are aware
    try:
        read_calendar(path, now.date(), now.tzinfo)
    except CalendarError as exc:
        reason = str(exc).removeprefix(f"{path}: ")
        reason = reason if len(reason) <= 150 else reason[:149] + "…"
        return f"{reason[:1].upper()}{reason[1:]}{'' if reason.endswith('.') else '.'}"
    return ""


def save_routine(store: Store, save: RoutineSave) -> ScheduleSettings:
    """Write ``save``: the routine (unless built in), then the settings."""
    if save.store_routine:
        store.save_routine(routine_to_dict(save.routine) | {"design": save.draft.design_dict()})
    return save_active_routine_settings(store, save)


def save_active_routine_settings(store: Store, save: RoutineSave) -> ScheduleSettings:
    """Change the settings for ``save``, keeping the others; returns the schedule now
    stored."""
    draft = save.draft

    def change(saved: UserSettings) -> UserSettings:
        return replace(saved.with_accepted(Accepted.from_dict(a) for a in save.accepts),
                       schedule=draft.to_settings(saved.schedule),
                       active_routine_id=save.routine.id,
                       calendar=draft.calendar.strip() or None)

    return store.update_settings(change).schedule


def save_decline(store: Store, decline: Decline) -> None:
    """Change the settings: ``decline`` joins the progression log's declined suggestions."""
    store.update_settings(lambda saved: saved.with_declined(decline.exercise_id, decline.day))


def saved_routines(
    routines: list[dict[str, Any]], exercises: Mapping[str, Exercise],
) -> tuple[dict[str, tuple[Routine, Mapping[str, Any]]], list[str]]:
    """The stored routines by id, each with its design dict (never the built-in plan), and
    a line for each one that could not be read."""
    saved: dict[str, tuple[Routine, Mapping[str, Any]]] = {}
    bad = []
    for data in routines:
        try:
            routine = routine_from_dict(data, exercises)
        except RoutineFormatError as exc:
            bad.append(f"{data.get('id', '?')}: {exc}")
            continue
        if routine.id != BUILTIN_ROUTINE_ID:
            design = data.get("design")
            saved[routine.id] = (routine, design if isinstance(design, dict) else {})
    return saved, bad


# -- what the workers report -------------------------------------------------------------------


class StoreRead(Message, bubble=False):
    """The settings, the saved routines (as stored), the recent sessions and the
    check-ins."""

    def __init__(self, settings: UserSettings, routines: list[dict[str, Any]],
                 sessions: list[dict[str, Any]],
                 checkins: list[dict[str, Any]] | None = None) -> None:
        super().__init__()
        self.settings = settings
        self.routines = routines
        self.sessions = sessions
        self.checkins = checkins or []


class StoreReadFailed(Message, bubble=False):
    """The store could not be read (the form still works)."""

    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error


class Saved(Message, bubble=False):
    """``save`` was written; ``settings`` is the schedule now stored."""

    def __init__(self, save: RoutineSave, settings: ScheduleSettings) -> None:
        super().__init__()
        self.save = save
        self.settings = settings


class CalendarRefused(Message, bubble=False):
    """A save was refused: the calendar file ``calendar`` (as typed) cannot be read, for
    ``reason``. Nothing was written."""

    def __init__(self, calendar: str, reason: str) -> None:
        super().__init__()
        self.calendar = calendar
        self.reason = reason


class SaveFailed(Message, bubble=False):
    """A save could not be written (the form keeps its edits)."""

    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error


class DeclineFailed(Message, bubble=False):
    """A declined suggestion could not be written."""

    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error


class SettingsWritten(Message, bubble=False):
    """A :class:`SettingsChange` was written: ``settings`` as stored now."""

    def __init__(self, settings: UserSettings) -> None:
        super().__init__()
        self.settings = settings


def write_change(store: Store, change: StoreChange, now: datetime) -> Message | None:
    """Write one change the builder asked for; the message saying how it went (None: a
    decline written)."""
    if isinstance(change, SettingsChange):
        try:
            return SettingsWritten(store.update_settings(change.change))
        except Exception as exc:  # noqa: BLE001 - shown to the user
            return DeclineFailed(f"Could not save {change.what}: {exc}")
    if isinstance(change, Decline):
        try:
            save_decline(store, change)
        except Exception as exc:  # noqa: BLE001 - shown to the user
            return DeclineFailed(str(exc))
        return None
    problem = calendar_problem(change.draft.calendar, now)
    if problem:  # checked on every save: the file may have gone since
        return CalendarRefused(change.draft.calendar.strip(), problem)
    try:
        settings = save_routine(store, change)
    except Exception as exc:  # noqa: BLE001 - shown; the form keeps its edits
        return SaveFailed(str(exc))
    return Saved(change, settings)
