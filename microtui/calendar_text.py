"""An iCalendar file as text: decoded, checked for unpaired BEGIN/END lines, and trimmed.

Reading stays quick however large or odd the file is: :func:`near_text` keeps only the
events that can start near the day asked for (a years-long export holds thousands of
others) and the time zones that can be built quickly. Text from the file is only ever
shown, never opened or run: :func:`one_line` makes a property one short printable line.
"""

from __future__ import annotations

import codecs
import re
from datetime import date, timedelta
from typing import Any

MAX_TITLE = 120
#: An event starting further than this from the day cannot start on it in any time zone.
NEAR = timedelta(days=2)
_LINE_BREAK = re.compile(r"\r\n|\n|\r")
_FOLD = re.compile(r"(?:\r\n|\n|\r)[ \t]")
_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]+")
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]")


def decode(data: bytes) -> str:
    """The file's text: UTF-8 as the standard says, but also what Windows tools write
    (a byte-order mark, UTF-16, Windows-1252); a stray bad byte becomes U+FFFD."""
    for bom, codec in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                       (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                       (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    head = data[:256]
    if len(head) >= 8 and head.count(0) * 3 >= len(head):  # UTF-16 without a mark
        codec = "utf-16-le" if head[1::2].count(0) > head[0::2].count(0) else "utf-16-be"
        return data.decode(codec, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # UTF-8 with a few bad bytes stays UTF-8; with no UTF-8 sequence at all it is 8-bit.
        codec = "utf-8" if _UTF8_SEQUENCE.search(data) else "cp1252"
        return data.decode(codec, errors="replace")


def unpaired(text: str) -> str:
    """Where the file's BEGIN: and END: lines fail to pair up, or ``""``."""
    open_: list[tuple[str, int]] = []
    for number, line in enumerate(_LINE_BREAK.split(text), start=1):
        upper = line.upper()
        if upper.startswith(("BEGIN:", "END:")):
            name = one_line(line.partition(":")[2])[:40]
            if upper.startswith("BEGIN:"):
                open_.append((name, number))
            elif not open_:
                return f"line {number}: END:{name} without a BEGIN:{name}"
            elif open_[-1][0].upper() != name.upper():
                began, at = open_[-1]
                return f"line {number}: END:{name}, but BEGIN:{began} on line {at} is not ended"
            else:
                open_.pop()
    if open_:
        began, at = open_[-1]
        return f"BEGIN:{began} on line {at} is never ended"
    return ""


def top_level_blocks(text: str) -> int:
    """How many blocks the file begins at its top level (VCALENDARs, or bare VEVENTs)."""
    depth = count = 0
    for line in _LINE_BREAK.split(text):
        upper = line[:6].upper()
        if upper == "BEGIN:":
            count += depth == 0
            depth += 1
        elif upper[:4] == "END:":
            depth = max(0, depth - 1)
    return count


def near_text(text: str, day: date) -> str:
    """``text`` without the one-off events that start too far from ``day`` to matter, and
    without time zones whose rules would take the parser minutes to build.

    The parser builds every VTIMEZONE it does not know by name from its rules, stepping
    through each transition up to 2038: a zone changing every minute never finishes. Real
    zones change at most a few times a year. Repeating events, their moved instances and
    anything not understood are kept. If the file's BEGIN/END lines do not pair up, the text
    is returned as it is, for the parser to report.
    """
    lines = _LINE_BREAK.split(_FOLD.sub("", text))
    out: list[str] = []
    block: list[str] | None = None
    kind = ""
    depth = 0
    for line in lines:
        if line[:6].upper() == "BEGIN:":
            depth += 1
            if depth == 2 and line[6:].strip().upper() in ("VEVENT", "VTIMEZONE"):
                block, kind = [], line[6:].strip().upper()
        if block is not None:
            block.append(line)
        else:
            out.append(line)
        if line[:4].upper() == "END:":
            depth -= 1
            if depth < 0:
                return text
            if depth == 1 and block is not None:
                if (_may_start_near(block, day) if kind == "VEVENT"
                        else _changes_rarely(block)):
                    out.extend(block)
                block = None
    if depth != 0 or block is not None:
        return text
    return "\r\n".join(out)


def _may_start_near(event: list[str], day: date) -> bool:
    nested = 0
    starts: list[str] = []
    for line in event[1:-1]:
        upper = line.upper()
        if upper.startswith("BEGIN:"):
            nested += 1
        elif upper.startswith("END:"):
            nested -= 1
        elif nested == 0:
            name = re.split(r"[;:]", upper, maxsplit=1)[0].strip()
            if name in ("RRULE", "RDATE", "EXRULE", "RECURRENCE-ID"):
                return True
            if name == "DTSTART":
                starts.append(line.rsplit(":", 1)[-1].strip())
    if not starts:
        return True
    for value in starts:
        match = _DATE.match(value)
        try:
            start = date(int(match[1]), int(match[2]), int(match[3])) if match else None
        except ValueError:
            start = None
        if start is None or abs(start - day) <= NEAR:
            return True
    return False


def _changes_rarely(timezone: list[str]) -> bool:
    """Whether a VTIMEZONE's rules are yearly, as real ones are, and not denser."""
    for line in timezone:
        name, _, value = line.partition(":")
        if name.split(";", 1)[0].strip().upper() != "RRULE":
            continue
        parts = dict(p.partition("=")[::2] for p in value.upper().split(";"))
        if parts.get("FREQ") != "YEARLY" or not parts.get("INTERVAL", "1").isdigit() or int(
                parts.get("INTERVAL", "1")) < 1 or any(parts.get(p) for p in (
                "BYHOUR", "BYMINUTE", "BYSECOND", "BYYEARDAY", "BYWEEKNO", "BYSETPOS")):
            return False
    return True


def one_line(prop: Any) -> str:
    """A text property as one short, printable line (the first, if it is repeated)."""
    if isinstance(prop, list):
        prop = prop[0] if prop else ""
    if prop is None:
        return ""
    flat = " ".join(_CONTROL.sub(" ", str(prop)).split())
    return flat if len(flat) <= MAX_TITLE else flat[: MAX_TITLE - 1].rstrip() + "…"
