"""The command palette's app commands: every action of the app, found by the words people
search for ("snooze", "routine", "export", "quiet", "pause", ...).

:class:`AppCommandsProvider` is a Textual command provider (``search`` for what is typed,
``discover`` for the list shown before anything is typed). The commands themselves come
from the app (:class:`PaletteSource`), each as a :class:`PaletteCommand` that names an
action of the app; choosing one runs that action. An action that cannot run now says why.
"""

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from functools import partial
from typing import NamedTuple, Protocol, runtime_checkable

from textual.command import DiscoveryHit, Hit, Hits, Provider


class PaletteCommand(NamedTuple):
    """A palette command: its name, a line of help, the app action it runs (``app.quiet``,
    ``app.switch_mode('progress')``) and more words it is found by."""

    name: str
    help: str
    action: str
    words: str = ""
    discover: bool = True
    """Listed before anything is typed (the one command per exercise is not)."""
    rank: float = 1.0
    """Its hits' scores are multiplied by this: below 1, it comes after the others."""


@runtime_checkable
class PaletteSource(Protocol):
    """What the app gives the palette: its commands."""

    def read_for_palette(self) -> object:
        """What the commands need from the disk (run in a thread before they are made)."""

    def palette_commands(self, read: object) -> Sequence[PaletteCommand]:
        """The commands that make sense now, with what :meth:`read_for_palette` read."""


WORDS_WEIGHT = 0.8
"""A command found by one of its other words ranks below one found by its name."""


class AppCommandsProvider(Provider):
    """The app's commands in the palette (see the module docstring)."""

    async def startup(self) -> None:
        self.commands: Sequence[PaletteCommand] = ()
        source = self.app
        if isinstance(source, PaletteSource):
            read = await asyncio.to_thread(source.read_for_palette)
            self.commands = source.palette_commands(read)

    def _run(self, command: PaletteCommand) -> Callable[[], Awaitable[bool]]:
        return partial(self.app.run_action, command.action)

    async def discover(self) -> Hits:
        for command in self.commands:
            if command.discover:
                yield DiscoveryHit(command.name, self._run(command), help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self.commands:
            by_name = matcher.match(command.name)
            by_words = matcher.match(command.words) * WORDS_WEIGHT if command.words else 0.0
            if by_name <= 0 and by_words <= 0:
                continue
            shown = matcher.highlight(command.name) if by_name > 0 else command.name
            yield Hit(max(by_name, by_words) * command.rank, shown, self._run(command),
                      text=command.name, help=command.help)

