"""The client's address, as every per-client limit counts it (verify page, sign-up, logins).

Behind the reverse proxy (production) it is the last X-Forwarded-For hop, which the proxy
sets; elsewhere REMOTE_ADDR. The web port must then be reachable only through the proxy
(docker-compose publishes it on 127.0.0.1), or a client could name its own address.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    if settings.PRODUCTION:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")
