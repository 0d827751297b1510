"""A key that was rotated out signs nothing afterwards: what it signed later reads TIDAK DIKENAL."""

import dataclasses

import pytest
from django.utils import timezone

from verification import codec
from verification.tokens import token_verify

pytestmark = pytest.mark.django_db


def _resigned(token: str, kid: str, **changes) -> str:
    """The same claims signed again with ``kid``'s private key, with ``changes`` applied."""
    from verification.keys import private_key_load

    claims = dataclasses.replace(codec.decode(token).claims, **changes)
    return codec.sign(claims, private_key_load(kid))[0]


def test_a_token_signed_after_its_key_was_retired_reads_tidak_dikenal(client, issue):
    from verification.keys import signing_key_rotate
    from verification.models import SigningKey

    document, token = issue()
    signing_key_rotate()
    retired = SigningKey.objects.get(kid=document.key_id)
    assert retired.retired_at is not None and retired.revoked_at is None
    # What it signed before the rotation stays genuine.
    assert "ASLI DAN BERLAKU" in client.get(f"/V/{token}").content.decode()
    # Signed with the retired key afterwards: the signature verifies and the row matches,
    # but the office signs nothing with a retired key.
    late = _resigned(token, retired.kid, issued_at=retired.retired_at + timezone.timedelta(minutes=11))
    assert token_verify(late).key_id == retired.kid
    body = client.get(f"/V/{late}").content.decode()
    assert "TIDAK DIKENAL" in body and "kunci purna" in body and document.number not in body
    # Within the grace (a render in flight at the rotation): still genuine.
    in_flight = _resigned(token, retired.kid, issued_at=retired.retired_at + timezone.timedelta(minutes=9))
    assert "ASLI DAN BERLAKU" in client.get(f"/V/{in_flight}").content.decode()


def test_retired_key_grace_is_a_setting(client, issue, settings):
    from verification.keys import signing_key_rotate
    from verification.models import SigningKey
    from verification.verdicts import Reason, verification_for_token

    document, token = issue()
    signing_key_rotate()
    retired = SigningKey.objects.get(kid=document.key_id)
    late = _resigned(token, retired.kid, issued_at=retired.retired_at + timezone.timedelta(seconds=30))
    assert verification_for_token(late).reason == Reason.CURRENT
    settings.VERIFY_RETIRED_KEY_GRACE_SECONDS = 0
    assert verification_for_token(late).reason == Reason.KEY_RETIRED


def test_retired_key_reason_in_english(client, issue):
    from verification.keys import signing_key_rotate
    from verification.models import SigningKey

    document, token = issue()
    signing_key_rotate()
    retired = SigningKey.objects.get(kid=document.key_id)
    late = _resigned(token, retired.kid, issued_at=retired.retired_at + timezone.timedelta(hours=1))
    body = client.get(f"/V/{late}", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "UNKNOWN" in body and "a retired key signs nothing" in body


def test_offline_verifier_applies_the_retired_key_rule(client, issue, tmp_path):
    import json

    from verification import offline
    from verification.keys import signing_key_rotate
    from verification.models import SigningKey

    document, token = issue()
    signing_key_rotate()
    retired = SigningKey.objects.get(kid=document.key_id)
    late = _resigned(token, retired.kid, issued_at=retired.retired_at + timezone.timedelta(hours=1))
    jwks = tmp_path / "jwks.json"
    jwks.write_text(json.dumps(client.get("/.well-known/jwks.json").json()))
    status = tmp_path / "status.json"
    status.write_text(json.dumps(client.get(f"/.well-known/crl/{retired.kid}.json").json()))
    assert offline.main([token, "--jwks", str(jwks), "--status", str(status)]) == offline.EXIT_VALID
    assert offline.main([late, "--jwks", str(jwks), "--status", str(status)]) == offline.EXIT_UNKNOWN
