"""What the verify page keeps per process, and what it must never keep."""

import base64
import binascii
import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from verification import codec, tokens
from verification.codec import InvalidToken, b32decode, b32encode
from verification.tokens import token_verify

pytestmark = pytest.mark.django_db


def _stdlib_b32decode(text: str) -> bytes:
    """The former implementation: base64.b32decode, then a re-encoding check."""
    if not text or len(text) > codec.MAX_TOKEN_CHARS or not text.isascii():
        raise InvalidToken("length")
    try:
        data = base64.b32decode(text + "=" * (-len(text) % 8), casefold=False)
    except (binascii.Error, ValueError) as exc:
        raise InvalidToken("not Base32") from exc
    if b32encode(data) != text:
        raise InvalidToken("non-canonical")
    return data


def _outcome(decode, text):  # noqa: ANN001, ANN202
    try:
        return decode(text)
    except InvalidToken:
        return "refused"


@pytest.mark.django_db(False)
def test_b32decode_answers_as_the_stdlib_did():
    rng = random.Random(6)
    alphabet = codec.B32_ALPHABET
    odd = alphabet + "=01890az+-_ \n\té"
    texts = ["", "A", "AA", "AB", "AE", "MZXW6", "MZXW6YQ", "MZXW6YR", " MZXW6", "+AAA", "A_AA", "0000"]
    for _ in range(30_000):
        kind = rng.random()
        if kind < 0.4:
            texts.append(b32encode(rng.randbytes(rng.randrange(0, 40))))
        elif kind < 0.7:
            texts.append("".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 40))))
        else:
            texts.append("".join(rng.choice(odd) for _ in range(rng.randrange(0, 12))))
    texts.append("A" * (codec.MAX_TOKEN_CHARS + 1))
    for text in texts:
        assert _outcome(b32decode, text) == _outcome(_stdlib_b32decode, text), repr(text)


def test_a_repeat_scan_skips_the_signature_check_but_not_the_key_row(issue, monkeypatch):
    _document, token = issue()
    calls = []
    real = codec.signature_valid
    monkeypatch.setattr(codec, "signature_valid", lambda *a: calls.append(1) or real(*a))
    first = token_verify(token)
    assert token_verify(token.lower()) == first  # same token, as /v/ spells it
    assert len(calls) == 1
    # The key row is still read (through its 10-second cache): a key gone from the table
    # no longer verifies, even for a token checked before.
    from verification import keys
    from verification.models import SigningKey

    SigningKey.objects.filter(kid=first.key_id).delete()
    keys._forget_rows()
    with pytest.raises(InvalidToken):
        token_verify(token)


def test_a_token_that_failed_is_not_remembered(issue):
    _document, token = issue()
    index = len(token) // 2
    forged = token[:index] + ("A" if token[index] != "A" else "B") + token[index + 1 :]
    for _ in range(2):
        with pytest.raises(InvalidToken):
            token_verify(forged)
    assert forged not in tokens._verified


def test_remembered_tokens_are_bounded(issue, monkeypatch):
    monkeypatch.setattr(tokens, "MAX_VERIFIED_TOKENS", 2)
    made = [issue()[1] for _ in range(3)]
    for token in made:
        token_verify(token)
    assert list(tokens._verified) == made[1:]  # the oldest went first


def test_a_scan_costs_one_query_first_time_and_after(client, issue, settings):
    """Key row cached: one query per scan, also the first one (the stored digest comes with the state)."""
    settings.VERIFY_SCAN_FLUSH_SECONDS = 3600
    _document, token = issue()
    token_verify(token)  # the key row is now cached
    tokens._forget_verified()
    for scan in range(3):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"/V/{token}")
        assert "ASLI DAN BERLAKU" in response.content.decode()
        assert len(queries) == 1, (scan, [q["sql"] for q in queries])


def test_revocation_shows_on_the_next_scan_in_the_same_process(client, issue, actors, settings):
    from documents.revocation import document_revoke

    document, token = issue()
    assert "ASLI DAN BERLAKU" in client.get(f"/V/{token}").content.decode()
    document_revoke(document=document, reason="salah cetak", actor=actors["piak"])
    body = client.get(f"/V/{token}").content.decode()
    assert "TIDAK BERLAKU LAGI" in body and "salah cetak" in body


def test_supersession_shows_on_the_next_scan(client, issue):
    _old, token = issue(number="7571010103159901", version=1)
    assert "ASLI DAN BERLAKU" in client.get(f"/V/{token}").content.decode()
    issue(number="7571010103159901", version=2)
    assert "TIDAK BERLAKU LAGI" in client.get(f"/V/{token}").content.decode()


@pytest.mark.postgres
def test_the_lookup_is_a_prepared_statement_on_postgresql(client, issue, settings):
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's")
    settings.VERIFY_SCAN_FLUSH_SECONDS = 3600
    _document, token = issue()
    with CaptureQueriesContext(connection) as queries:
        client.get(f"/V/{token}")
    assert any(q["sql"].startswith("EXECUTE verification_scan") for q in queries)
    settings.VERIFY_PREPARED_STATEMENTS = False
    tokens._forget_verified()
    with CaptureQueriesContext(connection) as queries:
        assert "ASLI DAN BERLAKU" in client.get(f"/V/{token}").content.decode()
    assert not any(q["sql"].startswith("EXECUTE") for q in queries)


def test_a_remembered_token_is_checked_again_when_its_key_row_holds_another_public_key(issue):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    from verification import keys
    from verification.models import SigningKey

    _document, token = issue()
    kid = token_verify(token).key_id
    other = ec.generate_private_key(ec.SECP256R1()).public_key()
    pem = other.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    SigningKey.objects.filter(kid=kid).update(public_key_pem=pem.decode("ascii"))
    keys._forget_rows()
    with pytest.raises(InvalidToken):
        token_verify(token)
    assert token not in tokens._verified


def test_a_scan_reads_its_row_on_the_drivers_cursor_unless_queries_are_recorded(issue, monkeypatch):
    """Django's cursor wrapper costs more than the lookup: a scan goes around it, and through
    it only when Django records queries (DEBUG, query counts) or a wrapper is installed."""
    from django.db.backends import utils

    from verification.verdicts import Verdict, verification_for_token

    _document, token = issue()
    token_verify(token)  # the key row is now cached: the scan's only query is the lookup
    wrapped = []
    real = utils.CursorWrapper.execute
    monkeypatch.setattr(
        utils.CursorWrapper, "execute", lambda self, sql, params=None: wrapped.append(sql) or real(self, sql, params)
    )
    assert verification_for_token(token, count_scan=False).verdict == Verdict.VALID
    assert wrapped == []
    seen = []
    with connection.execute_wrapper(
        lambda execute, sql, params, many, context: seen.append(sql) or execute(sql, params, many, context)
    ):
        assert verification_for_token(token, count_scan=False).verdict == Verdict.VALID
    assert len(seen) == 1 and len(wrapped) == 1
    with CaptureQueriesContext(connection) as queries:
        assert verification_for_token(token, count_scan=False).verdict == Verdict.VALID
    assert len(queries) == 1 and len(wrapped) == 2


def test_the_drivers_cursor_keeps_djangos_checks(issue):
    """A transaction broken by an earlier error refuses the lookup, as Django's cursor would."""
    from django.db import IntegrityError, transaction
    from django.db.transaction import TransactionManagementError

    from documents.models import IssuedDocument
    from verification.verdicts import verification_for_token

    document, token = issue()
    token_verify(token)
    with transaction.atomic():
        with pytest.raises(IntegrityError):
            IssuedDocument.objects.create(
                **{
                    field.attname: getattr(document, field.attname)
                    for field in IssuedDocument._meta.concrete_fields
                    if not field.primary_key
                }
            )
        with pytest.raises(TransactionManagementError):
            verification_for_token(token, count_scan=False)


@pytest.mark.postgres
def test_the_drivers_cursor_uses_the_prepared_statement_on_postgresql(issue, settings):
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's")
    from verification import verdicts

    _document, token = issue()
    token_verify(token)
    assert verdicts.verification_for_token(token, count_scan=False).verdict == verdicts.Verdict.VALID
    assert "verification_scan" in verdicts._prepared[connection.connection]
    with connection.connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements WHERE name = 'verification_scan'")
        assert cursor.fetchone() == (1,)
