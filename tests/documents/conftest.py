"""Fixtures for the documents tests: approved applications with jobs, PDF helpers."""

from __future__ import annotations

import io

import pytest
from django.utils import timezone

from documents.models import DocumentJob


@pytest.fixture
def approved_application(actors):
    """An APPROVED death application from ``citizen`` with an AKTA_KEMATIAN and a KK job (not yet sent)."""
    from requests_app.models import Application, ApplicationState, Service
    from requests_app.workflow import new_tracking_number

    home = actors["home"]
    child = home["child0"]
    application = Application.objects.create(
        tracking_number=new_tracking_number(),
        service=Service.objects.get(code="AKTA_KEMATIAN"),
        state=ApplicationState.APPROVED,
        applicant=actors["citizen"],
        subject=child,
        family=child.family,
        event_data={
            "deceased_id": child.pk,
            "death_date": "2026-11-20",
            "death_place": "RSUD ALOEI SABOE",
            "cause": "SAKIT",
        },
        decided_at=timezone.now(),
    )
    jobs = [
        DocumentJob.objects.create(application=application, doc_type="AKTA_KEMATIAN", subject=child),
        DocumentJob.objects.create(application=application, doc_type="KK", family=child.family),
    ]
    return application, jobs


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def pdf_fonts(data: bytes) -> dict[str, bool]:
    """Font name -> embedded (has a FontFile2 / descendant with one)."""
    from pypdf import PdfReader

    fonts: dict[str, bool] = {}
    page = PdfReader(io.BytesIO(data)).pages[0]
    for font in page["/Resources"]["/Font"].values():
        font = font.get_object()
        descriptor = font.get("/FontDescriptor")
        if descriptor is None and "/DescendantFonts" in font:
            descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
        descriptor = descriptor.get_object() if descriptor is not None else {}
        fonts[str(font["/BaseFont"])] = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    return fonts
