"""The Library screen, the help screen, the command palette and quitting, driven by keys."""

from __future__ import annotations

import re

import pytest
from textual.command import CommandList, CommandPalette
from textual.widgets import Static

from microtui.ui.app import MicroTuiApp
from microtui.ui.screens.help import HelpScreen
from microtui.ui.screens.library import ExerciseDetail, ExerciseList, LibraryScreen
from tests.functional.helpers import (
    screen_text,
    settle,
    table_rows,
    type_keys,
    wait_for,
    wait_for_screen,
)

SIZE = (100, 30)

# Written out by hand from the guide, not read from the library, so a lost or renamed
# exercise fails the test.
GUIDE = {
    "Core": [
        "Transverse Abdominal Bracing",
        "Seated Pelvic Tilt",
        "Isometric Glute Squeeze",
    ],
    "Upper body": [
        "Scapular Retraction Pulse",
        "Chest Opener Finger Pull",
        "Shoulder Circle",
    ],
    "Lower body": ["Ankle Pumps", "Seated Hip Abduction/Adduction", "Micro‑Squat"],
    "Neck and shoulders": [
        "Cervical Nod",
        "Lateral Neck Flexion",
        "Upper Trapezius Release",
    ],
    "Hand and wrist": [
        "Finger Extension Stretch",
        "Wrist Flexor/Extensor Pulses",
        "Grip Squeeze",
    ],
}


def list_lines(app: MicroTuiApp) -> list[str]:
    """The rows of the exercise list as the terminal shows them."""
    region = app.screen.query_one(ExerciseList).region
    rows = screen_text(app).splitlines()[region.y : region.bottom]
    return [row[region.x : region.right].strip("│ ") for row in rows]


def detail(app: MicroTuiApp, part: str) -> Static:
    return app.screen.query_one(f"#detail-{part}", Static)


def facts(app: MicroTuiApp) -> dict[str, str]:
    return {label: value for label, value in table_rows(detail(app, "facts"))}


def library_screen(app: MicroTuiApp) -> LibraryScreen:
    assert isinstance(app.screen, LibraryScreen), f"showing {app.screen!r}"
    return app.screen


async def test_every_exercise_is_listed_under_its_region_heading(app: MicroTuiApp):
    async with app.run_test(size=SIZE):
        lines = list_lines(app)
        headings = [line for line in lines if line in GUIDE]
        assert headings == list(GUIDE)
        for region, names in GUIDE.items():
            start = lines.index(region)
            block = lines[start + 1 : start + 1 + len(names)]
            # Each row is the name and, right-aligned, its time as instructed.
            rows = [re.fullmatch(r"(.+?) +(\d+ s)", row) for row in block]
            assert [row and row[1] for row in rows] == names
        assert any(re.fullmatch(r"Scapular Retraction Pulse +18 s", line) for line in lines)
        shown = [name for names in GUIDE.values() for name in names if name in screen_text(app)]
        assert len(shown) == 15


async def test_the_first_exercise_is_selected_at_start(app: MicroTuiApp):
    async with app.run_test(size=SIZE):
        screen = library_screen(app)
        assert screen.selected_exercise is not None
        assert screen.selected_exercise.id == "core-bracing"
        assert str(detail(app, "name").content) == "Transverse Abdominal Bracing"
        assert isinstance(app.focused, ExerciseList)


async def test_arrows_skip_region_headings_and_the_detail_follows(app: MicroTuiApp):
    async with app.run_test(size=SIZE) as pilot:
        # Bracing → Pelvic Tilt → Glute Squeeze → (skip "Upper body") → Scapular Retraction.
        await pilot.press("down", "down", "down")
        await settle(pilot)
        screen = library_screen(app)
        assert screen.selected_exercise is not None
        assert screen.selected_exercise.id == "scapular-retraction"
        assert str(detail(app, "name").content) == "Scapular Retraction Pulse"
        assert str(detail(app, "meta").content) == "Upper body · seated"
        assert str(detail(app, "instruction").content) == (
            "Sit tall, arms relaxed at the sides. Pinch the shoulder blades together gently, "
            "hold for 2 seconds, then release for 1 second. Perform 6 pulses."
        )
        assert str(detail(app, "effect").content) == (
            "Engages the middle trapezius and rhomboids, promoting a neutral scapular position."
        )
        text = screen_text(app)
        # The guide's heading says 6 s; six 2 s + 1 s pulses take 18 s.
        assert "guide heading 6 s · played 18 s" in text
        assert "Total: 6 reps × 3 s = 18 s" in text
        assert facts(app) == {
            "Equipment": "none",
            "Muscles": "middle trapezius, rhomboids",
            "Time": "guide heading 6 s · played 18 s",
            "Reps": "6",
            "Breath": "exhale 2 s hold · inhale 1 s release",
        }
        assert table_rows(detail(app, "plan")) == [
            ["1–6", "hold", "2 s", "exhale", "Pinch the shoulder blades together"],
            ["", "release", "1 s", "inhale", "Release"],
        ]

        await pilot.press("up")
        await settle(pilot)
        assert str(detail(app, "name").content) == "Isometric Glute Squeeze"


@pytest.mark.parametrize(
    ("exercise_id", "expected_facts", "plan_title", "plan_total"),
    [
        (
            "shoulder-circle",
            {
                "Time": "guide heading 8 s each direction · played 16 s",
                "Reps": "for 8 s per direction",
                "Directions": "clockwise, then counter-clockwise",
                "Tempo": "one smooth circle every 4 s",
            },
            "Phase plan · one direction (clockwise)",
            "Per direction: rhythm for 8 s · total × 2 = 16 s",
        ),
        (
            "core-bracing",
            {
                "Time": "guide heading 5 s hold · played 28 s",
                "Reps": "4–6 (timed at 4)",
                "App's pacing": "2 s release after each hold · 4 reps of the guide's 4–6",
                "Equipment": "none",
            },
            "Phase plan",
            "Total: 4 reps × 7 s = 28 s",
        ),
        (
            "pelvic-tilt",
            {"Time": "10 s · matches the guide heading", "Reps": "for 10 s",
             "App's pacing": None},
            "Phase plan",
            "Total: rhythm for 10 s",
        ),
        (
            "lateral-neck-flexion",
            {"Sides": "left, right · alternating", "Reps": "2 per side"},
            "Phase plan · one side (left)",
            "Per side: 2 reps × 5 s = 10 s · total × 2 = 20 s",
        ),
        (
            "hip-abduction",
            {"Equipment": "resistance band (optional)",
             "App's pacing": "1 s release after each hold"},
            "Phase plan",
            "Total: 4 reps × 6 s = 24 s",
        ),
        (
            "grip-squeeze",
            {"Equipment": "stress ball or rolled towel", "Muscles": "intrinsic hand muscles, "
             "forearm flexors"},
            "Phase plan",
            "Total: 4 reps × 6 s = 24 s",
        ),
    ],
)
async def test_detail_facts(
    app: MicroTuiApp, exercise_id, expected_facts, plan_title, plan_total
):
    async with app.run_test(size=SIZE) as pilot:
        library_screen(app).select_exercise(exercise_id)
        await settle(pilot)
        shown = facts(app)
        assert {label: shown.get(label) for label in expected_facts} == expected_facts
        assert str(detail(app, "plan-title").content) == plan_title
        assert str(detail(app, "plan-total").content) == plan_total


async def test_one_part_only_exercises_show_no_sides_or_tempo_rows(app: MicroTuiApp):
    async with app.run_test(size=SIZE) as pilot:
        library_screen(app).select_exercise("finger-extension")
        await settle(pilot)
        assert set(facts(app)) == {"Equipment", "Muscles", "Time", "Reps", "App's pacing",
                                   "Breath"}


async def test_a_rhythm_cut_short_shows_its_last_partial_cycle(app: MicroTuiApp):
    """Pelvic tilt: 2 s forward, 2 s back, for 10 s: two full cycles and one forward rock."""
    async with app.run_test(size=SIZE) as pilot:
        library_screen(app).select_exercise("pelvic-tilt")
        await settle(pilot)
        rows = table_rows(detail(app, "plan"))
        assert [(r[0], r[2], r[3]) for r in rows] == [
            ("1–2", "2 s", "inhale"),
            ("", "2 s", "exhale"),
            ("3", "2 s", "inhale"),
        ]
        assert rows[2][4] == "Rock the pelvis forward (anterior tilt)"


async def test_enter_focuses_the_detail_and_tab_and_escape_return(app: MicroTuiApp):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.focused, ExerciseDetail)
        assert str(detail(app, "name").content) == "Seated Pelvic Tilt"
        await pilot.press("tab")
        assert isinstance(app.focused, ExerciseList)
        await pilot.press("tab")
        assert isinstance(app.focused, ExerciseDetail)
        await pilot.press("escape")
        assert isinstance(app.focused, ExerciseList)
        # Moving on from the list still works after the round trip.
        await pilot.press("down")
        await settle(pilot)
        assert str(detail(app, "name").content) == "Isometric Glute Squeeze"


async def test_footer_shows_the_keys(app: MicroTuiApp):
    labels = ("12345 Screens", "? Help", "q Quit", "^p Find")
    async with app.run_test(size=SIZE) as pilot:
        # The keys come once the screen has drawn its first frame.
        await wait_for(pilot, lambda: all(label in screen_text(app).splitlines()[-1]
                                          for label in labels), "the footer's keys")


def help_rows(app: MicroTuiApp) -> dict[str, str]:
    """Every key on the help screen → its description."""
    rows: dict[str, str] = {}
    for static in app.screen.query(".help-table").results(Static):
        for keys, description in table_rows(static):
            for key in keys.split():
                rows[key] = description
    return rows


async def test_question_mark_opens_help_with_the_live_keys(app: MicroTuiApp):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await wait_for_screen(pilot, HelpScreen)
        assert isinstance(app.screen, HelpScreen)
        rows = help_rows(app)
        assert rows["q"] == "Quit"
        assert rows["^q"] == "Quit"
        assert rows["?"] == "Help"
        assert rows["5"] == "Library"
        assert rows["^p"] == "Find"
        assert rows["tab"] == "Focus Next"
        # The focused list's own keys are there, and the detail pane's, in the app's words
        # (issue 13: the screen's keys first, whatever has the focus).
        assert rows["↓"] == "Down"
        assert rows["esc"] == "Back to list"
        assert rows["t"] == "Try it now"
        titles = [str(s.content) for s in app.screen.query(".help-group").results(Static)]
        assert titles == ["Library", "Exercise detail", "Everywhere", "Exercise list"]

        await pilot.press("escape")
        await wait_for_screen(pilot, LibraryScreen)
        assert isinstance(app.screen, LibraryScreen)


async def test_help_follows_focus(app: MicroTuiApp):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "question_mark")
        await wait_for_screen(pilot, HelpScreen)
        rows = help_rows(app)
        assert rows["esc"] == "Back to list"
        assert rows["↓"] == "Scroll Down"  # the detail pane scrolls; it has no cursor
        titles = [str(s.content) for s in app.screen.query(".help-group").results(Static)]
        # The screen's keys first whatever has the focus (issue 13); the pane's scrolling
        # keys, Textual's own, come last.
        assert titles == ["Library", "Exercise detail", "Everywhere", "Also here"]


@pytest.mark.parametrize("key", ["escape", "question_mark", "q"])
async def test_help_closes_with(app: MicroTuiApp, key: str):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await wait_for_screen(pilot, HelpScreen)
        assert isinstance(app.screen, HelpScreen)
        await pilot.press(key)
        await wait_for_screen(pilot, LibraryScreen)
        assert isinstance(app.screen, LibraryScreen)
        assert app.is_running  # q closed the help screen; it did not quit the app


async def test_command_palette_shows_an_exercise(app: MicroTuiApp):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("end")  # start somewhere else: Grip Squeeze
        await settle(pilot)
        assert str(detail(app, "name").content) == "Grip Squeeze"

        await pilot.press("ctrl+p")
        await wait_for_screen(pilot, CommandPalette)
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*type_keys("shoulder ci"))
        await wait_for(pilot, lambda: "Show exercise: Shoulder Circle" in screen_text(app),
                       "the palette to find Shoulder Circle")
        assert "Show exercise: Shoulder Circle" in screen_text(app)
        await pilot.press("enter")
        await wait_for_screen(pilot, LibraryScreen)
        await settle(pilot)

        screen = library_screen(app)
        assert screen.selected_exercise is not None
        assert screen.selected_exercise.id == "shoulder-circle"
        highlighted = screen.query_one(ExerciseList).highlighted_option
        assert highlighted is not None and highlighted.id == "shoulder-circle"
        assert str(detail(app, "name").content) == "Shoulder Circle"


async def test_typing_q_in_the_palette_types_it(app: MicroTuiApp):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await wait_for_screen(pilot, CommandPalette)
        await pilot.press(*type_keys("grip sq"))
        await wait_for(pilot, lambda: "Show exercise: Grip Squeeze" in screen_text(app),
                       "the palette to find Grip Squeeze")
        assert app.is_running
        await pilot.press("enter")
        await wait_for_screen(pilot, LibraryScreen)
        await settle(pilot)
        screen = library_screen(app)
        assert screen.selected_exercise is not None
        assert screen.selected_exercise.id == "grip-squeeze"


async def test_palette_lists_a_command_for_every_exercise(app: MicroTuiApp):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")  # with nothing typed, the palette lists its commands
        expected = {f"Show exercise: {name}" for names in GUIDE.values() for name in names}

        def listed() -> set[str]:
            return {str(option.prompt).splitlines()[0]
                    for option in app.screen.query_one(CommandList).options}

        await wait_for(pilot, lambda: expected <= listed(), "every exercise in the palette")
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        prompts = {
            str(option.prompt).splitlines()[0]
            for option in palette.query_one(CommandList).options
        }
        expected = {f"Show exercise: {name}" for names in GUIDE.values() for name in names}
        assert expected <= prompts


@pytest.mark.parametrize("key", ["q", "ctrl+q"])
async def test_quit(app: MicroTuiApp, key: str):
    async with app.run_test(size=SIZE) as pilot:
        assert app.is_running
        await pilot.press(key)
        await wait_for(pilot, lambda: not app.is_running, "the app to quit")
        assert not app.is_running
    assert app.return_code == 0
