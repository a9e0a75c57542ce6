"""A calendar server on 127.0.0.1 for the tests: what each path answers, and what it was asked.

Paths: ``/cal.ics`` (200 with an ETag and Last-Modified, 304 to a request that has them),
``/missing`` (404), ``/broken`` (500), ``/slow`` (no answer until the test ends), ``/cut``
(promises more than it sends), ``/moved`` (a redirect to ``/cal.ics``), ``/huge`` (a body
without a length, larger than any limit the tests set), ``/page`` (HTML, not a calendar).
"""

from __future__ import annotations

import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

ETAG = '"v1"'
MODIFIED = "Wed, 25 Nov 2026 06:00:00 GMT"


def meeting_ics(start: datetime, title: str) -> bytes:
    """One 30-minute meeting at ``start`` (aware), as an iCalendar file."""
    fmt = "%Y%m%dT%H%M%SZ"
    begin = start.astimezone(UTC)
    return ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//microtui tests//EN\r\n"
            f"BEGIN:VEVENT\r\nUID:{title.replace(' ', '')}@tests\r\n"
            f"DTSTART:{begin.strftime(fmt)}\r\n"
            f"DTEND:{(begin + timedelta(minutes=30)).strftime(fmt)}\r\n"
            f"SUMMARY:{title}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n").encode()


class CalendarServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, body: bytes) -> None:
        self.body = body
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.release = threading.Event()  # lets /slow answer (at the end of the test)
        super().__init__(("127.0.0.1", 0), Handler)

    @property
    def base(self) -> str:
        scheme = "https" if isinstance(self.socket, ssl.SSLSocket) else "http"
        return f"{scheme}://127.0.0.1:{self.server_address[1]}"


class Handler(BaseHTTPRequestHandler):
    server: CalendarServer

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        self.server.requests.append((self.path, dict(self.headers)))
        path = self.path
        if path == "/cal.ics":
            if self.headers.get("If-None-Match") == ETAG:
                self.send_response(304)
                self.end_headers()
                return
            self.answer(200, self.server.body, ETag=ETAG, **{"Last-Modified": MODIFIED})
        elif path == "/missing":
            self.answer(404, b"not here")
        elif path == "/broken":
            self.answer(500, b"oops")
        elif path == "/slow":
            self.server.release.wait(60)
            self.answer(200, self.server.body)
        elif path == "/cut":
            self.send_response(200)
            self.send_header("Content-Length", str(len(self.server.body) + 500))
            self.end_headers()
            self.wfile.write(self.server.body[:40])
            self.wfile.flush()
            self.close_connection = True
        elif path == "/moved":
            self.send_response(302)
            self.send_header("Location", f"{self.server.base}/cal.ics")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path == "/huge":
            self.send_response(200)
            self.end_headers()  # no length: the body ends when the connection closes
            self.close_connection = True
            self.wfile.write(b"BEGIN:VCALENDAR\r\n")
            chunk = b"X-FILLER:" + b"x" * 1000 + b"\r\n"
            for _ in range(2000):
                try:
                    self.wfile.write(chunk)
                except OSError:
                    return  # the client gave up: good
        elif path == "/page":
            self.answer(200, b"<html><body>Sign in</body></html>")
        else:
            self.answer(404, b"")

    def answer(self, status: int, body: bytes, **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def serving(body: bytes, tls: ssl.SSLContext | None = None) -> Iterator[CalendarServer]:
    """A :class:`CalendarServer` answering in a thread until the block ends."""
    server = CalendarServer(body)
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.release.set()
        server.shutdown()
        server.server_close()
        thread.join(10)
