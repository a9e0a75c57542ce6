"""The UI never touches the database library or the system clock directly."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import microtui.ui

UI = Path(microtui.ui.__file__).parent
CLOCK_READS = {
    ("datetime", "now"), ("datetime", "utcnow"), ("datetime", "today"), ("date", "today"),
    ("time", "time"), ("time", "monotonic"), ("time", "perf_counter"),
}
"""Attribute reads that are clock reads when the name is the module or class of that name
(used when an import does not say otherwise)."""

CLOCK_ATTRIBUTES = {
    "datetime.datetime.now", "datetime.datetime.utcnow", "datetime.datetime.today",
    "datetime.date.today",
}
"""Clock reads of the ``datetime`` module, by the names they have there: caught whatever
the module or class is called where it is used (``import datetime as dt``,
``from datetime import datetime as DT``)."""

ALLOWED: dict[tuple[str, str], str] = {}
"""Offences known today, each with its reason: (path under microtui/ui, offence). The list
may only shrink: an entry no longer needed fails the test too."""

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


def clock_reads(tree: ast.AST) -> list[tuple[int, str]]:
    """Where a module reads the system clock, however it named what it imported: any import
    of ``time`` (it holds nothing but clocks and sleeps), and ``datetime.now()`` and friends
    through any alias, at any depth (``datetime.datetime.now``, ``DT.now``, ``getattr``)."""
    bound: dict[str, str] = {}  # local name -> what it is in the standard library
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                top = alias.name.split(".")[0]
                if top == "time":
                    found.append((node.lineno, "imports the time module"))
                if top in ("time", "datetime"):
                    bound[alias.asname or top] = alias.name if alias.asname else top
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module in (
                "time", "datetime"):
            if node.module == "time":
                found.append((node.lineno, "imports the time module"))
            for alias in node.names:
                if alias.name == "*":
                    found.append((node.lineno, f"imports * from {node.module}"))
                else:
                    bound[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            dotted = _dotted(node, bound)
            if dotted is not None and (dotted in CLOCK_ATTRIBUTES
                                       or dotted.startswith("time.")):
                found.append((node.lineno, f"reads the clock: {dotted}"))
            elif (isinstance(node.value, ast.Name) and node.value.id not in bound
                  and (node.value.id, node.attr) in CLOCK_READS):
                found.append((node.lineno, f"reads the clock: {node.value.id}.{node.attr}"))
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
            what = bound.get(node.id, "")
            if what in CLOCK_ATTRIBUTES or what.startswith("time."):
                found.append((node.lineno, f"reads the clock: {what}"))
        elif isinstance(node, ast.Call) and len(node.args) >= 2:
            func, (owner, name) = node.func, node.args[:2]
            if (isinstance(func, ast.Name) and func.id == "getattr"
                    and isinstance(name, ast.Constant) and isinstance(name.value, str)):
                base = _dotted(owner, bound) if isinstance(owner, ast.Attribute | ast.Name) \
                    else None
                dotted = f"{base}.{name.value}" if base else ""
                if dotted in CLOCK_ATTRIBUTES or dotted.startswith("time."):
                    found.append((node.lineno, f"reads the clock: {dotted}"))
    return sorted(set(found))


def _dotted(node: ast.expr, bound: dict[str, str]) -> str | None:
    """``a.b.c`` with ``a`` replaced by what it was imported as, or None when ``a`` is not
    an import of ``time`` or ``datetime``."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name) or node.id not in bound:
        return None
    return ".".join([bound[node.id], *reversed(parts)])


def test_no_ui_source_reads_the_system_clock():
    """Time comes from the app's injected clock, never from datetime.now() and friends."""
    offenders, allowed_seen = [], set()
    for path in ui_sources():
        where = path.relative_to(UI).as_posix()
        for line, what in clock_reads(ast.parse(path.read_text(encoding="utf-8"))):
            if (where, what) in ALLOWED:
                allowed_seen.add((where, what))
            else:
                offenders.append(f"{where}:{line}: {what}")
    assert offenders == []
    assert set(ALLOWED) - allowed_seen == set(), "no longer needed: remove from ALLOWED"


@pytest.mark.parametrize("source", [
    "import time\ntime.monotonic()",
    "import time as monotonic_time\nmonotonic_time.monotonic()",
    "from time import monotonic\nmonotonic()",
    "from time import perf_counter as clock",
    "import datetime\ndatetime.datetime.now()",
    "import datetime as dt\ndt.date.today()",
    "from datetime import datetime as DT\nDT.now()",
    "from datetime import datetime\nstamp = datetime.utcnow",
    "from datetime import date\ngetattr(date, 'today')()",
    "def f():\n    from datetime import datetime as moment\n    return moment.today()",
    "datetime.now()",  # imported from elsewhere under the usual name
])
def test_the_clock_check_sees_through_aliases(source):
    assert clock_reads(ast.parse(source)), source


@pytest.mark.parametrize("source", [
    "from datetime import UTC, date, datetime, time, timedelta\n"
    "time(9, 30)\ndatetime.combine(date(2026, 11, 25), time(0), tzinfo=UTC)\n"
    "datetime.fromisoformat('2026-11-25T09:30')",
    "def f(clock):\n    return clock.now(), clock.monotonic(), clock.today()",
])
def test_the_clock_check_passes_what_reads_no_clock(source):
    assert clock_reads(ast.parse(source)) == []
