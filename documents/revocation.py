"""Revoking one issued document (verification's part of documents/)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import roles
from documents.models import IssuedDocument, IssuedState

if TYPE_CHECKING:
    from accounts.models import User


@transaction.atomic
def document_revoke(*, document: IssuedDocument, reason: str, actor: User) -> IssuedDocument:
    """Revoke ``document`` with ``reason`` (PIAK only): its QR then reads "TIDAK BERLAKU LAGI".

    Writes an audit row (``verification.DocumentRevocation``). Revoking twice is refused.
    """
    from verification.models import DocumentRevocation

    if not roles.has_role(actor, roles.PIAK):
        raise PermissionDenied(_("Hanya PIAK yang dapat mencabut dokumen."))
    reason = (reason or "").strip()
    if len(reason) < 5:
        raise ValidationError(_("Tuliskan alasan pencabutan (minimal 5 karakter)."), code="reason")
    locked = IssuedDocument.objects.select_for_update().get(pk=document.pk)
    if locked.state == IssuedState.REVOKED:
        raise ValidationError(_("Dokumen ini sudah dicabut."), code="already_revoked")
    now = timezone.now()
    locked.state = IssuedState.REVOKED
    locked.revoked_at = now
    locked.revoked_reason = reason
    locked.save(update_fields=["state", "revoked_at", "revoked_reason"])
    DocumentRevocation.objects.create(document=locked, revoked_by=actor, reason=reason, revoked_at=now)
    return locked
