"""Only microtui/store.py touches TinyDB; the UI never does."""

from __future__ import annotations

import ast
from pathlib import Path

import microtui

PACKAGE = Path(microtui.__file__).parent


def imported_roots(path: Path) -> set[str]:
    roots = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def test_only_the_store_imports_tinydb():
    users = sorted(
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if "tinydb" in imported_roots(path)
    )
    assert users == ["store.py"]
