"""While the app runs, it keeps ``microtui next``'s answers for the day in the data directory
(:mod:`microtui.next_state`), so a status bar's ``next`` reads them instead of working them
out.

The app looks every :data:`CHECK_SECONDS` (its timer, the check in a worker thread:
:mod:`microtui.ui.next_upkeep`) whether the saved answers still hold (a few file stamps)
and works them out again when they do not: a set logged, a routine or the schedule saved,
a meeting typed, the calendar fetched or edited, a new day. Whatever it misses between two
looks, ``next`` sees by itself (it checks the same stamps) and works out in full. A failure
here only costs ``next`` its speed.
"""

from __future__ import annotations

import os
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from microtui.next_state import STATE_FILE, NextOptions, holding_line, read_state, state_key

if TYPE_CHECKING:
    import argparse
    from collections.abc import Mapping

    from microtui.core.clock import Clock

CHECK_SECONDS = 15.0
"""How often the app looks (a status bar polls about as often)."""
FIRST_CHECK_SECONDS = 5.0
"""The first look: a few seconds after the start, out of the way of the first paint."""
RETRY_SECONDS = 300.0
"""After answers that could not be worked out (a file that cannot be read, say)."""


class NextStateKeeper:
    """Keeps the state file of ``next`` with ``options`` (the app's own options)."""

    def __init__(self, options: NextOptions, clock: Clock, *,
                 env: Mapping[str, str] | None = None, cwd: str | None = None) -> None:
        self.options = options
        self.clock = clock
        self.env = os.environ if env is None else env
        self.cwd = os.getcwd() if cwd is None else cwd
        self._resume_at: datetime | None = None

    def holds(self) -> bool:
        """The saved answers hold now."""
        from microtui.next_answer import data_dir_for, micros

        directory, default = data_dir_for(self.options, self.env, self.cwd)
        state = read_state(os.path.join(directory, STATE_FILE))
        if state is None:
            return False
        key = state_key(self.options, self.env, self.cwd, directory, default)
        return holding_line(state, key, self.cwd, micros(self.clock.now())) is not None

    def check(self) -> bool | None:
        """Work the answers out again and save them when they no longer hold: True when
        saved, False when they still held, None when they could not be worked out or
        saved."""
        from microtui.next_answer import build_state
        from microtui.next_state import write_state

        if self.holds():
            return False
        state = build_state(self.options, self.clock, env=self.env, cwd=self.cwd)
        if state is None:
            return None
        try:
            write_state(state["key"]["data"], state)
        except OSError:
            return None
        return True

    def look(self) -> None:
        """One look (:meth:`check`, a bug in it included: it must not take the app down);
        after one that failed, none for :data:`RETRY_SECONDS`."""
        now = self.clock.now()
        if self._resume_at is not None and now < self._resume_at:
            return
        try:
            done = self.check()
        except Exception:  # noqa: BLE001 - next works its answer out by itself
            done = None
        self._resume_at = now + timedelta(seconds=RETRY_SECONDS) if done is None else None


def next_state_keeper(args: argparse.Namespace, clock: Clock) -> NextStateKeeper:
    """The keeper of the answers of ``next`` given the app's ``--data``, ``--exercises``
    and ``--calendar``."""
    exercises = args.exercises
    return NextStateKeeper(NextOptions(
        args.data, None if exercises is None else str(exercises),
        None if args.calendar is None else str(args.calendar)), clock)
