"""open_context reads the saved settings once; remember_first_seen records the workday's start."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest

from microtui.context import SetupError, first_seen_of, open_context, remember_first_seen
from microtui.core.settings import Notifications, UserSettings
from microtui.store import Store

CET = timezone(timedelta(hours=1))
WED = datetime(2026, 11, 25, 8, 52, 10, tzinfo=CET)
SAT = datetime(2026, 11, 28, 10, 0, tzinfo=CET)


def save(data, change) -> None:
    with Store.open(data) as store:
        store.update_settings(change)


def test_the_context_carries_the_saved_settings(tmp_path):
    data = tmp_path / "data"
    save(data, lambda saved: replace(saved, theme="dark", active_routine_id="nope",
                                     notifications=Notifications("osc777", 15)))
    context = open_context(data=str(data), lock=False)
    try:
        assert context.user_settings.theme == "dark"
        assert context.settings == context.user_settings.schedule
        assert context.routine == context.library.default_routine  # no routine "nope"
        assert (context.notify_protocol, context.autostart_seconds) == ("osc777", 15)
    finally:
        context.close()
    context = open_context(data=str(data), lock=False, notify="osc9", autostart=0)
    try:  # the command line wins
        assert (context.notify_protocol, context.autostart_seconds) == ("osc9", 0)
    finally:
        context.close()


def test_no_data_yet_is_the_default_settings(tmp_path):
    context = open_context(data=str(tmp_path / "none"), lock=False)
    try:
        assert context.user_settings == UserSettings()
        assert context.store.user_settings() == UserSettings()
    finally:
        context.close()


def test_an_invalid_schedule_stops_the_start_naming_the_field(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "settings.json").write_text(
        '{"meta": {"1": {"schema": 1}}, "settings": {"1": {"schedule": {"grace_minutes": 0}}}}')
    with pytest.raises(SetupError) as caught:
        open_context(data=str(data))
    assert "schedule.grace_minutes" in str(caught.value)
    assert str(data / "settings.json") in str(caught.value)
    with Store.open(data):  # the lock was released
        pass


def test_the_first_run_of_a_workday_is_recorded_once(tmp_path):
    data = tmp_path / "data"
    save(data, lambda saved: replace(saved, theme="dark"))
    context = open_context(data=str(data))
    try:
        assert remember_first_seen(context, WED) == WED
        later = WED + timedelta(hours=2)
        assert remember_first_seen(context, later) == WED
        assert first_seen_of(context, later) == WED
        assert first_seen_of(context, later + timedelta(days=1)) is None
        saved = context.store.user_settings()
        assert saved.first_seen_on(WED.date()) == WED
        assert saved.theme == "dark"  # the rest is kept
        assert context.user_settings == saved
        assert remember_first_seen(context, SAT) is None  # not a working day: not recorded
        assert context.store.user_settings() == saved
    finally:
        context.close()


def test_first_seen_that_cannot_be_saved_still_counts(tmp_path):
    data = tmp_path / "data"
    save(data, lambda saved: saved.with_active_routine("x"))
    context = open_context(data=str(data), lock=False)  # read-only
    try:
        assert remember_first_seen(context, WED) == WED
        assert first_seen_of(context, WED) == WED
        assert context.store.user_settings().first_seen is None
    finally:
        context.close()
