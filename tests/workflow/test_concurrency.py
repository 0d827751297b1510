"""Two staff approving the same application at the same moment approve it once (PostgreSQL)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from documents.models import DocumentJob
from registry.choices import LifeStatus
from registry.models import Person
from requests_app import services
from requests_app.models import Application
from requests_app.models import ApplicationState as S
from requests_app.workflow import IllegalTransition


def _race(calls) -> list[str]:
    barrier = threading.Barrier(len(calls))
    outcomes: list[str] = []

    def run(call):
        try:
            barrier.wait(timeout=10)
            call()
            outcomes.append("ok")
        except IllegalTransition:
            outcomes.append("illegal")
        except Exception as exc:  # noqa: BLE001 - reported in the assertion
            outcomes.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return sorted(outcomes)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_approvals_at_once_approve_once(actors, make_application):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    head = actors["home"]["head"]
    data = {"deceased_id": head.pk, "death_date": "2026-11-01", "death_place": "GORONTALO", "cause": "SAKIT"}
    application = make_application("AKTA_KEMATIAN", actors["citizen"], data)
    number_before = head.family.nomor_kk

    def approve_as(user):
        return lambda: services.application_approve(application=Application.objects.get(pk=application.pk), actor=user)

    outcomes = _race([approve_as(actors["petugas"]), approve_as(actors["kabid"])])
    assert outcomes == ["illegal", "ok"]
    application.refresh_from_db()
    assert application.state == S.APPROVED
    assert application.transitions.filter(to_state=S.APPROVED).count() == 1
    assert DocumentJob.objects.filter(application=application).count() == 3
    assert Person.objects.get(pk=head.pk).status == LifeStatus.DECEASED
    assert head.history.filter(status=LifeStatus.DECEASED).count() == 1
    family = actors["home"]["wife"].family
    family.refresh_from_db()
    assert family.nomor_kk != number_before
    assert family.history.exclude(nomor_kk=number_before).values("nomor_kk").distinct().count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_submissions_of_one_death_at_once_only_one_opens(actors, make_application):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    wife = actors["home"]["wife"]
    data = {"deceased_id": wife.pk, "death_date": "2026-11-01", "death_place": "GORONTALO", "cause": "SAKIT"}
    first = make_application("AKTA_KEMATIAN", actors["citizen"], data, submit=False)
    second = make_application("AKTA_KEMATIAN", actors["operator"], data, submit=False)

    def submit(application, user):
        return lambda: services.application_submit(application=application, actor=user)

    outcomes = _race([submit(first, actors["citizen"]), submit(second, actors["operator"])])
    assert outcomes.count("ok") == 1, outcomes
    assert any("masih diproses" in outcome for outcome in outcomes)
    assert Application.objects.filter(event_key=f"DEATH:{wife.pk}", state=S.SUBMITTED).count() == 1
