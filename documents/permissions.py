"""Who may see which issued document."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from accounts import roles
from documents.models import CARD_TYPES, IssuedDocument

STAFF_ROLES = (roles.PETUGAS_PELAYANAN, roles.KEPALA_BIDANG, roles.PIAK, roles.KEPALA_DINAS)
RETRY_ROLES = (roles.PETUGAS_PELAYANAN, roles.KEPALA_BIDANG, roles.PIAK)


def is_document_staff(user: AbstractBaseUser | AnonymousUser) -> bool:
    return bool(user.is_authenticated and user.is_staff and roles.has_role(user, *STAFF_ROLES))


def can_download(user: AbstractBaseUser | AnonymousUser, document: IssuedDocument) -> bool:
    """Staff, or the applicant of the application that yielded it (never a card-print order)."""
    if is_document_staff(user):
        return True
    if not user.is_authenticated or document.doc_type in CARD_TYPES:
        return False
    application = document.job.application
    return application is not None and application.applicant_id == user.pk
