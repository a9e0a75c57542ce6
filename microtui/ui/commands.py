"""Command palette providers."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from microtui.core.time_text import fmt_seconds

if TYPE_CHECKING:
    from microtui.ui.app import MicroTuiApp


class ExerciseCommands(Provider):
    """One command per exercise: "Show exercise: Shoulder Circle" opens it in the Library."""

    PREFIX = "Show exercise: "

    def _commands(self) -> list[tuple[str, str, str]]:
        app = cast("MicroTuiApp", self.app)
        return [
            (
                f"{self.PREFIX}{ex.name}",
                ex.id,
                f"{ex.region.label} · {ex.posture} · {fmt_seconds(ex.total_seconds())}",
            )
            for exercises in app.library.by_region().values()
            for ex in exercises
        ]

    def _show(self, exercise_id: str):  # -> a zero-argument callable
        app = cast("MicroTuiApp", self.app)
        return partial(app.show_exercise, exercise_id)

    async def discover(self) -> Hits:
        for text, exercise_id, help_text in self._commands():
            yield DiscoveryHit(text, self._show(exercise_id), text=text, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, exercise_id, help_text in self._commands():
            score = matcher.match(text)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(text),
                    self._show(exercise_id),
                    text=text,
                    help=help_text,
                )
