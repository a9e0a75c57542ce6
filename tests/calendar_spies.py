"""Spies on the calendar reader's costly steps, so a test can check that reading stays
bounded by what the reader does (how many instances dateutil steps through, which repeat
rules reach the expander, which time zones reach the parser) rather than by how long it
took, which depends on the machine.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest


class Unbounded(BaseException):  # noqa: N818 - it says what happened
    """Raised by a spy where the reader was about to start a computation it must never
    start: the test fails at once instead of hanging. A BaseException, so the reader's
    catch-alls (one bad event must not hide the others) let it through."""


class Counter:
    def __init__(self) -> None:
        self.count = 0


@contextmanager
def stepped_instances() -> Iterator[Counter]:
    """Count the instances dateutil's repeat rules step through while reading (each one
    is a step of the expansion, whether it lands on the day or not)."""
    from dateutil import rrule

    counter = Counter()
    original = rrule.rrule._iter

    def counting(self: Any) -> Iterator[Any]:
        for instance in original(self):
            counter.count += 1
            yield instance

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(rrule.rrule, "_iter", counting)
        yield counter


def rule_parts(rule: str) -> dict[str, str]:
    return dict(part.upper().partition("=")[::2] for part in rule.split(";") if part)


@contextmanager
def never_expanded(rule: str) -> Iterator[None]:
    """Fail at once if an event repeating by ``rule`` is handed to recurring-ical-events
    (the reader must leave it out: expanding it takes from seconds to for ever)."""
    import microtui.calendar as reader

    original = reader._between
    wanted = rule_parts(rule)

    def spy(calendar: Any, start: Any, end: Any) -> list[Any]:
        for event in calendar.walk("VEVENT"):
            found = event.get("RRULE")
            if found is not None and rule_parts(found.to_ical().decode()) == wanted:
                raise Unbounded(f"an event repeating {rule} was handed to the expander")
        return original(calendar, start, end)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(reader, "_between", spy)
        yield


@contextmanager
def parsed_texts(refuse: str | None = None) -> Iterator[list[str]]:
    """The texts handed to the iCalendar parser; with ``refuse``, fail at once if a text
    holds it (something the parser must never be given)."""
    import icalendar

    texts: list[str] = []
    original = icalendar.Calendar.from_ical

    def spy(text: Any, multiple: bool = False) -> Any:
        texts.append(text if isinstance(text, str) else text.decode("utf-8", "replace"))
        if refuse is not None and refuse in texts[-1]:
            raise Unbounded(f"the parser was given {refuse!r}")
        return original(text, multiple=multiple)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(icalendar.Calendar, "from_ical", spy)
        yield texts
