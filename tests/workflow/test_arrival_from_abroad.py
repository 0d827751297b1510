"""SKDLN (Datang dari Luar Negeri) prints the arrival date the form asks for."""

from __future__ import annotations

import datetime as dt

from django.core.files.storage import default_storage
from django.utils import timezone

from documents.issuing import documents_produce
from documents.models import DocumentJob
from requests_app.forms import MoveInForm
from requests_app.models import Service
from tests.documents.conftest import pdf_text
from tests.factories import move_in_form_data


def _form_data(family) -> dict:
    return move_in_form_data(family, origin="JEDDAH")


def test_the_arrival_date_is_asked_of_an_arrival_from_abroad_only(actors):
    family = actors["home"]["head"].family
    abroad = Service.objects.get(code="DATANG_LUAR_NEGERI")
    missing = MoveInForm(_form_data(family), family=family, service=abroad)
    assert "arrival_date" in missing.errors
    assert str(missing.fields["arrival_date"].label) == "Tanggal kedatangan"
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    assert (
        "arrival_date"
        in MoveInForm({**_form_data(family), "arrival_date": tomorrow}, family=family, service=abroad).errors
    )
    form = MoveInForm({**_form_data(family), "arrival_date": "2026-11-02"}, family=family, service=abroad)
    assert form.is_valid(), form.errors
    assert form.event_data()["arrival_date"] == "2026-11-02"
    domestic = MoveInForm(_form_data(family), family=family, service=Service.objects.get(code="PINDAH_DATANG"))
    assert "arrival_date" not in domestic.fields and domestic.is_valid(), domestic.errors


def test_skdln_prints_the_arrival_date(actors, make_application, approve):
    family = actors["home"]["head"].family
    abroad = Service.objects.get(code="DATANG_LUAR_NEGERI")
    form = MoveInForm({**_form_data(family), "arrival_date": "2026-11-02"}, family=family, service=abroad)
    assert form.is_valid(), form.errors
    application = approve(make_application("DATANG_LUAR_NEGERI", actors["citizen"], form.event_data()))
    job = DocumentJob.objects.get(application=application, doc_type="SKDLN")
    assert job.payload["arrival_date"] == "2026-11-02"

    (document,) = documents_produce(job_ids=[job.pk])

    assert document.snapshot["arrival"]["date"] == "2026-11-02"
    with default_storage.open(document.file.name, "rb") as handle:
        text = pdf_text(handle.read())
    assert "Tanggal Datang: -" not in text and "November 2026" in text
