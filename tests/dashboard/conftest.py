import datetime as dt

import pytest
from django.core.cache import cache
from django.utils import timezone

from registry.seeding import city_seed
from registry.synthetic import Profile


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def today() -> dt.date:
    return timezone.localdate()


@pytest.fixture
def small_city(db, today):
    """A synthetic city of a few hundred residents over every kelurahan, as of today."""
    return city_seed(profile=Profile(persons=700), seed=11, as_of=today)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # The actors fixture creates seven accounts per test; PBKDF2 would dominate the run.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
