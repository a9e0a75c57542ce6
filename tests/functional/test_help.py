"""``?`` lists the screen's own keys first, in the app's words, whatever has the focus; the
Library tries an exercise; no hint promises a key something else."""

from __future__ import annotations

from datetime import datetime

import pytest
from textual.widgets import Static

from microtui.core.fake_clock import FakeClock
from microtui.store import Store
from microtui.ui.app import MicroTuiApp
from microtui.ui.screens.help import HelpScreen
from microtui.ui.screens.library import ExerciseDetail, LibraryScreen
from microtui.ui.screens.player import PlayerScreen
from microtui.ui.screens.routine import RoutineScreen
from microtui.ui.screens.today import TodayScreen
from tests.functional.helpers import screen_text, settle, table_rows, wait_for, wait_for_screen

NOW = datetime(2026, 11, 25, 9, 29, 50).astimezone()


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "data") as store:
        yield store


def help_groups(app: MicroTuiApp) -> list[tuple[str, list[tuple[str, str]]]]:
    titles = [str(s.content) for s in app.screen.query(".help-group").results(Static)]
    tables = [[(row[0], row[1]) for row in table_rows(s)]
              for s in app.screen.query(".help-table").results(Static)]
    return list(zip(titles, tables, strict=True))


@pytest.mark.parametrize("focus", ["#pain-points", "#core", "#interval", "#set-interval"])
async def test_help_on_routine_lists_its_keys_first_whatever_has_the_focus(
        library, store, focus):
    app = MicroTuiApp(library, clock=FakeClock(NOW), store=store, mode="routine")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, RoutineScreen)
        app.screen.query_one(focus).focus()
        await settle(pilot)
        app.action_help()
        await wait_for_screen(pilot, HelpScreen)
        groups = help_groups(app)
        titles = [title for title, _ in groups]
        assert titles[0] == "Routine", titles
        first = dict((description, keys) for keys, description in groups[0][1])
        assert first["Save"] == "^s" and first["Back"] == "esc"
        keys = {description: keys for _, rows in groups for keys, description in rows}
        for description, key in [("More", "+"), ("Less", "-"), ("Add", "i"),
                                 ("Remove", "x del"), ("Accept", "a"), ("Decline", "d")]:
            assert keys.get(description) == key, (description, keys)
        assert "In a set" in titles and "On a suggestion" in titles
        assert titles.index("Everywhere") < len(titles)
        for internal in ("SelectionList", "Input", "FieldInput", "OptionList"):
            assert internal not in titles
        if focus == "#interval":  # a field's editing keys, named as the other groups are
            assert "In a field" in titles
        text = screen_text(app)
        for unwanted in ("Scroll Left", "Page Left", "super+", "Scroll Right"):
            assert unwanted not in text


async def test_the_due_toast_names_a_key_that_starts_the_set_on_every_screen(library, store):
    clock = FakeClock(NOW)
    app = MicroTuiApp(library, clock=clock, store=store)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await wait_for_screen(pilot, TodayScreen)
        await pilot.press("5")
        await wait_for_screen(pilot, LibraryScreen)
        clock.advance(10)
        await wait_for(pilot, lambda: any("set due" in n.title for n in app._notifications),
                       "the due toast")
        note = next(n for n in app._notifications if "set due" in n.title)
        assert "enter" not in note.title  # enter opens an exercise here
        assert "2 to start" in note.title
        await pilot.press("2")  # what it says starts the set
        await wait_for(pilot, lambda: isinstance(app.screen, PlayerScreen) or app.screen.is_modal,
                       "the set (after its check-in)")
        assert isinstance(app.screen_stack[0], TodayScreen)


async def test_enter_on_an_exercise_offers_to_try_it_and_plays_it_alone(library, store):
    app = MicroTuiApp(library, clock=FakeClock(NOW), store=store, mode="library")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, LibraryScreen)
        await pilot.press("down", "enter")  # Seated Pelvic Tilt, in the detail
        await wait_for(pilot, lambda: isinstance(app.focused, ExerciseDetail))
        await settle(pilot)
        assert "▶ t try it now" in screen_text(app)
        await pilot.press("enter")
        player = await wait_for_screen(pilot, PlayerScreen)
        assert [item.exercise_id for item in player.items] == ["pelvic-tilt"]
        assert "Seated Pelvic Tilt" in player.set_title
        await pilot.press("escape", "y")  # end it early
        await wait_for(pilot, lambda: not isinstance(app.screen, PlayerScreen)
                       or app.screen.is_modal, "the set ended")


async def test_t_tries_the_highlighted_exercise_from_the_list(library, store):
    app = MicroTuiApp(library, clock=FakeClock(NOW), store=store, mode="library")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, LibraryScreen)
        await pilot.press("end", "t")  # Grip Squeeze
        player = await wait_for_screen(pilot, PlayerScreen)
        assert [item.exercise_id for item in player.items] == ["grip-squeeze"]


async def test_help_and_the_library_show_the_guides_safety_advice_up_front(library):
    """The guide's "If you experience sharp pain, dizziness, or persistent discomfort, pause
    the routine and consult a health professional" showed only after `!`: help says it
    first, and the Library says it with every exercise."""
    from microtui.core.safety import SAFETY_ADVICE
    from tests.functional.helpers import screen_text, wait_for, wait_for_screen

    app = MicroTuiApp(library, mode="library")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: "Transverse Abdominal Bracing" in screen_text(app),
                       "the Library")
        shown = " ".join(screen_text(app).split())
        assert "consult a health professional" in shown  # with the exercise shown
        for exercise_id in ("ankle-pumps", "grip-squeeze"):
            app.screen.select_exercise(exercise_id)
            await wait_for(pilot, lambda: "consult a health professional"
                           in " ".join(screen_text(app).split()), f"safety with {exercise_id}")
        await pilot.press("question_mark")
        help_screen = await wait_for_screen(pilot, HelpScreen)
        assert str(help_screen.query_one("#help-safety").content) == SAFETY_ADVICE
        assert help_screen.query_one("#help-safety").region.y < \
            help_screen.query(".help-group").first().region.y  # before the keys


async def test_help_opened_before_the_other_screens_css_is_styled():
    """The help's CSS is not in the first frame's stylesheet (it comes with the other
    screens' once Today has drawn): help opened before that, over any screen, is a dialog
    with its keys in their colour, not the bare list of keys."""
    from textual.app import App, ComposeResult
    from textual.screen import Screen

    from microtui.ui.screens.help import help_screen

    class Bare(Screen[None]):
        BINDINGS = [("x", "app.bell", "Ring")]

        def compose(self) -> ComposeResult:
            yield Static("under the help")

    app: App[None] = App()
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(Bare())
        assert not any(str(path).endswith("help.tcss") for path, _ in app.stylesheet.source)
        await app.push_screen(help_screen(app, app.screen))
        shown = await wait_for_screen(pilot, HelpScreen)
        dialog = shown.query_one("#help-dialog")
        await wait_for(pilot, lambda: dialog.region.width > 0, "the help laid out")
        assert dialog.region.width == 64  # help.tcss: width 64, a round border
        assert dialog.styles.border.top[0] == "round"
        key_style = shown.get_component_rich_style("help-screen--key", partial=True)
        assert key_style.color is not None and key_style.bold
        tables = [static.content for static in shown.query(".help-table").results(Static)]
        keys = [cell for table in tables for cell in table.columns[0].cells]
        assert keys and all(key.style == key_style for key in keys)
