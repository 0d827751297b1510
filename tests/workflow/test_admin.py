"""The staff queue in the admin: filters, search, overdue, review page, actions, query counts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from requests_app.models import Application, ApplicationTransition, Attachment, Service
from requests_app.models import ApplicationState as S
from requests_app.workflow import new_tracking_number
from tests.factories import PersonFactory
from tests.workflow.conftest import attach

CHANGELIST = reverse("admin:requests_app_application_changelist")


def bulk_applications(applicant, count: int, *, overdue: bool = False) -> list[Application]:
    service = Service.objects.get(code="KTP_BARU")
    now = timezone.now()
    persons = [PersonFactory() for _ in range(count)]
    return Application.objects.bulk_create(
        [
            Application(
                tracking_number=new_tracking_number(),
                service=service,
                applicant=applicant,
                subject=person,
                family=person.family,
                kelurahan_id=person.family.kelurahan_id,
                state=S.SUBMITTED,
                event_data={"person_id": person.pk},
                submitted_at=now,
                due_at=now - dt.timedelta(days=2) if overdue else now + dt.timedelta(days=1),
            )
            for person in persons
        ]
    )


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_changelist_query_count_does_not_grow_with_rows(client, actors):
    client.force_login(actors["petugas"])
    bulk_applications(actors["operator"], 5)
    queries_for(client, CHANGELIST)  # warm up: the first request of a session also reads it
    few = queries_for(client, CHANGELIST)
    bulk_applications(actors["operator"], 45, overdue=True)
    many = queries_for(client, CHANGELIST)
    assert Application.objects.count() == 50
    print(f"changelist queries: {few} for 5 rows, {many} for 50 rows")
    assert many == few, f"{few} queries for 5 rows, {many} for 50"


def test_detail_query_count_does_not_grow_with_attachments_and_timeline(client, actors, make_application):
    client.force_login(actors["petugas"])
    application = make_application("KTP_BARU", actors["citizen"], {"person_id": actors["home"]["head"].pk})
    url = reverse("admin:requests_app_application_change", args=[application.pk])

    def add(n):
        for index in range(n):
            Attachment.objects.create(
                application=application,
                requirement_index=0,
                requirement_label="KK",
                file=SimpleUploadedFile(f"kk{index}.png", b"\x89PNG\r\n\x1a\n" + b"0" * 20),
                content_type="image/png",
                size=28,
                sha256=f"{index:064d}",
                uploaded_by=actors["citizen"],
            )
            ApplicationTransition.objects.create(
                application=application, actor=actors["petugas"], from_state=S.SUBMITTED, to_state=S.SUBMITTED
            )

    add(1)
    queries_for(client, url)  # warm up: the first request of a session also reads it
    few = queries_for(client, url)
    add(12)
    many = queries_for(client, url)
    print(f"detail queries: {few} with 1 attachment, {many} with 13 attachments and 13 more transitions")
    assert many == few, f"{few} queries with 1 attachment, {many} with 13"


def test_overdue_highlighted_and_filtered(client, actors):
    client.force_login(actors["petugas"])
    late = bulk_applications(actors["operator"], 1, overdue=True)[0]
    on_time = bulk_applications(actors["operator"], 1)[0]
    page = client.get(CHANGELIST).content.decode()
    assert "terlambat" in page
    page = client.get(CHANGELIST + "?tenggat=lewat").content.decode()
    assert late.tracking_number in page and on_time.tracking_number not in page


def test_search_by_nik_name_tracking_and_filter_by_kecamatan(client, actors):
    client.force_login(actors["petugas"])
    first, second = bulk_applications(actors["operator"], 2)
    for term in (first.subject.nik, first.tracking_number, first.subject.full_name):
        page = client.get(CHANGELIST, {"q": term}).content.decode()
        assert first.tracking_number in page and second.tracking_number not in page
    page = client.get(CHANGELIST, {"kecamatan": "75.71.02"}).content.decode()
    assert first.tracking_number not in page  # all of them live in kecamatan 75.71.01
    page = client.get(CHANGELIST, {"kecamatan": "75.71.01", "service__bidang__exact": "DAFDUK"}).content.decode()
    assert first.tracking_number in page


def test_review_page_shows_plan_and_actions_work(client, actors, make_application):
    client.force_login(actors["petugas"])
    wife = actors["home"]["wife"]
    data = {"deceased_id": wife.pk, "death_date": "2026-11-01", "death_place": "GORONTALO", "cause": "SAKIT"}
    application = make_application("AKTA_KEMATIAN", actors["citizen"], data)
    page = client.get(reverse("admin:requests_app_application_change", args=[application.pk])).content.decode()
    assert f"Kutipan Akta Kematian untuk {wife.full_name}" in page
    assert wife.nik in page and "Setujui" in page
    client.post(reverse("admin:requests_app_application_take", args=[application.pk]))
    application.refresh_from_db()
    assert application.state == S.IN_REVIEW and application.assigned_to == actors["petugas"]
    assert application.tracking_number in client.get(CHANGELIST, {"pemeriksa": "saya"}).content.decode()
    client.force_login(actors["kabid"])
    assert application.tracking_number not in client.get(CHANGELIST, {"pemeriksa": "saya"}).content.decode()
    client.force_login(actors["petugas"])
    client.post(reverse("admin:requests_app_application_approve", args=[application.pk]))
    application.refresh_from_db()
    assert application.state == S.APPROVED and application.jobs.count() == 3
    page = client.get(reverse("admin:requests_app_application_change", args=[application.pk])).content.decode()
    assert "Dokumen yang dibuat" in page and "Kutipan Akta Kematian" in page
    # The register changes of this approval, linked to the record's history.
    assert reverse("admin:registry_person_history", args=[wife.pk]) in page


def test_audit_per_user(client, actors, make_application, approve):
    wife = actors["home"]["wife"]
    data = {"deceased_id": wife.pk, "death_date": "2026-11-01", "death_place": "GORONTALO", "cause": "SAKIT"}
    application = approve(make_application("AKTA_KEMATIAN", actors["citizen"], data))
    client.force_login(actors["kadis"])
    petugas = actors["petugas"].pk
    page = client.get(
        reverse("admin:requests_app_applicationtransition_changelist"), {"actor__id__exact": petugas}
    ).content.decode()
    assert application.tracking_number in page
    page = client.get(
        reverse("admin:registry_historicalperson_changelist"), {"history_user__id__exact": petugas}
    ).content.decode()
    assert wife.nik in page and application.tracking_number in page
    page = client.get(
        reverse("admin:registry_historicalperson_changelist"), {"history_user__id__exact": actors["kabid"].pk}
    ).content.decode()
    assert wife.nik not in page


def test_return_and_reject_forms(client, actors, make_application):
    client.force_login(actors["petugas"])
    home = actors["home"]
    first = make_application("KIA", actors["citizen"], {"person_id": home["child0"].pk})
    url = reverse("admin:requests_app_application_return", args=[first.pk])
    assert "Surat keterangan" not in client.get(url).content.decode()  # KIA requirements listed instead
    client.post(url, {"reason_1": "KK buram", "reason": ""})
    first.refresh_from_db()
    assert first.state == S.RETURNED
    assert first.transitions.get(to_state=S.RETURNED).details["items"][0]["requirement_index"] == 1
    second = make_application("KTP_BARU", actors["citizen"], {"person_id": home["head"].pk})
    url = reverse("admin:requests_app_application_reject", args=[second.pk])
    client.post(url, {"reason": ""})
    second.refresh_from_db()
    assert second.state == S.SUBMITTED  # no reason, no rejection
    client.post(url, {"reason": "Sudah memiliki KTP-el yang berlaku"})
    second.refresh_from_db()
    assert second.state == S.REJECTED


def test_kadis_sees_but_cannot_approve(client, actors, make_application):
    client.force_login(actors["kadis"])
    application = make_application("KTP_BARU", actors["citizen"], {"person_id": actors["home"]["head"].pk})
    page = client.get(reverse("admin:requests_app_application_change", args=[application.pk])).content.decode()
    assert application.tracking_number in page and "Setujui</button>" not in page
    for form in ("requests_app_application_return", "requests_app_application_reject"):
        assert client.get(reverse(f"admin:{form}", args=[application.pk])).status_code == 403
    client.post(reverse("admin:requests_app_application_approve", args=[application.pk]))
    application.refresh_from_db()
    assert application.state == S.SUBMITTED


@pytest.mark.parametrize("who", ["operator", "citizen"])
def test_non_staff_never_reach_the_queue_or_files(client, actors, who, make_application):
    application = make_application("KTP_BARU", actors["citizen"], {"person_id": actors["home"]["head"].pk})
    attachment = attach(application, actors["citizen"], body=b"rahasia")
    client.force_login(actors[who])
    assert client.get(CHANGELIST).status_code == 302
    url = reverse("admin:requests_app_application_attachment", args=[application.pk, attachment.pk])
    response = client.get(url)
    assert response.status_code == 302 and b"rahasia" not in b"".join(getattr(response, "streaming_content", []))
    client.force_login(actors["petugas"])
    response = client.get(url)
    assert response.status_code == 200 and b"rahasia" in b"".join(response.streaming_content)
    assert response["Content-Type"] == "image/png"


def test_bulk_approve_action_only_for_kabid(client, actors, make_application):
    home = actors["home"]
    application = make_application("KIA", actors["citizen"], {"person_id": home["child0"].pk})
    data = {"action": "bulk_approve_selected", "_selected_action": [application.pk]}
    client.force_login(actors["petugas"])
    assert "bulk_approve_selected" not in client.get(CHANGELIST).content.decode()
    client.post(CHANGELIST, data)
    application.refresh_from_db()
    assert application.state == S.SUBMITTED
    client.force_login(actors["kabid"])
    client.post(CHANGELIST, data)
    application.refresh_from_db()
    assert application.state == S.APPROVED


def test_queue_leaves_out_drafts_and_drafts_cancelled_before_submission(client, actors, make_application):
    """A citizen's unsubmitted draft is theirs, not the office's: not listed (nor sorted to the
    top for having no deadline), not reachable, not in the state filter, not bulk-approvable."""
    from requests_app import services

    home = actors["home"]
    draft = make_application("KIA", actors["citizen"], {"person_id": home["child0"].pk}, submit=False)
    dropped = make_application("KTP_BARU", actors["citizen"], {"person_id": home["head"].pk}, submit=False)
    services.application_cancel(application=dropped, actor=actors["citizen"])
    waiting = bulk_applications(actors["operator"], 1)[0]
    withdrawn = bulk_applications(actors["operator"], 1)[0]
    Application.objects.filter(pk=withdrawn.pk).update(state=S.CANCELLED)  # cancelled after submission
    for who in ("petugas", "kabid", "piak", "kadis"):
        client.force_login(actors[who])
        response = client.get(CHANGELIST)
        listed = [row.tracking_number for row in response.context["cl"].result_list]
        assert listed[0] == waiting.tracking_number, who
        assert set(listed) == {waiting.tracking_number, withdrawn.tracking_number}, who
        page = response.content.decode()
        assert "?state__exact=DRAFT" not in page and "?state__exact=SUBMITTED" in page, who
        assert client.get(CHANGELIST, {"state__exact": "DRAFT"}).context["cl"].result_count == 0, who
        assert client.get(CHANGELIST, {"o": "-8.1"}).status_code == 200, who  # sorting by a column still works
        change = client.get(reverse("admin:requests_app_application_change", args=[draft.pk]))
        assert change.status_code == 302, who  # "does not exist", back to the queue
    client.force_login(actors["kabid"])
    client.post(CHANGELIST, {"action": "bulk_approve_selected", "_selected_action": [draft.pk, waiting.pk]})
    draft.refresh_from_db()
    waiting.refresh_from_db()
    assert draft.state == S.DRAFT and waiting.state == S.APPROVED


def test_queue_review_page_and_audit_trail_speak_indonesian(client, actors, make_application):
    wife = actors["home"]["wife"]
    data = {"deceased_id": wife.pk, "death_date": "2026-11-01", "death_place": "GORONTALO", "cause": "SAKIT"}
    application = make_application("AKTA_KEMATIAN", actors["citizen"], data)
    client.force_login(actors["petugas"])
    client.post(reverse("admin:requests_app_application_take", args=[application.pk]))
    pages = "".join(
        client.get(url).content.decode()
        for url in (
            CHANGELIST,
            reverse("admin:requests_app_application_change", args=[application.pk]),
            reverse("admin:requests_app_applicationtransition_changelist"),
        )
    )
    english = ("Assigned to", "Applicant", "Service:", "Berdasarkan service", "Requirement index", "Uploaded at")
    assert [text for text in (*english, "From state", "To state", "Berdasarkan actor") if text in pages] == []
    assert "Pemeriksa" in pages and "Dari status" in pages


def test_staff_cannot_open_an_upload_of_an_unsubmitted_draft(client, actors, make_application):
    """A draft is the citizen's until submitted: its change page is not found, nor are its files."""
    from requests_app import services

    draft = make_application("KTP_BARU", actors["citizen"], {"person_id": actors["home"]["head"].pk}, submit=False)
    attachment = attach(draft, actors["citizen"], body=b"draf")
    url = reverse("admin:requests_app_application_attachment", args=[draft.pk, attachment.pk])
    client.force_login(actors["petugas"])
    assert client.get(url).status_code == 404
    services.application_submit(application=draft, actor=actors["citizen"])
    assert client.get(url).status_code == 200  # submitted: the office's to review


def test_review_page_names_accounts_without_links_staff_cannot_open(client, actors, make_application):
    """The user admin is the superuser's: the applicant and reviewer are shown, not linked (a 403)."""
    application = make_application("KTP_BARU", actors["citizen"], {"person_id": actors["home"]["head"].pk})
    client.force_login(actors["petugas"])
    page = client.get(reverse("admin:requests_app_application_change", args=[application.pk])).content.decode()
    assert str(actors["citizen"]) in page
    assert "/admin/accounts/user/" not in page
