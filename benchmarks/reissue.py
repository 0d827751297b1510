"""Re-issue benchmark: N KK jobs through real Celery worker processes on Redis + PostgreSQL.

    python benchmarks/reissue.py [--families 1000] [--concurrency 2]
        [--database-url postgres://postgres@127.0.0.1:5432/dukcapil_perf_bench]
        [--redis-url redis://127.0.0.1:6379/8]

Drops and creates the scratch PostgreSQL database (its name must contain 'bench'),
migrates it, seeds a city with ``seed_city`` and takes N families. Starts one
``celery -A dukcapil worker --pool=prefork --concurrency=C`` (C = cores by default) on the
Redis db, which it empties first. A few warm-up jobs go first (process start, fonts,
signing key); then N KK jobs are created with ``documents.services.jobs_create`` (one job
per family, sent to the broker after commit in tasks of ``DOCUMENT_JOBS_PER_TASK`` jobs,
exactly as an approval sends them) and the clock runs from the commit until every job is
ISSUED. Prints docs/s and the projected
time for all 61,549 families of the city. Not a unit test.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from scratch_db import recreate_database  # noqa: E402

CITY_FAMILIES = 61_549
GOAL_SECONDS = 600


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--families", type=int, default=1000, help="KK jobs to issue (one per family)")
    parser.add_argument("--concurrency", type=int, default=os.cpu_count() or 2, help="worker pool processes")
    parser.add_argument("--warmup", type=int, default=8, help="untimed jobs first")
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/dukcapil_perf_bench")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/8")
    parser.add_argument("--timeout", type=float, default=1800, help="give up after this many seconds")
    return parser.parse_args()


def worker_start(env: dict, concurrency: int, log: Path) -> subprocess.Popen:
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
        "--loglevel=WARNING",
        f"--hostname=reissue-bench-{uuid.uuid4().hex[:8]}@%h",
    ]
    return subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
        command, cwd=ROOT, env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT, start_new_session=True
    )


def worker_stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


def cpu_seconds(pids: list[int]) -> float:
    """utime + stime of ``pids`` (Linux /proc), in seconds."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / ticks


def worker_pids(worker: subprocess.Popen) -> list[int]:
    children = Path(f"/proc/{worker.pid}/task/{worker.pid}/children")
    return [worker.pid, *(int(p) for p in (children.read_text().split() if children.exists() else []))]


def postgres_pids() -> list[int]:
    """The server processes of the workers' connections to the scratch database."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return [row[0] for row in cursor.fetchall()]


def main() -> None:
    args = parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="reissue-bench-"))
    env = {k: v for k, v in os.environ.items() if k not in ("MEDIA_ROOT", "SIGNING_KEY_DIR")}
    env.update(
        {
            "DATABASE_URL": args.database_url,
            "CELERY_BROKER_URL": args.redis_url,
            "DUKCAPIL_VAR_DIR": str(tmp / "var"),
            "DJANGO_SETTINGS_MODULE": "dukcapil.settings",
            "PYTHONPATH": str(ROOT),
            "DEBUG": "0",  # as in production: no query log in the workers
        }
    )
    os.environ.update(env)
    recreate_database(args.database_url)
    import redis

    redis.Redis.from_url(args.redis_url).flushdb()
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import transaction

    from documents.models import DocumentJob, JobState
    from documents.services import JobSpec, jobs_create
    from registry.models import Family
    from verification.pades import signature_field_add  # noqa: F401 - fail early if absent

    call_command("migrate", verbosity=0)
    total = args.warmup + args.families
    started = time.perf_counter()
    call_command("seed_city", persons=int(total * 4.2) + 40, verbosity=0)
    families = list(
        Family.objects.filter(is_active=True, head__isnull=False).order_by("pk").values_list("pk", flat=True)[:total]
    )
    if len(families) < total:
        sys.exit(f"the seeded city has {len(families)} families, {total} needed")
    print(f"seeded {len(families)} families in {time.perf_counter() - started:.1f} s")
    # The signing key and the office CA exist before the workers start (as in production).
    from verification.keys import signing_key_current
    from verification.pades import _certified

    _certified(signing_key_current()[0])

    log = tmp / "worker.log"
    worker = worker_start(env, args.concurrency, log)

    server_cpu: dict[int, tuple[float, float]] = {}  # backend pid -> (first seen, last seen) CPU seconds

    def servers_sample(*, baseline: bool = False) -> None:
        """Backends come and go (CONN_MAX_AGE): a new one counts from zero."""
        for pid in postgres_pids():
            used = cpu_seconds([pid])
            first = server_cpu.get(pid, (used if baseline else 0.0, 0.0))[0]
            server_cpu[pid] = (first, used)

    def wait_issued(ids: list[int], *, sample: bool = False) -> None:
        deadline = time.monotonic() + args.timeout
        # The jobs of one bulk_create: a range query is cheaper to build than 2,000 ids.
        pending = DocumentJob.objects.filter(pk__gte=min(ids), pk__lte=max(ids)).exclude(state=JobState.ISSUED)
        while pending.exists():
            if worker.poll() is not None or time.monotonic() > deadline:
                failed = DocumentJob.objects.filter(pk__in=ids, state=JobState.FAILED).values_list("error")[:3]
                sys.exit(f"jobs not issued (failed: {list(failed)}); worker log:\n{log.read_text()[-3000:]}")
            if sample:
                servers_sample()
            time.sleep(0.25)

    try:
        with transaction.atomic():
            warm = jobs_create(application=None, specs=[JobSpec("KK", family_id=pk) for pk in families[: args.warmup]])
        wait_issued([job.pk for job in warm])
        specs = [JobSpec("KK", family_id=pk) for pk in families[args.warmup :]]
        pids = worker_pids(worker)
        servers_sample(baseline=True)
        cpu_before = cpu_seconds(pids), time.process_time(), cpu_seconds(pids[:1])
        load_before = os.getloadavg()[0]
        with transaction.atomic():
            jobs = jobs_create(application=None, specs=specs)
        started = time.perf_counter()  # the jobs reach the broker on commit, just before this
        ids = [job.pk for job in jobs]
        wait_issued(ids, sample=True)
        seconds = time.perf_counter() - started
        servers_sample()
        cpu_after = cpu_seconds(pids), time.process_time(), cpu_seconds(pids[:1])
        load_after = os.getloadavg()[0]
    finally:
        worker_stop(worker)
    sent = DocumentJob.objects.filter(pk__in=ids, sent_at__isnull=False).count()
    rate = len(ids) / seconds
    city = CITY_FAMILIES / rate
    print(
        f"{len(ids)} KK jobs ({sent} sent after commit) issued by 1 worker x {args.concurrency} processes "
        f"(Redis {args.redis_url.rsplit('/', 1)[1]}, PostgreSQL {args.database_url.rsplit('/', 1)[1]}) "
        f"in {seconds:.2f} s"
    )
    worker_cpu, own_cpu, main_cpu = (after - before for after, before in zip(cpu_after, cpu_before, strict=True))
    server_cpu_total = sum(last - first for first, last in server_cpu.values())
    per_doc = (worker_cpu + server_cpu_total) / len(ids)
    print(
        f"CPU per document: worker {worker_cpu / len(ids) * 1000:.1f} ms (of which Celery's main process "
        f"{main_cpu / len(ids) * 1000:.1f} ms) + PostgreSQL backends "
        f"{server_cpu_total / len(ids) * 1000:.1f} ms = {per_doc * 1000:.1f} ms (this script's polling: "
        f"{own_cpu:.1f} s in all); load average {load_before:.1f} -> {load_after:.1f} on {os.cpu_count()} cores"
    )
    print(
        f"CPU-bound ceiling with the {os.cpu_count()} cores to itself (Redis and this script aside): "
        f"{(os.cpu_count() or 2) / per_doc:.0f} docs/s"
    )
    print(f"docs/s={rate:.1f}")
    verdict = "within" if city <= GOAL_SECONDS else "over"
    print(
        f"projected for all {CITY_FAMILIES:,} families: {city:.0f} s = {city / 60:.1f} min "
        f"({verdict} the 10-minute goal)"
    )


if __name__ == "__main__":
    main()
