"""On a phone: find a service by life event, switch the site to English and back."""

from __future__ import annotations

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_catalogue_search_and_language_switch(live_server, phone, shots):
    page = phone
    page.goto(f"{live_server.url}/")
    page.locator("#home-q").fill("bayi lahir")
    page.get_by_role("button", name="Cari").click()
    page.wait_for_url("**/layanan/?q=*")
    first = page.locator("#services a").first
    assert "Kelahiran" in first.inner_text()
    shots(page, "01-search-bayi-lahir")

    # The language switch sits in the collapsed menu on a phone.
    page.get_by_role("button", name="Menu").click()
    page.locator("#language").select_option("en")
    page.get_by_role("button", name="Ganti").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", name="Population document services").is_visible()
    shots(page, "02-english")
    page.goto(f"{live_server.url}/layanan/akta_kematian/")
    assert page.get_by_text(re.compile("Death letter from the doctor")).is_visible()
    assert page.get_by_role("link", name="Submit application").is_visible()
    shots(page, "03-english-service-page")

    page.get_by_role("button", name="Menu").click()
    page.locator("#language").select_option("id")
    page.get_by_role("button", name="Change").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "id"
    assert page.get_by_role("link", name="Ajukan permohonan").is_visible()
