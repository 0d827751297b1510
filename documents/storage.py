"""Where issued PDFs live: Django's default storage (filesystem, or S3 via FILE_STORAGE_BACKEND).

The key is derived from the job alone, so a rerun of the same job overwrites its own file
instead of leaving a second one behind.

S3-compatible storage (MinIO, AWS, Wasabi...) needs only settings: install
``django-storages[s3]`` and set ``FILE_STORAGE_BACKEND=storages.backends.s3.S3Storage`` with
its ``AWS_*`` variables (bucket private; downloads go through ``documents.views``, which
checks who asks). Keep ``file_overwrite`` on (its default) so a rerun replaces the file.
"""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage


def document_key(*, job_id: int, doc_type: str) -> str:
    return f"documents/{doc_type.lower()}/{job_id // 1000:04d}/job-{job_id}.pdf"


def document_store(*, job_id: int, doc_type: str, pdf: bytes) -> str:
    """Write ``pdf`` under the job's key (replacing an earlier attempt) and return the key."""
    key = document_key(job_id=job_id, doc_type=doc_type)
    if default_storage.exists(key):
        default_storage.delete(key)
    stored = default_storage.save(key, ContentFile(pdf))
    if stored != key:  # a storage that renamed instead of writing where we asked
        raise OSError(f"storage wrote {stored!r} instead of {key!r}")
    return key
