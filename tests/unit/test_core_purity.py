"""microtui.core imports no UI, storage or charting library, and never reads the clock."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import microtui.core

CORE = Path(microtui.core.__file__).parent
FORBIDDEN = ("textual", "tinydb", "plotext", "textual_plotext", "humanize", "platformdirs")


def test_core_imports_nothing_forbidden_in_a_fresh_interpreter():
    modules = sorted(p.stem for p in CORE.glob("*.py") if p.stem != "__init__")
    code = (
        "import sys\n"
        + "".join(f"import microtui.core.{m}\n" for m in modules)
        + f"bad = sorted(m for m in sys.modules if m.split('.')[0] in {FORBIDDEN!r})\n"
        + "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert modules, "no core modules found"
    assert result.stdout.strip() == ""


def test_no_core_function_reads_the_system_clock():
    """Only SystemClock may call datetime.now / time.time / time.monotonic / date.today."""
    offenders = []
    for path in CORE.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        allowed: set[int] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef) and node.name == "SystemClock":
                allowed.update(id(n) for n in ast.walk(node))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and node.attr in ("now", "today", "time", "monotonic", "utcnow")
                and isinstance(node.value, ast.Name)
                and node.value.id in ("datetime", "date", "time")
                and id(node) not in allowed
            ):
                offenders.append(f"{path.name}:{node.lineno}")
    assert offenders == []
