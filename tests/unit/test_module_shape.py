"""The package's shape, as issue 12 set it: no module over 500 lines, and Textual's
internals reached from one compat module only."""

from __future__ import annotations

import re
from pathlib import Path

import microtui

PACKAGE = Path(microtui.__file__).parent
LIMIT = 500
INTERNALS = re.compile(r"textual\._|_screen_stacks|__watchers|setswitchinterval|gc\.freeze")


def modules() -> list[Path]:
    found = sorted(PACKAGE.rglob("*.py"))
    assert len(found) > 50, f"only {len(found)} modules found under {PACKAGE}"
    return found


def test_no_module_is_over_500_lines():
    over = {str(p.relative_to(PACKAGE)): n for p in modules()
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > LIMIT}
    assert over == {}, f"modules over {LIMIT} lines: {over}"


def test_textual_internals_only_in_the_compat_module():
    found = [f"{p.relative_to(PACKAGE)}:{i}: {line.strip()}"
             for p in modules() if p.name != "textual_compat.py"
             for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
             if INTERNALS.search(line)]
    assert found == []
