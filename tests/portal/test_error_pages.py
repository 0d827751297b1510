"""Error pages in the site's layout and in Bahasa Indonesia, never Django's bare English ones.

pytest-django runs with DEBUG off, as production does, so Django renders 404.html/403.html.
"""

import pytest
from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.template import loader
from django.test import RequestFactory
from django.utils import translation
from django.views import defaults

pytestmark = pytest.mark.django_db


def test_debug_is_off_as_in_production():
    assert settings.DEBUG is False


def test_unknown_address_gets_the_indonesian_404_in_the_site_layout(client):
    response = client.get("/tidak-ada-halaman-ini/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Halaman tidak ditemukan" in body and "Kembali ke beranda" in body
    assert 'class="navbar' in body  # the portal's own layout, menu and all
    assert "Not Found" not in body and "The requested resource" not in body


def test_someone_elses_application_is_the_same_404(client, actors, death_application):
    client.force_login(actors["other_citizen"])
    response = client.get(f"/permohonan/{death_application.tracking_number}/")
    assert response.status_code == 404 and "Halaman tidak ditemukan" in response.content.decode()


def test_citizen_on_staff_page_gets_the_indonesian_403_with_its_reason(client, actors):
    client.force_login(actors["citizen"])
    response = client.get("/capaian/penjangkauan/")
    assert response.status_code == 403
    body = response.content.decode()
    assert "Akses ditolak" in body
    assert "Daftar penjangkauan hanya untuk petugas Dukcapil dan operator kelurahan/kecamatan." in body
    assert 'class="navbar' in body and "Kembali ke beranda" in body
    assert "403 Forbidden" not in body


def test_403_in_english_when_the_citizen_chose_english(client, actors):
    client.cookies["django_language"] = "en"
    client.force_login(actors["citizen"])
    body = client.get("/capaian/penjangkauan/").content.decode()
    assert "Access denied" in body and "Akses ditolak" not in body


def test_bad_host_gets_the_indonesian_400(client):
    response = client.get("/", HTTP_HOST="bukan-dukcapil.example")
    assert response.status_code == 400
    body = response.content.decode()
    assert "Permintaan tidak dapat diproses" in body and "Bad Request" not in body


def test_400_view_renders_the_page(rf):
    response = defaults.bad_request(rf.get("/"), SuspiciousOperation("x"))
    assert response.status_code == 400 and "Permintaan tidak dapat diproses" in response.content.decode()


def test_500_page_renders_without_request_or_context_processors():
    """Django renders 500.html with an empty context: no request, no user, no messages. It must
    not need the URL resolver or the static manifest either (either may be what failed)."""
    body = loader.get_template("500.html").render()
    assert "Terjadi kesalahan pada sistem" in body and 'href="/"' in body
    assert "{%" not in body and "static/" not in body
    response = defaults.server_error(RequestFactory().get("/"))
    assert response.status_code == 500 and "Terjadi kesalahan pada sistem" in response.content.decode()
    with translation.override("en"):
        assert "A system error occurred" in loader.get_template("500.html").render()


def test_a_refused_form_gets_the_indonesian_csrf_page():
    """A form posted without its CSRF token (an expired page, cookies refused) is answered by
    Django's csrf_failure view, which renders 403_csrf.html without a request."""
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post("/akun/masuk/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    body = response.content.decode()
    assert "Formulir tidak dapat diterima" in body and "Kembali ke beranda" in body
    assert "CSRF verification failed" not in body
