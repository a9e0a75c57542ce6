"""Where each kind of record lives in the data directory, and the day files of the log.

Every write rewrites a whole file, so the session log is split into one file per day
(``log/YYYY-MM/YYYY-MM-DD.json``, about 20 sets): logging a set costs the same in year five
as on the first day, and on the 30th of a month as on the 1st. ``settings.json`` (settings,
routines), ``checkins.json`` and ``measurements.json`` stay small by nature.
"""

from __future__ import annotations

import contextlib
import re
from datetime import datetime
from pathlib import Path

from microtui.store.files import list_dir

__all__ = [
    "CHECKINS_FILE",
    "LOG_DIR",
    "MEASUREMENTS_FILE",
    "SETTINGS_FILE",
    "Layout",
    "is_iso_datetime",
    "within",
]

SETTINGS_FILE = "settings.json"
CHECKINS_FILE = "checkins.json"
MEASUREMENTS_FILE = "measurements.json"
LOG_DIR = "log"

# Patterns as text: `re` compiles each on its first use and keeps it (not every start).
_MONTH_DIR_RE = r"^\d{4}-(0[1-9]|1[0-2])$"
_DAY_FILE_RE = r"^(\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]))\.json$"
_LEGACY_MONTH_FILE_RE = r"^(\d{4}-(0[1-9]|1[0-2]))\.json$"
_TEMP_FILE_RE = r"^\..+\.json\.[A-Za-z0-9_]+\.tmp$"
_STARTED_RE = r"^\d{4}-(0[1-9]|1[0-2])-\d{2}"


class Layout:
    """The paths of one data directory, and what its log directory holds right now."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.settings = data_dir / SETTINGS_FILE
        self.checkins = data_dir / CHECKINS_FILE
        self.measurements = data_dir / MEASUREMENTS_FILE
        self.log = data_dir / LOG_DIR

    def log_dir(self, month: str) -> Path:
        return self.log / month

    def day_path(self, day: str) -> Path:
        return self.log_dir(day[:7]) / f"{day}.json"

    def session_months(self) -> list[str]:
        """Months with a log directory (it may hold no day file yet)."""
        return sorted(entry.name for entry in list_dir(self.log)
                      if re.match(_MONTH_DIR_RE, entry.name) and entry.is_dir())

    def session_days(self, months: list[str] | None = None) -> list[str]:
        """Days with a log file, in ``months`` (default: all), oldest first."""
        days: list[str] = []
        for month in self.session_months() if months is None else months:
            matches = (re.match(_DAY_FILE_RE, entry.name)
                       for entry in list_dir(self.log_dir(month)))
            days += sorted(m.group(1) for m in matches if m and m.group(1)[:7] == month)
        return days

    def days_between(self, since: str | None, until: str | None) -> list[str]:
        """The days with a log file that can hold a session in ``[since, until]``."""
        # A month's and a day's names are prefixes of every record in them.
        months = [m for m in self.session_months() if within(m, since, until, 7)]
        return [day for day in self.session_days(months) if within(day, since, until, 10)]

    def files_needed_at_start(self) -> list[Path]:
        """What every start reads: settings, check-ins, measurements, the newest log day,
        and any month file of an older build (split at open: parsed first)."""
        files = [self.settings, self.checkins, self.measurements]
        newest_month = self.session_months()[-1:]
        files += [self.day_path(day) for day in self.session_days(newest_month)[-1:]]
        return files + self.legacy_month_files()

    def files_read_for(self, day: str) -> list[Path]:
        """What a read-only open and a read of ``day``'s records look at: the files every
        start parses, ``day``'s file, and the directories whose entries say which those are
        (a new month or day file changes its directory)."""
        months = {*self.session_months()[-1:], day[:7]}
        return [*self.files_needed_at_start(), self.day_path(day), self.log,
                *(self.log_dir(month) for month in sorted(months))]

    def legacy_month_files(self) -> list[Path]:
        """``log/YYYY-MM.json``: the log as builds before 0.1 kept it, a file per month."""
        if not self.log.is_dir():
            return []
        return sorted(entry for entry in self.log.iterdir()
                      if re.match(_LEGACY_MONTH_FILE_RE, entry.name) and entry.is_file())

    def remove_stale_temp_files(self) -> None:
        """Temp files are only left by a write that was killed; the target is still whole."""
        directories = [self.data_dir, self.log]
        directories += [self.log_dir(month) for month in self.session_months()]
        for directory in directories:
            if directory.is_dir():
                for entry in directory.iterdir():
                    if re.match(_TEMP_FILE_RE, entry.name) and entry.is_file():
                        with contextlib.suppress(OSError):
                            entry.unlink()


def within(value: str, since: str | None, until: str | None, width: int | None = None) -> bool:
    """``value`` is within ``[since, until]`` compared on prefixes (of ``width``, if given)."""
    low = None if since is None else since[:width]
    high = None if until is None else until[:width]
    if low is not None and value[: len(low)] < low:
        return False
    return high is None or value[: len(high)] <= high


def is_iso_datetime(value: str) -> bool:
    """``YYYY-MM-DD...`` that :meth:`datetime.fromisoformat` accepts (so the month is ``[:7]``)."""
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return False
    return bool(re.match(_STARTED_RE, value))
