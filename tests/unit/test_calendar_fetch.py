"""A calendar's address fetched from a server on 127.0.0.1 (tests/calendar_server.py): what
each answer does to the copy, the limits, and the copy working on when the server is gone."""

from __future__ import annotations

import json
import os
import ssl
import stat
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from microtui.calendar import CalendarError
from microtui.calendar_fetch import FetchError, cached_copy, fetch
from microtui.calendar_source import (
    CalendarAddress,
    calendar_source,
    read_source_meetings,
    refresh_if_stale,
)
from tests.calendar_server import ETAG, MODIFIED, meeting_ics, serving

LONDON = ZoneInfo("Europe/London")
WED = datetime(2026, 11, 25, 11, 0, tzinfo=LONDON)
BODY = meeting_ics(WED, "Design review")


@pytest.fixture
def server():
    with serving(BODY) as server:
        yield server


def titles(source) -> list[str]:
    return [m.title for m in read_source_meetings(source, WED.date(), LONDON)]


def test_200_writes_a_private_copy_and_304_keeps_it(server, tmp_path):
    address = f"{server.base}/cal.ics"
    source = calendar_source(address, tmp_path)
    assert isinstance(source, CalendarAddress) and source.copy.parent == tmp_path / "calendars"
    assert titles(source) == []  # not fetched yet: no meetings, no error
    assert fetch(address, source.copy).changed
    assert source.copy.read_bytes() == BODY
    assert stat.S_IMODE(source.copy.stat().st_mode) == 0o600
    assert address not in " ".join(os.listdir(source.copy.parent))  # the secret is hashed
    assert titles(source) == ["Design review"]

    assert not fetch(address, source.copy).changed  # 304
    path, headers = server.requests[-1]
    assert headers["If-None-Match"] == ETAG and headers["If-Modified-Since"] == MODIFIED
    assert source.copy.read_bytes() == BODY
    assert [p for p, _ in server.requests] == ["/cal.ics", "/cal.ics"]


@pytest.mark.parametrize(("path", "reason"), [
    ("/missing", "the server answered 404"),
    ("/broken", "the server answered 500"),
    ("/cut", "cut short"),
    ("/moved", "it only fetches the address you gave"),
    ("/page", "not an iCalendar calendar"),
])
def test_a_failed_fetch_says_why_and_keeps_the_last_good_copy(server, tmp_path, path, reason):
    copy = tmp_path / "copy.ics"
    copy.write_bytes(BODY)
    with pytest.raises(FetchError, match=reason):
        fetch(f"{server.base}{path}", copy, time_limit=10)
    assert copy.read_bytes() == BODY
    assert [p for p, _ in server.requests] == [path]  # a redirect is not followed


def test_a_slow_server_hits_the_time_limit(server, tmp_path):
    copy = tmp_path / "copy.ics"
    with pytest.raises(FetchError, match=r"no (whole )?answer within 0.5 s"):
        fetch(f"{server.base}/slow", copy, time_limit=0.5)
    assert not copy.exists()


def test_a_huge_body_hits_the_size_limit(server, tmp_path):
    copy = tmp_path / "copy.ics"
    with pytest.raises(FetchError, match=r"larger than the limit \(100000 bytes\)"):
        fetch(f"{server.base}/huge", copy, max_bytes=100_000)
    assert not copy.exists()
    with pytest.raises(FetchError, match="larger than the limit"):  # said by Content-Length
        fetch(f"{server.base}/cal.ics", copy, max_bytes=len(BODY) - 1)
    assert not copy.exists()


def test_nothing_answers(tmp_path):
    with serving(BODY) as gone:
        address = f"{gone.base}/cal.ics"
    with pytest.raises(FetchError, match="connection refused"):
        fetch(address, tmp_path / "copy.ics")


@pytest.mark.parametrize("address", ["http://calendar.example.com/secret.ics",
                                     "ftp://127.0.0.1/cal.ics", "webcal://example.com/c.ics"])
def test_only_https_is_fetched_but_http_on_loopback(tmp_path, address):
    with pytest.raises(CalendarError, match="https://"):
        calendar_source(address, tmp_path)
    with pytest.raises(FetchError, match="https://"):
        fetch(address, tmp_path / "copy.ics")
    for loopback in ("http://127.0.0.1:9/c.ics", "http://[::1]:9/c.ics",
                     "http://localhost:9/c.ics"):
        assert isinstance(calendar_source(loopback, tmp_path), CalendarAddress)


def test_https_with_a_certificate(tmp_path):
    trustme = pytest.importorskip("trustme")
    authority = trustme.CA()
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert("127.0.0.1").configure_cert(server_context)
    client_context = ssl.create_default_context()
    authority.configure_trust(client_context)
    with serving(BODY, tls=server_context) as server:
        address = f"{server.base}/cal.ics"
        assert address.startswith("https://127.0.0.1:")
        copy = cached_copy(tmp_path, address)
        with pytest.raises(FetchError, match="certificate is not trusted"):
            fetch(address, copy)  # the system's authorities do not know this one
        assert not copy.exists()
        assert fetch(address, copy, context=client_context).changed
        assert copy.read_bytes() == BODY


def test_refresh_if_stale_fetches_only_an_old_copy(server, tmp_path):
    source = calendar_source(f"{server.base}/cal.ics", tmp_path)
    assert refresh_if_stale(source, WED) == ""
    assert refresh_if_stale(source, WED + timedelta(minutes=14)) == ""  # fresh: not fetched
    assert len(server.requests) == 1
    assert refresh_if_stale(source, WED + timedelta(minutes=15)) == ""  # a conditional fetch
    assert len(server.requests) == 2 and server.requests[-1][1]["If-None-Match"] == ETAG
    assert refresh_if_stale(source, WED - timedelta(hours=1)) == ""  # clock set back: stale
    assert len(server.requests) == 3
    server.shutdown()
    server.server_close()
    assert refresh_if_stale(source, WED + timedelta(hours=1)).endswith(
        "connection refused). The copy fetched before keeps working.")
    source.copy.unlink()
    assert refresh_if_stale(source, WED + timedelta(hours=1)).endswith(
        "No meetings from it until it can be fetched.")
    assert refresh_if_stale(tmp_path / "a.ics", WED) == ""
    assert refresh_if_stale(None, WED) == ""


def test_a_directory_of_ics_files(tmp_path):
    events = tmp_path / "calendars" / "work"
    events.mkdir(parents=True)
    (events / "a.ics").write_bytes(meeting_ics(WED, "Design review"))
    (events / "b.ics").write_bytes(meeting_ics(WED.replace(hour=9), "Stand-up"))
    (events / "c.ics").write_text("not a calendar", encoding="utf-8")  # left out
    (events / "notes.txt").write_text("BEGIN:VCALENDAR", encoding="utf-8")  # not .ics
    assert titles(events) == ["Stand-up", "Design review"]
    assert titles(tmp_path / "calendars") == ["Stand-up", "Design review"]  # one level down
    (events / "a.ics").unlink()
    (events / "b.ics").unlink()
    with pytest.raises(CalendarError, match="none of its 1 .ics files could be read"):
        titles(events)


def run_at(now: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MICROTUI_NOW": now, "TZ": "Europe/London"}
    return subprocess.run([sys.executable, "-m", "microtui", *args], capture_output=True,
                          text=True, timeout=60, env=env)


def test_today_and_next_keep_the_meetings_after_the_server_goes_away(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    with serving(BODY) as server:
        address = f"{server.base}/cal.ics"
        result = run_at("2026-11-25T09:00:00", "--data", str(data), "--calendar", address,
                        "today", "--json")
        assert result.returncode == 0, result.stderr
        assert len(server.requests) == 1
    events = json.loads(result.stdout)["events"]
    assert [e["meeting"] for e in events if e["trigger"] == "pre-meeting"] == ["Design review"]

    # Mid-day the server is gone: today says so once, and the copy still gives the set.
    result = run_at("2026-11-25T10:00:00", "--data", str(data), "--calendar", address,
                    "today", "--json")
    assert result.returncode == 0
    assert "connection refused" in result.stderr
    assert "The copy fetched before keeps working." in result.stderr
    assert address not in result.stderr  # the secret path is never printed
    events = json.loads(result.stdout)["events"]
    assert [e["meeting"] for e in events if e["trigger"] == "pre-meeting"] == ["Design review"]

    result = run_at("2026-11-25T10:57:00", "--data", str(data), "--calendar", address, "next")
    assert result.returncode == 0 and result.stderr == ""  # next never fetches
    assert result.stdout.endswith("in 1 min\n"), result.stdout


def test_an_http_address_is_refused_with_the_reason(tmp_path):
    result = run_at("2026-11-25T09:00:00", "--data", str(tmp_path), "--calendar",
                    "http://calendar.example.com/secret.ics", "today")
    assert result.returncode == 2
    assert "Only https:// addresses are fetched" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "calendars").exists()


def test_a_saved_http_address_does_not_stop_today_and_is_never_contacted(tmp_path):
    from dataclasses import replace

    from microtui.store import Store

    with Store.open(tmp_path) as store:
        store.update_settings(lambda saved: replace(
            saved, calendar="http://calendar.example.com/secret.ics"))
    result = run_at("2026-11-25T09:00:00", "--data", str(tmp_path), "today")
    assert result.returncode == 0, result.stderr
    assert "Only https:// addresses are fetched" in result.stderr
    assert "No meetings from it until it can be fetched." in result.stderr
    assert not (tmp_path / "calendars").exists()


def test_the_copy_is_not_a_path_anyone_types(tmp_path: Path):
    first = cached_copy(tmp_path, "https://a.example/x.ics")
    assert first == cached_copy(tmp_path, "https://a.example/x.ics")
    assert first != cached_copy(tmp_path, "https://a.example/y.ics")
