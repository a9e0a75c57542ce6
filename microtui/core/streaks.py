"""Streaks: runs of working days with at least one set done.

Days off neither count nor break a run, and today does not break it before it is over.
Neither do ``rest`` days: working days with nothing done on which a set was stopped for
pain or dizziness (the guide says to pause then). Which sets count as done is the rule of
:mod:`microtui.core.set_counts`, which passes the counts.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from datetime import date, timedelta


def current_streak(done: Mapping[date, int], today: date,
                   working_weekdays: Iterable[int], rest: Collection[date] = ()) -> int:
    """Consecutive working days, back from ``today``, with at least one set done.

    Days off and ``rest`` days neither count nor break the streak. Today counts once a set
    is done; until then the streak is the one that ended yesterday (the day is not over).
    """
    working = frozenset(working_weekdays)
    if not working:
        return 0
    streak = 0
    day = today if done.get(today, 0) > 0 else today - timedelta(days=1)
    oldest = min(done, default=day)
    while day >= oldest:
        if day.weekday() in working:
            if done.get(day, 0) > 0:
                streak += 1
            elif day not in rest:
                return streak
        day -= timedelta(days=1)
    return streak


def streaks(done: Mapping[date, int], today: date,
            working_weekdays: Iterable[int], rest: Collection[date] = ()) -> tuple[int, int]:
    """``(current, best)`` runs of working days with at least one set done.

    Days off neither count nor break a run; today, until a set is done, does not break the
    current one (it is not over yet). The best is at least the current.
    """
    working = frozenset(working_weekdays)
    if not working:
        return 0, 0
    done_days = sorted(d for d, n in done.items() if n > 0 and d <= today)
    current = current_streak(done, today, working, rest)
    # Best: one walk over the working days from the first done day to today.
    best = run = 0
    if done_days:
        day, last = done_days[0], today
        while day <= last:
            if day.weekday() in working:
                if done.get(day, 0) > 0:
                    run += 1
                    best = max(best, run)
                elif day != today and day not in rest:
                    run = 0
            day += timedelta(days=1)
    return current, max(best, current)
