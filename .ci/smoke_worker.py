"""Smoke probe for CI: the running worker of the SQLite default renders a real document.

Run by ``dev.py smoke`` while the web server and a Celery worker on kombu's filesystem
transport are up: creates a KK job for a seeded family, waits for the worker to issue it,
and checks the stored PDF. Exits non-zero otherwise.
"""

import os
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dukcapil.settings")
django.setup()

from django.db import transaction  # noqa: E402

from documents.models import DocumentJob, JobState  # noqa: E402
from documents.services import JobSpec, jobs_create  # noqa: E402
from registry.models import Family  # noqa: E402


def main() -> int:
    family = Family.objects.filter(is_active=True, head__isnull=False).order_by("pk").first()
    with transaction.atomic():
        (job,) = jobs_create(application=None, specs=[JobSpec(doc_type="KK", family_id=family.pk)])
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.state in (JobState.ISSUED, JobState.FAILED):
            break
        time.sleep(0.5)
    if job.state != JobState.ISSUED:
        print(f"==> job {job.pk} ended {job.state}: {job.error}", flush=True)
        return 1
    issued = DocumentJob.objects.select_related("issued").get(pk=job.pk).issued
    with issued.file.open("rb") as handle:
        head = handle.read(5)
    if head != b"%PDF-":
        print("==> the issued file is not a PDF", flush=True)
        return 1
    print(f"==> worker issued {issued.number} v{issued.version} ({issued.sha256[:12]}…)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
