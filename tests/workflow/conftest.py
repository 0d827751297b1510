"""Fixtures for the workflow tests: applications in a given state, quickly."""

from __future__ import annotations

import pytest

from requests_app.models import Service


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
