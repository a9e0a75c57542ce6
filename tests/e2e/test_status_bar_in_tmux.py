"""A status bar beside the running app (issues 15 and 16): the app keeps ``next``'s answer,
``next`` prints it without working it out, and tmux's status line shows it, configured as the
README says."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest

from microtui.store import Store
from tests.e2e.conftest import MICROTUI, TMUX

pytestmark = [pytest.mark.e2e, pytest.mark.serial]
README = Path(__file__).parents[2] / "README.md"

LISTING = """
import contextlib, io, json, sys
sys.argv = ["microtui", *sys.argv[1:]]
from microtui.launch import main
with contextlib.redirect_stdout(io.StringIO()) as out:
    code = main()
print(json.dumps({"code": code, "out": out.getvalue(),
                  "argparse": "argparse" in sys.modules}))
"""
FULL = "import sys\nfrom microtui.cli import main\nsys.exit(main(sys.argv[1:]))"


def readme_tmux_lines() -> list[str]:
    text = README.read_text(encoding="utf-8")
    block = text[text.index("tmux (`~/.tmux.conf`):"):]
    block = block[block.index("```tmux\n") + len("```tmux\n"):]
    return block[:block.index("```")].strip().splitlines()


def wait_until(test, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not test():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.2)


def test_the_app_keeps_next_and_a_tmux_status_line_shows_it(terminal, tmp_path):
    data = tmp_path / "data"
    with Store.open(data) as store:  # not a fresh data directory: the app opens on Today
        store.update_settings(lambda saved: saved.with_first_seen(datetime.now(UTC)))
    env = {"TZ": "UTC", "XDG_CONFIG_HOME": str(tmp_path / "config")}
    app = terminal("--data", str(data), env=env)
    app.wait_for("Today")
    wait_until(lambda: (data / "next-state.json").exists())
    environment = {**os.environ, **env}
    args = ["--data", str(data), "next"]

    def fast_and_full() -> tuple[dict, str]:
        fast = subprocess.run([sys.executable, "-c", LISTING, *args], capture_output=True,
                              text=True, timeout=60, env=environment)
        full = subprocess.run([sys.executable, "-c", FULL, *args], capture_output=True,
                              text=True, timeout=60, env=environment)
        return json.loads(fast.stdout), full.stdout

    for _ in range(3):  # the same minute for both ("in N min")
        fast, full = fast_and_full()
        if fast["out"] == full:
            break
    assert fast["code"] == 0 and fast["out"] == full and full.strip()
    assert fast["argparse"] is False  # printed from the kept answer

    # tmux's status line, set up as the README says, on a server of this test's own.
    assert TMUX is not None
    inner = f"mt-bar-{uuid.uuid4().hex[:8]}"
    conf = tmp_path / "tmux.conf"
    lines = [line.replace("microtui next", f"{MICROTUI} next --data {data}")
             for line in readme_tmux_lines()]
    assert lines == [f"set -g status-right '#({MICROTUI} next --data {data})'",
                     "set -g status-interval 15"]
    conf.write_text("\n".join([*lines, "set -g status-right-length 80", ""]),
                    encoding="utf-8")
    subprocess.run(["tmux", "-L", inner, "-f", str(conf), "new-session", "-d", "-s", inner,
                    "-x", "120", "-y", "10", "sleep 120"], check=True, env=environment)
    try:
        viewer = terminal(command=f"tmux -L {inner} attach -t {inner}", size=(120, 12))

        def status_shows_next(screen: str) -> bool:
            rows = [row.rstrip() for row in screen.splitlines() if row.strip()]
            now = subprocess.run([sys.executable, "-c", FULL, *args], capture_output=True,
                                 text=True, timeout=60, env=environment).stdout.strip()
            return bool(rows and now) and rows[-1].endswith(now)

        viewer.wait_for(status_shows_next, timeout=30)
    finally:
        subprocess.run(["tmux", "-L", inner, "kill-server"], capture_output=True)
