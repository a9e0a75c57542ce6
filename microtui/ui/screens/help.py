"""The help screen: every key that works right now, read from the live bindings."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any, ClassVar

from rich.cells import cell_len
from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from microtui.core.safety import SAFETY_ADVICE
from microtui.ui.textual_compat import add_stylesheets

HELP_CSS = Path(__file__).with_name("help.tcss")
"""The help's CSS: not in the first frame's stylesheet (see :func:`help_screen`)."""

OUR_PACKAGE = "microtui."
"""Widgets from classes of this package have keys in the app's words."""

UNUSED_ACTIONS = frozenset({"scroll_left", "scroll_right", "page_left", "page_right"})
"""Sideways scrolling, which no screen of the app uses."""

INTERNALS_TITLE = "Also here"


def binding_groups(screen: Screen) -> list[tuple[str, list[tuple[str, str]]]]:
    """The keys of ``screen``, grouped, in the app's words first, whatever has the focus.

    Returns ``[(group title, [(keys, description), ...]), ...]``: the screen's own keys
    (those its classes in this package declare) first, then those of its parts (each
    widget class of the app with keys of its own, such as a set's ``+ - i x``, listed
    even when the focus is elsewhere), then the app's keys
    (``Everywhere``), and last what Textual adds (under the focused widget's title, else
    ``Also here``: its cursor keys, tab to move the focus; sideways scrolling and ``super``
    keys left out). Several keys bound to one action share a row. Textual's system
    bindings (such as ctrl+c's "press ctrl+q to quit" hint) are left out, as are bindings
    the screen has switched off.
    """
    app = screen.app
    ours: dict[type, list[Binding]] = {}
    titles: dict[type, str] = {}
    for widget in screen.walk_children():
        for cls in type(widget).__mro__:
            if cls in ours or not cls.__module__.startswith(OUR_PACKAGE):
                continue
            bindings = [b for b in Binding.make_bindings(cls.__dict__.get("BINDINGS", ()))
                        if not b.system]
            if bindings:
                ours[cls] = bindings
                titles[cls] = _group_title(widget)
    our_keys = {(b.key, b.action) for bindings in ours.values() for b in bindings}
    screen_keys = {(b.key, b.action) for cls in type(screen).__mro__
                   if cls.__module__.startswith(OUR_PACKAGE)
                   for b in Binding.make_bindings(cls.__dict__.get("BINDINGS", ()))}

    by_place: dict[str, list[Binding]] = defaultdict(list)
    for node, binding, _enabled, _tooltip in screen.active_bindings.values():
        if binding.system or "super+" in binding.key:  # macOS's cmd: not a terminal's key
            continue
        if node is screen and (binding.key, binding.action) in screen_keys:
            by_place["screen"].append(binding)
        elif node is app:
            by_place["app"].append(binding)
        elif (binding.key, binding.action) in our_keys:
            continue  # listed with its part
        elif binding.action not in UNUSED_ACTIONS:
            by_place["internal"].append(binding)

    groups = [(_group_title(screen), _rows(app, by_place["screen"]))]
    groups += [(titles[cls], _rows(app, bindings)) for cls, bindings in ours.items()]
    groups.append((_group_title(app), _rows(app, by_place["app"])))
    focused = screen.focused
    internals_title = _group_title(focused) if focused is not None and \
        type(focused).__module__.startswith(OUR_PACKAGE) else INTERNALS_TITLE
    if internals_title in (title for title, _ in groups):
        internals_title = INTERNALS_TITLE
    groups.append((internals_title, _rows(app, by_place["internal"])))
    return [(title, rows) for title, rows in groups if rows]


def _rows(app: App[object], bindings: list[Binding]) -> list[tuple[str, str]]:
    by_action: dict[str, list[Binding]] = defaultdict(list)
    for binding in bindings:
        by_action[binding.action].append(binding)
    rows = []
    for action, same in by_action.items():
        displays = dict.fromkeys(app.get_key_display(b) for b in same)
        keys = " ".join(sorted(displays, key=len))
        rows.append((keys, _description(same[0], action)))
    return rows


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
    CSS_PATH = HELP_CSS

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
                yield Static(SAFETY_ADVICE, id="help-safety", markup=False)
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


def help_screen(app: App[Any], source: Screen) -> HelpScreen:
    """The help over ``source``, made once the app's stylesheet has the help's CSS: it is
    not in the first frame's and comes with the other screens' once Today has drawn, and a
    help opened sooner would draw its keys without their style (read as the tables are
    made, before Textual reads a pushed screen's ``CSS_PATH``)."""
    add_stylesheets(app, [HELP_CSS])
    return HelpScreen(source)
