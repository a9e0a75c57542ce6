"""Fetching a calendar's iCalendar address into a private copy in the data directory.

One GET of the configured address, and of nothing else: no redirect is followed (the server
would choose which host hears the secret address next), no proxy is used, and only
``https://`` is fetched (``http://`` on the loopback address only:
:mod:`microtui.core.calendar_address`). The request is conditional (``If-None-Match`` /
``If-Modified-Since`` from the last answer), so an unchanged calendar costs a ``304``. Every
fetch has a size limit (:data:`MAX_BYTES`) and a time limit for the whole exchange
(:data:`TIME_LIMIT`), not just per read.

The copy is replaced only by a whole, valid-looking calendar: written to a temporary file
(0600), flushed and renamed over the old one, so a failed, cut-short or refused fetch leaves
the last good copy working. Its validators are kept next to it (``.json``); they are written
after the copy, so at worst a crash between the two costs one full fetch.

Blocking: call :func:`fetch` from a thread (the app's workers, or ``microtui today``).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from microtui.calendar import MAX_BYTES, CalendarError
from microtui.core.calendar_address import address_problem

if TYPE_CHECKING:
    import http.client
    import socket
    import ssl

# http.client and ssl are imported when a fetch begins: `microtui next` (a status bar's
# command, which never fetches) does not pay for them.

TIME_LIMIT = 20.0
"""Seconds for a whole fetch: connecting, the answer and every byte of the calendar."""
CACHE_DIR = "calendars"
"""Where the copies live, in the data directory."""


class FetchError(CalendarError):
    """The address could not be fetched; the message says why (the old copy stays)."""


@dataclass(frozen=True)
class Fetched:
    """One fetch that worked: ``changed`` if the copy was replaced (a 200), not on a 304."""

    changed: bool


def cached_copy(data_dir: Path, address: str) -> Path:
    """Where the copy of ``address`` is kept (named by a hash: the address is a secret)."""
    digest = hashlib.sha256(address.encode("utf-8")).hexdigest()[:20]
    return data_dir / CACHE_DIR / f"{digest}.ics"


def age_seconds(copy: Path, now: datetime) -> float | None:
    """How long before ``now`` ``copy`` was last fetched (a 200 or a 304), or None: never,
    or (by a clock set back since) in the future."""
    try:
        fetched = datetime.fromisoformat(_read_validators(copy).get("fetched", ""))
        age = (now - fetched).total_seconds()
    except (TypeError, ValueError):
        return None
    return age if age >= 0 else None


def fetch(address: str, copy: Path, *, now: datetime | None = None,
          time_limit: float = TIME_LIMIT, max_bytes: int = MAX_BYTES,
          context: ssl.SSLContext | None = None) -> Fetched:
    """GET ``address`` into ``copy`` if it changed; raises :class:`FetchError` (``copy``
    untouched) for a refused address, a network or server failure, a redirect, a body over
    ``max_bytes``, cut short or not a calendar, or a fetch over ``time_limit`` seconds.
    ``now`` (the caller's clock) is noted as when the copy was fetched."""
    import http.client
    import ssl

    problem = address_problem(address)
    if problem:
        raise FetchError(f"{_shown(address)}: {problem.rstrip('.')}")
    deadline = time.monotonic() + time_limit
    parts = urlsplit(address.strip())
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    host = parts.hostname or ""
    connection: http.client.HTTPConnection
    if parts.scheme.lower() == "https":
        connection = http.client.HTTPSConnection(
            host, parts.port, timeout=time_limit,
            context=context or ssl.create_default_context())
    else:
        connection = http.client.HTTPConnection(host, parts.port, timeout=time_limit)
    validators = _read_validators(copy)
    headers = {"User-Agent": "microtui", "Accept": "text/calendar, */*;q=0.5"}
    if copy.exists():
        if validators.get("etag"):
            headers["If-None-Match"] = validators["etag"]
        if validators.get("last_modified"):
            headers["If-Modified-Since"] = validators["last_modified"]
    try:
        connection.request("GET", target, headers=headers)
        sock = connection.sock  # every later wait gets only the time still left
        _left(deadline, address, time_limit, sock)
        response = connection.getresponse()
        if response.status == 304 and copy.exists():
            with contextlib.suppress(OSError):  # fetched now: fresh for another while
                _write_validators(copy, {**validators, "fetched": _stamp(now)})
            return Fetched(changed=False)
        if 300 <= response.status < 400:
            where = response.getheader("Location") or "another address"
            raise FetchError(f"{_shown(address)}: the server sent microtui to {_shown(where)}; "
                             "it only fetches the address you gave: use that address instead")
        if response.status != 200:
            raise FetchError(f"{_shown(address)}: the server answered {response.status} "
                             f"{response.reason}".rstrip())
        length = response.getheader("Content-Length")
        if length and length.isdigit() and int(length) > max_bytes:
            raise FetchError(_too_large(address, max_bytes))
        body = _read_body(response, deadline, address, time_limit, max_bytes, sock)
    except (OSError, http.client.HTTPException) as exc:
        raise FetchError(f"{_shown(address)}: {_why(exc, time_limit)}") from None
    finally:
        connection.close()
    if not body.lstrip(b"\xef\xbb\xbf \t\r\n").upper().startswith(b"BEGIN:VCALENDAR"):
        raise FetchError(f"{_shown(address)}: the answer is not an iCalendar calendar "
                         "(check that this is the calendar's iCal address)")
    try:
        _write_private(copy, body)
        _write_validators(copy, {
            "etag": response.getheader("ETag") or "",
            "last_modified": response.getheader("Last-Modified") or "",
            "fetched": _stamp(now),
        })
    except OSError as exc:
        raise FetchError(f"cannot save the calendar's copy in {copy.parent}: "
                         f"{exc.strerror}") from None
    return Fetched(changed=True)


# -- reading the answer -----------------------------------------------------------------------


def _read_body(response: http.client.HTTPResponse, deadline: float, address: str,
               time_limit: float, max_bytes: int, sock: socket.socket | None) -> bytes:
    chunks, size = [], 0
    while True:
        _left(deadline, address, time_limit, sock)
        chunk = response.read1(65536)
        if not chunk:
            break
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(_too_large(address, max_bytes))
        chunks.append(chunk)
    if response.length:  # what Content-Length promised and never came
        raise FetchError(f"{_shown(address)}: the calendar was cut short "
                         f"({size} bytes came, {size + response.length} were promised)")
    return b"".join(chunks)


def _left(deadline: float, address: str, time_limit: float,
          sock: socket.socket | None) -> None:
    """Raise once the fetch's time is up; else let the next wait last no longer than it."""
    left = deadline - time.monotonic()
    if left <= 0:
        raise FetchError(f"{_shown(address)}: no whole answer within {time_limit:g} s")
    if sock is not None:
        sock.settimeout(left)


def _too_large(address: str, max_bytes: int) -> str:
    limit = f"{max_bytes // 1_048_576} MB" if max_bytes >= 1_048_576 else f"{max_bytes} bytes"
    return f"{_shown(address)}: the calendar is larger than the limit ({limit})"


def _why(exc: BaseException, time_limit: float) -> str:
    import http.client
    import ssl

    if isinstance(exc, TimeoutError):
        return f"no answer within {time_limit:g} s"
    if isinstance(exc, http.client.IncompleteRead):
        return "the calendar was cut short"
    if isinstance(exc, ssl.SSLCertVerificationError):
        return f"the server's certificate is not trusted ({exc.verify_message})"
    if isinstance(exc, ConnectionRefusedError):
        return "nothing answers at that address (connection refused)"
    if isinstance(exc, OSError):
        return f"cannot reach it ({exc.strerror or type(exc).__name__})"
    return f"the server's answer could not be read ({type(exc).__name__})"


def _shown(address: str) -> str:
    """The address as said in a message: its server only (the path is the secret)."""
    try:
        parts = urlsplit(address)
        return f"{parts.scheme}://{parts.netloc}/…" if parts.netloc else "the calendar address"
    except ValueError:
        return "the calendar address"


# -- the copy ---------------------------------------------------------------------------------


def _stamp(now: datetime | None) -> str:
    return now.isoformat() if now is not None and now.tzinfo is not None else ""


def _validators_path(copy: Path) -> Path:
    return copy.with_suffix(".json")


def _read_validators(copy: Path) -> dict[str, str]:
    try:
        raw = json.loads(_validators_path(copy).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: v for k, v in raw.items() if isinstance(v, str)} if isinstance(raw, dict) else {}


def _write_validators(copy: Path, validators: dict[str, str]) -> None:
    _write_private(_validators_path(copy), json.dumps(validators).encode("utf-8"))


def _write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all, readable by its owner only."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            os.fchmod(out.fileno(), 0o600)
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
