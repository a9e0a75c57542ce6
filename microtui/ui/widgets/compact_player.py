"""The player's compact look, for terminals under 80x24 (down to 40x12).

Four or five short lines in place of the figure, the big digits and the breathing disc: the
exercise (with its rep), the phase's cue, the countdown with the breath word and a bar
that fills through each inhale and empties through each exhale, and what comes next
(:class:`~microtui.ui.presenters.player_moment.CompactView`).
Under it, :class:`KeyLine` names as many of the player's keys as the width allows, most
needed first. Both only draw what they are told: the player screen sets :attr:`view` and
:attr:`KeyLine.paused` and :attr:`KeyLine.ended`.
"""

from __future__ import annotations

import textwrap

from rich.cells import cell_len
from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from microtui.core.exercises import Breath
from microtui.ui.presenters.player_moment import CompactView
from microtui.ui.widgets.breath import breath_size

#: Cells of the breath bar.
BAR_CELLS = 10

#: The player's keys, most needed first: (key, what it does); the first is space's.
KEYS = (("n", "next"), ("!", "pain"), ("esc", "end"), ("p", "restart"), ("e", "effortless"))
#: How many of the set's keys (space's included) must fit before Help and Quit are named.
ESSENTIAL_KEYS = 4
#: The app's keys that end every footer.
APP_KEYS = (("?", "help"), ("q", "quit"))


def breath_bar(word: Breath | None, progress: float, cells: int = BAR_CELLS) -> str:
    """The breath as a bar: filling through an inhale, emptying through an exhale."""
    if word not in (Breath.INHALE, Breath.EXHALE) or cells <= 0:
        return ""
    filled = round(breath_size(word, progress) * cells)
    return "█" * filled + "░" * (cells - filled)


def fit(text: str, width: int) -> str:
    """``text`` cut to ``width`` cells, with an ellipsis when cut."""
    if cell_len(text) <= width:
        return text
    if width <= 1:
        return "…"[:width]
    while cell_len(text) > width - 1:
        text = text[:-1]
    return text.rstrip() + "…"


class CompactPlayer(Widget):
    """The set in four or five lines; see the module's docstring."""

    DEFAULT_CSS = """
    CompactPlayer {
        height: auto;
    }
    """

    view: reactive[CompactView] = reactive(CompactView(""), layout=False)

    def watch_view(self, old: CompactView, new: CompactView) -> None:
        if old.cue == new.cue:
            return
        width = self.content_size.width
        if len(cue_lines(old.cue, width)) != len(cue_lines(new.cue, width)):
            self.refresh(layout=True)  # a cue on two lines, or back on one

    def render(self) -> Content:
        return compact_lines(self.view, self.content_size.width)


def compact_lines(view: CompactView, width: int) -> Content:
    """The lines of :class:`CompactPlayer`, each cut to ``width`` cells: the name (and the
    rep, when it fits beside it), the cue (on two lines when it must), the countdown and
    breath, and what comes next (after the rep, when that did not fit above)."""
    beside = cell_len(view.name) + 2 + cell_len(view.rep) <= width
    rep = view.rep if beside else ""
    name = fit(view.name, width)
    heading = Content.assemble(
        (name, "bold"),
        " " * max(0, width - cell_len(name) - cell_len(rep)) if rep else "",
        (rep, "$text-muted"),
    )
    timing = f"{view.countdown} {view.label}".strip()
    breath = Content("")
    if view.breath in (Breath.INHALE, Breath.EXHALE):
        word = view.breath.value.capitalize()
        room = width - cell_len(timing) - 3 - cell_len(word) - 1
        if room >= 3:
            bar = breath_bar(view.breath, view.breath_progress, min(BAR_CELLS, room))
            style = "$text-primary" if view.breath is Breath.INHALE else "$text-success"
            breath = Content.assemble("   ", (f"{word} {bar}", f"bold {style}"))
    next_up = view.next_up if beside or not view.rep else f"{view.rep} · {view.next_up}"
    return Content("\n").join([
        heading,
        *(Content.styled(line, "bold $text-accent") for line in cue_lines(view.cue, width)),
        Content.assemble((fit(timing, width), "bold"), breath),
        Content.styled(fit(next_up, width), "$text-muted"),
    ])


def cue_lines(cue: str, width: int) -> list[str]:
    """The cue on one line, or wrapped on two (the second cut short) when it is longer."""
    lines = textwrap.wrap(cue, max(1, width)) or [""]
    if len(lines) <= 2:
        return lines
    return [lines[0], fit(" ".join(lines[1:]), width)]


class KeyLine(Widget):
    """The player's keys in one line, as many as fit, most needed first."""

    DEFAULT_CSS = """
    KeyLine {
        height: 1;
    }
    """

    paused: reactive[bool] = reactive(False, layout=False)
    ended: reactive[bool] = reactive(False, layout=False)
    """The set has ended: its keys do nothing any more, so none is named."""

    def render(self) -> Content:
        if self.ended:
            return Content("")
        return key_line(self.content_size.width, paused=self.paused)


def key_line(width: int, *, paused: bool) -> Content:
    """``space pause  n next  ! pain  esc end ...  ? help  q quit``: the whole keys that
    fit. The app's Help and Quit end the line, as on every footer, once the set's own
    first four keys fit beside them; at the narrowest the set's keys come first."""
    keys = (("space", "resume" if paused else "pause"), *KEYS)
    pinned_text = "  ".join(f"{key} {what}" for key, what in APP_KEYS)
    essential = cell_len("  ".join(f"{key} {what}" for key, what in keys[:ESSENTIAL_KEYS]))
    pinned = essential + 2 + cell_len(pinned_text) <= width
    room = width - (2 + cell_len(pinned_text) if pinned else 0)
    parts: list[tuple[str, str] | str] = []
    used = 0
    for key, what in keys:
        gap = "  " if parts else ""
        if used + cell_len(f"{gap}{key} {what}") > room:
            break
        parts += [gap, (key, "bold $text-accent"), f" {what}"]
        used += cell_len(f"{gap}{key} {what}")
    if pinned:
        for key, what in APP_KEYS:
            parts += ["  ", (key, "bold $text-accent"), f" {what}"]
    return Content.assemble(*parts)
