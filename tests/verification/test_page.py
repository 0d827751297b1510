import datetime as dt

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from documents.models import IssuedDocument
from documents.revocation import document_revoke
from verification.models import DocumentRevocation, SigningKey
from verification.tokens import record_digest

pytestmark = pytest.mark.django_db


def page(client, token, *, lower=False):
    path = f"/v/{token.lower()}" if lower else f"/V/{token}"
    return client.get(path)


def test_genuine_current_document_reads_asli_dan_berlaku_and_shows_only_paper_fields(client, issue):
    document, token = issue(doc_type="KK", name="SITI AMINAH BINTI HASAN", nik="7571014506900003")
    response = page(client, token)
    body = response.content.decode()
    assert response.status_code == 200
    assert "ASLI DAN BERLAKU" in body
    assert "SITI AMINAH BINTI HASAN" in body
    assert "7571••••••••0003" in body
    assert "7571014506900003" not in body  # never the full NIK
    assert "JL. UJI NO. 1" not in body  # never the address
    assert document.number in body
    assert "Kartu Keluarga" in body
    assert response["Referrer-Policy"] == "no-referrer"
    assert "<script" not in body and "http://" not in body.replace("http://www.w3.org", "")
    assert 'src="http' not in body and 'href="http' not in body


def test_the_verdict_page_is_one_small_response(client, issue):
    """Light for a cheap phone on a slow link: one response of under 2 KB, no styles for the
    forms it does not have, no whitespace runs between tags."""
    _document, token = issue(name="SITI AMINAH BINTI HASAN", nik="7571014506900003")
    body = page(client, token).content
    assert len(body) < 2048
    assert b"button{" not in body and b"textarea" not in body
    assert b">\n" not in body.split(b"</style>")[1].rstrip()
    home = client.get("/verifikasi/").content
    assert b"button{" in home  # the form page keeps its own


def test_lowercase_path_works_too(client, issue):
    _document, token = issue()
    assert "ASLI DAN BERLAKU" in page(client, token, lower=True).content.decode()


def test_superseded_document_reads_tidak_berlaku_lagi_with_date(client, issue):
    old, old_token = issue(doc_type="KK", number="7571010103150001", version=1)
    later = timezone.now() + dt.timedelta(days=3)
    issue(doc_type="KK", number="7571010103150001", version=2, issued_at=later)
    body = page(client, old_token).content.decode()
    assert "TIDAK BERLAKU LAGI" in body
    assert "versi 2" in body
    assert f"{timezone.localtime(later).day} " in body


def test_revoked_document_reads_tidak_berlaku_lagi_with_reason(client, issue, actors):
    document, token = issue()
    document_revoke(document=document, reason="Diterbitkan karena kesalahan data", actor=actors["piak"])
    body = page(client, token).content.decode()
    assert "TIDAK BERLAKU LAGI" in body and "Diterbitkan karena kesalahan data" in body
    assert DocumentRevocation.objects.get(document=document).revoked_by == actors["piak"]


def test_only_piak_may_revoke_and_a_reason_is_required(issue, actors):
    from django.core.exceptions import PermissionDenied, ValidationError

    document, _token = issue()
    with pytest.raises(PermissionDenied):
        document_revoke(document=document, reason="alasan yang cukup", actor=actors["petugas"])
    with pytest.raises(ValidationError):
        document_revoke(document=document, reason=" ", actor=actors["piak"])
    document.refresh_from_db()
    assert document.state == "VALID"


def test_changed_character_reads_tidak_dikenal(client, issue):
    _document, token = issue()
    index = len(token) // 3
    forged = token[:index] + ("Q" if token[index] != "Q" else "R") + token[index + 1 :]
    body = page(client, forged).content.decode()
    assert "TIDAK DIKENAL" in body and "SITI AMINAH" not in body


def test_validly_signed_but_never_issued_reads_tidak_dikenal(client, issue):
    document, token = issue()
    IssuedDocument.objects.filter(pk=document.pk).update(snapshot={"subject": {"name": "ORANG LAIN", "nik": ""}})
    assert "TIDAK DIKENAL" in page(client, token).content.decode()


def test_a_token_signed_over_another_record_reads_tidak_dikenal(client, issue):
    """Same number, version, name and NIK, but the row's stored digest is of other data."""
    document, token = issue()
    other = {**document.snapshot, "address": "JL. LAIN NO. 2"}
    IssuedDocument.objects.filter(pk=document.pk).update(record_digest=record_digest(other))
    assert "TIDAK DIKENAL" in page(client, token).content.decode()


def test_key_revocation_affects_documents_signed_after_it_only(client, issue):
    before, before_token = issue(issued_at=timezone.now() - dt.timedelta(days=2))
    after, after_token = issue(issued_at=timezone.now() + dt.timedelta(minutes=5))
    kid = SigningKey.objects.get(is_active=True).kid
    # Revoked an hour ago, i.e. after "before" was issued and before "after".
    from verification.keys import signing_key_revoke

    signing_key_revoke(kid=kid, reason="kunci bocor", at=timezone.now() - dt.timedelta(hours=1))
    assert "ASLI DAN BERLAKU" in page(client, before_token).content.decode()
    body = page(client, after_token).content.decode()
    assert "TIDAK BERLAKU LAGI" in body and "kunci bocor" in body


def test_rotation_keeps_old_documents_valid_and_new_ones_use_the_new_key(client, issue):
    old, old_token = issue()
    call_command("signing_key", "rotate")
    new, new_token = issue()
    assert old.key_id != new.key_id
    assert "ASLI DAN BERLAKU" in page(client, old_token).content.decode()
    assert "ASLI DAN BERLAKU" in page(client, new_token).content.decode()


def test_each_scan_is_counted_and_nothing_else_is_stored(client, issue):
    document, token = issue()
    for _ in range(3):
        page(client, token)
    document.refresh_from_db()
    assert document.scan_count == 3


def test_scans_are_buffered_and_flushed_in_one_update(client, issue, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from documents.scans import document_scans_flush

    document, token = issue()
    settings.VERIFY_SCAN_FLUSH_SECONDS = 3600  # the background flusher sleeps through the test
    for _ in range(5):
        page(client, token)
    document.refresh_from_db()
    assert document.scan_count == 0  # nothing written in the request
    with CaptureQueriesContext(connection) as captured:
        document_scans_flush()
    writes = [q["sql"] for q in captured.captured_queries if q["sql"].startswith(("INSERT", "UPDATE"))]
    assert len(writes) == 1
    # The narrow count row is written; the issued row (with its snapshot) is not rewritten.
    assert writes[0].startswith('INSERT INTO "documents_documentscancount"')
    document.refresh_from_db()
    assert document.scan_count == 5


def test_a_flush_of_many_documents_is_one_commit_and_skips_unknown_ids(issue, settings):
    from documents import scans
    from documents.models import DocumentScanCount

    settings.VERIFY_SCAN_FLUSH_SECONDS = 3600
    first, _ = issue()
    second, _ = issue()
    missing = second.pk + 10_000  # e.g. a document deleted between the scan and the flush
    with scans._pending_lock:
        scans._pending.update({first.pk: 2, second.pk: 1, missing: 4})
    scans.document_scans_flush()
    assert not scans._pending  # nothing kept back for a retry that would fail forever
    assert dict(DocumentScanCount.objects.values_list("document_id", "total")) == {first.pk: 2, second.pk: 1}
    # Over the statement's batch size: several upserts, added to the totals already there.
    ids = [first.pk] * (scans.UPSERT_BATCH + 5)
    fake = range(missing, missing + scans.UPSERT_BATCH + 5)
    with scans._pending_lock:
        scans._pending.update(ids)
        scans._pending.update(fake)
    scans.document_scans_flush()
    assert DocumentScanCount.objects.get(document=first).total == 2 + scans.UPSERT_BATCH + 5
    assert DocumentScanCount.objects.count() == 2


def test_verify_page_queries_are_bounded(client, issue, settings, django_assert_num_queries):
    _document, token = issue()
    settings.VERIFY_SCAN_FLUSH_SECONDS = 3600  # scan counts are written apart (tested above)
    # First sight in this process: the key row, then the document (its state and fingerprint).
    with django_assert_num_queries(2):
        page(client, token)
    # Then only the document: the key row is cached.
    with django_assert_num_queries(1):
        page(client, token)


def test_rate_limit_answers_429_in_indonesian(client, issue, settings):
    from django.core.cache import cache

    cache.clear()
    settings.VERIFY_RATE_LIMIT_PER_MINUTE = 2
    _document, token = issue()
    assert page(client, token).status_code == 200
    assert page(client, token).status_code == 200
    response = page(client, token)
    assert response.status_code == 429
    assert "Terlalu banyak pemeriksaan" in response.content.decode()
    assert response["Retry-After"] == "60"
    cache.clear()


def test_jwks_lists_every_key_with_status_cors_and_cache(client, issue):
    issue()
    call_command("signing_key", "rotate")
    old = SigningKey.objects.get(is_active=False)
    from verification.keys import signing_key_revoke

    signing_key_revoke(kid=old.kid, reason="uji")
    response = client.get("/.well-known/jwks.json")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "max-age" in response["Cache-Control"]
    keys = {key["kid"]: key for key in response.json()["keys"]}
    assert set(keys) == set(SigningKey.objects.values_list("kid", flat=True))
    assert keys[old.kid]["status"] == "REVOKED" and keys[old.kid]["revoked_at"]
    for key in keys.values():
        assert key["alg"] == "ES256" and key["crv"] == "P-256" and key["kty"] == "EC"
        assert key["x"] and key["y"] and key["valid_from"]
        assert "d" not in key  # never a private component


def test_status_list_names_superseded_and_revoked_documents(client, issue, actors):
    v1, _t1 = issue(number="7571010103150009", version=1)
    issue(number="7571010103150009", version=2)
    other, _t = issue()
    document_revoke(document=other, reason="salah cetak data", actor=actors["piak"])
    response = client.get(reverse("verification:status_list", args=[v1.key_id]))
    data = response.json()
    assert response["Access-Control-Allow-Origin"] == "*"
    ids = {entry["id"]: entry["state"] for entry in data["documents"]}
    assert ids == {"KK:7571010103150009:1": "SUPERSEDED", f"KK:{other.number}:1": "REVOKED"}
    assert client.get("/.well-known/crl/0000000000000000.json").status_code == 404


def test_healthz(client):
    assert client.get("/healthz").content == b"ok"


def test_verify_home_accepts_pasted_url(client, issue):
    _document, token = issue()
    response = client.post("/verifikasi/", {"kode": f"HTTPS://EXAMPLE.ORG/V/{token}"})
    assert "ASLI DAN BERLAKU" in response.content.decode()


def test_verify_home_refuses_oversized_uploads(client, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.UPLOAD_MAX_BYTES = 1024
    response = client.post("/verifikasi/", {"berkas": SimpleUploadedFile("x.pdf", b"%PDF" + b"0" * 2048)})
    assert response.status_code == 400 and "terlalu besar" in response.content.decode()


def test_verify_home_says_no_qr_for_a_file_without_one(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post("/verifikasi/", {"berkas": SimpleUploadedFile("x.pdf", b"bukan pdf")})
    assert "KODE QR TIDAK DITEMUKAN" in response.content.decode()
