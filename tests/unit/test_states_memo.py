"""The day's states are worked out again only when they may have changed: a whole day of
samples and answers gives exactly what working them out afresh at every sample gives."""

from __future__ import annotations

import contextlib
import random
from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest

from microtui.core.day import DayTracker
from microtui.core.day_view import DayView
from microtui.core.event_states import EventState
from microtui.core.loader import Library, builtin_path, load_library
from microtui.core.states_memo import StatesMemo, states_hold_until
from microtui.core.timeline import as_utc
from tests.unit.test_day import WED, at, completed, done, tracker


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library([builtin_path()])


@contextlib.contextmanager
def no_memo() -> Iterator[None]:
    """Every view worked out afresh, as before the memo."""
    holds = StatesMemo.holds
    StatesMemo.holds = lambda self, objects, values, at: False  # type: ignore[method-assign]
    try:
        yield
    finally:
        StatesMemo.holds = holds  # type: ignore[method-assign]


def fresh(day: DayTracker, now: datetime) -> DayView:
    with no_memo():
        return day.view(now)


def same(got: DayView, expected: DayView) -> None:
    assert [(v.id, v.state, v.at) for v in got.events] == [
        (v.id, v.state, v.at) for v in expected.events]
    assert got.summary == expected.summary
    assert got.next == expected.next
    assert got.now == expected.now


@pytest.mark.parametrize("seed", range(6))
def test_a_day_of_samples_and_answers_matches_states_worked_out_afresh(library, seed):
    rng = random.Random(seed)
    day = tracker(library)
    now, mono = at("08:50", second=rng.randrange(60)), 1000.0
    end = at("18:10")
    day.set_history({WED - timedelta(days=n): done(rng.randrange(4)) for n in range(1, 9)})
    changes = 0
    while now < end:
        view = day.sample(now, mono)
        same(view, fresh(day, now))
        open_ids = [v.id for v in view.events
                    if v.state in (EventState.DUE, EventState.UPCOMING, EventState.SNOOZED)]
        roll = rng.random()
        if open_ids and roll < 0.03:
            day.snooze(rng.choice(open_ids), now)
        elif open_ids and roll < 0.05:
            day.skip(rng.choice(open_ids), now)
        elif view.due is not None and roll < 0.12:
            day.add_record(completed(view.due.id, now))
        elif roll < 0.13:
            day.undo()
        elif roll < 0.14:
            day.quiet = (day.quiet.ended(now) if day.quiet.until(now) else
                         day.quiet.started(now, now + timedelta(minutes=rng.choice((20, 45)))))
        else:
            changes -= 1
        changes += 1
        same(day.view(now), fresh(day, now))  # right after the answer, too
        step = rng.choice((1, 7, 13, 29, 61, 300))
        now, mono = now + timedelta(seconds=step), mono + step
    assert changes > 20, "the walk answered the day's sets"


def test_within_a_minute_the_same_states_are_given_back(library):
    day = tracker(library)
    first = day.sample(at("09:31", second=5), 1.0)
    assert first.due is not None
    again = day.sample(at("09:31", second=6), 2.0)
    assert again.events is first.events and again.summary is first.summary
    assert again.now > first.now
    # an answer is an input: worked out again at once
    day.snooze(first.due.id, at("09:31", second=7))
    snoozed = day.view(at("09:31", second=7))
    assert snoozed.events is not first.events
    assert snoozed.view_of(first.due.id).state is EventState.SNOOZED
    # and a new minute always is
    later = day.sample(at("09:32", second=0), 62.0)
    assert later.events is not snoozed.events


def test_the_states_hold_until_the_next_moment_one_may_change(library):
    day = tracker(library)
    day.sample(at("09:31"), 1.0)
    timeline = day.timeline
    assert timeline is not None
    # 09:59:30: the 10:00 set comes due first (before the whole minute? no: the minute)
    assert states_hold_until(timeline, as_utc(at("09:59", second=30)), {}) == as_utc(
        at("10:00"))
    # a snooze ending at 10:07:30 is a moment of its own, inside a minute
    event = timeline.events[1]
    snoozes = {event.id: at("10:07", second=30)}
    assert states_hold_until(timeline, as_utc(at("10:07", second=1)), snoozes) == as_utc(
        at("10:07", second=30))
    # and the grace window's end after it, too
    grace = timedelta(minutes=timeline.settings.grace_minutes)
    ends = at("10:07", second=30) + grace
    assert states_hold_until(timeline, as_utc(ends - timedelta(seconds=20)),
                             snoozes) == as_utc(ends)
