"""The names the local time zone may go by, in the order :func:`~microtui.core.clock.local_zone`
tries them: ``TZ``, then the zone ``/etc/localtime`` links to.

Kept apart from :mod:`microtui.core.clock` and free of heavy imports, so ``microtui next``
can tell whether its zone is the one a saved answer was worked out in without loading
``zoneinfo``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping


def zone_candidates(env: Mapping[str, str]) -> list[str]:
    """``TZ`` (without a leading ``:``) and the ``/etc/localtime`` link's zone name; either
    may be ``""`` (not set, not a link, not under ``zoneinfo/``)."""
    candidates = [env.get("TZ", "").lstrip(":")]
    try:
        link = os.readlink("/etc/localtime")
        candidates.append(link.split("zoneinfo/", 1)[1] if "zoneinfo/" in link else "")
    except OSError:
        pass
    return candidates
