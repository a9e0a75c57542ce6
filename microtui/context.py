"""What every microtui command starts from: the clock, the library, the data and settings.

Shared by the full-screen app and the light subcommands (``today``, ``next``, ``report``,
``export``), none of which imports Textual. Every problem becomes a :class:`SetupError`
whose message is ready to print: no traceback ever reaches the user.
"""

from __future__ import annotations

import contextlib
import os
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from microtui.core.settings import DesktopProtocol, SettingsError, UserSettings, is_desktop_protocol
from microtui.library_cache import CACHE_NAME, ParsedLibraryCache
from microtui.paths import data_dir, user_exercises_file
from microtui.store import Store, StoreError

# What only open_context needs is imported there: export and report do without the calendar,
# the clock and (export) the library.
if TYPE_CHECKING:
    from microtui.calendar_source import CalendarSource
    from microtui.core.clock import Clock
    from microtui.core.loader import Library
    from microtui.core.routine import Routine
    from microtui.core.schedule import ScheduleSettings


class SetupError(Exception):
    """microtui cannot start; the message says why and what to do."""

    exit_code = 2


class NoDataYet(SetupError):
    """There is no data directory yet: nothing to export or report (not a failure)."""

    exit_code = 1


class Context:
    """What a command runs on: the clock, the library, the data and the settings read at
    start. (A plain class: a dataclass costs the start about 0.5 ms to make.)"""

    def __init__(self, *, clock: Clock, library: Library, store: Store | EmptyStore,
                 user_settings: UserSettings, settings: ScheduleSettings, routine: Routine,
                 calendar_path: CalendarSource | None,
                 notify_protocol: DesktopProtocol | None = None,
                 autostart_seconds: int | None = None) -> None:
        self.clock = clock
        self.library = library
        #: The data; an :class:`EmptyStore` when a read-only command finds no data yet.
        self.store = store
        #: The settings as read at start (and as this process changed them since).
        self.user_settings = user_settings
        self.settings = settings
        self.routine = routine
        #: The calendar: an .ics file, a directory of them, or an address (read from its
        #: copy).
        self.calendar_path = calendar_path
        #: Desktop notifications: through the terminal ("osc9", "osc777") or the platform's
        #: notifier ("desktop"); off by default.
        self.notify_protocol = notify_protocol
        #: Start the player by itself this long after a set comes due; off by default.
        self.autostart_seconds = autostart_seconds

    def close(self) -> None:
        self.store.close()


def library_paths(extra: Path | None) -> list[Path]:
    """The built-in file, then the user's config-dir file, then ``--exercises``."""
    from microtui.core.loader import builtin_path

    paths = [builtin_path()]
    user_file = user_exercises_file()
    if user_file.is_file():
        paths.append(user_file)
    if extra is not None:
        paths.append(extra)
    return paths


def open_context(*, data: str | None = None, exercises: Path | None = None,
                 calendar: str | Path | None = None, lock: bool = True,
                 notify: str | None = None, autostart: int | None = None) -> Context:
    """Load everything. ``lock=False`` opens the data read-only (and need not exist)."""
    from microtui.core.clock import clock_from_env
    from microtui.core.loader import LibraryError, load_library

    try:
        clock = clock_from_env(dict(os.environ))
    except ValueError as exc:
        raise SetupError(str(exc)) from None
    directory = data_dir(data)
    cache = ParsedLibraryCache(directory / CACHE_NAME)
    try:
        library = load_library(library_paths(exercises), cache.parse)
    except LibraryError as exc:
        raise SetupError(str(exc)) from None
    try:
        store = Store.open(directory, lock=lock) if lock or directory.exists() else None
    except StoreError as exc:
        raise SetupError(str(exc)) from None
    if lock:  # the app's start, in the directory it holds (a read-only command writes nothing)
        cache.save()
    try:
        user_settings = store.user_settings() if store is not None else UserSettings()
    except (SettingsError, StoreError) as exc:
        if store is not None:
            store.close()
        if isinstance(exc, StoreError):
            raise SetupError(str(exc)) from None
        raise SetupError(f"the schedule in {directory / 'settings.json'} is not valid: "
                         f"{exc}") from None
    routine = active_routine(library, user_settings,
                             store.routines() if store is not None else [])
    try:
        calendar_path = calendar_of(calendar, user_settings.calendar, directory)
    except SetupError:
        if store is not None:
            store.close()
        raise
    notifications = user_settings.notifications
    protocol = notify or notifications.desktop
    if autostart is None:
        autostart = notifications.autostart_seconds
    return Context(clock=clock, library=library,
                   store=store if store is not None else EmptyStore(directory),
                   user_settings=user_settings, settings=user_settings.schedule,
                   routine=routine, calendar_path=calendar_path,
                   notify_protocol=protocol if is_desktop_protocol(protocol) else None,
                   autostart_seconds=autostart)


def calendar_of(given: str | Path | None, saved: str | None,
                directory: Path) -> CalendarSource | None:
    """``--calendar`` (refused with the reason when microtui will not fetch it), else the
    saved one; None for none. The calendar modules are imported only when there is one."""
    if not given and not saved:
        return None
    from microtui.calendar import CalendarError
    from microtui.calendar_source import calendar_source

    # A path typed into the routine form may start with ~ (the form suggests ~/calendar.ics).
    try:
        return (calendar_source(given, directory) if given else
                calendar_source(saved, directory, strict=False))
    except CalendarError as exc:
        raise SetupError(f"the calendar is refused: {exc}") from None


def export_data(data: str | None) -> dict[str, Any]:
    """Everything in the data directory (read-only: works while the app runs)."""
    directory = data_dir(data)
    if not directory.exists():
        raise NoDataYet(f"no data yet in {directory}")
    try:
        with Store.open(directory, lock=False) as store:
            return store.export_all()
    except StoreError as exc:
        raise SetupError(f"cannot read the data.\n{exc}") from None


def active_routine(library: Library, user_settings: UserSettings,
                   routines: list[dict[str, Any]]) -> Routine:
    """The routine the user made active, else the guide's day plan."""
    from microtui.core.routine import routine_from_dict

    wanted = user_settings.active_routine_id
    for routine in library.routines:
        if routine.id == wanted:
            return routine
    for raw in routines:
        if raw.get("id") == wanted:
            with contextlib.suppress(ValueError, KeyError, TypeError):
                return routine_from_dict(raw, library.exercises)
    return library.default_routine


def remember_first_seen(context: Context, now: datetime) -> datetime | None:
    """When the app first ran this workday: the guide's start-of-day set ("logging into the
    computer") comes then, or at the workday start if that is later."""
    seen = context.user_settings.first_seen_on(now.date())
    if seen is not None:
        return seen
    if not context.settings.works_on(now.date()):
        return None
    context.user_settings = context.user_settings.with_first_seen(now)
    if isinstance(context.store, EmptyStore):
        return now  # no data directory: nowhere to record it
    # Not worth refusing to start over: without it the day starts at the workday start.
    with contextlib.suppress(StoreError, SettingsError):
        context.user_settings = context.store.update_settings(
            lambda saved: saved.with_first_seen(now))
    return now


def first_seen_of(context: Context, now: datetime) -> datetime | None:
    """The recorded first run of ``now``'s day, without recording anything."""
    return context.user_settings.first_seen_on(now.date())


class EmptyStore:
    """Read-only stand-in when there is no data directory yet: no sets, no settings (the
    part of :class:`~microtui.store.Store` the read-only commands use)."""

    def __init__(self, directory: Path) -> None:
        self.data_dir = directory

    def sessions(self, since: str | None = None,
                 until: str | None = None) -> list[dict[str, Any]]:
        return []

    def user_settings(self) -> UserSettings:
        return UserSettings()

    def meetings(self, day: str) -> list[dict[str, Any]]:
        return []

    def close(self) -> None:
        pass
