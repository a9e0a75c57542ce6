"""The player: one set, phase by phase, with a countdown, a breathing cue and a figure.

:class:`PlayerScreen` is made once, on the first set, and given each set after with
:meth:`PlayerScreen.play`: its widgets are composed once and reused, set after set. It owns
a :class:`~microtui.core.player.SetPlayer` (the pure phase engine). A timer at 12 frames a
second (:func:`~microtui.ui.timers.every`, run by the app's clock) reads the clock's
monotonic time, asks the player for the :class:`~microtui.core.player.Moment` and pushes
it down into the widgets as attributes.
The timer is paused while the player is, and between sets, so nothing redraws then.

Each exercise done and the set's end (played out, escape, or ``!``) post the record so far
(:class:`PlayerScreen.SetRecorded`); a summary then asks how it felt (one key, logged at once)
and for a note (the guide's "Document" step) and posts :class:`PlayerScreen.SetLogged`, on
which the app closes the player.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.events import Resize, ScreenResume
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Digits, Static

from microtui.core.clock import Ticker
from microtui.core.exercises import Exercise
from microtui.core.player import CORE_BRACING_ID, Moment, SetPlayer, exercise_name, exercise_starts
from microtui.core.routine import SetItem
from microtui.core.session_log import (
    Outcome,
    build_session_record,
    decide_outcome,
    is_exercise,
    overshoot,
    summary_line,
)
from microtui.ui.presenters.player_moment import (
    TOO_SMALL_TEXT,
    Look,
    compact_view,
    countdown_label,
    countdown_text,
    heading,
    look_for,
    next_exercise_name,
    phase_in_cycle,
    rep_text,
)
from microtui.ui.screens.player_dialogs import (
    SUMMARY_TITLES,
    ConfirmEndScreen,
    SafetyScreen,
    SetSummaryScreen,
)
from microtui.ui.services import Services
from microtui.ui.static_size import resizes
from microtui.ui.textual_compat import ModeScreen
from microtui.ui.timers import every
from microtui.ui.widgets.breath import BreathCue
from microtui.ui.widgets.compact_player import CompactPlayer, KeyLine
from microtui.ui.widgets.figure import ExerciseFigure, frame_index
from microtui.ui.widgets.footer import Footer
from microtui.ui.widgets.header import Header
from microtui.ui.widgets.set_progress import SetProgress

#: The player's stylesheet, by absolute path so subclasses elsewhere find it too.
CSS_FILE = Path(__file__).with_name("player.tcss")
#: Frames a second: smooth enough for the breathing disc (at least 10).
FPS = 12

EFFORTLESS_TIP = (
    "The guide: once a movement feels effortless, increase the hold time by 2–3 seconds "
    "or add a light resistance band."
)


class PlayerScreen(ModeScreen[dict]):
    """Plays the set given by :meth:`play`, posting its record as it goes (see the module
    docstring). The app makes one and gives it every set."""

    CSS_PATH = CSS_FILE
    BINDING_GROUP_TITLE = "Player"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "pause", "Pause", id="player.pause"),
        Binding("space", "resume", "Resume", id="player.resume"),
        Binding("n,right", "next_exercise", "Next", id="player.next"),
        Binding("p,left", "restart_exercise", "Restart", id="player.restart"),
        Binding("e", "effortless", "Effortless", id="player.effortless"),
        Binding("exclamation_mark", "stop_for_pain", "Pain/dizzy", id="player.stop-pain"),
        Binding("escape", "end_early", "End set", id="player.end"),
    ]

    class RemoveFromRoutine(Message):
        """The user asked, after stopping for pain, to take an exercise out of the routine."""

        def __init__(self, exercise_id: str) -> None:
            super().__init__()
            self.exercise_id = exercise_id

    class _SetRecord(Message):
        def __init__(self, record: dict) -> None:
            super().__init__()
            self.record = record

    class SetRecorded(_SetRecord):
        """The set's record so far (an exercise done, or its end): to log now."""

    class SetLogged(_SetRecord):
        """A set's summary closed; ``record`` is its record with the note (see session_log)."""

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.exercises = services.library.exercises
        self.clock = services.clock
        self._ticker: Ticker | None = None
        self._texts: dict[str, str] = {}
        """What each Static shows (its last update), by selector."""
        self._widgets: dict[str, Widget] = {}
        self._look = Look.FULL
        self._size_paused = False
        """Paused because no look fits the terminal (not by the user)."""
        self._summary: SetSummaryScreen | None = None
        """The set's summary dialog: made once, shown at the end of every set."""
        self.play(())
        self._start_due = False  # no set yet

    def play(self, items: Sequence[SetItem], *, title: str = "", event_id: str | None = None,
             trigger: str | None = None) -> bool:
        """Take a new set, forgetting the last one; it starts when the screen is shown.
        Refused (False) while a set is open in it (given, and its record not final: summary
        not closed, nor logged at quit): one set at a time. The widgets stay: the set's
        first frame updates them all (so the cached texts and looked-up widgets stay too)."""
        if getattr(self, "items", ()) and self.record is None:
            return False
        self.items = tuple(items)
        self.set_title = title
        self.event_id = event_id
        self.trigger = trigger
        self.player = SetPlayer.for_set(self.items, self.exercises)
        self.efforts: set[str] = set()
        self.sensation: str | None = None
        self.record: dict | None = None
        self.outcome: Outcome | None = None
        self._ending = False
        self._recorded_to = 0  # the exercise index the record logged so far reaches
        self._started = self.clock.now()
        self._ended = self._started
        self._ended_mono = 0.0
        self._starts = exercise_starts(self.player.plan)
        self._banded = {item.exercise_id for item in self.items if item.band}
        self._start_due = True
        self.sub_title = title or "Player"
        if self._ticker is not None and self.is_current:
            self._start()
        return True

    # -- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="player-body"):
            with Horizontal(id="player-heading"):
                yield Static(id="exercise-name", markup=False)
                yield Static(id="exercise-region", markup=False)
            with Horizontal(id="player-stage"):
                yield ExerciseFigure(id="figure")
                with Vertical(id="countdown-box"):
                    yield Static(id="phase-cue", markup=False)
                    yield Digits("", id="countdown")
                    yield Static(id="countdown-label", markup=False)
                    yield Static(id="rep-line", markup=False)
                yield BreathCue(id="breath")
            yield SetProgress(self.player.plan.total_seconds, id="set-progress")
            yield Static(id="next-up", markup=False)
        with Vertical(id="player-compact"):
            yield CompactPlayer(id="compact")
        yield KeyLine(id="compact-keys")
        yield Static(TOO_SMALL_TEXT, id="too-small", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#figure").border_title = "Movement"
        self.query_one("#breath").border_title = "Breath"
        self._ticker = every(self, self.clock, 1 / FPS, self._tick, name="player-frame",
                             pause=True)
        self._start()

    def on_screen_resume(self, event: ScreenResume) -> None:
        """Shown: pushed for a new set, or back from a dialog or another screen."""
        self._start()

    def _start(self) -> None:
        """Start the set given by :meth:`play`, once, when the screen is mounted and shown."""
        self._check_size(self.app.size.width, self.app.size.height)
        if not self._start_due or self._ticker is None:
            return
        self._start_due = False
        self._started = self.clock.now()
        self.player = self.player.start(self.clock.monotonic())
        progress = self._widget("#set-progress")
        assert isinstance(progress, SetProgress)
        progress.total = self.player.plan.total_seconds
        self.refresh_bindings()
        self._ticker.reset()
        self._tick()
        self._size_paused = False
        self._check_size(self.app.size.width, self.app.size.height)

    def on_resize(self, event: Resize) -> None:
        self._check_size(event.size.width, event.size.height)

    def _check_size(self, width: int, height: int) -> None:
        """Take the look that fits (:func:`look_for`). While none fits, the set is paused
        (it is not played, nor logged as played, unseen) and goes on once one fits again."""
        look = look_for(width, height)
        changed = look is not self._look
        self._look = look
        self.set_class(look is Look.COMPACT, "-compact")
        self.set_class(look is Look.NONE, "-too-small")
        if look is Look.NONE and self.player.running and not self._ending:
            self._size_paused = True
            self._set_running(False)
        elif look is not Look.NONE and self._size_paused:
            self._size_paused = False
            if not self._ending and self.player.started and not self.player.running:
                self._set_running(True)
        elif changed and self.player.started:
            self._show(self.moment())

    # -- the frame loop -------------------------------------------------------------------

    @property
    def paused(self) -> bool:
        return self.player.started and not self.player.running

    def moment(self) -> Moment:
        return self.player.moment(self.clock.monotonic())

    def _tick(self) -> None:
        if not self._ending:
            self._play_to(self.clock.monotonic())

    def _play_to(self, now: float) -> None:
        """Show the moment at ``now``; end the set when it is over, else log each exercise
        done (a partial set so far): a process killed mid-set keeps it."""
        moment = self.player.moment(now)
        self._show(moment)
        if moment.finished:
            self._end_set(now)
        elif moment.exercise_index > self._recorded_to:
            self._recorded_to = moment.exercise_index
            if decide_outcome(self.player, now) is not Outcome.ABANDONED:
                self.post_message(self.SetRecorded(self._record(None, now=now)))

    def _widget(self, selector: str) -> Widget:
        """A widget of the screen, looked up once (not on every frame: the screen composes
        its widgets once and never replaces them)."""
        widget = self._widgets.get(selector)
        if widget is None:
            widget = self._widgets[selector] = self.query_one(selector)
        return widget

    def _text(self, selector: str, text: str) -> None:
        """Update a Static only when its text changes, and lay the screen out again only
        when the new text can change the Static's size."""
        old = self._texts.get(selector)
        if old != text:
            self._texts[selector] = text
            static = self._widget(selector)
            assert isinstance(static, Static)
            static.update(text, layout=old is None or resizes(static, old, text))

    def _show(self, moment: Moment) -> None:
        paused = self.paused and not self._ending
        self.set_class(paused, "-paused")
        exercise = self.exercises.get(moment.exercise_id or "")
        name, region = heading(moment, self.exercises, self._banded)
        if self._look is Look.COMPACT:
            compact = self._widget("#compact")
            assert isinstance(compact, CompactPlayer)
            compact.view = compact_view(moment, name, rep_text(moment, exercise),
                                        f"Next: {self._next_name(moment)}", paused=paused)
            keys = self._widget("#compact-keys")
            assert isinstance(keys, KeyLine)
            keys.paused, keys.ended = self.paused, self._ending
            return
        if self._look is Look.NONE:
            return  # nothing shows (and the set is paused): drawn again when a look fits
        self._text("#exercise-name", name)
        self._text("#exercise-region", region)
        self._text("#phase-cue", moment.cue)
        self._text("#rep-line", rep_text(moment, exercise))
        countdown = countdown_text(moment.phase_left)
        digits = self._widget("#countdown")
        assert isinstance(digits, Digits)
        if digits.value != countdown:
            digits.update(countdown)
        self._text("#countdown-label", countdown_label(moment, paused=paused))

        breath = self._widget("#breath")
        assert isinstance(breath, BreathCue)
        breath.word = moment.breath_word
        breath.progress = moment.breath_word_progress
        breath.kind = moment.kind
        breath.prescribed = moment.breath

        self._show_figure(moment, exercise)

        progress = self._widget("#set-progress")
        assert isinstance(progress, SetProgress)
        progress.progress = moment.set_elapsed  # repaints only when the line changes
        self._text("#next-up", f"Next: {self._next_name(moment)}")

    def _show_figure(self, moment: Moment, exercise: Exercise | None) -> None:
        figure = self._widget("#figure")
        assert isinstance(figure, ExerciseFigure)
        if moment.is_cue:
            bracing = self.exercises.get(CORE_BRACING_ID)
            figure.frames = bracing.frames if bracing is not None else ()
            figure.mirrored = False
            figure.index = 0  # the braced pose
            return
        if moment.finished or exercise is None:
            figure.frames = ()  # the generic figure, at rest
            figure.mirrored = False
            figure.index = 0
            return
        figure.frames = exercise.frames_for(moment.part)
        figure.mirrored = moment.part == "right"
        figure.index = frame_index(
            len(figure.shown_frames), phase_in_cycle(self.player.plan, moment),
            len(exercise.cycle), moment.breath_progress,
        )

    def _next_name(self, moment: Moment) -> str:
        return next_exercise_name(self.player.plan, self._starts, moment, self.exercises)

    # -- keys -------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self._ending and action in {
            "pause", "resume", "next_exercise", "restart_exercise", "effortless",
            "stop_for_pain", "end_early",
        }:
            return None  # shown greyed, does nothing
        if self._look is Look.NONE and action in {"pause", "resume", "next_exercise",
                                                   "restart_exercise", "effortless"}:
            return None  # paused until the terminal is big enough to show the set
        if action == "pause":
            return not self.paused
        if action == "resume":
            return self.paused
        return True

    def _set_running(self, running: bool) -> None:
        now = self.clock.monotonic()
        self.player = self.player.resume(now) if running else self.player.pause(now)
        if self._ticker is not None:
            if running:
                self._ticker.resume()
            else:
                self._ticker.pause()
        self.refresh_bindings()
        self._show(self.player.moment(now))

    def action_pause(self) -> None:
        self._set_running(False)

    def action_resume(self) -> None:
        self._set_running(True)

    def _jump(self, player: SetPlayer) -> None:
        """Show a jump at once (even while paused); a jump past the end ends the set."""
        self.player = player
        self._play_to(self.clock.monotonic())

    def action_next_exercise(self) -> None:
        self._jump(self.player.next_exercise(self.clock.monotonic()))

    def action_restart_exercise(self) -> None:
        self._jump(self.player.restart_exercise(self.clock.monotonic()))

    def action_effortless(self) -> None:
        moment = self.moment()
        if not is_exercise(moment.exercise_id):
            self.notify("Nothing to mark during the bracing cue.", severity="warning")
            return
        exercise_id = moment.exercise_id or ""
        name = exercise_name(exercise_id, self.exercises)
        if exercise_id in self.efforts:
            self.efforts.discard(exercise_id)
            self.notify(f"{name}: no longer marked effortless.")
        else:
            self.efforts.add(exercise_id)
            self.notify(EFFORTLESS_TIP, title=f"{name} felt effortless")

    def action_stop_for_pain(self) -> None:
        now = self.clock.monotonic()
        moment = self.player.moment(now)
        stopped = moment.exercise_id
        self._end_set(now, pain=True)
        name = exercise_name(stopped, self.exercises) if stopped else "the set"

        def removed(remove: bool | None) -> None:
            if remove and is_exercise(stopped):
                self.post_message(self.RemoveFromRoutine(stopped or ""))
                self.notify(f"{name} will be taken out of your routine.")
            self._ask_note()

        self.app.push_screen(SafetyScreen(stopped, name), removed)

    def action_end_early(self) -> None:
        was_running = self.player.running
        if was_running:
            self._set_running(False)

        def answered(end: bool | None) -> None:
            if end:
                self._end_set(self.clock.monotonic())
                self._ask_note()
            elif was_running:
                self._set_running(True)

        self.app.push_screen(ConfirmEndScreen(), answered)

    # -- the end ----------------------------------------------------------------------------

    def _end_set(self, now: float, *, pain: bool = False) -> None:
        """Stop the set and show its end; a finished set asks for its note."""
        if self._ending:
            return
        finished = self.player.finished(now) and not pain
        now = self._stop(now, pain=pain)
        self.post_message(self.SetRecorded(self._record(None)))  # logged now, noted later
        self.refresh_bindings()
        self._show(self.player.moment(now))
        if finished:
            self._ask_note()

    def _stop(self, now: float, *, pain: bool = False) -> float:
        """Stop the player and the timer and decide the outcome; returns when (monotonic)
        the set ended: a frame can land a little after the last phase ended."""
        self._ending = True
        late = overshoot(self.player, now)
        now -= late
        self.player = self.player.stop(now)
        self._ended = self.clock.now() - timedelta(seconds=late)
        self._ended_mono = now
        self.outcome = decide_outcome(self.player, now, pain=pain)
        if self._ticker is not None:
            self._ticker.pause()
        return now

    def interrupt_record(self) -> dict | None:
        """End the set at once, without asking anything (the app is quitting, or its
        terminal tab closed): the record to log, or None when the set was already logged or
        nothing beyond the bracing cue was done (a set is logged partial or not at all)."""
        if self.record is not None:
            return None
        if not self._ending:
            self._stop(self.clock.monotonic())
        if self.outcome is Outcome.ABANDONED:
            return None
        self.record = self._record(None)
        return self.record

    def _record(self, note: str | None, *, now: float | None = None) -> dict:
        """The set's record: as it ended, or (``now``) as it stands mid-set."""
        ended, now = (self._ended, self._ended_mono) if now is None else (self.clock.now(), now)
        return build_session_record(
            self.player, now, started=self._started, ended=ended,
            outcome=self.outcome, note=note, event_id=self.event_id, trigger=self.trigger,
            efforts=self.efforts, exercises=self.exercises, sensation=self.sensation,
        )

    def _ask_note(self) -> None:
        assert self.outcome is not None
        summary = summary_line(self._record(None))
        title = SUMMARY_TITLES[self.outcome]

        def noted(note: str | None) -> None:
            self.record = self._record(note)
            self.post_message(self.SetLogged(self.record))  # the app then closes the player

        if self._summary is None:  # made for the first set's end, then asked again
            self._summary = SetSummaryScreen(title, summary, self._felt)
            self.app.install_screen(self._summary, f"set-summary-{id(self)}")  # kept
        self.app.push_screen(self._summary.ask(title, summary, self._felt), noted)

    def _felt(self, sensation: str) -> None:
        """How the set felt, picked in its summary: logged at once (a kill keeps it)."""
        self.sensation = sensation
        self.post_message(self.SetRecorded(self._record(None)))
