"""Private files: uploaded requirements and issued PDFs, streamed after the viewer check.

Nothing under ``MEDIA_ROOT`` has a public URL; these views are the only way out. Someone
who may not see the application gets a 404 for its files too.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponseRedirect
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from documents.models import IssuedDocument, IssuedState
from documents.permissions import may_download
from requests_app import selectors


def _private(response: FileResponse) -> FileResponse:
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def attachment_download(request: HttpRequest, tracking_number: str, pk: int) -> FileResponse:
    application = selectors.application_for_viewer(user=request.user, tracking_number=tracking_number)
    attachment = application.attachments.filter(pk=pk).first()
    if attachment is None:
        raise Http404
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    filename = f"{application.tracking_number}-{attachment.requirement_index + 1}{attachment.extension}"
    # Images open in the browser; PDFs are downloaded rather than rendered in our origin.
    as_attachment = attachment.content_type == "application/pdf"
    return _private(
        FileResponse(handle, content_type=attachment.content_type, as_attachment=as_attachment, filename=filename)
    )


def _no_longer_in_force(document: IssuedDocument) -> str:
    what = {"document": document.get_doc_type_display(), "number": document.number, "version": document.version}
    if document.state == IssuedState.REVOKED:
        return _("%(document)s %(number)s versi %(version)s telah dicabut, sehingga tidak dapat diunduh lagi.") % what
    return (
        _(
            "%(document)s %(number)s versi %(version)s sudah digantikan versi yang lebih baru, sehingga tidak dapat "
            "diunduh lagi. Versi yang berlaku tercantum di bawah."
        )
        % what
    )


@login_required
def issued_download(request: HttpRequest, tracking_number: str, pk: int) -> FileResponse | HttpResponseRedirect:

    application = selectors.application_for_viewer(user=request.user, tracking_number=tracking_number)
    document = IssuedDocument.objects.filter(pk=pk, job__application=application).first()
    if document is None or not document.file:
        raise Http404
    rule = {"doc_type": document.doc_type, "applicant_id": application.applicant_id}
    if not may_download(request.user, **rule, state=document.state):
        if document.state != IssuedState.VALID and may_download(request.user, **rule, state=IssuedState.VALID):
            # An old link to a version no longer in force: say why, on the page that names the new one.
            messages.warning(request, _no_longer_in_force(document))
            return redirect("requests_app:application_detail", application.tracking_number)
        raise Http404
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    filename = f"{document.doc_type}-{document.number}-v{document.version}.pdf".replace("/", "-")
    return _private(FileResponse(handle, content_type="application/pdf", as_attachment=True, filename=filename))
