"""docker-compose.yml parses and names commands and settings that exist in the project.

There is no Docker engine here, so this test does what `docker-compose config` would check
for us (the file parses, anchors resolve, every service has an image or a build) and then
what it would not: that the commands it runs exist in this project.
"""

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from django.core.management import get_commands

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_services_with_health_checks_and_volumes(compose):
    services = compose["services"]
    assert {"postgres", "redis", "web", "worker", "beat"} <= set(services)
    for name in ("postgres", "redis", "web", "worker"):
        assert "healthcheck" in services[name], name
    assert {"pgdata", "redisdata", "appdata"} <= set(compose["volumes"])
    for name, service in services.items():
        assert "image" in service or "build" in service, name
        for volume in service.get("volumes", []):
            assert volume.split(":")[0] in compose["volumes"], (name, volume)


def test_commands_exist_in_the_project(compose):
    services = compose["services"]
    assert services["web"]["command"][:2] == ["gunicorn", "dukcapil.wsgi:application"]
    assert (ROOT / "dukcapil" / "wsgi.py").exists()
    for name in ("worker", "beat"):
        command = services[name]["command"]
        assert command[:3] == ["celery", "-A", "dukcapil"]
        assert command[3] == name
    assert (ROOT / "dukcapil" / "celery.py").exists()
    manage_command = services["migrate"]["command"]
    assert manage_command[1] == "manage.py" and manage_command[2] in get_commands()
    assert shutil.which("gunicorn") or (ROOT / ".venv" / "bin" / "gunicorn").exists()


def test_web_port_is_reachable_only_through_the_hosts_proxy(compose):
    for name, service in compose["services"].items():
        for port in service.get("ports", []):
            assert str(port).startswith("127.0.0.1:"), (name, port)


def test_image_leaves_out_local_state():
    """The image is built from the checkout (COPY . .): no laptop database, keys, media or venv."""
    ignored = (ROOT / ".dockerignore").read_text().split()
    for local in (".git", ".venv", "var", "media", "*.pem", "*.sqlite3", ".env"):
        assert local in ignored, local


def test_production_environment_is_complete(compose):
    environment = compose["services"]["web"]["environment"]
    assert environment["DUKCAPIL_ENV"] == "production"
    for required in (
        "SECRET_KEY",
        "SIGNING_KEY_PASSPHRASE",
        "ALLOWED_HOSTS",
        "DATABASE_URL",
        "CELERY_BROKER_URL",
        "REDIS_URL",
    ):
        assert required in environment
    assert environment["CELERY_BROKER_URL"].startswith("redis://redis:")
    assert "@postgres:5432/" in environment["DATABASE_URL"]
    # No secret written into the file itself.
    assert environment["SECRET_KEY"].startswith("${")
    assert environment["SIGNING_KEY_PASSPHRASE"].startswith("${")


@pytest.mark.skipif(not shutil.which("docker-compose"), reason="docker-compose is not installed here")
def test_docker_compose_config_accepts_the_file():
    env = {
        "SECRET_KEY": "x" * 60,
        "SIGNING_KEY_PASSPHRASE": "y" * 20,
        "ALLOWED_HOSTS": "example.org",
        "POSTGRES_PASSWORD": "pw",
        "PATH": "/usr/bin:/bin",
    }
    subprocess.run(["docker-compose", "config", "-q"], cwd=ROOT, env=env, check=True)
