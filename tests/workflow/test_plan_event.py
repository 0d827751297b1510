"""plan_event prints the plan approval applies, and writes nothing."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from registry.models import Family, Person
from requests_app import services
from requests_app.models import ApplicationTransition


def run(*args) -> str:
    out = StringIO()
    call_command("plan_event", *args, stdout=out)
    return out.getvalue()


def test_plan_event_prints_what_approval_applies_and_writes_nothing(actors, make_application):
    head = actors["home"]["head"]
    counts = (Person.objects.count(), Family.objects.count(), Person.history.count(), Family.history.count())
    text = run("DEATH", "--subject", head.nik, "--date", "2026-11-01")
    printed = json.loads(run("AKTA_KEMATIAN", "--subject", head.nik, "--date", "2026-11-01", "--json"))
    assert (Person.objects.count(), Family.objects.count(), Person.history.count(), Family.history.count()) == counts
    assert f"Kutipan Akta Kematian untuk {head.full_name}" in text
    # The approval applies exactly the printed plan.
    application = make_application("AKTA_KEMATIAN", actors["citizen"], printed["event_data"])
    services.application_approve(application=application, actor=actors["petugas"])
    details = ApplicationTransition.objects.get(application=application, to_state="APPROVED").details
    assert details["changes"] + details["jobs"] == printed["describe"]
    assert [job["doc_type"] for job in printed["jobs"]] == ["AKTA_KEMATIAN", "KK", "KTP_EL"]


def test_plan_event_twins_and_errors(actors):
    wife = actors["home"]["wife"]
    printed = json.loads(run("BIRTH", "--subject", wife.nik, "--children", "2", "--json"))
    assert sorted(job["doc_type"] for job in printed["jobs"]) == ["AKTA_KELAHIRAN"] * 2 + ["KIA"] * 2 + ["KK"]
    with pytest.raises(CommandError, match="tidak ditemukan"):
        run("DEATH", "--subject", "0000000000000000")
    with pytest.raises(CommandError, match="tidak dikenal"):
        run("NOPE", "--subject", wife.nik)
    future = "2999-01-01"
    with pytest.raises(CommandError, match="masa depan"):
        run("DEATH", "--subject", wife.nik, "--date", future)
