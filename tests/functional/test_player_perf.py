"""What keeps the player cheap at 12 frames a second (see bench/RESULTS.md), and proof that
it draws exactly what it drew before: the breath disc is computed once per look and drawn
through the line API, only what changes is repainted, and a frame needs no relayout."""

from __future__ import annotations

import math

import pytest
from rich.cells import cell_len
from rich.console import Group
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

from microtui.core.exercises import Breath, PhaseKind
from microtui.ui.screens.player import CSS_FILE
from microtui.ui.widgets.breath import (
    _BRAILLE,
    _DOTS,
    MIN_SIZE,
    TEXT_ROWS,
    BreathCue,
    disc_lines,
    disc_step,
)
from microtui.ui.widgets.set_progress import (
    SetProgress,
    bar_cells,
    status_text,
    status_width,
)
from tests.functional.helpers import settle, wait_for
from tests.functional.test_player import Host, advance, player, started

CSS = CSS_FILE.read_text()


def reference_disc(width: int, height: int, size: float) -> list[list[tuple[str, bool]]]:
    """The disc as it was first computed: every dot measured for every frame."""
    if width <= 0 or height <= 0:
        return []
    cols, rows = width * 2, height * 4
    cx, cy = cols / 2, rows / 2
    full = max(1.0, min(cx, cy) - 0.75)
    radius = full * (MIN_SIZE + (1.0 - MIN_SIZE) * min(max(0.0, size), 1.0))
    grid = []
    for row in range(height):
        line = []
        for col in range(width):
            disc = ring = 0
            for (dx, dy), bit in _DOTS.items():
                distance = math.hypot(col * 2 + dx + 0.5 - cx, row * 4 + dy + 0.5 - cy)
                if distance <= radius:
                    disc |= bit
                elif abs(distance - full) <= 0.5:
                    ring |= bit
            if disc:
                line.append((chr(_BRAILLE + (disc | ring)), True))
            elif ring:
                line.append((chr(_BRAILLE + ring), False))
            else:
                line.append((" ", False))
        grid.append(line)
    return grid


@pytest.mark.parametrize("width,height", [(22, 6), (22, 4), (9, 3), (30, 8), (1, 1), (0, 4)])
def test_the_cached_disc_is_the_disc_measured_dot_by_dot(width, height):
    for step in range(0, 201):
        size = step / 200
        assert disc_lines(width, height, size) == reference_disc(width, height, size), size
    assert disc_lines(width, height, -1.0) == reference_disc(width, height, -1.0)
    assert disc_lines(width, height, 2.0) == reference_disc(width, height, 2.0)


def test_sizes_with_the_same_step_draw_the_same_disc():
    seen: dict[int, list] = {}
    for n in range(0, 1001):
        size = n / 1000
        step = disc_step(22, 6, size)
        grid = disc_lines(22, 6, size)
        assert seen.setdefault(step, grid) == grid
    # a few dozen looks in all, not one per frame
    assert 10 < len(seen) < 100


class RichBreathCue(BreathCue):
    """The cue as it was first drawn: a Rich Group rendered on every repaint."""

    render_line = Widget.render_line

    def watch_progress(self) -> None:
        self.refresh()

    def render(self) -> Group:
        width = self.content_size.width
        height = max(1, self.content_size.height - TEXT_ROWS)
        dim = Style(dim=True)
        lines: list[Text] = []
        for row in reference_disc(width, height, self.size_now):
            text = Text(no_wrap=True, overflow="crop")
            for char, filled in row:
                text.append(char, None if filled else dim)
            lines.append(text)
        lines.append(Text(""))
        lines.append(Text(self.label.center(width), style="bold"))
        hint = self.hint if len(self.hint) <= width else self.hint[: max(0, width - 1)] + "…"
        lines.append(Text(hint.center(width), style=dim, no_wrap=True))
        return Group(*lines)


class Pair(App[None]):
    CSS = CSS

    def compose(self) -> ComposeResult:
        yield RichBreathCue(id="rich")
        yield BreathCue(id="lines")


def cells(widget: Widget) -> list[list[Segment]]:
    """The widget as drawn (border and all), segments merged, empty ones left out."""
    strips = widget.render_lines(Region(0, 0, *widget.outer_size))
    return [list(Strip([s for s in strip if s.text]).simplify()) for strip in strips]


async def test_the_cue_draws_exactly_what_the_rich_version_drew():
    app = Pair()
    async with app.run_test(size=(80, 30)) as pilot:
        rich, lines = app.query_one("#rich", BreathCue), app.query_one("#lines", BreathCue)
        for word in (Breath.INHALE, Breath.EXHALE, None):
            for kind, prescribed in ((PhaseKind.HOLD, Breath.EXHALE),
                                     (PhaseKind.MOVE, Breath.STEADY), (None, None)):
                for n in range(0, 31):
                    for cue in (rich, lines):
                        cue.word, cue.kind, cue.prescribed = word, kind, prescribed
                        cue.progress = n / 30
                    await settle(pilot)
                    assert cells(lines) == cells(rich), (word, kind, n)


async def test_progress_repaints_only_the_disc_rows_that_change(monkeypatch):
    app = Pair()
    async with app.run_test(size=(80, 30)) as pilot:
        cue = app.query_one("#lines", BreathCue)
        cue.word, cue.kind, cue.prescribed = Breath.INHALE, PhaseKind.MOVE, Breath.STEADY
        cue.progress = 0.5
        await settle(pilot)
        cue.render_lines(Region(0, 0, *cue.outer_size))  # drawn as it is now
        repaints: list[tuple[Region, ...]] = []
        original = cue.refresh
        monkeypatch.setattr(cue, "refresh",
                            lambda *r, **k: (repaints.append(r), original(*r, **k))[1])
        width, height, step = cue._disc_key()
        # a progress that draws the same disc repaints nothing
        same = [p / 1000 for p in range(400, 601)
                if disc_step(width, height, 0.5 - 0.5 * math.cos(math.pi * p / 1000)) == step]
        for progress in same:
            cue.progress = progress
        assert repaints == []
        # one that draws another repaints just the changed rows of the disc
        cue.progress = 0.9
        assert len(repaints) == 1 and repaints[0]
        rows = {region.y for region in repaints[0]}
        assert rows and max(rows) < height
        assert all(region.height == 1 and region.width == width for region in repaints[0])


async def test_frames_within_a_phase_need_no_relayout(clock, monkeypatch):
    app = Host(clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await started(pilot)
        await advance(pilot, clock, 3.2)  # ankle pumps, 1 s beats, a steady breath
        screen = player(app)
        layouts: list[object] = []
        original = screen._refresh_layout
        monkeypatch.setattr(screen, "_refresh_layout",
                            lambda *a, **k: (layouts.append(a), original(*a, **k))[1])
        for _ in range(12):  # a second of frames: the countdown, breath and bar move
            await advance(pilot, clock, 1 / 12)
        assert layouts == []


async def test_the_set_bar_repaints_only_when_it_shows_something_new(clock, monkeypatch):
    app = Host(clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await started(pilot)
        screen = player(app)
        progress = screen.query_one("#set-progress", SetProgress)
        repaints: list[tuple[object, ...]] = []
        original = progress.refresh
        monkeypatch.setattr(progress, "refresh", lambda *a, **k: (
            repaints.append(progress._line_key()), original(*a, **k))[1])
        shown = set()
        for _ in range(24):  # two seconds of frames
            await advance(pilot, clock, 1 / 12)
            shown.add(progress._line_key())
            assert progress.progress == pytest.approx(screen.moment().set_elapsed)
        # A repaint for each new look of the line, none for frames that look the same.
        assert 1 < len(repaints) <= len(shown) < 24
        assert len(set(repaints)) == len(repaints)
        line = progress.render_line(0).text
        width, (full, half), status = progress._line_key()
        assert line.startswith("Set " + "━" * full + ("╸" if half else "╺"))
        assert line.endswith(status) and status.endswith(" left")
        assert cell_len(line) == progress.content_size.width


@pytest.mark.parametrize(("share", "width", "cells"), [
    (0.0, 10, (0, False)), (0.05, 10, (0, True)), (0.1, 10, (1, False)),
    (0.55, 10, (5, True)), (1.0, 10, (10, False)), (1.7, 10, (10, False)),
    (-1.0, 10, (0, False)), (0.5, 0, (0, False)),
])
def test_bar_cells_count_half_cells(share, width, cells):
    assert bar_cells(share, width) == cells


@pytest.mark.parametrize(("progress", "total", "text"), [
    (0.0, 44.0, "  0%  44 s left"), (21.9, 44.0, " 50%  23 s left"),
    (43.99, 44.0, "100%  1 s left"), (44.0, 44.0, "100%  0 s left"),
    (50.0, 44.0, "100%  0 s left"), (0.0, 0.0, "100%  0 s left"),
    (10.0, 130.0, "  8%  2 min left"),
])
def test_status_text_shows_share_and_time_left(progress, total, text):
    assert status_text(progress, total) == text


@pytest.mark.parametrize("total", [0.0, 9.0, 44.0, 61.5, 130.0])
def test_the_bar_keeps_its_width_through_the_set(total):
    width = status_width(total)
    texts = [status_text(step / 10, total) for step in range(int(total * 10) + 11)]
    assert max(len(text) for text in texts) + 1 == width  # fits the widest, no wider


async def test_the_set_bar_works_out_its_colours_once_and_again_when_the_theme_changes():
    """The bar keeps its four component styles between repaints (Textual forgets them at
    each one, and the line is drawn several times a second), and takes the new ones when the
    theme changes."""
    from textual.app import App

    class Bar(App[None]):
        def compose(self) -> ComposeResult:
            yield SetProgress(40.0, id="bar")

    app = Bar()
    async with app.run_test(size=(60, 3)) as pilot:
        bar = app.query_one(SetProgress)
        bar.progress = 20.0
        looked_up: list[tuple[str, ...]] = []
        lookup = bar.get_component_rich_style

        def counted(*names: str, **kwargs: object):
            looked_up.append(names)
            return lookup(*names, **kwargs)

        bar.get_component_rich_style = counted  # type: ignore[method-assign]
        for progress in (21.0, 22.0, 23.0):
            bar.progress = progress
            bar.refresh()
            bar.render_line(0)
        assert len(looked_up) <= 4  # once each, not at every repaint
        done_before = bar.get_component_rich_style("set-progress--done").color
        app.theme = "textual-light" if app.theme != "textual-light" else "textual-dark"
        await wait_for(pilot, lambda: lookup("set-progress--done").color != done_before,
                       "the new theme's colours")
        done_after = lookup("set-progress--done").color
        segments = list(bar.render_line(0))
        assert any(segment.style is not None and segment.style.color == done_after
                   for segment in segments if segment.text.startswith("━"))
