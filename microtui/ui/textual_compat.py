"""Everything microtui needs from Textual beyond its public API, in one place.

Each workaround names the upstream issue, the Textual versions it applies to (those
``pyproject.toml`` allows: 8.x), and has a test in ``tests/unit/test_textual_compat.py``
that fails once upstream has fixed the issue, so the workaround can go. Nothing outside
this module imports ``textual._*`` or touches private attributes of Textual objects.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from typing import Any

from textual.app import App
from textual.dom import DOMNode
from textual.widgets import Footer as TextualFooter


def terminal_writer(app: App[Any]) -> Callable[[str], object] | None:
    """A function that writes escape sequences to the app's terminal, in order with what
    Textual draws; None under a headless driver (tests) or before the app has a driver.

    Textual has no public way to set the terminal's window title or to write any other
    escape sequence (the title, the bell with a text, OSC 9/777 desktop notifications):
    https://github.com/Textualize/textual/issues/1782 (open; Textual 8.x). The driver's
    ``write`` is what Textual itself draws with.
    """
    driver = getattr(app, "_driver", None)
    if driver is None or driver.is_headless:
        return None
    write: Callable[[str], object] = driver.write
    return write


WATCHERS_ATTRIBUTE = "__watchers"
"""Where Textual (8.x) keeps the ``watch``/``data_bind`` callbacks a node's reactives call."""


def forget_removed_styles() -> None:
    """Let go of the style caches (and the lines they last drew) of removed widgets.

    https://github.com/Textualize/textual/issues/6665 (open; Textual 8.x):
    ``StylesCache.get_inner_outer`` is an ``lru_cache`` on a method: its 1024 entries hold
    the style caches of widgets long removed (a set's summary, its toasts, the check-ins),
    with the last rendered lines in them. Called when a set ends.
    """
    from textual._styles_cache import StylesCache

    with contextlib.suppress(AttributeError):  # gone or no longer cached
        StylesCache.get_inner_outer.cache_clear()


def release_removed_watchers(nodes: Iterable[DOMNode]) -> None:
    """Drop the ``watch``/``data_bind`` entries of removed widgets from the watcher lists of
    ``nodes``.

    https://github.com/Textualize/textual/issues/6666 (open; Textual 8.x): a ``watch`` or
    ``data_bind`` entry of a removed widget is dropped only when the watched attribute next
    changes. Each Footer rebuild binds its keys to the footer's ``compact``, which never
    changes, so every rebuild would keep the keys it replaced.
    """
    for node in nodes:
        for entries in (getattr(node, WATCHERS_ATTRIBUTE, None) or {}).values():
            entries[:] = [(owner, callback) for owner, callback in entries
                          if not getattr(owner, "_closing", False)]


class Footer(TextualFooter):
    """Textual's Footer, letting go of the keys it replaces each time it is rebuilt.

    A Footer is rebuilt whenever its screen's bindings change, and each key binds itself
    to the footer's ``compact``: the replaced keys would stay its watchers for good
    (textual#6666, see :func:`release_removed_watchers`). Every screen uses this one, so
    nothing else has to look for them.
    """

    async def recompose(self) -> None:
        await super().recompose()
        release_removed_watchers([self])
