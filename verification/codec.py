"""The signed QR token: COSE_Sign1 (RFC 9052) over CBOR claims, ES256, uppercase Base32.

Pure Python over ``cbor2`` and ``cryptography``; it imports nothing from Django so the
offline verifier (``python -m verification.offline``) can use it without settings or a
database.

Layout (DESIGN.md, "The signature in the QR")::

    18([ bstr .cbor {1: -7, 4: kid(8 bytes)},   # protected: alg ES256, key id
         {},                                   # unprotected: empty
         bstr .cbor claims,
         bstr(64) r||s ])

Claims use one-byte CBOR keys so that the QR stays at version 14 or lower at error
correction Q: the CWT labels ``iss`` (1) and ``iat`` (6), and private labels -1..-6.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import io
from collections.abc import Callable
from dataclasses import dataclass

import cbor2
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature, encode_dss_signature

COSE_SIGN1_TAG = 18
ALG_ES256 = -7
HEADER_ALG = 1
HEADER_KID = 4
KID_BYTES = 8
P256_ORDER = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551
SIGNATURE_BYTES = 64
# The record digest carried in the token: the first 16 bytes of SHA-256 (128-bit
# second-preimage resistance; the full record stays in the office's database).
DIGEST_BYTES = 16
# Permendagri 73/2022: a name on a population document has at most 60 letters, spaces
# included. Longer names (the register allows 120) are cut in the token only.
MAX_NAME_CHARS = 60
MAX_TOKEN_CHARS = 1024
# A retired (rotated-out) key signs nothing: a token whose iat is later than the key's
# retirement plus this grace is not the office's (verdicts.py, offline.py). The grace covers
# renders in flight at the rotation and some clock skew between the hosts.
RETIRED_KEY_GRACE_SECONDS = 600

CLAIM_ISSUER = 1  # CWT "iss"
CLAIM_ISSUED_AT = 6  # CWT "iat", seconds since the epoch
CLAIM_DOC_TYPE = -1
CLAIM_NUMBER = -2
CLAIM_VERSION = -3
CLAIM_NAME = -4
CLAIM_NIK = -5  # first four and last four digits of the NIK as one integer (0: no NIK)
CLAIM_DIGEST = -6
CLAIM_KEYS = frozenset(
    {CLAIM_ISSUER, CLAIM_ISSUED_AT, CLAIM_DOC_TYPE, CLAIM_NUMBER, CLAIM_VERSION, CLAIM_NAME, CLAIM_NIK, CLAIM_DIGEST}
)

# Document types as small integers (one CBOR byte). Append only: codes are printed on paper.
DOC_TYPE_CODES: dict[str, int] = {
    "KK": 1,
    "KTP_EL": 2,
    "KIA": 3,
    "AKTA_KELAHIRAN": 4,
    "AKTA_KEMATIAN": 5,
    "AKTA_PERKAWINAN": 6,
    "AKTA_PERCERAIAN": 7,
    "CATATAN_PINGGIR": 8,
    "SKPWNI": 9,
    "SKPLN": 10,
    "SKDLN": 11,
    "SKTT": 12,
    "SK_LAHIR_MATI": 13,
}
DOC_TYPES_BY_CODE = {code: name for name, code in DOC_TYPE_CODES.items()}
MASK_CHAR = "\u2022"


class InvalidToken(Exception):  # noqa: N818 - the name is the shared contract
    """The token is malformed, signed by an unknown key, or its signature does not verify."""


@dataclass(frozen=True)
class Claims:
    issuer: str
    issued_at: dt.datetime
    doc_type: str
    number: str
    version: int
    subject_name: str
    nik_ends: str  # "75710003": first four and last four digits
    digest: bytes

    @property
    def masked_nik(self) -> str:
        """``7571••••••••0003``, as ``registry.identifiers.mask_nik`` shows it."""
        if not self.nik_ends:
            return ""
        return f"{self.nik_ends[:4]}{MASK_CHAR * 8}{self.nik_ends[4:]}"

    def as_dict(self) -> dict:
        return {
            "issuer": self.issuer,
            "issued_at": self.issued_at.isoformat(),
            "doc_type": self.doc_type,
            "number": self.number,
            "version": self.version,
            "subject_name": self.subject_name,
            "masked_nik": self.masked_nik,
            "digest": self.digest.hex(),
        }


@dataclass(frozen=True)
class DecodedToken:
    kid: str  # hex, 16 characters
    claims: Claims
    signed_bytes: bytes  # the COSE Sig_structure the signature covers
    signature: bytes  # raw r||s


# Key ids of the public key objects met lately, by identity: the callers hand the same cached
# object for every token of a key, and its id is computed once instead of per signature check
# (~15 us). The object is held with its id, so that id cannot pass to another object; key
# objects are immutable. (They are neither hashable nor weakly referenceable.)
_kids: dict[int, tuple[ec.EllipticCurvePublicKey, str]] = {}
MAX_KNOWN_KEYS = 64


def key_id(public_key: ec.EllipticCurvePublicKey) -> str:
    """First 8 bytes of SHA-256 over the uncompressed public point, as hex."""
    known = _kids.get(id(public_key))
    if known is not None and known[0] is public_key:
        return known[1]
    point = public_key.public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
    kid = hashlib.sha256(point).digest()[:KID_BYTES].hex()
    if len(_kids) >= MAX_KNOWN_KEYS:
        _kids.clear()
    _kids[id(public_key)] = (public_key, kid)
    return kid


def nik_ends(nik: str) -> str:
    if not nik:
        return ""
    if len(nik) != 16 or not nik.isascii() or not nik.isdigit() or nik[0] == "0":
        raise ValueError("NIK must have 16 digits")
    return nik[:4] + nik[12:]


def truncate_name(name: str) -> str:
    name = " ".join(name.split())
    if len(name) <= MAX_NAME_CHARS:
        return name
    return name[: MAX_NAME_CHARS - 1].rstrip() + "\u2026"


def b32encode(data: bytes) -> str:
    return base64.b32encode(data).decode("ascii").rstrip("=")


B32_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
# RFC 4648 Base32 is a base-32 numeral in another alphabet: translated to int()'s digits,
# the whole token decodes in C (the stdlib's b32decode loops in Python, ~20 us a token).
_B32_TO_INT_DIGITS = str.maketrans(B32_ALPHABET, "0123456789abcdefghijklmnopqrstuv")


def b32decode(text: str) -> bytes:
    """Strict: uppercase alphabet only, and the one canonical spelling of the bytes.

    Same answers as ``base64.b32decode`` followed by a re-encoding check: a length no byte
    count encodes to, or unused low bits of the last character that are not zero, are refused.
    """
    if not text or len(text) > MAX_TOKEN_CHARS or not text.isascii():
        raise InvalidToken("token length or characters")
    if text.strip(B32_ALPHABET):  # something outside A-Z, 2-7 (int() would take signs, "_", "0", ...)
        raise InvalidToken("not Base32")
    size = len(text) * 5 // 8
    unused = len(text) * 5 - size * 8  # low bits of the last character that carry no data
    if unused >= 5:  # a whole character too many: no byte string is spelled this long
        raise InvalidToken("not Base32")
    value = int(text.translate(_B32_TO_INT_DIGITS), 32)
    if value & ((1 << unused) - 1):
        raise InvalidToken("non-canonical Base32")
    return (value >> unused).to_bytes(size, "big")


def _sig_structure(protected: bytes, payload: bytes) -> bytes:
    return cbor2.dumps(["Signature1", protected, b"", payload])


def claims_encode(claims: Claims) -> bytes:
    if claims.doc_type not in DOC_TYPE_CODES:
        raise ValueError(f"unknown document type {claims.doc_type!r}")
    if len(claims.digest) < DIGEST_BYTES:
        raise ValueError("record digest must have at least 16 bytes")
    if claims.issued_at.tzinfo is None:
        raise ValueError("issued_at must be an aware datetime")
    return cbor2.dumps(
        {
            # Integers where the text is digits: each saves bytes, and bytes are QR versions.
            CLAIM_ISSUER: int(claims.issuer) if _plain_digits(claims.issuer) else claims.issuer,
            CLAIM_ISSUED_AT: int(claims.issued_at.timestamp()),
            CLAIM_DOC_TYPE: DOC_TYPE_CODES[claims.doc_type],
            CLAIM_NUMBER: claims.number,
            CLAIM_VERSION: int(claims.version),
            CLAIM_NAME: truncate_name(claims.subject_name),
            CLAIM_NIK: int(claims.nik_ends or 0),
            CLAIM_DIGEST: bytes(claims.digest[:DIGEST_BYTES]),
        }
    )


def _plain_digits(text: str) -> bool:
    return text.isascii() and text.isdigit() and not text.startswith("0")


def sign(claims: Claims, private_key: ec.EllipticCurvePrivateKey) -> tuple[str, str]:
    """Return ``(token, kid)``: the Base32 text of the COSE_Sign1 over ``claims``."""
    kid = key_id(private_key.public_key())
    protected = cbor2.dumps({HEADER_ALG: ALG_ES256, HEADER_KID: bytes.fromhex(kid)})
    payload = claims_encode(claims)
    der = private_key.sign(_sig_structure(protected, payload), ec.ECDSA(hashes.SHA256()))
    r, s = decode_dss_signature(der)
    if s > P256_ORDER // 2:  # low-S form: (r, s) and (r, n - s) would both verify
        s = P256_ORDER - s
    signature = r.to_bytes(32, "big") + s.to_bytes(32, "big")
    message = cbor2.dumps(cbor2.CBORTag(COSE_SIGN1_TAG, [protected, {}, payload, signature]))
    return b32encode(message), kid


def _loads_exact(data: bytes) -> object:  # any CBOR value
    """Decode one CBOR item and refuse trailing bytes (``cbor2.loads`` ignores them)."""
    stream = io.BytesIO(data)
    try:
        value = cbor2.CBORDecoder(stream).decode()
    except Exception as exc:  # cbor2 raises several types on garbage
        raise InvalidToken("not CBOR") from exc
    if stream.tell() != len(data):
        raise InvalidToken("trailing bytes")
    return value


def _claims_decode(payload: bytes) -> Claims:
    raw = _loads_exact(payload)
    if not isinstance(raw, dict) or set(raw) != CLAIM_KEYS:
        raise InvalidToken("claims")
    issuer, iat, code = raw[CLAIM_ISSUER], raw[CLAIM_ISSUED_AT], raw[CLAIM_DOC_TYPE]
    number, version, name = raw[CLAIM_NUMBER], raw[CLAIM_VERSION], raw[CLAIM_NAME]
    ends, digest = raw[CLAIM_NIK], raw[CLAIM_DIGEST]
    if type(issuer) is int and issuer > 0:
        issuer = str(issuer)
    if type(ends) is int and (ends == 0 or 10_000_000 <= ends <= 99_999_999):
        ends = str(ends) if ends else ""
    if not (
        isinstance(issuer, str)
        and type(iat) is int
        and type(code) is int
        and code in DOC_TYPES_BY_CODE
        and isinstance(number, str)
        and number
        and type(version) is int
        and version >= 1
        and isinstance(name, str)
        and isinstance(ends, str)
        and isinstance(digest, bytes)
        and len(digest) == DIGEST_BYTES
    ):
        raise InvalidToken("claim types")
    try:
        issued_at = dt.datetime.fromtimestamp(iat, tz=dt.UTC)
    except (OverflowError, OSError, ValueError) as exc:
        raise InvalidToken("issue time") from exc
    return Claims(
        issuer=issuer,
        issued_at=issued_at,
        doc_type=DOC_TYPES_BY_CODE[code],
        number=number,
        version=version,
        subject_name=name,
        nik_ends=ends,
        digest=digest,
    )


def decode(token: str) -> DecodedToken:
    """Parse ``token`` strictly; the signature is *not* checked here (see ``verify``)."""
    message = _loads_exact(b32decode(token))
    if not isinstance(message, cbor2.CBORTag) or message.tag != COSE_SIGN1_TAG:
        raise InvalidToken("not COSE_Sign1")
    parts = message.value
    if not isinstance(parts, list | tuple) or len(parts) != 4:
        raise InvalidToken("COSE_Sign1 shape")
    protected, unprotected, payload, signature = parts
    if not (isinstance(protected, bytes) and isinstance(payload, bytes) and isinstance(signature, bytes)):
        raise InvalidToken("COSE_Sign1 types")
    if unprotected != {} or len(signature) != SIGNATURE_BYTES:
        raise InvalidToken("COSE_Sign1 headers")
    header = _loads_exact(protected)
    if not isinstance(header, dict) or set(header) != {HEADER_ALG, HEADER_KID} or header[HEADER_ALG] != ALG_ES256:
        raise InvalidToken("algorithm")
    kid = header[HEADER_KID]
    if not isinstance(kid, bytes) or len(kid) != KID_BYTES:
        raise InvalidToken("key id")
    return DecodedToken(
        kid=kid.hex(),
        claims=_claims_decode(payload),
        signed_bytes=_sig_structure(protected, payload),
        signature=signature,
    )


def signature_valid(decoded: DecodedToken, public_key: ec.EllipticCurvePublicKey) -> bool:
    if not isinstance(public_key.curve, ec.SECP256R1) or key_id(public_key) != decoded.kid:
        return False
    r = int.from_bytes(decoded.signature[:32], "big")
    s = int.from_bytes(decoded.signature[32:], "big")
    if not (0 < r < P256_ORDER and 0 < s <= P256_ORDER // 2):
        return False
    try:
        public_key.verify(encode_dss_signature(r, s), decoded.signed_bytes, ec.ECDSA(hashes.SHA256()))
    except InvalidSignature:
        return False
    return True


def verify(token: str, public_key_for: Callable[[str], ec.EllipticCurvePublicKey | None]) -> DecodedToken:
    """Decode ``token`` and check its signature with ``public_key_for(kid)``; raise InvalidToken."""
    decoded = decode(token)
    public_key = public_key_for(decoded.kid)
    if public_key is None:
        raise InvalidToken("unknown key")
    if not signature_valid(decoded, public_key):
        raise InvalidToken("bad signature")
    return decoded


def token_from_text(text: str) -> str:
    """The token from a scanned URL (``HTTPS://HOST/V/TOKEN``) or from the token itself."""
    text = text.strip()
    for marker in ("/V/", "/v/"):
        if marker in text:
            text = text.rsplit(marker, 1)[1]
            break
    return text.strip("/").split("?", 1)[0].split("#", 1)[0]


def jwk_public_key(jwk: dict) -> ec.EllipticCurvePublicKey:
    """The P-256 public key of a JWK ``{"kty": "EC", "crv": "P-256", "x": .., "y": ..}``."""
    if jwk.get("kty") != "EC" or jwk.get("crv") != "P-256":
        raise ValueError("not a P-256 key")

    def coordinate(name: str) -> int:
        value = jwk[name]
        return int.from_bytes(base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)), "big")

    return ec.EllipticCurvePublicNumbers(coordinate("x"), coordinate("y"), ec.SECP256R1()).public_key()


def public_key_jwk(public_key: ec.EllipticCurvePublicKey) -> dict:
    numbers = public_key.public_numbers()

    def b64(value: int) -> str:
        return base64.urlsafe_b64encode(value.to_bytes(32, "big")).decode("ascii").rstrip("=")

    return {"kty": "EC", "crv": "P-256", "x": b64(numbers.x), "y": b64(numbers.y)}
