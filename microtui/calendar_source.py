"""Where the meetings come from: an ``.ics`` file, a directory of them, or an address.

``--calendar`` and the routine form's calendar field take any of the three
(:func:`calendar_source`):

* a local ``.ics`` file (:func:`microtui.calendar.read_meetings`);
* a directory of ``.ics`` files as vdirsyncer and khal keep them, one event per file (the
  directory's own files and those one directory down: a khal path may hold several
  calendars); a file that cannot be read is left out, the others still count;
* an ``https://`` iCalendar address: read from its copy in the data directory, which
  :mod:`microtui.calendar_fetch` keeps fresh (the app fetches it on start and every
  :data:`~microtui.core.calendar_address.REFRESH_SECONDS`; ``microtui today`` when the copy is
  older than that; ``microtui next`` never). Before its first fetch it has no meetings.

Reading touches the disk: call it from a worker thread in the app.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import Any

from microtui.calendar import CalendarDay, CalendarError, read_calendar
from microtui.calendar_fetch import (
    FetchError,
    age_seconds,
    cached_copy,
    fetch,
)
from microtui.core.calendar_address import REFRESH_SECONDS, address_problem, is_address
from microtui.core.meeting import Meeting

MAX_FILES = 50_000
"""A directory with more ``.ics`` files than this is refused (it is not a calendar)."""


@dataclass(frozen=True)
class CalendarAddress:
    """A calendar fetched from ``address``, read from its ``copy`` in the data directory."""

    address: str
    copy: Path

    def __str__(self) -> str:
        return self.address


CalendarSource = Path | CalendarAddress
"""A calendar as configured: a file or a directory (a path), or an address."""


def calendar_source(text: str | Path | None, data_dir: Path, *,
                    strict: bool = True) -> CalendarSource | None:
    """The calendar ``text`` names (None for none). With ``strict`` (``--calendar``), an
    address microtui will not fetch (an ``http://`` one, say) raises :class:`CalendarError`
    with the reason; without (a saved setting, which must not stop the app from starting),
    it is returned, and its every fetch fails with that reason, opening no connection."""
    if text is None or not str(text).strip():
        return None
    given = str(text).strip()
    if is_address(given):
        problem = address_problem(given)
        if problem and strict:
            raise CalendarError(f"{given}: {problem}")
        return CalendarAddress(given, cached_copy(data_dir, given))
    return Path(given).expanduser()


def source_key(source: CalendarSource) -> Any:
    """What changes when the calendar does (modification times and sizes), or None when
    there is nothing to read."""
    path = source.copy if isinstance(source, CalendarAddress) else source
    if path.is_dir():
        try:
            return tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size)
                         for p in _ics_files(path))
        except OSError:
            return None
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_mtime_ns, stat.st_size)


def source_files(source: CalendarSource) -> list[Path]:
    """Every file and directory a change of which can change what :func:`read_source`
    reads (a directory's entries change when a file is added or removed). Raises
    :class:`OSError` or :class:`CalendarError` (too many files)."""
    path = source.copy if isinstance(source, CalendarAddress) else source
    if not path.is_dir():
        return [path]
    return [path, *sorted(p for p in path.iterdir() if p.is_dir()), *_ics_files(path)]


def read_source(source: CalendarSource, day: date, tz: tzinfo) -> CalendarDay:
    """The meetings starting on ``day`` and the events left out; raises
    :class:`CalendarError`."""
    if isinstance(source, CalendarAddress):
        if not source.copy.exists():
            return CalendarDay(None, [])  # not fetched yet
        try:
            read = read_calendar(source.copy, day, tz)
        except CalendarError as exc:
            raise CalendarError(str(exc).replace(str(source.copy),
                                                 "the copy of the calendar address")) from None
        return CalendarDay(None, read.meetings, read.skipped)
    if source.is_dir():
        return _directory_meetings(source, day, tz)
    return read_calendar(source, day, tz)


def read_source_meetings(source: CalendarSource, day: date, tz: tzinfo) -> list[Meeting]:
    """The meetings starting on ``day`` (:func:`read_source` without the events left out);
    raises :class:`CalendarError`."""
    return read_source(source, day, tz).meetings


def refresh_if_stale(source: CalendarSource | None, now: datetime, *,
                     max_age: float = REFRESH_SECONDS) -> str:
    """Fetch an address whose copy is missing or was fetched more than ``max_age`` seconds
    before ``now`` (the command's clock); what went wrong ("" if nothing did, or there was
    nothing to fetch). The copy stays as it was."""
    if not isinstance(source, CalendarAddress):
        return ""
    age = age_seconds(source.copy, now)
    if age is not None and age < max_age:
        return ""
    try:
        fetch(source.address, source.copy, now=now)
    except FetchError as exc:
        return f"{exc}. {meanwhile(source)}"
    return ""


def meanwhile(source: CalendarAddress) -> str:
    """What gives the meetings while ``source`` cannot be fetched."""
    if source.copy.exists():
        return "The copy fetched before keeps working."
    return "No meetings from it until it can be fetched."


def _ics_files(directory: Path) -> list[Path]:
    files = sorted(p for p in directory.glob("*.ics") if p.is_file())
    files += sorted(p for p in directory.glob("*/*.ics") if p.is_file())
    if len(files) > MAX_FILES:
        raise CalendarError(f"{directory}: more than {MAX_FILES:,} .ics files; point microtui "
                            "at one calendar's directory")
    return files


def _directory_meetings(directory: Path, day: date, tz: tzinfo) -> CalendarDay:
    try:
        files = _ics_files(directory)
    except OSError as exc:
        raise CalendarError(f"{directory}: cannot read the directory: {exc.strerror}") from None
    meetings: list[Meeting] = []
    skipped: list[str] = []
    problems: list[str] = []
    for path in files:
        try:
            read = read_calendar(path, day, tz)
        except CalendarError as exc:
            problems.append(str(exc))
            continue
        meetings += read.meetings
        skipped += read.skipped
    if files and len(problems) == len(files):
        raise CalendarError(f"{directory}: none of its {len(files)} .ics files could be "
                            f"read; the first: {problems[0]}")
    meetings.sort(key=lambda m: m.start)
    return CalendarDay(directory, meetings, tuple(dict.fromkeys(skipped)))
