"""The app's start does only what Today's first frame needs (issue 16).

It imports nothing that comes later (a calendar, when none is set; the meeting dialog; the
player's widgets; the Progress screen's figures; the routine form's lists): those are
imported when first used. For that the app runs in a fresh interpreter, as ``microtui
--skip-setup`` starts it (headless), until Today shows the day; then it lists its modules.

And it reads no other screen's CSS than Today's (not even the help's) before Today is made, and
makes no dataclass that a ``NamedTuple`` would do for (see :data:`START_DATACLASSES`)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

NOW = "2026-11-25T09:31:00"

START = """
import asyncio, json, sys
from microtui.cli import app_for
from microtui.context import open_context
from microtui.ui.screens.today import TodayScreen

async def main(data):
    context = open_context(data=data)
    try:
        app = app_for(context, skip_setup=True)
        async with app.run_test(size=(120, 40)) as pilot:
            for _ in range(3000):
                await pilot.pause(0.01)
                screen = app.screen
                if isinstance(screen, TodayScreen) and screen.day_view is not None:
                    break
            else:
                raise SystemExit("Today never showed the day")
            modules = sorted(sys.modules)
            made = sorted(f"{name}.{attr}" for name in modules if name.startswith("microtui")
                          for attr, value in vars(sys.modules[name]).items()
                          if isinstance(value, type) and value.__module__ == name
                          and "__dataclass_fields__" in value.__dict__)
            app.exit()
    finally:
        context.close()
    print(json.dumps({"modules": modules, "dataclasses": made}))

asyncio.run(main(sys.argv[1]))
"""


def started(data: Path) -> dict[str, list[str]]:
    """Every module the app has imported once Today shows the day (a fresh interpreter), and
    every dataclass of microtui's it has made by then."""
    result = subprocess.run(
        [sys.executable, "-c", START, str(data)], capture_output=True, text=True, timeout=120,
        env={**os.environ, "MICROTUI_NOW": NOW, "TZ": "UTC",
             "XDG_CONFIG_HOME": str(data.parent / "config")})
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def among(modules: set[str], names: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if any(m == n or m.startswith(n + ".") for n in names))


@pytest.fixture(scope="module")
def start(tmp_path_factory) -> dict[str, list[str]]:
    return started(tmp_path_factory.mktemp("start") / "data")


@pytest.fixture(scope="module")
def modules(start) -> set[str]:
    return set(start["modules"])


#: The dataclasses the start may make. On Python 3.11 making one costs about 0.4 ms (it
#: compiles six methods: ``__init__``, ``__repr__``, ``__eq__``, ``__hash__`` and a frozen
#: one's ``__setattr__`` and ``__delattr__``); a ``typing.NamedTuple`` about 0.15 ms. Values on
#: the start's path are NamedTuples (54 dataclasses were about 26 ms of a ~300 ms start);
#: these need what a NamedTuple lacks: checks in ``__post_init__``, an ``__iter__`` of their
#: own (the player's plan, with its ``__add__``, comes with the player's code, a meeting with
#: the first meeting). State that changes is a plain class's (the context, the clocks, the
#: jump detector, a day's totals); the tests' fake clock lives in a module the app never
#: imports.
START_DATACLASSES = [
    "microtui.core.schedule.ScheduleSettings",
    "microtui.core.settings.UserSettings",
    "microtui.core.timeline.TriggerTimeline",
]


@pytest.fixture(scope="module")
def first_and_later_start(tmp_path_factory) -> tuple[set[str], set[str]]:
    """The modules of a first start on a fresh data directory, and of the next one."""
    data = tmp_path_factory.mktemp("later") / "data"
    return set(started(data)["modules"]), set(started(data)["modules"])


def test_a_later_start_reads_the_library_without_parsing_toml(first_and_later_start):
    """The first start parses the library's TOML and keeps what it parsed to; the next one
    reads that back (:mod:`microtui.library_cache`) and never imports the TOML parser."""
    first, later = first_and_later_start
    assert "tomllib" in first
    assert "tomllib" not in later


def test_a_later_start_reads_the_data_files_without_tinydb(first_and_later_start):
    """TinyDB comes with the first write (:meth:`microtui.store.tables.Tables.table`): the
    first start writes the day microtui was first seen; the next one only reads."""
    first, later = first_and_later_start
    assert "tinydb" in first
    assert among(later, ("tinydb", "microtui.store.storage")) == []


#: Made once Today has drawn, by the day's offers (a worker): by the time the list is taken
#: or not. The routine form's draft has dict fields with a factory.
AFTER_THE_FIRST_FRAME = ["microtui.core.routine_draft.RoutineDraft"]


def test_the_start_makes_no_dataclass_a_named_tuple_would_do_for(start):
    made = [name for name in start["dataclasses"] if name not in AFTER_THE_FIRST_FRAME]
    assert made == START_DATACLASSES


def test_the_start_is_seen(modules):
    """The list can see what the start does import."""
    assert {"microtui.ui.screens.today", "microtui.core.day", "textual"} <= modules


@pytest.mark.parametrize("names", [
    pytest.param(("microtui.calendar", "microtui.calendar_fetch", "microtui.calendar_source",
                  "microtui.calendar_repeats", "microtui.calendar_text", "icalendar",
                  "hashlib"), id="calendar"),
    pytest.param(("microtui.ui.screens.meeting_dialog", "microtui.core.meeting"),
                 id="meetings"),
    pytest.param(("microtui.core.player", "microtui.core.phase_plan", "microtui.core.session_log",
                  "microtui.ui.presenters.player_moment", "microtui.ui.widgets.breath",
                  "microtui.ui.widgets.figure", "microtui.ui.widgets.set_progress"),
                 id="player"),
    pytest.param(("microtui.core.progress_view", "microtui.core.buckets"), id="progress"),
    pytest.param(("microtui.ui.widgets.set_in_progress",), id="set-in-progress-line"),
    pytest.param(("textual.widgets._selection_list", "textual.widgets._toggle_button"),
                 id="routine-form-lists"),
])
def test_the_start_does_without(modules, names):
    assert among(modules, names) == []


async def test_the_first_frame_reads_only_todays_css(library, clock):
    """Today is made with the app's stylesheet holding Today's CSS file and no other screen's
    (the help's and Library's come once Today has drawn, with the rest)."""
    from microtui.ui.app import MicroTuiApp
    from microtui.ui.screens.today import TodayScreen
    from tests.functional.helpers import wait_for

    read: list[str] = []
    text: list[str] = []
    app = MicroTuiApp(library, clock=clock)
    make_today = app.make_today

    def recorded() -> TodayScreen:
        for (path, _), source in app.stylesheet.source.items():
            if str(path).endswith(".tcss"):
                read.append(Path(path).name)
                text.append(source.content)
        return make_today()

    app.make_today = recorded  # type: ignore[method-assign]
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, TodayScreen))
    assert read == ["today.tcss"]
    assert not [line for line in "\n".join(text).splitlines()
                if "LibraryScreen" in line or "#exercise-" in line or "HelpScreen" in line]


def test_the_app_makes_one_textual_class_of_its_parts():
    """The app's parts (the workday, quiet, the palette's commands, ...) are plain classes
    (:mod:`microtui.ui.app_part`): Textual makes each of its classes at a cost (~0.25 ms
    for an ``App`` subclass), so only the app itself is one; and the part's key (``z``,
    quiet) is still the app's."""
    from textual.app import App

    from microtui.ui.app import MicroTuiApp
    from microtui.ui.quiet import QuietMode

    parts = MicroTuiApp.__mro__[1:MicroTuiApp.__mro__.index(App)]
    assert QuietMode in parts and len(parts) >= 6
    assert [part.__name__ for part in parts if issubclass(part, App)] == []
    assert "quiet" in {binding.id for binding in MicroTuiApp._merged_bindings.key_to_bindings
                       .get("z", [])}
