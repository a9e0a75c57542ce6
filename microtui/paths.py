"""Where microtui keeps things: data (the log), config (the user's exercises.toml)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import platformdirs

APP_NAME = "microtui"


def data_dir(override: str | Path | None = None, env: Mapping[str, str] = os.environ) -> Path:
    """``--data`` wins, then ``MICROTUI_DATA``, then the platform's user data directory."""
    if override:
        return Path(override).expanduser()
    if env.get("MICROTUI_DATA"):
        return Path(env["MICROTUI_DATA"]).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def user_exercises_file() -> Path:
    """The user's own exercises, merged over the built-in ones by id when present."""
    return config_dir() / "exercises.toml"
