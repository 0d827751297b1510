"""The staff's desk (the Django admin) carries the office's name, in the staff's language."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_admin_is_titled_for_the_office(client, actors):
    client.force_login(actors["petugas"])
    page = client.get(reverse("admin:index")).content.decode()
    assert "Dukcapil Kota Gorontalo — meja kerja petugas" in page
    assert "Django" not in page.split("<body", 1)[1].split("</header>", 1)[0]
