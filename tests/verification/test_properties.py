"""Property tests: no mutation of a genuine token is ever read as genuine."""

import datetime as dt

import cbor2
import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from verification import codec

KEY = ec.generate_private_key(ec.SECP256R1())
OTHER_KEY = ec.generate_private_key(ec.SECP256R1())
KID = codec.key_id(KEY.public_key())
ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"


def claims(**overrides) -> codec.Claims:
    values = {
        "issuer": "7571",
        "issued_at": dt.datetime(2026, 11, 28, 1, 2, 3, tzinfo=dt.UTC),
        "doc_type": "KK",
        "number": "7571011003150001",
        "version": 2,
        "subject_name": "HASAN BASRI",
        "nik_ends": "75710001",
        "digest": bytes(range(16)),
    }
    values.update(overrides)
    return codec.Claims(**values)


TOKEN, _ = codec.sign(claims(), KEY)
RAW = codec.b32decode(TOKEN)


def genuine(token: str) -> bool:
    """What every verifier asks: does it verify under our key with exactly our claims?"""
    try:
        decoded = codec.verify(token, lambda kid: KEY.public_key() if kid == KID else None)
    except codec.InvalidToken:
        return False
    return decoded.claims == claims()


def test_the_original_is_genuine():
    assert genuine(TOKEN)


@given(st.integers(0, len(RAW) - 1), st.integers(1, 255))
def test_any_changed_byte_is_never_genuine(index, delta):
    data = bytearray(RAW)
    data[index] = (data[index] + delta) % 256
    assert not genuine(codec.b32encode(bytes(data)))


@given(st.integers(0, len(RAW) - 1), st.integers(1, 8))
def test_any_removed_bytes_are_never_genuine(index, count):
    data = RAW[:index] + RAW[index + count :]
    assert not genuine(codec.b32encode(data))


@given(st.integers(0, len(RAW)), st.binary(min_size=1, max_size=8))
def test_any_added_bytes_are_never_genuine(index, extra):
    data = RAW[:index] + extra + RAW[index:]
    assert not genuine(codec.b32encode(data))


@given(st.integers(0, len(TOKEN) - 1), st.sampled_from(ALPHABET))
def test_any_changed_character_is_never_genuine(index, char):
    if TOKEN[index] == char:
        return
    assert not genuine(TOKEN[:index] + char + TOKEN[index + 1 :])


@given(st.integers(0, len(TOKEN)), st.text(alphabet=ALPHABET, min_size=1, max_size=4))
def test_any_added_or_removed_characters_are_never_genuine(index, extra):
    assert not genuine(TOKEN[:index] + extra + TOKEN[index:])
    if index < len(TOKEN):  # removing past the end removes nothing
        assert not genuine(TOKEN[:index] + TOKEN[index + len(extra) :])


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=50)
@given(
    st.sampled_from(["subject_name", "number", "version", "doc_type", "nik_ends", "digest", "issued_at"]),
    st.data(),
)
def test_altered_claims_under_the_original_signature_are_never_genuine(field, data):
    replacement = {
        "subject_name": data.draw(
            st.text(min_size=1, max_size=60).filter(lambda s: codec.truncate_name(s) != "HASAN BASRI")
        ),
        "number": data.draw(st.text(min_size=1, max_size=20).filter(lambda s: s != "7571011003150001")),
        "version": data.draw(st.integers(1, 1000).filter(lambda v: v != 2)),
        "doc_type": data.draw(st.sampled_from(sorted(set(codec.DOC_TYPE_CODES) - {"KK"}))),
        "nik_ends": data.draw(st.integers(10_000_000, 99_999_999).map(str).filter(lambda s: s != "75710001")),
        "digest": data.draw(st.binary(min_size=16, max_size=16).filter(lambda b: b != bytes(range(16)))),
        "issued_at": dt.datetime(2030, 1, 1, tzinfo=dt.UTC),
    }[field]
    message = cbor2.loads(RAW)
    protected, unprotected, _payload, signature = message.value
    payload = codec.claims_encode(claims(**{field: replacement}))
    forged = cbor2.dumps(cbor2.CBORTag(18, [protected, unprotected, payload, signature]))
    assert not genuine(codec.b32encode(forged))


@given(st.builds(claims, subject_name=st.text(min_size=1, max_size=60), version=st.integers(1, 10_000)))
def test_signed_by_an_unknown_key_is_never_genuine(values):
    token, _kid = codec.sign(values, OTHER_KEY)
    assert not genuine(token)


def test_same_kid_header_with_another_key_is_rejected():
    """A forger who copies our kid into the header still needs our private key."""
    protected = cbor2.dumps({1: -7, 4: bytes.fromhex(KID)})
    payload = codec.claims_encode(claims())
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

    der = OTHER_KEY.sign(cbor2.dumps(["Signature1", protected, b"", payload]), ec.ECDSA(hashes.SHA256()))
    r, s = decode_dss_signature(der)
    if s > codec.P256_ORDER // 2:
        s = codec.P256_ORDER - s
    forged = cbor2.dumps(cbor2.CBORTag(18, [protected, {}, payload, r.to_bytes(32, "big") + s.to_bytes(32, "big")]))
    assert not genuine(codec.b32encode(forged))


@pytest.mark.django_db
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(0, 10_000), st.sampled_from(ALPHABET))
def test_the_page_never_says_genuine_for_a_changed_character(client, issue_once, index, char):
    _document, token = issue_once
    index %= len(token)
    if token[index] == char:
        return
    body = client.get(f"/V/{token[:index]}{char}{token[index + 1 :]}").content.decode()
    assert "ASLI DAN BERLAKU" not in body and "TIDAK DIKENAL" in body


@pytest.fixture
def issue_once(issue, settings):
    settings.VERIFY_RATE_LIMIT_PER_MINUTE = 0
    return issue()
