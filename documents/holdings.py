"""What an issued document changes in the register's holdings (who owns a current KK, KTP-el...).

This is a cross-app write: ``registry`` owns ``Family`` and ``Person``. It is kept to
single-row ``.update()`` calls on the holding fields only (no save(), so no history rows
and no ``data_changed_at`` touch), and should move behind a ``registry`` service function
(e.g. ``registry.services.holding_record``) when that app offers one.
"""

from __future__ import annotations

import datetime as dt

from documents.models import IssuedDocument
from registry.models import Family, Person


def holdings_record(*, document: IssuedDocument) -> None:
    """Record on the register that ``document`` was issued (called in its issuing transaction)."""
    at: dt.datetime = document.issued_at
    if document.doc_type == "KK" and document.family_id:
        Family.objects.filter(pk=document.family_id).update(kk_printed_at=at, kk_version=document.version)
    elif document.doc_type == "KTP_EL" and document.subject_id:
        Person.objects.filter(pk=document.subject_id).update(ktp_el_issued_at=at)
    elif document.doc_type == "KIA" and document.subject_id:
        Person.objects.filter(pk=document.subject_id).update(kia_issued_at=at)
    elif document.doc_type == "AKTA_KELAHIRAN" and document.subject_id:
        Person.objects.filter(pk=document.subject_id).update(
            akta_kelahiran_number=document.number, akta_kelahiran_issued_at=at
        )
