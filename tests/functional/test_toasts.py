"""No toast ever covers a dialog: toasts wait while one is open and show once it closes."""

from __future__ import annotations

from datetime import datetime

import pytest
from textual.widgets._toast import Toast

from microtui.core.fake_clock import FakeClock
from microtui.store import Store
from microtui.ui.app import MicroTuiApp
from microtui.ui.screens.checkin import CheckinScreen
from microtui.ui.screens.player import PlayerScreen
from microtui.ui.screens.player_dialogs import SafetyScreen
from microtui.ui.screens.routine import RoutineScreen
from microtui.ui.screens.routine_dialogs import ConfirmDiscardScreen
from microtui.ui.screens.today import TodayScreen
from tests.functional.helpers import screen_text, settle, type_keys, wait_for, wait_for_screen

NOW = datetime(2026, 11, 25, 9, 29, 50).astimezone()
SIZE = (80, 24)


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "data") as store:
        yield store


def toasts_on_show(app: MicroTuiApp) -> list[Toast]:
    return [toast for toast in app.screen.query(Toast) if toast.region.area > 0]


def shows(app: MicroTuiApp, text: str) -> bool:
    return text in " ".join(screen_text(app).split())


async def test_the_due_toast_waits_while_the_check_in_is_open(library, store):
    clock = FakeClock(NOW)
    app = MicroTuiApp(library, clock=clock, store=store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await wait_for_screen(pilot, TodayScreen)
        clock.advance(10)  # 09:30: a set comes due, and its toast shows
        await wait_for(pilot, lambda: shows(app, "set due"), "the due toast")
        await pilot.press("2")  # the day's first set opens with the check-in
        await wait_for_screen(pilot, CheckinScreen)
        await settle(pilot)
        assert not toasts_on_show(app) and not shows(app, "set due")
        assert shows(app, "enter save")  # the check-in's key line, uncovered
        app.notify("A toast raised while the check-in is open")
        await settle(pilot)
        assert not toasts_on_show(app)
        await pilot.press("escape")  # skip: the player opens; the due toast has done its job
        await wait_for_screen(pilot, PlayerScreen)
        await settle(pilot)
        assert not shows(app, "set due")


async def test_toasts_wait_for_the_unsaved_changes_dialog_and_show_after(library, store):
    clock = FakeClock(NOW)
    app = MicroTuiApp(library, clock=clock, store=store, mode="routine")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await wait_for_screen(pilot, RoutineScreen)
        await pilot.press("ctrl+n", *type_keys("Desk"))
        await wait_for(pilot, lambda: app.screen.dirty, "an unsaved change")
        await pilot.press("escape")
        await wait_for_screen(pilot, ConfirmDiscardScreen)
        clock.advance(10)  # the 09:30 set comes due behind the dialog
        app.notify("Shown once the dialog closes", title="Later")
        await settle(pilot)
        assert not toasts_on_show(app) and not shows(app, "Shown once the dialog closes")
        await pilot.press("n")  # keep editing
        await wait_for(pilot, lambda: isinstance(app.screen, RoutineScreen)
                       and shows(app, "Shown once the dialog closes"), "the held toast")


async def test_no_toast_covers_the_pain_dialog(library, store):
    clock = FakeClock(NOW)
    app = MicroTuiApp(library, clock=clock, store=store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await wait_for_screen(pilot, TodayScreen)
        await pilot.press("2")
        await wait_for_screen(pilot, CheckinScreen)
        await pilot.press("escape")
        await wait_for_screen(pilot, PlayerScreen)
        clock.advance(4)  # past the bracing cue: ankle pumps
        await wait_for(pilot, lambda: shows(app, "Ankle Pumps"), "the first exercise")
        await pilot.press("e")
        await wait_for(pilot, lambda: shows(app, "felt effortless"), "the effortless toast")
        await pilot.press("exclamation_mark")
        await wait_for_screen(pilot, SafetyScreen)
        await settle(pilot)
        assert not toasts_on_show(app) and not shows(app, "felt effortless")
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, SafetyScreen),
                       "the safety dialog closed")


def test_a_toast_raised_with_no_screen_on_the_stack_is_not_held():
    """A toast can come while the app starts or shuts down, with no screen at all (seen:
    a damaged day reported as the app closed, on a busy machine): nothing is in front to
    cover, and asking for the screen in front must not raise ScreenStackError."""
    from textual.app import App
    from textual.notifications import Notification

    from microtui.ui.toasts import ToastHold

    app = App()
    assert app.screen_stack == []
    assert ToastHold(app).takes(Notification("The log of 4 March is damaged")) is False


async def test_a_toast_taken_down_by_its_set_leaves_nothing_behind(library, store):
    """The due toast, taken down when its set opens, goes from every screen it was shown on
    (Textual left an empty holder on each: two for every set of the day)."""
    from textual.widgets._toast import ToastHolder

    clock = FakeClock(NOW)
    app = MicroTuiApp(library, clock=clock, store=store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await wait_for_screen(pilot, TodayScreen)
        clock.advance(10)
        await wait_for(pilot, lambda: shows(app, "set due"), "the due toast")
        await pilot.press("2")
        await wait_for_screen(pilot, CheckinScreen)
        await pilot.press("escape")
        player = await wait_for_screen(pilot, PlayerScreen)
        today = app.today_screen()
        assert today is not None

        def holders() -> list[ToastHolder]:
            return [*today.query(ToastHolder), *player.query(ToastHolder)]

        await wait_for(pilot, lambda: not holders(), "no toast holder left on either screen")
        await settle(pilot)
        assert holders() == []
