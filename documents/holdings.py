"""What an issued document changes in the register's holdings (who owns a current KK, KTP-el...).

``registry`` owns ``Family`` and ``Person``: the writes go through its holding services
(``registry.services.holding_record_kk`` / ``holding_record_person``).
"""

from __future__ import annotations

import datetime as dt

from documents.models import IssuedDocument
from registry.services import holding_record_kk, holding_record_person


def holdings_record(*, document: IssuedDocument) -> None:
    """Record on the register that ``document`` was issued (called in its issuing transaction)."""
    at: dt.datetime = document.issued_at
    if document.doc_type == "KK" and document.family_id:
        holding_record_kk(family_id=document.family_id, printed_at=at, version=document.version)
    elif document.doc_type == "KTP_EL" and document.subject_id:
        holding_record_person(person_id=document.subject_id, ktp_el_issued_at=at)
    elif document.doc_type == "KIA" and document.subject_id:
        holding_record_person(person_id=document.subject_id, kia_issued_at=at)
    elif document.doc_type == "AKTA_KELAHIRAN" and document.subject_id:
        holding_record_person(
            person_id=document.subject_id, akta_kelahiran_number=document.number, akta_kelahiran_issued_at=at
        )
