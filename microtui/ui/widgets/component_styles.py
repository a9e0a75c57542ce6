"""A widget's component styles, each worked out once until the widget's styles change.

Textual keeps a widget's component styles (``get_component_rich_style``) only until its next
``refresh()``, and the line-API widgets here repaint lines many times a minute (the
timeline's countdown every second) or a second (the player's set bar). The widget owns a
:class:`ComponentStyles` and clears it from ``notify_style_update`` (a theme change, a CSS
reload), so that it never draws with the old colours.
"""

from __future__ import annotations

from rich.style import Style
from textual.widget import Widget


class ComponentStyles:
    """The Rich styles of ``widget``'s component classes named ``<prefix>--<name>``."""

    def __init__(self, widget: Widget, prefix: str) -> None:
        self._widget = widget
        self._prefix = prefix
        self._styles: dict[tuple[str, bool], Style] = {}

    def __call__(self, name: str, *, partial: bool = False) -> Style:
        """The style of ``<prefix>--<name>``; ``partial``: without what it inherits."""
        style = self._styles.get((name, partial))
        if style is None:
            style = self._styles[name, partial] = self._widget.get_component_rich_style(
                f"{self._prefix}--{name}", partial=partial)
        return style

    def clear(self) -> None:
        """Forget them all (call from the widget's ``notify_style_update``)."""
        self._styles.clear()
