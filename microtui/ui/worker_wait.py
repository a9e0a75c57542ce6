"""Waiting a moment for a worker, without the wait ever failing.

A screen whose first frame needs a read it starts in a thread worker may hold that frame a
moment for it (:func:`finished_within`), rather than draw a "Loading…" that lasts a few
milliseconds. While it waits, the event loop is idle, so the worker has the interpreter to
itself.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

from textual.worker import Worker, WorkerState


async def finished_within(worker: Worker[Any], seconds: float) -> bool:
    """Wait up to ``seconds`` for ``worker`` to end; whether it ended with success. A
    worker still running goes on (its result comes as it would have); one that fails or is
    cancelled is reported by the worker's own means, never raised here."""

    async def ended() -> None:
        with contextlib.suppress(Exception):
            await worker.wait()

    waiting = asyncio.ensure_future(ended())
    _WAITING.add(waiting)  # the loop keeps only a weak reference to a task
    waiting.add_done_callback(_WAITING.discard)
    await asyncio.wait([waiting], timeout=seconds)
    return worker.state == WorkerState.SUCCESS


_WAITING: set[asyncio.Future[None]] = set()
"""The waits still running after their time ran out (until their worker ends)."""
