"""Helper for test_store_kill.py: write to a store forever, acking each write once it returns.

Usage: python _store_writer.py DATA_DIR FIRST_NUMBER. Prints ``ready`` once the store is open,
then for each write number n one of ``session n`` / ``settings n`` / ``checkin n``, flushed,
strictly after the store call returned. The parent SIGKILLs it at a random moment.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

from microtui.store import Store


def main() -> None:
    data_dir, n = Path(sys.argv[1]), int(sys.argv[2])
    store = Store.open(data_dir)
    print("ready", flush=True)
    while True:
        kind = ("session", "session", "settings", "checkin")[n % 4]
        if kind == "session":
            month = ("2026-10", "2026-11")[n % 3 % 2]
            started = f"{month}-{1 + n % 28:02d}T{n % 24:02d}:{n % 60:02d}:00+01:00"
            store.add_session({"id": n, "started": started, "note": "x" * (n % 50)})
        elif kind == "settings":
            store.update_settings(lambda saved, n=n: replace(saved, theme="dark",
                                                             extra={"n": n}))
        else:  # always the same (date, moment): exercises replace-in-place
            store.add_checkin({"date": "2026-11-25", "moment": "start", "n": n})
        print(f"{kind} {n}", flush=True)
        n += 1


if __name__ == "__main__":
    main()
