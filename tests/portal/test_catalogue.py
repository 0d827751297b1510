import pytest
from django.urls import reverse

from requests_app.catalogue import catalogue_entries
from requests_app.models import Service

pytestmark = pytest.mark.django_db


def test_catalogue_lists_24_services_without_login(client):
    response = client.get(reverse("requests_app:service_list"))
    assert response.status_code == 200
    assert len(response.context["services"]) == 24
    for service in Service.objects.all():
        assert reverse("requests_app:service_detail", args=[service.slug]) in response.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ada anggota keluarga meninggal", "AKTA_KEMATIAN"),
        ("bayi lahir", "AKTA_KELAHIRAN"),
        ("pindah rumah", "PINDAH_KELUAR"),
        ("KTP hilang", "KTP_PENGGANTIAN"),
    ],
)
def test_search_by_life_event_in_plain_words(client, query, expected):
    response = client.get(reverse("requests_app:service_list"), {"q": query})
    codes = [s.code for s in response.context["services"]]
    assert expected in codes[:2]
    assert len(codes) < 24


def test_search_with_nothing_matching_says_so(client):
    response = client.get(reverse("requests_app:service_list"), {"q": "zzqqxx"})
    assert response.context["services"] == []
    assert "Tidak ada layanan yang cocok" in response.content.decode()


@pytest.mark.parametrize("code", [entry["code"] for entry in catalogue_entries()])
def test_each_service_page_shows_requirements_and_bundle(client, code):
    service = Service.objects.get(code=code)
    response = client.get(f"/layanan/{code.lower()}/")
    assert response.status_code == 200
    body = response.content.decode()
    for requirement in service.requirements:
        assert requirement.replace("'", "&#x27;") in body
    from documents.models import DocumentType

    for doc in service.yields:
        assert str(DocumentType(doc).label) in body
    assert "Rp 0" in body
    assert f"{service.sla_days} hari kerja" in body
    assert f">{code}<" not in body  # the code is for the office's data, not a citizen's page


def test_death_page_explains_the_integrated_bundle(client):
    body = client.get("/layanan/akta_kematian/").content.decode()
    assert "Kutipan Akta Kematian" in body and "KTP-el" in body and "pasangan" in body
    service = Service.objects.get(code="AKTA_KEMATIAN")
    if service.report_within_days:
        assert f"{service.report_within_days} hari sejak peristiwa" in body


def test_unknown_service_is_404(client):
    assert client.get("/layanan/tidak_ada/").status_code == 404
