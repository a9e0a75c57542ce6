"""The routine builder, driven by keys alone through Textual's Pilot."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from textual.app import App
from textual.widgets import Input, Label, OptionList, Select, SelectionList

from microtui.core.fake_clock import FakeClock
from microtui.core.loader import builtin_path, load_library
from microtui.core.routine import (
    Routine,
    SetItem,
    TriggerKind,
    routine_from_dict,
    routine_to_dict,
)
from microtui.core.routine_draft import RoutineDraft
from microtui.core.schedule import ScheduleSettings
from microtui.core.settings import UserSettings
from microtui.store import Store, StoreWriteError
from microtui.ui.screens.routine import RoutineScreen
from microtui.ui.screens.routine_dialogs import ConfirmDiscardScreen, ExercisePickerScreen
from microtui.ui.screens.routine_form import SetEditor, SetList, SuggestionList
from microtui.ui.services import Services

from .helpers import screen_text, type_keys, wait_for, wait_for_screen
from .helpers import settle as settle_app

LIBRARY = load_library([builtin_path()])
EXERCISES = LIBRARY.exercises
GUIDE_PLAN = LIBRARY.default_routine
NOW = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)


class Host(App[None]):
    """A minimal app that shows the routine builder and records what it posts."""

    TITLE = "microtui"

    def __init__(self, store: Store, active: Routine = GUIDE_PLAN,
                 settings: ScheduleSettings | None = None) -> None:
        super().__init__()
        self.store = store
        self.clock = FakeClock(NOW)
        self.active = active
        self.schedule = settings or ScheduleSettings()
        self.saved: list[RoutineScreen.RoutineSaved] = []

    def on_mount(self) -> None:
        self.push_screen(RoutineScreen(Services.create(
            LIBRARY, clock=self.clock, store=self.store, routine=self.active,
            schedule=self.schedule)))

    def on_routine_screen_routine_saved(self, message: RoutineScreen.RoutineSaved) -> None:
        self.saved.append(message)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    store = Store.open(tmp_path / "data")
    yield store
    store.close()


async def settle(pilot) -> None:
    """Let thread workers finish and their results (and the keys pressed) reach the
    screen."""
    await settle_app(pilot)


def screen(app: App) -> RoutineScreen:
    assert isinstance(app.screen, RoutineScreen), app.screen
    return app.screen


def label(app: App, field_id: str) -> Label:
    return app.screen.query_one(f"#error-{field_id}", Label)


def label_text(app: App, field_id: str) -> str:
    return str(label(app, field_id).content)


def session(day: int, exercise_id: str, effortless: bool) -> dict:
    return {
        "v": 1, "event_id": None, "trigger": None,
        "started": f"2026-11-{day:02d}T10:00:00+00:00",
        "ended": f"2026-11-{day:02d}T10:00:30+00:00", "outcome": "completed",
        "active_seconds": 14.0, "note": None,
        "exercises": [{"id": exercise_id, "name": exercise_id, "side": None,
                       "planned_seconds": 14.0, "done_seconds": 14.0,
                       "effortless": effortless}],
    }


# -- building a routine ------------------------------------------------------------------------


async def test_build_a_routine_from_an_empty_form_by_keys_alone(store):
    app = Host(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n")  # nothing changed yet: no question asked
        assert screen(app).source_id is None
        assert app.focused is app.screen.query_one("#name", Input)
        assert "Give the routine a name" in label_text(app, "name")
        await pilot.press(*type_keys("Desk day"))
        assert not label(app, "name").display
        # 1. Pain points: lower back and hips.
        await pilot.press("tab")
        assert app.focused is app.screen.query_one("#pain-points", SelectionList)
        await pilot.press("space", "down", "space")
        # 2. The core set is the guide's suggestion already.
        await pilot.press("tab")
        core = app.screen.query_one("#core", SelectionList)
        assert app.focused is core
        assert set(core.selected) == {"core-bracing", "ankle-pumps", "shoulder-circle"}
        # 3. Extras: the best match for both pain points is offered first.
        await pilot.press("tab")
        extras = app.screen.query_one("#extras", SelectionList)
        assert app.focused is extras
        assert extras.get_option_at_index(0).value == "pelvic-tilt"
        await pilot.press("space")
        assert extras.selected == ["pelvic-tilt"]
        # 4. Every 15 minutes.
        await pilot.press("tab")
        assert app.focused is app.screen.query_one("#interval", Input)
        await pilot.press(*type_keys("15"))
        # 5. The sets were filled from the core set and the extra.
        draft = screen(app).draft
        assert draft.items(TriggerKind.PRE_MEETING) == (SetItem("pelvic-tilt"),)
        assert draft.interval == "15"
        await pilot.press("ctrl+s")
        await settle(pilot)

    [saved] = store.routines()
    assert saved["id"] == "desk-day" and saved["name"] == "Desk day"
    routine = routine_from_dict(saved, EXERCISES)
    interval = routine.trigger(TriggerKind.INTERVAL)
    assert interval is not None and interval.every_minutes == 15
    assert saved["design"] == {"pain_points": ["lower-back", "hips"],
                               "core": ["core-bracing", "ankle-pumps", "shoulder-circle"],
                               "extras": ["pelvic-tilt"]}
    settings = store.user_settings()
    assert settings.active_routine_id == "desk-day"
    assert settings.schedule.interval_minutes == 15
    assert settings.calendar is None
    [message] = app.saved
    assert message.routine == routine
    assert message.settings.interval_minutes == 15


async def test_each_set_shows_its_time_live_and_a_30_second_warning(store):
    app = Host(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n")
        editor = app.screen.query_one("#editor-start-of-day", SetEditor)
        # core bracing, 4 x (5 s + 2 s), against the day plan's "Micro-Movement Set (≈30 s)"
        assert str(editor.border_subtitle) == "28 s · the guide ≈30 s"
        assert not label(app, "set-start-of-day").display
        app.screen.query_one("#set-start-of-day", SetList).focus()
        await pilot.press("plus")  # a fifth repetition: 35 s
        await settle(pilot)
        assert screen(app).draft.items(TriggerKind.START_OF_DAY) == (
            SetItem("core-bracing", 5),)
        assert str(editor.border_subtitle) == "35 s · the guide ≈30 s"
        warning = label(app, "set-start-of-day")
        assert warning.display and warning.has_class("-warning")
        assert not warning.has_class("-error")
        assert "Keep each set under 30 seconds; quality over quantity" in str(warning.content)
        assert editor.has_class("-warning")
        await pilot.press("minus")
        await settle(pilot)
        assert str(editor.border_subtitle) == "28 s · the guide ≈30 s"
        assert not label(app, "set-start-of-day").display


async def test_adding_and_removing_exercises_in_a_set(store):
    app = Host(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n")
        app.screen.query_one("#set-interval", SetList).focus()
        await pilot.press("i")
        await wait_for_screen(pilot, ExercisePickerScreen)
        assert isinstance(app.screen, ExercisePickerScreen)
        picker = app.screen.query_one(OptionList)
        # Yours first: the first option under the heading is the first core movement.
        assert picker.highlighted_option is not None
        assert picker.highlighted_option.id == "core-bracing"
        await pilot.press("enter")
        await wait_for_screen(pilot, RoutineScreen)
        await settle(pilot)
        items = screen(app).draft.items(TriggerKind.INTERVAL)
        assert [i.exercise_id for i in items] == ["ankle-pumps", "shoulder-circle",
                                                  "core-bracing"]
        assert "54 s" in str(app.screen.query_one("#editor-interval").border_subtitle)
        await pilot.press("x")  # the new one is highlighted
        await settle(pilot)
        assert [i.exercise_id for i in screen(app).draft.items(TriggerKind.INTERVAL)] == [
            "ankle-pumps", "shoulder-circle"]


# -- saving: refused while an error is left ----------------------------------------------------


async def test_a_save_is_refused_with_the_error_beside_its_field(store):
    store.update_settings(lambda saved: replace(saved, theme="dark",
                                                schedule=ScheduleSettings(grace_minutes=12)))
    before = store.export_all()
    app = Host(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n")
        await pilot.press(*type_keys("Short breaks"))
        app.screen.query_one("#interval", Input).focus()
        await pilot.press(*type_keys("5"))
        error = label(app, "interval")
        assert error.display and error.has_class("-error")
        assert "10–120" in str(error.content)
        assert app.screen.query_one("#interval", Input).has_class("-invalid")
        app.screen.query_one("#name", Input).focus()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert store.export_all() == before  # nothing written
        assert app.saved == []
        assert app.focused is app.screen.query_one("#interval", Input)  # taken to the field
        assert any("Not saved" in (n.title or "") for n in app._notifications)
        # Fixed, it saves; the settings keys it does not own are kept.
        await pilot.press(*type_keys("20"))
        assert not label(app, "interval").display
        await pilot.press("ctrl+s")
        await settle(pilot)

    assert [r["id"] for r in store.routines()] == ["short-breaks"]
    settings = store.user_settings()
    assert settings.active_routine_id == "short-breaks"
    assert settings.theme == "dark"
    assert settings.schedule.grace_minutes == 12
    assert settings.schedule.interval_minutes == 20
    assert len(app.saved) == 1
    assert app.saved[0].routine.id == "short-breaks"


async def test_every_kind_of_field_error_is_shown_under_its_field(store):
    app = Host(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n", *type_keys("Evenings"))
        for field_id, text, expected in [
            ("workday-start", "9am", "HH:MM"),
            ("working-days", "someday", "not a weekday"),
            ("pre-meeting-lead", "99", "0–30"),
            ("mid-afternoon", "25:00", "HH:MM"),
        ]:
            app.screen.query_one(f"#{field_id}", Input).focus()
            await pilot.press(*type_keys(text))
            assert expected in label_text(app, field_id), field_id
            assert label(app, field_id).has_class("-error")
        status = str(app.screen.query_one("#status-line").content)
        assert "4 errors to fix before saving" in status


async def test_core_set_rules_show_beside_the_list(store):
    app = Host(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        core = app.screen.query_one("#core", SelectionList)
        core.focus()
        core.highlighted = next(i for i in range(core.option_count)
                                if core.get_option_at_index(i).value == "ankle-pumps")
        await pilot.press("space")  # two left
        await settle(pilot)
        assert "Choose 3–4 core movements (you have 2)" in label_text(app, "core")
        assert label(app, "core").has_class("-error")


# -- routines: picker, built-in, leaving ---------------------------------------------------------


async def test_pick_the_guides_day_plan_and_make_it_active_again(store):
    mine = RoutineDraft.new(EXERCISES, name="Mine").to_routine("mine", "Mine")
    store.save_routine(routine_to_dict(mine) | {"design": {"core": ["core-bracing"]}})
    store.update_settings(lambda saved: saved.with_active_routine("mine"))
    before_routines = store.routines()
    app = Host(store, active=mine)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert screen(app).draft.name == "Mine"
        assert screen(app).draft.core == ("core-bracing",)  # its saved design
        picker = app.screen.query_one("#routine-picker", Select)
        picker.focus()
        await pilot.press("enter")  # open
        await settle(pilot)
        # New routine (the blank), the guide's day plan, then saved ones by name.
        await pilot.press("up", "enter")
        await settle(pilot)
        assert picker.value == "guide-day-plan"
        assert screen(app).draft.name == "The guide's day plan"
        assert screen(app).draft.interval == "30"
        assert not screen(app).dirty
        await pilot.press("ctrl+s")
        await settle(pilot)

    assert store.routines() == before_routines  # the built-in is never stored
    assert store.user_settings().active_routine_id == "guide-day-plan"
    assert app.saved[0].routine == GUIDE_PLAN


async def test_a_changed_guides_plan_needs_a_name_of_its_own(store):
    app = Host(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.screen.query_one("#set-end-of-day", SetList).focus()
        await pilot.press("x")
        await settle(pilot)
        assert "give your version a name of its own" in label_text(app, "name")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert store.routines() == [] and app.saved == []
        name = app.screen.query_one("#name", Input)
        assert app.focused is name
        await pilot.press("ctrl+u", *type_keys("My guide"))
        await pilot.press("ctrl+s")
        await settle(pilot)
    [saved] = store.routines()
    assert saved["id"] == "my-guide"
    assert len(saved["triggers"]) == 5
    assert store.user_settings().active_routine_id == "my-guide"


async def test_leaving_with_unsaved_changes_asks_first(store):
    app = Host(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        routine_screen = screen(app)
        await pilot.press("escape")  # nothing changed: leaves at once
        await wait_for(pilot, lambda: app.screen is not routine_screen, "the form to close")
        assert app.screen is not routine_screen
        app.push_screen(RoutineScreen(Services.create(
            LIBRARY, clock=app.clock, store=store, routine=GUIDE_PLAN)))
        await settle(pilot)
        routine_screen = screen(app)
        routine_screen.query_one("#name", Input).focus()
        await pilot.press("ctrl+u", *type_keys("Renamed"))
        assert routine_screen.dirty
        await pilot.press("escape")
        await wait_for_screen(pilot, ConfirmDiscardScreen)
        assert isinstance(app.screen, ConfirmDiscardScreen)
        await pilot.press("n")  # keep editing
        await wait_for(pilot, lambda: app.screen is routine_screen, "back to the form")
        assert app.screen is routine_screen
        assert routine_screen.draft.name == "Renamed"
        await pilot.press("escape")
        await wait_for_screen(pilot, ConfirmDiscardScreen)
        await pilot.press("y")  # discard
        await wait_for(pilot, lambda: app.screen is not routine_screen, "the form to close")
        assert app.screen is not routine_screen
        assert not routine_screen.dirty
    assert store.routines() == []
    assert "active_routine" not in store.export_all()["settings"]


# -- progression ----------------------------------------------------------------------------------


async def test_accept_and_decline_progression_suggestions(store):
    for day in (20, 21, 22):
        store.add_session(session(day, "chest-opener", True))
        store.add_session(session(day, "glute-squeeze", True))
    store.update_settings(lambda saved: replace(saved, theme="dark"))
    app = Host(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.screen.query_one("#progress-step").display
        suggestions = app.screen.query_one("#suggestions", SuggestionList)
        assert [o.id for o in suggestions.options] == ["chest-opener", "glute-squeeze"]
        assert "hold 2 s longer (5 s → 7 s)" in str(suggestions.options[0].prompt)
        suggestions.focus()
        suggestions.highlighted = 1
        await pilot.press("d")  # glute squeeze: not now
        await settle(pilot)
        saved = store.user_settings()
        assert saved.progression.declined == {"glute-squeeze": date(2026, 11, 25)}
        assert saved.theme == "dark"
        assert [o.id for o in suggestions.options] == ["chest-opener"]
        suggestions.highlighted = 0
        await pilot.press("a")  # chest opener: hold 2 s longer
        await settle(pilot)
        assert not app.screen.query_one("#progress-step").display
        items = screen(app).draft.items(TriggerKind.PRE_MEETING)
        assert items[0] == SetItem("chest-opener", None, 2.0)
        assert str(app.screen.query_one("#editor-pre-meeting").border_subtitle) == (
            "34 s · the guide ≈30 s")  # was 30 s
        # The guide's plan changed: it needs its own name, then the save logs the accept.
        app.screen.query_one("#name", Input).focus()
        await pilot.press("ctrl+u", *type_keys("Stronger"), "ctrl+s")
        await settle(pilot)

    settings = store.export_all()["settings"]  # as stored
    assert settings["active_routine"] == "stronger"
    assert settings["progression"]["accepted"] == [{
        "accepted": {"exercise": "chest-opener", "kind": "hold", "hold_seconds": 2.0},
        "date": "2026-11-25",
    }]
    assert settings["progression"]["declined"] == {"glute-squeeze": "2026-11-25"}
    routine = routine_from_dict(store.routines()[0], EXERCISES)
    pre = routine.trigger(TriggerKind.PRE_MEETING)
    assert pre is not None and pre.items[0].hold_extra_seconds == 2.0


async def test_a_decline_during_a_save_waits_for_it_and_neither_is_lost(store, monkeypatch):
    """A decline asked for while a save is writing the settings is written after it, not at
    the same time, and neither is lost."""
    for day in (20, 21, 22):
        store.add_session(session(day, "chest-opener", True))
    saving, release = threading.Event(), threading.Event()
    writing: list[str] = []
    overlapped: list[list[str]] = []
    written: list[UserSettings] = []
    update_settings = store.update_settings

    def held_update_settings(change: Callable[[UserSettings], UserSettings]) -> UserSettings:
        writing.append("write")
        if len(writing) > 1:
            overlapped.append(list(writing))
        if not saving.is_set():  # the first write (the save) waits until released
            saving.set()
            release.wait(timeout=60)  # a safety net: the test releases it
        try:
            settings = update_settings(change)
        finally:
            writing.pop()
        written.append(settings)
        return settings

    monkeypatch.setattr(store, "update_settings", held_update_settings)
    app = Host(store)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await pilot.press("ctrl+s")  # the guide's plan, unchanged: only the settings
            await wait_for(pilot, saving.is_set, "the save writing")
            suggestions = app.screen.query_one("#suggestions", SuggestionList)
            suggestions.focus()
            await pilot.press("d")
            await pilot.pause()
            assert [o.id for o in suggestions.options] == []
            release.set()
            await settle(pilot)
            await wait_for(pilot, lambda: len(written) == 2, "both written")
            await settle(pilot)
            assert len(app.saved) == 1
    finally:
        release.set()
    assert overlapped == []
    settings = store.user_settings()
    assert settings.active_routine_id == "guide-day-plan"
    assert settings.progression.declined == {"chest-opener": date(2026, 11, 25)}


async def test_declined_ten_days_ago_stays_hidden(store):
    for day in (10, 11, 12):
        store.add_session(session(day, "chest-opener", True))
    store.update_settings(lambda saved: saved.with_declined("chest-opener", date(2026, 11, 15)))
    app = Host(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert screen(app).suggestions == []
        assert not app.screen.query_one("#progress-step").display


# -- keys ---------------------------------------------------------------------------------------


def test_every_binding_has_an_id_a_description_and_shows_in_the_footer():
    for owner in (RoutineScreen, SetList, SuggestionList, ConfirmDiscardScreen,
                  ExercisePickerScreen):
        for binding in owner.BINDINGS:
            assert binding.id and binding.id.startswith("routine."), (owner, binding)
            assert binding.description, (owner, binding)
            assert binding.show, (owner, binding)


async def test_the_footer_shows_the_screen_and_set_keys(store):
    app = Host(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.screen.query_one("#set-start-of-day", SetList).focus()
        await settle(pilot)
        shown = {b.id for _, b, enabled, _ in app.screen.active_bindings.values()
                 if b.show and enabled}
        assert {"routine.save", "routine.leave", "routine.new", "routine.refill",
                "routine.more", "routine.less", "routine.add-exercise",
                "routine.remove-exercise"} <= shown


async def test_a_failed_write_keeps_the_edits_and_says_so(store, monkeypatch):
    def full_disk(change: object) -> None:
        raise StoreWriteError("the disk is full")

    app = Host(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n", *type_keys("Desk day"))
        monkeypatch.setattr(store, "update_settings", full_disk)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.saved == []
        assert screen(app).dirty
        assert any("the disk is full" in n.message for n in app._notifications)
        monkeypatch.undo()
        await pilot.press("ctrl+s")  # and it can be tried again
        await settle(pilot)
        assert len(app.saved) == 1
    assert store.user_settings().active_routine_id == "desk-day"


async def test_refill_puts_new_core_movements_into_the_sets(store):
    app = Host(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)  # the guide's plan: its sets are its own, not refilled
        core = app.screen.query_one("#core", SelectionList)
        core.focus()
        core.highlighted = next(i for i in range(core.option_count)
                                if core.get_option_at_index(i).value == "pelvic-tilt")
        await pilot.press("space")
        await settle(pilot)
        assert screen(app).draft.items(TriggerKind.START_OF_DAY) == (
            SetItem("core-bracing"), SetItem("shoulder-circle"))
        assert "Seated Pelvic Tilt is in no set" in label_text(app, "core")
        await pilot.press("ctrl+r")
        await settle(pilot)
        used = {i.exercise_id for kind in TriggerKind
                for i in screen(app).draft.items(kind)}
        assert "pelvic-tilt" in used
        assert not label(app, "core").display


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (120, 40)])
async def test_the_form_opens_at_its_top_with_step_one_focused(store, size):
    """Focusing step 1 does not scroll the picker and step 1's title out of sight (Textual's
    AUTO_FOCUS did, at the narrow layout: it scrolls before the first layout)."""
    from microtui.ui.app import MicroTuiApp
    from microtui.ui.screens.today import TodayScreen

    app = MicroTuiApp(LIBRARY, clock=FakeClock(datetime(2026, 11, 25, 9, 31)), store=store)
    async with app.run_test(size=size) as pilot:
        await wait_for_screen(pilot, TodayScreen)
        await pilot.press("3")
        await wait_for_screen(pilot, RoutineScreen)
        await settle(pilot)
        assert app.focused is app.screen.query_one("#pain-points", SelectionList)
        assert app.screen.query_one("#routine-form").scroll_y == 0
        assert "1 · Assess your pain points" in screen_text(app)


async def test_the_form_opens_on_step_one_so_screen_keys_still_work(store):
    app = Host(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.focused is app.screen.query_one("#pain-points", SelectionList)
        name_before = app.screen.query_one("#name", Input).value
        await pilot.press("question_mark", "3", "q")
        await settle(pilot)
        assert screen(app).query_one("#name", Input).value == name_before
        assert not screen(app).dirty
