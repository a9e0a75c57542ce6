"""What every screen and dialog is given: the services, in one small frozen object.

A screen gets :class:`Services` in its constructor and never reaches into the app for
anything. What changes while the app runs (the routine Today follows, its schedule, the
calendar) lives in :class:`LiveSettings`: the app changes it and then tells every screen with
a :class:`SettingsChanged` message; a screen reads ``services.settings.current`` whenever it
needs the value. Messages go up (a screen posts one for the app to act on), attributes go
down (this object).
"""

import contextlib
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from textual.message import Message

from microtui.core.clock import Clock, SystemClock
from microtui.core.loader import Library
from microtui.core.quiet import QuietLog
from microtui.core.routine import Routine
from microtui.core.schedule import ScheduleSettings
from microtui.log_history import LogHistory
from microtui.log_writer import LogWriter

if TYPE_CHECKING:
    from microtui.calendar_source import CalendarSource
    from microtui.store import Store
    from microtui.ui.terminal import NotifyProtocol


class ActiveSettings(NamedTuple):
    """The settings in force: what the user stored, with the command line's overrides."""

    routine: Routine
    """The routine Today follows."""
    schedule: ScheduleSettings
    calendar_path: "CalendarSource | None" = None
    """The calendar (a file, a directory or an address) whose meetings get a pre-meeting
    set; None: no calendar."""
    first_seen: datetime | None = None
    """When the user sat down today (the start-of-day set moves there)."""
    notify_protocol: "NotifyProtocol | None" = None
    """Desktop notifications through the terminal ("osc9"/"osc777"); None: off."""
    autostart_seconds: int | None = None
    """Start a due set by itself after this long; None: never."""
    quiet: QuietLog = QuietLog()
    """Every quiet period: no set comes due inside one (:mod:`microtui.core.quiet`)."""
    theme: str | None = None
    """The theme picked in the palette (Textual's name); None: Textual's default."""
    mental_break: bool = True
    """After each set, a few seconds to look away and breathe (the stored setting)."""


class LiveSettings:
    """The current :class:`ActiveSettings`. Only the app changes it (:meth:`change`), and
    tells every screen with :class:`SettingsChanged`."""

    def __init__(self, current: ActiveSettings) -> None:
        self._current = current

    @property
    def current(self) -> ActiveSettings:
        return self._current

    def change(self, **changes: Any) -> ActiveSettings:
        self._current = self._current._replace(**changes)
        return self._current


class SettingsChanged(Message):
    """The settings in force changed (a routine saved, a calendar chosen, ...)."""

    def __init__(self, settings: ActiveSettings) -> None:
        super().__init__()
        self.settings = settings


class Services(NamedTuple):
    """Everything a screen may use. Made once by the app and handed down: the library, the
    clock, the store, the one writer of the day's records, the settings in force and the
    log's per-day totals."""

    library: Library
    clock: Clock
    store: "Store | None"
    log: LogWriter
    settings: LiveSettings
    history: LogHistory

    @classmethod
    def create(
        cls,
        library: Library,
        *,
        clock: Clock | None = None,
        store: "Store | None" = None,
        data_dir: Path | None = None,
        routine: Routine | None = None,
        schedule: ScheduleSettings | None = None,
        calendar_path: "CalendarSource | None" = None,
        first_seen: datetime | None = None,
        notify_protocol: "NotifyProtocol | None" = None,
        autostart_seconds: int | None = None,
    ) -> "Services":
        """Services with defaults for what is not given (the system clock, the guide's
        day plan and schedule, no store); the quiet periods, the theme and the pause after a
        set as stored."""
        stored = None
        if store is not None:
            with contextlib.suppress(Exception):  # unreadable: the app says so elsewhere
                stored = store.user_settings()
        settings = ActiveSettings(
            routine=routine or library.default_routine,
            schedule=schedule or ScheduleSettings(),
            calendar_path=calendar_path,
            first_seen=first_seen,
            notify_protocol=notify_protocol,
            autostart_seconds=autostart_seconds,
            quiet=stored.quiet if stored is not None else QuietLog(),
            theme=stored.theme if stored is not None else None,
            mental_break=stored.mental_break if stored is not None else True,
        )
        log = LogWriter(store, data_dir=data_dir)
        return cls(
            library=library,
            clock=clock if clock is not None else SystemClock(),
            store=store,
            log=log,
            settings=LiveSettings(settings),
            history=LogHistory(store, library.exercises, log),
        )
