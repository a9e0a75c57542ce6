"""A picture of Progress over a fixed synthetic history, on a fake clock.

Regenerate after an intended change with
``pytest tests/functional/test_progress_snapshots.py --snapshot-update`` and look at the SVG.
"""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from microtui.store import Store
from tests.functional.helpers import settle, wait_for
from tests.functional.test_progress import Host, fill_history, loaded, range_label


async def drawn(pilot: Pilot) -> None:
    await loaded(pilot)
    await settle(pilot)


def test_progress_at_120x40(snap_compare, tmp_path: Path):
    with Store.open(tmp_path / "data") as store:
        fill_history(store)
        assert snap_compare(Host(store), terminal_size=(120, 40), run_before=drawn)


def test_progress_30_days_at_160x50(snap_compare, tmp_path: Path):
    async def thirty_days(pilot: Pilot) -> None:
        await drawn(pilot)
        await pilot.press("right_square_bracket")
        await wait_for(pilot, lambda: "30 days" in range_label(pilot.app.screen),
                       "the 30-day range")
        await drawn(pilot)

    with Store.open(tmp_path / "data") as store:
        fill_history(store)
        assert snap_compare(Host(store), terminal_size=(160, 50), run_before=thirty_days)
