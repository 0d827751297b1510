"""What issued documents change in the register's holdings (who owns a current KK, KTP-el...).

``registry`` owns ``Family`` and ``Person``: the writes go through its holding services
(``registry.services.holding_record_kks`` / ``holding_record_person``).
"""

from __future__ import annotations

from collections.abc import Iterable

from documents.models import IssuedDocument, IssuedState
from registry.services import holding_record_kks, holding_record_person


def holdings_record(*, documents: Iterable[IssuedDocument]) -> None:
    """Record on the register that ``documents`` were issued (called in their issuing transaction).

    Only documents still VALID count (a version recorded after a newer one changes nothing).
    The KKs of a batch cost one UPDATE together; the other holdings one each.
    """
    kks: dict[int, tuple] = {}
    for document in sorted(documents, key=lambda d: d.version):  # a family's newest KK last
        if document.state != IssuedState.VALID:
            continue
        at = document.issued_at
        if document.doc_type == "KK" and document.family_id:
            kks[document.family_id] = (at, document.version)
        elif document.doc_type == "KTP_EL" and document.subject_id:
            holding_record_person(person_id=document.subject_id, ktp_el_issued_at=at)
        elif document.doc_type == "KIA" and document.subject_id:
            holding_record_person(person_id=document.subject_id, kia_issued_at=at)
        elif document.doc_type == "AKTA_KELAHIRAN" and document.subject_id:
            holding_record_person(
                person_id=document.subject_id, akta_kelahiran_number=document.number, akta_kelahiran_issued_at=at
            )
        elif document.doc_type == "CATATAN_PINGGIR" and document.subject_id and _draws_the_akta_number(document):
            # A note on a person whose akta the register does not know drew the akta's number:
            # recorded, or a later late birth registration would issue another akta over it.
            holding_record_person(person_id=document.subject_id, akta_kelahiran_number=document.number)
    if kks:
        holding_record_kks(printed=kks)


def _draws_the_akta_number(document: IssuedDocument) -> bool:
    return document.snapshot.get("person", {}).get("akta_kelahiran_number") != document.number
