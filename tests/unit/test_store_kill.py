"""SIGKILL a writer at random moments: no file is ever half-written and no acked write is lost.

A writer subprocess (``_store_writer.py``) adds sessions, saves settings and replaces a
check-in in a loop, printing an ack after each call returns. We kill it after a random
5-80 ms, then check that every JSON file parses, that every acked write is on disk (and
nothing that was never attempted), and that ``Store.open`` takes over the dead writer's lock.
The same data directory is reused, so the files grow across iterations.

Reproduce a failure with ``MICROTUI_KILL_SEED=<seed from the message>``.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from microtui.store import Store

ROOT = Path(__file__).resolve().parents[2]
WRITER = Path(__file__).with_name("_store_writer.py")
SEED = int(os.environ.get("MICROTUI_KILL_SEED", "20261125"))
ITERATIONS = 40
KINDS = ("session", "session", "settings", "checkin")  # must match _store_writer.py

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs SIGKILL")


def run_writer_and_kill(data_dir: Path, first: int, delay: float, ctx: str) -> tuple[list, int]:
    """Start the writer at number ``first``, kill it after ``delay`` s; return acks and pid."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    proc = subprocess.Popen(
        [sys.executable, str(WRITER), str(data_dir), str(first)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert proc.stdout is not None and proc.stderr is not None
    try:
        ready = proc.stdout.readline()
        if ready != "ready\n":
            proc.kill()
            proc.wait()
            pytest.fail(f"{ctx}: writer did not start: {ready!r} {proc.stderr.read()}")
        time.sleep(delay)
    finally:
        proc.kill()
        proc.wait(timeout=10)  # reaped, so its pid is really dead
    output, errors = proc.stdout.read(), proc.stderr.read()
    proc.stdout.close()
    proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL, f"{ctx}: writer died on its own:\n{errors}"
    # A line cut short by the kill is not an ack.
    complete = output.split("\n")[:-1]
    return [(kind, int(n)) for kind, n in (line.split() for line in complete)], proc.pid


def test_sigkill_never_corrupts_or_loses_acked_writes(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    data_dir = tmp_path / "data"
    sessions_known: set[int] = set()  # on disk for sure
    sessions_maybe: set[int] = set()  # attempted; may or may not have landed
    latest: dict[str, set] = {"settings": {None}, "checkin": {None}}  # possible current values
    next_n, total_acks, kills_leaving_temp = 0, 0, 0

    for iteration in range(ITERATIONS):
        delay = rng.uniform(0.005, 0.08)
        ctx = f"seed={SEED} iteration={iteration} delay={delay * 1000:.1f}ms"
        acks, pid = run_writer_and_kill(data_dir, next_n, delay, ctx)
        total_acks += len(acks)

        expected_n = next_n
        for kind, n in acks:
            assert (kind, n) == (KINDS[n % 4], expected_n), f"{ctx}: odd ack {kind} {n}"
            expected_n += 1
            if kind == "session":
                sessions_known.add(n)
            else:
                latest[kind] = {n}
        in_flight = expected_n  # the call that was running when the kill came
        if KINDS[in_flight % 4] == "session":
            sessions_maybe.add(in_flight)
        else:
            latest[KINDS[in_flight % 4]].add(in_flight)
        next_n = in_flight + 1

        # (1) Every data file on disk is whole, valid JSON.
        for path in data_dir.rglob("*.json"):
            try:
                json.loads(path.read_bytes())
            except ValueError as exc:
                pytest.fail(f"{ctx}: {path} is not valid JSON after SIGKILL: {exc}")
        assert (data_dir / "microtui.lock").read_text() == f"{pid}\n", ctx
        kills_leaving_temp += any(p.name.endswith(".tmp") for p in data_dir.rglob(".*"))

        # (3) The store opens, taking over the dead writer's lock, and cleans up temp files.
        with Store.open(data_dir) as store:
            assert not any(p.name.endswith(".tmp") for p in data_dir.rglob(".*")), ctx
            # (2) Every acked write is there; nothing that was never attempted is.
            stored = [r["id"] for r in store.sessions()]
            assert len(stored) == len(set(stored)), f"{ctx}: duplicated sessions"
            missing = sessions_known - set(stored)
            assert not missing, f"{ctx}: acked sessions lost: {sorted(missing)}"
            unexpected = set(stored) - sessions_known - sessions_maybe
            assert not unexpected, f"{ctx}: sessions never written: {sorted(unexpected)}"
            settings_n = store.user_settings().extra.get("n")
            assert settings_n in latest["settings"], f"{ctx}: settings n={settings_n}"
            checkins = store.checkins()
            assert len(checkins) <= 1, f"{ctx}: check-in not replaced: {checkins}"
            checkin_n = checkins[0]["n"] if checkins else None
            assert checkin_n in latest["checkin"], f"{ctx}: check-in n={checkin_n}"
            # Now we know the truth; carry it into the next round.
            sessions_known, sessions_maybe = set(stored), set()
            latest = {"settings": {settings_n}, "checkin": {checkin_n}}

    assert total_acks >= ITERATIONS, f"seed={SEED}: only {total_acks} acked writes in total"
    print(f"seed={SEED}: {total_acks} acked writes, {kills_leaving_temp} kills left a temp file")
