"""Quiet for a while: ``z`` (or the palette's "Quiet for a while") pauses every reminder for
30 minutes, 1 hour, 2 hours or until tomorrow; ``z`` again ends it early.

While it is quiet no set comes due (:mod:`microtui.core.quiet`), so nothing rings: no bell,
no toast, no desktop notification, no autostart. Today and the terminal title say until
when. The quiet periods are settings (``"quiet"``), changed in the settings in force at
once (every screen is told) and stored in a thread worker, so quiet outlasts a restart and
``microtui next`` says so too. It ends by itself: Today's tick sees the time pass.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from textual.binding import Binding
from textual.notifications import Notification

from microtui.core.quiet import QuietChoice, QuietLog, quiet_text
from microtui.ui.presenters.day_summary import QUIET_KEY
from microtui.ui.textual_compat import take_notifications
from microtui.ui.toasts import ToastHold
from microtui.ui.today_answers import DUE_TOAST
from microtui.ui.workday import Workday

QuietChange = Callable[[QuietLog], QuietLog]

QUIET_BINDING = Binding(QUIET_KEY, "quiet", "Quiet for a while, or end it", id="quiet",
                        show=False)
"""``z``: quiet for a while, or end it (one of the app's bindings: see
:mod:`microtui.ui.app_part`)."""


def is_due_toast(toast: Notification) -> bool:
    """The toast that announced a set due (it rings no more once it is quiet)."""
    return toast.title.endswith(DUE_TOAST)


class QuietMode(Workday):
    """The app's side of quiet for a while (see the module docstring)."""

    toast_hold: ToastHold

    # -- what the app shell provides ------------------------------------------------------

    def change_settings(self, **changes: object) -> None:
        """Change the settings in force and tell every screen."""
        raise NotImplementedError

    # -- quiet ----------------------------------------------------------------------------

    def quiet_until(self) -> datetime | None:
        """When the quiet in force ends; None when it is not quiet."""
        return self.services.settings.current.quiet.until(self.services.clock.now())

    def action_quiet(self) -> None:
        """Not quiet: ask how long to be quiet. Quiet: end it now."""
        from microtui.ui.screens.quiet_dialog import QuietChooser

        if isinstance(self.screen, QuietChooser):
            return
        if self.quiet_until() is not None:
            self.end_quiet()
            return
        self.push_screen(QuietChooser(self.services.clock.now()), self.start_quiet)

    def start_quiet(self, choice: QuietChoice | None) -> None:
        """Be quiet for ``choice`` from now (None: the chooser was cancelled)."""
        if choice is None:
            return
        now = self.services.clock.now()
        until = choice.until(now)
        self._change_quiet(lambda quiet: quiet.started(now, until))
        self.toast_hold.drop(is_due_toast)  # held while the chooser was open
        take_notifications(self, is_due_toast)
        self.notify(f"No set rings until then. {QUIET_KEY} ends it.",
                    title=quiet_text(until, now).capitalize(), timeout=5)

    def end_quiet(self) -> None:
        now = self.services.clock.now()
        self._change_quiet(lambda quiet: quiet.ended(now))
        self.notify("Quiet ended: sets ring again.", timeout=4)

    def _change_quiet(self, change: QuietChange) -> None:
        self.change_settings(quiet=change(self.services.settings.current.quiet))
        if self.services.store is not None:
            self.write_settings(lambda saved: saved.with_quiet(change(saved.quiet)),
                                title="Could not save the quiet",
                                then="\nIt holds until microtui is closed.")
