"""The package's shape, as issue 12 set it: no module over 500 lines, and Textual's
internals reached from one compat module only; and, for start-up (issue 16), no module
that defines a ``NamedTuple`` has its annotations deferred."""

from __future__ import annotations

import ast
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


def defines_named_tuple(tree: ast.Module) -> bool:
    return any(isinstance(node, ast.ClassDef)
               and any(isinstance(base, ast.Name) and base.id == "NamedTuple"
                       for base in node.bases)
               for node in ast.walk(tree))


def defers_annotations(tree: ast.Module) -> bool:
    return any(isinstance(node, ast.ImportFrom) and node.module == "__future__"
               and any(alias.name == "annotations" for alias in node.names)
               for node in tree.body)


def test_no_named_tuple_module_defers_its_annotations():
    """``typing.NamedTuple`` compiles each field's annotation that is a string into a
    ``ForwardRef`` as the class is made, about 12 µs a field: with 45 records among the
    modules of the first frame, some 2 ms of every start. So the modules that define
    one evaluate their annotations (Python 3.11 reads ``X | None`` and ``tuple[X, ...]``),
    quoting only what is not defined yet (a class of the same module, a name imported for
    type checking alone)."""
    trees = {p: ast.parse(p.read_text(encoding="utf-8")) for p in modules()}
    defining = [p for p, tree in trees.items() if defines_named_tuple(tree)]
    assert len(defining) > 20, "the check finds no NamedTuple"
    deferred = [str(p.relative_to(PACKAGE)) for p in defining if defers_annotations(trees[p])]
    assert deferred == []
    assert any(defers_annotations(tree) for tree in trees.values()), \
        "the check finds no deferred annotations anywhere"
