"""The whole-workday soak (``bench/soak.py``) as a subprocess that runs while the rest of
the suite does, and is checked by the tests marked ``soak`` at the very end.

The soak is mostly idle waiting (the app uses about 1% of a core), so it starts as soon as
collection finishes, and only when a test marked ``soak`` was collected and tmux and the
installed microtui are there. Everything it leaves goes into one directory: whether a test
wants it, why it could not start, its pid, its log, its JSON results and its exit code. So
the process that starts it need not be the one whose test checks it: under xdist the
controller starts it (it lives until the whole run is over) and a worker checks it; in a
run without xdist one process does both. Whoever started it ends it, and its tmux server,
when pytest exits, however it exits.
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
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOAK_SCRIPT = ROOT / "bench" / "soak.py"
MICROTUI = Path(sys.executable).with_name("microtui")
sys.path.insert(0, str(SOAK_SCRIPT.parent))

from soak import kill_server  # noqa: E402

MARK = "soak"
PLUGIN = "microtui-soak"
WORKER_INPUT = "microtui_soak_dir"

WORKDAY_END = "12:00"
"""The soak in the suite plays a whole workday that ends at noon: 09:00 to 12:00, the
start-of-day set, five interval sets and the end-of-day set, and then the app quits as a
user would. Three fake hours (a little over three real minutes at 60x) still show what the
whole day showed: each set played on time and once, and the resident set of the last fake
hour against the first (a leak of removed widgets grew it by about 6 MiB a fake hour, so
+24% here). ``make soak`` plays the default 8.5 hour day."""

HOURS = os.environ.get("MICROTUI_SOAK_HOURS", "").strip()
"""Set to stop the day early (fake hours) while working on the soak itself."""


class BackgroundSoak:
    """``bench/soak.py`` running as a subprocess, with everything it leaves in ``dir``."""

    def __init__(self, directory: Path) -> None:
        self.dir = directory
        self.wanted = directory / "wanted"
        self.why_not_file = directory / "why-not"
        self.pid_file = directory / "pid"
        self.code_file = directory / "exit-code"
        self.results = directory / "results.json"
        self.log = directory / "soak.log"
        self.session = f"mt-soak-{directory.name.rsplit('-', 1)[-1]}"
        self.proc: subprocess.Popen[bytes] | None = None

    @classmethod
    def create(cls) -> BackgroundSoak:
        return cls(Path(tempfile.mkdtemp(prefix="microtui-soak-test-")))

    # -- the process that starts it ----------------------------------------------------------

    def want(self) -> None:
        """Say that a test marked ``soak`` was collected (written by whoever collected it)."""
        self.wanted.touch()

    def start_if_wanted(self, args: list[str]) -> None:
        if self.proc is not None or not self.wanted.exists() or self.why_not_file.exists():
            return
        if shutil.which("tmux") is None:
            self.why_not_file.write_text("tmux is not installed (make test installs it where "
                                         "it can)")
        elif not MICROTUI.exists():
            self.why_not_file.write_text(f"microtui is not installed next to {sys.executable}")
        else:
            self.start(args)

    def start(self, args: list[str]) -> None:
        # sh writes the soak's exit code once it is over: any process can wait for that file.
        command = [sys.executable, str(SOAK_SCRIPT), "--app", str(MICROTUI),
                   "--session", self.session, "--json", str(self.results), *args]
        with self.log.open("wb") as log:
            self.proc = subprocess.Popen(
                ["sh", "-c", '"$@"; echo $? > "$0.tmp" && mv "$0.tmp" "$0"',
                 str(self.code_file), *command],
                stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                cwd=ROOT, start_new_session=True,  # ctrl-c is pytest's to handle
            )
        self.pid_file.write_text(str(self.proc.pid))
        atexit.register(self.stop)  # in case pytest dies before unconfigure

    def stop(self) -> None:
        """End the subprocess (it kills its tmux server on SIGTERM), the server too, and
        remove the directory."""
        proc, self.proc = self.proc, None
        if proc is not None and proc.poll() is None:
            self._signal(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self._signal(proc.pid, signal.SIGKILL)
                proc.wait(timeout=5)
        if proc is not None and shutil.which("tmux"):
            kill_server(self.session)  # the soak's own tmux server, if it is still there
        shutil.rmtree(self.dir, ignore_errors=True)

    @staticmethod
    def _signal(pid: int, sig: int) -> None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(pid, sig)  # sh and the soak: the group sh leads

    # -- any process ---------------------------------------------------------------------------

    def why_not_started(self) -> str | None:
        if self.pid_file.exists():
            return None
        if self.why_not_file.exists():
            return self.why_not_file.read_text()
        return "the soak was not started (was a test marked soak collected?)"

    def wait(self, timeout: float) -> tuple[int, dict, str]:
        """The soak's exit code, its JSON results and its log, once it is over. ``timeout``
        counts from its start and is a safety net only (the soak times itself)."""
        deadline = self.pid_file.stat().st_mtime + timeout
        while not self.code_file.exists():
            if time.time() > deadline:
                self._signal(int(self.pid_file.read_text()), signal.SIGTERM)
                raise AssertionError(f"the soak took more than {timeout:g} s:\n"
                                     f"{self.log.read_text(errors='replace')}")
            time.sleep(0.5)
        code = int(self.code_file.read_text().strip() or -1)
        try:
            results = json.loads(self.results.read_text())
        except (OSError, ValueError):
            results = {}
        return code, results, self.log.read_text(errors="replace")


def is_soak(item: pytest.Item) -> bool:
    return item.get_closest_marker(MARK) is not None


class SoakPlugin:
    """Starts the soak in the process that lives longest (the xdist controller, or the only
    process), and gives each process the directory to find it in."""

    def __init__(self, config: pytest.Config) -> None:
        worker_input = getattr(config, "workerinput", None)
        self.owner = worker_input is None
        if self.owner:
            self.soak: BackgroundSoak | None = BackgroundSoak.create()
        elif WORKER_INPUT in worker_input:
            self.soak = BackgroundSoak(Path(worker_input[WORKER_INPUT]))
        else:
            self.soak = None
        self.args = ["--workday-end", WORKDAY_END, *(["--hours", HOURS] if HOURS else [])]

    @pytest.hookimpl(tryfirst=True)  # before xdist's worker sends the collection on
    def pytest_collection_finish(self, session: pytest.Session) -> None:
        if self.soak is None or session.config.option.collectonly:
            return
        if any(is_soak(item) for item in session.items):
            self.soak.want()
        if self.owner:  # a run without xdist
            self.soak.start_if_wanted(self.args)

    def pytest_unconfigure(self, config: pytest.Config) -> None:
        if self.owner and self.soak is not None:
            self.soak.stop()


class XdistControllerHooks:
    """Under xdist: the workers collect, the controller starts the soak."""

    def __init__(self, plugin: SoakPlugin) -> None:
        self.plugin = plugin

    def pytest_configure_node(self, node) -> None:
        assert self.plugin.soak is not None
        node.workerinput[WORKER_INPUT] = str(self.plugin.soak.dir)

    def pytest_xdist_node_collection_finished(self, node, ids) -> None:
        assert self.plugin.soak is not None
        self.plugin.soak.start_if_wanted(self.plugin.args)


def register(config: pytest.Config) -> None:
    plugin = SoakPlugin(config)
    config.pluginmanager.register(plugin, PLUGIN)
    if plugin.owner and config.pluginmanager.hasplugin("xdist"):
        config.pluginmanager.register(XdistControllerHooks(plugin), f"{PLUGIN}-xdist")


def background_soak(config: pytest.Config) -> BackgroundSoak:
    """The soak this run started, for a test marked ``soak`` (skips when there is none)."""
    plugin = config.pluginmanager.get_plugin(PLUGIN)
    soak = plugin.soak if plugin is not None else None
    if soak is None:
        pytest.skip("the soak was not set up")
    reason = soak.why_not_started()
    if reason is not None:
        pytest.skip(reason)
    return soak
