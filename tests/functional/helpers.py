"""Helpers for Pilot tests."""

from __future__ import annotations

from rich.table import Table
from textual.app import App
from textual.widgets import Static


def screen_text(app: App) -> str:
    """What the terminal shows right now, as plain text, one line per row."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def type_keys(text: str) -> list[str]:
    """Keys for ``pilot.press`` that type ``text`` (a space is the "space" key)."""
    return ["space" if char == " " else char for char in text]


def table_rows(static: Static) -> list[list[str]]:
    """The plain-text cells of the Rich table a Static displays, row by row."""
    table = static.content
    assert isinstance(table, Table), f"{static!r} does not show a table"
    columns = [[str(cell) for cell in column.cells] for column in table.columns]
    return [list(row) for row in zip(*columns, strict=True)]
