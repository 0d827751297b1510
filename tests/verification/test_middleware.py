"""The short way through the middleware answers /V/<token> exactly as the full stack does."""

import pytest
from django.test import Client
from django.urls import Resolver404, resolve

from verification import views
from verification.middleware import verify_token_of

pytestmark = pytest.mark.django_db

FAST = "verification.middleware.PublicVerifyMiddleware"


def with_fast_path(middleware: list[str]) -> list[str]:
    at = middleware.index("django.middleware.security.SecurityMiddleware") + 1
    return [*middleware[:at], FAST, *middleware[at:]]


def both(settings, method: str, path: str, *, cookies=None, headers=None, secure=False, before=0):
    """The answers of the full stack and of the stack with the short way, as comparable data.

    ``before``: that many identical requests first (the rate limit's cache is cleared).
    """
    from django.core.cache import cache

    full = [m for m in settings.MIDDLEWARE if m != FAST]
    answers = []
    for middleware in (full, with_fast_path(full)):
        settings.MIDDLEWARE = middleware
        cache.clear()
        client = Client(raise_request_exception=False)  # a 500 is an answer to compare too
        for name, value in (cookies or {}).items():
            client.cookies[name] = value
        for _ in range(before + 1):
            response = getattr(client, method)(path, headers=headers or {}, secure=secure)
        answers.append(
            (
                response.status_code,
                sorted((k, "*" if k == "Expires" else v) for k, v in response.headers.items()),  # a clock
                response.content,
                sorted(response.cookies),
            )
        )
    cache.clear()
    return answers


@pytest.mark.parametrize(
    "path",
    ["/V/{token}", "/v/{token_lower}", "/V/{token}X", "/V/NOT-A-TOKEN", "/V/{token}/", "/V/", "/healthz"],
)
@pytest.mark.parametrize(
    "request_kwargs",
    [
        {},
        {"headers": {"accept-language": "en-US,en;q=0.8"}},
        {"cookies": {"django_language": "en"}},
        {"cookies": {"sessionid": "s" * 32, "csrftoken": "x" * 32, "messages": "junk"}},
        {"cookies": {"sessionid": "abc", "csrftoken": "bad!", "messages": ""}},
        {"secure": True},
    ],
    ids=["plain", "accept-language", "language-cookie", "portal-cookies", "malformed-cookies", "https"],
)
def test_same_answer_as_the_full_stack(settings, issue, path, request_kwargs):
    _document, token = issue()
    path = path.format(token=token, token_lower=token.lower())
    for method in ("get", "head"):
        full, fast = both(settings, method, path, **request_kwargs)
        assert fast == full, (method, path)


def test_same_answer_in_production_settings(settings, issue):
    """HSTS, the HTTPS redirect and the security headers stay (SecurityMiddleware runs first)."""
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_REFERRER_POLICY = "same-origin"
    _document, token = issue()
    full, fast = both(settings, "get", f"/V/{token}", secure=True)
    assert full[0] == 200 and fast == full
    headers = dict(fast[1])
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["X-Frame-Options"] == "DENY" and headers["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'none'" in headers["Content-Security-Policy"]
    full, fast = both(settings, "get", f"/V/{token}")  # plain http
    assert full[0] == 301 and fast == full


def test_same_answer_for_a_host_not_allowed_and_a_blocked_user_agent(settings, issue):
    import re

    _document, token = issue()
    full, fast = both(settings, "get", f"/V/{token}", headers={"host": "evil.example"})
    assert full[0] == 400 and fast == full
    settings.DISALLOWED_USER_AGENTS = [re.compile("badbot")]
    full, fast = both(settings, "get", f"/V/{token}", headers={"user-agent": "badbot/1.0"})
    assert full[0] == 403 and fast == full


def test_same_answer_when_the_view_fails(settings, issue, monkeypatch):
    def broken(token, *, count_scan=True):
        raise RuntimeError("boom")

    monkeypatch.setattr(views, "verification_for_token", broken)
    full, fast = both(settings, "get", "/V/ABC")
    assert full[0] == 500 and fast == full


def test_same_answer_when_rate_limited(settings, issue):
    settings.VERIFY_RATE_LIMIT_PER_MINUTE = 1
    _document, token = issue()
    full, fast = both(settings, "get", f"/V/{token}", before=1)
    assert full[0] == 429 and fast == full


def test_post_and_other_paths_take_the_full_stack(settings, issue):
    _document, token = issue()
    full, fast = both(settings, "post", f"/V/{token}")
    assert full[0] == 405 and fast == full


@pytest.mark.parametrize(
    "path",
    ["/V/ABC", "/v/abc", "/V/A B", "/V/A%20B", "/V/", "/V//", "/V/ABC/", "/V/A/B", "/VV/ABC", "/x/V/A", "/verifikasi/"],
)
def test_the_short_way_takes_exactly_the_urls_routed_to_verify_token(path):
    from urllib.parse import unquote

    path_info = unquote(path)
    try:
        routed = resolve(path_info).func is views.verify_token
    except Resolver404:
        routed = False
    assert (verify_token_of(path_info) is not None) == routed
