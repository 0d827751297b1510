"""A catatan pinggir on a person whose akta kelahiran the register does not know."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from documents.issuing import documents_produce
from documents.models import IssuedState


def test_a_margin_note_records_the_akta_number_it_drew(actors, make_application, approve):
    head = actors["home"]["head"]
    assert not head.akta_kelahiran_number
    data = {"person_id": head.pk, "new_name": "NAMA BARU", "decision_number": "4/Pdt.P/2026/PN Gto"}
    application = approve(make_application("PERUBAHAN_NAMA", actors["citizen"], data))

    documents = documents_produce(job_ids=list(application.jobs.values_list("pk", flat=True)))

    (note,) = [d for d in documents if d.doc_type == "CATATAN_PINGGIR"]
    head.refresh_from_db()
    assert head.akta_kelahiran_number == note.number
    # The akta the note carries is known now: no late birth registration issues another over it.
    with pytest.raises(ValidationError, match="sudah memiliki akta kelahiran"):
        make_application("AKTA_KELAHIRAN", actors["citizen"], {"person_id": head.pk, "mother_name": "IBU"})
    note.refresh_from_db()
    assert note.state == IssuedState.VALID
