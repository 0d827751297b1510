"""Load-test the public verify page against a trivial view of the same app (not a unit test).

    python benchmarks/verify.py [--seconds 10] [--concurrency 8] [--database-url URL]

Builds a scratch app state under a temporary directory (SQLite file database, or with
``--database-url`` a scratch PostgreSQL database whose name contains "bench", dropped and
created), issues ``--documents`` real KKs through the documents pipeline (their QRs read
back from the PDFs) and ``--distinct`` more issued rows signed the same way, starts
gunicorn with 2 sync workers on 127.0.0.1, then drives, one after the other:

- ``/healthz`` (the trivial view),
- ``verify``: the real KKs' ``/V/<TOKEN>`` URLs over and over (repeat scans: the per-process
  caches help, i.e. tokens whose signature already verified and the key rows (10 s); the
  document's row is still read from the database on every scan),
- ``verify-first``: each distinct document once (first scans: the signature is checked and
  the document's row read; only the page skeleton per verdict and language and the key row
  are shared with earlier requests).

Load comes from ``wrk`` (one C thread) when installed, else from the asyncio generator
here (one new connection per request, as gunicorn's sync workers close them). Rate
limiting is off for the run. The targets are driven in turn, ``--rounds`` times; each
round prints requests/s and p50/p99, then each target gets the median of its rounds and its
worst p99 (the machine is shared: a slow spell then weighs on every target alike; compare
figures of one run). The last two lines are ``repeat scans: ratio=<x> p99_ms=<y>`` and the headline
``ratio=<x> p99_ms=<y>`` for first scans, each against healthz.

Why first scans are the headline: a QR is scanned a handful of times over a document's
life, by different people, and each scan lands on whichever worker is free, so what a
worker mostly sees is a document it has not met. The repeat figure measures the caches; the
first-scan figure is what the full check costs. Goals (issue 6): ratio >= 0.7, p99 < 50 ms.

``--floor`` serves ``benchmarks/verify_floor.py`` instead (the same app plus three stripped
views) and also drives: the signature check alone on unseen tokens, the scan's one query
alone, and both together with nothing else; each printed as ``floor-<part>: ratio=<x>``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable

SETUP = """
import django
django.setup()
import sys
from django.conf import settings
from django.utils import timezone
from documents.issuing import document_produce
from documents.models import DocumentJob, IssuedDocument
from tests.factories import household
from verification.filecheck import qr_texts_in_pdf
from verification.tokens import record_digest, token_sign, verify_url

rendered, distinct = int(sys.argv[1]), int(sys.argv[2])
for _ in range(rendered):  # real KKs through the pipeline, QR read back from the PDF
    family = household(children=2)["head"].family
    document = document_produce(job_id=DocumentJob.objects.create(doc_type="KK", family=family).pk)
    with document.file.open("rb") as handle:
        print("URL=" + qr_texts_in_pdf(handle.read())[0][0])
# Many more issued rows with the same kind of snapshot, signed the same way but not drawn,
# so that a run can request each document once (no per-process cache helps a first scan).
template = document.snapshot
jobs = DocumentJob.objects.bulk_create(DocumentJob(doc_type="KK", state="ISSUED") for _ in range(distinct))
rows, urls = [], []
for index, job in enumerate(jobs):
    number = f"75710199{index:08d}"
    snapshot = {**template, "number": number}
    now, digest = timezone.now(), record_digest(snapshot)
    signed = token_sign(doc_type="KK", number=number, version=1, subject_name=snapshot["subject"]["name"],
                        nik=snapshot["subject"]["nik"], record_digest=digest, issued_at=now)
    rows.append(IssuedDocument(job=job, doc_type="KK", number=number, version=1, lineage=f"KK:{number}",
                               snapshot=snapshot, record_digest=digest, official_name=settings.SIGNING_OFFICIAL_NAME,
                               official_title=settings.SIGNING_OFFICIAL_TITLE, file="-", sha256="0" * 64,
                               key_id=signed.key_id, issued_at=now))
    urls.append(verify_url(signed.token))
IssuedDocument.objects.bulk_create(rows, batch_size=500)
for url in urls:
    print("DISTINCT=" + url)
"""


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=12.0, help="measuring time per target, over all rounds")
    parser.add_argument("--rounds", type=int, default=3, help="the targets are driven in turn, this many times")
    parser.add_argument("--warmup", type=float, default=2.0)
    parser.add_argument("--concurrency", type=int, default=8, help="requests in flight")
    parser.add_argument("--max-requests", type=int, default=200_000, help="bound per target")
    parser.add_argument(
        "--documents", type=int, default=10, help="KKs rendered for real (their QRs are repeat-scanned)"
    )
    parser.add_argument(
        "--distinct", type=int, default=40_000, help="issued rows for the first-scan run (each requested at most once)"
    )
    parser.add_argument(
        "--database-url",
        default="",
        help="a scratch PostgreSQL database whose name contains 'bench' (dropped and created); "
        "default: a SQLite file in the temporary directory",
    )
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument(
        "--generator",
        choices=("auto", "wrk", "python"),
        default="auto",
        help="load generator: wrk when installed (apt-get install wrk), else the asyncio one here",
    )
    parser.add_argument(
        "--floor",
        action="store_true",
        help="also drive the stripped-down views of benchmarks/verify_floor.py (signature check only, "
        "the one query only, both): the least a scan can cost",
    )
    parser.add_argument("--keep", action="store_true", help="debugging: pause before stopping the server")
    return parser.parse_args()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def one_request(host: str, port: int, path: str) -> tuple[float, int]:
    started = time.perf_counter()
    reader, writer = await asyncio.open_connection(host, port)
    writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
    await writer.drain()
    data = await reader.read()  # until the server closes
    writer.close()
    elapsed = time.perf_counter() - started
    status = int(data[9:12]) if data.startswith(b"HTTP/1.") else 0
    return elapsed, status


async def drive(host: str, port: int, paths: list[str], *, seconds: float, concurrency: int, limit: int) -> dict:
    latencies: list[float] = []
    errors = 0
    deadline = time.perf_counter() + seconds

    async def worker(offset: int) -> None:
        nonlocal errors
        turn = offset
        while time.perf_counter() < deadline and len(latencies) + errors < limit:
            turn += 1
            try:
                elapsed, status = await one_request(host, port, paths[turn % len(paths)])
            except OSError:
                errors += 1
                continue
            if status == 200:
                latencies.append(elapsed)
            else:
                errors += 1

    started = time.perf_counter()
    await asyncio.gather(*(worker(n) for n in range(concurrency)))
    wall = time.perf_counter() - started
    latencies.sort()

    def pct(p: float) -> float:
        return latencies[min(len(latencies) - 1, int(len(latencies) * p))] * 1000 if latencies else float("nan")

    return {
        "requests": len(latencies),
        "errors": errors,
        "rps": len(latencies) / wall,
        "p50_ms": pct(0.50),
        "p99_ms": pct(0.99),
        "mean_ms": statistics.fmean(latencies) * 1000 if latencies else float("nan"),
    }


WRK_SCRIPT = """
paths = {}
for line in io.lines("%s") do paths[#paths + 1] = line end
i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i %% #paths) + 1])
end
"""


def drive_wrk(port: int, paths: list[str], *, seconds: float, concurrency: int, script_dir: Path) -> dict:
    """The same measurement with wrk (C, one thread), which leaves more CPU to the server."""
    import re

    listing = script_dir / "paths.txt"
    listing.write_text("\n".join(paths) + "\n")
    script = script_dir / "paths.lua"
    script.write_text(WRK_SCRIPT % listing)
    output = subprocess.run(
        [
            "wrk",
            "-t1",
            f"-c{concurrency}",
            f"-d{max(1, int(seconds))}s",
            "--latency",
            "-s",
            str(script),
            f"http://127.0.0.1:{port}",
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=seconds + 60,
    ).stdout

    def ms(label: str) -> float:
        match = re.search(rf"^\s*{label}\s+([\d.]+)(us|ms|s)\s*$", output, re.MULTILINE)
        if not match:
            return float("nan")
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    requests = int(re.search(r"(\d+) requests in", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: .*", output)
    return {
        "requests": requests,
        "errors": int(errors.group(1)) if errors else 0,
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50_ms": ms("50%"),
        "p99_ms": ms("99%"),
        "mean_ms": float("nan"),
        "note": socket_errors.group(0) if socket_errors else "",
    }


def load_average() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg()) + f" ({os.cpu_count()} CPUs)"


def recreate_database(url: str) -> None:
    from urllib.parse import urlparse

    import psycopg2

    parts = urlparse(url)
    name = parts.path.lstrip("/")
    if "bench" not in name or not name.replace("_", "").isalnum():
        sys.exit(f"refusing to drop {name!r}: give a scratch database whose name contains 'bench'")
    admin = psycopg2.connect(
        host=parts.hostname, port=parts.port or 5432, user=parts.username, password=parts.password, dbname="postgres"
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()


def main() -> int:
    args = parse_args()
    with tempfile.TemporaryDirectory(prefix="verify-bench-") as tmp:
        tmp_path = Path(tmp)
        env = {
            **os.environ,
            "DUKCAPIL_VAR_DIR": str(tmp_path),
            "DATABASE_URL": args.database_url or f"sqlite:///{tmp_path / 'bench.sqlite3'}",
            "SIGNING_KEY_DIR": str(tmp_path / "keys"),
            "MEDIA_ROOT": str(tmp_path / "media"),
            "DJANGO_SETTINGS_MODULE": "dukcapil.settings",
            "DEBUG": "0",
            "VERIFY_RATE_LIMIT_PER_MINUTE": "0",
            "LOG_LEVEL": "WARNING",
            "PYTHONPATH": str(ROOT),
        }
        env.pop("REDIS_URL", None)
        run = {"cwd": ROOT, "env": env, "check": True}
        if args.database_url:
            recreate_database(args.database_url)
        subprocess.run([PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"], **run)
        setup = subprocess.run(
            [PYTHON, "-c", SETUP, str(args.documents), str(args.distinct * (3 if args.floor else 1))],
            capture_output=True,
            text=True,
            **{**run, "check": False},
        )
        if setup.returncode != 0:
            print(setup.stderr[-3000:], file=sys.stderr)
            return 1
        urls = [line[4:] for line in setup.stdout.splitlines() if line.startswith("URL=")]
        paths = ["/" + url.split("/", 3)[3] for url in urls]
        distinct = [
            "/" + line[9:].split("/", 3)[3] for line in setup.stdout.splitlines() if line.startswith("DISTINCT=")
        ]
        url, path = urls[0], paths[0]
        port = args.port or free_port()
        server = subprocess.Popen(
            [
                str(Path(PYTHON).parent / "gunicorn"),
                "benchmarks.verify_floor:application" if args.floor else "dukcapil.wsgi",
                "--workers",
                "2",
                "--bind",
                f"127.0.0.1:{port}",
                "--log-level",
                "warning",
                "--backlog",
                "2048",
            ],
            cwd=ROOT,
            env=env,
            start_new_session=True,
        )
        try:
            for _ in range(100):
                try:
                    if asyncio.run(one_request("127.0.0.1", port, "/healthz"))[1] == 200:
                        break
                except OSError:
                    pass
                time.sleep(0.1)
            else:
                print("gunicorn did not start", file=sys.stderr)
                return 1
            body = subprocess.run(
                [
                    PYTHON,
                    "-c",
                    f"import urllib.request;print(urllib.request.urlopen('http://127.0.0.1:{port}{path}').read().decode())",
                ],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            if "ASLI DAN BERLAKU" not in body:
                print("the verify page did not read ASLI DAN BERLAKU", file=sys.stderr)
                return 1
            sequential = {
                name: asyncio.run(drive("127.0.0.1", port, targets, seconds=2, concurrency=1, limit=2000))
                for name, targets in (("healthz", ["/healthz"]), ("verify", paths))
            }
            print(
                "one request at a time: "
                + ", ".join(f"{name} mean {r['mean_ms']:.2f} ms" for name, r in sequential.items())
            )
            print(f"{len(paths)} documents; first QR URL: {url} ({len(url)} characters)")
            print(
                f"database: {env['DATABASE_URL'].split('@')[-1]}; gunicorn: 2 sync workers;"
                f" concurrency {args.concurrency}"
            )
            results = {}
            use_wrk = args.generator == "wrk" or (args.generator == "auto" and shutil.which("wrk"))
            print(f"load generator: {'wrk -t1' if use_wrk else 'asyncio (this script)'}")
            print(f"load average before: {load_average()}")
            runs = [("healthz", ["/healthz"]), ("verify", paths), ("verify-first", distinct[: args.distinct])]
            if args.floor:  # each on documents no earlier run met (the signature cache stays cold)
                unseen = [path.split("/V/", 1)[1] for path in distinct[args.distinct :]]
                half = len(unseen) // 2
                runs += [
                    ("floor-sig", [f"/floor/sig/{token}" for token in unseen[:half]]),
                    ("floor-db", [f"/floor/db/{token}" for token in unseen[:1]]),
                    ("floor-both", [f"/floor/both/{token}" for token in unseen[half:]]),
                ]
            # Rounds: every target once per round, each for seconds / rounds; a target's figure
            # is its median over the rounds, so a slow spell of this shared machine lands on all
            # targets alike instead of on whichever ran during it.
            once = {"verify-first", "floor-sig", "floor-both"}  # each document requested at most once
            offsets = dict.fromkeys(once, 0)
            rounds: dict[str, list[dict]] = {name: [] for name, _ in runs}
            drive_args = {"concurrency": args.concurrency, "limit": args.max_requests}
            for name, targets in runs:
                if name not in once:  # a warm-up would make the others repeat scans
                    asyncio.run(drive("127.0.0.1", port, targets, seconds=args.warmup, **drive_args))
            for round_number in range(args.rounds):
                for name, targets in runs:
                    left = (targets[offsets[name] :] or targets) if name in once else targets
                    seconds = args.seconds / args.rounds
                    if use_wrk:
                        r = drive_wrk(port, left, seconds=seconds, concurrency=args.concurrency, script_dir=tmp_path)
                    else:
                        r = asyncio.run(drive("127.0.0.1", port, left, seconds=seconds, **drive_args))
                    if name in once:
                        offsets[name] += r["requests"] + r["errors"]
                        r["wrapped"] = offsets[name] > len(targets)
                    rounds[name].append(r)
                    print(
                        f"round {round_number + 1} {name:12s} {r['rps']:8.1f} req/s  p50 {r['p50_ms']:6.2f} ms"
                        f"  p99 {r['p99_ms']:6.2f} ms  n={r['requests']} errors={r['errors']}"
                    )
            for name, measured in rounds.items():
                results[name] = {
                    "rps": statistics.median(r["rps"] for r in measured),
                    "p99_ms": max(r["p99_ms"] for r in measured),
                    "errors": sum(r["errors"] for r in measured),
                    "wrapped": any(r.get("wrapped") for r in measured),
                }
                r = results[name]
                print(f"{name:12s} median {r['rps']:8.1f} req/s  worst p99 {r['p99_ms']:6.2f} ms  errors={r['errors']}")
            if args.keep:
                print(f"KEEP http://127.0.0.1:{port}{path}", flush=True)
                time.sleep(120)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        print(f"load average after: {load_average()}")
        first = results["verify-first"]
        for name in ("floor-sig", "floor-db", "floor-both"):
            if name in results:
                print(f"{name}: ratio={results[name]['rps'] / results['healthz']['rps']:.2f}")
        if first["wrapped"]:
            print(f"note: verify-first wrapped around its {args.distinct} documents (raise --distinct)")
        print(
            f"repeat scans: ratio={results['verify']['rps'] / results['healthz']['rps']:.2f}"
            f" p99_ms={results['verify']['p99_ms']:.1f}"
        )
        # The headline is the first-scan run: the caches of this process do not help it.
        ratio = first["rps"] / results["healthz"]["rps"]
        print(f"ratio={ratio:.2f} p99_ms={first['p99_ms']:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
