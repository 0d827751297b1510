"""Fixtures for the workflow tests: applications in a given state, quickly."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from requests_app.models import Attachment, Service


def attach(application, uploader, *, body: bytes = b"0000", index: int = 0, label: str = "KK") -> Attachment:
    """A PNG upload for requirement ``index`` of ``application``, written directly."""
    content = b"\x89PNG\r\n\x1a\n" + body
    return Attachment.objects.create(
        application=application,
        requirement_index=index,
        requirement_label=label,
        file=SimpleUploadedFile("kk.png", content),
        content_type="image/png",
        size=len(content),
        sha256="c" * 64,
        uploaded_by=uploader,
    )


@pytest.fixture
def make_application(db):
    """``make_application(code, applicant, event_data, submit=True)`` through the real services."""
    from requests_app import services

    def make(code: str, applicant, event_data: dict, *, submit: bool = True, family=None):
        application = services.application_draft_save(
            applicant=applicant,
            service=Service.objects.get(code=code),
            subject=None,
            family=family,
            event_data=event_data,
            channel="ONLINE",
        )
        if submit:
            application = services.application_submit(application=application, actor=applicant)
        return application

    return make


@pytest.fixture
def approve(actors):
    """Approve through the real service as the Petugas Pelayanan; returns the refreshed application."""
    from requests_app import services

    def run(application, actor=None):
        services.application_approve(application=application, actor=actor or actors["petugas"])
        application.refresh_from_db()
        return application

    return run


def doc_types(application) -> list[str]:
    return sorted(application.jobs.values_list("doc_type", flat=True))
