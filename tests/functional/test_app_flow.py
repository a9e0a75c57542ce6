"""The whole app: Today opens the player, the set is logged, Today shows it done."""

from __future__ import annotations

from datetime import datetime

import pytest

from microtui.core.fake_clock import FakeClock
from microtui.store import Store
from microtui.ui.app import MicroTuiApp
from microtui.ui.screens.checkin import CheckinScreen
from microtui.ui.screens.player import PlayerScreen
from microtui.ui.screens.today import TodayScreen
from tests.functional.helpers import screen_text, wait_for, wait_for_screen

NOW = datetime(2026, 11, 25, 9, 29, 50).astimezone()


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "data") as store:
        yield store


async def play_to_end(pilot, clock: FakeClock, seconds: float) -> None:
    """Move the clock past the set's end; the player's next frame sees it is over."""
    from microtui.ui.screens.player_dialogs import SetSummaryScreen

    clock.advance(int(seconds) + 2)
    await wait_for_screen(pilot, SetSummaryScreen)


async def test_due_set_played_through_is_logged_and_shown_done(library, store):
    clock = FakeClock(NOW)
    app = MicroTuiApp(library, clock=clock, store=store)
    async with app.run_test(size=(120, 40)) as pilot:
        clock.advance(10)  # 09:30:00: the first interval set comes due
        await wait_for(pilot, lambda: "due" in screen_text(app), "Today's tick to show it due")
        assert isinstance(app.screen, TodayScreen)
        assert "due" in screen_text(app)
        await pilot.press("enter")
        # The day's first set opens with the start-of-day check-in, answered by keys.
        await wait_for_screen(pilot, CheckinScreen)
        assert isinstance(app.screen, CheckinScreen)
        await pilot.press("7", "4", "6", "enter")
        await wait_for_screen(pilot, PlayerScreen)
        assert isinstance(app.screen, PlayerScreen)
        assert app.screen.event_id == "2026-11-25:interval:09:30"
        assert not app._notifications  # the due toast no longer covers the player
        await play_to_end(pilot, clock, app.screen.player.plan.total_seconds)
        await pilot.press("enter")  # close the summary, no note
        await wait_for(pilot, lambda: store.sessions() and "✓ done" in screen_text(app),
                       "the set logged and shown done")
        assert isinstance(app.screen, TodayScreen)
        sessions = store.sessions()
        assert [s["outcome"] for s in sessions] == ["completed"]
        assert sessions[0]["event_id"] == "2026-11-25:interval:09:30"
        assert all(e["done_seconds"] == e["planned_seconds"] for e in sessions[0]["exercises"])
        assert "✓ done" in screen_text(app)
        [checkin] = store.checkins()
        assert (checkin["moment"], checkin["stiffness"], checkin["energy"],
                checkin["focus"]) == ("start", 7, 4, 6)
        # Quitting in the workday's last hour, on a day with a set done, offers the
        # end-of-day check-in first.
        clock.advance(7 * 3600)
        await pilot.press("q")
        await wait_for_screen(pilot, CheckinScreen)
        assert isinstance(app.screen, CheckinScreen) and app.screen.moment == "end"
        await pilot.press("3", "8", "8", "enter")
        await wait_for(pilot, lambda: app.return_code is not None, "the app to quit")
    assert [c["moment"] for c in store.checkins()] == ["start", "end"]


async def test_quitting_mid_set_logs_it_as_partial(library, store):
    clock = FakeClock(NOW)
    app = MicroTuiApp(library, clock=clock, store=store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await wait_for_screen(pilot, CheckinScreen)
        await pilot.press("escape")  # skip the start-of-day check-in
        await wait_for_screen(pilot, PlayerScreen)
        assert isinstance(app.screen, PlayerScreen)
        clock.advance(8)
        await pilot.press("q")
        await wait_for(pilot, lambda: app.return_code is not None
                       or not isinstance(app.screen, PlayerScreen), "the player to close")
    sessions = store.sessions()
    assert len(sessions) == 1
    assert sessions[0]["outcome"] == "partial"
    done = sum(e["done_seconds"] for e in sessions[0]["exercises"])
    assert 0 < done < sum(e["planned_seconds"] for e in sessions[0]["exercises"])


async def test_a_failed_write_is_kept_and_saved_later(library, store, monkeypatch):
    from microtui.store import StoreWriteError

    clock = FakeClock(NOW)
    app = MicroTuiApp(library, clock=clock, store=store)
    real_add = store.put_session
    calls = []

    def failing(record):
        calls.append(record)
        if len(calls) == 1:
            raise StoreWriteError("cannot write log/2026-11.json: No space left on device")
        real_add(record)

    monkeypatch.setattr(store, "put_session", failing)
    async with app.run_test(size=(120, 40)) as pilot:
        app.save_session({"v": 1, "started": NOW.isoformat(), "outcome": "skipped",
                          "event_id": "x", "exercises": []})
        await wait_for(pilot, lambda: app.unsaved and app._notifications,
                       "the failed write to be kept and reported")
        assert len(app.unsaved) == 1
        assert any("No space left" in str(n.message) for n in app._notifications)
        assert store.sessions() == []
        await pilot.press("q")
    assert [s["event_id"] for s in store.sessions()] == ["x"]


async def test_a_saved_routine_rebuilds_today(library, store):

    from microtui.core.routine import TriggerKind
    from microtui.ui.screens.routine import RoutineScreen

    clock = FakeClock(NOW)
    app = MicroTuiApp(library, clock=clock, store=store)
    async with app.run_test(size=(120, 40)) as pilot:
        assert "10:20" not in screen_text(app)
        await pilot.press("3")
        await wait_for_screen(pilot, RoutineScreen)
        assert isinstance(app.screen, RoutineScreen)
        routine = app.services.settings.current.routine
        every_20 = routine._replace(
            id="mine", name="Mine",
            triggers=tuple(t._replace(every_minutes=20) if t.kind is TriggerKind.INTERVAL
                           else t for t in routine.triggers),
        )
        schedule = app.services.settings.current.schedule
        app.screen.post_message(RoutineScreen.RoutineSaved(every_20, schedule))
        await wait_for(pilot, lambda: app.services.settings.current.routine.id == "mine",
                       "the saved routine in use")
        await app.switch_mode("today")  # (a focused form field takes the digit keys)
        await wait_for(pilot, lambda: isinstance(app.screen, TodayScreen)
                       and "10:20" in screen_text(app), "Today rebuilt with sets every 20 min")
        assert isinstance(app.screen, TodayScreen)
        assert "10:20" in screen_text(app)
        assert app.screen.routine.id == "mine"


async def test_pain_stop_can_take_the_exercise_out_of_the_routine(library, store):
    clock = FakeClock(NOW)
    app = MicroTuiApp(library, clock=clock, store=store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")  # the 09:30 set: bracing cue, ankle pumps, cervical nods
        await wait_for_screen(pilot, CheckinScreen)
        await pilot.press("escape")  # skip the start-of-day check-in
        player = await wait_for_screen(pilot, PlayerScreen)
        clock.advance(5)
        await wait_for(pilot, lambda: player.moment().exercise_id == "ankle-pumps"
                       and "Ankle Pumps" in screen_text(app), "the player showing Ankle Pumps")
        await pilot.press("exclamation_mark")
        from microtui.ui.screens.player_dialogs import SafetyScreen, SetSummaryScreen

        await wait_for_screen(pilot, SafetyScreen)
        assert isinstance(app.screen, SafetyScreen)
        await pilot.press("r")
        await wait_for_screen(pilot, SetSummaryScreen)
        await pilot.press("enter")  # the set's summary, no note
        await wait_for_screen(pilot, TodayScreen)
        # (the 09:30 row still names what was played: Ankle Pumps + Cervical Nod)
        await wait_for(pilot, lambda: store.sessions() and store.routines()
                       and "Ankle Pumps" not in later_rows(app),
                       "the set logged and the routine saved without ankle pumps")
        [record] = store.sessions()
        assert record["outcome"] == "stopped-for-pain"
        assert record["stopped_exercise"] == "ankle-pumps"
        # The built-in plan is untouched; a copy without ankle pumps becomes active.
        active = app.services.settings.current.routine
        assert active.id == "guide-day-plan-mine"
        assert all(i.exercise_id != "ankle-pumps" for t in active.triggers
                   for i in t.items)
        assert any(i.exercise_id == "ankle-pumps" for t in library.default_routine.triggers
                   for i in t.items)
        assert store.user_settings().active_routine_id == "guide-day-plan-mine"
        assert [r["id"] for r in store.routines()] == ["guide-day-plan-mine"]
        assert "Ankle Pumps" not in later_rows(app)  # Today follows the new routine


def later_rows(app) -> str:
    """Today's rows after the 09:30 set (which shows what was played in it)."""
    text = screen_text(app)
    return text[text.index("10:00"):]


async def test_today_offers_mobility_screen_and_progression_at_start(library, store):
    for day, effortless in ((20, True), (21, True), (23, False), (24, True)):
        store.add_session({
            "v": 1, "event_id": f"2026-11-{day}:interval:09:30", "trigger": "interval",
            "started": f"2026-11-{day}T09:31:00+00:00", "ended": f"2026-11-{day}T09:31:30+00:00",
            "outcome": "completed", "active_seconds": 25, "note": "",
            "exercises": [{"id": "finger-extension", "side": None, "planned_seconds": 21,
                           "done_seconds": 21, "effortless": effortless}],
        })
    app = MicroTuiApp(library, clock=FakeClock(NOW), store=store)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: any(n.title == "Suggested" for n in app._notifications),
                       "the offers read at start")
        messages = " ".join(str(n.message) for n in app._notifications)
        assert "mobility screen is due" in messages
        assert "Finger Extension Stretch felt effortless in 3 of your last 4 sets" in messages
        assert app.pending_suggestions == 1


async def test_autostart_opens_the_player_after_the_set_waited(library):
    """The app's timers run on its clock: moving the fake clock a second at a time plays
    the seconds out, with no real time waited for."""
    clock = FakeClock(NOW)
    app = MicroTuiApp(library, clock=clock, autostart_seconds=30)

    async def seconds(count: int) -> None:
        for _ in range(count):
            clock.advance(1)
            await pilot.pause()

    async with app.run_test(size=(120, 40)) as pilot:
        await seconds(10)  # 09:30:00: due
        assert isinstance(app.screen, TodayScreen)
        await seconds(28)  # waited 28 s: not yet
        assert isinstance(app.screen, TodayScreen)
        await seconds(4)
        await wait_for_screen(pilot, PlayerScreen)  # by the app's own timers
        assert isinstance(app.screen, PlayerScreen)
        assert app.screen.event_id == "2026-11-25:interval:09:30"


async def test_unsaved_routine_changes_are_kept_and_asked_about_on_quit(library, store):
    from textual.widgets import Input

    from microtui.ui.screens.routine import RoutineScreen
    from microtui.ui.screens.routine_dialogs import ConfirmDiscardScreen

    clock = FakeClock(NOW)
    app = MicroTuiApp(library, clock=clock, store=store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await wait_for_screen(pilot, RoutineScreen)
        routine_screen = app.screen
        assert isinstance(routine_screen, RoutineScreen)
        name = routine_screen.query_one("#name", Input)
        name.focus()
        await pilot.press("ctrl+u", *"Wrists week")
        assert routine_screen.dirty
        routine_screen.query_one("#pain-points").focus()
        await pilot.press("1")  # to Today: the edits stay, and the app says where
        await wait_for_screen(pilot, TodayScreen)
        assert isinstance(app.screen, TodayScreen)
        assert "unsaved changes" in " ".join(str(n.message) for n in app._notifications)
        await pilot.press("q")
        await wait_for_screen(pilot, ConfirmDiscardScreen)
        assert isinstance(app.screen, ConfirmDiscardScreen)
        await pilot.press("n")  # keep editing: back to the form, as it was
        await wait_for(pilot, lambda: app.screen is routine_screen, "back to the form")
        assert app.screen is routine_screen
        assert routine_screen.query_one("#name", Input).value == "Wrists week"
        assert app.is_running
        await pilot.press("q")
        await wait_for_screen(pilot, ConfirmDiscardScreen)
        assert isinstance(app.screen, ConfirmDiscardScreen)
        await pilot.press("y")
        await wait_for(pilot, lambda: app.return_code is not None, "the app to quit")
        assert app.return_code == 0  # quitting
    assert app.return_code == 0
    assert store.routines() == []  # nothing written without ctrl+s


async def test_a_damaged_old_day_is_reported_after_start_up_and_left_alone(
        library, tmp_path, monkeypatch):
    import microtui.ui.workday as app_module

    data = tmp_path / "data"
    with Store.open(data) as store:
        store.add_session({"started": "2024-03-04T09:00:00", "event_id": "old"})
        store.add_session({"started": "2026-11-24T09:00:00", "event_id": "yesterday"})
    damaged = data / "log" / "2024-03" / "2024-03-04.json"
    damaged.write_bytes(b'{"sessions": ')
    monkeypatch.setattr(app_module, "VERIFY_AFTER_SECONDS", 0.1)
    with Store.open(data) as store:  # opens: only the newest day is read at start-up
        clock = FakeClock(NOW)
        app = MicroTuiApp(library, clock=clock, store=store)
        async with app.run_test(size=(120, 40)) as pilot:
            clock.advance(1)  # the check comes 0.1 s after start-up, on the app's clock
            await wait_for(pilot, lambda: any("2024-03-04.json" in str(n.message)
                                              for n in app._notifications),
                           "the check after start-up to report the damaged day")
            messages = [str(n.message) for n in app._notifications]
            assert any("2024-03-04.json" in m and "move it aside" in m for m in messages)
            assert isinstance(app.screen, TodayScreen)  # the day goes on
    assert damaged.read_bytes() == b'{"sessions": '


async def test_the_end_of_day_checkin_answered_on_quit_is_written_before_exit(
        library, store, monkeypatch):
    import threading

    clock = FakeClock(NOW.replace(hour=16, minute=45))  # the workday's last hour
    app = MicroTuiApp(library, clock=clock, store=store)
    writers: list[bool] = []
    real = store.add_checkin
    monkeypatch.setattr(store, "add_checkin", lambda record: (
        writers.append(threading.current_thread() is threading.main_thread()), real(record)))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_screen(pilot, TodayScreen)
        store.add_session({"started": clock.now().isoformat(), "event_id": "x",
                           "outcome": "completed"})
        await pilot.press("q")
        await wait_for_screen(pilot, CheckinScreen)
        assert isinstance(app.screen, CheckinScreen)
        await pilot.press("3", "8", "8", "enter")
        await wait_for(pilot, lambda: app.return_code is not None, "the app to quit")
    # Written on the way out, not by a worker the exit would stop.
    assert writers == [True]
    assert [c["moment"] for c in store.checkins()] == ["end"]


def test_the_app_leaves_the_interpreter_as_it_found_it(library):
    """No process-wide tweaks: making an app changes neither the switch interval nor the
    garbage collector's frozen set (every test and bench process would inherit them)."""
    import gc
    import sys

    interval, frozen = sys.getswitchinterval(), gc.get_freeze_count()
    MicroTuiApp(library, clock=FakeClock(datetime(2026, 11, 25, 9, 0)))
    assert (sys.getswitchinterval(), gc.get_freeze_count()) == (interval, frozen)


async def test_a_calendar_saved_in_the_builder_reaches_today_without_a_restart(
        library, store, tmp_path):
    """The calendar was held by the app, Today and the builder: a routine saved with a new
    calendar changed the app's copy only, and Today never showed its meetings."""
    from datetime import UTC, timedelta

    from textual.widgets import Input

    from microtui.ui.screens.routine import RoutineScreen
    from tests.functional.helpers import type_keys

    start = (NOW + timedelta(minutes=90)).astimezone(UTC)
    calendar = tmp_path / "work.ics"
    calendar.write_text(
        "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//microtui tests//EN\nBEGIN:VEVENT\n"
        f"UID:review@tests\nDTSTART:{start:%Y%m%dT%H%M%SZ}\n"
        f"DTEND:{start + timedelta(minutes=30):%Y%m%dT%H%M%SZ}\n"
        "SUMMARY:Design review\nEND:VEVENT\nEND:VCALENDAR\n", encoding="utf-8")
    app = MicroTuiApp(library, clock=FakeClock(NOW), store=store)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        assert "Design review" not in screen_text(app)
        await pilot.press("3")
        await wait_for(pilot, lambda: isinstance(app.screen, RoutineScreen), "the builder")
        await app.workers.wait_for_complete()
        app.screen.query_one("#calendar", Input).focus()
        await pilot.press(*type_keys(str(calendar)), "ctrl+s")
        await wait_for(pilot, lambda: store.user_settings().calendar == str(calendar),
                       "the routine saved")
        await app.switch_mode("today")  # (a focused form field takes the digit keys)
        await wait_for(pilot, lambda: "Design review" in screen_text(app),
                       "Today showing the meeting")
        today = app.screen
        assert isinstance(today, TodayScreen) and today.calendar_path == calendar
