"""Bare Textual apps: the baselines microtui's benchmarks are measured against.

    .venv/bin/python bench/bare_app.py label        # one Label (start-up and memory)
    .venv/bin/python bench/bare_app.py tick         # a Label updated once a second (idle)
    .venv/bin/python bench/bare_app.py fps [N]      # a Label redrawn N times a second (12)
    .venv/bin/python bench/bare_app.py digits [N]   # a Digits widget redrawn N times a second
    .venv/bin/python bench/bare_app.py modes        # two modes, a Label each: 1 and 2 switch

Each app is as plain as Textual allows (no CSS of its own, no header or footer), so a ratio
against it says what microtui costs on top of Textual itself. Every redraw shows new text, so
Textual cannot skip it. ``q`` quits. Only Textual is imported: never microtui.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Sequence
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import BindingType
from textual.screen import Screen
from textual.widgets import Digits, Label

LABEL_TEXT = "bare textual baseline"
"""What ``label`` shows: the marker the start-up benchmark waits for."""
DEFAULT_FPS = 12
"""The player's frame rate."""
MODE_TEXTS = {"1": "bare mode one", "2": "bare mode two"}
"""What each mode of ``modes`` shows, by the key that switches to it."""
KINDS = ("label", "tick", "fps", "digits", "modes")


class BareApp(App[None]):
    """One widget; ``rate`` updates a second (0: never)."""

    BINDINGS: ClassVar[list[BindingType]] = [("q", "quit", "Quit")]

    def __init__(self, kind: str, rate: float = 0.0) -> None:
        super().__init__()
        self.kind = kind
        self.rate = rate
        self.frames = 0
        self.began = time.monotonic()

    def compose(self) -> ComposeResult:
        if self.kind == "digits":
            yield Digits("0.00", id="widget")
        else:
            yield Label(LABEL_TEXT, id="widget")

    def on_mount(self) -> None:
        if self.rate > 0:
            self.set_interval(1 / self.rate, self.frame, name=f"bare-{self.kind}")

    def frame(self) -> None:
        self.frames += 1
        elapsed = time.monotonic() - self.began
        if self.kind == "digits":
            self.query_one(Digits).update(f"{elapsed:.2f}")
        else:
            self.query_one(Label).update(f"{LABEL_TEXT} · frame {self.frames} · {elapsed:.2f} s")


class ModeScreen(Screen[None]):
    """One Label: the text of its mode."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        yield Label(self.text)


class ModesApp(App[None]):
    """Two modes, each a screen with a Label, made when first shown (as Textual does);
    ``1`` and ``2`` switch between them."""

    BINDINGS: ClassVar[list[BindingType]] = [
        ("q", "quit", "Quit"),
        *((key, f"switch_mode('{key}')", "Mode") for key in MODE_TEXTS),
    ]
    MODES: ClassVar = {key: (lambda text=text: ModeScreen(text))  # type: ignore[misc]
                       for key, text in MODE_TEXTS.items()}
    DEFAULT_MODE = "1"


def parse_args(argv: Sequence[str] | None = None) -> tuple[str, float]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("kind", choices=KINDS)
    parser.add_argument("rate", nargs="?", type=float, default=None,
                        help=f"redraws a second for fps and digits (default {DEFAULT_FPS})")
    args = parser.parse_args(argv)
    if args.kind in ("label", "modes"):
        rate = 0.0
    elif args.kind == "tick":
        rate = 1.0
    else:
        rate = DEFAULT_FPS if args.rate is None else args.rate
        if rate <= 0:
            parser.error("the rate must be above 0")
    if args.rate is not None and args.kind in ("label", "tick", "modes"):
        parser.error(f"{args.kind} takes no rate")
    return args.kind, rate


def main(argv: Sequence[str] | None = None) -> int:
    kind, rate = parse_args(argv)
    if kind == "modes":
        ModesApp().run()
    else:
        BareApp(kind, rate).run()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
