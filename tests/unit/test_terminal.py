"""The exact bytes the title, bell and notification module writes, and when it stays quiet."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from textual.app import App

from microtui.ui.terminal import (
    BEL,
    POP_TITLE,
    PUSH_TITLE,
    TerminalSignals,
    clean,
    guess_notify_protocol,
    osc9,
    osc777,
    osc_title,
    terminal_for,
)


class Sink:
    def __init__(self) -> None:
        self.chunks: list[str] = []

    def __call__(self, data: str) -> None:
        self.chunks.append(data)

    @property
    def bytes(self) -> bytes:
        return "".join(self.chunks).encode("utf-8")


def test_sequences_are_byte_exact():
    assert osc_title("microtui · next in 12 min") == "\x1b]2;microtui · next in 12 min\x07"
    assert osc_title("microtui").encode() == b"\x1b]2;microtui\x07"
    assert osc_title("") == "\x1b]2;\x07"
    assert BEL == "\x07"
    assert PUSH_TITLE.encode() == b"\x1b[22;0t"
    assert POP_TITLE.encode() == b"\x1b[23;0t"
    assert osc9("Ankle Pumps due").encode() == b"\x1b]9;Ankle Pumps due\x07"
    assert osc777("microtui", "Ankle Pumps due").encode() == (
        b"\x1b]777;notify;microtui;Ankle Pumps due\x07")


def test_text_from_outside_cannot_smuggle_escape_sequences():
    nasty = "Call\x1b]2;pwned\x07 now\x9b31m\x00\r\nplease\x7f"
    assert clean(nasty) == "Call ]2;pwned now 31m please"
    sequence = osc_title(nasty)
    assert sequence.count("\x1b") == 1 and sequence.count("\x07") == 1
    assert sequence.endswith("\x07") and "\n" not in sequence
    # the title of an OSC 777 notification cannot grow a field
    assert osc777("a;b", "c;d") == "\x1b]777;notify;a,b;c;d\x07"
    # nor can an OSC 9 message become a ConEmu command ("9;4;..." is a progress bar)
    assert osc9("4;3 sets") == "\x1b]9; 4;3 sets\x07"


def test_long_titles_are_cut_short():
    title = clean("x" * 500)
    assert len(title) == 120 and title.endswith("…")


def test_title_is_written_once_per_change_and_pushed_before_the_first():
    sink = Sink()
    signals = TerminalSignals(write=sink)
    assert signals.set_title("microtui · next in 12 min")
    assert not signals.set_title("microtui · next in 12 min")  # unchanged: nothing written
    assert signals.set_title("microtui · next in 11 min")
    assert sink.bytes == (
        b"\x1b[22;0t"
        + "\x1b]2;microtui · next in 12 min\x07".encode()
        + "\x1b]2;microtui · next in 11 min\x07".encode()
    )
    assert signals.last_title == "microtui · next in 11 min"


def test_restore_clears_the_title_and_pops_the_stack():
    sink = Sink()
    signals = TerminalSignals(write=sink)
    signals.set_title("microtui · Ankle Pumps due")
    sink.chunks.clear()
    signals.restore()
    assert sink.bytes == b"\x1b]2;\x07\x1b[23;0t"
    assert signals.last_title is None and not signals.pushed
    signals.restore()  # twice is harmless
    assert sink.bytes == b"\x1b]2;\x07\x1b[23;0t"


def test_restore_with_a_saved_title_and_no_title_stack():
    sink = Sink()
    signals = TerminalSignals(write=sink, title_stack=False, restore_title="bash")
    signals.restore()
    assert sink.chunks == []  # the title was never touched
    signals.set_title("microtui")
    signals.restore()
    assert sink.bytes == b"\x1b]2;microtui\x07\x1b]2;bash\x07"


def test_bell_and_desktop_notifications():
    sink = Sink()
    signals = TerminalSignals(write=sink)
    signals.bell()
    assert not signals.notify_desktop("microtui", "Ankle Pumps due")  # off by default
    assert sink.bytes == b"\x07"
    assert signals.bells == 1 and signals.notifications == [("microtui", "Ankle Pumps due")]

    sink.chunks.clear()
    signals.notify_protocol = "osc9"
    assert signals.notify_desktop("microtui", "Ankle Pumps due")
    signals.notify_protocol = "osc777"
    assert signals.notify_desktop("microtui", "Ankle Pumps due")
    assert sink.bytes == (b"\x1b]9;microtui: Ankle Pumps due\x07"
                          b"\x1b]777;notify;microtui;Ankle Pumps due\x07")


@pytest.mark.parametrize(
    ("env", "protocol"),
    [({"TERM_PROGRAM": "iTerm.app"}, "osc9"), ({"TERM_PROGRAM": "WezTerm"}, "osc9"),
     ({"VTE_VERSION": "7600"}, "osc777"), ({"TERM": "foot"}, "osc777"), ({}, "osc9")],
)
def test_guess_notify_protocol(env, protocol):
    assert guess_notify_protocol(env) == protocol


def test_writes_go_through_the_app_driver_unless_it_is_headless():
    sink = Sink()
    driver = SimpleNamespace(is_headless=False, write=sink)
    app = SimpleNamespace(_driver=driver)
    signals = TerminalSignals(app)
    signals.set_title("microtui")
    signals.bell()
    assert sink.bytes == b"\x1b[22;0t\x1b]2;microtui\x07\x07"

    sink.chunks.clear()
    driver.is_headless = True
    quiet = TerminalSignals(app)
    quiet.set_title("microtui · next in 5 min")
    quiet.bell()
    quiet.restore()
    assert sink.chunks == []
    assert not quiet.pushed


def test_no_driver_and_a_failing_driver_are_quiet():
    assert TerminalSignals(SimpleNamespace(_driver=None)).set_title("x")

    def broken(_: str) -> None:
        raise AssertionError("Driver must be in application mode")

    signals = TerminalSignals(SimpleNamespace(_driver=SimpleNamespace(is_headless=False,
                                                                      write=broken)))
    assert signals.set_title("x")  # recorded, nothing raised
    signals.bell()
    signals.restore()


async def test_a_no_op_under_the_headless_test_driver():
    from tests.functional.helpers import settle

    app = App()
    async with app.run_test() as pilot:
        signals = terminal_for(app, notify_protocol="osc9")
        assert terminal_for(app) is signals
        assert not signals.active
        signals.set_title("microtui · Ankle Pumps + Cervical Nod due")
        signals.bell()
        signals.notify_desktop("microtui", "due")
        signals.restore()
        await settle(pilot)
        assert signals.bells == 1 and not signals.pushed
