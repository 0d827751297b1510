"""'Keluarga saya': own family only, documents held/out of date/missing, the right button."""

import datetime as dt

import pytest
from django.utils import timezone

from requests_app.selectors import member_holdings
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def holdings_of(member):
    return {h.doc_type: h.status for h in member.holdings}


def test_family_page_shows_own_family_only(client, actors):
    client.force_login(actors["citizen"])
    response = client.get("/keluarga-saya/")
    body = response.content.decode()
    assert actors["home"]["wife"].full_name in body
    assert actors["away"]["head"].full_name not in body
    assert response.context["family"] == actors["home"]["head"].family


def test_outdated_kk_offers_reprint(client, actors):
    family = actors["home"]["head"].family
    family.kk_printed_at = family.data_changed_at - dt.timedelta(days=1)
    family.save(update_fields=["kk_printed_at"])
    client.force_login(actors["citizen"])
    body = client.get("/keluarga-saya/").content.decode()
    assert "dicetak sebelum perubahan terakhir" in body
    assert "/layanan/kk_hilang_rusak/ajukan/" in body


def test_member_holdings_rules():
    today = timezone.localdate()
    now = timezone.now()
    adult_without_ktp = PersonFactory(birth_date=dt.date(1990, 1, 1), ktp_el_issued_at=None)
    assert holdings_of(member_holdings(adult_without_ktp, today))["KTP_EL"] == "missing"
    stale = PersonFactory(
        birth_date=dt.date(1990, 1, 1), ktp_el_issued_at=now - dt.timedelta(days=10), data_changed_at=now
    )
    assert holdings_of(member_holdings(stale, today))["KTP_EL"] == "outdated"
    current = PersonFactory(birth_date=dt.date(1990, 1, 1), ktp_el_issued_at=now, data_changed_at=now)
    assert holdings_of(member_holdings(current, today))["KTP_EL"] == "held"
    child = PersonFactory(
        birth_date=today - dt.timedelta(days=365 * 5), marital_status="BELUM KAWIN", akta_kelahiran_number=""
    )
    child_holdings = holdings_of(member_holdings(child, today))
    assert child_holdings == {"KIA": "missing", "AKTA_KELAHIRAN": "missing"}
    married_16 = PersonFactory(birth_date=today - dt.timedelta(days=365 * 16 + 30), marital_status="KAWIN")
    assert "KTP_EL" in holdings_of(member_holdings(married_16, today))


def test_missing_document_button_starts_right_application(client, actors):
    child = actors["home"]["child0"]
    client.force_login(actors["citizen"])
    body = client.get("/keluarga-saya/").content.decode()
    assert f"/layanan/kia/ajukan/?orang={child.pk}" in body
    form = client.get(f"/layanan/kia/ajukan/?orang={child.pk}").context["form"]
    assert str(form.initial["person"]) == str(child.pk)
    assert list(form.fields["person"].queryset) == [child]


def test_family_page_query_count_is_constant(client, actors, django_assert_max_num_queries):
    client.force_login(actors["citizen"])
    client.get("/keluarga-saya/")
    for index in range(5):
        PersonFactory(family=actors["home"]["head"].family, relationship="ANAK", full_name=f"ANAK {index}")
    with django_assert_max_num_queries(8):
        client.get("/keluarga-saya/")


def test_child_without_birth_certificate_starts_a_late_registration(client, actors):
    child = actors["home"]["child0"]
    child.akta_kelahiran_number = ""
    child.save(update_fields=["akta_kelahiran_number"])
    client.force_login(actors["citizen"])
    body = client.get("/keluarga-saya/").content.decode()
    assert f"/layanan/akta_kelahiran/ajukan/?orang={child.pk}" in body
    form = client.get(f"/layanan/akta_kelahiran/ajukan/?orang={child.pk}").context["form"]
    assert type(form).__name__ == "LateBirthForm"
    assert str(form.initial["person"]) == str(child.pk)


def test_birth_form_without_a_person_registers_a_newborn(client, actors):
    client.force_login(actors["citizen"])
    form = client.get("/layanan/akta_kelahiran/ajukan/").context["form"]
    assert type(form).__name__ == "BirthForm"
    assert not form.initial.get("mother")
