"""The office's ES256 signing keys: private halves in files, public halves in the database.

Private keys are PKCS#8 PEM files ``<SIGNING_KEY_DIR>/<kid>.pem`` created with mode 0600,
encrypted with ``SIGNING_KEY_PASSPHRASE`` when it is set (always in production); they never
enter the database or the repository. ``SigningKey`` rows hold the public key,
its certificate and its status, which the verify page and ``/.well-known/jwks.json`` read.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, transaction
from django.utils import timezone

from verification.codec import key_id
from verification.models import SigningKey

_private_cache: dict[tuple[str, str], ec.EllipticCurvePrivateKey] = {}
_public_cache: dict[tuple[str, str], ec.EllipticCurvePublicKey] = {}


class SigningKeyError(ImproperlyConfigured):
    """No usable signing key (none active, or its private key file is missing)."""


def key_dir() -> Path:
    path = Path(settings.SIGNING_KEY_DIR)
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def private_key_path(name: str) -> Path:
    return key_dir() / f"{name}.pem"


def private_key_write(name: str, private_key: ec.EllipticCurvePrivateKey) -> Path:
    """Write ``private_key`` to a new file readable by the owner only (never overwrites)."""
    path = private_key_path(name)
    passphrase = _passphrase()
    encryption = serialization.BestAvailableEncryption(passphrase) if passphrase else serialization.NoEncryption()
    pem = private_key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)
    return path


def _passphrase() -> bytes | None:
    return settings.SIGNING_KEY_PASSPHRASE.encode() if settings.SIGNING_KEY_PASSPHRASE else None


def _private_key_parse(data: bytes, path: Path) -> object:
    """The key in ``data``, decrypted with the passphrase when it is encrypted.

    A plain file (written before a passphrase was set) still loads; ``signing_key rotate``
    replaces it with an encrypted one.
    """
    encrypted = b"ENCRYPTED PRIVATE KEY" in data
    passphrase = _passphrase()
    if encrypted and passphrase is None:
        raise SigningKeyError(f"Berkas kunci privat {path} terenkripsi: setel SIGNING_KEY_PASSPHRASE.")
    try:
        return serialization.load_pem_private_key(data, password=passphrase if encrypted else None)
    except ValueError:
        raise SigningKeyError(f"Berkas kunci privat {path} tidak dapat dibuka (frasa sandi salah?).") from None


def private_key_der(name: str) -> bytes:
    """The private key ``name`` as unencrypted PKCS#8 DER, in memory only (for pyHanko's signer)."""
    return private_key_load(name).private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def private_key_load(name: str) -> ec.EllipticCurvePrivateKey:
    path = private_key_path(name)
    cache_key = (str(path.parent), name)
    key = _private_cache.get(cache_key)
    if key is None:
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise SigningKeyError(f"Berkas kunci privat {path} tidak ditemukan.") from None
        key = _private_key_parse(data, path)
        if not isinstance(key, ec.EllipticCurvePrivateKey) or not isinstance(key.curve, ec.SECP256R1):
            raise SigningKeyError(f"{path} bukan kunci ECDSA P-256.")
        _private_cache[cache_key] = key
    return key


_rows_cache: dict[str, tuple[float, SigningKey | None]] = {}


def signing_key_cached(kid: str) -> SigningKey | None:
    """The key row for ``kid``, re-read at most every VERIFY_KEY_CACHE_SECONDS (default 10 s).

    Rotation and revocation clear this process's cache at once; other processes (the web
    workers, when a command revokes a key) see the change within that many seconds.
    """
    ttl = settings.VERIFY_KEY_CACHE_SECONDS
    now = time.monotonic()
    cached = _rows_cache.get(kid)
    if cached is not None and now - cached[0] < ttl:
        return cached[1]
    row = SigningKey.objects.filter(kid=kid).first()
    _rows_cache[kid] = (now, row)
    return row


def _forget_rows() -> None:
    _rows_cache.clear()


def public_key_of(signing_key: SigningKey) -> ec.EllipticCurvePublicKey:
    cache_key = (signing_key.kid, signing_key.public_key_pem)
    key = _public_cache.get(cache_key)
    if key is None:
        key = serialization.load_pem_public_key(signing_key.public_key_pem.encode("ascii"))
        _public_cache[cache_key] = key
    return key


def _new_key_row(*, active: bool) -> SigningKey:
    private_key = ec.generate_private_key(ec.SECP256R1())
    public_key = private_key.public_key()
    kid = key_id(public_key)
    private_key_write(kid, private_key)
    pem = public_key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    row = SigningKey.objects.create(kid=kid, public_key_pem=pem.decode("ascii"), is_active=active)
    transaction.on_commit(_forget_rows)
    _forget_rows()
    from verification.certificates import certificate_issue_if_ca

    certificate_issue_if_ca(signing_key=row)
    return row


@transaction.atomic
def signing_key_create() -> SigningKey:
    """Create the first active key. Raise ``SigningKeyError`` when one is active already."""
    if SigningKey.objects.filter(is_active=True).exists():
        raise SigningKeyError("Sudah ada kunci aktif; gunakan 'signing_key rotate'.")
    return _new_key_row(active=True)


@transaction.atomic
def signing_key_rotate() -> SigningKey:
    """A new key becomes the signing key; the previous one is retired but still verifies."""
    now = timezone.now()
    for old in SigningKey.objects.select_for_update().filter(is_active=True):
        old.is_active = False
        old.retired_at = now
        old.save(update_fields=["is_active", "retired_at"])
    return _new_key_row(active=True)


@transaction.atomic
def signing_key_revoke(*, kid: str, reason: str = "", at: dt.datetime | None = None) -> SigningKey:
    """Revoke ``kid`` from ``at`` (default now): what it signed from then on is no longer valid.

    Revoking the active key rotates first, so the office can keep issuing documents.
    """
    key = SigningKey.objects.select_for_update().get(kid=kid)
    if key.revoked_at is not None:
        return key
    if key.is_active:
        signing_key_rotate()
        key.refresh_from_db()
    key.revoked_at = at or timezone.now()
    key.revoked_reason = reason
    if key.retired_at is None:
        key.retired_at = key.revoked_at
    key.save(update_fields=["revoked_at", "revoked_reason", "retired_at"])
    _forget_rows()
    transaction.on_commit(_forget_rows)
    return key


_Current = tuple[SigningKey, ec.EllipticCurvePrivateKey]
_pinned: ContextVar[_Current | None] = ContextVar("signing_key_pinned", default=None)


@contextmanager
def signing_key_pinned() -> Iterator[None]:
    """Within the block ``signing_key_current`` answers without a query (a batch of documents
    reads the active key once; a rotation during the batch applies from the next one)."""
    token = _pinned.set(signing_key_current())
    try:
        yield
    finally:
        _pinned.reset(token)


def signing_key_current() -> tuple[SigningKey, ec.EllipticCurvePrivateKey]:
    """The active key and its private half. On a laptop the first call creates one."""
    pinned = _pinned.get()
    if pinned is not None:
        return pinned
    key = SigningKey.objects.filter(is_active=True).first()
    if key is None:
        if not settings.SIGNING_KEY_AUTO_CREATE:
            raise SigningKeyError("Tidak ada kunci tanda tangan aktif: jalankan 'manage.py signing_key create'.")
        try:
            with transaction.atomic():
                key = _new_key_row(active=True)
        except IntegrityError:  # another process created it first
            key = SigningKey.objects.get(is_active=True)
    return key, private_key_load(key.kid)
