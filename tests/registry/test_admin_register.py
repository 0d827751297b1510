"""The register in the admin: PIAK corrections, their errors and warnings, and the labels."""

from __future__ import annotations

from django.contrib.admin.models import LogEntry
from django.contrib.messages import get_messages
from django.urls import reverse

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
