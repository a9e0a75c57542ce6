"""Drive the installed ``microtui`` in a real terminal: tmux, keys in, screen out."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

TMUX = shutil.which("tmux")
MICROTUI = Path(sys.executable).with_name("microtui")

pytestmark = pytest.mark.e2e


class Terminal:
    """One tmux session running one command, on a tmux server of its own.

    Each terminal has its own server (``tmux -L``): on a shared server, one test's last
    ``kill-session`` shuts the server down while another test's ``new-session`` is
    connecting to it, and tmux answers "server exited unexpectedly".
    """

    def __init__(self, name: str) -> None:
        self.name = name

    def tmux(self, *args: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["tmux", "-L", self.name, *args], text=True, **kwargs)  # type: ignore[call-overload]

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", self.name, *keys, check=True)

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.name, capture_output=True).stdout

    def styled(self) -> str:
        """The screen with its colours (escape sequences): shows where the focus is."""
        return self.tmux("capture-pane", "-p", "-e", "-t", self.name,
                         capture_output=True).stdout

    def close(self) -> None:
        """Close the terminal, as a closed tab does: the app gets SIGHUP."""
        self.tmux("kill-session", "-t", self.name, check=True)

    def shut_down(self) -> None:
        self.tmux("kill-server", capture_output=True)

    def wait_for(self, text: str | Callable[[str], bool], timeout: float = 15.0) -> str:
        test = (lambda screen: text in screen) if isinstance(text, str) else text
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if test(screen):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"timed out waiting for {text!r}; the screen shows:\n{screen}")

    def alive(self) -> bool:
        return self.tmux("has-session", "-t", self.name, capture_output=True).returncode == 0


def without_size(environ: dict[str, str] | os._Environ[str]) -> dict[str, str]:
    return {k: v for k, v in environ.items() if k not in ("COLUMNS", "LINES")}


@pytest.fixture
def terminal() -> Iterator[Callable[..., Terminal]]:
    if TMUX is None:
        pytest.skip("tmux is not installed (make test installs it where it can)")
    if not MICROTUI.exists():
        pytest.skip(f"microtui is not installed next to {sys.executable}")
    terminals: list[Terminal] = []

    def start(*args: str, env: dict[str, str] | None = None, size: tuple[int, int] = (120, 40),
              command: str | None = None, setup: bool = False) -> Terminal:
        """``setup``: a fresh data directory opens on the first-run setup (else the app is
        started with ``--skip-setup``, as before there was one)."""
        term = Terminal(f"mt-{uuid.uuid4().hex[:8]}")
        terminals.append(term)
        environment = " ".join(f"{k}={v}" for k, v in (env or {}).items())
        line = command or " ".join([str(MICROTUI), *args, *([] if setup else ["--skip-setup"])])
        # Under load tmux can start the command before it has sized the pane: the terminal
        # then reads 0x0 and Textual falls back to 80x24 for good. Wait for the size first.
        # Keep the pane open after exit so a crash can be read. COLUMNS and LINES would
        # override the pane's size for Textual: pytest-xdist's workers set them (80x24), and
        # a tmux server started by one passes them on to every session it starts.
        wait_for_size = 'while [ "$(stty size)" = "0 0" ]; do sleep 0.05; done; '
        term.tmux(
            "new-session", "-d", "-s", term.name, "-x", str(size[0]), "-y", str(size[1]),
            f"{wait_for_size}env -u COLUMNS -u LINES TERM=xterm-256color {environment} "
            f"{line}; echo EXITED $?; sleep 30",
            check=True, env={**without_size(os.environ), "TERM": "xterm-256color"},
        )
        return term

    yield start
    for term in terminals:
        term.shut_down()
