"""Pencatatan kelahiran terlambat: a resident already in the KK whose birth was never registered."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.urls import reverse

from documents.models import DocumentJob, IssuedDocument
from documents.tasks import documents_render
from registry.models import Person
from requests_app.models import Application, ApplicationState, Service
from requests_app.rules import plan_application
from requests_app.services import application_approve, application_draft_save, application_submit
from tests.documents.conftest import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def child_without_akta(actors):
    child = actors["home"]["child0"]
    child.akta_kelahiran_number = ""
    child.save(update_fields=["akta_kelahiran_number"])
    return child


def start(client, person, **names):
    """Submit the form as it comes pre-filled (the parents the register holds), or with ``names``."""
    url = reverse("requests_app:application_start", args=["akta_kelahiran"]) + f"?orang={person.pk}"
    data = {"person": person.pk, "mother_name": person.mother_name, "father_name": person.father_name}
    return client.post(url, {**data, **names})


def test_late_registration_yields_only_the_akta_and_changes_nothing(
    client, actors, child_without_akta, django_capture_on_commit_callbacks
):
    client.force_login(actors["citizen"])
    assert start(client, child_without_akta).status_code == 302
    application = Application.objects.get()
    assert application.event_data == {
        "person_id": child_without_akta.pk,
        "mother_name": child_without_akta.mother_name,
        "father_name": child_without_akta.father_name,
    }
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


# The akta names the mother: most residents without an akta have no parents in the register.


@pytest.fixture
def orphan_record(child_without_akta):
    """A resident without an akta whose register record names no parents (as most seeded ones)."""
    child_without_akta.mother_name = child_without_akta.father_name = ""
    child_without_akta.save(update_fields=["mother_name", "father_name"])
    return child_without_akta


def assisted_url(person) -> str:
    url = reverse("requests_app:application_start", args=["akta_kelahiran"])
    return f"{url}?orang={person.pk}&keluarga={person.family_id}"


def issue_akta(application, actors, django_capture_on_commit_callbacks) -> IssuedDocument:
    """Submit, approve as the petugas, and let the worker issue the batch the approval sent."""
    application_submit(application=application, actor=application.applicant)
    with django_capture_on_commit_callbacks(execute=False):
        application_approve(application=application, actor=actors["petugas"])
    documents_render(list(application.jobs.values_list("pk", flat=True)))
    return IssuedDocument.objects.get(job__application=application, doc_type="AKTA_KELAHIRAN")


def akta_text(document: IssuedDocument) -> str:
    with default_storage.open(document.file.name, "rb") as handle:
        return pdf_text(handle.read())


def test_the_form_comes_pre_filled_with_the_parents_the_register_holds(client, actors, child_without_akta):
    client.force_login(actors["operator"])
    form = client.get(assisted_url(child_without_akta)).context["form"]
    assert form.initial["mother_name"] == "IBU UJI" and form.initial["father_name"] == "AYAH UJI"
    assert form.fields["mother_name"].required and not form.fields["father_name"].required


def test_the_mothers_name_is_required_and_nothing_typed_is_lost(client, actors, orphan_record):
    client.force_login(actors["operator"])
    form = client.get(assisted_url(orphan_record)).context["form"]
    assert form.initial["mother_name"] == "" and form.initial["father_name"] == ""
    response = client.post(
        assisted_url(orphan_record),
        {"person": orphan_record.pk, "keluarga": orphan_record.family_id, "father_name": "Rahmat Hasan"},
    )
    assert response.status_code == 200
    assert not Application.objects.exists()
    body = response.content.decode()
    assert "Isi nama ibu kandung: akta kelahiran selalu menyebut ibu." in body
    assert 'value="Rahmat Hasan"' in body
    assert response.context["form"]["person"].value() == str(orphan_record.pk)


@pytest.mark.parametrize("name", ["SITI 4MINAH", "SITI@AMINAH", "..."])
def test_a_parents_name_must_be_letters(client, actors, orphan_record, name):
    client.force_login(actors["citizen"])
    response = start(client, orphan_record, mother_name="SITI AMINAH", father_name=name)
    assert response.status_code == 200
    assert response.context["form"].errors["father_name"] == [
        "Nama hanya boleh berisi huruf, spasi, titik, koma, tanda petik dan tanda hubung."
    ]
    assert not Application.objects.exists()


def test_the_akta_names_the_parents_the_operator_entered(
    client, actors, orphan_record, django_capture_on_commit_callbacks
):
    client.force_login(actors["operator"])
    response = client.post(
        assisted_url(orphan_record),
        {
            "person": orphan_record.pk,
            "keluarga": orphan_record.family_id,
            "mother_name": "  siti   aminah ",
            "father_name": "Abd. Rahman Ma'ruf",
        },
    )
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.event_data["mother_name"] == "SITI AMINAH"
    assert application.event_data["father_name"] == "ABD. RAHMAN MA'RUF"
    plan = plan_application(application)
    assert [change.action for change in plan.changes] == ["person_update"]
    # The KK prints the parents' names too: it gets a new version with the akta.
    assert sorted(job.doc_type for job in plan.jobs) == ["AKTA_KELAHIRAN", "KK"]

    akta = issue_akta(application, actors, django_capture_on_commit_callbacks)
    orphan_record.refresh_from_db()
    assert (orphan_record.mother_name, orphan_record.father_name) == ("SITI AMINAH", "ABD. RAHMAN MA'RUF")
    assert orphan_record.akta_kelahiran_number == akta.number
    assert akta.snapshot["person"]["mother_name"] == "SITI AMINAH"
    assert akta.snapshot["person"]["father_name"] == "ABD. RAHMAN MA'RUF"
    text = akta_text(akta)
    assert "dari suami-isteri" in text and "ABD. RAHMAN MA'RUF dan SITI AMINAH" in text
    history = orphan_record.history.first()
    assert history.history_user == actors["petugas"] and history.mother_name == "SITI AMINAH"


def test_without_a_recorded_marriage_the_akta_names_the_mother_only(
    client, actors, orphan_record, django_capture_on_commit_callbacks
):
    client.force_login(actors["citizen"])
    assert start(client, orphan_record, mother_name="Siti Aminah", father_name="").status_code == 302
    akta = issue_akta(Application.objects.get(), actors, django_capture_on_commit_callbacks)
    assert akta.snapshot["person"]["mother_name"] == "SITI AMINAH" and akta.snapshot["person"]["father_name"] == ""
    text = akta_text(akta)
    assert "dari seorang ibu" in text and "SITI AMINAH" in text


def test_an_application_filed_before_the_form_asked_needs_the_mother_in_the_register(actors, orphan_record):
    application = application_draft_save(
        applicant=actors["citizen"],
        service=Service.objects.get(code="AKTA_KELAHIRAN"),
        subject=orphan_record,
        family=orphan_record.family,
        event_data={"person_id": orphan_record.pk},
    )
    with pytest.raises(ValidationError, match="Nama ibu kandung wajib diisi"):
        application_submit(application=application, actor=actors["citizen"])
    orphan_record.mother_name = "IBU UJI"
    orphan_record.save(update_fields=["mother_name"])
    plan = plan_application(application)
    assert plan.changes == [] and [job.doc_type for job in plan.jobs] == ["AKTA_KELAHIRAN"]


def test_the_edit_view_keeps_the_names_the_application_holds(client, actors, child_without_akta):
    client.force_login(actors["citizen"])
    start(client, child_without_akta, mother_name="SITI AMINAH", father_name="")
    application = Application.objects.get()
    url = reverse("requests_app:application_edit", args=[application.tracking_number])
    form = client.get(url).context["form"]
    # Not the register's AYAH UJI: the applicant left the father out.
    assert form.initial["mother_name"] == "SITI AMINAH" and form.initial["father_name"] == ""
