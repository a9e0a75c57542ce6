"""Once the app is leaving, no key runs an action.

Keys typed in one burst with ``q`` (pasted, or faster than a frame) reach the app after it
has begun to exit: ``q`` then ``m`` opened the meeting dialog on a closing app, which failed
as it mounted and ended microtui with a traceback and exit code 1. Every key's action goes
through :meth:`App.run_action` (Textual's bindings call it), so that is where they stop.
No screen is made while idle then either (the app's ``ready()`` for its screen builder,
:mod:`microtui.ui.screen_preload`): the player, made on a closing app, failed the same way.
"""

from __future__ import annotations

from collections.abc import Mapping

from textual.actions import ActionParseResult
from textual.dom import DOMNode

from microtui.ui.app_part import AppPart


class StopKeysWhenLeaving(AppPart):
    """An app whose keys do nothing once :attr:`leaving` is set (by its way out)."""

    leaving = False
    """Set as the app exits: the actions of keys that arrive later are dropped."""

    async def run_action(self, action: str | ActionParseResult,
                         default_namespace: DOMNode | None = None,
                         namespaces: Mapping[str, DOMNode] | None = None) -> bool:
        if self.leaving:
            return True  # handled: by nothing
        return await super().run_action(action, default_namespace, namespaces)
