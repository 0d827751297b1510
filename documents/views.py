"""Download of an issued PDF: the applicant and staff only; anyone else gets a 404."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from documents.models import IssuedDocument
from documents.permissions import can_download


@require_GET
@login_required
def document_download(request: HttpRequest, pk: int) -> FileResponse:
    document = get_object_or_404(IssuedDocument.objects.select_related("job__application"), pk=pk)
    if not can_download(request.user, document):
        raise Http404
    filename = f"{document.doc_type.lower()}-{document.number.replace('/', '-')}-v{document.version}.pdf"
    response = FileResponse(
        default_storage.open(document.file.name, "rb"),
        as_attachment=True,
        filename=filename,
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
