"""The routine form's CheckList: ticked rows read without colour."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import SelectionList

from microtui.ui.widgets.check_list import CheckList


class Picks(App[None]):
    def __init__(self, kind: type) -> None:
        super().__init__()
        self.kind = kind

    def compose(self) -> ComposeResult:
        yield self.kind(("Ticked", 1, True), ("Not ticked", 2, False))


async def rows_drawn(kind: type) -> list[str]:
    app = Picks(kind)
    async with app.run_test(size=(40, 6)):
        widget = app.query_one(kind)
        return [widget.render_line(y).text for y in range(2)]


async def test_a_selection_list_still_tells_ticked_rows_by_colour_alone():
    ticked, not_ticked = await rows_drawn(SelectionList)
    assert ticked[:3] == not_ticked[:3] == "▐X▌"  # upstream: the same mark on every row


async def test_our_check_list_marks_ticked_rows():
    ticked, not_ticked = await rows_drawn(CheckList)
    assert ticked.startswith(" ☑  Ticked") and not_ticked.startswith(" ☐  Not ticked")
