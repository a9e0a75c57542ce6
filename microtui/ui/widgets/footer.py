"""The footer: the keys of the screen in front, on one line, drawn by one widget.

Textual's ``Footer`` makes a widget for every key (``FooterKey``, in ``KeyGroup``s with a
``FooterLabel``): 12 to 15 widgets per screen, composed, styled, laid out and drawn on the
screen's first visit, and composed again whenever the keys change. On Progress's first
visit that was about 40% of the time to its first frame (106-128 ms with them, 59-84 ms
without, in process). This footer draws the same line itself:

* The keys come in this order: the screen's own, then those of the focused widget and its
  containers, then the app's (``12345 Screens``, a group: its keys, then its label), then
  ``^p Find``; the app's Help and Quit (:data:`PINNED_KEYS`) sit at the right end, always
  shown (as ``f1`` and ``^q`` while a text field takes ``?`` and ``q``). When the rest does
  not fit, whole keys go from the end (``^p Find`` first, then the screens, ...): none is
  ever cut in the middle.
* A key is pressed by a click as by its key (a disabled one rings the bell); the key under
  the pointer is highlighted, and its tooltip (or its description) is the footer's.
* The line is drawn again only when the keys it shows change (a screen's bindings are
  "updated" each time it comes in front or the focus moves) or its width does.
"""

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.binding import ActiveBinding

    Bindings = Mapping[str, ActiveBinding]
    """A screen's active bindings, as :attr:`Screen.active_bindings` works them out."""


PINNED_KEYS = ("help", "quit")
"""The ids of the app's bindings a footer always shows, at its right end."""
STAND_INS = {"help": "help-f1", "quit": "quit-now"}
"""The ids of the app's bindings a footer shows there instead while the focused widget takes
``?`` and ``q`` as text (a text field): ``f1 Help`` and ``^q Quit``."""
DISABLED = Style(dim=True)
"""A key that does nothing now (its action's ``check_action`` says so), as Textual dims it."""


class Key(NamedTuple):
    """One key as the footer shows it."""

    key: str
    display: str
    enabled: bool
    tooltip: str


class Unit(NamedTuple):
    """What the footer shows or leaves out whole: one key with its description, or the keys
    of a group with the group's label. Its text is ``lead + keys + gap + label + tail``;
    ``tail`` may go at the right end of what fits. ``padded``: the spaces around the key are
    its own (drawn in the key's style, as Textual's footer pads a key); else ``lead`` and
    ``tail`` are the footer's, and ``gap`` the description's."""

    keys: tuple[Key, ...]
    label: str
    lead: str
    gap: str
    tail: str
    padded: bool = False

    @property
    def width(self) -> int:
        return cell_len(self.text)

    @property
    def text(self) -> str:
        return self.lead + "".join(key.display for key in self.keys) + self.gap + self.label \
            + self.tail


class Shown(NamedTuple):
    """A unit as drawn: where it starts, and its text there."""

    unit: Unit
    x: int
    text: str


class Footer(Widget, can_focus=False):
    """The keys of the screen in front (see the module's docstring)."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "footer--key", "footer--description", "footer--hover",
    }
    DEFAULT_CSS = """
    Footer {
        dock: bottom;
        height: 1;
        width: 1fr;
        color: $footer-foreground;
        background: $footer-background;
        .footer--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .footer--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .footer--hover {
            background: $block-hover-background;
        }
    }
    """

    def __init__(self, *, compact: bool = False, show_command_palette: bool = True,
                 id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.compact = compact
        self.show_command_palette = show_command_palette
        self.set_class(compact, "-compact", update=False)
        self._keys: tuple[object, ...] | None = None
        """What the line drawn last shows (:meth:`_keys_shown`)."""
        self._shown: list[Shown] = []
        self._hover: Shown | None = None

    # -- what it shows ------------------------------------------------------------------

    @staticmethod
    def _active(bindings: "Bindings") -> list[tuple[DOMNode, Binding, bool, str]]:
        return [(node, binding, enabled, tooltip)
                for node, binding, enabled, tooltip in bindings.values() if binding.show]

    def _keys_shown(self, bindings: "Bindings") -> tuple[object, ...]:
        return (self.size.width, *((binding.key, binding.action, binding.description,
                                    binding.key_display, binding.id, binding.group, enabled,
                                    tooltip)
                                   for _node, binding, enabled, tooltip
                                   in self._active(bindings)))

    def _key(self, binding: Binding, enabled: bool, tooltip: str) -> Key:
        return Key(binding.key, self.app.get_key_display(binding), enabled,
                   tooltip or binding.description)

    def _one(self, binding: Binding, enabled: bool, tooltip: str, *,
             compact: bool) -> Unit:
        key = self._key(binding, enabled, tooltip)
        if compact:
            return Unit((key,), binding.description, "", " ", " ")
        return Unit((key,), binding.description, " ", " ", " ", padded=True)

    def units(self, bindings: "Bindings") -> tuple[list[Unit], list[Unit]]:
        """The units of the keys on the left, in order, and the pinned ones (of ``bindings``,
        the screen's active bindings: Textual works them out afresh each time it is asked)."""
        screen = self.screen
        app = self.app

        def rank(node: DOMNode) -> int:  # the screen's, the focused widget's, the app's
            return 0 if node is screen else 2 if node is app else 1

        active = sorted(self._active(bindings), key=lambda entry: rank(entry[0]))
        by_action: dict[str, tuple[Binding, bool, str]] = {}
        by_id: dict[str | None, tuple[Binding, bool, str]] = {
            binding.id: (binding, enabled, tooltip)
            for _node, binding, enabled, tooltip in bindings.values()
            if binding.id in STAND_INS.values()}
        for _node, binding, enabled, tooltip in active:
            if binding.id in PINNED_KEYS:
                by_id.setdefault(binding.id, (binding, enabled, tooltip))
            else:
                by_action.setdefault(binding.action, (binding, enabled, tooltip))
        pinned: list[Unit] = []
        for key_id in PINNED_KEYS:
            entry = by_id.get(key_id) or by_id.get(STAND_INS[key_id])
            if entry is not None:
                unit = self._one(*entry, compact=self.compact)
                # Compact: a space before each and none after; else as the others.
                pinned.append(unit._replace(lead=" ", tail="") if self.compact else unit)
        entries = list(by_action.values())
        left: list[Unit] = []
        index = 0
        while index < len(entries):
            group = entries[index][0].group
            run = 1
            while group is not None and index + run < len(entries) \
                    and entries[index + run][0].group == group:
                run += 1
            if group is not None and run > 1:
                keys = tuple(self._key(*entry) for entry in entries[index:index + run])
                left.append(Unit(keys, group.description, " ", " ", " "))
            else:
                left.append(self._one(*entries[index], compact=self.compact))
            index += run
        if self.show_command_palette and app.ENABLE_COMMAND_PALETTE:
            palette = bindings.get(app.COMMAND_PALETTE_BINDING)
            if palette is not None:
                _node, binding, enabled, tooltip = palette
                left.append(self._one(binding, enabled, binding.tooltip or tooltip,
                                      compact=True))
        return left, pinned

    def layout_units(self, width: int, bindings: "Bindings") -> list[Shown]:
        """The units drawn at ``width`` cells, where and as what: the pinned ones at the right
        end; the others from the first on, while each fits whole (its tail may go)."""
        left, pinned = self.units(bindings)
        pinned_width = sum(unit.width for unit in pinned)
        room = width - pinned_width
        shown: list[Shown] = []
        x = 0
        for unit in left:
            if unit.width - len(unit.tail) > room - x:
                break  # after one that does not fit, none
            over = max(0, unit.width - (room - x))  # of its tail, in cells (spaces)
            text = unit.text[:len(unit.text) - over]
            shown.append(Shown(unit, x, text))
            x += unit.width - over
        x = max(x, width - pinned_width)
        for unit in pinned:
            shown.append(Shown(unit, x, unit.text))
            x += unit.width
        return shown

    @property
    def drawn(self) -> list[Shown]:
        """The units of the line drawn last, where and as what."""
        return list(self._shown)

    # -- drawing ------------------------------------------------------------------------

    def render(self) -> Text:
        width = self.size.width or self.app.size.width
        bindings = self.screen.active_bindings
        self._keys = self._keys_shown(bindings)
        self._shown = self.layout_units(width, bindings)
        key_style = self.get_component_rich_style("footer--key")
        description_style = self.get_component_rich_style("footer--description")
        hover_style = self.get_component_rich_style("footer--hover")
        plain = self.rich_style  # the footer's own: the margins around a key
        line = Text(no_wrap=True, overflow="crop", end="")
        for shown in self._shown:
            if line.cell_len < shown.x:
                line.append(" " * (shown.x - line.cell_len))
            unit = shown.unit
            extra = hover_style if self._hover is not None and self._hover.x == shown.x \
                else Style()
            if not any(key.enabled for key in unit.keys):
                extra += DISABLED
            start = len(line)
            keys = [(key.display, key_style + extra + (Style() if key.enabled else DISABLED))
                    for key in unit.keys]
            if unit.padded:  # one key, its spaces its own: " ⏎ " then "Start "
                line.append(unit.lead + keys[0][0] + unit.gap, keys[0][1])
                line.append(unit.label + unit.tail, description_style + extra)
            else:  # "^s" then " Save", or " " "12345" " Screens" " "
                line.append(unit.lead, plain)
                for text, style in keys:
                    line.append(text, style)
                line.append(unit.gap + unit.label, description_style + extra)
                line.append(unit.tail, plain)
            over = len(line) - (start + len(shown.text))  # a tail that did not fit
            if over > 0:
                line.right_crop(over)
        return line

    # -- keeping up ---------------------------------------------------------------------

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[Any]) -> None:
        if screen is self.screen:
            self._keep_up()

    def on_resize(self) -> None:
        self._keep_up()

    def _keep_up(self) -> None:
        """Draw the line again if the keys it shows (or its width) changed."""
        if self._keys is None:
            return  # not drawn yet: its first draw works the keys out
        if self.is_attached and self._keys_shown(self.screen.active_bindings) != self._keys:
            self.refresh()

    # -- the pointer --------------------------------------------------------------------

    def _at(self, x: int) -> tuple[Shown, Key] | None:
        for shown in self._shown:
            if shown.x <= x < shown.x + cell_len(shown.text):
                keys = shown.unit.keys
                offset = x - shown.x - cell_len(shown.unit.lead)
                for key in keys:  # a group's keys: the one under the pointer
                    if offset < cell_len(key.display):
                        return shown, key
                    offset -= cell_len(key.display)
                return shown, keys[-1]
        return None

    def on_mouse_move(self, event: events.MouseMove) -> None:
        found = self._at(event.x)
        hover = found[0] if found is not None else None
        if hover != self._hover:
            self._hover = hover
            self.tooltip = found[1].tooltip if found is not None else None
            self.refresh()

    def on_leave(self) -> None:
        if self._hover is not None:
            self._hover = None
            self.tooltip = None
            self.refresh()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        found = self._at(event.x)
        if found is None:
            return
        key = found[1]
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()
