"""Helpers for Pilot tests."""

from __future__ import annotations

import asyncio
import inspect
import time
from collections.abc import Callable
from typing import Any, TypeVar

from rich.table import Table
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Static

from microtui.ui.textual_compat import waiting_after_first_frame

S = TypeVar("S")

WAIT_SECONDS = 30.0
"""How long :func:`wait_for` waits at most: a safety net for a condition that never comes,
far beyond what any condition takes on a loaded machine. Never what a test measures."""


async def wait_for(pilot: Pilot, condition: Callable[[], object], what: str | None = None,
                   *, timeout: float = WAIT_SECONDS) -> None:
    """Let the app run until ``condition()`` holds (is truthy).

    Use it instead of a fixed ``pilot.pause()`` for "until something happened": a key's
    effect, a screen pushed, a worker's result shown, a timer's tick seen. The condition
    is checked after each pause; one that raises counts as not yet (a widget not mounted
    yet, say). Fails with ``what`` (or the condition's source) and the screen shown when
    ``timeout`` passes, and at once when the app has died.
    """
    app = pilot.app
    deadline = time.monotonic() + timeout
    error: Exception | None = None
    delay = 0.0  # the first look at once, then every 10 ms
    while True:
        # Time for timers and threads first; then what they queued is handled and the
        # screen brought up to date (pilot.pause(0)), then the look.
        await asyncio.sleep(delay)
        await pilot.pause(0)
        delay = 0.01
        if app._exception is not None:
            raise AssertionError(f"the app died while waiting for {_what(condition, what)}"
                                 ) from app._exception
        try:
            if condition():
                return
            error = None
        except Exception as exc:  # not yet; reported if it never holds
            error = exc
        if time.monotonic() > deadline:
            shown = type(app.screen).__name__ if app.is_running else "nothing (exited)"
            raise AssertionError(f"waited {timeout:g} s for {_what(condition, what)}; the "
                                 f"app shows {shown}") from error


async def wait_for_screen(pilot: Pilot, kind: type[S], what: str | None = None) -> S:
    """Wait until the app shows a ``kind`` screen (pushed by a key, a timer, a worker),
    mounted, and return it."""
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, kind)
                   and pilot.app.screen.is_mounted and screen_text(pilot.app).strip(),
                   what or f"a {kind.__name__} on screen")
    screen = pilot.app.screen
    assert isinstance(screen, kind)
    return screen


def settled(app: App) -> bool:
    """The app has nothing left to do for now: every message to it, its screen and the
    screen's widgets handled, no layout or repaint pending, and nothing waiting for the
    next frame (``call_after_refresh``: what follows a frame has all happened, a ``Lazy``
    widget mounted) or after the first one (:func:`after_first_frame`). Use it after the
    condition that says the frame came."""
    screen = app.screen
    return (not waiting_after_first_frame(app)
            and all(node._message_queue.empty()
                for node in (app, *screen.walk_children(with_self=True)))
            and not (screen._layout_required or screen._repaint_required
                     or screen._dirty_widgets or screen._callbacks))


async def settle(pilot: Pilot, what: str = "the app to finish what it was given") -> None:
    """Wait until the app's workers are done and it has handled what they and the test
    gave it (:func:`settled`): after a key or a call whose effects are all queued."""
    await wait_for(pilot, lambda: all(worker.is_finished for worker in pilot.app.workers)
                   and settled(pilot.app), what)


def _what(condition: Callable[[], object], what: str | None) -> str:
    if what:
        return what
    try:
        return " ".join(inspect.getsource(condition).split())
    except (OSError, TypeError):
        return repr(condition)


def screen_text(app: App) -> str:
    """What the terminal shows right now, as plain text, one line per row."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def type_keys(text: str) -> list[str]:
    """Keys for ``pilot.press`` that type ``text`` (a space is the "space" key)."""
    return ["space" if char == " " else char for char in text]


def table_rows(static: Static) -> list[list[str]]:
    """The plain-text cells of the Rich table a Static displays, row by row."""
    table = static.content
    assert isinstance(table, Table), f"{static!r} does not show a table"
    columns = [[str(cell) for cell in column.cells] for column in table.columns]
    return [list(row) for row in zip(*columns, strict=True)]


def record_calls(monkeypatch, owner: type, name: str,  # type: ignore[no-untyped-def]
                 record=lambda self, *args: self) -> list:  # noqa: ANN001
    """Wrap ``owner.name`` for the test so that each call appends ``record(self, *args)``
    to the returned list (by default the object called on), then does what it did."""
    calls: list = []
    original = getattr(owner, name)

    def recorded(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(record(self, *args))
        return original(self, *args, **kwargs)

    monkeypatch.setattr(owner, name, recorded)
    return calls


def record_frames(monkeypatch, events: list,  # type: ignore[no-untyped-def]  # noqa: ANN001
                  record: Callable[[Any, bool], object] | None = None) -> None:
    """Each frame Textual draws adds ``record(screen, dropped)`` to ``events`` (``dropped``:
    inside a batch update, not written); None is not added. Without ``record``: "frame"
    for each frame written, "frame dropped" for each one dropped."""
    display = App._display

    def recorded(self: App[Any], screen: Any, renderable: Any) -> None:
        if renderable is not None:
            dropped = bool(self._batch_count)
            entry = (("frame dropped" if dropped else "frame") if record is None
                     else record(screen, dropped))
            if entry is not None:
                events.append(entry)
        display(self, screen, renderable)

    monkeypatch.setattr(App, "_display", recorded)
