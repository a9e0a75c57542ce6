"""Streaks: runs of working days with at least one set done.

Days off neither count nor break a run, and today does not break it before it is over.
The Today screen shows the current streak of days with a completed set; Progress shows the
current and the best one of days with a set done (completed or partial): which sets count
is the caller's, in the ``done`` counts it passes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta


def current_streak(done: Mapping[date, int], today: date,
                   working_weekdays: Iterable[int]) -> int:
    """Consecutive working days, back from ``today``, with at least one set done.

    Days off neither count nor break the streak. Today counts once a set is done; until
    then the streak is the one that ended yesterday (the day is not over yet).
    """
    working = frozenset(working_weekdays)
    if not working:
        return 0
    streak = 0
    day = today if done.get(today, 0) > 0 else today - timedelta(days=1)
    while True:
        if day.weekday() in working:
            if done.get(day, 0) <= 0:
                return streak
            streak += 1
        day -= timedelta(days=1)


def streaks(done: Mapping[date, int], today: date,
            working_weekdays: Iterable[int]) -> tuple[int, int]:
    """``(current, best)`` runs of working days with at least one set done.

    Days off neither count nor break a run; today, until a set is done, does not break the
    current one (it is not over yet). The best is at least the current.
    """
    working = frozenset(working_weekdays)
    if not working:
        return 0, 0
    done_days = sorted(d for d, n in done.items() if n > 0 and d <= today)
    current = current_streak(done, today, working)
    # Best: one walk over the working days from the first done day to today.
    best = run = 0
    if done_days:
        day, last = done_days[0], today
        while day <= last:
            if day.weekday() in working:
                if done.get(day, 0) > 0:
                    run += 1
                    best = max(best, run)
                elif day != today:
                    run = 0
            day += timedelta(days=1)
    return current, max(best, current)
