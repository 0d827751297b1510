import threading

import pytest
from django.db import connection

from documents import scans
from documents.models import DocumentScanCount


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_flushes_of_overlapping_documents_neither_deadlock_nor_lose_counts(issue):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    documents = [issue()[0] for _ in range(30)]
    ids = [document.pk for document in documents]
    barrier = threading.Barrier(4)
    errors = []

    def flusher(order):
        from django.db import connections

        try:
            barrier.wait()
            for _ in range(5):
                counts = dict.fromkeys(order, 1)
                # Each thread plays a worker process: its own pending counts, then a flush.
                with scans._pending_lock:
                    scans._pending.update(counts)
                scans.document_scans_flush()
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=flusher, args=(order,))
        for order in (ids, list(reversed(ids)), ids[::2] + ids[1::2], list(reversed(ids[::2] + ids[1::2])))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors
    scans.document_scans_flush()
    assert sum(DocumentScanCount.objects.filter(document__in=ids).values_list("total", flat=True)) == 4 * 5 * 30


@pytest.mark.django_db(transaction=True)
def test_the_background_flusher_writes_the_counts(client, issue, settings):
    import time

    document, token = issue()
    settings.VERIFY_SCAN_FLUSH_SECONDS = 0.2
    scans._flusher_pid = None
    for _ in range(3):
        assert client.get(f"/V/{token}").status_code == 200
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        document.refresh_from_db()
        if document.scan_count == 3:
            break
        time.sleep(0.1)
    assert document.scan_count == 3
