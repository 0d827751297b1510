"""Pencatatan kelahiran terlambat: a resident already in the KK whose birth was never registered."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from documents.models import DocumentJob
from registry.models import Person
from requests_app.models import Application, ApplicationState
from requests_app.rules import plan_application
from requests_app.services import application_approve, application_submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def child_without_akta(actors):
    child = actors["home"]["child0"]
    child.akta_kelahiran_number = ""
    child.save(update_fields=["akta_kelahiran_number"])
    return child


def start(client, person):
    url = reverse("requests_app:application_start", args=["akta_kelahiran"]) + f"?orang={person.pk}"
    return client.post(url, {"person": person.pk})


def test_late_registration_yields_only_the_akta_and_changes_nothing(
    client, actors, child_without_akta, django_capture_on_commit_callbacks
):
    client.force_login(actors["citizen"])
    assert start(client, child_without_akta).status_code == 302
    application = Application.objects.get()
    assert application.event_data == {"person_id": child_without_akta.pk}
    assert application.subject == child_without_akta

    plan = plan_application(application)
    assert plan.changes == []
    assert [(job.doc_type, job.subject_id) for job in plan.jobs] == [("AKTA_KELAHIRAN", child_without_akta.pk)]
    assert "Akta Kelahiran" in plan.jobs[0].describe()

    persons_before = Person.objects.count()
    application_submit(application=application, actor=actors["citizen"])
    with django_capture_on_commit_callbacks(execute=False):
        application_approve(application=application, actor=actors["petugas"])
    application.refresh_from_db()
    assert application.state == ApplicationState.APPROVED
    assert Person.objects.count() == persons_before
    assert list(DocumentJob.objects.values_list("doc_type", "subject_id")) == [
        ("AKTA_KELAHIRAN", child_without_akta.pk)
    ]


def test_a_member_who_already_has_an_akta_is_refused(client, actors):
    child = actors["home"]["child0"]
    child.akta_kelahiran_number = "7571-LT-01012020-0001"
    child.save(update_fields=["akta_kelahiran_number"])
    client.force_login(actors["citizen"])
    response = start(client, child)
    assert response.status_code == 200
    assert "sudah memiliki akta kelahiran" in response.content.decode()
    assert not Application.objects.exists()


def test_a_second_open_late_registration_for_the_same_person_is_refused(client, actors, child_without_akta):
    client.force_login(actors["citizen"])
    start(client, child_without_akta)
    start(client, child_without_akta)
    first, second = Application.objects.order_by("pk")
    application_submit(application=first, actor=actors["citizen"])
    with pytest.raises(ValidationError):
        application_submit(application=second, actor=actors["citizen"])


def test_another_familys_member_cannot_be_named(client, actors):
    outsider = actors["away"]["head"]
    client.force_login(actors["citizen"])
    response = start(client, outsider)
    assert response.status_code == 200
    assert not Application.objects.exists()


def test_the_edit_view_keeps_the_late_registration_form(client, actors, child_without_akta):
    client.force_login(actors["citizen"])
    start(client, child_without_akta)
    application = Application.objects.get()
    form = client.get(reverse("requests_app:application_edit", args=[application.tracking_number])).context["form"]
    assert type(form).__name__ == "LateBirthForm"
    assert form.initial["person"] == child_without_akta.pk
