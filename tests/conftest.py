"""For the whole suite: tests marked ``serial`` never run beside each other, and the
whole-workday soak starts in the background as soon as the tests are collected."""

from __future__ import annotations

import pytest

from tests.soak import background


def pytest_configure(config: pytest.Config) -> None:
    background.register(config)


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups (--dist loadgroup)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Every test marked ``serial`` joins one xdist group: one worker runs them one after
    another (and the rest of the suite on the other workers beside them)."""
    for item in items:
        if item.get_closest_marker("serial") is not None:
            item.add_marker(pytest.mark.xdist_group("serial"))
