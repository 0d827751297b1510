"""The app of ``benchmarks/verify.py --floor``: the portal plus three stripped-down scan views.

Served by gunicorn only for that measurement, never by the portal. Each view does one part of
what a scan must do, through the same middleware as ``/healthz`` and the verify page, and
answers a constant "ok":

- ``/floor/sig/<token>``: the signature check only (``token_verify``: Base32, CBOR, ES256);
- ``/floor/db/<token>``: the scan's one database query only (the prepared statement), for the
  document the token names (its claims parsed, the signature not checked);
- ``/floor/both/<token>``: the two together, the least any verify page can cost.

They tell how much of the page's cost is the check that must be made, and how much is ours.
"""

from __future__ import annotations

from django.db import DEFAULT_DB_ALIAS, connections
from django.http import HttpRequest, HttpResponse
from django.urls import path

from dukcapil.wsgi import application  # sets Django up: the imports below need the app registry


def floor(request: HttpRequest, part: str, token: str) -> HttpResponse:
    from verification.codec import decode
    from verification.tokens import token_verify
    from verification.verdicts import _fetch_one, _scan_sql

    # "db" reads the very row a scan reads (a real row costs more than a miss of the index).
    claims = token_verify(token).claims if part in ("sig", "both") else decode(token).claims
    lookup = [claims.doc_type, claims.number, claims.version]
    if part in ("db", "both"):
        db = connections[DEFAULT_DB_ALIAS]
        _fetch_one(db, _scan_sql(db.vendor), lookup, name="verification_scan")
    return HttpResponse("ok", content_type="text/plain")


def _install() -> None:
    from dukcapil import urls

    urls.urlpatterns.insert(0, path("floor/<str:part>/<str:token>", floor))


_install()

__all__ = ["application"]
