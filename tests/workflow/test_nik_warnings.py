"""A data change that leaves the NIK encoding another birth date or sex: warned before, never refused.

The NIK is permanent (register.md), so the change goes through; the applicant sees the warning
before submitting, the reviewer on the review page, and the approval records it.
"""

from __future__ import annotations

from django.urls import reverse

from registry.models import Person
from requests_app.models import Application

NIK_DATE_WARNING = "Tanggal lahir baru (03-05-1984) berbeda dengan tanggal lahir pada NIK"


def test_birth_date_the_nik_does_not_encode_is_warned_not_refused(client, actors, make_application, approve):
    from requests_app import services

    wife = actors["home"]["wife"]
    data = {"person_id": wife.pk, "changes": {"birth_date": "1984-05-03"}, "reason": "salah tulis"}
    draft = make_application("KK_PERUBAHAN", actors["citizen"], data, submit=False)
    warnings = services.application_check(application=draft).warnings
    assert len(warnings) == 1 and NIK_DATE_WARNING in warnings[0] and wife.nik in warnings[0]

    client.force_login(actors["citizen"])
    body = client.get(reverse("requests_app:application_detail", args=[draft.tracking_number])).content.decode()
    assert "alert-warning" in body and NIK_DATE_WARNING in body
    # Dates read as people write them, in the event rows and in the register change.
    assert "3 Mei 1984" in body and f"Data {wife.full_name} diubah: tanggal lahir = 3 Mei 1984" in body
    assert "1984-05-03" not in body

    application = services.application_submit(application=draft, actor=actors["citizen"])
    client.force_login(actors["petugas"])
    page = client.get(reverse("admin:requests_app_application_change", args=[application.pk])).content.decode()
    assert NIK_DATE_WARNING in page

    approved = approve(application)
    assert str(Person.objects.get(pk=wife.pk).birth_date) == "1984-05-03"
    assert Person.objects.get(pk=wife.pk).nik == wife.nik  # a NIK is permanent
    details = approved.transitions.get(to_state="APPROVED").details
    assert NIK_DATE_WARNING in details["warnings"][0]


def test_changes_the_nik_agrees_with_warn_nothing(client, actors, make_application):
    from requests_app import services

    wife = actors["home"]["wife"]
    for changes in ({"occupation": "GURU"}, {"birth_date": "1984-05-02", "occupation": "GURU"}):
        data = {"person_id": wife.pk, "changes": changes, "reason": "perubahan"}
        draft = make_application("KK_PERUBAHAN", actors["citizen"], data, submit=False)
        assert services.application_check(application=draft).warnings == []
        client.force_login(actors["citizen"])
        body = client.get(reverse("requests_app:application_detail", args=[draft.tracking_number])).content.decode()
        assert "alert-warning" not in body
        Application.objects.filter(pk=draft.pk).delete()


def test_sex_change_against_the_nik_is_warned(actors, make_application):
    from requests_app import services

    head = actors["home"]["head"]
    data = {"person_id": head.pk, "changes": {"sex": "PEREMPUAN"}, "reason": "putusan pengadilan"}
    draft = make_application("KK_PERUBAHAN", actors["citizen"], data, submit=False)
    warnings = services.application_check(application=draft).warnings
    expected = f"Jenis kelamin baru (Perempuan) berbeda dengan jenis kelamin pada NIK {head.nik} (Laki-laki)."
    assert warnings == [expected + " NIK tidak berubah."]


def test_bulk_approval_leaves_an_application_with_a_warning_for_one_by_one_review(actors, make_application, approve):
    from requests_app import services
    from requests_app.models import ApplicationState

    wife, head = actors["home"]["wife"], actors["home"]["head"]
    warned = make_application(
        "KK_PERUBAHAN",
        actors["citizen"],
        {"person_id": wife.pk, "changes": {"birth_date": "1984-05-03"}, "reason": "x"},
    )
    plain = make_application(
        "KK_PERUBAHAN", actors["citizen"], {"person_id": head.pk, "changes": {"occupation": "GURU"}, "reason": "y"}
    )
    result = services.applications_bulk_approve(applications=[warned, plain], actor=actors["kabid"])
    assert result.approved == [plain.tracking_number]
    assert "satu per satu" in result.failed[warned.tracking_number]
    assert NIK_DATE_WARNING in result.failed[warned.tracking_number]
    warned.refresh_from_db()
    assert warned.state == ApplicationState.SUBMITTED and str(Person.objects.get(pk=wife.pk).birth_date) == "1984-05-02"
    assert approve(warned).state == ApplicationState.APPROVED  # one by one, knowingly
