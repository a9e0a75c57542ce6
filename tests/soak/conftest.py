"""The whole-workday soak runs in the background while the rest of the suite runs
(``background.py``, registered by ``tests/conftest.py``); the tests marked ``soak`` check
its results at the very end of the run."""

from __future__ import annotations

import pytest

from tests.soak.background import MARK, BackgroundSoak, is_soak
from tests.soak.background import background_soak as _background_soak


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", f"{MARK}: the whole-workday soak, run in the background "
                                       "during the suite and checked at its end")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The soak's checks go last, to overlap the rest of the suite."""
    items.sort(key=is_soak)  # stable: everything else keeps its order


@pytest.fixture
def background_soak(request: pytest.FixtureRequest) -> BackgroundSoak:
    return _background_soak(request.config)
