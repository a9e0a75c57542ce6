"""The terminal around the app: its window title, its bell and desktop notifications.

Textual has no API for the terminal's title (``App.title`` only changes the Header), so this
module writes the escape sequences itself, through the app's driver - the same ordered
output stream Textual renders with, so nothing interleaves with a frame:

* ``OSC 2 ; title BEL`` sets the window (or tab) title. The title is only written when it
  changes, so a screen can call :meth:`TerminalSignals.set_title` on every tick.
* Before the first title, ``CSI 22 ; 0 t`` pushes the terminal's own title on xterm's title
  stack; :meth:`TerminalSignals.restore` writes the saved title (empty by default: most
  terminals then show their default) and pops the stack with ``CSI 23 ; 0 t``, so terminals
  with a title stack get their original title back and the rest get a cleared one.
* ``BEL`` rings the bell (the terminal decides whether that is a sound, a flash or an
  urgency hint).
* Desktop notifications, off by default: ``OSC 9 ; message BEL`` (iTerm2, WezTerm, Ghostty,
  ...) or ``OSC 777 ; notify ; title ; body BEL`` (VTE terminals, foot, urxvt, Ghostty), or
  not through the terminal at all: the platform's notifier (``desktop``,
  :mod:`microtui.ui.desktop_notifier`), which when missing is said once in a toast.

Text from outside (a calendar's meeting titles, say) could carry escape sequences of its
own, so every piece of text is stripped of control characters (C0, DEL and C1) first.

Under a headless driver (tests) or before the app has a driver, nothing is written, but the
last title, the bells rung and the notifications sent are still recorded for tests.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from microtui.core.settings import DesktopProtocol
from microtui.ui.textual_compat import terminal_writer

if TYPE_CHECKING:
    from microtui.ui.desktop_notifier import DesktopNotifier

ESC = "\x1b"
BEL = "\x07"
PUSH_TITLE = f"{ESC}[22;0t"
"""XTWINOPS: save the icon and window title on the terminal's title stack."""
POP_TITLE = f"{ESC}[23;0t"
"""XTWINOPS: restore the icon and window title from the stack."""
MAX_TITLE = 120
MAX_NOTIFICATION = 240

NotifyProtocol = DesktopProtocol
"""How desktop notifications reach the terminal: the settings' one definition."""

# Patterns as text: `re` compiles each on its first use and keeps it (not every start).
_CONTROL_RE = r"[\x00-\x1f\x7f-\x9f]+"


def clean(text: str, limit: int = MAX_TITLE) -> str:
    """``text`` on one line, without control characters, at most ``limit`` characters."""
    flat = " ".join(re.sub(_CONTROL_RE, " ", str(text)).split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def osc_title(title: str) -> str:
    """``OSC 2``: set the window title."""
    return f"{ESC}]2;{clean(title)}{BEL}"


def osc9(message: str) -> str:
    """``OSC 9``: a desktop notification (iTerm2's form: the message only)."""
    text = clean(message, MAX_NOTIFICATION)
    if text[:1].isdigit():
        text = f" {text}"  # ConEmu reads "9;<number>;..." as one of its own commands
    return f"{ESC}]9;{text}{BEL}"


def osc777(title: str, body: str) -> str:
    """``OSC 777 ; notify``: a desktop notification with a title and a body."""
    head = clean(title).replace(";", ",")
    return f"{ESC}]777;notify;{head};{clean(body, MAX_NOTIFICATION)}{BEL}"


def guess_notify_protocol(env: Mapping[str, str]) -> NotifyProtocol:
    """The notification sequence the terminal in ``env`` most likely understands."""
    program = env.get("TERM_PROGRAM", "").lower()
    if program in ("iterm.app", "wezterm", "ghostty", "warpterminal"):
        return "osc9"
    if env.get("VTE_VERSION") or env.get("TERM", "").startswith(("foot", "rxvt")):
        return "osc777"
    return "osc9"


class TerminalSignals:
    """Title, bell and notifications for one app (see the module docstring).

    ``write`` replaces the driver (for tests). ``notify_protocol`` of None keeps desktop
    notifications off. ``restore_title`` is what :meth:`restore` sets before popping the
    title stack.
    """

    def __init__(
        self,
        app: Any = None,
        *,
        write: Callable[[str], object] | None = None,
        notify_protocol: NotifyProtocol | None = None,
        title_stack: bool = True,
        restore_title: str = "",
    ) -> None:
        self._app = app
        self._write = write
        self.notify_protocol = notify_protocol
        self.title_stack = title_stack
        self.restore_title = restore_title
        self.last_title: str | None = None
        self.pushed = False
        self.bells = 0
        self.notifications: list[tuple[str, str]] = []
        self._desktop: DesktopNotifier | None = None

    def _writer(self) -> Callable[[str], object] | None:
        if self._write is not None:
            return self._write
        if self._app is None:
            return None
        return terminal_writer(self._app)

    def _emit(self, data: str) -> bool:
        write = self._writer()
        if write is None or not data:
            return False
        try:
            write(data)
        except Exception:  # the driver is not (or no longer) in application mode
            return False
        return True

    @property
    def active(self) -> bool:
        """True when sequences really reach a terminal."""
        return self._writer() is not None

    def set_title(self, title: str) -> bool:
        """Show ``title`` in the terminal's title bar; False if it was already showing."""
        text = clean(title)
        if text == self.last_title:
            return False
        self.last_title = text
        data = osc_title(text)
        if self.title_stack and not self.pushed and self.active:
            data = PUSH_TITLE + data
            self.pushed = True
        self._emit(data)
        return True

    def bell(self) -> None:
        """Ring the terminal bell."""
        self.bells += 1
        self._emit(BEL)

    def notify_desktop(self, title: str, body: str) -> bool:
        """Send a desktop notification, if they are switched on; True if one was written."""
        self.notifications.append((clean(title), clean(body, MAX_NOTIFICATION)))
        if self.notify_protocol == "osc9":
            return self._emit(osc9(f"{title}: {body}" if body else title))
        if self.notify_protocol == "osc777":
            return self._emit(osc777(title, body))
        if self.notify_protocol == "desktop":
            return self._notify_with_notifier(clean(title), clean(body, MAX_NOTIFICATION))
        return False

    def _notify_with_notifier(self, title: str, body: str) -> bool:
        if self._desktop is None:
            from microtui.ui.desktop_notifier import DesktopNotifier

            self._desktop = DesktopNotifier()
        problem = self._desktop.send(title, body)
        if problem and self._app is not None:  # said once: the notifier stays off then
            self._app.notify(problem, title="Desktop notifications", severity="warning",
                             timeout=10)
        return not self._desktop.missing

    def restore(self) -> None:
        """Put the terminal's title back: the saved title, then pop the title stack."""
        if self.last_title is None and not self.pushed:
            return  # we never touched it
        data = osc_title(self.restore_title)
        if self.pushed:
            data += POP_TITLE
        self._emit(data)
        self.last_title = None
        self.pushed = False


_BY_APP: weakref.WeakKeyDictionary[Any, TerminalSignals] = weakref.WeakKeyDictionary()


def terminal_for(app: Any, **options: Any) -> TerminalSignals:
    """The app's one :class:`TerminalSignals` (created with ``options`` on first use), so
    every screen shares the same title state."""
    signals = _BY_APP.get(app)
    if signals is None:
        signals = _BY_APP[app] = TerminalSignals(app, **options)
    return signals
