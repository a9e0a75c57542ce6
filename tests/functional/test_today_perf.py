"""What keeps Today cheap while it sits open all day (see bench/RESULTS.md): a set that is
due repaints its countdown line once a minute, and once a second in its last minute, and
rebuilds nothing else; the countdown line is drawn
without Rich but looks exactly as through it; a hidden Today does not draw at all."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.screen import Screen
from textual.strip import Strip
from textual.widgets import Static

from microtui.core.fake_clock import FakeClock
from microtui.store import Store
from microtui.ui.presenters.timeline_rows import Countdown
from microtui.ui.widgets.timeline import Timeline
from tests.functional.helpers import screen_text, settled, wait_for
from tests.functional.test_today import SIZE, advance, eid, local, make, settle, timeline


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store.open(tmp_path / "data")
    yield opened
    opened.close()


COUNTDOWNS = (
    Countdown("x", "▶ Due now · 0:57 left to start",
              "Transverse Abdominal Bracing 28 s + Shoulder Circle 16 s", urgent=True),
    Countdown("x", "◷ Next in 29 min", "Ankle Pumps 10 s + Cervical Nod 12 s"),
    Countdown("x", "⏸ Snoozed · due again in 0:42", ""),
    Countdown("x", "◷ Next in 0:05", "", urgent=True),
)


def assert_same_strip(direct: Strip, through_rich: Strip, case: object) -> None:
    """The line drawn from segments is the one Rich draws: the same segments, as wide."""
    assert list(direct) == list(through_rich), case
    assert direct.cell_length == through_rich.cell_length


async def test_the_countdown_line_is_drawn_as_rich_would_at_every_width(library, store):
    app = make(library, store, FakeClock(local(9, 31)))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        widget = timeline(app)
        base = widget.rich_style
        for countdown in COUNTDOWNS:
            for width in range(0, 140):
                through_rich = widget._strip(widget._render_countdown(countdown, width),
                                             width, base)
                direct = widget._countdown_strip(countdown, width, base)
                assert_same_strip(direct, through_rich, (countdown, width))


async def test_a_row_is_drawn_as_rich_would_at_every_width(library, store):
    app = make(library, store, FakeClock(local(9, 31)))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        widget = timeline(app)
        base = widget.rich_style
        rows = widget.rows
        assert len({row.state for row in rows}) > 1  # done, due, upcoming...
        for row in rows:
            for width in range(0, 140, 3):
                for selected, highlighted in ((False, False), (True, False), (False, True),
                                              (True, True)):
                    through_rich = widget._strip(
                        widget._render_row(row, width, selected, highlighted), width, base)
                    direct = widget._row_strip(row, width, selected, highlighted, base)
                    assert_same_strip(direct, through_rich, (row, width, selected))


async def test_a_due_set_rebuilds_no_row_and_shows_the_new_seconds(library, store,
                                                                    monkeypatch):
    # The last minute of the due set's ten: its countdown says seconds (before, minutes).
    clock = FakeClock(local(9, 39, 5))
    app = make(library, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        today = app.today
        due = eid("09:30")
        assert today.day_view.due is not None and today.day_view.due.id == due
        built: list[str] = []
        original_row = today.timeline_rows.row
        monkeypatch.setattr(today.timeline_rows, "row",
                            lambda view, day: (built.append(view.id), original_row(view, day))[1])
        shown: list[object] = []
        for name in ("summary", "panel", "week", "action_targets"):
            monkeypatch.setattr(type(today), f"watch_{name}",
                                lambda self, *a, _n=name: shown.append(_n))
        summary = today.query_one("#today-summary", Static)
        before = summary.content
        lines = timeline(app).lines_text()
        for seconds in range(1, 6):
            await advance(app, pilot, clock, 1)
            assert f"0:{55 - seconds:02d} left to start" in screen_text(app)
        assert built == [] and shown == []
        assert summary.content is before
        after = timeline(app).lines_text()
        countdown_y = timeline(app).line_of(due) + 1
        assert [y for y, (a, b) in enumerate(zip(lines, after, strict=True)) if a != b] == [
            countdown_y]

        # the next minute boundary changes the relative times: the rows are rebuilt
        await advance(app, pilot, clock, 55)
        assert built


async def test_a_due_set_redraws_its_countdown_once_a_minute_before_its_last(library,
                                                                            store, monkeypatch):
    clock = FakeClock(local(9, 31, 5))  # due since 09:30: "9 min left to start"
    app = make(library, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert "9 min left to start" in screen_text(app)
        lines: list[int] = []
        refresh_line = Timeline.refresh_line
        monkeypatch.setattr(Timeline, "refresh_line",
                            lambda self, y: (lines.append(y), refresh_line(self, y))[1])
        for _ in range(5):
            await advance(app, pilot, clock, 1)
        assert lines == []
        await advance(app, pilot, clock, 55)  # 09:32:05
        assert "8 min left to start" in screen_text(app)


async def test_an_action_still_updates_everything_at_once(library, store):
    clock = FakeClock(local(9, 30, 5))
    app = make(library, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await advance(app, pilot, clock, 1)  # a tick that only moves the countdown
        await pilot.press("x")  # skip the due set
        await settle(app, pilot)
        text = screen_text(app)
        assert "skipped" in timeline(app).text_of(eid("09:30"))
        assert "Due now" not in text and "Next in" in text
        assert app.today.query_one("#next-set").border_title == "Next set"


class Cover(Screen[None]):
    """An opaque screen over Today, as the player is."""

    def compose(self):
        yield Static("covered")


async def test_a_hidden_today_does_not_draw_and_catches_up_when_shown(library, store,
                                                                       monkeypatch):
    clock = FakeClock(local(9, 30, 5))
    app = make(library, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        widget = timeline(app)
        shows: list[object] = []
        original_show = widget.show
        monkeypatch.setattr(widget, "show",
                            lambda *a, **k: (shows.append(a), original_show(*a, **k))[1])
        await app.push_screen(Cover())
        await settle(app, pilot)
        for _ in range(3):
            await advance(app, pilot, clock, 1)
        assert shows == []
        # under the cover the set's grace ran out (10 min): missed, shown once back
        await advance(app, pilot, clock, 10 * 60)
        assert shows == []
        app.pop_screen()
        await wait_for(pilot, lambda: app.screen is app.today and shows and settled(app),
                       "Today shown again")
        assert shows
        assert "missed" in widget.text_of(eid("09:30"))
        assert "missed" in screen_text(app)


async def test_a_dialog_over_today_lets_the_countdown_run(library, store):
    clock = FakeClock(local(9, 39, 5))
    app = make(library, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("m")  # the meeting dialog: see-through, Today shows under it
        await settle(app, pilot)
        await advance(app, pilot, clock, 3)
        assert "0:52 left to start" in screen_text(app)


async def test_todays_parts_sit_on_the_screen_in_one_column(library, store):
    """No container but the side panels' (each costs the first frame its compose, styles,
    layout and drawing); the timeline is a child of the screen, so a repaint of one of its
    lines draws again (from their caches) only the screen's few children."""
    app = make(library, store, FakeClock(local(9, 31)))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        parts = [(type(child).__name__, child.id) for child in app.today.children
                 if child.display]
        assert parts == [("Header", None), ("Static", "today-summary"),
                         ("Timeline", "timeline"), ("Horizontal", "today-side"),
                         ("Footer", None)]
        assert isinstance(app.today.query_one("#timeline"), Timeline)


async def test_lines_no_longer_shown_are_not_kept(library, store):
    """A row's relative time changes once a minute: over an hour, the lines drawn and kept
    stay those on the screen (they piled up to 256 and were dropped all at once before)."""
    clock = FakeClock(local(9, 31))
    app = make(library, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        widget = timeline(app)
        for _ in range(60):
            await advance(app, pilot, clock, 60)
            kept = widget._cache
            assert kept, "the lines shown are drawn once and kept"
            assert len(kept) <= len(widget._lines)
            shown = set(widget._lines)
            assert all(line in shown for line, _width in kept)


async def test_a_resize_keeps_the_lines_drawn_at_its_width(library, store, monkeypatch):
    """At start-up the first frame is drawn before the timeline handles its first resize
    (to the width it was drawn at): that resize keeps the lines, a new width drops them."""
    from textual import events

    app = make(library, store, FakeClock(local(9, 31)))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        widget = timeline(app)
        width = widget.scrollable_content_region.width
        kept = dict(widget._cache)
        assert kept and all(drawn_at == width for _line, drawn_at in kept)
        widget.post_message(events.Resize(widget.size, widget.virtual_size))
        await settle(app, pilot)
        assert widget._cache == kept
        await pilot.resize_terminal(SIZE[0] - 10, SIZE[1])
        await wait_for(pilot, lambda: widget.scrollable_content_region.width != width
                       and widget._cache and settled(app), "drawn at the new width")
        assert all(drawn_at != width for _line, drawn_at in widget._cache)
