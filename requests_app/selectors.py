"""Citizen-visible reads: the catalogue, who may see which application, a family's holdings.

Every portal view that shows an application goes through ``applications_visible_to`` so
"someone else may not" is decided in one place: a citizen sees what they filed (and what
an operator filed for their family), an operator what they filed and what concerns their
area, staff everything. Anything else is a 404, never a 403, so numbers reveal nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from accounts import roles
from documents.models import IssuedDocument
from documents.permissions import may_download
from documents.selectors import document_origin, newest_versions
from registry.choices import KTP_AGE, Citizenship, LifeStatus, MaritalStatus
from registry.models import Family, Person, Region
from requests_app.models import Application, ApplicationState, Channel, Service

STAFF_ROLES = (roles.PETUGAS_PELAYANAN, roles.KEPALA_BIDANG, roles.PIAK, roles.KEPALA_DINAS)
EDITABLE_STATES = frozenset({ApplicationState.DRAFT, ApplicationState.RETURNED})
CANCELLABLE_STATES = frozenset(
    {ApplicationState.DRAFT, ApplicationState.SUBMITTED, ApplicationState.IN_REVIEW, ApplicationState.RETURNED}
)


# --- catalogue -------------------------------------------------------------------------

_STOP_WORDS = frozenset(
    [
        "ada",
        "yang",
        "dan",
        "di",
        "ke",
        "dari",
        "untuk",
        "saya",
        "kami",
        "kita",
        "anggota",
        "mau",
        "ingin",
        "the",
        "a",
        "of",
        "to",
        "my",
    ]
)


def services_active() -> QuerySet[Service]:
    return Service.objects.filter(is_active=True)


def services_search(query: str) -> list[Service]:
    """Services matching a life event in plain words, best first.

    The whole phrase found in the keywords or the name counts most; then each word the
    query shares with them. Stop words ("ada", "yang", ...) do not count.
    """
    services = list(services_active())
    phrase = " ".join(query.lower().split())
    if not phrase:
        return services
    words = [w for w in re.findall(r"[\w-]+", phrase) if w not in _STOP_WORDS and len(w) > 1]
    scored = []
    for service in services:
        haystack = f"{service.keywords} {service.name_id} {service.name_en} {service.code}".lower()
        haystack_words = set(re.findall(r"[\w-]+", haystack))
        score = 10 if phrase in haystack else 0
        score += sum(2 if word in haystack_words else (1 if word in haystack else 0) for word in words)
        if score:
            scored.append((score, service))
    scored.sort(key=lambda pair: (-pair[0], pair[1].ordering))
    return [service for _, service in scored]


def service_by_slug(slug: str) -> Service:
    try:
        return services_active().get(code=slug.upper())
    except Service.DoesNotExist as exc:
        raise Http404 from exc


# --- who may see what ------------------------------------------------------------------


def is_staff_user(user: AbstractBaseUser | AnonymousUser) -> bool:
    return bool(user.is_authenticated and user.is_active and (user.is_staff or roles.has_role(user, *STAFF_ROLES)))


def operator_area_q(area: Region, prefix: str = "") -> Q:
    """Kelurahan in ``area`` (the kelurahan itself, or every kelurahan of a kecamatan)."""
    return Q(**{f"{prefix}kelurahan": area}) | Q(**{f"{prefix}kelurahan__parent": area})


def applications_visible_to(user: AbstractBaseUser | AnonymousUser) -> QuerySet[Application]:
    if not user.is_authenticated or not user.is_active:
        return Application.objects.none()
    queryset = Application.objects.select_related("service", "applicant", "subject", "family", "kelurahan")
    if is_staff_user(user):
        return queryset
    visible = Q(applicant=user)
    if roles.is_operator(user):
        visible |= operator_area_q(user.operator_area)
    person = getattr(user, "person", None)
    if person is not None and person.family_id is not None:
        visible |= Q(channel=Channel.ASSISTED, family_id=person.family_id)
    return queryset.filter(visible)


def application_for_viewer(*, user: AbstractBaseUser | AnonymousUser, tracking_number: str) -> Application:
    """The application if ``user`` may see it, else ``Http404``."""
    try:
        return applications_visible_to(user).get(tracking_number=tracking_number)
    except Application.DoesNotExist as exc:
        raise Http404 from exc


def application_for_editor(*, user: AbstractBaseUser | AnonymousUser, tracking_number: str) -> Application:
    """The application if ``user`` filed it (only the applicant edits, submits, cancels)."""
    application = application_for_viewer(user=user, tracking_number=tracking_number)
    if application.applicant_id != user.pk:
        raise Http404
    return application


def applications_of_applicant(user: AbstractBaseUser) -> QuerySet[Application]:
    """'Permohonan saya': what ``user`` filed, and what an operator filed for their family."""
    own = Q(applicant=user)
    person = getattr(user, "person", None)
    if person is not None and person.family_id is not None:
        own |= Q(channel=Channel.ASSISTED, family_id=person.family_id)
    return applications_visible_to(user).filter(own).order_by("-created_at")


def latest_attachments(application: Application) -> dict[int, object]:
    """The newest upload per requirement index."""
    latest: dict[int, object] = {}
    for attachment in application.attachments.order_by("requirement_index", "-uploaded_at", "-pk"):
        latest.setdefault(attachment.requirement_index, attachment)
    return latest


@dataclass(frozen=True)
class ReturnNote:
    """What staff asked for when they last returned an application."""

    reason: str
    items: dict[int, str]  # requirement index -> staff's reason
    at: dt.datetime


def last_return(application: Application) -> ReturnNote | None:
    """The last return of ``application`` while it is RETURNED (one query), else ``None``."""
    if application.state != ApplicationState.RETURNED:
        return None
    transition = application.transitions.filter(to_state=ApplicationState.RETURNED).order_by("-at", "-pk").first()
    if transition is None:
        return None
    items: dict[int, str] = {}
    for item in (transition.details or {}).get("items", []):
        try:
            items[int(item["requirement_index"])] = str(item.get("reason", ""))
        except (KeyError, TypeError, ValueError):
            continue
    return ReturnNote(reason=transition.reason, items=items, at=transition.at)


def requirements_to_reupload(
    application: Application, note: ReturnNote | None, latest: dict[int, object] | None = None
) -> dict[int, str]:
    """{requirement index: staff's reason} for each requirement the return ``note`` named that
    has no new file since: nothing uploaded after the return, or only a file staff already had.

    ``note`` is ``last_return(application)``; ``latest`` is ``latest_attachments(application)``
    when the caller has it already.
    """
    if note is None or not note.items:
        return {}
    latest = latest_attachments(application) if latest is None else latest
    seen = set(
        application.attachments.filter(requirement_index__in=note.items, uploaded_at__lte=note.at).values_list(
            "requirement_index", "sha256"
        )
    )
    missing = {}
    for index, reason in note.items.items():
        attachment = latest.get(index)
        if attachment is None or attachment.uploaded_at <= note.at or (index, attachment.sha256) in seen:
            missing[index] = reason
    return missing


@dataclass(frozen=True)
class Replacement:
    """The document in force in place of a superseded one, and where the viewer finds it."""

    document: IssuedDocument
    application: Application | None  # the application it answers (document_origin), if the viewer may open it
    downloadable: bool = False  # the viewer may download it (documents.permissions.may_download)


def issued_replacements(
    *, user: AbstractBaseUser | AnonymousUser, documents: list[IssuedDocument]
) -> dict[int, Replacement]:
    """{pk of each superseded document in ``documents``: its replacement}.

    A replacement re-issued by a register correction has no application of its own: it
    answers the application of the version it re-issued, whose applicant may download it.
    One query per step of the longest version chain, one per re-issue step back, one for
    what the viewer may see; none when nothing is superseded.
    """
    newest = newest_versions(documents)
    origins = {pk: document_origin(document) for pk, document in newest.items()}
    ids = {application.pk for application in origins.values() if application}
    visible = set(applications_visible_to(user).filter(pk__in=ids).values_list("pk", flat=True)) if ids else set()
    replacements = {}
    for pk, document in newest.items():
        origin = origins[pk]
        replacements[pk] = Replacement(
            document=document,
            application=origin if origin and origin.pk in visible else None,
            downloadable=bool(document.file)
            and may_download(
                user,
                doc_type=document.doc_type,
                applicant_id=origin.applicant_id if origin else None,
                state=document.state,
            ),
        )
    return replacements


# --- a family and what its members hold -------------------------------------------------


@dataclass
class Holding:
    doc_type: str
    label: str
    status: str  # "held", "outdated", "missing"
    service_code: str = ""


@dataclass
class MemberHoldings:
    person: Person
    age: int
    holdings: list[Holding] = field(default_factory=list)

    @property
    def needs_action(self) -> bool:
        return any(h.status != "held" for h in self.holdings)


def family_with_members(family_id: int) -> Family:
    return (
        Family.objects.select_related("kelurahan__parent", "head")
        .prefetch_related(
            Prefetch(
                "members",
                queryset=Person.objects.filter(status=LifeStatus.ALIVE).order_by("birth_date", "pk"),
                to_attr="living_members",
            )
        )
        .get(pk=family_id)
    )


def person_must_hold_ktp(person: Person, today: dt.date) -> bool:
    return person.citizenship == Citizenship.WNI and (
        person.age_on(today) >= KTP_AGE or person.marital_status != MaritalStatus.SINGLE
    )


def member_holdings(person: Person, today: dt.date | None = None) -> MemberHoldings:
    """Which documents ``person`` holds, holds out of date, or lacks (register.md rules)."""
    from django.utils.translation import gettext as _

    today = today or timezone.localdate()
    result = MemberHoldings(person=person, age=person.age_on(today))
    if person_must_hold_ktp(person, today):
        if person.ktp_el_is_current:
            status = "held"
        elif person.ktp_el_issued_at is not None:
            status = "outdated"
        else:
            status = "missing"
        # An out-of-date card is reprinted from the register's data: the same KTP_BARU service.
        result.holdings.append(Holding("KTP_EL", _("KTP-el"), status, "KTP_BARU"))
    else:
        result.holdings.append(
            Holding("KIA", _("Kartu Identitas Anak (KIA)"), "held" if person.kia_issued_at else "missing", "KIA")
        )
    if result.age <= 18 or not person.akta_kelahiran_number:
        status = "held" if person.akta_kelahiran_number else "missing"
        # A member without one is registered late: AKTA_KELAHIRAN with ?orang=<id>.
        result.holdings.append(Holding("AKTA_KELAHIRAN", _("Akta kelahiran"), status, "AKTA_KELAHIRAN"))
    return result
