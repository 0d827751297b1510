"""Revoking one issued document, and counting the scans of its QR (verification's part of documents/)."""

from __future__ import annotations

import atexit
import logging
import os
import threading
import time
from collections import Counter

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import roles
from documents.models import IssuedDocument, IssuedState


@transaction.atomic
def document_revoke(*, document: IssuedDocument, reason: str, actor) -> IssuedDocument:  # noqa: ANN001 - a User
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


# Scans are counted in the process and written by a background thread every
# VERIFY_SCAN_FLUSH_SECONDS (default 1 s): the verify page never waits for a write, and a
# busy page costs one short transaction per second per worker. A killed worker loses at
# most that second of counts; a clean exit flushes them (atexit). With the setting at 0
# (the tests) each scan is written at once, in the request.
logger = logging.getLogger(__name__)
_pending: Counter[int] = Counter()
_pending_lock = threading.Lock()
_flusher_pid: int | None = None


def document_scan_record(*, document_id: int) -> None:
    """Count one scan of the document's QR. Nothing about who scanned is kept."""
    interval = settings.VERIFY_SCAN_FLUSH_SECONDS
    with _pending_lock:
        _pending[document_id] += 1
    if interval <= 0:
        document_scans_flush()
    else:
        _flusher_start(interval)


def _flusher_start(interval: float) -> None:
    global _flusher_pid
    if _flusher_pid == os.getpid():
        return
    with _pending_lock:
        if _flusher_pid == os.getpid():  # started meanwhile (or inherited through fork: not running)
            return
        _flusher_pid = os.getpid()
    threading.Thread(target=_flusher_loop, args=(interval,), name="scan-count-flusher", daemon=True).start()


def _flusher_loop(interval: float) -> None:
    from django.db import connection

    while True:
        time.sleep(interval)
        if not _pending:
            continue
        try:
            document_scans_flush()
        except Exception:  # keep counting whatever happened to one flush
            logger.exception("scan count flush failed")
        finally:
            # A connection per flush (once a second at most): none held open between them.
            connection.close()


def document_scans_flush() -> None:
    """Write the counted scans: ``scan_count + n``, one UPDATE per distinct n, one commit."""
    with _pending_lock:
        counts = dict(_pending)
        _pending.clear()
    if not counts:
        return
    by_count: dict[int, list[int]] = {}
    for document_id, count in counts.items():
        by_count.setdefault(count, []).append(document_id)
    try:
        # One commit for all; rows locked in primary-key order first, so two workers
        # flushing overlapping documents queue behind each other instead of deadlocking.
        with transaction.atomic():
            list(IssuedDocument.objects.select_for_update().filter(pk__in=counts).order_by("pk").values_list("pk"))
            for count, ids in by_count.items():
                IssuedDocument.objects.filter(pk__in=ids).update(scan_count=F("scan_count") + count)
    except DatabaseError:
        # Counting must never break the verify page: keep the counts for the next flush.
        logger.warning("scan counts not written; kept for the next flush", exc_info=True)
        with _pending_lock:
            _pending.update(counts)


atexit.register(lambda: _pending and document_scans_flush())
