"""finished_within: a moment's wait for a thread worker that never fails itself."""

from __future__ import annotations

import asyncio
import threading

from textual import work
from textual.app import App
from textual.worker import WorkerState

from microtui.ui import worker_wait
from microtui.ui.worker_wait import finished_within


class Waiter(App[None]):
    """Starts thread workers that end when the test lets them."""

    def __init__(self) -> None:
        super().__init__()
        self.gate = threading.Event()

    @work(thread=True, exit_on_error=False)
    def quick(self) -> int:
        return 1

    @work(thread=True, exit_on_error=False)
    def gated(self) -> int:
        assert self.gate.wait(10), "the test never opened the gate"
        return 2

    @work(thread=True, exit_on_error=False)
    def failing(self) -> int:
        raise OSError("disk gone")


async def test_a_worker_that_ends_in_time_is_reported_finished():
    app = Waiter()
    async with app.run_test():
        worker = app.quick()
        assert await finished_within(worker, 5.0)
        assert worker.result == 1


async def test_a_slow_worker_is_left_running_and_ends_later():
    app = Waiter()
    async with app.run_test():
        worker = app.gated()
        assert not await finished_within(worker, 0.01)
        assert worker.state == WorkerState.RUNNING
        app.gate.set()
        assert await finished_within(worker, 5.0)
        assert worker.result == 2
        for _ in range(1000):  # the first wait lets go of its task once the worker ended
            if not worker_wait._WAITING:
                break
            await asyncio.sleep(0)
        assert not worker_wait._WAITING


async def test_a_failing_worker_is_not_raised_here():
    app = Waiter()
    async with app.run_test():
        worker = app.failing()
        assert not await finished_within(worker, 5.0)
        assert worker.state == WorkerState.ERROR
