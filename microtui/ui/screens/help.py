"""The help screen: every key that works right now, read from the live bindings."""

from __future__ import annotations

from collections import defaultdict
from typing import ClassVar

from rich.cells import cell_len
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Static


def binding_groups(screen: Screen) -> list[tuple[str, list[tuple[str, str]]]]:
    """The keys active on ``screen``, grouped by where they are bound.

    Returns ``[(group title, [(keys, description), ...]), ...]``, innermost first (the
    focused widget, then the screen, then the app). Several keys bound to one action share
    a row. Textual's system bindings (such as ctrl+c's "press ctrl+q to quit" hint) are left
    out, as are bindings the screen has switched off.
    """
    app = screen.app
    grouped: dict[DOMNode, dict[str, list[Binding]]] = defaultdict(lambda: defaultdict(list))
    for node, binding, _enabled, _tooltip in screen.active_bindings.values():
        if binding.system:
            continue
        grouped[node][binding.action].append(binding)
    groups: list[tuple[str, list[tuple[str, str]]]] = []
    for node, actions in grouped.items():
        rows = []
        for action, bindings in actions.items():
            displays = dict.fromkeys(app.get_key_display(b) for b in bindings)
            keys = " ".join(sorted(displays, key=len))
            rows.append((keys, _description(bindings[0], action)))
        groups.append((_group_title(node), rows))
    return groups


def _description(binding: Binding, action: str) -> str:
    return binding.description or action.rpartition(".")[2].replace("_", " ").capitalize()


def _group_title(node: DOMNode) -> str:
    if node.BINDING_GROUP_TITLE:
        return node.BINDING_GROUP_TITLE
    if isinstance(node, Screen):
        return node.sub_title or node.title or "Screen"
    return type(node).__name__


class HelpScreen(ModalScreen[None]):
    """A modal list of the keys of the app and of the screen it was opened over."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "dismiss", "Close help", id="help.close"),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {"help-screen--key"}

    def __init__(self, source: Screen) -> None:
        super().__init__()
        self.source = source

    def compose(self) -> ComposeResult:
        groups = binding_groups(self.source)
        key_width = max((cell_len(keys) for _, rows in groups for keys, _ in rows), default=1)
        with Vertical(id="help-dialog") as dialog:
            dialog.border_title = "Keys"
            dialog.border_subtitle = "esc / ? / q to close"
            with VerticalScroll(id="help-keys"):
                for title, rows in groups:
                    yield Static(title, classes="help-group", markup=False)
                    yield Static(self._table(rows, key_width), classes="help-table")

    def _table(self, rows: list[tuple[str, str]], key_width: int) -> Table:
        key_style = self.get_component_rich_style("help-screen--key", partial=True)
        table = Table.grid(padding=(0, 2))
        table.add_column(no_wrap=True, min_width=key_width)
        table.add_column(ratio=1)
        for keys, description in rows:
            table.add_row(Text(keys, key_style), description)
        return table
