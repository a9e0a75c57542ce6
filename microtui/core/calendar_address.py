"""Which calendar addresses microtui fetches: ``https://`` ones, and ``http://`` only on the
loopback address (where tests and a local calendar server live); and how often.

Pure text rules (nothing here opens a socket): the routine form checks an address with them,
and :mod:`microtui.calendar_fetch` refuses anything they refuse.
"""

from __future__ import annotations

from urllib.parse import urlsplit

LOOPBACK = ("127.0.0.1", "::1", "localhost")
REFRESH_SECONDS = 15 * 60
"""How often a calendar address is fetched again."""


def is_address(text: str) -> bool:
    """``text`` names a calendar on the network (``scheme://...``) rather than a path."""
    return "://" in text.strip()[:12]


def address_problem(text: str) -> str:
    """Why microtui will not fetch the address ``text`` ("" when it will)."""
    try:
        parts = urlsplit(text.strip())
        host = parts.hostname or ""
        parts.port  # noqa: B018 (raises ValueError for a port that is not a number)
    except ValueError:
        return "Not a valid address."
    scheme = parts.scheme.lower()
    if scheme == "webcal":
        return "Use the https:// form of this address (webcal:// is the same, over https)."
    if scheme not in ("https", "http"):
        return "Only https:// addresses can be fetched."
    if not host:
        return "The address has no server name."
    if parts.username or parts.password:
        return "Put no name or password in the address; use the calendar's secret address."
    if scheme == "http" and host not in LOOPBACK:
        return ("Only https:// addresses are fetched: http:// would send your calendar's "
                "secret address unencrypted (allowed on 127.0.0.1 only).")
    return ""
