"""The review page, the status timeline and the history button speak to staff in their terms."""

from __future__ import annotations

from django.urls import reverse

from tests.workflow.conftest import attach


def test_review_page_numbers_requirements_from_one_and_names_event_persons(client, actors, make_application):
    head = actors["home"]["head"]
    application = make_application("KTP_BARU", actors["citizen"], {"person_id": head.pk})
    attach(application, actors["citizen"], label="Kartu Keluarga")
    client.force_login(actors["petugas"])
    page = client.get(reverse("admin:requests_app_application_change", args=[application.pk])).content.decode()
    assert "Berkas persyaratan" in page and "Attachments" not in page
    assert "Persyaratan 1: Kartu Keluarga" in page and f"{application.pk}/0" not in page
    assert "person_id" not in page
    assert "Anggota keluarga" in page and head.full_name in page


def test_transition_title_uses_state_labels_and_tracking_number(client, actors, make_application):
    application = make_application("KTP_BARU", actors["citizen"], {"person_id": actors["home"]["head"].pk})
    step = application.transitions.get(to_state="SUBMITTED")
    assert str(step) == f"{application.tracking_number}: Draf → Diajukan"
    client.force_login(actors["petugas"])
    page = client.get(reverse("admin:requests_app_applicationtransition_change", args=[step.pk])).content.decode()
    assert f"{application.tracking_number}: Draf → Diajukan" in page and "DRAFT →" not in page


def test_history_button_leads_to_the_status_timeline(client, actors, make_application):
    application = make_application("KTP_BARU", actors["citizen"], {"person_id": actors["home"]["head"].pk})
    other = make_application("KIA", actors["citizen"], {"person_id": actors["home"]["child0"].pk})
    url = reverse("admin:requests_app_application_history", args=[application.pk])
    for who in ("petugas", "kabid", "piak", "kadis"):
        client.force_login(actors[who])
        response = client.get(url, follow=True)
        assert response.redirect_chain, who
        assert response.request["PATH_INFO"] == reverse("admin:requests_app_applicationtransition_changelist"), who
        listed = {step.application_id for step in response.context["cl"].result_list}
        assert listed == {application.pk}, who
    assert other.pk not in listed


def test_history_without_timeline_permission_goes_back_to_the_review_page(client, actors, make_application):
    from django.contrib.auth.models import Permission

    application = make_application("KTP_BARU", actors["citizen"], {"person_id": actors["home"]["head"].pk})
    user = actors["petugas"]
    for group in user.groups.all():
        group.permissions.remove(Permission.objects.get(codename="view_applicationtransition"))
    client.force_login(user)
    response = client.get(reverse("admin:requests_app_application_history", args=[application.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:requests_app_application_change", args=[application.pk])


def test_return_details_number_requirements_from_one(client, actors, make_application):
    application = make_application("KIA", actors["citizen"], {"person_id": actors["home"]["child0"].pk})
    client.force_login(actors["petugas"])
    client.post(reverse("admin:requests_app_application_return", args=[application.pk]), {"reason_0": "KK buram"})
    step = application.transitions.get(to_state="RETURNED")
    assert step.details["items"][0]["requirement_index"] == 0  # stored as before
    page = client.get(reverse("admin:requests_app_applicationtransition_change", args=[step.pk])).content.decode()
    label = step.details["items"][0]["requirement"]
    assert f"Persyaratan 1: {label} — KK buram" in page and "requirement_index" not in page
