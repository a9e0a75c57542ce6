"""Property-based fuzzing of bad input: the exercise library, the routine form, calendars.

The settings profile
--------------------
Every fuzz test is decorated with :data:`FUZZ`, the ``microtui-fuzz`` hypothesis profile:

* ``derandomize=True``: each test draws the same examples on every run, so CI is
  reproducible and never flaky (a failure found once is found again, on any machine).
* ``max_examples`` small enough that the whole fuzz suite runs in well under 60 s on a
  loaded 2-core CI machine (each test says its own count; see :func:`fuzz`).
* ``deadline=None``: the machine is shared, so hypothesis must not call a slow example an
  error. No test measures time: what keeps a read short (a calendar expanded from near the
  day, rules that never end left out) is checked through what the code does, and
  :func:`time_limit` (:data:`HANG_SECONDS`, far beyond any read) only turns a hang into a
  failure.
* ``database=None``: nothing is written to ``.hypothesis/``.

To fuzz harder locally, set ``MICROTUI_FUZZ=deep``: ten times the examples, random
seeds, and an example database (in the temp directory, not the checkout) so a failure
found is replayed on the next run.
"""

from __future__ import annotations

import os
import signal
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis.database import DirectoryBasedExampleDatabase

_DEEP = os.environ.get("MICROTUI_FUZZ") == "deep"

settings.register_profile(
    "microtui-fuzz",
    max_examples=100,
    deadline=None,
    derandomize=not _DEEP,
    database=DirectoryBasedExampleDatabase(Path(tempfile.gettempdir()) / "microtui-fuzz-db")
    if _DEEP else None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                           HealthCheck.function_scoped_fixture],
)
FUZZ = settings.get_profile("microtui-fuzz")


def fuzz(max_examples: int) -> settings:
    """The profile with a test's own example count (ten times more when deep)."""
    return settings(FUZZ, max_examples=max_examples * (10 if _DEEP else 1))


# -- hangs become failures ----------------------------------------------------------------


HANG_SECONDS = 60.0
"""A call still running after this long hangs: a safety net for CI, never a measure."""


class TookTooLong(BaseException):
    """Raised inside a call that ran past its :func:`time_limit`. Not an ``Exception``, so
    code under test that catches every error (as the calendar reader must) cannot turn a
    hang into an ordinary error message."""


@contextmanager
def time_limit(seconds: float, what: str) -> Iterator[None]:
    """Fail (instead of hanging CI) if the block runs longer than ``seconds``.

    Uses SIGALRM, so it works in the main thread, where pytest runs tests. The interrupt
    is raised inside the code under test as :class:`TookTooLong` and leaves the block as
    an ``AssertionError``.
    """
    def expired(signum: int, frame: Any) -> None:
        raise TookTooLong(f"{what} took longer than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except TookTooLong as exc:
        # Out of the code under test now: an ordinary failure, which hypothesis shrinks.
        raise AssertionError(str(exc)) from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# -- nothing from a user's file is opened or executed -------------------------------------

#: Audit events that run something or touch the file system beyond opening a file.
DANGEROUS_EVENTS = frozenset({
    "os.system", "subprocess.Popen", "os.exec", "os.posix_spawn", "os.spawn",
    "os.startfile", "os.fork", "pty.spawn", "os.remove", "os.rename", "os.rmdir",
    "os.mkdir", "os.chmod", "os.chown", "os.truncate", "os.link", "os.symlink",
    "shutil.rmtree", "shutil.move", "shutil.copyfile", "socket.connect",
    "urllib.Request", "webbrowser.open", "exec", "compile",
})


class AuditLog:
    """What the code under test opened and ran, from Python's audit hooks (PEP 578)."""

    def __init__(self) -> None:
        self.opened: list[str] = []
        self.dangerous: list[tuple[str, str]] = []

    def opened_other_than(self, *allowed: Path) -> list[str]:
        """Opened paths other than ``allowed`` and the time-zone database."""
        keep = {str(p) for p in allowed}
        return [p for p in self.opened
                if p not in keep and "zoneinfo" not in p and "tzdata" not in p]


_recording: list[AuditLog] = []


def _hook(event: str, args: tuple[Any, ...]) -> None:
    if not _recording:
        return
    log = _recording[-1]
    if event == "open":
        log.opened.append(os.fsdecode(args[0]) if isinstance(args[0], str | bytes)
                          else repr(args[0]))
    elif event in DANGEROUS_EVENTS or event.startswith(("os.exec", "os.spawn")):
        log.dangerous.append((event, repr(args)[:200]))


sys.addaudithook(_hook)  # audit hooks cannot be removed: it records only inside audit()


@contextmanager
def audit() -> Iterator[AuditLog]:
    """Record the files opened and the dangerous calls made inside the block."""
    log = AuditLog()
    _recording.append(log)
    try:
        yield log
    finally:
        _recording.pop()


# -- messages -------------------------------------------------------------------------------


def control_characters(text: str) -> list[str]:
    """Control characters (other than newline) that would reach the terminal raw."""
    return sorted({c for c in text if (ord(c) < 32 and c != "\n") or 0x7F <= ord(c) <= 0x9F})


#: Words of Python's own errors: a message that shows one was never written for a user.
PYTHON_INTERNALS = ("Traceback", "invalid literal for int", "codec can't", "object has no "
                    "attribute", "NoneType", "not subscriptable", "unhashable type",
                    "is not iterable", "unsupported operand", "Exceeds the limit")


def python_internals(text: str) -> list[str]:
    return [words for words in PYTHON_INTERNALS if words in text]
