#!/usr/bin/env python3
"""The two set-up commands, for a fresh machine with nothing but Python 3.11+.

    python3 dev.py run    # the portal: web + worker + beat, demo city and demo accounts
    python3 dev.py test   # the whole test suite (PostgreSQL and Redis when running), then
                          # the SQLite default

``python3 dev.py smoke`` is what CI adds: the SQLite default started for real (web and
worker), the home page fetched and a document rendered by the worker, then stopped.
Only the standard library is used here: this file creates the environment.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / "python"
DEMO_PERSONS = "3000"
POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/dukcapil"
REDIS_URL = "redis://127.0.0.1:6379/15"


def say(message: str) -> None:
    print(f"==> {message}", flush=True)


def ensure_environment(requirements: str) -> None:
    """Create .venv and install ``requirements`` unless they are installed already."""
    if not PYTHON.exists():
        say("Membuat lingkungan Python di .venv")
        venv.EnvBuilder(with_pip=True).create(VENV)
    wanted = hashlib.sha256()
    for name in ("requirements.txt", requirements):
        wanted.update((ROOT / name).read_bytes())
    stamp = VENV / f".installed-{requirements}"
    if stamp.exists() and stamp.read_text() == wanted.hexdigest():
        return
    say(f"Memasang paket dari {requirements}")
    subprocess.run(
        [PYTHON, "-m", "pip", "install", "-q", "--disable-pip-version-check", "-r", requirements], cwd=ROOT, check=True
    )
    stamp.write_text(wanted.hexdigest())


def manage(*args: str, env: dict | None = None) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, check=True, env=env)


def reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def start_services(env: dict, *, port: int = 8000, beat: bool = True) -> list[subprocess.Popen]:
    """Web (runserver), a Celery worker and beat, in the background."""
    commands = [
        [
            PYTHON,
            "-m",
            "celery",
            "-A",
            "dukcapil",
            "worker",
            "--loglevel",
            "INFO",
            "--concurrency",
            "2",
            "--hostname",
            f"demo-{os.getpid()}@%h",
        ],
        [PYTHON, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
    ]
    if beat:
        commands.append([PYTHON, "-m", "celery", "-A", "dukcapil", "beat", "--loglevel", "INFO"])
    return [subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True) for command in commands]


def stop_services(processes: list[subprocess.Popen]) -> None:
    # SIGTERM to each leader only: Celery then shuts down warm (its pool finishes the task at
    # hand); whatever is left of a group after the grace period is killed.
    for process in processes:
        if process.poll() is None:
            process.terminate()
    for process in processes:
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=30)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)


def wait_for_http(url: str, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - our own localhost
                return response.read().decode("utf-8")
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def prepare_demo(env: dict) -> None:
    manage("migrate", "--noinput", env=env)
    check = subprocess.run(
        [
            PYTHON,
            "manage.py",
            "shell",
            "--no-imports",
            "-c",
            "from registry.models import Person; print(Person.objects.exists())",
        ],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    if check.stdout.strip().splitlines()[-1:] != ["True"]:
        manage("seed_city", "--persons", DEMO_PERSONS, "--seed", "1", env=env)
    manage("demo_accounts", env=env)
    manage("holidays_load", env=env)


def run() -> int:
    ensure_environment("requirements.txt")
    env = dict(os.environ)
    prepare_demo(env)
    processes = start_services(env)
    try:
        wait_for_http("http://127.0.0.1:8000/healthz")
        say("Dukcapil Online berjalan di http://127.0.0.1:8000/ (admin: /admin/). Ctrl-C untuk berhenti.")
        while all(process.poll() is None for process in processes):
            time.sleep(1)
        say("Salah satu proses berhenti; menghentikan yang lain.")
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        stop_services(processes)


def test(extra: list[str]) -> int:
    ensure_environment("requirements-dev.txt")
    env = dict(os.environ)
    if "DATABASE_URL" not in env:
        if reachable("127.0.0.1", 5432):
            env["DATABASE_URL"] = POSTGRES_URL
        else:
            say("PostgreSQL tidak berjalan di 127.0.0.1:5432: uji khusus PostgreSQL dilewati.")
    if "TEST_REDIS_URL" not in env and reachable("127.0.0.1", 6379):
        env["TEST_REDIS_URL"] = REDIS_URL
    pytest = [str(PYTHON), "-m", "pytest", "-p", "no:cacheprovider"]
    say(f"Seluruh rangkaian uji pada {env.get('DATABASE_URL', 'SQLite')}")
    first = subprocess.run([*pytest, *extra], cwd=ROOT, env=env).returncode
    say("Rangkaian uji pada bawaan SQLite (tanpa uji peramban dan uji lambat)")
    sqlite_env = {key: value for key, value in env.items() if key != "DATABASE_URL"}
    with tempfile.TemporaryDirectory() as scratch:
        sqlite_env["DUKCAPIL_VAR_DIR"] = scratch
        second = subprocess.run(
            [*pytest, "-m", "not browser and not slow", *extra], cwd=ROOT, env=sqlite_env
        ).returncode
    return first or second


def smoke() -> int:
    """The embedded default for real: SQLite + filesystem broker, web and worker processes."""
    ensure_environment("requirements.txt")
    scratch = Path(tempfile.mkdtemp(prefix="dukcapil-smoke-"))
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "CELERY_BROKER_URL", "REDIS_URL", "DUKCAPIL_ENV")
    }
    env["DUKCAPIL_VAR_DIR"] = str(scratch)
    port = 8765
    processes: list[subprocess.Popen] = []
    try:
        prepare_demo(env)
        processes = start_services(env, port=port, beat=False)
        page = wait_for_http(f"http://127.0.0.1:{port}/")
        if "Dukcapil" not in page:
            say("Halaman beranda tidak berisi 'Dukcapil'")
            return 1
        say("Beranda terambil dari bawaan SQLite")
        probe = ROOT / ".ci" / "smoke_worker.py"
        if probe.exists():
            subprocess.run([PYTHON, str(probe)], cwd=ROOT, env={**env, "PYTHONPATH": str(ROOT)}, check=True)
        return 0
    finally:
        stop_services(processes)
        shutil.rmtree(scratch, ignore_errors=True)


def main(argv: list[str]) -> int:
    if len(argv) < 2 or argv[1] not in ("run", "test", "smoke"):
        print(__doc__)
        return 2
    if sys.version_info < (3, 11):  # noqa: UP036 - this file runs before any venv exists
        print("Python 3.11 atau lebih baru diperlukan.")
        return 2
    # A SIGTERM (service manager, `timeout`) unwinds like Ctrl-C, so web and worker stop too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    command = argv[1]
    if command == "run":
        return run()
    if command == "test":
        return test(argv[2:])
    return smoke()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
