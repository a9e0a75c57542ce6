"""``make docs`` (bench/docs.py): every README picture made from a fixed clock and a
generated half-year, here into a temporary directory."""

from __future__ import annotations

import html
import importlib.util
import re
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "bench" / "docs.py"


def load_script():
    spec = importlib.util.spec_from_file_location("bench_docs", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def words(svg: Path) -> str:
    """The text of a Textual SVG screenshot, its spans run together."""
    text = re.sub(r"<[^>]+>", "", svg.read_text(encoding="utf-8").split("</style>")[-1])
    text = html.unescape(text).replace("\xa0", " ").replace("\u2011", "-")
    return " ".join(text.split())


def test_make_docs_makes_every_picture(tmp_path):
    docs = load_script()
    browser = docs.chromium()
    written = docs.make_pictures(tmp_path / "pictures", browser=browser)
    out = tmp_path / "pictures"
    assert {p.name for p in written} >= set(docs.SVGS)
    today = words(out / "today.svg")
    assert "Wednesday 25 November" in today and "Done 9 of 10 so far" in today
    assert today.count("✓ done") == 9 and "missed" not in today
    assert re.search(r"13:30 ?Mid-Afternoon Seated Hip.*▶ due", today)
    player = words(out / "player.svg")
    assert "Seated Hip Abduction/Adduction" in player and "rep 2 of 4" in player
    progress = words(out / "progress.svg")
    assert "Showing last 90 days" in progress and "Adherence" in progress
    insights = words(out / "insights.svg")
    assert "Last 12 weeks" in insights and "days vs" in insights
    assert "points lower than on days under 50 %" in insights
    assert "Chest Opener Finger Pull" in words(out / "library.svg")
    if browser is None:
        assert not (out / docs.REPORT).exists()
        pytest.skip("chromium is not installed: the HTML report's picture was not made "
                    "(make chromium installs it as root)")
    assert (out / docs.REPORT).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
