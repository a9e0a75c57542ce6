"""The library's TOML is parsed once: later starts read what it parsed to, as long as the
file's text is the same (issue 16). Every check of the library still runs."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from microtui import library_cache
from microtui.context import open_context
from microtui.core.library_file import LibraryFile, Problem
from microtui.core.loader import LibraryError, builtin_path, load_library
from microtui.library_cache import CACHE_NAME, ParsedLibraryCache

NOW = "2026-11-25T09:31:00"


@pytest.fixture
def counted(monkeypatch) -> list[str]:
    """The texts parsed as TOML (by the cache, when it does not hold them)."""
    parsed: list[str] = []
    real = library_cache.parse_toml

    def parse(text: str) -> dict:
        parsed.append(text)
        return real(text)

    monkeypatch.setattr(library_cache, "parse_toml", parse)
    return parsed


def own_copy(tmp_path: Path) -> Path:
    path = tmp_path / "exercises.toml"
    path.write_text(builtin_path().read_text(encoding="utf-8"), encoding="utf-8")
    return path


def load(cache_path: Path, paths: list[Path]):
    cache = ParsedLibraryCache(cache_path)
    library = load_library(paths, cache.parse)
    cache.save()
    return library


def test_a_second_load_parses_nothing_and_gives_the_same_library(tmp_path, counted):
    cache = tmp_path / CACHE_NAME
    first = load(cache, [builtin_path()])
    assert len(counted) == 1 and cache.is_file()
    again = load(cache, [builtin_path()])
    assert len(counted) == 1  # read back, not parsed
    assert again.exercises == first.exercises
    assert again.routines == first.routines
    assert again == load_library([builtin_path()])  # as the TOML parser reads it


def test_an_edited_file_is_parsed_again_and_only_its_new_text_is_kept(tmp_path, counted):
    cache = tmp_path / CACHE_NAME
    path = own_copy(tmp_path)
    load(cache, [path])
    path.write_text(path.read_text(encoding="utf-8").replace(
        'name = "Transverse Abdominal Bracing"', 'name = "Core Bracing"'), encoding="utf-8")
    edited = load(cache, [path])
    assert len(counted) == 2
    assert edited.exercises["core-bracing"].name == "Core Bracing"
    kept = json.loads(cache.read_text(encoding="utf-8"))["files"]
    assert [entry["text"] for entry in kept] == [path.read_text(encoding="utf-8")]


@pytest.mark.parametrize("content", [b"", b"{\"v\": 1, \"files\": [", b"\xff\xfe garbage",
                                     b"[]", b"{\"v\": 99, \"files\": []}",
                                     b"{\"v\": 1, \"files\": [{\"text\": 1, \"doc\": 2}]}"])
def test_a_cache_it_cannot_read_is_ignored_and_replaced(tmp_path, counted, content):
    cache = tmp_path / CACHE_NAME
    cache.write_bytes(content)
    library = load(cache, [builtin_path()])
    assert len(counted) == 1
    assert library == load_library([builtin_path()])
    assert json.loads(cache.read_text(encoding="utf-8"))["v"] == library_cache.FORMAT
    load(cache, [builtin_path()])
    assert len(counted) == 1


def test_a_document_json_cannot_hold_is_parsed_every_time(tmp_path, counted):
    cache = ParsedLibraryCache(tmp_path / CACHE_NAME)
    assert cache.parse("when = 2026-11-25\n") == {"when": date(2026, 11, 25)}
    cache.save()
    assert not (tmp_path / CACHE_NAME).exists()


def test_bad_toml_is_named_with_its_line_as_before(tmp_path):
    path = tmp_path / "exercises.toml"
    path.write_text('[[exercise]]\nid = "x"\nname = \n', encoding="utf-8")
    problems: list[Problem] = []
    assert LibraryFile.read(path, problems, ParsedLibraryCache(tmp_path / CACHE_NAME).parse) \
        is None
    assert len(problems) == 1 and problems[0].line == 3
    assert "invalid TOML" in problems[0].message


def test_every_check_still_runs_on_a_text_read_back(tmp_path, counted):
    """The cache keeps the parse, not the verdict: a file the checks refuse is refused again."""
    cache = tmp_path / CACHE_NAME
    path = own_copy(tmp_path)
    path.write_text(path.read_text(encoding="utf-8").replace(
        'id = "core-bracing"', 'id = "core-bracing"\nsurprise = 1', 1), encoding="utf-8")
    for _ in range(2):
        stored = ParsedLibraryCache(cache)
        with pytest.raises(LibraryError, match="surprise"):
            load_library([path], stored.parse)
        stored.save()
    assert len(counted) == 1  # parsed once, refused twice


def test_the_apps_start_keeps_it_and_a_read_only_command_does_not(tmp_path, monkeypatch):
    monkeypatch.setenv("MICROTUI_NOW", NOW)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    data = tmp_path / "data"
    data.mkdir()
    open_context(data=str(data), lock=False).close()  # `microtui today`, say
    assert not (data / CACHE_NAME).exists()
    open_context(data=str(data)).close()  # the app
    assert (data / CACHE_NAME).is_file()
