"""Who may see which issued document."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from accounts import roles
from documents.models import CARD_TYPES, IssuedState

STAFF_ROLES = (roles.PETUGAS_PELAYANAN, roles.KEPALA_BIDANG, roles.PIAK, roles.KEPALA_DINAS)
RETRY_ROLES = (roles.PETUGAS_PELAYANAN, roles.KEPALA_BIDANG, roles.PIAK)


def is_document_staff(user: AbstractBaseUser | AnonymousUser) -> bool:
    return bool(user.is_authenticated and user.is_staff and roles.has_role(user, *STAFF_ROLES))


def may_download(
    user: AbstractBaseUser | AnonymousUser, *, doc_type: str, applicant_id: int | None, state: str
) -> bool:
    """Staff, or the applicant of the application that yielded it while it is VALID (never a
    card-print order). A re-issue after a register correction has no application of its own:
    ``applicant_id`` is then that of the version it re-issued (``documents.selectors.document_origin``).

    A superseded or revoked document printed again would scan "TIDAK BERLAKU LAGI", so the
    applicant no longer gets its file (the application page names the version in force);
    staff keep it for the record. The one rule for downloading an issued PDF and for offering
    it on the application page.
    """
    if is_document_staff(user):
        return True
    return bool(
        user.is_authenticated
        and state == IssuedState.VALID
        and doc_type not in CARD_TYPES
        and applicant_id
        and applicant_id == user.pk
    )
