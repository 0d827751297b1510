"""Settings come from the environment, fail loudly on bad values, and pass check --deploy."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    # DJANGO_ALLOW_ASYNC_UNSAFE: set for the browser tests' process, never for a deployment.
    dropped = ("DATABASE_URL", "DUKCAPIL_ENV", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE")
    clean = {k: v for k, v in os.environ.items() if k not in dropped}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True
    )


def production_env(**overrides: str) -> dict[str, str]:
    return {
        "DUKCAPIL_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "SIGNING_KEY_PASSPHRASE": secrets.token_urlsafe(24),
        "ALLOWED_HOSTS": "dukcapil.gorontalokota.go.id",
        **overrides,
    }


def test_production_mode_passes_check_deploy_without_a_warning(tmp_path):
    result = manage("check", "--deploy", **production_env(DUKCAPIL_VAR_DIR=str(tmp_path)))
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNING" not in result.stderr + result.stdout


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DEBUG": "maybe"}, "DEBUG='maybe' is not a boolean"),
        ({"DUKCAPIL_ENV": "prod"}, "DUKCAPIL_ENV='prod' must be one of"),
        ({"DATABASE_URL": "nosuchdb://x"}, "DATABASE_URL"),
        ({"CELERY_BROKER_URL": "carrier-pigeon://x"}, "CELERY_BROKER_URL"),
        ({"DB_CONN_MAX_AGE": "forever"}, "DB_CONN_MAX_AGE='forever' is not an integer"),
        ({"VERIFY_SCAN_FLUSH_SECONDS": "soon"}, "VERIFY_SCAN_FLUSH_SECONDS='soon' is not a number"),
        ({"SIGNING_OFFICIAL_TITLE": "Kepala " * 40}, "SIGNING_OFFICIAL_TITLE must have 1 to 200 characters"),
    ],
)
def test_a_bad_value_fails_loudly(tmp_path, env, message):
    result = manage("check", DUKCAPIL_VAR_DIR=str(tmp_path), **env)
    assert result.returncode != 0
    assert message in result.stderr


@pytest.mark.parametrize(
    ("drop", "message"),
    [
        ("SECRET_KEY", "SECRET_KEY (or SECRET_KEY_FILE) is required"),
        ("ALLOWED_HOSTS", "ALLOWED_HOSTS is required"),
        ("SIGNING_KEY_PASSPHRASE", "SIGNING_KEY_PASSPHRASE (or SIGNING_KEY_PASSPHRASE_FILE) of 16+ characters"),
    ],
)
def test_production_requires_its_secrets(tmp_path, drop, message):
    env = production_env(DUKCAPIL_VAR_DIR=str(tmp_path))
    del env[drop]
    result = manage("check", **env)
    assert result.returncode != 0
    assert message in result.stderr


def test_secret_can_come_from_a_file(tmp_path):
    secret_file = tmp_path / "secret"
    secret_file.write_text(secrets.token_urlsafe(64))
    env = production_env(DUKCAPIL_VAR_DIR=str(tmp_path), SECRET_KEY_FILE=str(secret_file))
    del env["SECRET_KEY"]
    assert manage("check", "--deploy", **env).returncode == 0


def test_the_default_is_sqlite_and_the_filesystem_broker_under_var(tmp_path):
    code = (
        "from django.conf import settings as s;"
        "print(s.DATABASES['default']['ENGINE'], s.DATABASES['default']['NAME'], s.CELERY_BROKER_URL,"
        " s.CELERY_BROKER_TRANSPORT_OPTIONS['data_folder_in'])"
    )
    result = manage("shell", "--no-imports", "-c", code, DUKCAPIL_VAR_DIR=str(tmp_path))
    engine, name, broker, folder = result.stdout.split()[-4:]
    assert engine == "django.db.backends.sqlite3"
    assert name == str(tmp_path / "dukcapil.sqlite3")
    assert broker == "filesystem://localhost//"
    assert Path(folder).is_dir() and Path(folder).is_relative_to(tmp_path)


def test_the_default_broker_starts_without_a_warning(tmp_path):
    code = "from kombu import Connection; from django.conf import settings as s; Connection(s.CELERY_BROKER_URL).info()"
    result = manage("shell", "--no-imports", "-c", code, DUKCAPIL_VAR_DIR=str(tmp_path))
    assert "No hostname was supplied" not in result.stdout + result.stderr


def test_every_tunable_is_declared_in_settings_with_its_documented_default():
    """Code reads ``settings.X``, never ``getattr(settings, "X", default)``: one default, here."""
    from django.conf import settings

    from verification.codec import RETIRED_KEY_GRACE_SECONDS

    assert settings.VERIFY_KEY_CACHE_SECONDS == 10.0
    assert settings.VERIFY_PREPARED_STATEMENTS is True
    assert settings.SIGNUP_ATTEMPTS_PER_HOUR == 10
    # The offline verifier has no settings: its grace is the codec's constant, the page's the same.
    assert settings.VERIFY_RETIRED_KEY_GRACE_SECONDS == RETIRED_KEY_GRACE_SECONDS
    sources = [
        p
        for app in ("accounts", "documents", "registry", "requests_app", "verification", "dukcapil")
        for p in (ROOT / app).rglob("*.py")
    ]
    assert not [str(p) for p in sources if "getattr(settings," in p.read_text(encoding="utf-8")]
