"""Today's answers to a set: ``s`` snooze, ``x`` skip, and ``u`` to take the day's last one
back. A skip is logged the moment it is given (and taken out of the log when undone),
through the app's :class:`~microtui.log_writer.LogWriter` in a thread worker; the "set
due" toast goes once the set is skipped.

:class:`TodayAnswers` does this for the screen; the screen keeps its keys and asks it.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from microtui.core.event_states import EventState
from microtui.ui.textual_compat import take_notifications
from microtui.ui.workday import notify_kept

if TYPE_CHECKING:
    from microtui.ui.screens.today import TodayScreen

DUE_TOAST = "set due · 2 to start"
"""The end of the title of the toast that announces a due set."""
ANSWERED = frozenset({EventState.DUE, EventState.SNOOZED})
"""The states in which a set can be snoozed or skipped from Today."""


class TodayAnswers:
    """Snooze, skip and undo for ``screen`` (see the module docstring)."""

    def __init__(self, screen: TodayScreen) -> None:
        self.screen = screen

    def shows(self, action: str) -> bool | None:
        """Whether ``action`` ("snooze", "skip" or "undo") is on (in the footer, and its key
        works): Snooze and Skip only while the selected set is due or snoozed (and not
        waiting in the player: it has started), Undo only when there is something to take
        back."""
        screen = self.screen
        if action == "undo":
            return screen.tracker.can_undo
        selected = screen.selection.selected(screen.day_view)
        target = screen.selection.target(action, screen.day_view)
        return (target is not None and target != screen.in_player
                and selected is not None and selected.state in ANSWERED)

    def snooze(self) -> None:
        screen = self.screen
        target = screen.selection.target("snooze", screen.day_view)
        if target is None or target == screen.in_player:
            screen.notify("Nothing is due to snooze.", severity="warning")
            return
        until = screen.tracker.snooze(target, screen.clock.now())
        screen.notify(f"Snoozed until {until:%H:%M} · u undoes it.", timeout=3)
        screen.selection.follow()
        screen.refresh_view()

    def skip(self) -> None:
        screen = self.screen
        target = screen.selection.target("skip", screen.day_view)
        if target is None or target == screen.in_player:
            screen.notify("Nothing to skip.", severity="warning")
            return
        record = screen.tracker.skip(target, screen.clock.now())
        self._due_toast_done()
        screen.notify("Skipped · u undoes it.", timeout=4)
        screen.selection.follow()
        screen.refresh_view()
        self._write("session", record, "Could not save the skip")

    def undo(self) -> None:
        screen = self.screen
        answer = screen.tracker.undo()
        if answer is None:
            screen.notify("Nothing to undo today.", severity="warning")
            return
        event = screen.tracker.timeline.by_id(answer.event_id) if screen.tracker.timeline \
            else None
        what = f"{event.name} at {event.planned:%H:%M}" if event is not None else "The set"
        screen.notify(f"{what} is no longer {'skipped' if answer.record else 'snoozed'}.",
                      title="Undone", timeout=4)
        screen.selection.follow()
        screen.refresh_view()
        if answer.record is not None:
            self._write("unskip", answer.record, "Could not undo the skip")

    def _due_toast_done(self) -> None:
        """The set is answered: its "set due" toast goes."""
        take_notifications(self.screen.app, lambda n: n.title.endswith(DUE_TOAST))

    def _write(self, kind: str, record: dict[str, Any], title: str) -> None:
        self.screen.run_worker(partial(self._log, kind, record, title), thread=True,
                               group="today-write", exit_on_error=False)

    def _log(self, kind: str, record: dict[str, Any], title: str) -> None:
        failed = self.screen.services.log.write(kind, record)
        if failed is not None:
            notify_kept(self.screen, failed, kind, title=title)
