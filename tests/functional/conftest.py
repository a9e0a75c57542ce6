"""Fixtures for driving the full app headless with Textual's Pilot."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from microtui.core.fake_clock import FakeClock
from microtui.core.loader import Library, builtin_path, load_library
from microtui.ui.app import MicroTuiApp

# A fixed moment, so nothing on screen can depend on the wall clock.
FIXED_NOW = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)


@pytest.fixture(scope="session")
def library() -> Library:
    return load_library([builtin_path()])


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(FIXED_NOW)


@pytest.fixture
def make_app(library: Library, clock: FakeClock) -> Callable[[], MicroTuiApp]:
    """A factory, so a test can build its app after choosing what to pass."""

    def make() -> MicroTuiApp:
        return MicroTuiApp(library, clock=clock, mode="library")

    return make


@pytest.fixture
def app(make_app: Callable[[], MicroTuiApp]) -> MicroTuiApp:
    return make_app()
