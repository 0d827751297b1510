"""Outreach reminders by email to residents with a linked account (``send_reminders``).

Who gets what:
- KK_STALE: every account of a living member of an active family whose KK is out of date.
- KTP_EL_MISSING: the account of the person who must hold a KTP-el and does not.
- AKTA_KELAHIRAN_MISSING / KIA_MISSING: every account in the child's family (children
  rarely have accounts; their parents apply for them).
An account receives one email listing everything due; each item is logged in
``ReminderSent`` and the same item (kind and person or family) is not sent to the same
account again within ``REMINDER_INTERVAL``.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from registry.choices import LifeStatus
from registry.models import Family, Person, ReminderKind, ReminderSent
from registry.outreach import any_missing, missing_flags, stale_kk_condition

logger = logging.getLogger(__name__)

REMINDER_INTERVAL = dt.timedelta(days=30)
KIND_BY_DOCUMENT = {
    "KTP_EL": ReminderKind.KTP_EL_MISSING.value,
    "AKTA_KELAHIRAN": ReminderKind.AKTA_KELAHIRAN_MISSING.value,
    "KIA": ReminderKind.KIA_MISSING.value,
}
# The service a resident applies for to settle each reminder (services.yaml codes).
SERVICE_BY_KIND = {
    ReminderKind.KK_STALE.value: "KK_PERUBAHAN",
    ReminderKind.KTP_EL_MISSING.value: "KTP_BARU",
    ReminderKind.AKTA_KELAHIRAN_MISSING.value: "AKTA_KELAHIRAN",
    ReminderKind.KIA_MISSING.value: "KIA",
}


@dataclass(frozen=True)
class ReminderItem:
    kind: str
    person_id: int | None
    family_id: int | None
    subject_name: str

    @property
    def key(self) -> tuple[str, int | None, int | None]:
        return (self.kind, self.person_id, self.family_id)

    def describe(self) -> str:
        if self.kind == ReminderKind.KK_STALE:
            return _(
                "Kartu Keluarga %(name)s belum memuat perubahan data keluarga terakhir. "
                "Ajukan Perubahan Data Kartu Keluarga."
            ) % {"name": self.subject_name}
        if self.kind == ReminderKind.KTP_EL_MISSING:
            return _("%(name)s belum memiliki KTP-el untuk data terkini. Ajukan Penerbitan KTP-el.") % {
                "name": self.subject_name
            }
        if self.kind == ReminderKind.AKTA_KELAHIRAN_MISSING:
            return _("%(name)s belum memiliki akta kelahiran. Ajukan Pencatatan Kelahiran.") % {
                "name": self.subject_name
            }
        return _("%(name)s belum memiliki Kartu Identitas Anak (KIA). Ajukan Penerbitan KIA.") % {
            "name": self.subject_name
        }


@dataclass
class ReminderReport:
    emails_sent: int = 0
    items_sent: int = 0
    items_skipped_recent: int = 0
    failures: list[str] = field(default_factory=list)


def _eligible_accounts() -> QuerySet[User]:
    return User.objects.filter(
        is_active=True,
        email_verified=True,
        person__isnull=False,
        person__status=LifeStatus.ALIVE,
    ).exclude(email="")


def reminders_candidates(*, as_of: dt.date) -> dict[int, list[ReminderItem]]:
    """{account id: every reminder that applies today}, before the log is consulted.

    Three queries whatever the register size: accounts, stale families of those accounts,
    persons missing a document in those families.
    """
    eligible = _eligible_accounts()
    accounts = list(eligible.values("id", "person_id", "person__family_id"))
    by_family: dict[int, list[int]] = defaultdict(list)
    by_person: dict[int, int] = {}
    for account in accounts:
        by_person[account["person_id"]] = account["id"]
        if account["person__family_id"] is not None:
            by_family[account["person__family_id"]].append(account["id"])
    due: dict[int, list[ReminderItem]] = defaultdict(list)
    if not accounts:
        return due
    account_families = eligible.filter(person__family__isnull=False).values("person__family_id")

    stale = Family.objects.filter(stale_kk_condition(), pk__in=account_families)
    for family_id, nomor_kk, head_name in stale.values_list("pk", "nomor_kk", "head__full_name"):
        label = _("keluarga %(head)s (No. KK %(number)s)") % {"head": head_name or "-", "number": nomor_kk}
        for account_id in by_family[family_id]:
            due[account_id].append(ReminderItem(ReminderKind.KK_STALE.value, None, family_id, label))

    flags = missing_flags(as_of)
    missing = (
        Person.objects.filter(any_missing(as_of), family_id__in=account_families)
        .annotate(**flags)
        .values("pk", "full_name", "family_id", *flags)
    )
    for row in missing:
        for document, kind in KIND_BY_DOCUMENT.items():
            if not row[f"missing_{document.lower()}"]:
                continue
            item = ReminderItem(kind, row["pk"], None, row["full_name"])
            if kind == ReminderKind.KTP_EL_MISSING:
                recipients = [by_person[row["pk"]]] if row["pk"] in by_person else []
            else:
                recipients = by_family[row["family_id"]]
            for account_id in recipients:
                due[account_id].append(item)
    return due


def reminders_due(*, now: dt.datetime | None = None) -> dict[int, list[ReminderItem]]:
    """{account id: items due}: the candidates less what each account got within the interval.

    Four queries whatever the register size.
    """
    now = now or timezone.now()
    return _without_recent(reminders_candidates(as_of=timezone.localdate(now)), now)


def _without_recent(due: dict[int, list[ReminderItem]], now: dt.datetime) -> dict[int, list[ReminderItem]]:
    recent = set(
        ReminderSent.objects.filter(
            sent_at__gt=now - REMINDER_INTERVAL, recipient_id__in=_eligible_accounts().values("id")
        ).values_list("recipient_id", "kind", "person_id", "family_id")
    )
    return {
        account_id: fresh
        for account_id, items in due.items()
        if (fresh := [item for item in items if (account_id, *item.key) not in recent])
    }


def _service_url(kind: str) -> str:
    base = settings.PUBLIC_BASE_URL.rstrip("/")
    try:
        return base + reverse("requests_app:service_detail", kwargs={"code": SERVICE_BY_KIND[kind].lower()})
    except NoReverseMatch:  # the catalogue pages are not mounted: the portal's home page
        return base + "/"


def _email_body(name: str, items: list[ReminderItem]) -> str:
    lines = [
        _("Yth. %(name)s,") % {"name": name},
        "",
        _("Menurut register Dinas Kependudukan dan Pencatatan Sipil Kota Gorontalo:"),
        "",
        *[f"- {item.describe()}\n  {_service_url(item.kind)}" for item in items],
        "",
        _("Semua layanan gratis (Rp 0) dan dapat diajukan dari rumah di %(url)s atau melalui kantor kelurahan.")
        % {"url": settings.PUBLIC_BASE_URL.rstrip("/") + "/"},
        _("Abaikan pesan ini bila permohonan sudah Anda ajukan."),
        "",
        _("Dukcapil Kota Gorontalo"),
    ]
    return "\n".join(lines)


def _reminders_send_one(*, account_id: int, items: list[ReminderItem], now: dt.datetime) -> int:
    """Email one account under a row lock; returns the number of items sent (0 if none left)."""
    with transaction.atomic():
        user = User.objects.select_for_update(of=("self",)).select_related("person").get(pk=account_id)
        # Re-read the log under the lock: a concurrent run may have just sent some items.
        recent = set(
            ReminderSent.objects.filter(recipient=user, sent_at__gt=now - REMINDER_INTERVAL).values_list(
                "kind", "person_id", "family_id"
            )
        )
        items = [item for item in items if item.key not in recent]
        if not items:
            return 0
        name = user.person.full_name if user.person else user.get_username()
        send_mail(
            subject=_("Pengingat dokumen kependudukan"),
            message=_email_body(name, items),
            from_email=None,
            recipient_list=[user.email],
        )
        ReminderSent.objects.bulk_create(
            ReminderSent(
                kind=item.kind,
                recipient=user,
                person_id=item.person_id,
                family_id=item.family_id,
                email=user.email,
                sent_at=now,
            )
            for item in items
        )
        return len(items)


def reminders_send(*, now: dt.datetime | None = None, dry_run: bool = False) -> ReminderReport:
    """Email every account its due reminders and log them; one failing address does not stop the rest."""
    now = now or timezone.now()
    report = ReminderReport()
    candidates = reminders_candidates(as_of=timezone.localdate(now))
    due = _without_recent(candidates, now)
    report.items_skipped_recent = sum(map(len, candidates.values())) - sum(map(len, due.values()))
    for account_id, items in sorted(due.items()):
        if dry_run:
            report.emails_sent += 1
            report.items_sent += len(items)
            continue
        try:
            sent = _reminders_send_one(account_id=account_id, items=items, now=now)
        except Exception as exc:  # noqa: BLE001 - reported per account, the run goes on
            logger.exception("reminder email to account %s failed", account_id)
            report.failures.append(f"{account_id}: {exc}")
            continue
        if sent:
            report.emails_sent += 1
            report.items_sent += sent
        report.items_skipped_recent += len(items) - sent  # sent meanwhile by a concurrent run
    return report
