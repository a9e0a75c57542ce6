"""The Today screen on its own, hosted in a minimal app, driven by keys and a FakeClock."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from textual.app import App
from textual.widgets import Input, Static

from microtui.core.event_states import EventState
from microtui.core.fake_clock import FakeClock
from microtui.core.loader import Library
from microtui.core.routine import TriggerKind
from microtui.core.schedule import ScheduleSettings
from microtui.core.timeline import TriggerEvent
from microtui.store import Store
from microtui.ui.screens.meeting_dialog import MeetingDialog
from microtui.ui.screens.today import TodayScreen
from microtui.ui.services import Services
from microtui.ui.terminal import terminal_for
from microtui.ui.widgets.timeline import Timeline
from tests.functional.helpers import screen_text, settled, type_keys, wait_for
from tests.functional.helpers import settle as settle_app

SIZE = (120, 40)
DAY = "2026-11-25"  # a Wednesday


def eid(hhmm: str, kind: str = "interval") -> str:
    return f"{DAY}:{kind}:{hhmm}"


class Host(App[None]):
    """Just enough app to show one TodayScreen and catch what it posts."""

    TITLE = "microtui"

    def __init__(self, today: TodayScreen) -> None:
        super().__init__()
        self.today = today
        self.started: list[TriggerEvent] = []

    def on_mount(self) -> None:
        self.push_screen(self.today)

    def on_today_screen_start_set(self, message: TodayScreen.StartSet) -> None:
        self.started.append(message.event)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store.open(tmp_path / "data")
    yield opened
    opened.close()


def local(hh: int, mm: int, ss: int = 0, day: int = 25) -> datetime:
    """A local wall time (the machine's zone, as the app's clock would give it)."""
    return datetime(2026, 11, day, hh, mm, ss).astimezone()


def make(library: Library, store: Store | None, clock: FakeClock, **kwargs) -> Host:
    return Host(TodayScreen(Services.create(library, clock=clock, store=store, **kwargs)))


def timeline(app: Host) -> Timeline:
    return app.today.query_one(Timeline)


def state(app: Host, event_id: str) -> EventState:
    found = app.today.day_view.view_of(event_id)
    assert found is not None, f"{event_id} is not on today's timeline"
    return found.state


def row(app: Host, event_id: str) -> str:
    text = timeline(app).text_of(event_id)
    assert text, f"no line for {event_id}"
    return text


def due_notes(app: Host) -> list:
    return [n for n in app._notifications if "set due" in n.title]


async def settle(app: Host, pilot) -> None:
    """Let the first tick, the log read and the calendar read finish, and what they and
    the test did show."""
    await settle_app(pilot)


async def advance(app: Host, pilot, clock: FakeClock, seconds: float) -> None:
    """Move the clock and let Today see it (its tick, without waiting for its timer)."""
    clock.advance(seconds)
    app.today.tick()
    await settle_app(pilot)


async def test_the_timeline_lists_the_days_sets(library, store):
    clock = FakeClock(local(9, 29, 50))
    app = make(library, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        lines = timeline(app).lines_text()
        times = [line.strip("▸ ")[:5] for line in lines if line.strip("▸ ")[:1].isdigit()]
        assert times == ["09:00", "09:30", "10:00", "10:30", "11:00", "11:30", "12:00",
                         "12:30", "13:00", "13:30", "14:00", "14:30", "15:00", "15:30",
                         "16:00", "16:30", "17:00", "17:30"]
        first = row(app, eid("09:00", "start-of-day"))
        assert "Start of Day" in first and "Transverse Abdominal Bracing" in first
        assert "44 s" in first and "✗ missed" in first and "29 min ago" in first
        nxt = row(app, eid("09:30"))
        assert "Every 30 min" in nxt and "Ankle Pumps + Cervical Nod" in nxt
        assert "22 s" in nxt and "· upcoming" in nxt and "in a minute" in nxt
        assert "Mid‑Afternoon" in row(app, eid("13:30", "fixed-time"))
        assert "End of Day" in row(app, eid("17:30", "end-of-day"))
        # the next set is highlighted, selected, and followed by a live countdown
        assert timeline(app).highlight_id == timeline(app).selected_id == eid("09:30")
        assert nxt.startswith("▸")
        below = lines[lines.index(nxt) + 1]
        assert "Next in 0:10" in below and "Ankle Pumps 10 s + Cervical Nod 12 s" in below
        text = screen_text(app)
        assert "Wednesday 25 November" in text
        assert "Done 0 of 1 so far" in text and "Streak 0 days" in text
        assert terminal_for(app).last_title == "microtui · next in 1 min"
        assert not list(app._notifications)


async def test_due_snooze_due_again_then_skip(library, store):
    clock = FakeClock(local(9, 29, 50))
    app = make(library, store, clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(app, pilot)
        signals = terminal_for(app)
        await advance(app, pilot, clock, 10)  # 09:30:00
        assert state(app, eid("09:30")) is EventState.DUE
        assert "▶ due" in row(app, eid("09:30"))
        notes = due_notes(app)
        assert len(notes) == 1 and "Ankle Pumps + Cervical Nod" in notes[0].message
        assert "set due" in notes[0].title
        assert app.today.query("Toast")
        assert signals.last_title == "microtui · Ankle Pumps + Cervical Nod due"
        assert signals.bells == 1
        assert "Due now · 10 min left to start" in screen_text(app)

        # once per event, not every tick
        await advance(app, pilot, clock, 1)
        await advance(app, pilot, clock, 1)
        assert len(due_notes(app)) == 1 and signals.bells == 1

        await pilot.press("s")
        assert state(app, eid("09:30")) is EventState.SNOOZED
        assert "⏸ snoozed" in row(app, eid("09:30"))
        assert signals.last_title == "microtui · next in 5 min"
        await advance(app, pilot, clock, 299)
        assert state(app, eid("09:30")) is EventState.SNOOZED
        await advance(app, pilot, clock, 1)
        assert state(app, eid("09:30")) is EventState.DUE
        assert signals.bells == 2 and len(due_notes(app)) == 2
        assert signals.last_title == "microtui · Ankle Pumps + Cervical Nod due"

        await pilot.press("x")
        assert state(app, eid("09:30")) is EventState.SKIPPED
        assert "⤼ skipped" in row(app, eid("09:30"))
        await settle(app, pilot)
        saved = store.sessions(since=DAY, until=DAY)
        assert [(r["event_id"], r["outcome"]) for r in saved] == [(eid("09:30"), "skipped")]
        assert saved[0]["started"] == local(9, 35, 2).isoformat()
        assert saved[0]["active_seconds"] == 0 and saved[0]["exercises"] == []
        assert signals.last_title == "microtui · next in 25 min"
        # nothing is due now: snooze is switched off in the footer
        assert not app.today.check_action("snooze", ())  # hidden, not only dimmed
    assert signals.last_title is None  # restored on the way out


async def test_a_set_done_before_the_app_started_is_not_announced(library, store):
    store.add_session({"v": 1, "event_id": eid("09:30"), "started": local(9, 30, 2).isoformat(),
                       "outcome": "completed", "active_seconds": 22})
    clock = FakeClock(local(9, 31))
    app = make(library, store, clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(app, pilot)
        await advance(app, pilot, clock, 1)
        assert state(app, eid("09:30")) is EventState.DONE
        assert due_notes(app) == [] and terminal_for(app).bells == 0
        # whereas a set due when the app starts, and not done, is announced
        await advance(app, pilot, clock, 29 * 60)  # 10:00:01
        assert len(due_notes(app)) == 1 and terminal_for(app).bells == 1


async def test_enter_starts_the_due_set(library, store):
    clock = FakeClock(local(9, 30, 5))
    app = make(library, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert [e.id for e in app.started] == [eid("09:30")]
        assert app.started[0].name == "Every 30 min"


async def test_up_and_down_select_another_set_to_start(library, store):
    clock = FakeClock(local(9, 30, 5))
    app = make(library, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("down", "down")
        assert timeline(app).selected_id == eid("10:30")
        assert row(app, eid("10:30")).startswith("▸")
        assert not row(app, eid("09:30")).startswith("▸")
        await pilot.press("up")
        await pilot.press("enter")
        await settle(app, pilot)
        assert [e.id for e in app.started] == [eid("10:00")]
        # the selection stays put while the clock runs
        await advance(app, pilot, clock, 30)
        assert timeline(app).selected_id == eid("10:00")


async def test_a_meeting_typed_in_gets_its_set_and_a_bad_time_is_refused(library, store):
    clock = FakeClock(local(9, 40))
    app = make(library, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("m")
        await settle(app, pilot)
        dialog = app.screen
        assert isinstance(dialog, MeetingDialog)
        hint = dialog.query_one("#meeting-hint", Static)
        assert str(hint.content) == "A set comes 2 minutes before it."
        await pilot.press(*type_keys("25:00"), "enter")
        await settle(app, pilot)
        assert app.screen is dialog  # still open
        error = dialog.query_one("#meeting-time-error", Static)
        assert error.display and "25:00 is not a time of day" in str(error.content)
        # shown next to the field, on its row
        time_field = dialog.query_one("#meeting-time", Input)
        assert error.region.y == time_field.region.y + 1 or error.region.y == time_field.region.y
        assert error.region.x > time_field.region.right - 1
        assert app.today.tracker.typed_meetings == []

        time_field.value = ""
        await settle(app, pilot)
        assert not error.display  # editing clears the complaint
        await pilot.press(*type_keys("14:15"), "tab", *type_keys("Design review"), "enter")
        await settle(app, pilot)
        assert app.screen is app.today
        pre = eid("14:13", "pre-meeting")
        assert state(app, pre) is EventState.UPCOMING
        line = row(app, pre)
        assert "Pre‑Meeting · Design review" in line
        assert "Chest Opener Finger Pull" in line and line.startswith("▸")
        assert any("Design review" in n.message for n in app._notifications)


async def test_escape_closes_the_meeting_dialog_without_adding(library, store):
    clock = FakeClock(local(9, 40))
    app = make(library, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("m")
        await pilot.press(*type_keys("11:00"), "escape")
        await settle(app, pilot)
        assert app.screen is app.today
        assert app.today.tracker.typed_meetings == []


def test_the_meeting_dialog_says_how_long_before_a_meeting_its_set_comes(library):
    routine = library.default_routine
    assert MeetingDialog.for_routine(routine, ScheduleSettings()).lead_minutes == 2
    assert MeetingDialog.for_routine(
        routine, ScheduleSettings(pre_meeting_lead_minutes=0)).lead_minutes == 0
    no_meetings = routine._replace(triggers=tuple(
        t for t in routine.triggers if t.kind is not TriggerKind.PRE_MEETING))
    assert MeetingDialog.for_routine(
        no_meetings, ScheduleSettings(pre_meeting_lead_minutes=5)).lead_minutes is None


ICS = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//microtui tests//EN
BEGIN:VEVENT
UID:{uid}@tests
DTSTART:{start}
DTEND:{end}
SUMMARY:{title}
END:VEVENT
END:VCALENDAR
"""


def write_ics(path: Path, hh: int, mm: int, title: str, mtime: float) -> None:
    begin = local(hh, mm).astimezone(UTC)
    fmt = "%Y%m%dT%H%M%SZ"
    path.write_text(ICS.format(uid=title.replace(" ", ""), start=begin.strftime(fmt),
                               end=(begin + timedelta(minutes=30)).strftime(fmt),
                               title=title), encoding="utf-8")
    os.utime(path, (mtime, mtime))


async def test_calendar_meetings_are_read_and_reread_when_the_file_changes(library, store,
                                                                        tmp_path):
    calendar = tmp_path / "work.ics"
    write_ics(calendar, 11, 0, "Design review", mtime=1_000_000)
    clock = FakeClock(local(9, 40))
    app = make(library, store, clock, calendar_path=calendar)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(app, pilot)
        assert state(app, eid("10:58", "pre-meeting")) is EventState.UPCOMING
        assert "Design review" in row(app, eid("10:58", "pre-meeting"))

        # unchanged file: checked, not re-read
        app.today.check_calendar(throttle=False)
        await settle(app, pilot)
        assert app.today.day_view.timeline.by_id(eid("10:58", "pre-meeting"))

        write_ics(calendar, 15, 0, "Planning", mtime=1_000_100)
        app.today.check_calendar(throttle=False)
        await settle(app, pilot)
        assert app.today.day_view.timeline.by_id(eid("10:58", "pre-meeting")) is None
        assert state(app, eid("14:58", "pre-meeting")) is EventState.UPCOMING

        # a broken file: a clear message, a toast, and the day carries on as it was
        calendar.write_text("this is not a calendar", encoding="utf-8")
        os.utime(calendar, (1_000_200, 1_000_200))
        app.today.check_calendar(throttle=False)
        await settle(app, pilot)
        line = app.today.query_one("#today-calendar", Static)
        assert line.display and "not a valid iCalendar file" in str(line.content)
        assert "Calendar not read" in screen_text(app)
        assert any(n.severity == "error" for n in app._notifications)
        assert state(app, eid("14:58", "pre-meeting")) is EventState.UPCOMING
        await advance(app, pilot, clock, 60)
        assert state(app, eid("10:00")) is EventState.UPCOMING


async def test_a_missing_calendar_is_reported_and_the_day_still_works(library, store,
                                                                     tmp_path):
    clock = FakeClock(local(9, 29, 50))
    app = make(library, store, clock, calendar_path=tmp_path / "nowhere.ics")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        line = app.today.query_one("#today-calendar", Static)
        assert line.display and "calendar file not found" in str(line.content)
        assert "⚠ Calendar not read" in screen_text(app)
        await advance(app, pilot, clock, 10)
        assert state(app, eid("09:30")) is EventState.DUE


async def test_a_broken_event_is_left_out_with_a_warning_and_the_rest_kept(library, store,
                                                                           tmp_path):
    # Two calendars in one file (some programs export so), one with an event that cannot be
    # expanded: the other meetings keep their sets, and Today names the event left out.
    calendar = tmp_path / "work.ics"
    write_ics(calendar, 11, 0, "Design review", mtime=1_000_000)
    good = calendar.read_text(encoding="utf-8")
    broken = good.replace("UID:Designreview@tests", "UID:a@tests\nUID:b@tests").replace(
        "Design review", "Budget")
    calendar.write_text(good + broken, encoding="utf-8")
    clock = FakeClock(local(9, 40))
    app = make(library, store, clock, calendar_path=calendar)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await wait_for(pilot, lambda: app.today.calendar_problem != "")
        assert "Design review" in row(app, eid("10:58", "pre-meeting"))
        line = app.today.query_one("#today-calendar", Static)
        assert line.display
        assert str(line.content) == (f"⚠ Calendar: {calendar}: left out the event 'Budget': "
                                     "it could not be read")
        assert "Calendar not read" not in screen_text(app)


async def test_a_day_off_says_so(library, store):
    clock = FakeClock(local(10, 0, day=28))  # Saturday
    app = make(library, store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        text = screen_text(app)
        assert "Saturday is not a working day — no sets today" in text
        assert "No sets today" in text
        assert terminal_for(app).last_title == "microtui · no sets today"
        assert app.today.check_action("start", ()) is None


async def test_the_log_counts_sets_done_minutes_moved_and_the_streak(library, store):
    for day, hour in ((24, 10), (23, 11), (20, 9)):  # Tue, Mon, and Fri before the weekend
        store.add_session({"v": 1, "event_id": None, "started": local(hour, 0, day=day)
                           .isoformat(), "outcome": "completed", "active_seconds": 20})
    store.add_session({"v": 1, "event_id": eid("09:00", "start-of-day"),
                       "started": local(9, 2).isoformat(), "outcome": "completed",
                       "active_seconds": 75})
    clock = FakeClock(local(9, 40))
    app = make(library, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert state(app, eid("09:00", "start-of-day")) is EventState.DONE
        assert "✓ done" in row(app, eid("09:00", "start-of-day"))
        text = screen_text(app)
        assert "Done 1 of 2 so far" in text
        assert "Moved 1 min 15 s today" in text
        assert "Streak 4 days" in text
        assert app.today.week == (("Thu", 0), ("Fri", 1), ("Sat", 0), ("Sun", 0),
                                  ("Mon", 1), ("Tue", 1), ("Wed", 1))
        # a set the app logs later counts at once
        app.today.session_logged({"v": 1, "event_id": eid("09:30"),
                                  "started": local(9, 41).isoformat(),
                                  "outcome": "completed", "active_seconds": 22})
        await settle(app, pilot)
        assert "Done 2 of 2 so far" in screen_text(app)


async def test_an_idle_minute_repaints_only_what_changed(library, store, monkeypatch):
    clock = FakeClock(local(9, 40))
    app = make(library, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        line_refreshes: list[int] = []
        full_refreshes: list[object] = []
        plots: list[object] = []
        widget = timeline(app)
        monkeypatch.setattr(widget, "refresh_line", line_refreshes.append)
        original_refresh = widget.refresh
        monkeypatch.setattr(widget, "refresh",
                            lambda *a, **k: (full_refreshes.append(a), original_refresh(*a, **k)))
        summary = app.today.query_one("#today-summary", Static)
        updates: list[object] = []
        monkeypatch.setattr(summary, "update", updates.append)
        chart = app.today.query_one("#week-chart")
        monkeypatch.setattr(chart.plt, "bar", lambda *a, **k: plots.append(a))

        # 09:40 -> 09:40:50: the next set (10:00) is 19+ minutes away; nothing changes
        for _ in range(50):
            await advance(app, pilot, clock, 1)
        assert line_refreshes == [] and full_refreshes == [] and updates == [] and plots == []
        assert app.today.day_view.needs_seconds is False

        # at 09:41:00 relative times change: each changed line once, nothing else
        await advance(app, pilot, clock, 10)
        changed = sorted(set(line_refreshes))
        assert changed and len(line_refreshes) == len(changed)
        assert len(changed) < len(timeline(app).lines_text()) // 2
        assert full_refreshes == [] and updates == [] and plots == []

        # under a minute to go: only the countdown line, once a second
        clock.advance(18 * 60 + 5)  # 09:59:05
        app.today.tick()
        line_refreshes.clear()
        countdown_y = timeline(app).line_of(eid("10:00")) + 1
        for _ in range(5):
            await advance(app, pilot, clock, 1)
        assert line_refreshes == [countdown_y] * 5
        assert app.today.day_view.needs_seconds is True


async def test_a_skip_that_cannot_be_saved_is_reported(library, tmp_path):
    store = Store.open(tmp_path / "data")
    clock = FakeClock(local(9, 30, 5))
    app = make(library, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        store.close()  # the write will fail
        await pilot.press("x")
        await wait_for(pilot, lambda: [n for n in app._notifications if n.severity == "error"],
                       "the failed write to be reported")
        assert state(app, eid("09:30")) is EventState.SKIPPED
        errors = [n for n in app._notifications if n.severity == "error"]
        assert errors and errors[0].title == "Could not save the skip"


async def test_midnight_turns_the_page(library, store):
    clock = FakeClock(local(23, 59, 50))
    app = make(library, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert timeline(app).border_title == "Wednesday 25 November"
        await advance(app, pilot, clock, 20)
        assert timeline(app).border_title == "Thursday 26 November"
        assert app.today.day_view.events[0].id == "2026-11-26:start-of-day:09:00"
        assert terminal_for(app).last_title == "microtui · next in 9 h"


async def test_a_set_done_before_the_app_started_is_never_shown_due(library, store,
                                                                    monkeypatch):
    store.add_session({"v": 1, "event_id": eid("09:00", "start-of-day"),
                       "started": local(9, 2).isoformat(), "outcome": "completed",
                       "active_seconds": 75})
    clock = FakeClock(local(9, 5))
    seen: list[EventState] = []
    show = TodayScreen._show

    def spy(self, view):
        seen.append(view.view_of(eid("09:00", "start-of-day")).state)
        return show(self, view)

    monkeypatch.setattr(TodayScreen, "_show", spy)
    app = make(library, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert seen and set(seen) == {EventState.DONE}  # from the very first frame
        assert "✓ done" in row(app, eid("09:00", "start-of-day"))


async def test_the_streak_waits_for_its_days_and_the_week_does_not(library, store,
                                                                  monkeypatch):
    # Working days back to Thursday 12 November: a streak of nine before today.
    for back in range(1, 14):
        day = datetime(2026, 11, 25) - timedelta(days=back)
        if day.weekday() < 5:
            store.add_session({"v": 1, "event_id": None,
                               "started": local(10, 0, day=day.day).isoformat(),
                               "outcome": "completed", "active_seconds": 20})
    gate = threading.Event()
    iter_sessions = store.iter_sessions

    def gated(since=None, until=None):
        assert gate.wait(10), "the test never opened the gate"
        return iter_sessions(since, until)

    monkeypatch.setattr(store, "iter_sessions", gated)
    app = make(library, store, FakeClock(local(9, 5)))
    async with app.run_test(size=SIZE) as pilot:
        # The week's days come in while the streak's older days are still held back (a
        # week that waited for them would never come: the wait would fail).
        week = (("Thu", 1), ("Fri", 1), ("Sat", 0), ("Sun", 0), ("Mon", 1), ("Tue", 1),
                ("Wed", 0))
        await wait_for(pilot, lambda: app.today._log_ready and app.today.week == week
                       and settled(app), "today's log and the week read")
        text = screen_text(app)
        assert "Streak …" in text  # its older days are not read yet
        gate.set()
        await settle(app, pilot)
        assert "Streak 9 days" in screen_text(app)
