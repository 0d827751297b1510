"""A per-client request budget on the public verify pages, kept in the Django cache.

The client is a keyed hash of its address (``dukcapil.clients.client_address``, never stored
in clear), counted over a 60-second window.
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from dukcapil.clients import client_address


def rate_limit_exceeded(request: HttpRequest, *, scope: str = "verify", limit: int | None = None) -> bool:
    """Count this request; True once the client went over its budget for this minute.

    ``limit`` defaults to VERIFY_RATE_LIMIT_PER_MINUTE; 0 or less: no limit.
    """
    if limit is None:
        limit = settings.VERIFY_RATE_LIMIT_PER_MINUTE
    if limit <= 0:
        return False
    client = hmac.new(settings.SECRET_KEY.encode(), client_address(request).encode(), hashlib.sha256).hexdigest()[:20]
    # A window opens with the client's first request and closes 60 s later (incr keeps the
    # expiry), so no calendar-minute boundary resets a burst half-way.
    key = f"rl:{scope}:{client}"
    if cache.add(key, 1, timeout=60):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=60)
            count = 1
    return count > limit
