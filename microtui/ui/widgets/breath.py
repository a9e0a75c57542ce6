"""BreathCue: a braille disc that fills through each inhale and empties through each exhale.

The guide's first pitfall is holding the breath: "Pair each contraction with a slow
exhale; inhale during release." The cue shows that pairing: the disc grows from a small
seed to the dotted ring over an inhale and shrinks back over an exhale, in step with the
engine's ``breath_word_progress``, under the word *Inhale* or *Exhale* and a hint for the
phase ("hold · exhale slowly"; never "hold your breath"). During quick rhythmic beats the
engine's steady rhythm drives the words, so the breath stays slow whatever the tempo.

The widget gets CSS classes ``-inhale``, ``-exhale`` or ``-idle``; their colours live in
the screen's stylesheet. It only draws what it is told: the screen sets :attr:`word`,
:attr:`progress`, :attr:`kind` and :attr:`prescribed`.

It is drawn at 12 frames a second, so it is cheap to draw: a disc has only a few dozen
distinct looks (one per distance of a dot from the centre, see :func:`disc_step`), each
looks's grid and lines are computed once and cached, and a new :attr:`progress` repaints
only the rows of the disc that changed, and only when one did (line API, no Rich render).
"""

from __future__ import annotations

import math
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from microtui.core.exercises import Breath, PhaseKind

#: Braille dot bits by (column, row) within one cell (2 columns × 4 rows of dots).
_DOTS = {
    (0, 0): 0x01, (0, 1): 0x02, (0, 2): 0x04, (0, 3): 0x40,
    (1, 0): 0x08, (1, 1): 0x10, (1, 2): 0x20, (1, 3): 0x80,
}
_BRAILLE = 0x2800
#: The smallest disc, as a share of the full one: never quite empty.
MIN_SIZE = 0.22
#: Rows under the disc: a blank, the word, the hint.
TEXT_ROWS = 3
_DIM = Style(dim=True)
_BOLD = Style(bold=True)

Grid = tuple[tuple[tuple[str, bool], ...], ...]


def breath_size(word: Breath | None, progress: float) -> float:
    """How full the disc is (0..1): growing over an inhale, shrinking over an exhale.

    Eased (a half cosine), so it starts and ends each breath gently.
    """
    progress = min(max(0.0, progress), 1.0)
    eased = 0.5 - 0.5 * math.cos(math.pi * progress)
    if word is Breath.INHALE:
        return eased
    if word is Breath.EXHALE:
        return 1.0 - eased
    return 0.0


def breath_hint(kind: PhaseKind | None, prescribed: Breath | None) -> str:
    """The line under the word: what the body does and how to breathe through it."""
    if kind is None:
        return ""
    if prescribed is Breath.STEADY:
        return "hold · keep breathing" if kind is PhaseKind.HOLD else "keep breathing slowly"
    if kind is PhaseKind.HOLD:
        return "hold · exhale slowly" if prescribed is Breath.EXHALE else "hold · keep breathing"
    if kind is PhaseKind.RELEASE:
        return "release · inhale" if prescribed is Breath.INHALE else "release · let go"
    return "move with the breath"


@dataclass(frozen=True)
class _Geometry:
    """The dots of a ``width`` × ``height`` cell grid, measured once."""

    full: float
    """The full disc's radius, in dots (the ring)."""
    distances: tuple[float, ...]
    """Every distinct distance of a dot from the centre, ascending."""
    cells: tuple[tuple[tuple[tuple[int, float], ...], ...], ...]
    """For each cell (row by row): its dots as (bit, distance)."""
    rings: tuple[tuple[int, ...], ...]
    """For each cell: the bits of its dots on the ring."""


@lru_cache(maxsize=16)
def _geometry(width: int, height: int) -> _Geometry:
    cols, rows = width * 2, height * 4
    cx, cy = cols / 2, rows / 2
    full = max(1.0, min(cx, cy) - 0.75)
    cells: list[tuple[tuple[tuple[int, float], ...], ...]] = []
    rings: list[tuple[int, ...]] = []
    distances: set[float] = set()
    for row in range(height):
        line: list[tuple[tuple[int, float], ...]] = []
        ring_line: list[int] = []
        for col in range(width):
            dots: list[tuple[int, float]] = []
            ring = 0
            for (dx, dy), bit in _DOTS.items():
                x = col * 2 + dx + 0.5 - cx
                y = row * 4 + dy + 0.5 - cy
                distance = math.hypot(x, y)
                dots.append((bit, distance))
                distances.add(distance)
                if abs(distance - full) <= 0.5:
                    ring |= bit
            line.append(tuple(dots))
            ring_line.append(ring)
        cells.append(tuple(line))
        rings.append(tuple(ring_line))
    return _Geometry(full, tuple(sorted(distances)), tuple(cells), tuple(rings))


def disc_step(width: int, height: int, size: float) -> int:
    """Which of the disc's distinct looks ``size`` shows: how many distinct dot distances
    lie within its radius. Two sizes with the same step draw exactly the same grid."""
    if width <= 0 or height <= 0:
        return 0
    geometry = _geometry(width, height)
    radius = geometry.full * (MIN_SIZE + (1.0 - MIN_SIZE) * min(max(0.0, size), 1.0))
    return bisect_right(geometry.distances, radius)


@lru_cache(maxsize=512)
def _disc_grid(width: int, height: int, step: int) -> Grid:
    """The grid of :func:`disc_lines` for a :func:`disc_step` (computed once per step)."""
    if width <= 0 or height <= 0:
        return ()
    geometry = _geometry(width, height)
    # A dot is in the disc when its distance is within the radius: among the first
    # ``step`` distinct distances.
    limit = geometry.distances[step - 1] if step > 0 else -math.inf
    grid: list[tuple[tuple[str, bool], ...]] = []
    for cell_row, ring_row in zip(geometry.cells, geometry.rings, strict=True):
        line: list[tuple[str, bool]] = []
        for dots, ring_bits in zip(cell_row, ring_row, strict=True):
            disc = ring = 0
            for bit, distance in dots:
                if distance <= limit:
                    disc |= bit
                elif ring_bits & bit:
                    ring |= bit
            if disc:
                line.append((chr(_BRAILLE + (disc | ring)), True))
            elif ring:
                line.append((chr(_BRAILLE + ring), False))
            else:
                line.append((" ", False))
        grid.append(tuple(line))
    return tuple(grid)


def disc_lines(width: int, height: int, size: float) -> list[list[tuple[str, bool]]]:
    """A ``width`` × ``height`` cell grid of braille: the disc at ``size`` and its full ring.

    Each cell is ``(character, filled)``: ``filled`` when any of its dots belongs to the
    disc (drawn in the breath colour), otherwise the character holds only ring dots
    (drawn dim) or is blank.
    """
    return [list(row) for row in _disc_grid(width, height, disc_step(width, height, size))]


@lru_cache(maxsize=512)
def _disc_strips(width: int, height: int, step: int, base: Style) -> tuple[Strip, ...]:
    """The disc's rows as strips: filled cells in ``base``, the rest dimmed."""
    dim = base + _DIM
    strips: list[Strip] = []
    for row in _disc_grid(width, height, step):
        segments: list[Segment] = []
        run: list[str] = []
        filled_run = None
        for char, filled in row:
            if filled is not filled_run and run:
                segments.append(Segment("".join(run), base if filled_run else dim))
                run = []
            filled_run = filled
            run.append(char)
        if run:
            segments.append(Segment("".join(run), base if filled_run else dim))
        strips.append(Strip(segments, width))
    return tuple(strips)


@lru_cache(maxsize=64)
def _text_strips(width: int, label: str, hint: str, base: Style) -> tuple[Strip, ...]:
    """The three rows under the disc: a blank, the word (bold) and the hint (dim)."""
    if len(hint) > width:
        hint = hint[: max(0, width - 1)] + "…"
    return (
        Strip([], 0),
        Strip([Segment(label.center(width), base + _BOLD)]).crop(0, width),
        Strip([Segment(hint.center(width), base + _DIM)]).crop(0, width),
    )


class BreathCue(Widget):
    """The breathing prompt: a disc, the word and a hint, coloured by CSS class."""

    DEFAULT_CSS = """
    BreathCue {
        width: 26;
        height: 11;
    }
    """

    word: reactive[Breath | None] = reactive(None)
    """Inhale or exhale: what to show (the engine's ``breath_word``)."""
    progress: reactive[float] = reactive(0.0, repaint=False)
    """0..1 through the current word (the engine's ``breath_word_progress``). A new value
    repaints only the disc's rows that look different (see :meth:`watch_progress`)."""
    kind: reactive[PhaseKind | None] = reactive(None)
    """Hold, release or move: the phase the breath goes with."""
    prescribed: reactive[Breath | None] = reactive(None)
    """The phase's own breath (``steady`` for quick beats), for the hint."""

    def __init__(
        self, *, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._shown: tuple[int, int, int] | None = None

    def on_mount(self) -> None:
        self._set_class()

    def watch_word(self) -> None:
        self._set_class()

    def _set_class(self) -> None:
        # In one go: the styles are worked out once per word, not once per class.
        self.update_classes({
            "-inhale": self.word is Breath.INHALE,
            "-exhale": self.word is Breath.EXHALE,
            "-idle": self.word not in (Breath.INHALE, Breath.EXHALE),
        })

    def watch_progress(self) -> None:
        """Repaint the rows of the disc whose dots changed; nothing when none did."""
        shown, now = self._shown, self._disc_key()
        if shown == now:
            return
        if shown is None or shown[:2] != now[:2]:
            self.refresh()
            return
        width, height = now[:2]
        before = _disc_grid(width, height, shown[2])
        after = _disc_grid(width, height, now[2])
        changed = [Region(0, y, width, 1)
                   for y, (old, new) in enumerate(zip(before, after, strict=True))
                   if old != new]
        if changed:
            self.refresh(*changed)

    @property
    def label(self) -> str:
        """The word on screen: ``Inhale``, ``Exhale`` or nothing."""
        return self.word.capitalize() if self.word in (Breath.INHALE, Breath.EXHALE) else ""

    @property
    def hint(self) -> str:
        return breath_hint(self.kind, self.prescribed)

    @property
    def size_now(self) -> float:
        return breath_size(self.word, self.progress)

    def _disc_key(self) -> tuple[int, int, int]:
        """(width, height, step) of the disc as it should look now."""
        width, height = self.content_size
        height = max(1, height - TEXT_ROWS)
        return width, height, disc_step(width, height, self.size_now)

    def render_line(self, y: int) -> Strip:
        width, height, step = key = self._disc_key()
        self._shown = key
        base = self.visual_style.rich_style
        if y < height:
            strips = _disc_strips(width, height, step, base)
            return strips[y] if y < len(strips) else Strip([], 0)
        rows = _text_strips(width, self.label, self.hint, base)
        return rows[y - height] if y - height < len(rows) else Strip([], 0)
