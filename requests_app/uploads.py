"""Uploaded requirements: recognised by content, bounded in size, stored privately.

A file is accepted when its first bytes are those of a PDF, a JPEG or a PNG, whatever its
name says, and when it holds between 1 byte and ``settings.UPLOAD_MAX_BYTES``. It is
stored through Django's default storage under ``MEDIA_ROOT`` (never served by the web
server) with a name derived from its digest, and streamed back only by
``requests_app.views`` after the viewer check.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from requests_app.models import Application, Attachment

if TYPE_CHECKING:
    from accounts.models import User

ACCEPTED = {"application/pdf": "PDF", "image/jpeg": "JPEG", "image/png": "PNG"}


def sniff_content_type(head: bytes) -> str | None:
    """The content type the magic bytes at the start of a file announce, if accepted."""
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    return None


def upload_validate(uploaded: UploadedFile) -> tuple[bytes, str]:
    """(content, content type) of an acceptable upload; ``ValidationError`` otherwise.

    Reads at most ``UPLOAD_MAX_BYTES + 1`` bytes, so an oversized upload is never held
    whole in memory by this check.
    """
    limit = settings.UPLOAD_MAX_BYTES
    if uploaded.size is not None and uploaded.size > limit:
        raise ValidationError(
            _("Berkas terlalu besar (%(size)s). Ukuran paling besar %(limit)s.")
            % {"size": filesizeformat(uploaded.size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    uploaded.seek(0)
    content = uploaded.read(limit + 1)
    if not content:
        raise ValidationError(_("Berkas kosong. Pilih berkas yang berisi dokumen."), code="empty")
    if len(content) > limit:
        raise ValidationError(
            _("Berkas terlalu besar. Ukuran paling besar %(limit)s.") % {"limit": filesizeformat(limit)},
            code="too_large",
        )
    content_type = sniff_content_type(content[:16])
    if content_type is None:
        raise ValidationError(
            _("Jenis berkas tidak diterima. Unggah PDF, JPG atau PNG (isi berkas diperiksa, bukan namanya)."),
            code="bad_type",
        )
    return content, content_type


class RequirementUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Berkas (PDF, JPG atau PNG, paling besar 5 MB)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"}),
    )

    def clean_file(self) -> UploadedFile:
        uploaded = self.cleaned_data["file"]
        self.content, self.content_type = upload_validate(uploaded)
        return uploaded


@transaction.atomic
def attachment_store(
    *,
    application: Application,
    requirement_index: int,
    content: bytes,
    content_type: str,
    original_name: str,
    uploaded_by: User,
) -> Attachment:
    """Store an already validated upload for requirement ``requirement_index``.

    Earlier uploads for the same requirement are kept (staff see the history); the newest
    one counts. The file name is derived from the digest, never from the uploader.
    """
    requirements = application.service.requirements
    if not 0 <= requirement_index < len(requirements):
        raise ValidationError(_("Persyaratan tidak dikenal."))
    if content_type not in ACCEPTED:
        raise ValidationError(_("Jenis berkas tidak diterima."))
    attachment = Attachment(
        application=application,
        requirement_index=requirement_index,
        requirement_label=str(requirements[requirement_index])[:300],
        content_type=content_type,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        original_name=(original_name or "")[:200],
        uploaded_by=uploaded_by,
    )
    attachment.file.save("upload", ContentFile(content), save=False)
    attachment.save()
    return attachment
