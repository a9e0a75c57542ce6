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

    await asyncio.wait([asyncio.ensure_future(ended())], timeout=seconds)
    return worker.state == WorkerState.SUCCESS
