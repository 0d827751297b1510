"""Bahasa Indonesia by default, English complete for the catalogue and the portal's pages."""

from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from requests_app.models import Service

pytestmark = pytest.mark.django_db
SAME_IN_BOTH = {"ITAS", "Email", "Status", "Menu"}


def test_every_seeded_catalogue_text_has_english():
    with translation.override("en"):
        for service in Service.objects.all():
            for text in [service.who, *service.requirements, *service.steps]:
                assert gettext(text) != text or text in SAME_IN_BOTH, text


def test_language_switch_to_english_and_back(client):
    assert "Layanan dokumen kependudukan" in client.get("/layanan/").content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/layanan/"})
    body = client.get("/layanan/").content.decode()
    assert "Population document services" in body
    assert "Death Certificate" in body  # name_en of AKTA_KEMATIAN
    detail = client.get("/layanan/akta_kematian/").content.decode()
    assert "Death letter from the doctor/hospital or the lurah" in detail
    assert "Who may apply" in detail and "Documents produced" in detail
    assert "Death Certificate (excerpt)" in detail
    client.post("/i18n/setlang/", {"language": "id", "next": "/layanan/"})
    assert "Layanan dokumen kependudukan" in client.get("/layanan/").content.decode()


@pytest.mark.parametrize("url", ["/", "/akun/daftar/", "/akun/masuk/", "/akun/sandi/lupa/", "/layanan/kia/"])
def test_public_pages_in_english_have_no_indonesian_labels(client, url):
    client.cookies["django_language"] = "en"
    body = client.get(url).content.decode()
    for word in ("Masuk</", "Daftar</", "Kata sandi", "Persyaratan", "Layanan</a>", "Cari</"):
        assert word not in body, (url, word)


def test_application_pages_in_english(client, actors, death_application):
    client.cookies["django_language"] = "en"
    client.force_login(actors["citizen"])
    body = client.get(f"/permohonan/{death_application.tracking_number}/").content.decode()
    assert "Status history" in body and "Requirements" in body and "Submitted" in body
    family = client.get("/keluarga-saya/").content.decode()
    assert "My family" in family and "Head of family" in family and "Kepala keluarga" not in family
    assert "Baby born" in family and "Bayi lahir" not in family  # the life-event buttons


def test_english_catalogue_has_no_empty_or_fuzzy_entry_and_is_compiled():
    folder = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"
    po = polib.pofile(str(folder / "django.po"))
    entries = [e for e in po if not e.obsolete]
    assert [e.msgid for e in entries if "fuzzy" in e.flags] == []
    assert [e.msgid for e in entries if not e.translated()] == []
    # The compiled catalogue the site reads holds the same entries (compilemessages was run).
    compiled = {e.msgid for e in polib.mofile(str(folder / "django.mo")) if e.msgid}
    assert compiled == {e.msgid for e in entries}


def test_timeline_lines_the_system_wrote_are_translated_typed_ones_are_not(client, actors, death_application):
    from requests_app.models import SYSTEM_REASONS, ApplicationState, ApplicationTransition

    ApplicationTransition.objects.create(
        application=death_application,
        from_state=ApplicationState.PROCESSING,
        to_state=ApplicationState.COMPLETED,
        reason=SYSTEM_REASONS[ApplicationState.COMPLETED],
    )
    ApplicationTransition.objects.create(
        application=death_application,
        actor=actors["petugas"],
        from_state=ApplicationState.SUBMITTED,
        to_state=ApplicationState.RETURNED,
        reason="Dokumen mulai dibuat.",  # typed by a person: shown as typed
    )
    client.cookies["django_language"] = "en"
    client.force_login(actors["citizen"])
    body = client.get(f"/permohonan/{death_application.tracking_number}/").content.decode()
    assert "All documents have been issued." in body and "Semua dokumen telah terbit." not in body
    assert "Dokumen mulai dibuat." in body
