"""The register in the admin: PIAK corrections, their errors and warnings, and the labels."""

from __future__ import annotations

import datetime as dt
import logging

from django.contrib.admin.models import LogEntry
from django.contrib.messages import get_messages
from django.urls import reverse

from registry import services as register
from registry.choices import Religion, Sex
from registry.identifiers import nik_differences
from registry.models import Person


def _form_data(client, url: str) -> dict:
    form = client.get(url).context["adminform"].form
    return {name: form.initial.get(name) or "" for name in form.fields}


def _messages(response) -> list[tuple[str, str]]:
    return [(message.level_tag, str(message)) for message in get_messages(response.wsgi_request)]


def test_a_correction_with_nothing_changed_shows_only_the_error_and_keeps_the_input(client, actors):
    head = actors["home"]["head"]
    url = reverse("admin:registry_person_change", args=[head.pk])
    client.force_login(actors["piak"])
    data = _form_data(client, url)
    data["correction_reason"] = "akta 123"

    response = client.post(url, data, follow=True)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Tidak ada data yang diubah" in html
    assert "berhasil" not in html
    assert not [text for _level, text in _messages(response) if "berhasil" in text]
    assert 'value="akta 123"' in html  # the officer's reason is still in the form
    assert not LogEntry.objects.exists()
    assert Person.objects.get(pk=head.pk).history.count() == head.history.count()


def test_a_family_correction_with_nothing_changed_is_not_logged(client, actors):
    family = actors["home"]["head"].family
    url = reverse("admin:registry_family_change", args=[family.pk])
    client.force_login(actors["piak"])
    data = _form_data(client, url)
    data["correction_reason"] = "akta 123"

    response = client.post(url, data, follow=True)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Tidak ada data yang diubah" in html and "berhasil" not in html
    assert not LogEntry.objects.exists()


def test_a_birth_date_correction_that_differs_from_the_nik_is_saved_with_a_warning(client, actors):
    head = actors["home"]["head"]
    url = reverse("admin:registry_person_change", args=[head.pk])
    client.force_login(actors["piak"])
    assert not [text for level, text in _messages(client.get(url)) if level == "warning"]
    data = _form_data(client, url)
    data.update({"birth_date": "1981-02-03", "correction_reason": "akta kelahiran 77/1981"})

    response = client.post(url, data, follow=True)

    assert response.status_code == 200
    assert Person.objects.get(pk=head.pk).birth_date == dt.date(1981, 2, 3)
    warnings = [text for level, text in _messages(response) if level == "warning"]
    assert len(warnings) == 1 and "NIK" in warnings[0] and "03-02-1981" in warnings[0]
    # Opening the record again shows it too.
    again = [text for level, text in _messages(client.get(url)) if level == "warning"]
    assert again == warnings


def test_women_add_40_to_the_nik_day():
    nik = "7571014506900003"  # 5 June 1990, a woman
    assert nik_differences(nik, birth_date=dt.date(1990, 6, 5), sex=Sex.FEMALE) == []
    assert len(nik_differences(nik, birth_date=dt.date(1990, 6, 6), sex=Sex.FEMALE)) == 1
    assert "Jenis kelamin" in nik_differences(nik, birth_date=dt.date(1990, 6, 5), sex=Sex.MALE)[0]
    assert nik_differences("7571010506900003", birth_date=dt.date(1990, 6, 5), sex=Sex.MALE) == []


def test_registering_a_nik_with_another_birth_date_is_accepted_and_logged(db, caplog):
    with caplog.at_level(logging.WARNING, logger="registry.services"):
        person = register.person_register(
            nik="7571014506900003",
            full_name="Siti Uji",
            sex=Sex.FEMALE,
            birth_date=dt.date(1990, 6, 7),
            birth_place="Gorontalo",
            religion=Religion.ISLAM,
        )
    assert Person.objects.get(pk=person.pk).birth_date == dt.date(1990, 6, 7)
    assert len(register.person_nik_warnings(person)) == 1
    assert "7571014506900003" in caplog.text


def test_register_admin_pages_have_indonesian_labels(client, actors):
    head = actors["home"]["head"]
    client.force_login(actors["piak"])
    pages = [
        reverse("admin:registry_person_change", args=[head.pk]),
        reverse("admin:registry_family_change", args=[head.family_id]),
    ]
    for url in pages:
        html = client.get(url).content.decode()
        for english in ("Family:", "Head:", "Historical penduduk", "Historical keluarga"):
            assert english not in html, (url, english)
        assert "Riwayat data penduduk" in html and "Riwayat data keluarga" in html  # the sidebar
