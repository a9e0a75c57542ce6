"""The app with a calendar address served from 127.0.0.1: fetched on start in a thread, its
meetings give pre-meeting sets, and they keep coming after the server has gone (a failed
fetch shown once)."""

from __future__ import annotations

from datetime import datetime

from microtui.calendar_source import calendar_source
from microtui.core.fake_clock import FakeClock
from microtui.store import Store
from microtui.ui.app import MicroTuiApp
from tests.calendar_server import meeting_ics, serving
from tests.functional.helpers import wait_for

NOW = datetime(2026, 11, 25, 9, 29, 50).astimezone()
MEETING = datetime(2026, 11, 25, 11, 0).astimezone()
PRE_MEETING = "2026-11-25:pre-meeting:10:58"


def pre_meeting_sets(app: MicroTuiApp) -> list[str]:
    today = app.today_screen()
    assert today is not None
    return [e.id for e in today.day_view.timeline.events if e.meeting_title == "Design review"]


def warnings(app: MicroTuiApp) -> list[str]:
    return [str(n.message) for n in app._notifications if n.title == "Calendar not updated"]


async def test_a_served_calendar_gives_pre_meeting_sets_and_outlives_its_server(library,
                                                                                tmp_path):
    clock = FakeClock(NOW)
    with Store.open(tmp_path / "data") as store, serving(meeting_ics(MEETING,
                                                                     "Design review")) as web:
        source = calendar_source(f"{web.base}/cal.ics", store.data_dir)
        app = MicroTuiApp(library, clock=clock, store=store, data_dir=store.data_dir,
                          calendar_path=source)
        async with app.run_test(size=(120, 40), notifications=True) as pilot:
            await wait_for(pilot, lambda: pre_meeting_sets(app) == [PRE_MEETING],
                           "the fetched calendar's meeting on Today")
            assert [path for path, _ in web.requests] == ["/cal.ics"]

            web.shutdown()  # mid-day, the server goes away
            web.server_close()
            clock.advance(15 * 60)  # the next fetch fails: said once
            await wait_for(pilot, lambda: warnings(app), "the failed fetch shown")
            assert "connection refused" in warnings(app)[0]
            assert "The copy fetched before keeps working." in warnings(app)[0]
            assert pre_meeting_sets(app) == [PRE_MEETING]

            clock.advance(15 * 60)  # and fails again: not said again
            await wait_for(pilot, lambda: app.calendar_refresh.fetches == 3,
                           "the third fetch")
            assert len(warnings(app)) == 1
            assert pre_meeting_sets(app) == [PRE_MEETING]


async def test_a_saved_http_address_is_refused_with_the_reason_once(library, tmp_path):
    clock = FakeClock(NOW)
    with Store.open(tmp_path / "data") as store:
        source = calendar_source("http://calendar.example.com/secret.ics", store.data_dir,
                                 strict=False)
        app = MicroTuiApp(library, clock=clock, store=store, data_dir=store.data_dir,
                          calendar_path=source)
        async with app.run_test(size=(120, 40), notifications=True) as pilot:
            await wait_for(pilot, lambda: warnings(app), "the refusal shown")
            assert "Only https:// addresses are fetched" in warnings(app)[0]
            clock.advance(15 * 60)
            await wait_for(pilot, lambda: app.calendar_refresh.fetches == 2, "a second try")
            assert len(warnings(app)) == 1
            assert pre_meeting_sets(app) == []
