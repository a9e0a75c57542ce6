"""Load exercise libraries from TOML, strictly.

Every problem found is reported at once, each naming the file, the exercise (or routine
trigger) and the field, with a line number where one can be found, so a user fixing their
own ``exercises.toml`` sees everything that is wrong in one go. Nothing is guessed: an
unknown key, a missing field, a wrong type, a zero or negative duration, a duplicate id,
an unknown region or a routine naming an unknown exercise is an error. Numbers must be
sensible too (a duration of seconds, not ``nan`` or a week), so that a library that loads
can always be played and planned. Nothing in the file is ever run or opened: it is text.

The files are read by :mod:`microtui.core.library_file`, their [[exercise]] tables checked by
:mod:`microtui.core.exercise_table` and their [routine] by :mod:`microtui.core.routine_table`;
this module merges them into a :class:`Library`.
"""

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from microtui.core.exercise_table import read_exercises
from microtui.core.exercises import Exercise, Region
from microtui.core.library_file import LibraryFile, Problem
from microtui.core.routine import Routine
from microtui.core.routine_table import read_routine

BUILTIN_NAME = "exercises.toml"


class LibraryError(Exception):
    """The library could not be loaded; ``problems`` lists every reason."""

    def __init__(self, problems: Sequence[Problem]):
        self.problems = tuple(problems)
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in the exercise library:"
        super().__init__("\n".join([head, *(f"  {p}" for p in self.problems)]))


class Library(NamedTuple):
    """The merged exercise library and its routines (the first is the default)."""

    exercises: dict[str, Exercise]
    routines: list[Routine]
    sources: Sequence[Path] = ()
    #: What loaded but goes against the guide's advice (the breath rule), file by file.
    warnings: Sequence[Problem] = ()

    @property
    def default_routine(self) -> Routine:
        return self.routines[0]

    def by_region(self) -> dict[Region, list[Exercise]]:
        grouped: dict[Region, list[Exercise]] = {region: [] for region in Region}
        for exercise in self.exercises.values():
            grouped[exercise.region].append(exercise)
        return {region: items for region, items in grouped.items() if items}


def builtin_path() -> Path:
    """The shipped ``exercises.toml``: inside the wheel, or at the top of a checkout."""
    here = Path(__file__).resolve().parent.parent
    packaged = here / BUILTIN_NAME
    if packaged.is_file():
        return packaged
    return here.parent / BUILTIN_NAME


def load_library(paths: Iterable[Path],
                 parse: Callable[[str], dict[str, Any]] | None = None) -> Library:
    """Load and merge library files in order; a later exercise replaces one with its id.
    ``parse`` parses a file's text as TOML (see :meth:`LibraryFile.read`).

    Raises :class:`LibraryError` naming every problem in every file.
    """
    problems: list[Problem] = []
    exercises: dict[str, Exercise] = {}
    raw_routines: list[tuple[LibraryFile, Any]] = []
    warnings: list[Problem] = []
    sources = list(paths)
    for path in sources:
        ctx = LibraryFile.read(path, problems, parse)
        if ctx is None:
            continue
        exercises.update(read_exercises(ctx, problems))
        warnings.extend(ctx.warnings)
        if "routine" in ctx.doc:
            raw_routines.append((ctx, ctx.doc["routine"]))
    routines = [r for ctx, raw in raw_routines
                if (r := read_routine(ctx, raw, exercises, problems))]
    if not problems and not routines:
        problems.append(
            Problem(sources[0] if sources else Path(BUILTIN_NAME), "", "routine",
                    "no [routine] defined: the built-in library must hold the default routine")
        )
    if problems:
        raise LibraryError(problems)
    return Library(exercises=exercises, routines=routines, sources=sources, warnings=warnings)
