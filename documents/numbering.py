"""Document numbers (unique per type and year), lineages and versions.

Numbers come from ``registry.sequences.sequence_next`` (a row-locked counter per type and
year), so two workers issuing at the same moment never print the same number. Documents
that are versions of one another share a *lineage*: the KK of one nomor KK, the akta
kelahiran of one person (a catatan pinggir is its next version), the KTP-el or KIA of one
NIK. A new version keeps the lineage's number and takes the next version from a counter
per lineage; every other document starts a lineage of its own at version 1.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Max

from documents.models import DocumentJob, IssuedDocument, JobState
from registry.sequences import sequence_next, sequences_next_many

# Register codes the office prints in akta numbers (e.g. 7571-LT-29112026-0001).
AKTA_CODES = {
    "AKTA_KELAHIRAN": "LT",
    "CATATAN_PINGGIR": "LT",
    "AKTA_KEMATIAN": "KM",
    "AKTA_PERKAWINAN": "KW",
    "AKTA_PERCERAIAN": "CR",
}
LETTER_CODES = {
    "SKPWNI": "SKPWNI",
    "SKPLN": "SKPLN",
    "SKDLN": "SKDLN",
    "SKTT": "SKTT",
    "SK_LAHIR_MATI": "SKLM",
    "KTP_EL": "CETAK-KTP",
    "KIA": "CETAK-KIA",
}


@dataclass(frozen=True)
class Numbering:
    number: str
    version: int
    lineage: str


def lineage_key(doc_type: str, snapshot: dict) -> str | None:
    """The lineage a document continues, or ``None`` for one that starts its own."""
    if doc_type == "KK":
        return f"KK:{snapshot['family']['nomor_kk']}"
    if doc_type in ("AKTA_KELAHIRAN", "CATATAN_PINGGIR"):
        return f"AKTA_KELAHIRAN:{snapshot['person']['nik']}"
    if doc_type in ("KTP_EL", "KIA", "AKTA_KEMATIAN"):
        return f"{doc_type}:{snapshot['person']['nik']}"
    return None


def number_new(*, doc_type: str, on: dt.date) -> str:
    """A fresh number, unique for ``doc_type`` within the year of ``on``."""
    serial = sequence_next(key=f"DOC:{doc_type}:{on.year}")
    issuer = settings.ISSUER_CODE
    if doc_type in AKTA_CODES:
        return f"{issuer}-{AKTA_CODES[doc_type]}-{on:%d%m%Y}-{serial:04d}"
    return f"{LETTER_CODES[doc_type]}/{issuer}/{on.year}/{serial:06d}"


# A job that drew its number but has not issued it yet is in one of these states.
UNISSUED = (JobState.PENDING, JobState.RENDERING, JobState.FAILED)


def _lineage_number(lineage: str) -> str | None:
    """The number ``lineage`` goes by: its latest issued document's, else one a job drew already.

    A job that reserved its number (a crashed run, an akta reserved ahead of a KIA, a retry
    waiting) will issue that very number: a later version must print it too.
    """
    issued = IssuedDocument.objects.filter(lineage=lineage).order_by("-version").values_list("number", flat=True)
    reserved = (
        DocumentJob.objects.filter(state__in=UNISSUED, lineage=lineage)
        .exclude(number="")
        .order_by("version")
        .values_list("number", flat=True)
    )
    return issued.first() or reserved.first()


def numbering_reserve(*, doc_type: str, snapshot: dict, on: dt.date, drawn: dict[str, str] | None = None) -> Numbering:
    """Number, version and lineage for a document about to be rendered.

    Call inside the transaction that stores them on the job: the counters stay locked
    until it commits. ``drawn`` (lineage -> number) holds what earlier documents of the
    same batch drew, not stored yet; this one's is added.
    """
    lineage = lineage_key(doc_type, snapshot)
    if lineage is None:
        number = number_new(doc_type=doc_type, on=on)
        return Numbering(number=number, version=1, lineage=f"{doc_type}:{number}")

    def highest_version() -> int:
        top = IssuedDocument.objects.filter(lineage=lineage).aggregate(top=Max("version"))["top"]
        if top is None and lineage.startswith("AKTA_KELAHIRAN:") and snapshot["person"].get("akta_kelahiran_number"):
            return 1  # the akta registered on paper before this system is version 1
        return top or 0

    version = sequence_next(key=f"VER:{lineage}", initial=highest_version)
    if doc_type == "KK":  # the KK's number is the nomor KK: no need to read the lineage
        return Numbering(number=snapshot["family"]["nomor_kk"], version=version, lineage=lineage)
    drawn = {} if drawn is None else drawn
    number = drawn.get(lineage) or _lineage_number(lineage)
    if not number and doc_type in ("AKTA_KELAHIRAN", "CATATAN_PINGGIR"):
        # An akta registered before this system: its number carries on.
        number = snapshot["person"].get("akta_kelahiran_number")
    if not number:
        number = number_new(doc_type="AKTA_KELAHIRAN" if doc_type == "CATATAN_PINGGIR" else doc_type, on=on)
    drawn[lineage] = number
    return Numbering(number=number, version=version, lineage=lineage)


def numberings_reserve(*, items: list[tuple[str, dict]], on: dt.date) -> list[Numbering]:
    """``numbering_reserve`` for a batch of ``(doc_type, snapshot)``, in the same order.

    The KKs of a batch (a mass re-issue: one per family) take their versions in three
    statements whatever their number; anything else goes one by one.
    """
    kk_lineages: dict[int, str] = {}
    for index, (doc_type, snapshot) in enumerate(items):
        lineage = lineage_key(doc_type, snapshot) if doc_type == "KK" else None
        if lineage is not None and lineage not in kk_lineages.values():
            kk_lineages[index] = lineage
    tops = {}
    if kk_lineages:
        tops = dict(
            IssuedDocument.objects.filter(lineage__in=kk_lineages.values())
            .order_by()
            .values("lineage")
            .annotate(top=Max("version"))
            .values_list("lineage", "top")
        )
    versions = sequences_next_many(initial={f"VER:{lineage}": tops.get(lineage, 0) for lineage in kk_lineages.values()})
    numberings = []
    drawn: dict[str, str] = {}
    for index, (doc_type, snapshot) in enumerate(items):
        lineage = kk_lineages.get(index)
        if lineage is None:
            numberings.append(numbering_reserve(doc_type=doc_type, snapshot=snapshot, on=on, drawn=drawn))
        else:
            numberings.append(
                Numbering(number=snapshot["family"]["nomor_kk"], version=versions[f"VER:{lineage}"], lineage=lineage)
            )
    return numberings
