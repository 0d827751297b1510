"""Public verification pages: no login, no JavaScript, nothing from third parties."""

from __future__ import annotations

import html
from types import SimpleNamespace

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from documents.models import DocumentType
from verification.codec import token_from_text
from verification.publication import jwks_document, status_list_document
from verification.ratelimit import rate_limit_exceeded
from verification.verdicts import Reason, Verdict, Verification, verification_for_token

PUBLIC_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)


def _public(response: HttpResponse, *, cache_seconds: int = 0, referrer_policy: str = "no-referrer") -> HttpResponse:
    response["Referrer-Policy"] = referrer_policy
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


# The verify page, rendered fast. The Django template stays the one source of the page: it is
# rendered once per *shape* (language, verdict, reason, which optional lines show) with a
# marker in place of each document field, and split at the markers. A scan then joins the
# pieces with its own field values, escaped exactly as the template would escape them
# (``localize`` then ``conditional_escape``, as ``{{ value }}`` does). The markers hold a NUL,
# which neither the template nor a translation contains; values are inserted after the
# split, so a value that looks like a marker is just text. tests/verification/test_render.py
# checks the bytes against a full template render for every verdict and reason.
_MARK = "\x00"


PAGE_FIELDS = (
    "changed_on",
    "change_note",
    "doc_type_label",
    "number",
    "version",
    "subject_name",
    "masked_nik",
    "issued_on",
    "official_name",
    "official_title",
)


def _field_values(result: Verification) -> tuple:
    """The per-document values of the page, in the order of ``PAGE_FIELDS``."""
    claims = result.claims
    return (
        result.changed_on if result.changed_at else "",
        result.change_note,
        str(DocumentType(claims.doc_type).label) if claims else "",  # a plain str escapes fast
        claims.number if claims else "",
        claims.version if claims else "",
        claims.subject_name if claims else "",
        claims.masked_nik if claims else "",
        result.issued_on,
        result.official_name,
        result.official_title,
    )


_skeletons: dict[tuple, tuple[tuple[str, ...], tuple[int, ...]]] = {}


def _page_shape(result: Verification) -> tuple:
    claims = result.claims
    return (
        get_language(),
        get_script_prefix(),  # {% url %} in the page
        result.verdict,
        result.reason,
        claims is not None,
        result.changed_at is not None,
        bool(result.change_note),
        bool(claims and claims.masked_nik),
    )


def _skeleton(shape: tuple) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """``(texts, fields)``: the page is texts[0] + value(fields[0]) + texts[1] + ... + texts[-1]."""
    _language, _prefix, verdict, reason, has_claims, has_changed, has_note, has_nik = shape
    mark = {name: f"{_MARK}{index}{_MARK}" for index, name in enumerate(PAGE_FIELDS)}
    result = SimpleNamespace(
        verdict=verdict,
        verdict_label=str(Verdict(verdict).label),
        reason_text=str(Reason(reason).label),
        changed_at=has_changed,
        changed_on=mark["changed_on"],
        change_note=mark["change_note"] if has_note else "",
        issued_on=mark["issued_on"],
        official_name=mark["official_name"],
        official_title=mark["official_title"],
    )
    claims = (
        SimpleNamespace(
            number=mark["number"],
            version=mark["version"],
            subject_name=mark["subject_name"],
            masked_nik=mark["masked_nik"] if has_nik else "",
        )
        if has_claims
        else None
    )
    page = render_to_string(
        "verification/result.html", {"result": result, "claims": claims, "doc_type_label": mark["doc_type_label"]}
    )
    pieces = page.split(_MARK)
    if len(pieces) % 2 != 1:
        raise ValueError("verification/result.html: unbalanced field markers")
    return tuple(pieces[0::2]), tuple(int(index) for index in pieces[1::2])


def render_verdict_page(result: Verification) -> bytes:
    """The bytes of ``verification/result.html`` for ``result``, without running the template."""
    shape = _page_shape(result)
    skeleton = _skeletons.get(shape)
    if skeleton is None or settings.DEBUG:  # DEBUG: a template edited meanwhile shows at once
        skeleton = _skeletons[shape] = _skeleton(shape)  # a few dozen shapes at most
    texts, fields = skeleton
    values = _field_values(result)
    out = [texts[0]]
    for index, text in zip(fields, texts[1:], strict=True):
        out.append(_as_in_template(values[index]))
        out.append(text)
    return "".join(out).encode()


def _as_in_template(value: object) -> str:
    """``{{ value }}`` with autoescape: ``localize``, ``str`` and ``conditional_escape``."""
    if type(value) is str:  # the common case, and exactly what escape() does to a plain str
        return html.escape(value)
    if type(value) is int and -1000 < value < 1000:  # a version: too short to group, as localize() gives it
        return str(value)
    return conditional_escape(str(localize(value)))


@require_safe
def verify_token(request: HttpRequest, token: str) -> HttpResponse:
    """``/V/<TOKEN>`` (what the QR holds) and ``/v/<token>``: the verdict in large words."""
    if rate_limit_exceeded(request):
        return _too_many(request)
    return _public(HttpResponse(render_verdict_page(verification_for_token(token))))


@require_http_methods(["GET", "POST"])
def verify_home(request: HttpRequest) -> HttpResponse:
    """Type or paste the QR text, or upload the PDF to check the file itself."""
    context: dict = {}
    if request.method == "POST":
        # Decided before the body is read: the file form is the multipart one.
        file_form = request.content_type == "multipart/form-data"
        if file_form:
            exceeded = rate_limit_exceeded(
                request, scope="verify-file", limit=settings.VERIFY_FILE_RATE_LIMIT_PER_MINUTE
            )
        else:  # a pasted code is a scan
            exceeded = rate_limit_exceeded(request)
        if exceeded:
            return _too_many(request)
        too_large = _("Berkas terlalu besar (maksimal %(mb)d MB).") % {"mb": settings.UPLOAD_MAX_BYTES // (1024 * 1024)}
        if file_form and _declared_length(request) > settings.UPLOAD_MAX_BYTES + FORM_OVERHEAD_BYTES:
            # Refused unread: the body is not written to a temporary file first.
            return _home(request, {"error": too_large}, status=400)
        upload = request.FILES.get("berkas")
        text = request.POST.get("kode", "").strip()
        if upload is not None and upload.size > settings.UPLOAD_MAX_BYTES:
            return _home(request, {"error": too_large}, status=400)
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
    return _home(request, context)


# The multipart framing and the other fields of the file form, over the file itself.
FORM_OVERHEAD_BYTES = 64 * 1024


def _declared_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def _home(request: HttpRequest, context: dict, *, status: int = 200) -> HttpResponse:
    """The form page. Its forms post to this origin, so the browser must send the Origin header
    that the CSRF check reads: ``no-referrer`` would make it "null" (403). The page's URL holds
    no token, so ``same-origin`` gives nothing away."""
    response = render(request, "verification/home.html", {**context, "referrer_policy": "same-origin"}, status=status)
    return _public(response, referrer_policy="same-origin")


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
