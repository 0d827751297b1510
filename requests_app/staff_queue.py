"""Reads for the staff queue in the admin: the list, overdue, and one application's review page.

Every read here runs a fixed number of queries whatever the number of applications,
attachments, transitions or jobs (tests/workflow/test_admin_queries.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from registry.models import Family, Person
from requests_app import rules
from requests_app.models import Application, ApplicationState
from requests_app.views.presentation import event_summary

S = ApplicationState
WAITING_STATES = (S.SUBMITTED, S.IN_REVIEW)


def overdue_q(now: dt.datetime | None = None) -> Q:  # now: aware
    """Applications still waiting for staff after their service-level time ran out."""
    return Q(state__in=WAITING_STATES, due_at__lt=now or timezone.now())


def never_submitted_q() -> Q:
    """A citizen's draft, or a draft they cancelled before submitting it: never the office's."""
    return Q(state=S.DRAFT) | Q(state=S.CANCELLED, submitted_at__isnull=True)


def applications_for_staff_queue() -> QuerySet[Application]:
    """The queue with everything a list row shows, in one query; applications never submitted
    are left out (staff have nothing to do with them, and approving one fails)."""
    return Application.objects.exclude(never_submitted_q()).select_related(
        "service", "applicant", "subject", "family", "kelurahan__parent", "assigned_to"
    )


def is_overdue(application: Application, now: dt.datetime | None = None) -> bool:
    return (
        application.state in WAITING_STATES
        and application.due_at is not None
        and application.due_at < (now or timezone.now())
    )


@dataclass
class Review:
    """What the review page shows about one application."""

    application: Application
    attachments: list
    transitions: list
    jobs: list
    plan_lines: list[str] = field(default_factory=list)
    plan_error: str = ""
    plan_warnings: list[str] = field(default_factory=list)
    persons: list[Person] = field(default_factory=list)
    families: list[Family] = field(default_factory=list)
    register_history: list = field(default_factory=list)
    event_rows: list[tuple[str, str]] = field(default_factory=list)


def application_review(application: Application) -> Review:
    """Event data, attachments, timeline, jobs, the plan (while undecided) and the register records touched."""
    attachments = list(application.attachments.select_related("uploaded_by").order_by("requirement_index", "pk"))
    transitions = list(application.transitions.select_related("actor").order_by("at", "pk"))
    jobs = list(application.jobs.select_related("subject", "family", "issued").order_by("pk"))
    review = Review(application=application, attachments=attachments, transitions=transitions, jobs=jobs)
    review.event_rows = event_summary(application)
    person_ids: set[int] = {application.subject_id} if application.subject_id else set()
    family_ids: set[int] = {application.family_id} if application.family_id else set()
    if application.state in (S.DRAFT, S.SUBMITTED, S.IN_REVIEW, S.RETURNED):
        try:
            plan = rules.plan_application(application)
        except ValidationError as exc:
            review.plan_error = " ".join(exc.messages)
        else:
            review.plan_lines = plan.describe()
            review.plan_warnings = plan.warnings
            person_ids |= plan.persons
            family_ids |= plan.families
    else:
        person_ids |= {job.subject_id for job in jobs if job.subject_id}
        family_ids |= {job.family_id for job in jobs if job.family_id}
    review.persons = list(Person.objects.filter(pk__in=person_ids).select_related("family").order_by("pk"))
    review.families = list(Family.objects.filter(pk__in=family_ids).select_related("head").order_by("pk"))
    review.register_history = register_history_for(application)
    return review


def register_history_for(application: Application, limit: int = 200) -> list[dict]:
    """Register history rows written for this application (reason = its tracking number),
    each with a link to the record's history page in the admin."""
    number = application.tracking_number
    rows = []
    for model, label, kind in ((Person, "nik", "person"), (Family, "nomor_kk", "family")):
        for row in model.history.filter(history_change_reason=number).select_related("history_user")[:limit]:
            rows.append(
                {
                    "at": row.history_date,
                    "order": row.history_id,
                    "user": row.history_user,
                    "type": row.get_history_type_display(),
                    "what": f"{getattr(row, label)} {getattr(row, 'full_name', '')}".strip(),
                    "url": reverse(f"admin:registry_{kind}_history", args=[row.id]),
                }
            )
    rows.sort(key=lambda item: (item["at"], item["order"]))
    return rows
