"""Real Celery worker processes: Redis + PostgreSQL (production), and the laptop default
(kombu's filesystem transport + a SQLite file). Eager mode would hide transaction and
serialisation bugs, so these start ``celery -A dukcapil worker`` as a subprocess.
"""

from __future__ import annotations

import io
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, transaction

from documents.models import DocumentJob, IssuedDocument, JobState
from documents.services import jobs_resend_stale
from dukcapil.celery import app as celery_app
from tests.documents.conftest import pdf_text

pytestmark = [pytest.mark.worker, pytest.mark.slow]

BASE_DIR = Path(settings.BASE_DIR)
CLEARED = ("DATABASE_URL", "CELERY_BROKER_URL", "REDIS_URL", "MEDIA_ROOT", "SIGNING_KEY_DIR", "DUKCAPIL_VAR_DIR")


def worker_start(env: dict, log: Path, *, concurrency: int = 1, beat: bool = False) -> subprocess.Popen:
    """A worker in its own process group, so SIGKILL can take the main process and its pool."""
    command = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "dukcapil",
        "worker",
        "--pool=prefork",
        f"--concurrency={concurrency}",
        "--without-mingle",
        "--without-gossip",
        "--loglevel=INFO",
        f"--hostname=docs-test-{uuid.uuid4().hex[:8]}@%h",
        *(["--beat"] if beat else []),
    ]
    return subprocess.Popen(
        command,
        cwd=BASE_DIR,
        env=env,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def worker_stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


def wait_for(predicate, *, timeout: float, log: Path, interval: float = 0.2):  # noqa: ANN001, ANN201
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    pytest.fail(f"timed out; worker log:\n{log.read_text()[-4000:] if log.exists() else '(none)'}")


def base_env() -> dict:
    env = {k: v for k, v in os.environ.items() if k not in CLEARED and not k.startswith("PYTEST")}
    env["PYTHONPATH"] = str(BASE_DIR)
    return env


# -- Redis + PostgreSQL ------------------------------------------------------------------
def _broker(url: str) -> None:
    """Point this process's Celery app at ``url`` (dropping its cached connections)."""
    celery_app.conf.broker_url = url
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.fixture
def redis_broker(redis_url):
    """This process publishes to the test Redis db (TEST_REDIS_URL), emptied before and after."""
    import redis

    client = redis.Redis.from_url(redis_url)
    client.flushdb()
    previous = celery_app.conf.broker_url
    _broker(redis_url)
    yield redis_url
    _broker(previous)
    client.flushdb()


@pytest.fixture
def postgres_worker_env(redis_broker, settings, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("the production worker test needs PostgreSQL (DATABASE_URL)")
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    env = base_env()
    env.update(
        {
            # The worker must use the test database, not the one DATABASE_URL names.
            "DATABASE_URL": (
                f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
            ),
            "CELERY_BROKER_URL": redis_broker,
            "MEDIA_ROOT": str(settings.MEDIA_ROOT),
            "SIGNING_KEY_DIR": str(settings.SIGNING_KEY_DIR),
            "DUKCAPIL_VAR_DIR": str(tmp_path / "var"),
        }
    )
    return env


def approved_death(actors) -> object:
    """A citizen reports the death of their child; the petugas approves through the real services."""
    from requests_app import services
    from requests_app.models import Service

    child = actors["home"]["child0"]
    application = services.application_draft_save(
        applicant=actors["citizen"],
        service=Service.objects.get(code="AKTA_KEMATIAN"),
        subject=None,
        family=None,
        event_data={
            "deceased_id": child.pk,
            "death_date": "2026-11-20",
            "death_place": "RSUD ALOEI SABOE",
            "cause": "SAKIT",
        },
        channel="ONLINE",
    )
    application = services.application_submit(application=application, actor=actors["citizen"])
    with transaction.atomic():
        services.application_approve(application=application, actor=actors["petugas"])
    application.refresh_from_db()
    return application


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_approval_makes_a_real_worker_issue_every_job(actors, postgres_worker_env, tmp_path):
    from requests_app.models import ApplicationState

    log = tmp_path / "worker.log"
    worker = worker_start(postgres_worker_env, log)
    try:
        started = time.monotonic()
        application = approved_death(actors)
        jobs = list(application.jobs.all())
        assert {job.doc_type for job in jobs} >= {"AKTA_KEMATIAN", "KK"}
        wait_for(
            lambda: not DocumentJob.objects.filter(application=application).exclude(state=JobState.ISSUED).exists(),
            timeout=90,
            log=log,
        )
        elapsed = time.monotonic() - started
    finally:
        worker_stop(worker)
    application.refresh_from_db()
    assert application.state == ApplicationState.COMPLETED
    child = actors["home"]["child0"]
    for job in jobs:
        document = IssuedDocument.objects.get(job=job)
        data = (Path(settings.MEDIA_ROOT) / document.file.name).read_bytes()
        text = pdf_text(data)
        assert document.number in text
        if job.doc_type == "AKTA_KEMATIAN":
            assert child.full_name in text and child.nik in text
        if shutil.which("qpdf"):
            copy = tmp_path / f"{job.doc_type}.pdf"
            copy.write_bytes(data)
            subprocess.run(["qpdf", "--check", str(copy)], check=True, capture_output=True)  # noqa: S603
    print(f"\n{len(jobs)} documents issued by a real worker in {elapsed:.2f} s (approval to COMPLETED)")


def _pool_children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_killed_mid_render_loses_nothing_and_issues_each_job_once(postgres_worker_env, tmp_path):
    from documents.services import JobSpec, jobs_create
    from tests.factories import household

    families = [household(children=2)["head"].family for _ in range(12)]
    with transaction.atomic():
        jobs = jobs_create(application=None, specs=[JobSpec("KK", family_id=f.pk) for f in families])
    ids = [job.pk for job in jobs]
    log = tmp_path / "worker.log"
    worker = worker_start(postgres_worker_env, log)
    try:
        # Kill -9 the whole worker (main process and pool) while a job is being rendered.
        victim = wait_for(
            lambda: (
                DocumentJob.objects.filter(pk__in=ids, state=JobState.RENDERING).values_list("pk", flat=True).first()
            ),
            timeout=60,
            log=log,
            interval=0.005,
        )
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(timeout=10)
        caught = DocumentJob.objects.get(pk=victim)
        killed_mid_render = caught.state == JobState.RENDERING
        issued_before = IssuedDocument.objects.filter(job_id__in=ids).count()
        assert issued_before < len(ids)
        # A new worker; the beat re-sends what the dead one held (here at once, not after 5 minutes).
        worker = worker_start(postgres_worker_env, log)
        import datetime as dt

        assert jobs_resend_stale(older_than=dt.timedelta(0))
        wait_for(
            lambda: not DocumentJob.objects.filter(pk__in=ids).exclude(state=JobState.ISSUED).exists(),
            timeout=120,
            log=log,
        )
    finally:
        worker_stop(worker)
    assert IssuedDocument.objects.filter(job_id__in=ids).count() == len(ids)
    assert sorted(IssuedDocument.objects.filter(job_id__in=ids).values_list("job_id", flat=True)) == sorted(ids)
    caught.refresh_from_db()
    if killed_mid_render:
        assert caught.attempts >= 2  # the killed run, then the re-sent one
    print(f"\nkilled mid-render: {killed_mid_render}; that job ran {caught.attempts} times; issued once")
    numbers = list(IssuedDocument.objects.filter(job_id__in=ids).values_list("number", "version"))
    assert len(set(numbers)) == len(ids)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_killed_pool_process_is_redelivered_at_once(postgres_worker_env, tmp_path):
    """reject_on_worker_lost: the main process requeues the task its dead child held."""
    from documents.services import JobSpec, jobs_create
    from tests.factories import household

    families = [household(children=2)["head"].family for _ in range(8)]
    with transaction.atomic():
        jobs = jobs_create(application=None, specs=[JobSpec("KK", family_id=f.pk) for f in families])
    ids = [job.pk for job in jobs]
    log = tmp_path / "worker.log"
    worker = worker_start(postgres_worker_env, log)
    try:
        wait_for(
            lambda: DocumentJob.objects.filter(pk__in=ids, state=JobState.RENDERING).exists(),
            timeout=60,
            log=log,
            interval=0.005,
        )
        for child in _pool_children(worker.pid):
            os.kill(child, signal.SIGKILL)
        wait_for(
            lambda: not DocumentJob.objects.filter(pk__in=ids).exclude(state=JobState.ISSUED).exists(),
            timeout=120,
            log=log,
        )
    finally:
        worker_stop(worker)
    assert IssuedDocument.objects.filter(job_id__in=ids).count() == len(ids)


# -- the laptop default: filesystem transport + SQLite file ------------------------------
def test_the_default_filesystem_transport_and_sqlite_work_with_a_real_worker_and_beat(tmp_path):
    """Nothing configured: SQLite under var/, the queue in var/celery — as on a fresh laptop.

    One job is sent after commit; another was never sent and reaches the worker through
    the beat's re-send (run here every 2 s, with a 1 s delay instead of 5 minutes).
    """
    env = base_env()
    env["DUKCAPIL_VAR_DIR"] = str(tmp_path / "var")
    manage = [sys.executable, "manage.py"]

    def run(*args: str) -> str:
        result = subprocess.run(  # noqa: S603
            [*manage, *args], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=300
        )
        assert result.returncode == 0, result.stderr[-3000:]
        return result.stdout

    run("migrate", "--skip-checks", "-v0")
    run("seed_city", "--persons", "40", "--skip-checks", "-v0")
    script = (
        "from django.db import transaction\n"
        "from documents.services import JobSpec, jobs_create\n"
        "from registry.models import Family\n"
        "family = Family.objects.filter(is_active=True, head__isnull=False).order_by('pk').first()\n"
        "with transaction.atomic():\n"
        "    (job,) = jobs_create(application=None, specs=[JobSpec('KK', family_id=family.pk)])\n"
        "print('JOB', job.pk, family.nomor_kk)\n"
        "from documents.models import DocumentJob\n"
        "other = Family.objects.filter(is_active=True, head__isnull=False).order_by('pk')[1]\n"
        "print('UNSENT', DocumentJob.objects.create(doc_type='KK', family=other).pk)\n"
    )
    output = run("shell", "--no-imports", "-c", script)
    _, job_id, nomor_kk = next(line for line in output.splitlines() if line.startswith("JOB ")).split()
    # A job whose send was lost (broker outage): only the beat can get it to the worker.
    unsent_id = int(next(line for line in output.splitlines() if line.startswith("UNSENT ")).split()[1])
    database = tmp_path / "var" / "dukcapil.sqlite3"

    def state() -> bool:
        with sqlite3.connect(database, timeout=30) as db:
            rows = db.execute(
                "select state from documents_documentjob where id in (?, ?)", (int(job_id), unsent_id)
            ).fetchall()
        return [row[0] for row in rows] == ["ISSUED", "ISSUED"]

    log = tmp_path / "worker.log"
    env["DOCUMENT_JOB_RESEND_AFTER_SECONDS"] = "1"
    env["DOCUMENT_JOB_RESEND_EVERY_SECONDS"] = "2"
    worker = worker_start(env, log, beat=True)
    try:
        wait_for(state, timeout=90, log=log)
    finally:
        worker_stop(worker)
    assert "Sending due task documents-resend-stale-jobs" in log.read_text()
    with sqlite3.connect(database) as db:
        name, sha256, number = db.execute(
            "select file, sha256, number from documents_issueddocument where job_id = ?", (int(job_id),)
        ).fetchone()
    data = (tmp_path / "var" / "media" / name).read_bytes()
    import hashlib

    assert hashlib.sha256(data).hexdigest() == sha256
    assert number == nomor_kk
    from pypdf import PdfReader

    assert nomor_kk in PdfReader(io.BytesIO(data)).pages[0].extract_text()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_approval_while_the_broker_is_down_is_issued_once_it_is_back(
    actors, postgres_worker_env, redis_broker, tmp_path
):
    import datetime as dt

    from requests_app.models import ApplicationState

    _broker("redis://127.0.0.1:1/5")  # nothing listens there: the broker is "down"
    try:
        application = approved_death(actors)  # the approval itself must not fail
    finally:
        _broker(redis_broker)
    assert application.state == ApplicationState.APPROVED
    jobs = DocumentJob.objects.filter(application=application)
    assert jobs.exists() and not jobs.exclude(state=JobState.PENDING, sent_at__isnull=True).exists()
    log = tmp_path / "worker.log"
    worker = worker_start(postgres_worker_env, log)
    try:
        # What the beat does every minute once the jobs are older than the re-send delay.
        assert len(jobs_resend_stale(older_than=dt.timedelta(0))) == jobs.count()
        wait_for(lambda: not jobs.exclude(state=JobState.ISSUED).exists(), timeout=90, log=log)
    finally:
        worker_stop(worker)
    application.refresh_from_db()
    assert application.state == ApplicationState.COMPLETED
    assert IssuedDocument.objects.filter(job__application=application).count() == jobs.count()
