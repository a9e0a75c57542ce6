"""How the set felt, with one key: the line at the end of a set that offers the guide's
"immediate sensations" (``1 eased · 2 loosened · 3 tight · 4 tingling · 5 pain``).

:class:`SensationChooser` shows the list and which one was picked; :data:`SENSATION_BINDINGS`
are the keys, for the dialog that holds it (the set's summary), and :class:`NoteInput` the
words after it: it leaves those keys to the dialog only while it is empty, so once words are
being typed a digit is part of them.
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.reactive import reactive
from textual.widgets import Input, Static

from microtui.core.sensations import SENSATIONS, Sensation, sensation_key

QUESTION = "How did it feel?"

SENSATION_BINDINGS: tuple[Binding, ...] = tuple(
    Binding(sensation_key(sensation), f"feel({index})", f"Felt {sensation}",
            id=f"summary.feel-{sensation}", show=False, priority=True)
    for index, sensation in enumerate(SENSATIONS)
)
"""``1``-``5``: pick a sensation (the holder's ``action_feel(index)``)."""
SENSATION_KEYS = frozenset(binding.key for binding in SENSATION_BINDINGS)


class NoteInput(Input):
    """The optional words after the sensation. While it is empty, ``1``-``5`` pick a
    sensation (the dialog's keys); once words are typed, every key is text."""

    def check_consume_key(self, key: str, character: str | None) -> bool:
        if not self.value and key in SENSATION_KEYS:
            return False
        return super().check_consume_key(key, character)


class SensationChooser(Static):
    """The question and the five answers, the one picked (``chosen``) marked."""

    DEFAULT_CSS = """
    SensationChooser {
        height: auto;
    }
    """

    chosen: reactive[Sensation | None] = reactive(None)

    def render(self) -> Text:
        """The question (and what was logged), then the answers on a line of their own: 48
        columns, so they stay on one line in the summary from 60 columns on."""
        text = Text(QUESTION, style="bold")
        if self.chosen is not None:
            text.append(f"  ✓ {self.chosen}, logged", style="italic")
        text.append("\n")
        for sensation in SENSATIONS:
            if sensation is not SENSATIONS[0]:
                text.append("  ")
            text.append(f"{sensation_key(sensation)} {sensation}",
                        style="reverse bold" if sensation is self.chosen else "")
        return text
