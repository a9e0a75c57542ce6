"""The answer the app keeps for ``microtui next``, and the fast path that reads it.

A status bar runs ``microtui next`` every few seconds all day. Working the answer out loads
the library, the settings, the day's log and the calendar: many times the cost of starting
Python. So the running app keeps the answer in ``next-state.json`` in the data directory
(:mod:`microtui.next_keeper`): the day's answers from midnight to midnight (one
:class:`~microtui.next_line.NextLine` for each stretch of the day over which it holds, as
long as nothing changes), the files they were worked out from (their inode, size and
modification time, or that they were missing) and what else they depend on (the options,
the environment variables that decide where files are, the time zone, the version).

:func:`fast_answer` prints from that file only when all of it still holds: the same
options and environment, the same time zone, every file as it was, and now within the day
the answers cover. Otherwise (or when in doubt, or when anything is odd) it gives None and
the full command works the answer out. It never writes and never takes the store's lock.
It imports almost nothing (no dataclasses, no typing, no pathlib, no platformdirs): its cost
is what a status bar pays.
"""

from __future__ import annotations

import json
import os
import sys

from microtui import __version__
from microtui.core.zone_names import zone_candidates
from microtui.next_line import NextLine, line_json, line_text

TYPE_CHECKING = False  # typing itself is not imported: see the module docstring
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from typing import Any

STATE_FILE = "next-state.json"
"""The answers' file, in the data directory."""
FORMAT = 1
"""Bumped when what the file holds changes meaning; another format is not read."""
MAX_BYTES = 1_000_000
"""A larger file is not read (it is not ours)."""
KEY_ENVIRONMENT = ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "TZ")
"""The environment variables that decide which files are read and the time zone."""
CLOCK_ENVIRONMENT = ("MICROTUI_NOW", "MICROTUI_SPEED")
"""Set, they give ``next`` a clock of their own: it then always works the answer out."""
_OPTIONS = ("--data", "--exercises", "--calendar")


class NextOptions:
    """What ``microtui next`` was given: ``--data``, ``--exercises``, ``--calendar`` (None:
    not given) and ``--json``."""

    __slots__ = ("calendar", "data", "exercises", "json")

    def __init__(self, data: str | None = None, exercises: str | None = None,
                 calendar: str | None = None, json: bool = False) -> None:
        self.data = data
        self.exercises = exercises
        self.calendar = calendar
        self.json = json


def parse_next_args(argv: Sequence[str]) -> NextOptions | None:
    """``argv`` (without the program's name) when it is plainly ``next`` with some of its
    options, before or after it, as ``--opt VALUE`` or ``--opt=VALUE``; else None (help, an
    abbreviation, anything unusual: the full parser deals with it)."""
    values: dict[str, str] = {}
    as_json = seen_next = False
    tokens = list(argv)
    index = 0
    while index < len(tokens):
        token = tokens[index]
        index += 1
        if token == "next" and not seen_next:
            seen_next = True
            continue
        if token == "--json" and seen_next:
            as_json = True
            continue
        name, equals, value = token.partition("=")
        if name not in _OPTIONS:
            return None
        if not equals:
            if index >= len(tokens):
                return None
            value = tokens[index]
            index += 1
        if not value or value.startswith("-"):
            return None
        values[name] = value  # the last one given wins, as with the full parser
    if not seen_next:
        return None
    return NextOptions(values.get("--data"), values.get("--exercises"),
                       values.get("--calendar"), as_json)


def absolute(path: str, cwd: str) -> str:
    """``path`` with ``~`` expanded, joined to ``cwd`` when relative, without its empty and
    ``.`` parts (as :class:`~pathlib.Path` writes it: ``./mine.toml`` and ``mine.toml`` are
    one file). A ``..`` is kept: after a symbolic link it is not the parent it looks like."""
    path = os.path.expanduser(path)
    if not os.path.isabs(path):
        path = os.path.join(cwd, path)
    if os.sep != "/":
        return path
    return "/" + "/".join(part for part in path.split("/") if part not in ("", "."))


def default_data_dir(env: Mapping[str, str]) -> str | None:
    """``platformdirs``' user data directory for microtui on Linux, worked out without
    importing it; None elsewhere or when unsure. A wrong guess only costs speed: a file found
    there is used only if the app that wrote it found its data there by the same default
    under the same environment (:func:`state_key`)."""
    if not sys.platform.startswith("linux"):
        return None
    xdg = env.get("XDG_DATA_HOME", "")
    if os.path.isabs(xdg):
        return os.path.join(xdg, "microtui")
    home = env.get("HOME")
    if home is None or not os.path.isabs(home):
        return None
    return os.path.join(os.path.expanduser("~/.local/share"), "microtui")


def data_dir_of(data: str | None, env: Mapping[str, str], cwd: str) -> tuple[str, bool] | None:
    """The data directory ``--data`` (or ``MICROTUI_DATA``, or the default) names, and
    whether it is the default; None when the default cannot be worked out here."""
    if data:
        return absolute(data, cwd), False
    if env.get("MICROTUI_DATA"):
        return absolute(env["MICROTUI_DATA"], cwd), False
    guess = default_data_dir(env)
    return None if guess is None else (guess, True)


def calendar_key(text: str | None, cwd: str) -> str | None:
    """``--calendar`` as the answer depends on it: an address as given, a path made
    absolute."""
    if text is None or not text.strip():
        return None
    from microtui.core.calendar_address import is_address

    given = text.strip()
    return given if is_address(given) else absolute(given, cwd)


def local_zone_name(env: Mapping[str, str]) -> str:
    """The name the local zone is first looked up by ("" when none): the answers hold only
    when it is the name of the zone they were worked out in."""
    return next((name for name in zone_candidates(env) if name), "")


def state_key(options: NextOptions, env: Mapping[str, str], cwd: str, data_dir: str,
              default: bool) -> dict[str, Any]:
    """Everything but the files that the answer depends on."""
    return {
        "version": __version__,
        "data": data_dir,
        "default_data": default,
        "exercises": None if options.exercises is None else absolute(options.exercises, cwd),
        "calendar": calendar_key(options.calendar, cwd),
        "environment": {name: env.get(name) for name in KEY_ENVIRONMENT},
        "uid": os.geteuid() if hasattr(os, "geteuid") else None,
        "zone": local_zone_name(env),
    }


def file_stamp(path: str) -> list[int] | None:
    """What changes when ``path`` does: its inode, size and modification time (None when
    it is missing). Every write of the data replaces a file (a new inode) or a directory's
    entry (its modification time). Raises :class:`OSError` when it cannot be told."""
    try:
        found = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    return [found.st_ino, found.st_size, found.st_mtime_ns]


def inputs_hold(inputs: Any) -> bool:
    """Every file is as it was (``inputs``: ``[path, stamp]`` pairs)."""
    if not isinstance(inputs, list) or not inputs:
        return False
    for entry in inputs:
        if not isinstance(entry, list) or len(entry) != 2 or not isinstance(entry[0], str):
            return False
        try:
            if file_stamp(entry[0]) != entry[1]:
                return False
        except (OSError, ValueError):
            return False
    return True


def line_at(state: Mapping[str, Any], now_us: int) -> NextLine | None:
    """The answer the state holds for ``now_us``, if it covers that moment."""
    start, end, lines = state.get("from_us"), state.get("until_us"), state.get("lines")
    if type(start) is not int or type(end) is not int or not isinstance(lines, list):
        return None
    if not start <= now_us < end or not lines:
        return None
    found: Any = None
    for entry in lines:  # sorted by their start; the first starts at ``from_us``
        if not isinstance(entry, list) or len(entry) != 2 or type(entry[0]) is not int:
            return None
        if entry[0] > now_us:
            break
        found = entry
    if found is None or lines[0][0] != start:
        return None
    line = NextLine.from_list(found[1])
    if line is None or not printable(line.label) or not printable(line.tooltip, "\n"):
        return None
    return line


def printable(text: str, allowed: str = "") -> bool:
    """No control characters (a terminal or a bar would act on them), but ``allowed``."""
    return not any((ord(c) < 32 or 127 <= ord(c) < 160) and c not in allowed for c in text)


def holding_line(state: Mapping[str, Any], key: Mapping[str, Any], cwd: str,
                 now_us: int) -> NextLine | None:
    """The answer for ``now_us`` when ``state`` still holds for ``key``, else None."""
    if state.get("format") != FORMAT or state.get("key") != key:
        return None
    if state.get("cwd") is not None and state.get("cwd") != cwd:
        return None  # a path relative to where the app was started
    line = line_at(state, now_us)
    if line is None or not inputs_hold(state.get("inputs")):
        return None
    return line


def read_state(path: str) -> dict[str, Any] | None:
    """The state file's content, or None when it is missing, too large or not ours."""
    try:
        with open(path, "rb") as file:
            raw = file.read(MAX_BYTES + 1)
    except OSError:
        return None
    if len(raw) > MAX_BYTES:
        return None
    try:
        state = json.loads(raw)
    except (ValueError, RecursionError):
        return None
    return state if isinstance(state, dict) else None


def write_state(directory: str, state: Mapping[str, Any]) -> None:
    """Replace the state file atomically (a temp file renamed over it), readable by the
    user only. The temp file is named as the store names its own, so a write cut short is
    cleared at the app's next start. Raises :class:`OSError`."""
    import contextlib
    import tempfile

    text = json.dumps(state, ensure_ascii=False, separators=(",", ":"))
    fd, temp = tempfile.mkstemp(prefix=f".{STATE_FILE}.", suffix=".tmp", dir=directory)
    try:
        with open(fd, "w", encoding="utf-8") as file:
            file.write(text)
        os.replace(temp, os.path.join(directory, STATE_FILE))
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def fast_answer(argv: Sequence[str], env: Mapping[str, str], cwd: str,
                now_us: int) -> str | None:
    """What ``microtui next`` with ``argv`` prints at ``now_us`` (microseconds since the
    epoch), from the state file; None when the full command must work it out."""
    options = parse_next_args(argv)
    if options is None or any(env.get(name, "").strip() for name in CLOCK_ENVIRONMENT):
        return None
    found = data_dir_of(options.data, env, cwd)
    if found is None:
        return None
    data_dir, default = found
    state = read_state(os.path.join(data_dir, STATE_FILE))
    if state is None:
        return None
    line = holding_line(state, state_key(options, env, cwd, data_dir, default), cwd, now_us)
    if line is None:
        return None
    return line_json(line, now_us) if options.json else line_text(line, now_us)
