"""FieldInput: a text field whose problems the screen marks itself (``-invalid``).

Textual's ``Input`` validates its value as it changes, when it loses focus and on enter,
and sets ``-valid`` or ``-invalid`` then; with no validators of its own every value is valid,
so each of those took away the mark a screen had set from its own checks (a field with an
error looked fine once it was left, and flashed unmarked at each key until the screen marked
it again). A FieldInput leaves validation to its screen (``validate_on`` empty), which also
spares a restyle of the field the first time its value is set.
"""

from __future__ import annotations

from typing import Any

from textual.widgets import Input


class FieldInput(Input):
    """An ``Input`` that Textual does not validate: its screen marks it ``-invalid``."""

    BINDING_GROUP_TITLE = "In a field"
    """Help's title for its editing keys (Textual's own, "Input", reads as a class name)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("validate_on", ())
        super().__init__(*args, **kwargs)
