"""Citizen-facing services: draft, submit (validated against the register), resubmit, cancel."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from requests_app import services
from requests_app.models import ApplicationState as S
from requests_app.models import ApplicationTransition
from requests_app.uploads import attachment_store


def death(person, day="2026-11-01"):
    return {"deceased_id": person.pk, "death_date": day, "death_place": "GORONTALO", "cause": "SAKIT"}


def test_submit_death_of_own_family_member(actors, make_application, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        application = make_application("AKTA_KEMATIAN", actors["citizen"], death(actors["home"]["wife"]))
    assert application.state == S.SUBMITTED
    assert application.submitted_at is not None and application.due_at > application.submitted_at
    assert application.event_key == f"DEATH:{actors['home']['wife'].pk}"
    assert application.subject == actors["home"]["wife"]
    assert application.kelurahan_id == "75.71.01.1001"
    row = ApplicationTransition.objects.get(application=application)
    assert (row.from_state, row.to_state, row.actor) == (S.DRAFT, S.SUBMITTED, actors["citizen"])


def test_death_outside_own_family_is_refused(actors, make_application):
    with pytest.raises(ValidationError, match="bukan anggota keluarga Anda"):
        make_application("AKTA_KEMATIAN", actors["citizen"], death(actors["away"]["head"]))


def test_operator_may_report_death_in_own_area_only(actors, make_application):
    application = make_application("AKTA_KEMATIAN", actors["operator"], death(actors["home"]["wife"]))
    assert application.state == S.SUBMITTED and application.channel == "ASSISTED"
    with pytest.raises(ValidationError, match="bukan penduduk wilayah Anda"):
        make_application("AKTA_KEMATIAN", actors["operator"], death(actors["away"]["head"]))


def test_future_death_date_is_refused(actors, make_application):
    tomorrow = (dt.date.today() + dt.timedelta(days=2)).isoformat()
    with pytest.raises(ValidationError, match="tidak boleh di masa depan"):
        make_application("AKTA_KEMATIAN", actors["citizen"], death(actors["home"]["wife"], tomorrow))


def test_dead_person_cannot_die_again(actors, make_application):
    wife = actors["home"]["wife"]
    wife.status, wife.death_date = "MENINGGAL", dt.date(2020, 1, 1)
    wife.save()
    with pytest.raises(ValidationError, match="tidak tercatat sebagai penduduk yang masih hidup"):
        make_application("AKTA_KEMATIAN", actors["operator"], death(wife))


def test_second_open_application_for_same_event_is_refused(actors, make_application):
    first = make_application("AKTA_KEMATIAN", actors["citizen"], death(actors["home"]["wife"]))
    with pytest.raises(ValidationError, match=first.tracking_number):
        make_application("AKTA_KEMATIAN", actors["operator"], death(actors["home"]["wife"]))
    # Once the first is cancelled, the event can be filed again.
    services.application_cancel(application=first, actor=actors["citizen"], reason="salah isi")
    again = make_application("AKTA_KEMATIAN", actors["operator"], death(actors["home"]["wife"]))
    assert again.state == S.SUBMITTED


def test_only_the_applicant_submits_and_cancels(actors, make_application):
    draft = make_application("AKTA_KEMATIAN", actors["citizen"], death(actors["home"]["wife"]), submit=False)
    with pytest.raises(PermissionDenied):
        services.application_submit(application=draft, actor=actors["other_citizen"])
    with pytest.raises(PermissionDenied):
        services.application_cancel(application=draft, actor=actors["other_citizen"])
    assert draft.state == S.DRAFT


def test_draft_save_updates_and_resubmit_after_return(actors, make_application):
    citizen = actors["citizen"]
    draft = make_application("AKTA_KEMATIAN", citizen, death(actors["home"]["wife"], "2026-10-01"), submit=False)
    services.application_draft_save(
        applicant=citizen,
        service=draft.service,
        subject=None,
        family=None,
        event_data=death(actors["home"]["wife"], "2026-10-02"),
        application=draft,
    )
    draft.refresh_from_db()
    assert draft.event_data["death_date"] == "2026-10-02"
    services.application_submit(application=draft, actor=citizen)
    services.application_return_(
        application=draft, actor=actors["petugas"], items=[{"requirement_index": 0, "reason": "Surat buram"}]
    )
    draft.refresh_from_db()
    assert draft.state == S.RETURNED
    services.application_draft_save(
        applicant=citizen,
        service=draft.service,
        subject=None,
        family=None,
        event_data=death(actors["home"]["wife"], "2026-10-03"),
        application=draft,
    )
    attachment_store(  # the clear letter staff asked for (tests/workflow/test_resubmit.py)
        application=draft,
        requirement_index=0,
        content=b"%PDF-1.4\n%%EOF\n",
        content_type="application/pdf",
        original_name="surat.pdf",
        uploaded_by=citizen,
    )
    services.application_resubmit(application=draft, actor=citizen)
    draft.refresh_from_db()
    assert draft.state == S.SUBMITTED and draft.event_data["death_date"] == "2026-10-03"
    returned = draft.transitions.get(to_state=S.RETURNED)
    assert returned.details["items"][0]["reason"] == "Surat buram"


def test_submitted_application_cannot_be_edited(actors, make_application):
    application = make_application("AKTA_KEMATIAN", actors["citizen"], death(actors["home"]["wife"]))
    with pytest.raises(ValidationError):
        services.application_draft_save(
            applicant=actors["citizen"],
            service=application.service,
            subject=None,
            family=None,
            event_data={},
            application=application,
        )
