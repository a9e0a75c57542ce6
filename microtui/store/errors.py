"""What can go wrong in the store, each as an error whose message is meant for the user."""

from __future__ import annotations

from pathlib import Path

__all__ = ["CorruptDataError", "StoreError", "StoreLockedError", "StoreWriteError"]

_RECOVERY_HINT = (
    "microtui has not changed it. To recover, move it aside (for example rename it to "
    "'<name>.broken'), or start with --data pointing elsewhere."
)


class StoreError(Exception):
    """Anything the store cannot do; the message is meant for the user."""


class CorruptDataError(StoreError):
    """One or more data files cannot be parsed; they were left exactly as found.

    ``problems`` lists ``(path, what is wrong)``; ``path`` is the first of them.
    """

    def __init__(self, problems: list[tuple[Path, str]]) -> None:
        self.problems = problems
        self.path = problems[0][0]
        lines = "\n".join(f"  {path}: {why}" for path, why in problems)
        noun = "file is" if len(problems) == 1 else "files are"
        super().__init__(f"microtui data {noun} damaged:\n{lines}\n{_RECOVERY_HINT}")


class StoreLockedError(StoreError):
    """Another live process holds the data directory's lock."""


class StoreWriteError(StoreError):
    """A write failed (disk full, read-only, ...); the previous file is intact."""
