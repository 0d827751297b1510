"""Streaming a private file (an upload, an issued PDF) to a viewer already checked.

Nothing under ``MEDIA_ROOT`` has a public URL; the views that call this are the only way out.
"""

from __future__ import annotations

from typing import BinaryIO

from django.http import FileResponse


def private_file_response(handle: BinaryIO, *, content_type: str, filename: str, as_attachment: bool) -> FileResponse:
    """Not cached anywhere, never sniffed, and sandboxed should a browser render it in our origin."""
    response = FileResponse(handle, content_type=content_type, as_attachment=as_attachment, filename=filename)
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    return response
