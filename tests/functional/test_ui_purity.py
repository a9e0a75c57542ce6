"""The UI never touches the database library or the system clock directly."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import microtui.ui

UI = Path(microtui.ui.__file__).parent
CLOCK_READS = {
    ("datetime", "now"), ("datetime", "utcnow"), ("datetime", "today"), ("date", "today"),
    ("time", "time"), ("time", "monotonic"), ("time", "perf_counter"),
}


def ui_sources() -> list[Path]:
    sources = sorted(UI.rglob("*.py"))
    assert len(sources) >= 6, "the UI package was not found"
    return sources


def test_ui_imports_no_tinydb_in_a_fresh_interpreter():
    code = (
        "import sys\n"
        "import microtui.ui.app\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'tinydb'))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, cwd=UI.parent.parent)
    assert result.stdout.strip() == "[]"


def test_no_ui_source_imports_tinydb():
    offenders = []
    for path in ui_sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.name}:{node.lineno}" for n in names
                          if n.split(".")[0] == "tinydb"]
    assert offenders == []


def test_no_ui_source_reads_the_system_clock():
    """Time comes from the app's injected clock, never from datetime.now() and friends."""
    offenders = []
    for path in ui_sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and (node.value.id, node.attr) in CLOCK_READS
            ):
                offenders.append(f"{path.relative_to(UI)}:{node.lineno}")
    assert offenders == []
