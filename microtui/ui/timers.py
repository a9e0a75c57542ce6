"""The app's timers, run by the app's clock.

Under the real clock (or ``MICROTUI_SPEED``'s scaled one) a timer is Textual's own
``set_interval``/``set_timer``. Under a clock that runs timers itself
(:class:`~microtui.core.clock.TimerClock`: the tests' fake clock) it fires when the test
moves the clock, so no test waits real seconds for fake time to pass.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.message_pump import MessagePump

from microtui.core.clock import Clock, Ticker, TimerClock


def every(node: MessagePump, clock: Clock, seconds: float, callback: Callable[[], object],
          *, name: str | None = None, pause: bool = False) -> Ticker:
    """Call ``callback`` every ``seconds`` while ``node`` runs; ``pause`` makes the timer
    start paused (``resume`` or ``reset`` runs it)."""
    if isinstance(clock, TimerClock):
        ticker = _while_running(node, clock.call_every, seconds, callback)
        if pause:
            ticker.pause()
        return ticker
    return node.set_interval(seconds, callback, name=name, pause=pause)


def later(node: MessagePump, clock: Clock, seconds: float, callback: Callable[[], object],
          *, name: str | None = None) -> Ticker:
    """Call ``callback`` once, ``seconds`` from now, if ``node`` still runs then."""
    if isinstance(clock, TimerClock):
        return _while_running(node, clock.call_later, seconds, callback)
    return node.set_timer(seconds, callback, name=name)


def _while_running(node: MessagePump, start: Callable[..., Ticker], seconds: float,
                   callback: Callable[[], object]) -> Ticker:
    ticker: Ticker | None = None

    def fire() -> None:
        if not node.is_running:  # the node (or its app) is gone: so is its timer
            if ticker is not None:
                ticker.stop()
            return
        callback()

    ticker = start(seconds, fire)
    return ticker
