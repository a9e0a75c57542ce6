"""``--notify desktop``: the platform's notifier, run as an argument list (never a shell),
with a fake notifier on PATH that records its argv, and with none (said once)."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

import pytest

from microtui.ui.desktop_notifier import DesktopNotifier, notifier_command, notifier_name
from microtui.ui.terminal import TerminalSignals

HOSTILE = "Ankle Pumps; rm -rf ~ $(reboot) `id` \"quoted\" 'single' due"


def fake_notifier(directory: Path, record: Path, name: str | None = None) -> Path:
    """A notifier that writes its arguments (NUL-separated) to a file of its own in the
    ``record`` directory (its pid the name: calls running at once do not mix)."""
    directory.mkdir(parents=True, exist_ok=True)
    record.mkdir(parents=True, exist_ok=True)
    script = directory / (name or notifier_name())
    script.write_text("#!/bin/sh\nPATH=/usr/bin:/bin\n"
                      f"for arg in \"$@\"; do printf '%s\\0' \"$arg\"; done > \"{record}/.$$\"\n"
                      f"mv \"{record}/.$$\" \"{record}/$$\"\n")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script


def calls(record: Path, count: int, timeout: float = 30.0) -> list[list[str]]:
    """The recorded calls (sorted), once there are ``count`` of them: the notifier is not
    waited for, it runs on its own."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done = [f for f in record.iterdir() if not f.name.startswith(".")] \
            if record.exists() else []
        if len(done) >= count:
            return sorted(f.read_text().rstrip("\0").split("\0") for f in done)
        time.sleep(0.02)
    raise AssertionError(f"the notifier was not called {count} times")


def test_linux_notify_send_gets_the_text_as_arguments_after_a_double_dash():
    assert notifier_command("-microtui", HOSTILE, "/usr/bin/notify-send", "linux") == [
        "/usr/bin/notify-send", "--app-name=microtui", "--", "-microtui", HOSTILE]


def test_macos_osascript_gets_the_text_as_argv_never_in_its_script():
    command = notifier_command("microtui", HOSTILE, "/usr/bin/osascript", "darwin")
    assert command[0] == "/usr/bin/osascript"
    assert command[-2:] == ["microtui", HOSTILE]
    script = command[1:-2]
    assert script[::2] == ["-e"] * 3
    assert all("Ankle" not in line for line in script)
    assert notifier_name("darwin") == "osascript" and notifier_name("linux") == "notify-send"


@pytest.mark.skipif(os.name != "posix", reason="a shell-script notifier")
def test_a_notifier_on_path_is_run_with_the_exact_arguments(tmp_path, monkeypatch):
    record = tmp_path / "calls"
    fake_notifier(tmp_path / "bin", record, "notify-send")
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    notifier = DesktopNotifier(platform="linux")
    assert notifier.send("microtui", HOSTILE) is None
    assert notifier.send("microtui", "Cervical Nod due") is None
    assert calls(record, 2) == sorted([
        ["--app-name=microtui", "--", "microtui", HOSTILE],
        ["--app-name=microtui", "--", "microtui", "Cervical Nod due"],
    ])


def test_no_notifier_is_said_once_and_nothing_is_run(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # nothing there
    started: list[list[str]] = []
    notifier = DesktopNotifier(platform="linux", run=started.append)  # type: ignore[arg-type]
    first = notifier.send("microtui", "Ankle Pumps due")
    assert first is not None and "No notify-send found" in first
    assert notifier.send("microtui", "Cervical Nod due") is None  # not again
    assert notifier.missing and started == []


def test_a_notifier_that_cannot_start_is_said_once(tmp_path):
    def refuse(command: list[str]):
        raise PermissionError(13, "Permission denied")

    notifier = DesktopNotifier(platform="linux", which=lambda name: "/x/notify-send",
                               run=refuse)
    assert "could not be started (Permission denied)" in notifier.send("t", "b")
    assert notifier.send("t", "b") is None


def test_terminal_signals_send_desktop_notifications_through_the_notifier(tmp_path,
                                                                          monkeypatch):
    record = tmp_path / "calls"
    fake_notifier(tmp_path / "bin", record)
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    written: list[str] = []
    signals = TerminalSignals(write=written.append, notify_protocol="desktop")
    assert signals.notify_desktop("microtui", "Start of Day\x1b]2;x\x07 due")
    [call] = calls(record, 1)
    assert call[-2:] == ["microtui", "Start of Day ]2;x due"]  # control characters gone
    assert written == []  # nothing through the terminal
