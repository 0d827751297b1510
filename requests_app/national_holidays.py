"""The national holidays and cuti bersama of a year, for the office calendar (``Holiday``).

The dates come from the ``holidays`` package (Indonesia: the public holidays and the
government's cuti bersama, names in Bahasa Indonesia). Islamic holidays of years whose joint
ministerial decree (SKB 3 Menteri) is not out yet are estimates: their names end in
"(perkiraan)", and staff correct them in the admin once the decree is published.

Loading only adds days the calendar does not have yet: a day staff entered or corrected keeps
its name.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import holidays
from django.db import transaction

from requests_app.models import Holiday

ESTIMATE_MARK = "(perkiraan)"
NAME_MAX = Holiday._meta.get_field("name").max_length


def national_holidays(years: list[int]) -> dict[dt.date, str]:
    """Date -> name ("; " between two holidays on one day) for ``years``."""
    calendar = holidays.country_holidays("ID", years=years, categories=("public", "government"), language="id")
    return {day: name[:NAME_MAX] for day, name in sorted(calendar.items())}


@dataclass(frozen=True)
class HolidayLoad:
    added: list[Holiday]
    kept: int  # days the calendar already had (left as they are)

    @property
    def estimated(self) -> list[Holiday]:
        return [holiday for holiday in self.added if ESTIMATE_MARK in holiday.name]


@transaction.atomic
def national_holidays_load(years: list[int]) -> HolidayLoad:
    """Add ``years``' national holidays the calendar lacks; in one transaction, three queries."""
    found = national_holidays(years)
    present = set(Holiday.objects.filter(date__in=found).values_list("date", flat=True))
    added = [Holiday(date=day, name=name) for day, name in found.items() if day not in present]
    # ignore_conflicts: a day staff add meanwhile stays theirs.
    Holiday.objects.bulk_create(added, ignore_conflicts=True)
    return HolidayLoad(added=added, kept=len(present))
