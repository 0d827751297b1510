import datetime as dt
import os
import stat

import pytest
from django.core.management import call_command
from django.utils import timezone

from verification.codec import MAX_NAME_CHARS, b32decode
from verification.keys import private_key_path
from verification.models import SigningKey
from verification.tokens import InvalidToken, record_digest, token_sign, token_verify, verify_url

pytestmark = pytest.mark.django_db


def sign(**overrides):
    values = {
        "doc_type": "AKTA_KELAHIRAN",
        "number": "7571-LT-28112026-0001",
        "version": 1,
        "subject_name": "MUHAMMAD RIZKI PRATAMA",
        "nik": "7571011208150002",
        "record_digest": record_digest({"a": 1}),
        "issued_at": timezone.now(),
    }
    values.update(overrides)
    return token_sign(**values)


def test_round_trip_gives_back_the_claims():
    issued_at = dt.datetime(2026, 11, 28, 9, 30, tzinfo=dt.UTC)
    signed = sign(issued_at=issued_at)
    verified = token_verify(signed.token)
    assert verified.key_id == signed.key_id
    assert verified.doc_type == "AKTA_KELAHIRAN"
    assert verified.number == "7571-LT-28112026-0001"
    assert verified.version == 1
    assert verified.subject_name == "MUHAMMAD RIZKI PRATAMA"
    assert verified.masked_nik == "7571••••••••0002"
    assert verified.issued_at == issued_at
    assert verified.record_digest == record_digest({"a": 1})[:16]


def test_token_is_uppercase_base32_cose_sign1_with_es256_and_kid():
    import cbor2

    signed = sign()
    assert signed.token == signed.token.upper() and "=" not in signed.token
    message = cbor2.loads(b32decode(signed.token))
    assert message.tag == 18
    protected, unprotected, payload, signature = message.value
    assert cbor2.loads(protected) == {1: -7, 4: bytes.fromhex(signed.key_id)}
    assert unprotected == {}
    assert len(signature) == 64


def test_key_id_is_sha256_prefix_of_public_key_and_private_key_file_is_0600(settings):
    import hashlib

    from cryptography.hazmat.primitives import serialization

    signed = sign()
    key = SigningKey.objects.get(kid=signed.key_id)
    public = serialization.load_pem_public_key(key.public_key_pem.encode())
    point = public.public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
    assert hashlib.sha256(point).digest()[:8].hex() == signed.key_id
    path = private_key_path(signed.key_id)
    assert path.parent == settings.SIGNING_KEY_DIR
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert "PRIVATE" not in key.public_key_pem


def test_key_id_remembered_per_key_object_is_never_another_keys():
    """key_id keeps the ids of the key objects it met; objects come and go (and Python reuses
    their addresses), and each still gets the id of its own point."""
    import hashlib

    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    from verification.codec import MAX_KNOWN_KEYS, key_id

    for _ in range(MAX_KNOWN_KEYS * 3):
        public = ec.generate_private_key(ec.SECP256R1()).public_key()
        point = public.public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
        expected = hashlib.sha256(point).digest()[:8].hex()
        assert key_id(public) == expected
        assert key_id(public) == expected  # the remembered answer
        del public  # its address is free for the next key


def test_changed_character_is_rejected():
    token = sign().token
    index = len(token) // 2
    forged = token[:index] + ("A" if token[index] != "A" else "B") + token[index + 1 :]
    with pytest.raises(InvalidToken):
        token_verify(forged)


def test_unknown_key_is_rejected(settings, tmp_path):
    token = sign().token
    settings.VERIFY_KEY_CACHE_SECONDS = 0
    SigningKey.objects.all().delete()
    with pytest.raises(InvalidToken):
        token_verify(token)


def test_other_issuer_is_rejected(settings):
    token = sign().token
    settings.ISSUER_CODE = "7502"
    with pytest.raises(InvalidToken):
        token_verify(token)


def test_long_names_are_cut_to_the_legal_maximum():
    verified = token_verify(sign(subject_name="A" * 119).token)
    assert len(verified.subject_name) == MAX_NAME_CHARS


def test_signing_key_commands_create_rotate_revoke_list(capsys):
    call_command("signing_key", "create")
    first = SigningKey.objects.get(is_active=True)
    old_token = sign().token
    call_command("signing_key", "rotate")
    second = SigningKey.objects.get(is_active=True)
    assert second.kid != first.kid
    first.refresh_from_db()
    assert first.retired_at is not None and first.status == "RETIRED"
    assert token_verify(old_token).key_id == first.kid  # old keys still verify
    assert sign().key_id == second.kid  # the new key signs
    call_command("signing_key", "revoke", first.kid, "--reason", "bocor")
    first.refresh_from_db()
    assert first.status == "REVOKED" and first.revoked_reason == "bocor"
    call_command("signing_key", "list")
    out = capsys.readouterr().out
    assert first.kid in out and "REVOKED" in out and second.kid in out


def test_create_refuses_a_second_active_key():
    from django.core.management.base import CommandError

    call_command("signing_key", "create")
    with pytest.raises(CommandError):
        call_command("signing_key", "create")


def test_revoking_the_active_key_rotates_to_a_new_one():
    call_command("signing_key", "create")
    active = SigningKey.objects.get(is_active=True)
    call_command("signing_key", "revoke", active.kid)
    assert SigningKey.objects.filter(is_active=True).exclude(kid=active.kid).exists()


def test_verify_url_is_the_public_base_url_in_capitals(settings, client, issue):
    settings.PUBLIC_BASE_URL = "https://dukcapil.gorontalokota.go.id/"
    assert verify_url("ABC") == "HTTPS://DUKCAPIL.GORONTALOKOTA.GO.ID/V/ABC"
    # On a laptop the QR opens against the dev server itself (it used to print HTTPS://127.0.0.1/V/...).
    settings.PUBLIC_BASE_URL = "http://127.0.0.1:8000"
    _document, token = issue()
    url = verify_url(token)
    assert url.startswith("HTTP://127.0.0.1:8000/V/")
    assert "ASLI DAN BERLAKU" in client.get(url.removeprefix("HTTP://127.0.0.1:8000")).content.decode()
