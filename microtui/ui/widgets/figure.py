"""ExerciseFigure: an exercise's ASCII keyframes, played in step with its phases.

An exercise's ``frames`` (2–4 small ASCII drawings in ``exercises.toml``) are spread evenly
over one *cycle* of its phases. With as many frames as phases, frame ``i`` shows during
phase ``i`` (a hold shows the contracted pose, its release the relaxed one); with more
frames than phases, each phase steps through its share of frames as it progresses (the
four frames of a shoulder circle over its two moves). See :func:`frame_index`.

Frames are drawn for the first side (the person's left, the figure facing you); on the
right side the figure is mirrored. An exercise without frames, or no exercise at all,
shows :data:`GENERIC_FRAMES`.

The widget only draws what it is told: the screen sets :attr:`ExerciseFigure.frames`,
:attr:`ExerciseFigure.index` and :attr:`ExerciseFigure.mirrored`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

#: A seated figure breathing gently: the fallback for an exercise without frames.
GENERIC_FRAMES: tuple[str, ...] = (
    "     .-.\n"
    "    (   )\n"
    "     `-'\n"
    ".---'   '---.\n"
    "|           |\n"
    "|           |\n"
    "|___________|\n",
    "     .-.\n"
    "    (   )\n"
    "     `-'\n"
    ".--'     '--.\n"
    "|           |\n"
    "|           |\n"
    "|___________|\n",
)

_MIRROR = str.maketrans("/\\()<>[]{}", "\\/)(><][}{")
# Quotes are not mirrored (a shoulder's `'---.` must stay `.---'`), except in the head's
# bottom `-' which would otherwise read '-`.
_MIRROR_FIXES = (("'-`", "`-'"),)


def frame_index(count: int, phase_in_cycle: int, cycle_length: int, progress: float) -> int:
    """Which of ``count`` frames shows ``progress`` (0..1) into phase ``phase_in_cycle``.

    The cycle's phases share the frames evenly: the cycle position
    ``(phase_in_cycle + progress) / cycle_length`` picks the frame. Out-of-range inputs
    are clamped; no frames, or a cycle of no phases, give 0.
    """
    if count <= 1 or cycle_length <= 0:
        return 0
    phase = min(max(0, phase_in_cycle), cycle_length - 1)
    position = (phase + min(max(0.0, progress), 1.0)) / cycle_length
    return min(count - 1, math.floor(position * count + 1e-9))


def mirror(frame: str) -> str:
    """The frame seen in a mirror: lines reversed and slanted characters swapped."""
    lines = frame.split("\n")
    width = max((len(line) for line in lines), default=0)
    mirrored = "\n".join(line.ljust(width)[::-1].translate(_MIRROR).rstrip() for line in lines)
    for wrong, right in _MIRROR_FIXES:
        mirrored = mirrored.replace(wrong, right)
    return mirrored


def normalise(frames: Sequence[str]) -> tuple[str, ...]:
    """Frames on one common box, so the figure does not jump between them.

    One trailing newline per frame is dropped, the indentation all frames share is
    removed, and every frame is padded to the same number of lines and columns. Leading
    blank lines are kept: they place a drawing lower in the box on purpose.
    """
    split = [frame.removesuffix("\n").split("\n") for frame in frames]
    if not split:
        return ()
    indents = [
        len(line) - len(line.lstrip(" ")) for lines in split for line in lines if line.strip()
    ]
    indent = min(indents, default=0)
    trimmed = [[line[indent:].rstrip() for line in lines] for lines in split]
    height = max(len(lines) for lines in trimmed)
    width = max((len(line) for lines in trimmed for line in lines), default=0)
    return tuple(
        "\n".join(line.ljust(width) for line in lines + [""] * (height - len(lines)))
        for lines in trimmed
    )


class ExerciseFigure(Widget):
    """Shows frame :attr:`index` of :attr:`frames` (mirrored when :attr:`mirrored`)."""

    DEFAULT_CSS = """
    ExerciseFigure {
        width: 26;
        height: 11;
        content-align: center middle;
    }
    """

    frames: reactive[tuple[str, ...]] = reactive(())
    """The exercise's raw frames; empty shows :data:`GENERIC_FRAMES`."""
    index: reactive[int] = reactive(0)
    mirrored: reactive[bool] = reactive(False)

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._cache: dict[tuple[tuple[str, ...], bool], tuple[str, ...]] = {}

    @property
    def shown_frames(self) -> tuple[str, ...]:
        """The frames as drawn: normalised, mirrored if asked, generic if none."""
        key = (self.frames, self.mirrored)
        if key not in self._cache:
            frames = normalise(self.frames or GENERIC_FRAMES)
            if self.mirrored:
                frames = normalise([mirror(frame) for frame in frames])
            self._cache[key] = frames
        return self._cache[key]

    @property
    def current_frame(self) -> str:
        """The text on screen now."""
        frames = self.shown_frames
        return frames[min(max(0, self.index), len(frames) - 1)]

    def render(self) -> Text:
        return Text(self.current_frame, no_wrap=True, overflow="crop")
