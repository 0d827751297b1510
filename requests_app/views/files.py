"""Uploaded requirements, streamed after the viewer check.

Someone who may not see the application gets a 404 for its files too. Issued PDFs have their
own route (``documents:download``).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest

from dukcapil.private_files import private_file_response
from requests_app import selectors


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
    return private_file_response(
        handle, content_type=attachment.content_type, filename=filename, as_attachment=as_attachment
    )
