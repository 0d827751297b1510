"""A short way through the middleware for the public verify page (``/V/<token>``, ``/v/<token>``).

The page is public and stateless: no user, no form, no message, nothing saved. In the full
stack the URL resolver (the verification routes come last) and the middleware that serve
the portal's logged-in pages cost about 70 us of the ~300 us of a repeat scan (in process,
on the 2-core benchmark machine; benchmarks/verify.py repeat-scan ratio 0.55 -> 0.69).

For GET and HEAD of exactly the URLs that ``verification/urls.py`` routes to
``verify_token`` (``V/<str:token>``, ``v/<str:token>``: one path segment) this middleware
calls the view itself, wrapped in the middleware listed after it in MIDDLEWARE, built the
way Django builds its handler (each layer converts exceptions; process_view and
process_exception apply) except for these four, whose work cannot show on this page:

- AuthenticationMiddleware: ``request.user`` is lazy and the page shows no user;
- MessageMiddleware: the page shows no message and adds none, so no cookie changes;
- simple_history's HistoryRequestMiddleware: nothing is saved;
- AxesMiddleware: acts on login attempts only.

So the session (a stale cookie is still dropped), the language (LocaleMiddleware), the
allowed hosts, user agents and Content-Length (CommonMiddleware), CSRF and X-Frame-Options
stay as they are; SecurityMiddleware (and WhiteNoise) run before this one, so the HTTPS
redirect, HSTS and the other security headers stay too, and the view sets Referrer-Policy
no-referrer, the CSP, X-Robots-Tag and Cache-Control. A middleware added to MIDDLEWARE later
is included unless named here. tests/verification/test_middleware.py compares status,
headers, cookies and body with the full stack.

Wiring: ``"verification.middleware.PublicVerifyMiddleware"`` in MIDDLEWARE right after
``"django.middleware.security.SecurityMiddleware"``. With ATOMIC_REQUESTS on any database it
steps aside (MiddlewareNotUsed): the full stack would wrap the view in a transaction.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.core.handlers.exception import convert_exception_to_response
from django.http import HttpRequest, HttpResponseBase
from django.utils.module_loading import import_string

from verification.views import verify_token

SKIPPED = frozenset(
    {
        "django.contrib.auth.middleware.AuthenticationMiddleware",
        "django.contrib.messages.middleware.MessageMiddleware",
        "simple_history.middleware.HistoryRequestMiddleware",
        "axes.middleware.AxesMiddleware",
    }
)
THIS = "verification.middleware.PublicVerifyMiddleware"


def verify_token_of(path_info: str) -> str | None:
    """The token when ``path_info`` is what ``V/<str:token>`` or ``v/<str:token>`` matches."""
    if path_info[:3] not in ("/V/", "/v/"):
        return None
    token = path_info[3:]
    return token if token and "/" not in token else None


class PublicVerifyMiddleware:
    """Serve ``/V/<token>`` through the middleware whose work shows on that page only."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        if any(database.get("ATOMIC_REQUESTS") for database in settings.DATABASES.values()):
            raise MiddlewareNotUsed("ATOMIC_REQUESTS: the verify page takes the full stack")
        self.get_response = get_response
        names = list(settings.MIDDLEWARE)
        after = names[names.index(THIS) + 1 :] if THIS in names else []
        self.view_middleware: list[Callable] = []
        self.exception_middleware: list[Callable] = []
        handler = convert_exception_to_response(self._view)
        for name in reversed([name for name in after if name not in SKIPPED]):
            try:
                layer = import_string(name)(handler)
            except MiddlewareNotUsed:
                continue
            if hasattr(layer, "process_view"):
                self.view_middleware.insert(0, layer.process_view)
            if hasattr(layer, "process_exception"):
                self.exception_middleware.append(layer.process_exception)
            handler = convert_exception_to_response(layer)
        self.handler = handler

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if (
            request.method not in ("GET", "HEAD")
            or getattr(request, "urlconf", None) is not None  # another URLconf decides
            or verify_token_of(request.path_info) is None
        ):
            return self.get_response(request)
        return self.handler(request)

    def _view(self, request: HttpRequest) -> HttpResponseBase:
        """What BaseHandler._get_response does around the view, with the route known."""
        kwargs = {"token": verify_token_of(request.path_info)}
        for process_view in self.view_middleware:
            response = process_view(request, verify_token, (), kwargs)
            if response:
                return response
        try:
            return verify_token(request, **kwargs)
        except Exception as exc:
            for process_exception in self.exception_middleware:
                response = process_exception(request, exc)
                if response:
                    return response
            raise
