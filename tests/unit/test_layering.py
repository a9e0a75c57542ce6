"""Only the modules of microtui/store/ touch TinyDB; the UI and the core never do."""

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
        path.relative_to(PACKAGE).as_posix()
        for path in PACKAGE.rglob("*.py")
        if "tinydb" in imported_roots(path)
    )
    assert users, "the store does not import tinydb any more: is this test still looking?"
    assert [user for user in users if not user.startswith("store/")] == []
