"""Staff services: approve is all-or-nothing; take, return, reject, bulk approve."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from documents.models import DocumentJob
from registry.choices import LifeStatus, MaritalStatus, Sex
from registry.identifiers import kk_prefix, nik_prefix
from registry.models import Person, Sequence
from requests_app import services
from requests_app.models import ApplicationState as S
from requests_app.workflow import IllegalTransition


def death(person):
    return {"deceased_id": person.pk, "death_date": "2026-11-01", "death_place": "GORONTALO", "cause": "SAKIT"}


def test_failure_half_way_leaves_nothing_applied(actors, make_application):
    """The KK numbers of the day run out after the death was already written: all rolled back."""
    home = actors["home"]
    application = make_application("AKTA_KEMATIAN", actors["citizen"], death(home["head"]))
    key = f"KK:{kk_prefix('757101', timezone.localdate())}"
    Sequence.objects.update_or_create(key=key, defaults={"last_value": 9999})
    history_rows = home["head"].history.count() + home["wife"].history.count()
    with pytest.raises(ValidationError, match="sudah habis"):
        services.application_approve(application=application, actor=actors["petugas"])
    head = Person.objects.get(pk=home["head"].pk)
    wife = Person.objects.get(pk=home["wife"].pk)
    assert head.status == LifeStatus.ALIVE and head.family_id is not None
    assert wife.marital_status == MaritalStatus.MARRIED
    assert head.history.count() + wife.history.count() == history_rows
    application.refresh_from_db()
    assert application.state == S.SUBMITTED and application.decided_at is None
    assert not DocumentJob.objects.filter(application=application).exists()
    assert not application.transitions.filter(to_state=S.APPROVED).exists()


def test_twins_second_nik_fails_first_child_not_created(actors, make_application):
    day = "2026-11-20"
    import datetime as dt

    prefix = nik_prefix("757101", dt.date(2026, 11, 20), Sex.MALE)
    data = {
        "children": [{"full_name": n, "sex": Sex.MALE, "birth_date": day, "birth_place": "GTO"} for n in "AB"],
        "mother_id": actors["home"]["wife"].pk,
    }
    application = make_application("AKTA_KELAHIRAN", actors["citizen"], data)
    Sequence.objects.update_or_create(key=f"NIK:{prefix}", defaults={"last_value": 9998})
    count = Person.objects.count()
    with pytest.raises(ValidationError):
        services.application_approve(application=application, actor=actors["petugas"])
    assert Person.objects.count() == count
    assert Sequence.objects.get(key=f"NIK:{prefix}").last_value == 9998
    assert not DocumentJob.objects.filter(application=application).exists()


def test_jobs_are_sent_after_commit_only(actors, make_application, django_capture_on_commit_callbacks):
    application = make_application("AKTA_KEMATIAN", actors["citizen"], death(actors["home"]["wife"]))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.application_approve(application=application, actor=actors["petugas"])
    assert callbacks  # dispatch is queued for after the commit, not run inside the transaction
    assert set(DocumentJob.objects.filter(application=application).values_list("state", flat=True)) == {"PENDING"}


def test_approve_twice_is_illegal(actors, make_application):
    application = make_application("AKTA_KEMATIAN", actors["citizen"], death(actors["home"]["wife"]))
    services.application_approve(application=application, actor=actors["petugas"])
    with pytest.raises(IllegalTransition):
        services.application_approve(application=application, actor=actors["kabid"])
    assert DocumentJob.objects.filter(application=application).count() == 3


def test_take_then_approve_records_timeline(actors, make_application):
    application = make_application("AKTA_KEMATIAN", actors["citizen"], death(actors["home"]["wife"]))
    services.application_take(application=application, actor=actors["petugas"])
    application.refresh_from_db()
    assert application.state == S.IN_REVIEW and application.assigned_to == actors["petugas"]
    services.application_approve(application=application, actor=actors["petugas"])
    steps = list(application.transitions.values_list("from_state", "to_state", "actor__username"))
    assert steps == [
        (S.DRAFT, S.SUBMITTED, "warga1"),
        (S.SUBMITTED, S.IN_REVIEW, "petugas1"),
        (S.IN_REVIEW, S.APPROVED, "petugas1"),
    ]
    approved = application.transitions.get(to_state=S.APPROVED)
    assert any("Kutipan Akta Kematian" in text for text in approved.details["jobs"])


def test_return_with_reasons_per_requirement_notifies(actors, make_application, django_capture_on_commit_callbacks):
    application = make_application("AKTA_KEMATIAN", actors["citizen"], death(actors["home"]["wife"]))
    with pytest.raises(ValidationError):
        services.application_return_(application=application, actor=actors["petugas"], items=[])
    with pytest.raises(ValidationError, match="tidak ada"):
        services.application_return_(
            application=application, actor=actors["petugas"], items=[{"requirement_index": 99, "reason": "x"}]
        )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.application_return_(
            application=application,
            actor=actors["petugas"],
            items=[{"requirement_index": 0, "reason": "Surat kematian tidak terbaca"}],
        )
    application.refresh_from_db()
    assert application.state == S.RETURNED
    details = application.transitions.get(to_state=S.RETURNED).details
    assert details["items"][0]["requirement"].startswith("Surat keterangan kematian")
    assert len(mail.outbox) == 1 and application.tracking_number in mail.outbox[0].body


def test_reject_requires_reason_and_notifies(actors, make_application, django_capture_on_commit_callbacks):
    application = make_application("AKTA_KEMATIAN", actors["citizen"], death(actors["home"]["wife"]))
    with pytest.raises(ValidationError):
        services.application_reject(application=application, actor=actors["petugas"], reason=" ")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.application_reject(application=application, actor=actors["petugas"], reason="Data palsu")
    application.refresh_from_db()
    assert application.state == S.REJECTED
    assert application.transitions.get(to_state=S.REJECTED).reason == "Data palsu"
    assert len(mail.outbox) == 1


def test_operator_and_kadis_cannot_approve(actors, make_application):
    application = make_application("AKTA_KEMATIAN", actors["citizen"], death(actors["home"]["wife"]))
    for who in ("operator", "kadis", "citizen", "piak"):
        with pytest.raises(PermissionDenied):
            services.application_approve(application=application, actor=actors[who])
    application.refresh_from_db()
    assert application.state == S.SUBMITTED


def test_bulk_approve_only_kabid_and_continues_past_failures(actors, make_application):
    home = actors["home"]
    ok = make_application("AKTA_KEMATIAN", actors["citizen"], death(home["wife"]))
    other = make_application("KIA", actors["citizen"], {"person_id": home["child0"].pk})
    stale = make_application("KTP_BARU", actors["citizen"], {"person_id": home["head"].pk})
    services.application_reject(application=stale, actor=actors["petugas"], reason="ganda")
    with pytest.raises(PermissionDenied):
        services.applications_bulk_approve(applications=[ok, other], actor=actors["petugas"])
    result = services.applications_bulk_approve(applications=[ok, stale, other], actor=actors["kabid"])
    assert result.approved == [ok.tracking_number, other.tracking_number]
    assert list(result.failed) == [stale.tracking_number]
    ok.refresh_from_db()
    assert ok.state == S.APPROVED and ok.transitions.get(to_state=S.APPROVED).details["bulk"] is True
