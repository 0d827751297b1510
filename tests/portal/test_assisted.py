"""Assisted channel: operators file for residents of their own area only."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from requests_app.models import Application, Channel

pytestmark = pytest.mark.django_db


def test_operator_finds_resident_of_own_area(client, actors):
    client.force_login(actors["operator"])
    response = client.get("/bantuan/", {"nik": actors["home"]["wife"].nik})
    assert response.context["family"] == actors["home"]["head"].family
    assert "?keluarga=" in response.content.decode()


def test_operator_cannot_find_resident_elsewhere(client, actors):
    client.force_login(actors["operator"])
    response = client.get("/bantuan/", {"nik": actors["away"]["head"].nik})
    assert response.context["family"] is None
    assert "tidak terdaftar di wilayah Anda" in response.content.decode()


def test_operator_files_assisted_death_for_resident(client, actors):
    family = actors["home"]["head"].family
    client.force_login(actors["operator"])
    url = reverse("requests_app:application_start", args=["akta_kematian"]) + f"?keluarga={family.pk}"
    assert client.get(url).status_code == 200
    data = {
        "keluarga": family.pk,
        "deceased": actors["home"]["head"].pk,
        "death_date": (timezone.localdate() - dt.timedelta(days=1)).isoformat(),
        "death_place": "RUMAH",
        "cause": "SAKIT",
    }
    client.post(url, data)
    application = Application.objects.get()
    assert application.channel == Channel.ASSISTED and application.applicant == actors["operator"]
    assert application.family == family
    body = client.get(reverse("requests_app:application_detail", args=[application.tracking_number])).content
    assert "Melalui kelurahan/kecamatan" in body.decode()


def test_operator_cannot_file_for_family_of_another_area(client, actors):
    away = actors["away"]["head"].family
    client.force_login(actors["operator"])
    url = reverse("requests_app:application_start", args=["akta_kematian"]) + f"?keluarga={away.pk}"
    assert client.get(url).status_code == 404
    assert client.post(url, {"keluarga": away.pk, "deceased": actors["away"]["head"].pk}).status_code == 404
    assert not Application.objects.exists()


def test_kecamatan_operator_covers_its_kelurahan(client, actors):
    from django.contrib.auth.models import Group

    from accounts import roles
    from accounts.models import User

    kelurahan = actors["home"]["head"].family.kelurahan
    user = User.objects.create_user(username="opkec", password="x", operator_area=kelurahan.parent)
    user.groups.add(Group.objects.get(name=roles.OPERATOR_KECAMATAN))
    client.force_login(user)
    response = client.get("/bantuan/", {"nik": actors["home"]["head"].nik})
    assert response.context["family"] == actors["home"]["head"].family


def test_operator_submits_assisted_application(client, actors, django_capture_on_commit_callbacks):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from requests_app.models import ApplicationState
    from tests.portal.conftest import PDF_BYTES

    family = actors["home"]["head"].family
    client.force_login(actors["operator"])
    url = reverse("requests_app:application_start", args=["kk_hilang_rusak"]) + f"?keluarga={family.pk}"
    client.post(url, {"keluarga": family.pk, "cause": "HILANG"})
    application = Application.objects.get()
    assert application.event_data == {"family_id": family.pk, "cause": "HILANG"}
    number = application.tracking_number
    client.post(f"/permohonan/{number}/unggah/0/", {"file": SimpleUploadedFile("a.pdf", PDF_BYTES)})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/permohonan/{number}/ajukan/")
    assert response["Location"] == f"/permohonan/{number}/tanda-terima/"
    application.refresh_from_db()
    assert application.state == ApplicationState.SUBMITTED and application.channel == Channel.ASSISTED
    receipt = client.get(response["Location"]).content.decode()
    assert "Melalui kelurahan/kecamatan" in receipt


def test_operator_move_in_form_offers_only_the_kelurahan_of_its_area(client, actors):
    from registry.models import Region
    from tests.factories import move_in_form_data

    family = actors["home"]["head"].family
    url = reverse("requests_app:application_start", args=["pindah_datang"])
    client.force_login(actors["operator"])  # operator of kelurahan 75.71.01.1001
    offered = [code for code, _name in client.get(url).context["form"].fields["kelurahan_code"].choices]
    assert offered == ["75.71.01.1001"]
    elsewhere = Region.objects.filter(level="kelurahan").exclude(pk="75.71.01.1001").first()
    data = move_in_form_data(family, kelurahan_code=elsewhere.pk)
    data.pop("join_family")
    response = client.post(url, data)
    assert response.status_code == 200 and "kelurahan_code" in response.context["form"].errors
    assert not Application.objects.exists()  # refused at once, not at "Ajukan permohonan"
