"""What Today looks like at 120x40, with a fixed clock, a week of history and a calendar.

Regenerate after an intended change with ``pytest --snapshot-update`` and look at the SVG.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from textual.app import App

from microtui.core.fake_clock import FakeClock
from microtui.core.loader import Library
from microtui.store import Store
from microtui.ui.screens.today import TodayScreen
from microtui.ui.services import Services
from tests.functional.helpers import settle as settle_app
from tests.functional.helpers import wait_for


class Host(App[None]):
    TITLE = "microtui"

    def __init__(self, today: TodayScreen) -> None:
        super().__init__()
        self.today = today

    def on_mount(self) -> None:
        self.push_screen(self.today)


def local(day: int, hh: int, mm: int) -> datetime:
    return datetime(2026, 11, day, hh, mm).astimezone()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store.open(tmp_path / "data")
    # A week behind today (Wednesday 25 November): sets done per day.
    for day, count in ((19, 7), (20, 4), (23, 12), (24, 9)):
        for n in range(count):
            opened.add_session({"v": 1, "event_id": None, "outcome": "completed",
                                "started": (local(day, 9, 0) + timedelta(minutes=30 * n))
                                .isoformat(), "active_seconds": 25})
    opened.add_session({"v": 1, "event_id": "2026-11-25:start-of-day:09:00",
                        "trigger": "start-of-day", "started": local(25, 9, 1).isoformat(),
                        "outcome": "completed", "active_seconds": 47.5})
    opened.add_session({"v": 1, "event_id": "2026-11-25:interval:09:30", "trigger": "interval",
                        "started": local(25, 9, 31).isoformat(), "outcome": "skipped",
                        "active_seconds": 0})
    yield opened
    opened.close()


@pytest.fixture
def calendar(tmp_path: Path) -> Path:
    start = local(25, 11, 0).astimezone(UTC)
    path = tmp_path / "work.ics"
    path.write_text(
        "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//microtui tests//EN\nBEGIN:VEVENT\n"
        f"UID:review@tests\nDTSTART:{start:%Y%m%dT%H%M%SZ}\n"
        f"DTEND:{start + timedelta(minutes=45):%Y%m%dT%H%M%SZ}\n"
        "SUMMARY:Design review\nEND:VEVENT\nEND:VCALENDAR\n",
        encoding="utf-8",
    )
    return path


def test_today_at_120x40(snap_compare, library: Library, store: Store, calendar: Path):
    clock = FakeClock(local(25, 10, 12) + timedelta(seconds=30))
    today = TodayScreen(Services.create(library, clock=clock, store=store,
                                        calendar_path=calendar))

    async def settle(pilot) -> None:
        # The log and calendar workers hand their results back through the message queue:
        # wait until they have landed and the screen is repainted.
        await wait_for(pilot, lambda: today._streak_known and not today.calendar_watch.busy,
                       "the log, the streak's days and the calendar read")
        await settle_app(pilot)

    assert snap_compare(Host(today), terminal_size=(120, 40), run_before=settle)
