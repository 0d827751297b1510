"""Playwright on Debian's chromium, at a phone-sized viewport, against pytest-django's live server.

The browser is never downloaded by Playwright: it drives ``/usr/bin/chromium``. Without it
the tests are skipped on a laptop and fail in CI (``DUKCAPIL_TEST_STRICT=1``).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Playwright's sync API runs an event loop in this thread; the test itself only touches the
# database between browser steps, never concurrently with it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def browser(transactional_db):
    """Chromium for one test.

    Playwright's sync API keeps an asyncio loop running while it is started, and Django
    then hands this thread a separate, context-local database connection. Starting it after
    the test database is prepared and stopping it before the database is flushed keeps
    Django's own setup/teardown (serialized rollback) on the ordinary connection, so later
    transactional tests find the seeded regions and catalogue intact.
    """
    if not CHROMIUM.exists():
        if os.environ.get("DUKCAPIL_TEST_STRICT") == "1":
            pytest.fail("/usr/bin/chromium is required for the browser tests in CI")
        pytest.skip("/usr/bin/chromium is not installed")
    sync_api = pytest.importorskip("playwright.sync_api")
    from django.db import connections

    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
            connections.close_all()  # the context-local connections opened during the test


@pytest.fixture
def reference_data(transactional_db):
    """The regions, service catalogue and role groups the data migrations seed.

    Django's serialized rollback restores them before each transactional test; this is a
    guard (idempotent, a no-op when they are there) so a browser test never depends on the
    order it runs in.
    """
    from importlib import import_module

    from django.apps import apps
    from django.contrib.auth.models import Group

    from registry.models import Region
    from requests_app.models import Service

    if not Region.objects.exists():
        import_module("registry.migrations.0002_load_regions").load(apps, None)
    if not Service.objects.exists():
        import_module("requests_app.migrations.0002_load_services").load(apps, None)
    if not Group.objects.exists():
        import_module("accounts.migrations.0003_roles").create(apps, None)


@pytest.fixture
def phone(browser, reference_data):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, has_touch=True, locale="id-ID"
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def shots(request):
    """``shots("01-signup")`` saves a full-page screenshot of ``page`` into test-artifacts/browser/."""
    folder = ARTIFACTS / request.node.name
    folder.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> Path:
        path = folder / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
