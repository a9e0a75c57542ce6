"""One exercise-library file: its bytes read as UTF-8 text and TOML, its problems located.

A :class:`Problem` names the file, the exercise (or routine trigger) and the field, with a
line number where one can be found; :class:`LibraryFile` records problems against its file
and finds their lines. Nothing in the file is ever run or opened: it is text.
"""

import re
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Any, NamedTuple, TypeGuard, TypeVar

# Patterns as text: `re` compiles each on its first use and keeps it (not every start).
_TOML_POS_RE = r"\(at line (\d+), column (\d+)\)"
_CONTROL_RE = r"[\x00-\x1f\x7f-\x9f]"
E = TypeVar("E", bound=Enum)


class Problem(NamedTuple):
    """One thing wrong with a library file."""

    path: Path
    where: str  # 'exercise "core-bracing"', 'routine trigger 2', or '' for the file
    field: str
    message: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        pos = self.path.name if self.path.name == str(self.path) else str(self.path)
        if self.line is not None:
            pos += f":{self.line}"
            if self.column is not None:
                pos += f":{self.column}"
        where, fld = _printable(self.where, 80), _printable(self.field, 60)
        parts = [p for p in (where, f'field "{fld}"' if fld else "") if p]
        return f"{pos}: {', '.join(parts) + ': ' if parts else ''}{_printable(self.message, 240)}"


class LibraryFile:
    """One file's parsed document, with helpers that record problems against it."""

    def __init__(self, path: Path, text: str, doc: dict[str, Any]):
        self.path = path
        self.text = text
        self.doc = doc
        #: Ids of the file's exercises that failed their checks: a routine naming one is
        #: not reported again.
        self.invalid_ids: set[str] = set()
        #: What loads but goes against the guide's advice (``microtui check`` prints them).
        self.warnings: list[Problem] = []

    @classmethod
    def read(cls, path: Path, problems: list[Problem],
             parse: Callable[[str], dict[str, Any]] | None = None) -> "LibraryFile | None":
        """The file at ``path``, its text parsed as TOML by ``parse`` (:func:`parse_toml`
        unless given: a cache may answer for a text it parsed before); None, with the problem
        recorded, if it cannot be read or parsed."""
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            problems.append(Problem(path, "", "", "file not found"))
            return None
        except OSError as exc:
            problems.append(Problem(path, "", "", f"cannot be read: {exc.strerror or exc}"))
            return None
        try:
            text = data.decode("utf-8-sig")  # a byte-order mark (Notepad) is harmless
        except UnicodeDecodeError as exc:
            problems.append(_not_utf8(path, data, exc))
            return None
        try:
            doc = (parse or parse_toml)(text)
        except ValueError as exc:  # tomllib.TOMLDecodeError
            message = str(exc)
            line = column = None
            if match := re.search(_TOML_POS_RE, message):
                line, column = int(match[1]), int(match[2])
                message = re.sub(_TOML_POS_RE, "", message).strip()
            problems.append(Problem(path, "", "", f"invalid TOML: {message}", line, column))
            return None
        ctx = cls(path, text, doc)
        for key in doc:
            if key not in ("exercise", "routine"):
                ctx.add(problems, "", key, "unknown top-level key (expected [[exercise]] or "
                        "[routine])")
        return ctx

    def line_of(self, needle: str, after: int = 0) -> int | None:
        for number, line in enumerate(self.text.splitlines(), start=1):
            if number > after and needle in line:
                return number
        return None

    def add(self, problems: list[Problem], where: str, fld: str, message: str,
            line: int | None = None) -> None:
        problems.append(Problem(self.path, where, fld, message, line))

    def warn(self, where: str, fld: str, message: str, line: int | None = None) -> None:
        self.warnings.append(Problem(self.path, where, fld, message, line))

    def exercise_line(self, ex_id: str, nth: int = 1) -> int | None:
        pattern = re.compile(rf"^\s*id\s*=\s*[\"']{re.escape(ex_id)}[\"']")
        seen = 0
        for number, line in enumerate(self.text.splitlines(), start=1):
            if pattern.match(line):
                seen += 1
                if seen == nth:
                    return number
        return None


def parse_toml(text: str) -> dict[str, Any]:
    """``text`` parsed as TOML (the parser is imported only when a file is parsed: see
    :mod:`microtui.library_cache`)."""
    import tomllib

    return tomllib.loads(text)


def enum_or_none(enum: type[E], value: object) -> E | None:
    """The member of ``enum`` whose value is ``value``, or None."""
    try:
        return enum(value)
    except ValueError:
        return None


def is_int(value: object) -> TypeGuard[int]:
    """A whole number (not a boolean, which Python counts as one)."""
    return isinstance(value, int) and not isinstance(value, bool)


def is_number(value: object) -> TypeGuard[int | float]:
    """An int or a float (not a boolean)."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def shown(value: Any, limit: int = 40) -> str:
    """``repr(value)``, cut short: a message quotes what it got without drowning in it."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _printable(text: str, limit: int) -> str:
    """``text`` with control characters escaped (a message never drives the terminal) and at
    most ``limit`` characters long."""
    text = re.sub(_CONTROL_RE, lambda m: f"\\x{ord(m[0]):02x}", text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _not_utf8(path: Path, data: bytes, exc: UnicodeDecodeError) -> Problem:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return Problem(path, "", "", "is UTF-16 text: save it as UTF-8")
    line = data.count(b"\n", 0, exc.start) + 1
    column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
    return Problem(path, "", "", f"is not UTF-8 text (byte 0x{data[exc.start]:02x}): save it "
                   "as UTF-8", line, column)


def type_name(value: Any) -> str:
    return {bool: "a boolean", int: "an integer", float: "a number", str: "a string",
            list: "a list", dict: "a table"}.get(type(value), type(value).__name__)
