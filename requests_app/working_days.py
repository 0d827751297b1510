"""Working days of the office: Monday to Friday, except the holidays staff enter (``Holiday``).

Service deadlines (``due_at``) count forward from submission; the overdue figures count back
from now. Both read the holidays of the span they cover in one query.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from requests_app.models import Holiday


def holidays_between(start: dt.date, end: dt.date) -> frozenset[dt.date]:
    """The holidays from ``start`` to ``end`` (inclusive, either order)."""
    low, high = min(start, end), max(start, end)
    return frozenset(Holiday.objects.filter(date__range=(low, high)).values_list("date", flat=True))


def _span(days: int) -> dt.timedelta:
    """Calendar days that surely hold ``days`` working days: weekends plus a generous holiday allowance."""
    return dt.timedelta(days=days * 7 // 5 + 40)


def _step(day: dt.date, days: int, direction: int, holidays: frozenset[dt.date] | None = None) -> dt.date:
    if holidays is None:
        holidays = holidays_between(day, day + direction * _span(days))
    remaining = days
    while remaining > 0:
        day += dt.timedelta(days=direction)
        if day.weekday() < 5 and day not in holidays:
            remaining -= 1
    return day


def working_days_after(start: dt.datetime, days: int) -> dt.datetime:
    """The end (23:59:59 office time) of the ``days``-th working day after ``start`` (at least one)."""
    day = _step(timezone.localtime(start).date(), max(days, 1), +1)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(23, 59, 59)))


def working_days_before_each(moment: dt.datetime, counts: list[int]) -> dict[int, dt.datetime]:
    """``moment`` moved back by ``n`` working days (same time of day), for each ``n`` in ``counts``; one query."""
    local = timezone.localtime(moment)
    today = local.date()
    holidays = holidays_between(today, today - _span(max(counts, default=0)))
    moved = {}
    for days in counts:
        day = _step(today, days, -1, holidays)
        moved[days] = local - dt.timedelta(days=(today - day).days)
    return moved
