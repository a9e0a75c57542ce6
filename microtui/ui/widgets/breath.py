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
"""

from __future__ import annotations

import math

from rich.console import Group
from rich.style import Style
from rich.text import Text
from textual.reactive import reactive
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


def disc_lines(width: int, height: int, size: float) -> list[list[tuple[str, bool]]]:
    """A ``width`` × ``height`` cell grid of braille: the disc at ``size`` and its full ring.

    Each cell is ``(character, filled)``: ``filled`` when any of its dots belongs to the
    disc (drawn in the breath colour), otherwise the character holds only ring dots
    (drawn dim) or is blank.
    """
    if width <= 0 or height <= 0:
        return []
    cols, rows = width * 2, height * 4
    cx, cy = cols / 2, rows / 2
    full = max(1.0, min(cx, cy) - 0.75)
    radius = full * (MIN_SIZE + (1.0 - MIN_SIZE) * min(max(0.0, size), 1.0))
    grid: list[list[tuple[str, bool]]] = []
    for row in range(height):
        line: list[tuple[str, bool]] = []
        for col in range(width):
            disc = ring = 0
            for (dx, dy), bit in _DOTS.items():
                x = col * 2 + dx + 0.5 - cx
                y = row * 4 + dy + 0.5 - cy
                distance = math.hypot(x, y)
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
    progress: reactive[float] = reactive(0.0)
    """0..1 through the current word (the engine's ``breath_word_progress``)."""
    kind: reactive[PhaseKind | None] = reactive(None)
    """Hold, release or move: the phase the breath goes with."""
    prescribed: reactive[Breath | None] = reactive(None)
    """The phase's own breath (``steady`` for quick beats), for the hint."""

    def on_mount(self) -> None:
        self._set_class()

    def watch_word(self) -> None:
        self._set_class()

    def _set_class(self) -> None:
        self.set_class(self.word is Breath.INHALE, "-inhale")
        self.set_class(self.word is Breath.EXHALE, "-exhale")
        self.set_class(self.word not in (Breath.INHALE, Breath.EXHALE), "-idle")

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

    def render(self) -> Group:
        width = self.content_size.width
        height = max(1, self.content_size.height - TEXT_ROWS)
        dim = Style(dim=True)
        lines: list[Text] = []
        for row in disc_lines(width, height, self.size_now):
            text = Text(no_wrap=True, overflow="crop")
            for char, filled in row:
                text.append(char, None if filled else dim)
            lines.append(text)
        lines.append(Text(""))
        lines.append(Text(self.label.center(width), style="bold"))
        hint = self.hint if len(self.hint) <= width else self.hint[: max(0, width - 1)] + "…"
        lines.append(Text(hint.center(width), style=dim, no_wrap=True))
        return Group(*lines)
