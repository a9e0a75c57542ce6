"""A generated history for the report tests: ``weeks`` of working days ending the day before
``today``, where the days you move a lot (16 of the 18 planned sets) have end-of-day
stiffness ``effect`` points lower and energy and focus ``effect`` higher than the days you
move little (4 of 18). Mobility screens every 14 days, the left neck rotation 15 % behind."""

from __future__ import annotations

import random
from datetime import UTC, date, timedelta

from microtui.core.loader import Library
from microtui.core.schedule import ScheduleSettings
from microtui.core.timeline import build_timeline


def _rating(rng: random.Random, mean: float) -> int:
    return int(min(10, max(1, round(rng.gauss(mean, 1.3)))))


def history(library: Library, today: date, *, weeks: int = 26, effect: float = 2.0,
            seed: int = 5) -> dict:
    rng = random.Random(seed)
    sessions: list[dict] = []
    checkins: list[dict] = []
    measurements: list[dict] = []
    settings = ScheduleSettings()
    first = today - timedelta(weeks=weeks)
    day = first
    while day < today:
        if day.weekday() < 5:
            high = rng.random() < 0.5
            events = build_timeline(library.default_routine, settings, day, UTC).events
            for event in events[: 16 if high else 4]:
                started = event.planned.isoformat()
                sessions.append({
                    "v": 1, "event_id": event.id, "trigger": None, "started": started,
                    "ended": started, "outcome": "completed", "active_seconds": 25.0,
                    "note": None,
                    "exercises": [{"id": "ankle-pumps", "side": None, "done_seconds": 20.0},
                                  {"id": "wrist-pulses", "side": "left", "done_seconds": 6.0},
                                  {"id": "wrist-pulses", "side": "right",
                                   "done_seconds": 6.0}],
                })
            lift = effect if high else 0.0
            for moment, shift in (("start", 0.0), ("end", lift)):
                checkins.append({
                    "v": 1, "date": day.isoformat(), "moment": moment,
                    "stiffness": _rating(rng, 6 - shift), "energy": _rating(rng, 5 + shift),
                    "focus": _rating(rng, 5 + shift), "at": f"{day.isoformat()}T09:00:00+00:00"})
        if (day - first).days % 14 == 0:
            n = (day - first).days // 14
            measurements.append({"v": 1, "date": day.isoformat(),
                                 "hip_flexion_left": 90 + n, "hip_flexion_right": 91 + n,
                                 "neck_rotation_left": 60, "neck_rotation_right": 72})
        day += timedelta(days=1)
    return {"sessions": sessions, "checkins": checkins, "measurements": measurements,
            "settings": {}}
