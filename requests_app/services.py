"""Writes on applications: the citizen's (draft, submit, resubmit, cancel) and the staff's
(take, approve, return, reject, bulk approve). Every state change goes through
``requests_app.workflow.application_transition``.

What callers can rely on:
- ``ValidationError`` (messages in Bahasa Indonesia) when the event does not fit the
  register or the applicant may not file it; ``PermissionDenied`` when the actor lacks the
  role; ``IllegalTransition`` when the application is not in a state that allows the move.
- ``application_approve`` applies the register changes, creates the document jobs and
  moves the application to APPROVED in one transaction: on any error nothing is applied.
- Notifications are sent after the transaction commits, never for a rolled-back move.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import is_operator
from documents.services import jobs_create
from registry.models import Family, Person
from requests_app import rules
from requests_app.events import changes_apply
from requests_app.models import Application, ApplicationState, Channel, Service
from requests_app.permissions import require
from requests_app.selectors import last_return, requirements_to_reupload
from requests_app.workflow import IllegalTransition, application_transition, new_tracking_number
from requests_app.working_days import working_days_after

S = ApplicationState
EDITABLE_STATES = (S.DRAFT, S.RETURNED)
# Open applications that block a second one for the same event (drafts do not).
BLOCKING_STATES = (S.SUBMITTED, S.IN_REVIEW, S.RETURNED, S.APPROVED, S.PROCESSING)
SUBJECT_KEYS = ("deceased_id", "person_id", "child_id", "mother_id", "husband_id", "wife_id", "leaving_id")
MOVE_IN_EVENTS = ("MOVED_IN", "ARRIVED_FROM_ABROAD")


def _notify(application: Application, kind: str) -> None:
    """Tell the applicant after commit (the portal's module; absent in a stripped install)."""
    try:
        from accounts.notifications import notify_application
    except ImportError:  # pragma: no cover - the portal always ships it
        return
    transaction.on_commit(lambda: notify_application(application=application, kind=kind))


def _subject_from(event_data: dict) -> Person | None:
    for key in SUBJECT_KEYS:
        if event_data.get(key):
            return Person.objects.filter(pk=event_data[key]).select_related("family").first()
    members = event_data.get("member_ids") or []
    if members:
        return Person.objects.filter(pk=members[0]).select_related("family").first()
    return None


def _family_of(application: Application, family: Family | None) -> Family | None:
    """The family whose data the application touches, and whose members may follow it.

    A move-in touches only the family it joins. The family an operator opened the form
    from is just where they started: newcomers forming a new family have none, so their
    application (NIK, uploads) is not shown to that unrelated family.
    """
    if rules.event_of(application) in MOVE_IN_EVENTS:
        join_id = application.event_data.get("join_family_id")
        if not join_id:
            return None
        return family if family is not None and family.pk == join_id else Family.objects.filter(pk=join_id).first()
    return family or (application.subject.family if application.subject else None)


def _kelurahan_id(application: Application) -> str | None:
    if application.family_id:
        return Family.objects.filter(pk=application.family_id).values_list("kelurahan_id", flat=True).first()
    if application.subject_id:
        return Person.objects.filter(pk=application.subject_id).values_list("family__kelurahan_id", flat=True).first()
    return application.event_data.get("kelurahan_code") or None


@transaction.atomic
def application_draft_save(
    *,
    applicant: object,
    service: Service,
    subject: Person | None,
    family: Family | None,
    event_data: dict,
    channel: str = Channel.ONLINE,
    application: Application | None = None,
) -> Application:
    """Create or update a draft (a RETURNED application can be edited too)."""
    if application is None:
        application = Application(tracking_number=_free_tracking_number(), applicant=applicant, service=service)
    else:
        application = Application.objects.select_for_update().get(pk=application.pk)
        if application.applicant_id != applicant.pk:
            raise PermissionDenied(_("Permohonan ini bukan milik Anda."))
        if application.state not in EDITABLE_STATES:
            raise ValidationError(
                _("Permohonan berstatus %(state)s tidak dapat diubah.") % {"state": S(application.state).label}
            )
        application.service = service
    application.event_data = event_data or {}
    application.subject = subject or _subject_from(application.event_data)
    application.family = _family_of(application, family)
    application.channel = Channel.ASSISTED if is_operator(applicant) else (channel or Channel.ONLINE)
    application.kelurahan_id = _kelurahan_id(application)
    application.save()
    return application


def _free_tracking_number() -> str:
    while True:
        number = new_tracking_number()
        if not Application.objects.filter(tracking_number=number).exists():
            return number


def application_check(*, application: Application) -> rules.Plan:
    """Validate ``application`` as it stands and return its plan (no writes).

    Raises ``ValidationError``: scope (own family / own area), event data against the
    register (living deceased, no future dates, ...), a second open application.
    """
    rules.validate_application(application)
    plan = rules.plan_application(application)
    key = _event_key(application)
    other = (
        Application.objects.filter(event_key=key, state__in=BLOCKING_STATES)
        .exclude(pk=application.pk)
        .values_list("tracking_number", flat=True)
        .first()
    )
    if other:
        raise ValidationError(_duplicate_message(other), code="duplicate")
    plan.warnings.extend(_open_applications_about(plan, application))
    return plan


def _open_applications_about(plan: rules.Plan, application: Application) -> list[str]:
    """A warning per other open application about a person this one changes or issues for
    (e.g. a move-out filed while the person's death is pending): either may make the other
    wrong. Not a refusal: a KTP-el and a KK change can rightly run side by side."""
    if not plan.persons:
        return []
    others = (
        Application.objects.filter(state__in=BLOCKING_STATES, subject_id__in=plan.persons)
        .exclude(pk=application.pk)
        .select_related("service", "subject")
        .order_by("pk")[:MAX_OPEN_WARNINGS]
    )
    return [
        _(
            "Permohonan lain tentang %(name)s masih berjalan: %(number)s (%(service)s). "
            "Pastikan keduanya tidak bertentangan."
        )
        % {"name": other.subject.full_name, "number": other.tracking_number, "service": other.service.name_id}
        for other in others
    ]


MAX_OPEN_WARNINGS = 5


def _event_key(application: Application) -> str:
    return rules.event_key(
        event=rules.event_of(application),
        data=application.event_data or {},
        service_code=application.service.code,
        family_id=application.family_id,
    )


def _duplicate_message(number: str) -> str:
    return _(
        "Peristiwa ini sudah diajukan dalam permohonan %(number)s yang masih diproses. "
        "Pantau permohonan tersebut, atau batalkan dulu bila ingin mengajukan ulang."
    ) % {"number": number}


def _move_to_submitted(*, application: Application, actor: object, expected: tuple[str, ...]) -> Application:
    if actor is None or application.applicant_id != getattr(actor, "pk", None):
        raise PermissionDenied(_("Hanya pemohon yang dapat mengajukan permohonan ini."))
    if application.state not in expected:
        raise IllegalTransition(application, S.SUBMITTED)
    if application.state == S.RETURNED:
        _require_reuploads(application)
    application_check(application=application)
    now = timezone.now()
    try:
        with transaction.atomic():
            moved = application_transition(
                application=application,
                to_state=S.SUBMITTED,
                actor=actor,
                update={
                    "event_key": _event_key(application),
                    "due_at": working_days_after(now, application.service.sla_days),
                },
            )
    except IntegrityError:
        # Another application for the same event was submitted at the same moment.
        other = (
            Application.objects.filter(event_key=_event_key(application), state__in=BLOCKING_STATES)
            .exclude(pk=application.pk)
            .values_list("tracking_number", flat=True)
            .first()
        )
        raise ValidationError(_duplicate_message(other or "-"), code="duplicate") from None
    _notify(moved, "submitted")
    return moved


def _require_reuploads(application: Application) -> None:
    """``ValidationError`` naming each requirement the return asked for that has no new file."""
    missing = requirements_to_reupload(application, last_return(application))
    if not missing:
        return
    requirements = application.service.requirements or []
    names = [f"{index + 1}. {_(requirements[index]) if index < len(requirements) else ''}" for index in sorted(missing)]
    raise ValidationError(
        _(
            "Permohonan belum dapat diajukan kembali. Unggah berkas baru untuk persyaratan yang diminta "
            "petugas: %(items)s."
        )
        % {"items": "; ".join(names)},
        code="reupload",
    )


@transaction.atomic
def application_submit(*, application: Application, actor: object) -> Application:
    """DRAFT -> SUBMITTED after validating the event against the register."""
    return _move_to_submitted(application=application, actor=actor, expected=(S.DRAFT,))


@transaction.atomic
def application_resubmit(*, application: Application, actor: object) -> Application:
    """RETURNED -> SUBMITTED once every requirement the last return named has a new file.

    A new file is one uploaded after the return and not identical to one staff already had;
    otherwise ``ValidationError`` lists what is still missing and nothing changes (the
    application stays RETURNED with its uploads and edits).
    """
    return _move_to_submitted(application=application, actor=actor, expected=(S.RETURNED,))


@transaction.atomic
def application_cancel(*, application: Application, actor: object, reason: str = "") -> Application:
    """The applicant withdraws the application (any state before approval)."""
    if actor is None or application.applicant_id != getattr(actor, "pk", None):
        raise PermissionDenied(_("Hanya pemohon yang dapat membatalkan permohonan ini."))
    return application_transition(application=application, to_state=S.CANCELLED, actor=actor, reason=reason)


# --- staff -------------------------------------------------------------------------------


@transaction.atomic
def application_take(*, application: Application, actor: object) -> Application:
    """A petugas takes the application for review: SUBMITTED -> IN_REVIEW, assigned to them."""
    require(actor, "take")
    return application_transition(
        application=application, to_state=S.IN_REVIEW, actor=actor, update={"assigned_to": actor}
    )


@transaction.atomic
def application_approve(*, application: Application, actor: object, bulk: bool = False) -> Application:
    """Apply the event to the register, create the document jobs, move to APPROVED.

    One transaction, the application row locked first: two staff approving at once approve
    once (the second gets ``IllegalTransition``), and a failure anywhere (the register
    changed since submission, a job that cannot be created) leaves nothing applied.
    """
    require(actor, "bulk_approve" if bulk else "approve")
    locked = Application.objects.select_for_update().select_related("service", "applicant").get(pk=application.pk)
    if locked.state not in (S.SUBMITTED, S.IN_REVIEW):
        raise IllegalTransition(locked, S.APPROVED)
    plan = rules.plan_application(locked)
    if bulk and plan.warnings:  # a warning is for a reviewer to read: not in a batch
        raise ValidationError(
            _("Tidak disetujui secara massal: %(warnings)s Periksa dan setujui permohonan ini satu per satu.")
            % {"warnings": " ".join(plan.warnings)},
            code="needs_review",
        )
    # Lock the register rows the plan touches (in a fixed order, so two approvals on one
    # family queue instead of deadlocking), then plan again on what is now stable.
    list(Family.objects.select_for_update().filter(pk__in=sorted(plan.families)).order_by("pk").values_list("pk"))
    list(Person.objects.select_for_update().filter(pk__in=sorted(plan.persons)).order_by("pk").values_list("pk"))
    plan = rules.plan_application(locked)
    refs = changes_apply(changes=plan.changes, actor=actor, reason=f"{locked.tracking_number}")
    jobs = jobs_create(application=locked, specs=[job.as_spec(refs) for job in plan.jobs])
    details = {
        "changes": [item.describe() for item in plan.changes],
        "jobs": [item.describe() for item in plan.jobs],
        "job_ids": [job.pk for job in jobs],
        "bulk": bulk,
    }
    if plan.warnings:  # approved knowingly: the reviewer saw them on the review page
        details["warnings"] = list(plan.warnings)
    moved = application_transition(application=locked, to_state=S.APPROVED, actor=actor, details=details)
    application.refresh_from_db()
    return moved


@transaction.atomic
def application_return_(
    *, application: Application, actor: object, reason: str = "", items: Iterable[dict] = ()
) -> Application:
    """Back to the applicant for revision; ``items``: ``[{"requirement_index": i, "reason": "..."}]``."""
    require(actor, "return")
    cleaned = []
    requirements = application.service.requirements or []
    for item in items:
        text = str(item.get("reason", "")).strip()
        index = int(item["requirement_index"])
        if not text:
            continue
        if not 0 <= index < len(requirements):
            raise ValidationError(_("Persyaratan nomor %(n)s tidak ada.") % {"n": index + 1})
        cleaned.append({"requirement_index": index, "requirement": requirements[index], "reason": text})
    if not reason.strip() and not cleaned:
        raise ValidationError(_("Sebutkan alasan pengembalian, sekurang-kurangnya untuk satu persyaratan."))
    moved = application_transition(
        application=application,
        to_state=S.RETURNED,
        actor=actor,
        reason=reason.strip(),
        details={"items": cleaned},
    )
    _notify(moved, "returned")
    return moved


@transaction.atomic
def application_reject(*, application: Application, actor: object, reason: str) -> Application:
    """Refuse the application for good; the reason is shown to the applicant."""
    require(actor, "reject")
    if not reason or not reason.strip():
        raise ValidationError(_("Alasan penolakan wajib diisi."))
    moved = application_transition(application=application, to_state=S.REJECTED, actor=actor, reason=reason.strip())
    _notify(moved, "rejected")
    return moved


@dataclass
class BulkResult:
    approved: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)  # tracking number -> why


def applications_bulk_approve(*, applications: Iterable[Application], actor: object) -> BulkResult:
    """Approve each application in its own transaction; one failure does not stop the rest."""
    require(actor, "bulk_approve")
    result = BulkResult()
    for application in applications:
        try:
            application_approve(application=application, actor=actor, bulk=True)
        except (ValidationError, IllegalTransition, PermissionDenied) as exc:
            messages = getattr(exc, "messages", None) or [str(exc)]
            result.failed[application.tracking_number] = " ".join(messages)
        else:
            result.approved.append(application.tracking_number)
    return result


# --- PIAK corrections ----------------------------------------------------------------------

# Documents whose new version continues the same lineage (documents.numbering.lineage_key).
REISSUED_TYPES = ("KTP_EL", "KIA", "AKTA_KELAHIRAN", "AKTA_KEMATIAN")


def _reissue(
    *, persons: Iterable[int], families: Iterable[int], reason: str, person_types: tuple = REISSUED_TYPES
) -> list:
    """New jobs (no application) for the valid documents of ``persons`` and ``families``.

    Each copies the event data the original was issued with, so the renderer continues the
    same lineage with the next version and supersedes the older one when it issues.
    """
    from django.db.models import Q

    from documents.models import IssuedDocument, IssuedState
    from documents.services import JobSpec

    current = (
        IssuedDocument.objects.filter(state=IssuedState.VALID)
        .filter(
            Q(subject_id__in=list(persons), doc_type__in=person_types) | Q(family_id__in=list(families), doc_type="KK")
        )
        .select_related("job__application__service")
        .order_by("doc_type", "pk")
    )
    specs: dict[tuple, JobSpec] = {}
    for document in current:
        job = document.job
        key = (document.doc_type, document.subject_id if document.doc_type != "KK" else None, document.family_id)
        payload: dict = {}
        if job.application_id:
            payload.update(job.application.event_data or {})
            payload.setdefault("event", job.application.service.event)
        payload.update(job.payload or {})
        payload.update({"correction": reason, "reissue_of": document.pk})
        specs[key] = JobSpec(
            doc_type=document.doc_type,
            subject_id=document.subject_id if document.doc_type != "KK" else None,
            family_id=document.family_id,
            payload=payload,
        )
    return jobs_create(application=None, specs=list(specs.values())) if specs else []


@transaction.atomic
def person_correct(*, person: Person | int, changes: dict, actor: object, reason: str) -> tuple[Person, list]:
    """A PIAK correction of a person's data; returns the person and the new document jobs.

    The person's valid KTP-el/KIA/akta and their family's KK are issued again as new
    versions (the old ones become SUPERSEDED when the new ones issue).
    """
    from registry import services as register

    require(actor, "correct_register")
    if not reason or not reason.strip():
        raise ValidationError(_("Alasan koreksi wajib diisi."))
    if not changes:
        raise ValidationError(_("Tidak ada data yang diubah."))
    updated = register.person_update(person=person, changes=changes, actor=actor, reason=f"Koreksi: {reason}")
    jobs = _reissue(
        persons=[updated.pk], families=[updated.family_id] if updated.family_id else [], reason=reason.strip()
    )
    return updated, jobs


@transaction.atomic
def family_correct(*, family: Family | int, changes: dict, actor: object, reason: str) -> tuple[Family, list]:
    """A PIAK correction of a family's address; the KK and members' KTP-el are issued again."""
    from registry import services as register

    require(actor, "correct_register")
    if not reason or not reason.strip():
        raise ValidationError(_("Alasan koreksi wajib diisi."))
    if not changes:
        raise ValidationError(_("Tidak ada data yang diubah."))
    updated = register.family_update(family=family, changes=changes, actor=actor, reason=f"Koreksi: {reason}")
    members = Person.objects.filter(family=updated).values_list("pk", flat=True)
    # The address is printed on the KK and on the cards, not on the deeds.
    jobs = _reissue(persons=list(members), families=[updated.pk], reason=reason.strip(), person_types=("KTP_EL", "KIA"))
    return updated, jobs
