"""How sets count: done, planned, adherence and streaks, for Today, Progress and the report.

One rule, one function (:func:`count_sets`), so every screen shows the same figures for the
same log (the README's "How sets count" says it for users):

* **completed** and **partial**: a set done. A partial set counts: you moved, and the set is
  settled (Today shows it ◐).
* **stopped for pain or dizziness**: not done, and taken out of the plan: the guide says to
  pause then, so it is never held against you. A working day whose only sets were stopped
  for pain neither counts for the streak nor breaks it.
* **skipped** and **missed**: planned and not done.
* **abandoned** (ended before anything was done): counts for nothing; the set stays planned.
* A set started outside the plan (``2`` when nothing is due or coming) is done but was never
  planned, so adherence may pass 100 %.

Planned sets per day are :class:`~microtui.core.planned_sets.PlanCounter`'s: the day's
timeline, the events the log names, and today only what has come due or been settled.
Days before the first logged set plan nothing (the user had not started yet), except
today.
**Adherence** is sets done over sets planned in the range. A **streak** counts working days
with at least one set done; days off neither count nor break it, and today does not break
it before it is over.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta

from microtui.core.adherence import Adherence, DayPoint
from microtui.core.day_totals import DayTotals
from microtui.core.planned_sets import PlanCounter
from microtui.core.streaks import streaks

StreakMemo = dict[tuple[date, frozenset[int]], tuple[int, int]]


def count_sets(
    days: Mapping[date, DayTotals],
    start: date,
    end: date,
    plan: PlanCounter,
    now: datetime | None = None,
    *,
    working_weekdays: Iterable[int] | None = None,
    memo: StreakMemo | None = None,
) -> Adherence:
    """Sets done and planned on each day from ``start`` to ``end`` (today), and the current
    and best streak ending ``end``, from the days' folded records (all of them: the streaks
    look back past ``start``). ``now`` on ``end``: today plans only what has come due.
    ``memo`` keeps the streaks of a history that does not change between calls."""
    working = frozenset(plan.settings.working_weekdays if working_weekdays is None
                        else working_weekdays)
    logged = [d for d, t in days.items() if t.sets_logged]
    first = min(logged, default=None)
    # Today (``now``) plans what has come due even before the first set is logged.
    plans_from = first if now is None else min(first or end, end)
    points = []
    day = start
    while day <= end:
        totals = days.get(day)
        if plans_from is None or day < plans_from:
            points.append(DayPoint(day, 0, 0))
        else:
            done, planned = plan.counts(day, totals, now)
            points.append(DayPoint(day, done, planned))
        day += timedelta(days=1)
    key = (end, working)
    found = None if memo is None else memo.get(key)
    if found is None:
        done_days = {d: t.sets_done for d, t in days.items() if t.sets_done}
        rest = {d for d, t in days.items() if not t.sets_done and t.excused}
        found = streaks(done_days, end, working, rest)
        if memo is not None:
            memo[key] = found
    current, best = found
    return Adherence(start, end, tuple(points), current, best, first)
