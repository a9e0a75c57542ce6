"""Desktop notifications through the platform's own notifier (``--notify desktop``).

OSC 9/777 reach a desktop only through some terminals (and through tmux only with
``allow-passthrough``); the platform's notifier reaches it from any terminal:
``notify-send`` (libnotify) on Linux and other Unix desktops, ``osascript`` on macOS.

The notifier is run as an argument list, never through a shell: the title and the body
(a set's name, a meeting's title from a calendar) are arguments, not code. ``notify-send``
gets them after ``--``, so a title starting with ``-`` is not read as an option; ``osascript``
gets them as the script's ``argv``, so no text is ever spliced into AppleScript. The process
is started and not waited for (a notifier that hangs cannot hold up the app); finished ones
are reaped on the next send.

A notifier that is not there (or cannot be started) is said once, by the return value of
:meth:`DesktopNotifier.send`, and never again.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable

APP_NAME = "microtui"

#: osascript's script: the title and body come in as ``argv``.
APPLESCRIPT = ("on run argv", "display notification (item 2 of argv) with title (item 1 of argv)",
               "end run")


def notifier_name(platform: str = sys.platform) -> str:
    """The notifier this platform has: ``osascript`` on macOS, else ``notify-send``."""
    return "osascript" if platform == "darwin" else "notify-send"


def notifier_command(title: str, body: str, path: str,
                     platform: str = sys.platform) -> list[str]:
    """The argument list that shows one notification with the notifier at ``path``."""
    if platform == "darwin":
        script = [arg for line in APPLESCRIPT for arg in ("-e", line)]
        return [path, *script, title, body]
    return [path, f"--app-name={APP_NAME}", "--", title, body]


def start(command: list[str]) -> subprocess.Popen[bytes]:
    """Start ``command`` detached from the terminal the app draws on."""
    return subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, close_fds=True, start_new_session=True)


class DesktopNotifier:
    """Sends desktop notifications with the platform's notifier (see the module docstring).

    ``which`` finds the notifier on ``PATH`` and ``run`` starts it (both replaceable for
    tests). The notifier is looked up on the first send.
    """

    def __init__(self, *, platform: str = sys.platform,
                 which: Callable[[str], str | None] = shutil.which,
                 run: Callable[[list[str]], subprocess.Popen[bytes]] = start) -> None:
        self.platform = platform
        self.which = which
        self.run = run
        self.name = notifier_name(platform)
        self._path: str | None = None
        self._looked = False
        self.missing = False
        """The notifier is not there (or failed to start): nothing is sent any more."""
        self._running: list[subprocess.Popen[bytes]] = []

    def send(self, title: str, body: str) -> str | None:
        """Show a notification. Returns what to tell the user, once: why notifications do
        not reach the desktop (the first time it is found out); else None."""
        if self.missing:
            return None
        if not self._looked:
            self._looked = True
            self._path = self.which(self.name)
        if self._path is None:
            self.missing = True
            return (f"No {self.name} found: desktop notifications are off. Install it, or "
                    "use --notify osc9 or osc777.")
        self._running = [p for p in self._running if p.poll() is None]
        try:
            self._running.append(self.run(notifier_command(title, body, self._path,
                                                           self.platform)))
        except OSError as exc:
            self.missing = True
            return f"{self.name} could not be started ({exc.strerror or exc}): desktop " \
                   "notifications are off."
        return None
