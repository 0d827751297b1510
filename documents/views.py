"""Download of an issued PDF: the one route, for the applicant and staff; anyone else gets a 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from documents.models import IssuedDocument, IssuedState
from documents.permissions import may_download
from documents.selectors import document_origin
from dukcapil.private_files import private_file_response


@require_GET
@login_required
def document_download(request: HttpRequest, pk: int) -> FileResponse | HttpResponseRedirect:
    """The PDF as issued. The applicant's old link to a version no longer in force leads back to
    the application page, which names the version in force, with the reason."""
    document = get_object_or_404(IssuedDocument.objects.select_related("job__application"), pk=pk)
    application = document_origin(document)
    rule = {"doc_type": document.doc_type, "applicant_id": application.applicant_id if application else None}
    if not may_download(request.user, **rule, state=document.state):
        if document.state != IssuedState.VALID and may_download(request.user, **rule, state=IssuedState.VALID):
            messages.warning(request, _no_longer_in_force(document))
            return redirect("requests_app:application_detail", application.tracking_number)
        raise Http404
    if not document.file:
        raise Http404
    try:
        handle = default_storage.open(document.file.name, "rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    filename = f"{document.doc_type.lower()}-{document.number.replace('/', '-')}-v{document.version}.pdf"
    return private_file_response(handle, content_type="application/pdf", filename=filename, as_attachment=True)


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
