"""A newly arriving family registered by an operator is not shown to the family whose page
the operator opened the form from."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from registry.identifiers import generate_nik
from registry.models import Person
from requests_app import services
from requests_app.models import Application, ApplicationState
from tests.portal.conftest import PDF_BYTES

pytestmark = pytest.mark.django_db

NEWCOMER_BIRTH = dt.date(1990, 2, 3)


def move_in_data(family, nik: str, **overrides) -> dict:
    data = {
        "keluarga": family.pk,
        "nik": nik,
        "full_name": "Pendatang Baru",
        "sex": "LAKI-LAKI",
        "birth_date": NEWCOMER_BIRTH.isoformat(),
        "birth_place": "Manado",
        "religion": "ISLAM",
        "relationship": "KEPALA KELUARGA",
        "address": "Jl. Baru 1",
        "rt": "001",
        "rw": "001",
        "kelurahan_code": "75.71.01.1001",
        "origin": "Manado",
    }
    data.update(overrides)
    return data


def start_url(family) -> str:
    return reverse("requests_app:application_start", args=["pindah_datang"]) + f"?keluarga={family.pk}"


def joining_draft(client, actors, nik: str) -> Application:
    """The operator registers a newcomer joining the citizen's family (logged in as the operator)."""
    home_family = actors["home"]["head"].family
    client.force_login(actors["operator"])
    client.post(start_url(home_family), move_in_data(home_family, nik, join_family="on", relationship="FAMILI LAIN"))
    application = Application.objects.get()
    assert application.family_id == home_family.pk
    return application


@pytest.fixture
def newcomer_nik() -> str:
    return generate_nik(region_code="737101", birth_date=NEWCOMER_BIRTH, sex="LAKI-LAKI")


@pytest.fixture
def new_family_draft(client, actors, newcomer_nik) -> Application:
    """The operator registers a newcomer forming a new family, reached from the citizen's family."""
    home_family = actors["home"]["head"].family
    client.force_login(actors["operator"])
    client.post(start_url(home_family), move_in_data(home_family, newcomer_nik))
    application = Application.objects.get()
    assert application.event_data["join_family_id"] is None
    client.post(
        reverse("requests_app:attachment_upload", args=[application.tracking_number, 0]),
        {"file": SimpleUploadedFile("skpwni.pdf", PDF_BYTES, content_type="application/pdf")},
    )
    return application


def assert_hidden_from(client, user, application: Application) -> None:
    client.force_login(user)
    listed = list(client.get(reverse("requests_app:application_list")).context["applications"])
    assert application not in listed
    number = application.tracking_number
    assert client.get(reverse("requests_app:application_detail", args=[number])).status_code == 404
    attachment = application.attachments.get()
    assert client.get(reverse("requests_app:attachment_download", args=[number, attachment.pk])).status_code == 404


def test_new_family_moving_in_is_not_shown_to_the_family_the_form_was_opened_from(client, actors, new_family_draft):
    assert new_family_draft.family_id is None
    assert new_family_draft.kelurahan_id == "75.71.01.1001"
    assert_hidden_from(client, actors["citizen"], new_family_draft)


def test_operator_still_sees_and_edits_the_new_family_draft(client, actors, new_family_draft, newcomer_nik):
    client.force_login(actors["operator"])
    number = new_family_draft.tracking_number
    assert client.get(reverse("requests_app:application_detail", args=[number])).status_code == 200
    edit_url = reverse("requests_app:application_edit", args=[number])
    page = client.get(edit_url)
    assert page.status_code == 200 and "join_family" not in page.context["form"].fields
    home_family = actors["home"]["head"].family
    response = client.post(edit_url, move_in_data(home_family, newcomer_nik, address="Jl. Baru 2"))
    assert response.status_code == 302
    new_family_draft.refresh_from_db()
    assert new_family_draft.event_data["address"] == "Jl. Baru 2"
    assert new_family_draft.family_id is None and new_family_draft.event_data["join_family_id"] is None


def test_unticking_join_on_edit_unlinks_the_family(client, actors, newcomer_nik):
    """A draft first saved to join the family, then changed to a new family, leaves that family."""
    home_family = actors["home"]["head"].family
    application = joining_draft(client, actors, newcomer_nik)
    edit_url = reverse("requests_app:application_edit", args=[application.tracking_number])
    assert client.post(edit_url, move_in_data(home_family, newcomer_nik)).status_code == 302
    application.refresh_from_db()
    assert application.event_data["join_family_id"] is None and application.family_id is None


def test_newcomer_joining_the_family_is_shown_to_it(client, actors, newcomer_nik):
    """Joining a family is about that family: its citizen follows the application."""
    application = joining_draft(client, actors, newcomer_nik)
    client.force_login(actors["citizen"])
    assert application in list(client.get(reverse("requests_app:application_list")).context["applications"])


def test_staff_approve_the_new_family_and_it_stays_hidden(client, actors, new_family_draft, newcomer_nik):
    operator, petugas = actors["operator"], actors["petugas"]
    services.application_submit(application=new_family_draft, actor=operator)
    client.force_login(petugas)
    number = new_family_draft.tracking_number
    assert client.get(reverse("requests_app:application_detail", args=[number])).status_code == 200
    services.application_take(application=new_family_draft, actor=petugas)
    services.application_approve(application=new_family_draft, actor=petugas)
    new_family_draft.refresh_from_db()
    assert new_family_draft.state == ApplicationState.APPROVED
    newcomer = Person.objects.select_related("family").get(nik=newcomer_nik)
    home_family = actors["home"]["head"].family
    assert newcomer.family is not None and newcomer.family.pk != home_family.pk
    assert newcomer.family.head_id == newcomer.pk and newcomer.family.kelurahan_id == "75.71.01.1001"
    assert new_family_draft.jobs.filter(doc_type="KK", family=newcomer.family).exists()
    assert new_family_draft.family_id is None
    assert_hidden_from(client, actors["citizen"], new_family_draft)
    client.force_login(operator)
    assert client.get(reverse("requests_app:application_detail", args=[number])).status_code == 200


def test_migration_unlinks_new_family_move_ins_stored_before(actors, newcomer_nik):
    import importlib

    from django.apps import apps

    from tests.portal.conftest import make_application

    migration = importlib.import_module("requests_app.migrations.0005_unlink_new_family_move_ins")
    home_family = actors["home"]["head"].family
    person = {"nik": newcomer_nik, "full_name": "PENDATANG BARU", "relationship": "KEPALA KELUARGA"}
    new_family = make_application(
        applicant=actors["operator"],
        service_code="PINDAH_DATANG",
        family=home_family,
        event_data={"persons": [person], "join_family_id": None, "kelurahan_code": "75.71.01.1002"},
    )
    joining = make_application(
        applicant=actors["operator"],
        service_code="PINDAH_DATANG",
        family=home_family,
        event_data={"persons": [person], "join_family_id": home_family.pk, "kelurahan_code": "75.71.01.1001"},
    )
    migration.unlink(apps, None)
    new_family.refresh_from_db()
    joining.refresh_from_db()
    assert new_family.family_id is None and new_family.kelurahan_id == "75.71.01.1002"
    assert joining.family_id == home_family.pk and joining.kelurahan_id == "75.71.01.1001"


@pytest.mark.parametrize("code", ["pindah_datang", "datang_luar_negeri"])
def test_an_operator_registers_a_new_family_without_opening_an_unrelated_one(client, actors, code):
    client.force_login(actors["operator"])
    home = client.get(reverse("requests_app:assisted_home"))
    url = reverse("requests_app:application_start", args=[code])
    assert f'href="{url}"' in home.content.decode()
    page = client.get(url)
    assert page.status_code == 200 and "join_family" not in page.context["form"].fields


def test_the_new_family_draft_has_no_family_and_the_kelurahan_of_its_address(client, actors, newcomer_nik):
    client.force_login(actors["operator"])
    data = move_in_data(actors["home"]["head"].family, newcomer_nik)
    del data["keluarga"]
    response = client.post(reverse("requests_app:application_start", args=["pindah_datang"]), data)
    application = Application.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(application.tracking_number + "/")
    assert application.family is None and application.kelurahan_id == "75.71.01.1001"
    assert application.event_data["join_family_id"] is None


def test_other_services_still_need_the_resident_found_first(client, actors):
    client.force_login(actors["operator"])
    response = client.get(reverse("requests_app:application_start", args=["ktp_baru"]))
    assert response.status_code == 302 and response["Location"] == reverse("requests_app:assisted_home")
