"""The player screen, driven with Pilot on a fake clock.

The interval set (ankle pumps + cervical nod) plays as:
bracing cue 0..3 (exhaled hold) | ankle pumps 3..13 (1 s beats: flex up, point down;
steady breath: inhale 3..5.5, exhale 5.5..8, ...) | cervical nod 13..25 (1 s beats).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import pytest
from textual.app import App
from textual.timer import Timer
from textual.widgets import Digits, Static

from microtui.core.clock import Clock, SystemClock
from microtui.core.exercises import Breath, PhaseKind
from microtui.core.fake_clock import FakeClock, FakeTimer
from microtui.core.loader import builtin_path, load_library
from microtui.core.routine import SetItem, TriggerKind
from microtui.ui.screens.player import FPS, PlayerScreen, countdown_text
from microtui.ui.screens.player_dialogs import ConfirmEndScreen, SafetyScreen, SetSummaryScreen
from microtui.ui.services import Services
from microtui.ui.widgets.breath import BreathCue, breath_hint, breath_size, disc_lines
from microtui.ui.widgets.figure import (
    GENERIC_FRAMES,
    ExerciseFigure,
    frame_index,
    mirror,
    normalise,
)
from microtui.ui.widgets.set_progress import SetProgress

from .helpers import screen_text, settle, settled, type_keys, wait_for, wait_for_screen

LIBRARY = load_library([builtin_path()])
EXERCISES = LIBRARY.exercises
INTERVAL = LIBRARY.default_routine.trigger(TriggerKind.INTERVAL)
assert INTERVAL is not None
assert [i.exercise_id for i in INTERVAL.items] == ["ankle-pumps", "cervical-nod"]
START = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)


class CountingPlayer(PlayerScreen):
    """Counts timer ticks, to show that nothing redraws while paused."""

    ticks = 0

    def _tick(self) -> None:
        self.ticks += 1
        super()._tick()


class Host(App[None]):
    """A minimal app that plays one set and keeps what the player sends back."""

    TITLE = "microtui"

    def __init__(self, clock: Clock, items: Sequence[SetItem] = INTERVAL.items) -> None:
        super().__init__()
        self.clock = clock
        self.services = Services.create(LIBRARY, clock=clock)
        self.items = items
        self.results: list[dict | None] = []
        self.logged: list[dict] = []
        self.removed: list[str] = []

    def on_mount(self) -> None:
        screen = CountingPlayer(self.services)
        self.install_screen(screen, "player")  # kept between sets, as the app keeps it
        screen.play(self.items, title="Every 30 min", event_id="ev-1")
        self.push_screen(screen, self.results.append)

    def play_again(self, items: Sequence[SetItem], **details: str) -> CountingPlayer:
        """The next set, on the same screen, the way the app gives it."""
        screen = self.get_screen("player")
        assert isinstance(screen, CountingPlayer)
        screen.play(items, **details)
        self.push_screen(screen, self.results.append)
        return screen

    def on_player_screen_set_logged(self, message: PlayerScreen.SetLogged) -> None:
        """The summary closed: the host closes the player, as the app does."""
        self.logged.append(message.record)
        self.pop_screen()
        self.results.append(message.record)

    def on_player_screen_remove_from_routine(
        self, message: PlayerScreen.RemoveFromRoutine
    ) -> None:
        self.removed.append(message.exercise_id)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


def player(app: App) -> CountingPlayer:
    screen = next(s for s in app.screen_stack if isinstance(s, CountingPlayer))
    return screen


def countdown(app: App) -> str:
    return player(app).query_one("#countdown", Digits).value


def text_of(app: App, selector: str) -> str:
    return str(player(app).query_one(selector, Static).content)


async def started(pilot) -> CountingPlayer:
    """Wait until the player is on screen and has drawn its first frame."""
    await wait_for(pilot, lambda: player(pilot.app).is_mounted and player(pilot.app).ticks,
                   "the player's first frame")
    return player(pilot.app)


async def advance(pilot, clock: FakeClock, seconds: float) -> None:
    """Move the fake clock and let the player's timer draw the new moment (and, at the end
    of the set, show its summary). A paused player draws nothing: nothing to wait for."""
    screen = player(pilot.app)
    before = screen.ticks
    if screen.paused:  # (asked before the clock moves: a frame that ends the set stops it)
        clock.advance(seconds)
        return
    clock.advance(seconds)

    def drawn() -> bool:
        if screen.ticks == before:
            return False
        if not screen.player.finished(clock.monotonic()):
            return settled(pilot.app)
        summary = pilot.app.screen
        return (isinstance(summary, SetSummaryScreen) and summary.is_mounted
                and settled(pilot.app) and bool(screen_text(pilot.app).strip()))

    await wait_for(pilot, drawn, f"the player's timer to draw {seconds:g} s on")


# -- playing ------------------------------------------------------------------------------


async def test_countdown_breath_and_figure_follow_the_clock(clock):
    app = Host(clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await started(pilot)
        screen = player(app)
        breath = screen.query_one(BreathCue)
        figure = screen.query_one(ExerciseFigure)
        # The set opens with the core bracing cue: a 3 s exhaled hold.
        assert text_of(app, "#exercise-name") == "Core bracing cue"
        assert countdown(app) == "3"
        assert breath.label == "Exhale"
        assert breath.hint == "hold · exhale slowly"
        assert breath.has_class("-exhale")
        rendered = screen_text(app)
        assert "Core bracing cue" in rendered and "Exhale" in rendered
        assert "hold your breath" not in rendered.lower()

        await advance(pilot, clock, 1.5)
        assert countdown(app) == "2"  # 1.5 s left, rounded up

        await advance(pilot, clock, 1.7)  # 3.2: ankle pumps, flex up
        assert text_of(app, "#exercise-name") == "Ankle Pumps"
        assert text_of(app, "#exercise-region") == "Lower body"
        assert text_of(app, "#phase-cue") == "Flex the feet upward"
        assert text_of(app, "#rep-line") == "rep 1 of 5"
        assert text_of(app, "#next-up") == "Next: Cervical Nod"
        assert countdown(app) == "1"
        assert breath.label == "Inhale"  # the steady rhythm, not the 1 s beats
        assert breath.has_class("-inhale") and not breath.has_class("-exhale")
        assert breath.hint == "keep breathing slowly"
        flex_frame = figure.current_frame
        assert flex_frame == normalise(EXERCISES["ankle-pumps"].frames)[0]
        inhale_size = breath.size_now

        await advance(pilot, clock, 1.0)  # 4.2: point down
        assert text_of(app, "#phase-cue") == "Point them downward"
        assert figure.current_frame != flex_frame
        assert figure.current_frame == normalise(EXERCISES["ankle-pumps"].frames)[1]
        assert breath.label == "Inhale"
        assert breath.size_now > inhale_size  # the disc grows through the inhale

        await advance(pilot, clock, 1.6)  # 5.8: the rhythm's exhale
        assert breath.label == "Exhale"
        assert breath.has_class("-exhale")
        assert "Exhale" in screen_text(app)
        assert figure.current_frame == flex_frame  # the next rep's first beat

        progress = screen.query_one("#set-progress").progress
        assert progress == pytest.approx(5.8)


async def test_timer_runs_at_least_ten_frames_a_second(clock):
    assert FPS >= 10
    app = Host(clock)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await started(pilot)
        # The timer asks for FPS frames a second, on the app's clock, and keeps firing
        # (how many it manages on a busy machine is not the test's business: bench/
        # measures playback).
        assert isinstance(screen._ticker, FakeTimer)
        assert screen._ticker.interval == pytest.approx(1 / FPS)
        before = player(app).ticks
        for _ in range(3):
            await advance(pilot, clock, 1 / FPS)
        assert player(app).ticks - before >= 3


async def test_on_the_real_clock_the_timer_runs_at_least_ten_frames_a_second():
    app = Host(SystemClock())
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await started(pilot)
        assert isinstance(screen._ticker, Timer)  # Textual's own, on real time
        assert screen._ticker._interval == pytest.approx(1 / FPS) and FPS >= 10
        before = player(app).ticks
        await wait_for(pilot, lambda: player(app).ticks - before >= 3, "three more frames")
        assert player(app).ticks - before >= 3


async def test_space_pauses_and_nothing_moves_until_resumed(clock):
    app = Host(clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await started(pilot)
        await advance(pilot, clock, 4.2)
        assert countdown(app) == "1"
        screen = player(app)
        assert "pause" in {b.binding.action for b in screen.active_bindings.values()}

        await pilot.press("space")
        await wait_for(pilot, lambda: screen.paused and screen.has_class("-paused"),
                       "the player to pause")
        assert screen.paused
        assert "paused" in text_of(app, "#countdown-label")
        assert screen.has_class("-paused")
        frozen = (countdown(app), text_of(app, "#phase-cue"), screen.query_one(BreathCue).progress)
        ticks = screen.ticks
        await advance(pilot, clock, 5.0)  # on a running timer: 60 frames
        await settle(pilot)
        assert (countdown(app), text_of(app, "#phase-cue"),
                screen.query_one(BreathCue).progress) == frozen
        assert screen.ticks == ticks  # the timer is paused: nothing redraws
        actions = {b.binding.action for b in screen.active_bindings.values()}
        assert "resume" in actions and "pause" not in actions

        await pilot.press("space")
        await advance(pilot, clock, 0.5)  # 4.7 active seconds: still pointing down
        assert not screen.paused
        assert text_of(app, "#phase-cue") == "Point them downward"
        assert screen.ticks > ticks
        assert screen.player.active_seconds(clock.monotonic()) == pytest.approx(4.7)


async def test_n_skips_and_p_restarts_or_goes_back(clock):
    app = Host(clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await started(pilot)
        await pilot.press("n")
        assert text_of(app, "#exercise-name") == "Ankle Pumps"
        assert countdown(app) == "1"
        await advance(pilot, clock, 3.0)
        assert text_of(app, "#rep-line") == "rep 2 of 5"
        await pilot.press("p")  # 3 s in: back to the start of this exercise
        assert text_of(app, "#exercise-name") == "Ankle Pumps"
        assert text_of(app, "#rep-line") == "rep 1 of 5"
        await pilot.press("p")  # at its start: "twice" goes to the previous one
        assert text_of(app, "#exercise-name") == "Core bracing cue"
        await pilot.press("right", "right")
        assert text_of(app, "#exercise-name") == "Cervical Nod"
        assert text_of(app, "#next-up") == "Next: end of set"
        await pilot.press("left")
        assert text_of(app, "#exercise-name") == "Ankle Pumps"


async def test_n_past_the_last_exercise_ends_the_set(clock):
    app = Host(clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await started(pilot)
        await pilot.press("n", "n", "n")
        await wait_for_screen(pilot, SetSummaryScreen)
        assert isinstance(app.screen, SetSummaryScreen)
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.results, "the set's record")
        assert app.results[0]["outcome"] == "abandoned"  # nothing was played


async def test_e_marks_the_exercise_effortless(clock):
    app = Host(clock)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await started(pilot)
        await pilot.press("e")  # during the cue: nothing to mark
        assert player(app).efforts == set()
        await advance(pilot, clock, 4.0)
        await pilot.press("e")
        await wait_for(pilot, lambda: "Ankle Pumps felt effortless" in screen_text(app),
                       "the effortless toast")
        assert player(app).efforts == {"ankle-pumps"}
        assert "Ankle Pumps felt effortless" in screen_text(app)
        await advance(pilot, clock, 30)
        assert isinstance(app.screen, SetSummaryScreen)
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.results, "the set's record")
    rows = app.results[0]["exercises"]
    assert [(r["id"], r["effortless"]) for r in rows] == [
        ("ankle-pumps", True), ("cervical-nod", False),
    ]


# -- ending -------------------------------------------------------------------------------


async def test_playing_to_the_end_logs_completed(clock):
    app = Host(clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await started(pilot)
        for _ in range(6):
            await advance(pilot, clock, 5.0)
        summary = app.screen
        assert isinstance(summary, SetSummaryScreen)
        assert summary.summary == "Moved 25 s · 2 of 2 exercises done"
        assert "Set complete" in screen_text(app)
        await pilot.press(*type_keys("legs feel lighter"), "enter")
        await wait_for(pilot, lambda: app.results, "the set's record")
        assert not any(isinstance(s, PlayerScreen) for s in app.screen_stack)
    record = app.results[0]
    assert record is not None
    assert app.logged == [record]
    assert record["outcome"] == "completed"
    assert record["event_id"] == "ev-1"
    assert record["note"] == "legs feel lighter"
    assert record["started"] == START.isoformat()
    assert record["active_seconds"] == 25.0
    assert [(r["id"], r["side"]) for r in record["exercises"]] == [
        ("ankle-pumps", None), ("cervical-nod", None),
    ]
    for row in record["exercises"]:
        assert row["done_seconds"] == row["planned_seconds"] > 0


async def test_a_late_frame_does_not_log_time_past_the_end(clock):
    app = Host(clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await started(pilot)
        await advance(pilot, clock, 40.0)  # one frame, long after the 25 s set ended
        assert isinstance(app.screen, SetSummaryScreen)
        assert app.screen.summary == "Moved 25 s · 2 of 2 exercises done"
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.results, "the set's record")
    record = app.results[0]
    assert record["outcome"] == "completed"
    assert record["active_seconds"] == 25.0
    assert record["ended"] == "2026-11-25T09:30:25+00:00"


async def test_sides_show_and_mirror_the_figure(clock):
    items = [SetItem("lateral-neck-flexion")]  # alternating: left, right, left, right
    app = Host(clock, items)
    async with app.run_test(size=(100, 30)) as pilot:
        await started(pilot)
        await advance(pilot, clock, 3.5)
        assert text_of(app, "#rep-line") == "rep 1 of 2 · left side"
        figure = player(app).query_one(ExerciseFigure)
        left = figure.current_frame
        assert not figure.mirrored
        await advance(pilot, clock, 5.0)
        assert text_of(app, "#rep-line") == "rep 1 of 2 · right side"
        assert figure.mirrored
        assert figure.current_frame != left
        assert figure.current_frame == normalise([mirror(left)])[0]


async def test_escape_asks_once_and_confirming_logs_partial(clock):
    app = Host(clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await started(pilot)
        await advance(pilot, clock, 6.0)
        await pilot.press("escape")
        await wait_for_screen(pilot, ConfirmEndScreen)
        assert isinstance(app.screen, ConfirmEndScreen)
        await advance(pilot, clock, 10.0)  # while asking, the set is paused
        await pilot.press("enter")  # "End set" has the focus
        await wait_for_screen(pilot, SetSummaryScreen)
        assert isinstance(app.screen, SetSummaryScreen)
        assert "Set ended early" in screen_text(app)
        await pilot.press("escape")  # closes too
        await wait_for(pilot, lambda: app.results, "the set's record")
    record = app.results[0]
    assert record["outcome"] == "partial"
    assert record["active_seconds"] == 6.0
    assert record["note"] is None
    assert [r["done_seconds"] for r in record["exercises"]] == [3.0, 0.0]


async def test_escape_then_keep_going_resumes(clock):
    app = Host(clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await started(pilot)
        await advance(pilot, clock, 4.0)
        await pilot.press("escape")
        await wait_for_screen(pilot, ConfirmEndScreen)
        await advance(pilot, clock, 10.0)
        await pilot.press("escape")  # no: keep going
        await wait_for(pilot, lambda: isinstance(app.screen, PlayerScreen)
                       and not player(app).paused, "the set to play on")
        assert isinstance(app.screen, PlayerScreen)
        assert not player(app).paused
        await advance(pilot, clock, 1.0)
        assert player(app).player.active_seconds(clock.monotonic()) == pytest.approx(5.0)
        assert app.results == []


async def test_bang_stops_at_once_and_offers_to_drop_the_exercise(clock):
    app = Host(clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await started(pilot)
        await advance(pilot, clock, 5.0)
        await pilot.press("exclamation_mark")
        await wait_for_screen(pilot, SafetyScreen)
        assert isinstance(app.screen, SafetyScreen)
        shown = screen_text(app)
        assert "You stopped during Ankle Pumps." in shown
        assert "Take Ankle Pumps out of my routine" in shown
        advice = " ".join(str(app.screen.query_one("#safety-text", Static).content).split())
        assert "sharp pain, dizziness, or persistent discomfort" in advice  # the guide's words
        assert "pause the routine" in advice and "consult a health professional" in advice
        assert "gentle reset" in advice
        assert "consult a health" in shown
        await advance(pilot, clock, 20.0)  # stopped: no more time counts
        await pilot.press("r")
        await wait_for_screen(pilot, SetSummaryScreen)
        assert app.removed == ["ankle-pumps"]
        assert isinstance(app.screen, SetSummaryScreen)
        assert "Set stopped" in screen_text(app)
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.results, "the set's record")
    record = app.results[0]
    assert record["outcome"] == "stopped-for-pain"
    assert record["stopped_exercise"] == "ankle-pumps"
    assert record["active_seconds"] == 5.0
    assert app.logged == [record]


async def test_bang_during_the_cue_offers_nothing_to_remove(clock):
    app = Host(clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await started(pilot)
        await pilot.press("exclamation_mark")
        await wait_for_screen(pilot, SafetyScreen)
        assert isinstance(app.screen, SafetyScreen)
        assert "out of my routine" not in screen_text(app)
        await pilot.press("r", "escape")
        await wait_for_screen(pilot, SetSummaryScreen)
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.results, "the set's record")
    assert app.removed == []
    assert app.results[0]["outcome"] == "stopped-for-pain"
    assert app.results[0]["stopped_exercise"] == "bracing-cue"


async def test_the_next_set_on_the_same_screen_starts_clean(clock):
    """The app makes one player and gives it every set: nothing of a set carries over to the
    next (efforts, pause, the end, the record, the timer, the texts, figure and breath)."""
    app = Host(clock)
    async with app.run_test(size=(100, 30)) as pilot:
        first = await started(pilot)
        await advance(pilot, clock, 4.0)
        await pilot.press("e")  # Ankle Pumps felt effortless
        await pilot.press("escape")  # pauses and asks; yes, end it
        await wait_for_screen(pilot, ConfirmEndScreen)
        await pilot.press("enter")
        await wait_for_screen(pilot, SetSummaryScreen)
        await pilot.press(*type_keys("first"), "enter")
        await wait_for(pilot, lambda: app.results, "the first set's record")
        assert [r["outcome"] for r in app.results] == ["partial"]
        assert not any(isinstance(s, PlayerScreen) for s in app.screen_stack)

        clock.advance(600)
        second = app.play_again([SetItem("lateral-neck-flexion")], title="Second",
                                event_id="ev-2")
        await wait_for(pilot, lambda: app.screen is first and first.is_current
                       and text_of(app, "#next-up") == "Next: Lateral Neck Flexion",
                       "the second set on the same screen")
        assert second is first and app.screen is first
        assert (second.efforts, second.record, second.outcome) == (set(), None, None)
        assert not second.paused and not second.has_class("-paused")
        assert second.sub_title == "Second"
        assert text_of(app, "#exercise-name") == "Core bracing cue"
        assert text_of(app, "#next-up") == "Next: Lateral Neck Flexion"
        assert countdown(app) == "3"
        assert second.query_one(BreathCue).label == "Exhale"
        assert second.query_one(ExerciseFigure).frames == EXERCISES["core-bracing"].frames
        progress = second.query_one("#set-progress", SetProgress)
        assert progress.total == second.player.plan.total_seconds
        assert second.check_action("end_early", ()) is True
        ticks = second.ticks
        await advance(pilot, clock, 3.5)
        assert second.ticks > ticks  # the timer runs again
        assert text_of(app, "#rep-line") == "rep 1 of 2 · left side"
        assert progress.progress == pytest.approx(3.5)
        await advance(pilot, clock, second.player.plan.total_seconds)
        assert isinstance(app.screen, SetSummaryScreen)
        await pilot.press("enter")
        await wait_for(pilot, lambda: len(app.results) == 2, "the second set's record")
    first_record, record = app.results
    assert app.logged == [first_record, record]
    assert (record["outcome"], record["event_id"], record["note"]) == ("completed", "ev-2", None)
    assert record["started"] == (START + timedelta(seconds=604)).isoformat()
    assert record["active_seconds"] == second.player.plan.total_seconds
    assert {r["id"] for r in record["exercises"]} == {"lateral-neck-flexion"}
    assert not any(r["effortless"] for r in record["exercises"])
    assert first_record["note"] == "first" and first_record["event_id"] == "ev-1"


# -- the widgets' pure parts --------------------------------------------------------------


def test_countdown_rounds_up_to_whole_seconds():
    assert [countdown_text(s) for s in (5.0, 4.99, 4.0, 0.2, 0.0, -1.0)] == [
        "5", "5", "4", "1", "0", "0",
    ]


def test_frames_share_the_cycle_evenly():
    # As many frames as phases: frame i during phase i.
    assert [frame_index(2, p, 2, q) for p in (0, 1) for q in (0.0, 0.9)] == [0, 0, 1, 1]
    # Four frames over two phases: two per phase, stepping at half way.
    assert [frame_index(4, p, 2, q) for p in (0, 1) for q in (0.0, 0.6)] == [0, 1, 2, 3]
    assert frame_index(0, 0, 2, 0.5) == frame_index(3, 0, 0, 0.5) == 0
    assert frame_index(3, 5, 2, 2.0) == 2  # clamped


def test_mirror_and_normalise():
    assert mirror("(o  )\n /") == "(  o)\n   \\"
    assert mirror("  .-.\n (   )--.\n  `-'") == "    .-.\n.--(   )\n    `-'"
    frames = normalise(["  a\n   bb\n", "\n  c"])
    assert frames == ("a  \n bb", "   \nc  ")


def test_every_builtin_exercise_has_small_moving_frames():
    assert len(EXERCISES) == 15
    for exercise in EXERCISES.values():
        assert 2 <= len(exercise.frames) <= 4, exercise.id
        frames = normalise(exercise.frames)
        assert len(set(frames)) == len(frames), f"{exercise.id}: frames must differ"
        lines = frames[0].split("\n")
        assert 6 <= len(lines) <= 9 and 12 <= max(map(len, lines)) <= 24, exercise.id
        assert all(ord(c) < 128 for f in frames for c in f), exercise.id
    assert len(set(normalise(GENERIC_FRAMES))) == 2


def test_breath_disc_grows_on_inhale_and_shrinks_on_exhale():
    def filled(size: float) -> int:
        return sum(cell[1] for row in disc_lines(24, 6, size) for cell in row)

    inhale = [breath_size(Breath.INHALE, p) for p in (0.0, 0.25, 0.5, 0.75, 1.0)]
    exhale = [breath_size(Breath.EXHALE, p) for p in (0.0, 0.25, 0.5, 0.75, 1.0)]
    assert inhale == sorted(inhale) and inhale[0] == 0.0 and inhale[-1] == 1.0
    assert exhale == sorted(exhale, reverse=True)
    assert filled(0.0) < filled(0.5) < filled(1.0)
    assert breath_size(None, 0.5) == 0.0


def test_breath_hints_never_say_hold_your_breath():
    hints = {breath_hint(kind, breath) for kind in PhaseKind for breath in Breath}
    assert breath_hint(PhaseKind.HOLD, Breath.EXHALE) == "hold · exhale slowly"
    assert breath_hint(PhaseKind.MOVE, Breath.STEADY) == "keep breathing slowly"
    assert breath_hint(None, None) == ""
    assert not any("hold your breath" in h or "hold the breath" in h for h in hints)


async def test_an_accepted_band_is_shown_with_its_exercise_only(clock):
    items = (SetItem("hip-abduction", band=True), SetItem("ankle-pumps"))
    app = Host(clock, items)
    async with app.run_test(size=(100, 30)) as pilot:
        await started(pilot)
        await advance(pilot, clock, 3.5)  # past the bracing cue: hip abduction
        screen = player(app)
        assert screen.moment().exercise_id == "hip-abduction"
        assert "with a light resistance band" in screen_text(app)
        await pilot.press("n")
        await advance(pilot, clock, 0.5)
        assert screen.moment().exercise_id == "ankle-pumps"
        assert "resistance band" not in screen_text(app)


async def test_a_second_set_is_refused_while_one_is_open(clock):
    """One set at a time: while a set is open in the player (playing, paused, or ending with
    its summary not closed) a new set given to it is refused and the set goes on."""
    app = Host(clock)
    async with app.run_test() as pilot:
        first = await started(pilot)
        clock.advance(2)
        await pilot.pause(0)
        assert first.play([SetItem("lateral-neck-flexion")], title="Second",
                          event_id="ev-2") is False
        assert (first.set_title, first.event_id, first.sub_title) == (
            "Every 30 min", "ev-1", "Every 30 min")
        assert first.items == tuple(INTERVAL.items) and first.player.started
        await pilot.press("escape")  # end the set: refused until its summary closes
        await wait_for_screen(pilot, ConfirmEndScreen)
        await pilot.press("enter")
        await wait_for_screen(pilot, SetSummaryScreen)
        assert first.play([SetItem("lateral-neck-flexion")], title="Second") is False
        assert first.event_id == "ev-1" and first.outcome is not None
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.logged, "the set's record")
        assert app.logged[0]["event_id"] == "ev-1"
        assert first.play([SetItem("lateral-neck-flexion")], title="Second") is True
