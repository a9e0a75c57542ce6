"""The check-in and mobility dialogs, driven by keys with Pilot."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from textual.app import App
from textual.screen import Screen

from microtui.core.fake_clock import FakeClock
from microtui.ui.screens.checkin import CheckinScreen, MobilityScreen, RatingRow
from tests.functional.helpers import (
    screen_text,
    settle,
    settled,
    type_keys,
    wait_for,
    wait_for_screen,
)

NOW = datetime(2026, 11, 25, 9, 2, tzinfo=UTC)
NOT_YET = object()


class Host(App[None]):
    """A bare app that opens one dialog and keeps what it dismissed with."""

    def __init__(self, dialog: Screen) -> None:
        super().__init__()
        self.clock = FakeClock(NOW)
        self.dialog = dialog
        self.result: Any = NOT_YET

    def on_mount(self) -> None:
        self.push_screen(self.dialog, self._done)

    def _done(self, result: Any) -> None:
        self.result = result


async def opened(pilot) -> None:
    """Wait until the dialog is on screen with nothing left to do."""
    app = pilot.app
    await wait_for(pilot, lambda: app.screen is app.dialog and app.dialog.is_mounted
                   and settled(app), "the dialog open")


async def closed(pilot) -> None:
    """Wait until the dialog has closed with its result."""
    await wait_for(pilot, lambda: pilot.app.result is not NOT_YET, "the dialog's result")


def ratings(screen: CheckinScreen) -> tuple[int | None, ...]:
    return tuple(screen.ratings.values())


async def test_answer_a_checkin_with_digits():
    app = Host(CheckinScreen("start", clock=FakeClock(NOW)))
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(pilot)
        assert "How do you feel as the day starts?" in screen_text(app)
        await pilot.press("6", "4", "0")  # each digit rates a line and moves on; 0 is 10
        assert ratings(app.dialog) == (6, 4, 10)
        await pilot.press("enter")
        await closed(pilot)
    assert app.result == {"v": 1, "date": "2026-11-25", "moment": "start", "stiffness": 6,
                          "energy": 4, "focus": 10, "at": "2026-11-25T09:02:00+00:00"}


async def test_answer_a_checkin_with_arrows_and_tab():
    app = Host(CheckinScreen("end", clock=FakeClock(NOW)))
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(pilot)
        await pilot.press("right", "right")  # unset → 5 → 6
        await pilot.press("down", "left", "left")  # energy: unset → 5 → 4
        await pilot.press("tab", "right")  # focus: 5
        assert ratings(app.dialog) == (6, 4, 5)
        await pilot.press("down")  # wraps round to stiffness
        assert isinstance(app.dialog.focused, RatingRow)
        assert app.dialog.focused.metric == "stiffness"
        await pilot.press("up", "9")  # back to focus, rate it 9
        assert ratings(app.dialog) == (6, 4, 9)
        await pilot.press("left", "left", "right")  # a digit on the last line stays there
        await pilot.press("enter")
        await closed(pilot)
    assert app.result["moment"] == "end"
    assert (app.result["stiffness"], app.result["energy"], app.result["focus"]) == (6, 4, 8)


async def test_the_scale_stops_at_1_and_10():
    app = Host(CheckinScreen("start", clock=FakeClock(NOW)))
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(pilot)
        await pilot.press(*["right"] * 8)
        assert ratings(app.dialog)[0] == 10
        await pilot.press(*["left"] * 12)
        assert ratings(app.dialog)[0] == 1


async def test_enter_before_every_line_is_rated_explains_and_waits():
    app = Host(CheckinScreen("start", clock=FakeClock(NOW)))
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(pilot)
        await pilot.press("7", "enter")
        await settle(pilot)
        assert app.result is NOT_YET
        assert app.dialog.error == "Rate energy, focus too (1-10), or press escape to skip."
        assert app.dialog.focused.metric == "energy"
        await pilot.press("escape")
        await closed(pilot)
    assert app.result is None


async def test_initial_ratings_are_shown_and_kept():
    app = Host(CheckinScreen("start", clock=FakeClock(NOW),
                             initial={"stiffness": 3, "energy": 11, "focus": 8}))
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(pilot)
        assert ratings(app.dialog) == (3, None, 8)  # 11 is not a rating


async def test_mobility_refuses_200_degrees_next_to_the_field():
    app = Host(MobilityScreen(clock=FakeClock(NOW)))
    async with app.run_test(size=(100, 34)) as pilot:
        await opened(pilot)
        await pilot.press(*type_keys("200"), "enter")
        await settle(pilot)
        dialog = app.dialog
        assert app.result is NOT_YET and app.screen is dialog
        assert dialog.error_of("hip_flexion_left") == "200° is outside 0–180 degrees"
        assert "200° is outside 0–180 degrees" in screen_text(app)
        assert dialog.focused.id == "mobility-hip_flexion_left"  # it stays on the field
        # Correct it: the error goes as soon as the value changes.
        await pilot.press("backspace", "backspace", "backspace")
        assert dialog.error_of("hip_flexion_left") == ""
        await pilot.press(*type_keys("95"), "enter", *type_keys("100"), "enter",
                          *type_keys("70"), "enter", *type_keys("72.5"), "enter")
        await closed(pilot)
    assert app.result == {"v": 1, "date": "2026-11-25", "hip_flexion_left": 95,
                          "hip_flexion_right": 100, "neck_rotation_left": 70,
                          "neck_rotation_right": 72.5}


async def test_saving_with_gaps_marks_every_refused_field():
    app = Host(MobilityScreen(clock=FakeClock(NOW)))
    async with app.run_test(size=(100, 34)) as pilot:
        await opened(pilot)
        await pilot.press(*type_keys("90"), "ctrl+s")
        await settle(pilot)
        dialog = app.dialog
        assert app.result is NOT_YET
        assert dialog.error_of("hip_flexion_left") == ""
        assert dialog.error_of("hip_flexion_right") == "Enter degrees from 0 to 180"
        assert dialog.error_of("neck_rotation_right") == "Enter degrees from 0 to 180"
        assert dialog.focused.id == "mobility-hip_flexion_right"
        await pilot.press("escape")
        await closed(pilot)
    assert app.result is None


async def test_the_howto_lines_are_shown():
    app = Host(MobilityScreen(clock=FakeClock(NOW)))
    async with app.run_test(size=(110, 40)) as pilot:
        await opened(pilot)
        text = screen_text(app)
        assert "lift your left knee toward your chest" in text
        assert "turn your head right as far as is easy" in text


async def test_ratings_typed_faster_than_focus_moves_go_to_successive_rows():
    """A pasted "756" (or keys sent by tmux) rates stiffness, energy and focus in turn."""
    from textual.app import App

    from microtui.ui.screens.checkin import CheckinScreen

    results = []

    class Host(App):
        def on_mount(self) -> None:
            self.push_screen(CheckinScreen("start", day=date(2026, 11, 25),
                                           clock=FakeClock(datetime(2026, 11, 25, 9, 0))),
                             results.append)

    app = Host()
    async with app.run_test() as pilot:
        await wait_for_screen(pilot, CheckinScreen)
        await settle(pilot)
        screen = app.screen
        for key in ("7", "5", "6"):
            screen.action_rate(int(key))  # no pause: focus has not moved yet
        assert screen.ratings == {"stiffness": 7, "energy": 5, "focus": 6}


async def test_a_late_focus_event_does_not_send_a_rating_to_another_row():
    """On a busy machine the rows' focus events reach the dialog out of order: after
    ``3 ↓ 6 ↓ 7 ⏎`` (stiffness 7, focus 6, energy missing), the ``6`` typed for energy went
    to focus, the row left two keys before, and energy stayed unrated. Here the late event
    is sent by hand once the focus has settled on energy."""
    from textual import events

    app = Host(CheckinScreen("start", clock=FakeClock(NOW)))
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(pilot)
        screen = app.dialog
        assert isinstance(screen, CheckinScreen)
        stiffness, energy, focus = screen.rows
        await pilot.press("7")  # stiffness; on to energy
        await wait_for(pilot, lambda: screen.focused is energy and settled(app),
                       "the focus on energy")
        screen.post_message(events.DescendantFocus(focus))  # late, from an earlier move
        await wait_for(pilot, lambda: settled(app), "the late event handled")
        await pilot.press("6")
        await wait_for(pilot, lambda: energy.value is not None or focus.value is not None,
                       "a rating")
        assert ratings(screen) == (7, 6, None)


async def test_the_keys_in_the_border_are_whole_at_60_columns():
    """At 60x20 the full key line ("… enter save · esc skip") was cut to "… enter save ·
    e…": a narrow terminal gets the short words, every key still named."""
    for size, keys in (((60, 20), "1-9, 0=10 · ←→ · ↑↓ · enter save · esc skip"),
                       ((80, 24), "1-9, 0 = 10 · ←→ adjust · ↑↓ move · enter save · esc skip")):
        app = Host(CheckinScreen("start", clock=FakeClock(NOW)))
        async with app.run_test(size=size) as pilot:
            await opened(pilot)
            await wait_for(pilot, lambda keys=keys, app=app: keys in screen_text(app),
                           f"the keys whole at {size}")
