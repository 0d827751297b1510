"""Fixtures for the citizen portal tests."""

from __future__ import annotations

import pytest
from django.utils import timezone

from requests_app.models import Application, ApplicationState, ApplicationTransition, Channel, Service
from requests_app.workflow import new_tracking_number

PASSWORD = "rahasia-uji-123"

# Smallest valid files of each accepted kind, recognised by their magic bytes.
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)
JPEG_BYTES = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
EXE_BYTES = (
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"
    + b"\x00" * 64
    + b"This program cannot be run in DOS mode."
)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Throttles count in the cache; every test starts with none."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language_after():
    """A request with the English cookie leaves English active in this thread (LocaleMiddleware
    does not reset it): put the default back so later tests, in any folder, read Indonesian."""
    from django.conf import settings
    from django.utils import translation

    yield
    translation.activate(settings.LANGUAGE_CODE)


def make_application(
    *,
    applicant,
    service_code: str = "AKTA_KEMATIAN",
    subject=None,
    family=None,
    state: str = ApplicationState.SUBMITTED,
    channel: str = Channel.ONLINE,
    event_data: dict | None = None,
) -> Application:
    """An application row written directly (the state machine is the workflow helper's)."""
    service = Service.objects.get(code=service_code)
    family = family if family is not None else (subject.family if subject is not None else None)
    return Application.objects.create(
        tracking_number=new_tracking_number(),
        service=service,
        state=state,
        channel=channel,
        applicant=applicant,
        subject=subject,
        family=family,
        kelurahan=family.kelurahan if family is not None else None,
        event_data=event_data or {},
        submitted_at=timezone.now() if state != ApplicationState.DRAFT else None,
    )


def record_return(application: Application, *, actor, items: dict[int, str], reason: str = "") -> None:
    """Staff's return of ``application`` as the workflow writes it: {requirement index: reason}."""
    ApplicationTransition.objects.create(
        application=application,
        actor=actor,
        from_state=ApplicationState.IN_REVIEW,
        to_state=ApplicationState.RETURNED,
        reason=reason,
        details={"items": [{"requirement_index": index, "reason": text} for index, text in items.items()]},
    )


@pytest.fixture
def death_application(actors):
    """A submitted death registration filed by ``citizen`` for his wife."""
    wife = actors["home"]["wife"]
    return make_application(
        applicant=actors["citizen"],
        subject=wife,
        event_data={"deceased_id": wife.pk, "death_date": "2026-11-01", "death_place": "GORONTALO", "cause": "SAKIT"},
    )
