"""Help and Quit stay on the footer of every screen of the installed app at 60, 80 and 120
columns, with no key cut short or glued to the next."""

from __future__ import annotations

import re

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.serial]

NOW = {"MICROTUI_NOW": "2026-11-25T09:29:50", "TZ": "UTC"}
GLUED = re.compile(r"Screens\?|Screens\^p|Find[a-zA-Z]")


def footer(screen: str) -> str:
    return screen.rstrip("\n").splitlines()[-1]


def whole(screen: str) -> bool:
    """Help and Quit end the footer (the compact player's line of keys below 80x24 says them
    in its own words: "? help  q quit")."""
    line = footer(screen).rstrip()
    return bool(re.search(r"\? [Hh]elp +q [Qq]uit$", line)) and not GLUED.search(line)


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (120, 40)])
def test_help_and_quit_on_every_footer(terminal, tmp_path, size):
    term = terminal("--data", str(tmp_path / "data"), env=NOW, size=size)
    term.wait_for("Done")  # Today
    for key, shows in [("1", "Done"), ("3", "Assess your pain points"), ("4", "Adherence"),
                       ("5", "Exercises")]:
        term.keys(key)
        screen = term.wait_for(lambda s, shows=shows: shows in s and whole(s))
        assert whole(screen), footer(screen)
    term.keys("1")
    term.wait_for("Done")
    term.keys("2")
    term.wait_for("check-in")
    term.keys("Escape")  # the player
    screen = term.wait_for(lambda s: "pause" in footer(s).lower() and whole(s))
    assert whole(screen), footer(screen)
