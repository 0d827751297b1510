"""Service statistics for staff: queues, completion times, backlog, channels, issuance, scans.

Read-only aggregates over applications and issued documents, a fixed number of queries
whatever the number of applications (one per section). Durations are percentiles computed
by PostgreSQL (``percentile_cont``); on SQLite, which lacks it, the same interpolation is
done in Python over one query's rows.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Aggregate, Count, DurationField, ExpressionWrapper, F, Min, Q, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from documents.models import DocumentScanCount, IssuedDocument
from requests_app.models import Application, ApplicationState, Channel, Service
from requests_app.working_days import working_days_before_each

S = ApplicationState
# Waiting on the office (RETURNED waits on the citizen and is counted apart).
BACKLOG_STATES = (S.SUBMITTED, S.IN_REVIEW, S.APPROVED, S.PROCESSING)
STATE_ORDER = [state.value for state in S]
HAS_DUE_AT = any(getattr(f, "name", None) == "due_at" for f in Application._meta.get_fields())
TOP_SCANNED = 20


class PercentileCont(Aggregate):
    """PostgreSQL's ``percentile_cont(p) WITHIN GROUP (ORDER BY expr)`` (linear interpolation)."""

    function = "PERCENTILE_CONT"
    name = "PercentileCont"
    template = "%(function)s(%(fraction)s) WITHIN GROUP (ORDER BY %(expressions)s)"

    def __init__(self, expression: object, *, fraction: float, **extra: object) -> None:
        if not 0 <= fraction <= 1:
            raise ValueError("fraction must lie in [0, 1]")
        super().__init__(expression, fraction=repr(float(fraction)), **extra)


def percentile(values: list[float], fraction: float) -> float | None:
    """The same linear interpolation as ``percentile_cont`` over ``values``."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * fraction
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date  # inclusive

    @classmethod
    def last_days(cls, days: int, today: dt.date | None = None) -> Period:
        today = today or timezone.localdate()
        return cls(today - dt.timedelta(days=days - 1), today)

    def bounds(self) -> tuple[dt.datetime, dt.datetime]:
        tz = timezone.get_current_timezone()
        start = dt.datetime.combine(self.start, dt.time.min, tzinfo=tz)
        end = dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
        return start, end

    def days(self) -> list[dt.date]:
        return [self.start + dt.timedelta(days=n) for n in range((self.end - self.start).days + 1)]


@dataclass
class ServiceRow:
    code: str
    name: str
    sla_days: int
    by_state: dict[str, int] = field(default_factory=dict)
    completed: int = 0
    median_hours: float | None = None
    p95_hours: float | None = None
    backlog: int = 0
    backlog_overdue: int = 0
    returned: int = 0
    oldest_open: dt.datetime | None = None

    @property
    def total(self) -> int:
        return sum(self.by_state.values())


@dataclass
class StaffStatistics:
    period: Period
    generated_at: dt.datetime
    services: list[ServiceRow]
    state_totals: dict[str, int]
    channels: dict[str, int]
    issued_per_day: list[tuple[dt.date, dict[str, int], int]]
    issued_types: list[str]
    scans_total: int
    scanned_documents: list[dict]
    # "per_day" once a per-scan table exists; today only a counter per document.
    scans_granularity: str = "per_document"
    notes: list[str] = field(default_factory=list)

    @property
    def channel_total(self) -> int:
        return sum(self.channels.values())

    def channel_share(self, channel: str) -> float:
        total = self.channel_total
        return round(100 * self.channels.get(channel, 0) / total, 1) if total else 0.0


def _hours(value: dt.timedelta | float | None) -> float | None:
    if value is None:
        return None
    seconds = value.total_seconds() if isinstance(value, dt.timedelta) else float(value)
    return round(seconds / 3600, 1)


def _completion_times(start: dt.datetime, end: dt.datetime) -> dict[int, tuple[int, float | None, float | None]]:
    """{service id: (completed, median hours, p95 hours)} for applications completed in the period."""
    completed = Application.objects.filter(
        state=S.COMPLETED, completed_at__gte=start, completed_at__lt=end, submitted_at__isnull=False
    )
    duration = ExpressionWrapper(F("completed_at") - F("submitted_at"), output_field=DurationField())
    if connection.vendor == "postgresql":
        rows = (
            completed.values("service_id")
            .annotate(
                n=Count("pk"),
                median=PercentileCont(duration, fraction=0.5, output_field=DurationField()),
                p95=PercentileCont(duration, fraction=0.95, output_field=DurationField()),
            )
            .order_by()
        )
        return {row["service_id"]: (row["n"], _hours(row["median"]), _hours(row["p95"])) for row in rows}
    durations: dict[int, list[float]] = defaultdict(list)
    for service_id, submitted, done in completed.values_list("service_id", "submitted_at", "completed_at"):
        durations[service_id].append((done - submitted).total_seconds())
    return {
        service_id: (len(values), _hours(percentile(values, 0.5)), _hours(percentile(values, 0.95)))
        for service_id, values in durations.items()
    }


def _overdue_condition(now: dt.datetime, sla_values: set[int]) -> Q:
    """Open applications older than their service time (``due_at`` where the workflow set it)."""
    by_sla = Q(pk__in=[])
    for days, cutoff in sorted(working_days_before_each(now, sorted(sla_values)).items()):
        by_sla |= Q(service__sla_days=days, submitted_at__lt=cutoff)
    if HAS_DUE_AT:
        return Q(due_at__isnull=False, due_at__lt=now) | (Q(due_at__isnull=True) & by_sla)
    return by_sla


def staff_statistics(*, period: Period, now: dt.datetime | None = None) -> StaffStatistics:
    """Every figure of the staff statistics page, in nine queries whatever the data size (one for the holidays).

    States by service count applications created in ``period``; times count applications
    completed in it; channels those submitted in it; backlog is the queue as it stands.
    """
    now = now or timezone.now()
    start, end = period.bounds()
    services = {
        row["id"]: ServiceRow(code=row["code"], name=row["name_id"], sla_days=row["sla_days"])
        for row in Service.objects.values("id", "code", "name_id", "sla_days").order_by("ordering", "code")
    }

    state_totals: dict[str, int] = dict.fromkeys(STATE_ORDER, 0)
    by_state = (
        Application.objects.filter(created_at__gte=start, created_at__lt=end)
        .values("service_id", "state")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in by_state:
        services[row["service_id"]].by_state[row["state"]] = row["n"]
        state_totals[row["state"]] = state_totals.get(row["state"], 0) + row["n"]

    for service_id, (count, median, p95) in _completion_times(start, end).items():
        target = services[service_id]
        target.completed, target.median_hours, target.p95_hours = count, median, p95

    sla_values = {row.sla_days for row in services.values()}
    backlog = (
        Application.objects.filter(state__in=BACKLOG_STATES + (S.RETURNED,))
        .values("service_id")
        .annotate(
            open=Count("pk", filter=Q(state__in=BACKLOG_STATES)),
            overdue=Count("pk", filter=Q(state__in=BACKLOG_STATES) & _overdue_condition(now, sla_values)),
            returned=Count("pk", filter=Q(state=S.RETURNED)),
            oldest=Min("submitted_at", filter=Q(state__in=BACKLOG_STATES)),
        )
        .order_by()
    )
    for row in backlog:
        target = services[row["service_id"]]
        target.backlog, target.backlog_overdue = row["open"], row["overdue"]
        target.returned, target.oldest_open = row["returned"], row["oldest"]

    channels = {choice.value: 0 for choice in Channel}
    for row in (
        Application.objects.filter(submitted_at__gte=start, submitted_at__lt=end)
        .values("channel")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        channels[row["channel"]] = row["n"]

    issued: dict[dt.date, dict[str, int]] = defaultdict(dict)
    types: set[str] = set()
    for row in (
        IssuedDocument.objects.filter(issued_at__gte=start, issued_at__lt=end)
        .annotate(day=TruncDate("issued_at", tzinfo=timezone.get_current_timezone()))
        .values("day", "doc_type")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        issued[row["day"]][row["doc_type"]] = row["n"]
        types.add(row["doc_type"])
    issued_per_day = [(day, issued.get(day, {}), sum(issued.get(day, {}).values())) for day in period.days()]

    scans_total = DocumentScanCount.objects.aggregate(total=Sum("total"))["total"] or 0
    scanned = list(
        DocumentScanCount.objects.filter(total__gt=0)
        .order_by("-total", "-document__issued_at")
        .values(
            doc_type=F("document__doc_type"),
            number=F("document__number"),
            version=F("document__version"),
            state=F("document__state"),
            issued_at=F("document__issued_at"),
            scan_count=F("total"),
        )[:TOP_SCANNED]
    )
    return StaffStatistics(
        period=period,
        generated_at=now,
        services=list(services.values()),
        state_totals=state_totals,
        channels=channels,
        issued_per_day=issued_per_day,
        issued_types=sorted(types),
        scans_total=scans_total,
        scanned_documents=scanned,
    )


def statistics_csv_rows(stats: StaffStatistics) -> list[tuple]:
    """The statistics in long form: (section, key, sub-key, value)."""
    rows: list[tuple] = []
    for row in stats.services:
        for state in STATE_ORDER:
            if row.by_state.get(state):
                rows.append(("permohonan_per_status", row.code, state, row.by_state[state]))
    for row in stats.services:
        if row.completed:
            rows.append(("waktu_selesai_jam", row.code, "jumlah_selesai", row.completed))
            rows.append(("waktu_selesai_jam", row.code, "median", row.median_hours))
            rows.append(("waktu_selesai_jam", row.code, "p95", row.p95_hours))
    for row in stats.services:
        if row.backlog or row.returned:
            rows.append(("antrean", row.code, "terbuka", row.backlog))
            rows.append(("antrean", row.code, "melewati_waktu_layanan", row.backlog_overdue))
            rows.append(("antrean", row.code, "waktu_layanan_hari_kerja", row.sla_days))
            rows.append(("antrean", row.code, "dikembalikan_ke_pemohon", row.returned))
    for channel, count in stats.channels.items():
        rows.append(("kanal", channel, "jumlah", count))
        rows.append(("kanal", channel, "persen", stats.channel_share(channel)))
    for day, by_type, total in stats.issued_per_day:
        for doc_type, count in sorted(by_type.items()):
            rows.append(("dokumen_terbit_per_hari", day.isoformat(), doc_type, count))
        rows.append(("dokumen_terbit_per_hari", day.isoformat(), "TOTAL", total))
    rows.append(("pemindaian", "TOTAL", stats.scans_granularity, stats.scans_total))
    for document in stats.scanned_documents:
        key = f"{document['doc_type']} {document['number']} v{document['version']}"
        rows.append(("pemindaian_per_dokumen", key, document["state"], document["scan_count"]))
    return rows
