"""Run the whole-workday soak (``bench/soak.py``) in the background while the rest of the
suite runs, and check its results at the very end.

The soak plays 8.5 fake hours at 60x (``MICROTUI_SOAK_HOURS`` shortens it): about 9 real
minutes, mostly idle waiting (the app uses about 1% of a core). So as soon as collection
finishes, and only when a test marked ``soak`` was collected and tmux and the installed
microtui are there, it starts as a subprocess; the marked test is moved to the end of the
run, where it waits for it. The subprocess and its tmux session are ended when pytest
exits, however it exits.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOAK_SCRIPT = ROOT / "bench" / "soak.py"
MICROTUI = Path(sys.executable).with_name("microtui")
sys.path.insert(0, str(SOAK_SCRIPT.parent))

from soak import kill_server  # noqa: E402

MARK = "soak"
HOURS = os.environ.get("MICROTUI_SOAK_HOURS", "").strip()
"""Set to play a shorter day (fake hours) while working on the soak itself; CI plays it all."""


class BackgroundSoak:
    """``bench/soak.py`` running as a subprocess, with its JSON results in a temp dir."""

    def __init__(self, args: list[str]) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="microtui-soak-test-"))
        self.session = f"mt-soak-{uuid.uuid4().hex[:8]}"
        self.results = self.dir / "results.json"
        self.log = self.dir / "soak.log"
        self.args = args
        self.proc: subprocess.Popen[bytes] | None = None
        self.outcome: tuple[int, dict, str] | None = None
        self.started = 0.0

    def start(self) -> None:
        with self.log.open("wb") as log:
            self.proc = subprocess.Popen(
                [sys.executable, str(SOAK_SCRIPT), "--app", str(MICROTUI),
                 "--session", self.session, "--json", str(self.results), *self.args],
                stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                cwd=ROOT, start_new_session=True,  # ctrl-c is pytest's to handle
            )
        self.started = time.monotonic()

    def wait(self, timeout: float) -> tuple[int, dict, str]:
        """The soak's exit code, its JSON results and its log (waited for once)."""
        if self.outcome is not None:
            return self.outcome
        assert self.proc is not None
        left = timeout - (time.monotonic() - self.started)
        try:
            code = self.proc.wait(timeout=max(1.0, left))
        except subprocess.TimeoutExpired:
            self.stop()
            raise AssertionError(f"the soak took more than {timeout:g} s:\n"
                                 f"{self.log.read_text(errors='replace')}") from None
        log = self.log.read_text(errors="replace")
        try:
            results = json.loads(self.results.read_text())
        except (OSError, ValueError):
            results = {}
        self.outcome = (code, results, log)
        return self.outcome

    def stop(self) -> None:
        """End the subprocess (it kills its tmux session on SIGTERM) and the session too."""
        proc, self.proc = self.proc, None
        if proc is not None and proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=5)
        if shutil.which("tmux"):
            kill_server(self.session)  # the soak's own tmux server, if it is still there
        shutil.rmtree(self.dir, ignore_errors=True)


_soak: BackgroundSoak | None = None
_why_not = "the soak test was not collected"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", f"{MARK}: the whole-workday soak, run in the background "
                                       "during the suite and checked at its end")


def _is_soak(item: pytest.Item) -> bool:
    return item.get_closest_marker(MARK) is not None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The soak test goes last, to overlap the rest of the suite."""
    items.sort(key=_is_soak)  # stable: everything else keeps its order


def pytest_collection_finish(session: pytest.Session) -> None:
    global _soak, _why_not
    if session.config.option.collectonly or not any(_is_soak(i) for i in session.items):
        return
    if shutil.which("tmux") is None:
        _why_not = "tmux is not installed (make test installs it where it can)"
        return
    if not MICROTUI.exists():
        _why_not = f"microtui is not installed next to {sys.executable}"
        return
    _soak = BackgroundSoak(["--hours", HOURS] if HOURS else [])
    _soak.start()
    atexit.register(_stop)  # in case pytest dies before unconfigure


def _stop() -> None:
    global _soak
    if _soak is not None:
        soak, _soak = _soak, None
        soak.stop()


def pytest_unconfigure(config: pytest.Config) -> None:
    _stop()


@pytest.fixture
def background_soak() -> BackgroundSoak:
    if _soak is None:
        pytest.skip(_why_not)
    return _soak
