"""The settings this round adds: the declined 15-minute interval and the pause after a set."""

from __future__ import annotations

from datetime import date

from microtui.core.settings import UserSettings


def test_the_pause_after_a_set_is_on_unless_turned_off():
    assert UserSettings().mental_break is True
    assert UserSettings.from_dict({}).mental_break is True
    off = UserSettings.from_dict({}).with_mental_break(False)
    assert off.to_dict() == {"mental_break": False}
    assert UserSettings.from_dict(off.to_dict()).mental_break is False
    # A value the app did not write reads as on, and is written back as it was.
    odd = {"mental_break": "no"}
    assert UserSettings.from_dict(odd).mental_break is True
    assert UserSettings.from_dict(odd).to_dict() == odd


def test_the_declined_interval_and_the_interval_are_kept():
    settings = UserSettings.from_dict({"theme": "dark"}).with_fatigue_declined(
        date(2026, 11, 20)).with_interval(15)
    raw = settings.to_dict()
    assert raw["fatigue_declined"] == "2026-11-20"
    assert raw["schedule"]["interval_minutes"] == 15
    assert raw["theme"] == "dark"
    again = UserSettings.from_dict(raw)
    assert again.fatigue_declined == date(2026, 11, 20)
    assert again.schedule.interval_minutes == 15
