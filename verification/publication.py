"""What the office publishes for verifiers: its keys (JWKS) and a status list per key.

``/.well-known/jwks.json`` lists every key ever used (active, retired, revoked) so old
documents stay verifiable. ``/.well-known/crl/<kid>.json`` lists, like the revocation lists
of SMART Health Cards, every document signed by that key that is no longer valid
(superseded or revoked), identified by what the paper shows: type, number, version.
Both are plain JSON an offline verifier can sync.
"""

from __future__ import annotations

import base64
import datetime as dt

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from django.db.models import Max
from django.utils import timezone

from documents.models import IssuedDocument, IssuedState
from verification.codec import public_key_jwk
from verification.keys import public_key_of
from verification.models import SigningKey


def _iso(value: dt.datetime | None) -> str | None:
    return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z") if value else None


def key_jwk(key: SigningKey) -> dict:
    jwk = public_key_jwk(public_key_of(key))
    jwk.update(
        {
            "kid": key.kid,
            "alg": "ES256",
            "use": "sig",
            "status": key.status,
            # The window in which the key signed; it verifies what it signed for ever, unless
            # revoked: documents it signed at or after revoked_at are no longer valid.
            "valid_from": _iso(key.created_at),
            "valid_until": _iso(key.retired_at),
            "revoked_at": _iso(key.revoked_at),
            "status_list": f"/.well-known/crl/{key.kid}.json",
        }
    )
    if key.certificate_pem:
        der = x509.load_pem_x509_certificate(key.certificate_pem.encode("ascii")).public_bytes(Encoding.DER)
        jwk["x5c"] = [base64.b64encode(der).decode("ascii")]
    return jwk


def jwks_document() -> dict:
    return {"keys": [key_jwk(key) for key in SigningKey.objects.order_by("created_at")]}


def status_list_document(*, kid: str) -> dict | None:
    """Every no-longer-valid document signed by ``kid``; ``None`` for an unknown key."""
    key = SigningKey.objects.filter(kid=kid).first()
    if key is None:
        return None
    rows = (
        IssuedDocument.objects.filter(key_id=kid)
        .exclude(state=IssuedState.VALID)
        .order_by("pk")
        .values_list("doc_type", "number", "version", "state", "revoked_at", "superseded_by__issued_at")
    )
    entries = [
        {
            "id": status_id(doc_type, number, version),
            "state": state,
            "since": _iso(revoked_at if state == IssuedState.REVOKED else superseded_at),
        }
        for doc_type, number, version, state, revoked_at, superseded_at in rows
    ]
    last_change = IssuedDocument.objects.filter(key_id=kid).aggregate(m=Max("issued_at"))["m"]
    return {
        "kid": kid,
        "generated_at": _iso(timezone.now()),
        "key_status": key.status,
        "key_revoked_at": _iso(key.revoked_at),
        "ctr": len(entries),
        "last_issued_at": _iso(last_change),
        "documents": entries,
    }


def status_id(doc_type: str, number: str, version: int) -> str:
    return f"{doc_type}:{number}:{version}"
