"""Resubmitting a returned application: only once every requirement staff named has a new file."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from requests_app import services
from requests_app.models import ApplicationState as S
from requests_app.uploads import attachment_store

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
KTP_REASON = "Unggah KTP-el almarhumah; foto sebelumnya buram."


def death(person):
    return {"deceased_id": person.pk, "death_date": "2026-11-01", "death_place": "GORONTALO", "cause": "SAKIT"}


def upload(application, index, content=PDF):
    return attachment_store(
        application=application,
        requirement_index=index,
        content=content,
        content_type="application/pdf",
        original_name="berkas.pdf",
        uploaded_by=application.applicant,
    )


@pytest.fixture
def returned(actors, make_application):
    """A death registration with a blurry KTP-el (item 3), returned by the petugas for that item."""
    application = make_application("AKTA_KEMATIAN", actors["citizen"], death(actors["home"]["wife"]), submit=False)
    upload(application, 0)
    upload(application, 2, PDF + b"buram")
    services.application_submit(application=application, actor=actors["citizen"])
    services.application_return_(
        application=application,
        actor=actors["petugas"],
        reason="Berkas kurang jelas",
        items=[{"requirement_index": 2, "reason": KTP_REASON}],
    )
    application.refresh_from_db()
    return application


def resubmit_refused(application, actor) -> str:
    transitions = application.transitions.count()
    attachments = application.attachments.count()
    with pytest.raises(ValidationError) as refused:
        services.application_resubmit(application=application, actor=actor)
    application.refresh_from_db()
    assert application.state == S.RETURNED
    assert application.transitions.count() == transitions and application.attachments.count() == attachments
    return " ".join(refused.value.messages)


def test_resubmit_without_uploading_what_staff_asked_for_is_refused(actors, returned):
    message = resubmit_refused(returned, actors["citizen"])
    assert "3. KTP-el almarhum/almarhumah (bila ada)" in message
    assert "Surat keterangan kematian" not in message  # not asked for, not listed


def test_the_same_file_again_is_not_a_fix(actors, returned):
    upload(returned, 2, PDF + b"buram")
    assert "3. KTP-el" in resubmit_refused(returned, actors["citizen"])


def test_a_new_file_for_every_named_requirement_lets_it_go_back(actors, returned):
    upload(returned, 0, PDF + b"lain")  # not what was asked for: does not count
    resubmit_refused(returned, actors["citizen"])
    upload(returned, 2, PDF + b"jelas")
    services.application_resubmit(application=returned, actor=actors["citizen"])
    returned.refresh_from_db()
    assert returned.state == S.SUBMITTED


def test_every_missing_requirement_is_listed(actors, make_application):
    application = make_application("AKTA_KEMATIAN", actors["citizen"], death(actors["home"]["wife"]))
    services.application_return_(
        application=application,
        actor=actors["petugas"],
        items=[
            {"requirement_index": 1, "reason": "KK tidak terbaca"},
            {"requirement_index": 3, "reason": "Formulir belum ditandatangani"},
        ],
    )
    application.refresh_from_db()
    message = resubmit_refused(application, actors["citizen"])
    assert "2. KK almarhum/almarhumah" in message and "4. Formulir F-2.01" in message
    upload(application, 1)
    message = resubmit_refused(application, actors["citizen"])
    assert "2. KK" not in message and "4. Formulir F-2.01" in message


def test_uploads_before_a_second_return_do_not_answer_it(actors, returned):
    upload(returned, 2, PDF + b"jelas")
    services.application_resubmit(application=returned, actor=actors["citizen"])
    services.application_return_(
        application=returned, actor=actors["petugas"], items=[{"requirement_index": 2, "reason": "Masih buram"}]
    )
    returned.refresh_from_db()
    assert "3. KTP-el" in resubmit_refused(returned, actors["citizen"])


def test_a_return_with_only_a_general_reason_needs_no_upload(actors, make_application):
    application = make_application("AKTA_KEMATIAN", actors["citizen"], death(actors["home"]["wife"]))
    services.application_return_(application=application, actor=actors["petugas"], reason="Periksa tanggal kematian")
    application.refresh_from_db()
    services.application_resubmit(application=application, actor=actors["citizen"])
    application.refresh_from_db()
    assert application.state == S.SUBMITTED
