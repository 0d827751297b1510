"""Counting the scans of issued documents' QRs. Nothing about who scanned is kept.

Scans are counted in the process and written by a background thread every
VERIFY_SCAN_FLUSH_SECONDS (default 1 s): the verify page never waits for a write, and a busy
page costs one short transaction per second per worker. A killed worker loses at most that
second of counts; a clean exit flushes them (atexit). With the setting at 0 (the tests) each
scan is written at once, in the request.
"""

from __future__ import annotations

import atexit
import itertools
import logging
import os
import threading
import time
from collections import Counter

from django.conf import settings
from django.db import DatabaseError, connection, transaction

from documents.models import DocumentScanCount, IssuedDocument

logger = logging.getLogger(__name__)
_pending: Counter[int] = Counter()
_pending_lock = threading.Lock()
_flusher_pid: int | None = None

# Rows per upsert statement: two parameters each, under SQLite's oldest limit of 999.
UPSERT_BATCH = 400


def document_scan_record(*, document_id: int) -> None:
    """Count one scan of the document's QR."""
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
    """Add the counted scans to ``DocumentScanCount``: one upsert per 400 documents, one commit.

    Rows go in document order, so two workers flushing overlapping documents queue behind
    each other instead of deadlocking. A document deleted meanwhile is skipped.
    """
    with _pending_lock:
        counts = dict(_pending)
        _pending.clear()
    if not counts:
        return
    try:
        with transaction.atomic():
            rows = iter(sorted(counts.items()))
            while batch := list(itertools.islice(rows, UPSERT_BATCH)):
                with connection.cursor() as cursor:
                    cursor.execute(_upsert_sql(len(batch)), [value for row in batch for value in row])
    except DatabaseError:
        # Counting must never break the verify page: keep the counts for the next flush.
        logger.warning("scan counts not written; kept for the next flush", exc_info=True)
        with _pending_lock:
            _pending.update(counts)


def _upsert_sql(rows: int) -> str:
    """``total + n`` for each (document id, n), inserting the rows that do not exist yet.

    The same text on SQLite and PostgreSQL (both name a VALUES list's columns column1, column2;
    SQLite needs the WHERE before ON CONFLICT to parse it). Only table names are interpolated.
    """
    quote = connection.ops.quote_name
    scans, issued = quote(DocumentScanCount._meta.db_table), quote(IssuedDocument._meta.db_table)
    values = ", ".join(["(%s, %s)"] * rows)
    return (
        f"INSERT INTO {scans} (document_id, total) "  # noqa: S608
        f"SELECT d.id, v.column2 FROM (VALUES {values}) AS v JOIN {issued} d ON d.id = v.column1 "
        "WHERE true ORDER BY d.id "
        f"ON CONFLICT (document_id) DO UPDATE SET total = {scans}.total + excluded.total"
    )


atexit.register(lambda: _pending and document_scans_flush())
