"""Time ``/capaian/`` and ``/capaian/export.csv`` on the full demo city (not a unit test).

    python benchmarks/dashboard.py [--reseed] [--database-url URL] [--redis-url URL]

Seeds ``--profile gorontalo-2020`` (201,154 residents, as of 2020-12-31) into a scratch
PostgreSQL database (``dukcapil_bench``, dropped and created when empty or with
``--reseed``; reused when already seeded), then requests the pages in-process with Django's
test client: cold (cache cleared before each request) and warm, with the query count. The
baseline, measured in the same run, is a trivial page (the 404 answer, which goes through
the same middleware) and a ``SELECT 1`` round trip. Targets (issue 7): warm < 300 ms,
cold < 2 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/dukcapil_bench"
AS_OF = dt.date(2020, 12, 31)
YEAR = 2020


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB))
    parser.add_argument("--redis-url", default=os.environ.get("BENCH_REDIS_URL", ""), help="time with Redis as cache")
    parser.add_argument("--reseed", action="store_true", help="drop and recreate the scratch database")
    parser.add_argument("--cold", type=int, default=5, help="cold requests per page")
    parser.add_argument("--warm", type=int, default=30, help="warm requests per page")
    return parser.parse_args()


def recreate_database(url: str) -> None:
    import psycopg2

    parts = urlparse(url)
    name = parts.path.lstrip("/")
    if not name.startswith(("dukcapil_bench", "bench_")):
        sys.exit(f"refusing to drop {name!r}: the benchmark only drops a scratch database named dukcapil_bench*")
    admin = psycopg2.connect(
        host=parts.hostname, port=parts.port or 5432, user=parts.username, password=parts.password, dbname="postgres"
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()


def database_exists(url: str) -> bool:
    import psycopg2

    parts = urlparse(url)
    try:
        psycopg2.connect(
            host=parts.hostname,
            port=parts.port or 5432,
            user=parts.username,
            password=parts.password,
            dbname=parts.path.lstrip("/"),
        ).close()
    except psycopg2.OperationalError:
        return False
    return True


def timed(function: Callable[[], object], runs: int) -> tuple[list[float], object]:
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = function()
        times.append((time.perf_counter() - started) * 1000)
    return times, result


def summary(times: list[float]) -> str:
    return f"median {statistics.median(times):8.1f} ms  min {min(times):8.1f} ms  max {max(times):8.1f} ms"


def main() -> None:
    args = parse_args()
    if not urlparse(args.database_url).scheme.startswith("postgres"):
        sys.exit("the benchmark runs on PostgreSQL (--database-url postgres://...)")
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DEBUG", "0")  # no query log, as in production
    if args.redis_url:
        os.environ["REDIS_URL"] = args.redis_url
    else:
        os.environ.pop("REDIS_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dukcapil.settings")
    sys.path.insert(0, str(ROOT))

    if args.reseed or not database_exists(args.database_url):
        recreate_database(args.database_url)

    import django

    django.setup()
    from django.core.cache import cache, caches
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from registry.models import Person
    from registry.seeding import city_seed
    from registry.selectors import register_size
    from registry.synthetic import PROFILES

    call_command("migrate", verbosity=0)
    profile = PROFILES["gorontalo-2020"]
    population, families = register_size()
    if population != profile.persons or families != profile.families:
        print(f"seeding {profile.persons:,} residents (about a minute) ...", flush=True)
        started = time.perf_counter()
        city_seed(profile=profile, seed=1, as_of=AS_OF, replace=Person.objects.exists())
        print(f"seeded in {time.perf_counter() - started:.1f} s", flush=True)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        population, families = register_size()
    else:
        print("reusing the seeded database", flush=True)
    print(f"database {connection.settings_dict['NAME']}: {population:,} residents, {families:,} families")
    print(f"cache backend: {caches['default'].__class__.__name__}")

    client = Client()
    pages = {
        "/capaian/": f"/capaian/?tahun={YEAR}",
        "/capaian/export.csv": f"/capaian/export.csv?tahun={YEAR}",
    }

    def select_one() -> None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()

    class QueryCounter:
        def __init__(self) -> None:
            self.count = 0

        def __call__(
            self,
            execute: Callable[[str, object, bool, dict], object],
            sql: str,
            params: object,  # a sequence or mapping; a list of them when many
            many: bool,
            context: dict,
        ) -> object:
            self.count += 1
            return execute(sql, params, many, context)

    def queries_of(function: Callable[[], object]) -> int:
        counter = QueryCounter()
        with connection.execute_wrapper(counter):
            function()
        return counter.count

    logging.getLogger("django.request").setLevel(logging.ERROR)  # the baseline's 404s
    client.get("/no-such-page/")  # first request: URL resolver, templates, connection
    client.get("/")
    select_one()
    baseline_page, _ = timed(lambda: client.get("/no-such-page/"), args.warm)
    baseline_home, _ = timed(lambda: client.get("/"), args.warm)
    baseline_sql, _ = timed(select_one, args.warm)
    base_page = statistics.median(baseline_page)
    base_home = statistics.median(baseline_home)
    print()
    print(f"{'baseline SELECT 1':<34} {summary(baseline_sql)}")
    print(f"{'baseline 404 page (A)':<34} {summary(baseline_page)}")
    print(f"{'baseline home page, 2 COUNTs (B)':<34} {summary(baseline_home)}")

    results = {}
    for label, url in pages.items():

        def cold(url: str = url) -> object:
            cache.clear()
            return client.get(url)

        cold_times, response = timed(cold, args.cold)
        assert response.status_code == 200, response.status_code
        cold_queries = queries_of(cold)
        warm_times, response = timed(lambda url=url: client.get(url), args.warm)
        warm_queries = queries_of(lambda url=url: client.get(url))
        results[label] = (cold_times, warm_times, cold_queries, warm_queries, len(response.content))

    print()
    for label, (cold_times, warm_times, cold_q, warm_q, size) in results.items():
        cold_median, warm_median = statistics.median(cold_times), statistics.median(warm_times)
        print(f"{label} ({size:,} bytes)")
        for name, times, queries in (("cold", cold_times, cold_q), ("warm", warm_times, warm_q)):
            median = statistics.median(times)
            print(
                f"  {name:<6} {summary(times)}  queries {queries}  "
                f"= {median / base_page:6.1f} x A, {median / base_home:5.2f} x B"
            )
        verdict = "OK" if cold_median < 2000 and warm_median < 300 else "OVER TARGET"
        print(f"  targets cold < 2000 ms, warm < 300 ms: {verdict}")


if __name__ == "__main__":
    main()
