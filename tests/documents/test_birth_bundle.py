"""A birth bundle issued through the real pipeline: the child's KIA prints the akta kelahiran
issued with it (the register learns the akta's number only when the akta is recorded, after
the KIA's data was frozen)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from documents import tasks
from documents.models import DocumentJob, IssuedDocument, JobState
from registry.choices import Sex
from registry.models import Person
from requests_app import services
from requests_app.models import Service
from tests.documents.conftest import pdf_text


def _child(name: str, sex: str, days_old: int = 0) -> dict:
    born = timezone.localdate() - dt.timedelta(days=days_old)
    return {"full_name": name, "sex": sex, "birth_date": born.isoformat(), "birth_place": "GORONTALO"}


@pytest.fixture
def birth_approved(actors, monkeypatch, django_capture_on_commit_callbacks):
    """``approve(*children)``: a birth approved by staff; returns the task batches sent after commit."""

    def approve(*children: dict) -> list[list[int]]:
        home = actors["home"]
        application = services.application_draft_save(
            applicant=actors["citizen"],
            service=Service.objects.get(code="AKTA_KELAHIRAN"),
            subject=None,
            family=None,
            event_data={"children": list(children), "mother_id": home["wife"].pk, "father_id": home["head"].pk},
        )
        services.application_submit(application=application, actor=actors["citizen"])
        sent: list[list[int]] = []
        monkeypatch.setattr(tasks.documents_render, "delay", sent.append)
        with django_capture_on_commit_callbacks(execute=True):
            services.application_approve(application=application, actor=actors["petugas"])
        return sent

    return approve


def _issued(doc_type: str, child: Person) -> IssuedDocument:
    return IssuedDocument.objects.get(doc_type=doc_type, subject=child)


def _card_text(document: IssuedDocument) -> str:
    with default_storage.open(document.file.name, "rb") as handle:
        return pdf_text(handle.read())


@pytest.mark.django_db
def test_the_kia_issued_with_the_akta_prints_its_number(birth_approved):
    batches = birth_approved(_child("NADIA PUTRI", Sex.FEMALE))
    assert len(batches) == 1  # akta, KIA and KK go to one worker together
    for batch in batches:
        tasks.documents_render(batch)
    child = Person.objects.get(full_name="NADIA PUTRI")
    akta, kia = _issued("AKTA_KELAHIRAN", child), _issued("KIA", child)
    assert child.akta_kelahiran_number == akta.number
    assert kia.snapshot["person"]["akta_kelahiran_number"] == akta.number
    assert akta.number in _card_text(kia)


@pytest.mark.django_db
def test_a_kia_issued_before_its_akta_in_another_batch_prints_the_number_the_akta_gets(settings, birth_approved):
    settings.DOCUMENT_JOBS_PER_TASK = 1
    batches = birth_approved(_child("RAFI PRATAMA", Sex.MALE))
    doc_types = dict(DocumentJob.objects.values_list("pk", "doc_type"))
    assert [doc_types[batch[0]] for batch in batches] == ["AKTA_KELAHIRAN", "KIA", "KK"]
    for batch in reversed(batches):  # the worker that got the KIA runs first
        tasks.documents_render(batch)
    child = Person.objects.get(full_name="RAFI PRATAMA")
    akta, kia = _issued("AKTA_KELAHIRAN", child), _issued("KIA", child)
    assert kia.snapshot["person"]["akta_kelahiran_number"] == akta.number == child.akta_kelahiran_number
    assert akta.number in _card_text(kia)
    assert akta.version == 1 and akta.snapshot["akta_number"] == akta.number
    # Every batch run again issues nothing new and draws no new number.
    for batch in batches:
        tasks.documents_render(batch)
    assert IssuedDocument.objects.count() == 3
    assert set(DocumentJob.objects.values_list("state", "attempts")) == {(JobState.ISSUED, 1)}


@pytest.mark.django_db
def test_each_twin_s_kia_prints_its_own_akta(birth_approved):
    for batch in birth_approved(_child("HASAN", Sex.MALE), _child("HUSAIN", Sex.MALE)):
        tasks.documents_render(batch)
    numbers = set()
    for name in ("HASAN", "HUSAIN"):
        child = Person.objects.get(full_name=name)
        akta, kia = _issued("AKTA_KELAHIRAN", child), _issued("KIA", child)
        assert kia.snapshot["person"]["akta_kelahiran_number"] == akta.number
        numbers.add(akta.number)
    assert len(numbers) == 2


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_workers_issuing_the_akta_and_the_kia_at_once_agree_on_the_number(settings, birth_approved):
    from concurrent.futures import ThreadPoolExecutor
    from threading import Barrier

    from django.db import connection, connections

    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    settings.DOCUMENT_JOBS_PER_TASK = 1
    names = ["ANAK SATU", "ANAK DUA", "ANAK TIGA"]
    rounds = [birth_approved(_child(name, Sex.FEMALE, days_old)) for days_old, name in enumerate(names)]
    for batches in rounds:
        start = Barrier(len(batches))

        def run(batch: list[int], start: Barrier = start) -> None:
            try:
                start.wait(timeout=10)
                tasks.documents_render(batch)
            finally:
                connections.close_all()

        with ThreadPoolExecutor(max_workers=len(batches)) as pool:
            list(pool.map(run, reversed(batches)))
    for name in names:
        child = Person.objects.get(full_name=name)
        akta, kia = _issued("AKTA_KELAHIRAN", child), _issued("KIA", child)
        assert kia.snapshot["person"]["akta_kelahiran_number"] == akta.number == child.akta_kelahiran_number
    assert IssuedDocument.objects.filter(doc_type="AKTA_KELAHIRAN").values("number").distinct().count() == 3


@pytest.mark.django_db
def test_a_kia_waits_for_an_akta_that_failed_instead_of_printing_a_dash(
    settings, birth_approved, monkeypatch, django_capture_on_commit_callbacks
):
    from documents import issuing
    from documents.services import jobs_retry
    from documents.snapshots import SnapshotError

    real_build = issuing.snapshot_build

    def akta_data_broken(**kwargs):  # the akta's data fails (e.g. a record staff must fix first)
        if kwargs["doc_type"] == "AKTA_KELAHIRAN":
            raise SnapshotError("Data kelahiran tidak lengkap.")
        return real_build(**kwargs)

    settings.DOCUMENT_JOBS_PER_TASK = 1
    batches = birth_approved(_child("SALSA", Sex.FEMALE))
    monkeypatch.setattr(issuing, "snapshot_build", akta_data_broken)
    for batch in batches:  # the akta's run fails first, then the KIA's
        tasks.documents_render(batch)
    jobs = {job.doc_type: job for job in DocumentJob.objects.all()}
    akta, kia = jobs["AKTA_KELAHIRAN"], jobs["KIA"]
    assert akta.state == kia.state == JobState.FAILED
    assert f"pekerjaan #{akta.pk}" in kia.error and not kia.number  # no KIA number drawn for it
    assert not IssuedDocument.objects.filter(doc_type="KIA").exists()
    # Fixed and retried in the order the reason gives: the KIA then prints the akta's number.
    monkeypatch.setattr(issuing, "snapshot_build", real_build)
    sent: list[list[int]] = []
    monkeypatch.setattr(tasks.documents_render, "delay", sent.append)
    for job in (akta, kia):
        with django_capture_on_commit_callbacks(execute=True):
            jobs_retry(job_ids=[job.pk])
        for batch in sent:
            tasks.documents_render(batch)
        sent.clear()
    child = Person.objects.get(full_name="SALSA")
    issued_akta, issued_kia = _issued("AKTA_KELAHIRAN", child), _issued("KIA", child)
    assert issued_kia.snapshot["person"]["akta_kelahiran_number"] == issued_akta.number
    assert issued_akta.number in _card_text(issued_kia)
