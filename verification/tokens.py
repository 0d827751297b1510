"""Sign and verify the token printed in a document's QR (shared contract, see helper brief).

    signed = token_sign(doc_type="KK", number=..., version=2, subject_name=..., nik=...,
                        record_digest=record_digest(snapshot), issued_at=timezone.now())
    url = verify_url(signed.token)        # HTTPS://<HOST>/V/<TOKEN>, for draw_qr
    token_verify(signed.token)            # VerifiedToken, or raises InvalidToken

``record_digest`` must be computed with :func:`record_digest` over exactly the snapshot
stored in ``IssuedDocument.snapshot``: the verify page recomputes it from that row and
compares it with the digest in the token.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import OrderedDict
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from django.conf import settings

from verification.codec import Claims, DecodedToken, InvalidToken, nik_ends, sign, verify
from verification.keys import public_key_of, signing_key_cached, signing_key_current
from verification.models import SigningKey

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric import ec

__all__ = [
    "InvalidToken",
    "SignedToken",
    "VerifiedToken",
    "record_digest",
    "token_sign",
    "token_verify",
    "verify_url",
]


@dataclass(frozen=True)
class SignedToken:
    token: str
    key_id: str


@dataclass(frozen=True)
class VerifiedToken:
    """A token whose signature verified against a key of the office (any status)."""

    key: SigningKey
    claims: Claims

    @property
    def key_id(self) -> str:
        return self.key.kid

    @property
    def doc_type(self) -> str:
        return self.claims.doc_type

    @property
    def number(self) -> str:
        return self.claims.number

    @property
    def version(self) -> int:
        return self.claims.version

    @property
    def subject_name(self) -> str:
        return self.claims.subject_name

    @property
    def masked_nik(self) -> str:
        return self.claims.masked_nik

    @property
    def issued_at(self) -> dt.datetime:
        return self.claims.issued_at

    @property
    def record_digest(self) -> bytes:
        return self.claims.digest


def record_digest(snapshot: dict) -> bytes:
    """SHA-256 of the canonical JSON of a document's data snapshot (32 bytes)."""
    canonical = json.dumps(snapshot, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode("utf-8")).digest()


def token_sign(
    *,
    doc_type: str,
    number: str,
    version: int,
    subject_name: str,
    nik: str,
    record_digest: bytes,
    issued_at: dt.datetime,
) -> SignedToken:
    """Sign the claims with the office's active key (created on first use on a laptop).

    ``nik`` is the full NIK (only its first and last four digits enter the token) or ``""``.
    Names longer than 60 characters are cut in the token (Permendagri 73/2022 limit).
    """
    key, private_key = signing_key_current()
    claims = Claims(
        issuer=settings.ISSUER_CODE,
        issued_at=issued_at,
        doc_type=str(doc_type),
        number=str(number),
        version=int(version),
        subject_name=subject_name,
        nik_ends=nik_ends(nik),
        digest=record_digest,
    )
    token, kid = sign(claims, private_key)
    assert kid == key.kid, "private key file does not match its database row"
    return SignedToken(token=token, key_id=kid)


# Tokens whose signature verified in this process: token text -> (kid, public key PEM,
# claims). A repeat scan of the same QR then skips the CBOR decoding and the ECDSA check
# (~55 us), never the key's status: the key row is still looked up (signing_key_cached) on
# every call, so a deleted key stops verifying, a revocation or retirement applies as before,
# and an entry counts only while the row holds the public key the signature was checked
# with. Only what the signature proved is kept; a token that failed is not remembered.
_verified: OrderedDict[str, tuple[str, str, Claims]] = OrderedDict()
MAX_VERIFIED_TOKENS = 10_000  # about 1 KB each; the oldest goes first


def token_verify(token: str) -> VerifiedToken:
    """Check ``token``'s signature against the office key it names (one query).

    Raises ``InvalidToken`` when malformed, signed by an unknown key, with a bad signature or
    by another issuer. A revoked key still verifies here: what that means for the document
    (signed before or after the revocation) is for the caller to decide.
    """
    token = token.strip().upper()
    known = _verified.get(token)
    if known is not None:
        kid, public_key_pem, claims = known
        key = signing_key_cached(kid)
        if key is None:
            raise InvalidToken("unknown key")
        if key.public_key_pem != public_key_pem:  # not the key the signature was checked with
            _verified.pop(token, None)
            return token_verify(token)
        if claims.issuer != settings.ISSUER_CODE:
            raise InvalidToken("issuer")
        return VerifiedToken(key=key, claims=claims)
    holder: dict[str, SigningKey] = {}

    def public_key_for(kid: str) -> ec.EllipticCurvePublicKey | None:
        key = signing_key_cached(kid)
        if key is None:
            return None
        holder["key"] = key
        return public_key_of(key)

    decoded: DecodedToken = verify(token, public_key_for)
    if decoded.claims.issuer != settings.ISSUER_CODE:
        raise InvalidToken("issuer")
    if len(_verified) >= MAX_VERIFIED_TOKENS:
        _verified.popitem(last=False)
    _verified[token] = (decoded.kid, holder["key"].public_key_pem, decoded.claims)
    return VerifiedToken(key=holder["key"], claims=decoded.claims)


def _forget_verified() -> None:
    _verified.clear()


def verify_url(token: str) -> str:
    """``HTTPS://<HOST>/V/<TOKEN>`` on ``PUBLIC_BASE_URL``, scheme and host in capitals so that
    the whole URL stays in the QR alphanumeric character set (a smaller QR).

    On a laptop (``dev.py run``) that is ``HTTP://127.0.0.1:8000/V/<TOKEN>``, which opens.
    """
    base = urlsplit(settings.PUBLIC_BASE_URL)
    return f"{base.scheme.upper()}://{base.netloc.upper()}{base.path.rstrip('/')}/V/{token}"
