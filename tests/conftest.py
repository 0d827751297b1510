import os
import shutil

import pytest

STRICT = os.environ.get("DUKCAPIL_TEST_STRICT") == "1"


def pytest_sessionstart(session):
    """In CI (strict mode) the real services must be there: never pass by skipping them."""
    if not STRICT:
        return
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        return  # the SQLite pass of the suite
    missing = []
    if not os.environ.get("TEST_REDIS_URL"):
        missing.append("TEST_REDIS_URL")
    if not shutil.which("chromium") and not os.path.exists("/usr/bin/chromium"):
        missing.append("/usr/bin/chromium")
    if not shutil.which("qpdf"):
        missing.append("qpdf")
    if not shutil.which("docker-compose"):
        missing.append("docker-compose")
    if missing:
        pytest.exit(f"strict test run without {', '.join(missing)}", returncode=3)


def pytest_collection_modifyitems(items):
    """Every transactional test restores the database it found (serialized rollback).

    A plain transactional test ends with a flush, after which Django re-creates content
    types and permissions with new ids and the data migrations' rows (regions, services,
    groups) are gone; a later serialized-rollback test then fails to restore its snapshot.
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker and marker.kwargs.get("transaction") and not marker.kwargs.get("serialized_rollback"):
            upgraded = pytest.mark.django_db(*marker.args, **{**marker.kwargs, "serialized_rollback": True})
            item.add_marker(upgraded, append=False)


@pytest.fixture
def redis_url():
    """A Redis database for broker tests (TEST_REDIS_URL); skipped without it, failed in CI."""
    url = os.environ.get("TEST_REDIS_URL")
    if not url:
        if STRICT:
            pytest.fail("TEST_REDIS_URL is required in strict mode")
        pytest.skip("TEST_REDIS_URL not set")
    return url


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    """Every test writes uploads, PDFs and keys into its own temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SIGNING_KEY_DIR = tmp_path / "keys"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SMS_FILE_PATH = tmp_path / "sms"


@pytest.fixture
def actors(db):
    """The base set of actors every view test needs, so "someone else may not" is easy.

    citizen / other_citizen: accounts bound to heads of two different families;
    operator: Operator Kelurahan of the citizen's kelurahan; operator_elsewhere: of another;
    petugas (Petugas Pelayanan), kabid (Kepala Bidang), piak (PIAK), kadis (Kepala Dinas).
    """
    from django.contrib.auth.models import Group

    from accounts import roles
    from accounts.models import User
    from registry.models import Region
    from tests.factories import household

    home = household(children=1, kelurahan_code="75.71.01.1001")
    away = household(children=0, kelurahan_code="75.71.02.1010")

    def make(username, *, role=None, person=None, area=None, staff=False):
        user = User.objects.create_user(
            username=username,
            password="rahasia-uji-123",
            email=f"{username}@uji.local",
            person=person,
            operator_area=area,
            is_staff=staff,
            email_verified=True,
        )
        if role:
            user.groups.add(Group.objects.get(name=role))
        return user

    return {
        "home": home,
        "away": away,
        "citizen": make("warga1", person=home["head"]),
        "other_citizen": make("warga2", person=away["head"]),
        "operator": make("op1", role=roles.OPERATOR_KELURAHAN, area=Region.objects.get(code="75.71.01.1001")),
        "operator_elsewhere": make("op2", role=roles.OPERATOR_KELURAHAN, area=Region.objects.get(code="75.71.02.1010")),
        "petugas": make("petugas1", role=roles.PETUGAS_PELAYANAN, staff=True),
        "kabid": make("kabid1", role=roles.KEPALA_BIDANG, staff=True),
        "piak": make("piak1", role=roles.PIAK, staff=True),
        "kadis": make("kadis1", role=roles.KEPALA_DINAS, staff=True),
    }
