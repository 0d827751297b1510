"""The moving-out letters (SKPWNI, SKPLN) print the family the movers left, as they left it.

Approval changes the register first (the movers leave the family, a family whose head left
gets a new head and nomor KK, an emptied family is closed); the letter is made afterwards.
"""

from __future__ import annotations

from django.core.files.storage import default_storage

from documents.issuing import documents_produce
from documents.models import DocumentJob
from registry.choices import Relationship
from registry.models import Family
from tests.documents.conftest import pdf_text


def _letter(application, doc_type: str = "SKPWNI") -> tuple[DocumentJob, str]:
    job = DocumentJob.objects.get(application=application, doc_type=doc_type)
    (document,) = documents_produce(job_ids=[job.pk])
    job.refresh_from_db()
    with default_storage.open(document.file.name, "rb") as handle:
        return job, pdf_text(handle.read())


def test_skpwni_prints_the_origin_kk_the_movers_left(actors, make_application, approve):
    home = actors["home"]
    family = Family.objects.get(pk=home["head"].family_id)
    old_kk, old_head = family.nomor_kk, home["head"].full_name
    data = {"member_ids": [home["head"].pk], "move_date": "2026-11-15", "destination": "PALU"}
    application = approve(make_application("PINDAH_KELUAR", actors["citizen"], data))
    family.refresh_from_db()
    assert family.nomor_kk != old_kk  # the wife heads the family now, under a new nomor KK

    job, text = _letter(application)

    assert job.snapshot["origin"]["nomor_kk"] == old_kk
    assert job.snapshot["origin"]["head_name"] == old_head
    assert job.snapshot["movers"][0]["relationship"] == Relationship.HEAD
    assert job.snapshot["applicant"]["relationship"] == Relationship.HEAD
    assert old_kk in text and family.nomor_kk not in text
    assert home["wife"].full_name not in text


def test_the_whole_family_moving_keeps_its_head_and_relationships(actors, make_application, approve):
    home = actors["home"]
    family = Family.objects.get(pk=home["head"].family_id)
    movers = [home["head"], home["wife"], home["child0"]]
    data = {"member_ids": [m.pk for m in movers], "move_date": "2026-11-15", "destination": "KOTA MANADO"}
    application = approve(make_application("PINDAH_KELUAR", actors["citizen"], data))
    family.refresh_from_db()
    assert not family.is_active and family.head_id is None

    job, text = _letter(application)

    assert job.snapshot["origin"]["nomor_kk"] == family.nomor_kk
    assert job.snapshot["origin"]["head_name"] == home["head"].full_name
    assert [m["relationship"] for m in job.snapshot["movers"]] == [
        Relationship.HEAD,
        Relationship.WIFE,
        Relationship.CHILD,
    ]
    assert home["head"].full_name in text
    assert Relationship.WIFE in text and Relationship.CHILD in text


def test_skpln_prints_the_origin_kk_the_mover_left(actors, make_application, approve):
    home = actors["home"]
    old_kk = home["head"].family.nomor_kk
    data = {"member_ids": [home["head"].pk], "move_date": "2026-11-15", "destination": "MALAYSIA"}
    application = approve(make_application("PINDAH_LUAR_NEGERI", actors["citizen"], data))

    job, text = _letter(application, "SKPLN")

    assert job.snapshot["origin"]["nomor_kk"] == old_kk
    assert job.snapshot["movers"][0]["relationship"] == Relationship.HEAD
    assert old_kk in text
