"""The routine form's calendar field: the file is read when the form is saved, and a file
that cannot be read is refused beside the field with nothing saved (issue 13, item 8)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from textual.widgets import Input

from microtui.core.routine_draft import RoutineDraft
from microtui.core.routine_validation import validate
from microtui.store import Store
from tests.functional.test_routine import EXERCISES, Host, label, label_text, settle
from tests.functional.test_routine import screen as builder

from .helpers import type_keys, wait_for

GOOD_ICS = ("BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//t//EN\nBEGIN:VEVENT\nUID:r@t\n"
            "DTSTART:20261125T140000Z\nDTEND:20261125T143000Z\nSUMMARY:Design review\n"
            "END:VEVENT\nEND:VCALENDAR\n")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    store = Store.open(tmp_path / "data")
    yield store
    store.close()


async def type_calendar(app: Host, pilot, text: str) -> None:
    field = app.screen.query_one("#calendar", Input)
    field.focus()
    field.value = ""
    await pilot.press(*type_keys(text))


@pytest.mark.parametrize("make", ["missing", "folder", "not-a-calendar"])
async def test_a_calendar_that_cannot_be_read_is_refused_beside_its_field(store, tmp_path,
                                                                         make):
    path = tmp_path / "work.ics"
    reason = {"missing": "Calendar file not found.",
              "folder": "Is a folder, not a calendar file.",
              "not-a-calendar": "Not a valid iCalendar file: Content line could not be parsed "
                                "into parts: 'meeting at ten': Invalid content line."}[make]
    if make == "folder":
        path.mkdir()
    elif make == "not-a-calendar":
        path.write_text("meeting at ten\n", encoding="utf-8")
    before = store.export_all()
    app = Host(store)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n", *type_keys("Desk day"))
        await type_calendar(app, pilot, str(path))
        app.screen.query_one("#name", Input).focus()
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: label(app, "calendar").display, "the calendar's error")
        await settle(pilot)
        assert label_text(app, "calendar") == reason
        assert label(app, "calendar").has_class("-error")
        assert app.focused is app.screen.query_one("#calendar", Input)  # taken to the field
        assert store.export_all() == before  # nothing saved
        assert app.saved == [] and builder(app).dirty
        assert any(n.title == "Not saved" and reason in n.message for n in app._notifications)
        assert "1 error to fix before saving" in str(
            app.screen.query_one("#status-line").content)

        # Another path clears it; the same one shows it again until the next save.
        await pilot.press("home", "x")
        assert not label(app, "calendar").display
        await pilot.press("backspace")
        assert label_text(app, "calendar") == reason

        # The file made good, the same path saves (each save reads the file again).
        if make == "folder":
            path.rmdir()
        path.write_text(GOOD_ICS, encoding="utf-8")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: len(app.saved) == 1, "the save")
        assert not label(app, "calendar").display
    assert store.user_settings().calendar == str(path)
    assert app.saved[0].calendar_path == path


async def test_a_saved_calendar_that_went_missing_is_refused_at_the_next_save(store,
                                                                             tmp_path):
    path = tmp_path / "work.ics"
    path.write_text(GOOD_ICS, encoding="utf-8")
    app = Host(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n", *type_keys("Desk day"))
        await type_calendar(app, pilot, str(path))
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: len(app.saved) == 1, "the first save")
        path.unlink()
        app.screen.query_one("#interval", Input).focus()
        await pilot.press("backspace", "backspace", *type_keys("25"))
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: label(app, "calendar").display, "the calendar's error")
        assert label_text(app, "calendar") == "Calendar file not found."
        assert len(app.saved) == 1
    assert store.user_settings().schedule.interval_minutes == 20  # the second save refused


async def test_an_empty_calendar_field_saves_without_reading_anything(store, monkeypatch):
    import microtui.calendar as reader

    def never(*args: object) -> None:
        raise AssertionError("no calendar was typed: nothing to read")

    monkeypatch.setattr(reader, "read_calendar", never)
    app = Host(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n", *type_keys("Desk day"), "ctrl+s")
        await wait_for(pilot, lambda: len(app.saved) == 1, "the save")
    assert store.user_settings().calendar is None


def test_validation_shows_the_calendar_problem_it_is_given():
    # Validation itself never opens the file (tests/fuzz/test_routine_form_fuzz.py): the
    # screen's save reads it and hands the result over.
    draft = replace(RoutineDraft.new(EXERCISES, name="Mine"), calendar="~/work.ics")
    [problem] = [p for p in validate(draft, EXERCISES, calendar_problem="Gone.")
                 if p.field == "calendar"]
    assert problem.is_error and problem.message == "Gone."
    assert not [p for p in validate(draft, EXERCISES) if p.field == "calendar"]
