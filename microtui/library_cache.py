"""The exercise library's TOML, parsed once: later starts read back what it parsed to.

``exercises.toml`` (and a user's own library file) is the same from one start to the next,
yet parsing its TOML was about 2 ms of every start, and importing the TOML parser 1 ms more.
The app keeps what each file parsed to in ``library-cache.json`` in its data directory, as
JSON (read about twenty times faster than TOML), beside the very text it came from: a file
whose text is not exactly that is parsed again, so an edit is seen at the next start, and a
file the cache never saw costs what it cost before. Only the parsing is kept: every check of
the library (:func:`microtui.core.loader.load_library`) runs on each start as before.

The cache is the app's own and can always be made again: one it cannot read (gone, cut
short, from another version) is ignored and replaced. A document JSON cannot hold as it is
(TOML dates) is not kept. Writing it is never worth refusing to start over.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from microtui.core.library_file import parse_toml

CACHE_NAME = "library-cache.json"
FORMAT = 1
"""The cache's format; another one is ignored (and replaced)."""


class ParsedLibraryCache:
    """What library files' texts parsed to, read from ``path`` (:meth:`parse` is the parser
    to give :func:`~microtui.core.loader.load_library`) and written back by :meth:`save`
    when a text was parsed that it did not hold."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._known = self._read()
        self._used: list[dict[str, Any]] = []
        self._changed = False

    def _read(self) -> list[dict[str, Any]]:
        try:
            raw = json.loads(self.path.read_bytes())
        except (OSError, ValueError):  # none yet, unreadable, cut short: parse afresh
            return []
        files = raw.get("files") if isinstance(raw, dict) and raw.get("v") == FORMAT else None
        if not isinstance(files, list):
            return []
        return [entry for entry in files if isinstance(entry, dict)
                and isinstance(entry.get("text"), str) and isinstance(entry.get("doc"), dict)]

    def parse(self, text: str) -> dict[str, Any]:
        """What ``text`` parses to as TOML: from the cache if it holds this very text, else
        parsed (raising as :func:`tomllib.loads` does) and kept."""
        for entry in self._known:
            if entry["text"] == text:
                self._used.append(entry)
                return entry["doc"]  # type: ignore[no-any-return]
        doc = parse_toml(text)
        try:
            json.dumps(doc, allow_nan=True)
        except (TypeError, ValueError):  # a TOML date: parsed on every start
            return doc
        self._used.append({"text": text, "doc": doc})
        self._changed = True
        return doc

    def save(self) -> None:
        """Keep what the files parsed to this time (only those: an old text is dropped),
        if anything was parsed afresh."""
        if not self._changed:
            return
        from microtui.store.errors import StoreError
        from microtui.store.files import atomic_write

        payload = json.dumps({"v": FORMAT, "files": self._used}, ensure_ascii=False)
        try:
            atomic_write(self.path, payload.encode("utf-8"))
        except (StoreError, OSError):
            return  # a read-only or full disk: the next start parses again
        self._changed = False
