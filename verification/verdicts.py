"""What a scanned token means today: genuine and current, no longer valid, or unknown.

``verification_for_token`` is the one place that decides; the verify page, the file check
and the tests go through it. Three queries at most: the key, the document, the scan count.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from documents.models import IssuedDocument, IssuedState
from documents.revocation import document_scan_record
from verification.codec import Claims, nik_ends, truncate_name
from verification.tokens import InvalidToken, record_digest, token_verify


class Verdict(models.TextChoices):
    VALID = "VALID", _("ASLI DAN BERLAKU")
    NOT_CURRENT = "NOT_CURRENT", _("TIDAK BERLAKU LAGI")
    UNKNOWN = "UNKNOWN", _("TIDAK DIKENAL")


class Reason(models.TextChoices):
    CURRENT = "current", _("Dokumen ini asli dan merupakan versi yang berlaku.")
    SUPERSEDED = "superseded", _("Sudah diterbitkan versi yang lebih baru dari dokumen ini.")
    REVOKED = "revoked", _("Dokumen ini telah dicabut oleh Dinas.")
    KEY_REVOKED = "key_revoked", _("Kunci tanda tangan dokumen ini telah dicabut sebelum dokumen diterbitkan.")
    MALFORMED = "malformed", _("Kode QR tidak dapat dibaca sebagai tanda tangan elektronik Dinas.")
    NOT_ISSUED = "not_issued", _("Tanda tangan tidak cocok dengan dokumen mana pun yang diterbitkan Dinas.")


@dataclass(frozen=True)
class Verification:
    verdict: str
    reason: str
    claims: Claims | None = None
    document: IssuedDocument | None = None
    changed_at: dt.datetime | None = None  # when it stopped being valid
    change_note: str = ""  # the revocation reason, or "versi N"

    @property
    def verdict_label(self) -> str:
        return str(Verdict(self.verdict).label)

    @property
    def reason_text(self) -> str:
        return str(Reason(self.reason).label)

    @property
    def official_name(self) -> str:
        snapshot = self.document.snapshot if self.document else {}
        return snapshot.get("official_name") or settings.SIGNING_OFFICIAL_NAME

    @property
    def official_title(self) -> str:
        snapshot = self.document.snapshot if self.document else {}
        return snapshot.get("official_title") or settings.SIGNING_OFFICIAL_TITLE

    def as_dict(self) -> dict:
        return {
            "verdict": self.verdict,
            "verdict_label": self.verdict_label,
            "reason": self.reason,
            "claims": self.claims.as_dict() if self.claims else None,
            "changed_at": self.changed_at.isoformat() if self.changed_at else None,
            "change_note": self.change_note,
        }


def _unknown(reason: str) -> Verification:
    return Verification(verdict=Verdict.UNKNOWN, reason=reason)


def _matches(document: IssuedDocument, claims: Claims, kid: str) -> bool:
    """The token describes exactly this issued row: key, record digest, name and NIK."""
    if document.key_id != kid or record_digest(document.snapshot)[: len(claims.digest)] != claims.digest:
        return False
    subject = document.snapshot.get("subject")
    if isinstance(subject, dict):
        if truncate_name(subject.get("name") or "") != claims.subject_name:
            return False
        nik = subject.get("nik") or ""
        if (nik_ends(nik) if nik else "") != claims.nik_ends:
            return False
    return True


def verification_for_token(token: str, *, count_scan: bool = True) -> Verification:
    """Decide what ``token`` means now. Counts one scan on the document it names, if any."""
    try:
        verified = token_verify(token)
    except InvalidToken:
        return _unknown(Reason.MALFORMED)
    claims = verified.claims
    document = (
        IssuedDocument.objects.select_related("superseded_by")
        .filter(doc_type=claims.doc_type, number=claims.number, version=claims.version)
        .first()
    )
    if document is None or not _matches(document, claims, verified.key_id):
        return _unknown(Reason.NOT_ISSUED)
    if count_scan:
        document_scan_record(document_id=document.pk)
    found = {"claims": claims, "document": document}
    key = verified.key
    if key.revoked_at is not None and document.issued_at >= key.revoked_at:
        return Verification(
            verdict=Verdict.NOT_CURRENT,
            reason=Reason.KEY_REVOKED,
            changed_at=key.revoked_at,
            change_note=key.revoked_reason,
            **found,
        )
    if document.state == IssuedState.REVOKED:
        return Verification(
            verdict=Verdict.NOT_CURRENT,
            reason=Reason.REVOKED,
            changed_at=document.revoked_at,
            change_note=document.revoked_reason,
            **found,
        )
    if document.state == IssuedState.SUPERSEDED:
        newer = document.superseded_by
        return Verification(
            verdict=Verdict.NOT_CURRENT,
            reason=Reason.SUPERSEDED,
            changed_at=newer.issued_at if newer else None,
            change_note=_("Digantikan oleh versi %(version)s") % {"version": newer.version} if newer else "",
            **found,
        )
    return Verification(verdict=Verdict.VALID, reason=Reason.CURRENT, **found)
