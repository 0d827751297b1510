"""A per-client request budget on the public verify pages, kept in the Django cache.

The client is a keyed hash of its address (never stored in clear), counted over a
60-second window.
Behind the reverse proxy (production) the address is the last X-Forwarded-For hop,
which the proxy sets; elsewhere it is REMOTE_ADDR.
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    if settings.PRODUCTION:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


def rate_limit_exceeded(request: HttpRequest, *, scope: str = "verify") -> bool:
    """Count this request; True once the client went over its budget for this minute."""
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
