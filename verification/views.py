"""Public verification pages: no login, no JavaScript, nothing from third parties."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from documents.models import DocumentType
from verification.codec import token_from_text
from verification.publication import jwks_document, status_list_document
from verification.ratelimit import rate_limit_exceeded
from verification.verdicts import Verification, verification_for_token

PUBLIC_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)


def _public(response: HttpResponse, *, cache_seconds: int = 0) -> HttpResponse:
    response["Referrer-Policy"] = "no-referrer"
    response["Content-Security-Policy"] = PUBLIC_CSP
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = f"public, max-age={cache_seconds}" if cache_seconds else "no-store"
    return response


def _too_many(request: HttpRequest) -> HttpResponse:
    response = render(request, "verification/too_many.html", status=429)
    response["Retry-After"] = "60"
    return _public(response)


def _result_context(result: Verification) -> dict:
    claims = result.claims
    return {
        "result": result,
        "claims": claims,
        "doc_type_label": DocumentType(claims.doc_type).label if claims else "",
    }


# The page of a document depends only on the document and its state (the token's claims
# were checked equal to the issued row), so it is rendered once per state and language and
# kept per process; the state itself is read from the database on every scan.
_pages: dict[tuple, bytes] = {}
MAX_PAGES = 2_000  # about 2.3 KB each


def _page_key(result: Verification) -> tuple:
    document = result.document
    return (
        get_language(),
        result.verdict,
        result.reason,
        document.pk if document else None,
        result.changed_at,
        result.change_note,
    )


@require_safe
def verify_token(request: HttpRequest, token: str) -> HttpResponse:
    """``/V/<TOKEN>`` (what the QR holds) and ``/v/<token>``: the verdict in large words."""
    if rate_limit_exceeded(request):
        return _too_many(request)
    result = verification_for_token(token)
    key = _page_key(result)
    content = _pages.get(key)
    if content is None:
        # No request: the page needs no context processor (no form, no user), and skipping them is cheaper.
        content = render_to_string("verification/result.html", _result_context(result)).encode()
        if len(_pages) >= MAX_PAGES:
            _pages.clear()
        _pages[key] = content
    return _public(HttpResponse(content))


@require_http_methods(["GET", "POST"])
def verify_home(request: HttpRequest) -> HttpResponse:
    """Type or paste the QR text, or upload the PDF to check the file itself."""
    context: dict = {}
    if request.method == "POST":
        if rate_limit_exceeded(request, scope="verify-file"):
            return _too_many(request)
        upload = request.FILES.get("berkas")
        text = request.POST.get("kode", "").strip()
        if upload is not None and upload.size > settings.UPLOAD_MAX_BYTES:
            context["error"] = _("Berkas terlalu besar (maksimal %(mb)d MB).") % {
                "mb": settings.UPLOAD_MAX_BYTES // (1024 * 1024)
            }
            return _public(render(request, "verification/home.html", context, status=400))
        if upload is not None:
            from verification.filecheck import file_check

            check = file_check(upload.read(), count_scan=True)
            context.update(_result_context(check.verification) if check.verification else {})
            context["file_check"] = check
            return _public(render(request, "verification/file_result.html", context))
        if text:
            result = verification_for_token(token_from_text(text))
            return _public(render(request, "verification/result.html", _result_context(result)))
        context["error"] = _("Pilih berkas PDF atau tempelkan isi kode QR.")
    return _public(render(request, "verification/home.html", context))


@require_safe
def jwks(request: HttpRequest) -> JsonResponse:
    response = JsonResponse(jwks_document())
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "public, max-age=300"
    return response


@require_safe
def status_list(request: HttpRequest, kid: str) -> JsonResponse:
    document = status_list_document(kid=kid.lower())
    if document is None:
        raise Http404(_("Kunci tidak dikenal."))
    response = JsonResponse(document, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "public, max-age=300"
    return response
