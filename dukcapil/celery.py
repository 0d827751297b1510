"""The Celery application; configuration comes from Django settings (``CELERY_*``)."""

import os

from celery import Celery

from dukcapil.env import env_int

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dukcapil.settings")

app = Celery("dukcapil")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Periodic work (run a beat: ``celery -A dukcapil beat`` or a worker with ``-B``).
app.conf.beat_schedule = {
    # A broker outage at approval time or a lost worker must not lose a document job.
    "documents-resend-stale-jobs": {
        "task": "documents.tasks.jobs_resend_stale",
        "schedule": float(env_int("DOCUMENT_JOB_RESEND_EVERY_SECONDS", 60)),
    },
    **(app.conf.beat_schedule or {}),
}
