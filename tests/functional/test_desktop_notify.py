"""``--notify desktop`` in the app: a set coming due runs the platform's notifier (a fake one
on PATH records its arguments); with none, the app says so once, not at every set."""

from __future__ import annotations

import os
from datetime import datetime

import pytest

from microtui.cli import build_parser
from microtui.context import open_context
from microtui.core.fake_clock import FakeClock
from microtui.ui.app import MicroTuiApp
from tests.functional.helpers import screen_text, wait_for
from tests.unit.test_desktop_notifier import calls, fake_notifier

pytestmark = pytest.mark.skipif(os.name != "posix", reason="a shell-script notifier")

NOW = datetime(2026, 11, 25, 9, 29, 50).astimezone()


def test_notify_desktop_is_an_option_and_a_setting(tmp_path):
    assert build_parser().parse_args(["--notify", "desktop"]).notify == "desktop"
    assert build_parser().parse_args([]).notify is None  # off by default
    context = open_context(data=str(tmp_path / "data"), lock=False, notify="desktop")
    try:
        assert context.notify_protocol == "desktop"
    finally:
        context.close()


async def test_a_set_due_runs_the_notifier_with_its_name(library, tmp_path, monkeypatch):
    record = tmp_path / "calls"
    fake_notifier(tmp_path / "bin", record)
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    clock = FakeClock(NOW)
    app = MicroTuiApp(library, clock=clock, notify_protocol="desktop")
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        clock.advance(10)  # 09:30: the interval set comes due
        await wait_for(pilot, lambda: "due" in screen_text(app), "the set due")
        [call] = calls(record, 1)
        assert call[:3] == ["--app-name=microtui", "--", "microtui"]
        assert call[3].endswith(" due") and "Ankle Pumps" in call[3]
        assert not any(n.title == "Desktop notifications" for n in app._notifications)


async def test_no_notifier_is_said_once_not_at_every_set(library, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no notifier there
    clock = FakeClock(NOW)
    app = MicroTuiApp(library, clock=clock, notify_protocol="desktop")
    toasts: list[tuple[str | None, str]] = []  # every toast, kept (they expire on screen)
    notify = app.notify

    def recorded(message, *, title="", **kwargs):
        toasts.append((title, str(message)))
        notify(message, title=title, **kwargs)

    monkeypatch.setattr(app, "notify", recorded)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        clock.advance(10)  # 09:30: a set due
        await wait_for(pilot, lambda: len(toasts) >= 2, "the set's toast, and the notifier's")
        clock.advance(30 * 60)  # 10:00: the next one
        await wait_for(pilot, lambda: sum("due" in (title or "") for title, _ in toasts) >= 2,
                       "the second set's toast")
        missing = [message for title, message in toasts if title == "Desktop notifications"]
        assert len(missing) == 1
        assert "found: desktop notifications are off" in missing[0]
