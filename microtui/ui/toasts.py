"""Toasts never cover a dialog: while one is open they wait, and show when it closes.

A toast is drawn over the bottom right of whatever screen is in front, and a dialog (a
modal screen: a check-in, "unsaved changes", the pain and dizziness advice, help) sits in
the middle: at 80x24 a toast covers its text or its buttons. So the app's one
:class:`ToastHold` keeps every toast raised while a dialog is open, takes down those
already showing when one opens, and shows them all (for the time each had left, at least
:data:`MIN_SECONDS`) once no dialog is in front. Clearing the toasts clears the held ones
too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from textual.app import App, ScreenStackError, UnknownModeError
from textual.notifications import Notification
from textual.screen import Screen

from microtui.ui.textual_compat import show_notification, take_notifications

MIN_SECONDS = 3.0
"""A held toast shows for at least this long once the dialog closes."""


def is_dialog(screen: Screen[Any]) -> bool:
    return screen.is_modal


class ToastHold:
    """Holds the app's toasts while a dialog is in front (see the module docstring)."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self.held: list[Notification] = []

    def start(self) -> None:
        self.app.screen_change_signal.subscribe(self.app, self._screen_changed)

    def takes(self, notification: Notification) -> bool:
        """Keep ``notification`` for later if a dialog is in front (True: it is kept). With
        no screen at all (the app starting or ending) nothing is in front to cover."""
        try:
            front = self.app.screen_stack[-1:]
        except (ScreenStackError, UnknownModeError):
            front = []
        if not front or not is_dialog(front[0]):
            return False
        self.held.append(_waiting(notification))
        return True

    def clear(self) -> None:
        self.held.clear()

    def drop(self, which: Callable[[Notification], bool]) -> None:
        """Forget the held toasts ``which`` picks (their news is no longer true)."""
        self.held = [n for n in self.held if not which(n)]

    def _screen_changed(self, screen: Screen[Any]) -> None:
        if is_dialog(screen):
            self.held.extend(_waiting(n) for n in take_notifications(self.app))
            return
        held, self.held = self.held, []
        for notification in held:  # raised again now, for the time it had left
            show_notification(self.app, Notification(
                notification.message, notification.title, notification.severity,
                notification.timeout, markup=notification.markup))


def _waiting(notification: Notification) -> Notification:
    """``notification`` with the time it has left as its timeout (at least MIN_SECONDS)."""
    return replace(notification, timeout=max(notification.time_left, MIN_SECONDS))
