"""Times, durations and weekdays as text: one reader or writer for each kind of value.

What the user types (and the app stores):

* a time of day (:func:`parse_hhmm`): ``9:30``, ``09:30`` or ``0930``, in the routine form,
  the Today screen's meeting dialog, the settings file and a saved routine alike;
* the day of a stored record (:func:`iso_day`), from its ISO date or date-time;
* a whole number of minutes (:func:`parse_minutes`);
* working days (:func:`parse_weekdays`, written back by :func:`format_weekdays`).

What the app writes:

* a plain number (:func:`number_text`): ``28``, ``7.5``, a chart's tick;
* an exercise's or a set's length (:func:`fmt_seconds`): ``28 s``, ``7.5 s``;
* time moved or left, to the second (:func:`fmt_duration`): ``42 s``, ``1 min 15 s``;
* time to the minute (:func:`minutes_text`): ``12 min``, ``1 h 5 min``, how long until the
  next set and how long the user moved in all (``44 s`` when that is under a minute).

A message that quotes what the user typed shows it with :func:`typed_text`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from datetime import date, time

WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
"""Weekday names as the settings file and the routine form write them (Monday first)."""
WEEKDAY_TITLES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# Patterns as text: `re` compiles each on its first use and keeps it (not every start).
_HHMM_RE = r"(\d{1,2}):?(\d{2})"  # any script's digits, as int() reads them
_DIGITS_RE = r"\d+"  # any script's digits, as int() reads them (not "²")
_CONTROL_RE = r"[\x00-\x1f\x7f-\x9f]"
_WEEKDAY_NUMBERS = {name: n for n, name in enumerate(WEEKDAY_NAMES)} | {
    name.lower(): n for n, name in enumerate(WEEKDAY_TITLES)
}


# -- what the user types ----------------------------------------------------------------------


def typed_text(text: str, limit: int = 24, *, quote: bool = False) -> str:
    """What the user typed, as a message quotes it: on one line, without control
    characters, cut short (a pasted page must not become the message), ``empty`` if blank."""
    flat = re.sub(_CONTROL_RE, "�", text.strip())
    if not flat:
        return "empty"
    cut = flat if len(flat) <= limit else flat[: limit - 1] + "…"
    return repr(cut) if quote else cut


def parse_hhmm(text: str) -> time:
    """A time of day typed as ``9:30``, ``09:30`` or ``0930`` (spaces around are ignored).

    Raises :class:`ValueError` with a message meant for the user: ``enter a time like
    09:00``, ``noon: not a time; use HH:MM, like 09:00`` or ``25:00 is not a time of day;
    use HH:MM, like 09:00``.
    """
    raw = text.strip()
    if not raw:
        raise ValueError("enter a time like 09:00")
    match = re.fullmatch(_HHMM_RE, raw)
    if match is None:
        raise ValueError(f"{typed_text(raw)}: not a time; use HH:MM, like 09:00")
    hour, minute = int(match[1]), int(match[2])
    if hour > 23 or minute > 59:
        raise ValueError(f"{typed_text(raw)} is not a time of day; use HH:MM, like 09:00")
    return time(hour, minute)


def parse_minutes(text: str) -> int:
    """A whole number of minutes; :class:`ValueError` otherwise."""
    raw = text.strip()
    if not re.fullmatch(_DIGITS_RE, raw):
        raise ValueError(f"{typed_text(raw)}: enter a whole number of minutes")
    digits = raw.lstrip("0") or "0"
    if len(digits) > 6:
        raise ValueError(f"{typed_text(raw)}: far too many minutes")
    return int(digits)


def iso_day(value: object) -> date | None:
    """The day a stored ISO date or date-time starts with (``"2026-11-25"``,
    ``"2026-11-25T09:30:00+01:00"``), or None for anything else (a record is then skipped)."""
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def weekday_number(name: str) -> int | None:
    """``"mon"``, ``"Monday"`` (any case, spaces around ignored) → 0; None for anything else."""
    return _WEEKDAY_NUMBERS.get(name.strip().lower())


def parse_weekdays(text: str) -> frozenset[int]:
    """``"mon-fri"``, ``"mon, wed, fri"``, ``"Monday Tuesday"`` → weekday numbers (Monday 0).

    Raises :class:`ValueError` naming the word it did not understand.
    """
    days: set[int] = set()
    for token in re.split(r"[\s,]+", text.strip().lower()):
        if not token:
            continue
        ends = [weekday_number(end) for end in token.split("-")]
        first, last = ends[0], ends[-1]
        if len(ends) > 2 or first is None or last is None:
            raise ValueError(f"{typed_text(token, quote=True)} is not a weekday; use mon tue "
                             "wed thu fri sat sun or a range like mon-fri")
        if last < first:
            raise ValueError(f"{typed_text(token, quote=True)}: a range runs from Monday to "
                             "Sunday, like mon-fri")
        days.update(range(first, last + 1))
    if not days:
        raise ValueError("needs at least one working day, like mon-fri")
    return frozenset(days)


def format_weekdays(days: Iterable[int]) -> str:
    """Weekday numbers as the form shows them: runs of three or more as ``mon-fri``."""
    ordered = sorted(set(days))
    runs: list[list[int]] = []
    for day in ordered:
        if runs and runs[-1][-1] == day - 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    words: list[str] = []
    for run in runs:
        if len(run) >= 3:
            words.append(f"{WEEKDAY_NAMES[run[0]]}-{WEEKDAY_NAMES[run[-1]]}")
        else:
            words.extend(WEEKDAY_NAMES[d] for d in run)
    return ", ".join(words)


# -- what the app writes ----------------------------------------------------------------------


def number_text(value: float) -> str:
    """``28`` → ``"28"``, ``7.5`` → ``"7.5"``, ``1e9`` → ``"1e+09"`` (never ``"28.0"``)."""
    whole = float(value).is_integer() and abs(value) < 1e6
    return str(int(value)) if whole else f"{value:g}"


def fmt_seconds(seconds: float) -> str:
    """An exercise's or a set's length: ``28`` → ``"28 s"``, ``7.5`` → ``"7.5 s"``,
    ``1e9`` → ``"1e+09 s"``."""
    return f"{number_text(seconds)} s"


def fmt_duration(seconds: float) -> str:
    """Time moved or left, to the second: ``42`` → ``"42 s"``, ``75`` → ``"1 min 15 s"``,
    ``120`` → ``"2 min"`` (rounded to whole seconds)."""
    whole = round(seconds)
    minutes, rest = divmod(whole, 60)
    if not minutes:
        return f"{rest} s"
    return f"{minutes} min {rest} s" if rest else f"{minutes} min"


def minutes_text(seconds: float, *, seconds_under_a_minute: bool = False) -> str:
    """Time to the minute: ``0 min``, ``12 min``, ``1 h 5 min``, ``2 h``, ``1,234 h``.

    Whole minutes, rounded up: the Today screen's timeline rows count down to a set in whole
    minutes rounded up (``in 18 min`` until 17 minutes are left), so its countdown line, the
    terminal title and ``microtui next`` say the same number; a wait is never ``0 min``.
    Progress and ``microtui report`` write the time moved in all the same way, with
    ``seconds_under_a_minute``: more than nothing but under a minute reads in whole seconds
    (``44 s``), never ``0 min`` or ``1 min``.
    """
    if seconds_under_a_minute and 0 < seconds < 59.5:
        return f"{round(seconds)} s"
    minutes = max(0, math.ceil(seconds / 60 - 1e-9))
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours:,} h {rest} min" if rest else f"{hours:,} h"
