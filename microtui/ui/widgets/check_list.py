"""CheckList: a list of choices to tick that reads without colour, ``☑`` ticked, ``☐`` not.

Textual's SelectionList draws the same ``▐X▌`` on every row and tells ticked from not only by
the X's colour, and has no way to change the mark (Textual 8.x). This one draws the option
list's line itself (``OptionList.render_line``) after a mark of the same width (four cells,
as ``SelectionList`` lays out its prompts). Only the routine form uses it: Textual's
SelectionList is not imported with the app's start.
"""

from __future__ import annotations

from typing import ClassVar, TypeVar

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip
from textual.widgets import OptionList, SelectionList
from textual.widgets.option_list import OptionDoesNotExist

SelectionValue = TypeVar("SelectionValue")


class CheckList(SelectionList[SelectionValue]):
    """A SelectionList whose rows read without colour: ``☑`` ticked, ``☐`` not."""

    MARKS: ClassVar[tuple[str, str]] = ("☐", "☑")

    def render_line(self, y: int) -> Strip:
        line = OptionList.render_line(self, y)
        _, scroll_y = self.scroll_offset
        index = scroll_y + y
        try:
            selection = self.get_option_at_index(index)
        except OptionDoesNotExist:
            return line
        ticked = selection.value in self.selected
        underlying = next(iter(line)).style or self.rich_style
        mark = underlying + Style(bold=ticked, meta={"option": index})
        return Strip([Segment(" ", underlying), Segment(self.MARKS[ticked], mark),
                      Segment("  ", underlying), *line])
