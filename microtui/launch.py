"""The ``microtui`` command's entry point: ``microtui next`` answered from the state the app
keeps (:mod:`microtui.next_state`) before anything heavy is imported; everything else (and
``next`` whenever that state does not hold) goes to :func:`microtui.cli.main`.

A status bar runs ``microtui next`` every few seconds, so this module imports almost
nothing: not argparse, not the library loader, not the store.
"""

from __future__ import annotations

import os
import sys

#: What a shell shows for a command ended by a closed pipe (128 + SIGPIPE).
EXIT_BROKEN_PIPE = 141
#: What a shell shows for a command ended by ctrl+c (128 + SIGINT).
EXIT_INTERRUPTED = 130


def main() -> int:
    """Run ``microtui`` with ``sys.argv``; returns its exit code."""
    argv = sys.argv[1:]
    if "next" in argv:
        try:
            code = answer_next(argv)
        except KeyboardInterrupt:
            return EXIT_INTERRUPTED
        if code is not None:
            return code
    from microtui.cli import main as full_main

    return full_main(argv)


def answer_next(argv: list[str]) -> int | None:
    """Print ``next``'s answer from the saved state and return 0; None when it does not
    hold (nothing printed)."""
    import time

    from microtui.next_state import fast_answer

    try:
        text = fast_answer(argv, os.environ, os.getcwd(), time.time_ns() // 1000)
    except Exception:  # the working directory gone, say: if in doubt, the full command
        return None
    if text is None:
        return None
    try:
        sys.stdout.write(text + "\n")
        sys.stdout.flush()
    except BrokenPipeError:
        let_stdout_go()
        return EXIT_BROKEN_PIPE
    return 0


def let_stdout_go() -> None:
    """After a closed pipe: what is still buffered for stdout goes nowhere (Python would
    otherwise try to write it at exit and complain)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # no real stdout (a test's, say)
        pass
