"""The routine form as a new user meets it at 80x24: marks that read without colour, no
placeholder that looks like a value, errors in view as they are typed and never moving the
fields below, and an unsaved-changes dialog that offers to save."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from microtui.store import Store
from microtui.ui.screens.routine import RoutineScreen
from microtui.ui.screens.routine_dialogs import ConfirmDiscardScreen
from microtui.ui.screens.routine_form import FREQUENCY_FIELDS
from tests.functional.helpers import screen_text, type_keys, wait_for, wait_for_screen
from tests.functional.test_routine import Host, label_text, settle

SIZE = (80, 24)


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "data") as store:
        yield store


def shown(app) -> str:
    return " ".join(screen_text(app).split())


async def test_ticked_and_unticked_rows_read_without_colour(store):
    app = Host(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)

        def row(name: str) -> str:
            return next(line for line in screen_text(app).splitlines() if name in line)

        assert "☐" in row("Lower back") and "☐" in row("Hips")
        await pilot.press("space")  # tick Lower back (the list has the focus)
        await wait_for(pilot, lambda: "☑" in row("Lower back"), "Lower back ticked")
        assert "☐" in row("Hips")
        assert "▐X▌" not in screen_text(app) and "X" not in row("Hips")


async def test_an_empty_field_shows_no_grey_value(store):
    app = Host(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for _field, input_id, *_ in FREQUENCY_FIELDS:
            assert not app.screen.query_one(f"#{input_id}", Input).placeholder, input_id


@pytest.mark.parametrize(("input_id", "typed", "says"), [
    ("pre-meeting-lead", "45", "0–30"),
    ("interval", "5", "10–120"),
    ("interval", "-5", "-5: use 10–120 minutes."),  # a number: its range, not "a number"
    ("workday-end", "25:00", "not a time"),
    ("calendar", "x.txt", "Expected an .ics calendar file."),
])
async def test_the_error_of_the_field_being_typed_in_is_in_view(store, input_id, typed, says):
    app = Host(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        field = app.screen.query_one(f"#{input_id}", Input)
        app.screen.query_one("#extras").focus()  # step 3: tab on down to the field
        while app.focused is not field:
            await pilot.press("tab")
            await settle(pilot)
        await pilot.press("end", *["backspace"] * len(field.value), *type_keys(typed))
        await wait_for(pilot, lambda: says in shown(app),
                       f"{says!r} on screen as it is typed (the field is still focused)")
        assert app.focused is field


async def test_an_error_showing_moves_nothing_below_it(store):
    app = Host(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        below = app.screen.query_one("#calendar", Input)
        step = app.screen.query_one("#step-frequency")

        def offset() -> int:  # within the step (an error above it, the name's, may show)
            return below.region.y - step.region.y

        before = offset()
        app.screen.query_one("#pre-meeting-lead", Input).focus()
        await pilot.press("end", "backspace", *type_keys("45"))
        await wait_for(pilot, lambda: "0–30" in label_text(app, "pre-meeting-lead"))
        await settle(pilot)
        assert offset() == before


async def test_the_unsaved_changes_dialog_saves(store):
    app = Host(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n", *type_keys("Desk day"))
        await wait_for(pilot, lambda: app.screen.dirty, "an unsaved change")
        await pilot.press("escape")
        dialog = await wait_for_screen(pilot, ConfirmDiscardScreen)
        assert "Save (s)" in shown(app)
        for button in dialog.query("Button"):  # each labelled in full
            assert button.region.width >= len(str(button.label)) + 2
        await pilot.press("s")
        await wait_for(pilot, lambda: app.saved and not isinstance(app.screen, RoutineScreen),
                       "the routine saved, then the builder left")
        assert app.saved[0].routine.name == "Desk day"
        assert [r["name"] for r in store.routines()] == ["Desk day"]


async def test_save_is_refused_with_an_error_and_the_builder_stays(store):
    app = Host(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n", *type_keys("Desk day"))
        app.screen.query_one("#interval", Input).focus()
        await pilot.press("end", "backspace", "backspace", "5")
        await wait_for(pilot, lambda: "10–120" in label_text(app, "interval"))
        await pilot.press("escape")
        await wait_for_screen(pilot, ConfirmDiscardScreen)
        await pilot.press("s")
        await wait_for_screen(pilot, RoutineScreen)
        await settle(pilot)
        assert app.saved == [] and app.screen.dirty
        assert app.focused is app.screen.query_one("#interval", Input)


async def test_a_field_with_an_error_stays_marked_when_it_is_left(store):
    app = Host(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        interval = app.screen.query_one("#interval", Input)
        interval.focus()
        await pilot.press("end", "backspace", "backspace", "5")
        await wait_for(pilot, lambda: "10–120" in label_text(app, "interval"))
        await wait_for(pilot, lambda: interval.has_class("-invalid"), "the field marked")
        await pilot.press("tab")  # on to the next field: the error is still there
        await wait_for(pilot, lambda: not interval.has_focus, "the field left")
        await settle(pilot)
        assert "10–120" in label_text(app, "interval")
        assert interval.has_class("-invalid")


async def test_step_4_explains_both_intervals(store):
    """The guide's day plan sets come every 30 minutes (its table); a routine you design
    starts at 20 (its step 4): the hint says both, so 30 under "start with 20" is no error."""
    app = Host(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        hints = [str(hint.content) for hint in app.screen.query(".field-hint")]
        [interval] = [hint for hint in hints if hint.startswith("10–120")]
        assert "The guide's day plan: every 30." in interval
        assert "A routine you design: start with 20, 15 if you notice early signs of " \
            "fatigue" in interval
