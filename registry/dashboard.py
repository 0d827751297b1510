"""Coverage per area for the public dashboard (``/capaian/``), cached per register version.

The figures are those of ``registry.selectors.coverage`` (register.md's definitions), split
by kelurahan with two GROUP BY queries (persons by their family's kelurahan, families by
kelurahan) and one read of the regions; kecamatan and city totals are sums of those rows.
So the query count does not depend on the number of kelurahan or residents.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from registry.choices import RegionLevel
from registry.models import Family, Person, Region
from registry.selectors import (
    COVERAGE_DOCUMENTS,
    ISSUED_FIELDS,
    Coverage,
    coverage_conditions,
    kk_conditions,
    living_on,
)

logger = logging.getLogger(__name__)

DOCUMENT_LABELS = {
    "KTP_EL": _("KTP-el"),
    "KK": _("Kartu Keluarga"),
    "AKTA_KELAHIRAN": _("Akta Kelahiran"),
    "KIA": _("Kartu Identitas Anak"),
}
FIRST_YEAR = 2010
CACHE_SECONDS = 15 * 60  # a safety net for writes that bypass the version (bulk updates)
CACHE_PREFIX = "capaian:v1"
UNPLACED_CODE = "-"
CITY_CODE = "75.71"


@dataclass
class AreaCoverage:
    """Coverage of one area: the city, a kecamatan, a kelurahan (or residents without one)."""

    code: str
    name: str
    level: str
    parent_code: str | None
    population: int = 0
    figures: dict[str, Coverage] = field(default_factory=dict)

    def add(self, other: AreaCoverage) -> None:
        self.population += other.population
        for code in COVERAGE_DOCUMENTS:
            mine = self.figures.get(code, Coverage(0, 0, 0))
            theirs = other.figures.get(code, Coverage(0, 0, 0))
            self.figures[code] = Coverage(
                mine.target + theirs.target, mine.owners + theirs.owners, mine.issued + theirs.issued
            )

    def rows(self) -> list[tuple[str, str, Coverage]]:
        """[(document code, label, Coverage)] in the dashboard's order."""
        return [(code, str(DOCUMENT_LABELS[code]), self.figures[code]) for code in COVERAGE_DOCUMENTS]


@dataclass
class CoverageBoard:
    year: int
    as_of: dt.date
    city: AreaCoverage
    kecamatan: list[AreaCoverage]
    kelurahan: list[AreaCoverage]
    # Living residents without a family in the register: in the city totals only.
    unplaced: AreaCoverage | None = None

    def kelurahan_of(self, kecamatan_code: str) -> list[AreaCoverage]:
        return [row for row in self.kelurahan if row.parent_code == kecamatan_code]

    def areas(self) -> list[AreaCoverage]:
        """City, then each kecamatan followed by its kelurahan (the CSV's order)."""
        ordered = [self.city]
        for kecamatan in self.kecamatan:
            ordered.append(kecamatan)
            ordered.extend(self.kelurahan_of(kecamatan.code))
        if self.unplaced is not None:
            ordered.append(self.unplaced)
        return ordered


def year_choices(today: dt.date | None = None) -> list[int]:
    today = today or timezone.localdate()
    return list(range(today.year, FIRST_YEAR - 1, -1))


def as_of_for_year(year: int, today: dt.date | None = None) -> dt.date:
    """The reference date for ``year``: today for the current year, else 31 December."""
    today = today or timezone.localdate()
    if year >= today.year:
        return today
    return dt.date(year, 12, 31)


def _empty(code: str, name: str, level: str, parent: str | None) -> AreaCoverage:
    area = AreaCoverage(code=code, name=name, level=level, parent_code=parent)
    area.figures = {doc: Coverage(0, 0, 0) for doc in COVERAGE_DOCUMENTS}
    return area


def coverage_board(*, year: int, as_of: dt.date) -> CoverageBoard:
    """Compute the board from the register, in three queries whatever its size.

    ``population`` counts residents living on ``as_of`` (``selectors.living_on``). Those who
    died or moved out since have no family in the register any more, so they count in the
    city total (the "Tanpa kelurahan" row), not in their former kelurahan.
    """
    aggregates = {"population": Count("pk", filter=living_on(as_of))}
    for code, (target, owner) in coverage_conditions(as_of).items():
        aggregates[f"{code}_target"] = Count("pk", filter=target)
        aggregates[f"{code}_owners"] = Count("pk", filter=target & owner)
        aggregates[f"{code}_issued"] = Count("pk", filter=Q(**{f"{ISSUED_FIELDS[code]}__year": year}))
    person_rows = Person.objects.values("family__kelurahan_id").annotate(**aggregates).order_by()
    kk_target, kk_owner = kk_conditions()
    family_rows = (
        Family.objects.values("kelurahan_id")
        .annotate(
            target=Count("pk", filter=kk_target),
            owners=Count("pk", filter=kk_target & kk_owner),
            issued=Count("pk", filter=Q(kk_printed_at__year=year)),
        )
        .order_by()
    )
    regions = list(
        Region.objects.filter(level__in=(RegionLevel.KECAMATAN, RegionLevel.KELURAHAN))
        .order_by("code")
        .values_list("code", "name", "level", "parent_id")
    )

    kecamatan = {row[0]: _empty(*row) for row in regions if row[2] == RegionLevel.KECAMATAN}
    kelurahan = {row[0]: _empty(*row) for row in regions if row[2] == RegionLevel.KELURAHAN}
    unplaced = _empty(UNPLACED_CODE, "Tanpa kelurahan", "lainnya", None)

    def area_for(code: str | None) -> AreaCoverage:
        return kelurahan.get(code, unplaced) if code else unplaced

    for row in person_rows:
        area = area_for(row["family__kelurahan_id"])
        area.population += row["population"]
        for doc in ISSUED_FIELDS:
            old = area.figures[doc]
            area.figures[doc] = Coverage(
                old.target + row[f"{doc}_target"], old.owners + row[f"{doc}_owners"], old.issued + row[f"{doc}_issued"]
            )
    for row in family_rows:
        area = area_for(row["kelurahan_id"])
        old = area.figures["KK"]
        area.figures["KK"] = Coverage(
            old.target + row["target"], old.owners + row["owners"], old.issued + row["issued"]
        )

    city = _empty(CITY_CODE, "Kota Gorontalo", RegionLevel.CITY.value, None)
    for row in kelurahan.values():
        if row.parent_code in kecamatan:
            kecamatan[row.parent_code].add(row)
        else:  # a kelurahan under no known kecamatan still counts for the city
            city.add(row)
    for row in kecamatan.values():
        city.add(row)
    has_unplaced = unplaced.population or any(c.target or c.issued for c in unplaced.figures.values())
    if has_unplaced:
        city.add(unplaced)
    return CoverageBoard(
        year=year,
        as_of=as_of,
        city=city,
        kecamatan=list(kecamatan.values()),
        kelurahan=list(kelurahan.values()),
        unplaced=unplaced if has_unplaced else None,
    )


def register_version() -> str:
    """A cheap fingerprint of the register, in one query of index-only lookups.

    Changes when a person or family is saved through the ORM (history rows), created,
    has its data changed, or when a document is issued. Bulk updates that touch none of
    those are caught by the cache's time limit.
    """
    from documents.models import IssuedDocument

    tables = {
        "hp": (Person.history.model._meta.db_table, "history_id"),
        "hf": (Family.history.model._meta.db_table, "history_id"),
        "p": (Person._meta.db_table, "id"),
        "f": (Family._meta.db_table, "id"),
        "pc": (Person._meta.db_table, "data_changed_at"),
        "fc": (Family._meta.db_table, "data_changed_at"),
        "d": (IssuedDocument._meta.db_table, "id"),
    }
    quote = connection.ops.quote_name
    # Table and column names come from model metadata, never from input.
    parts = ", ".join(f"(SELECT MAX({quote(c)}) FROM {quote(t)})" for t, c in tables.values())  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {parts}")
        values = cursor.fetchone()
    return ":".join("" if value is None else str(value) for value in values).replace(" ", "_")


def coverage_board_cached(*, year: int, today: dt.date | None = None) -> CoverageBoard:
    """The board for ``year`` from the cache, computed when the register has changed.

    One query (the register version) when warm, four when cold.
    """
    as_of = as_of_for_year(year, today)
    key = f"{CACHE_PREFIX}:{year}:{as_of.isoformat()}:{register_version()}"
    try:
        board = cache.get(key)
    except Exception:  # a cache outage slows the page down, it does not take it down
        logger.warning("coverage cache unavailable; computing the figures", exc_info=True)
        return coverage_board(year=year, as_of=as_of)
    if board is None:
        board = coverage_board(year=year, as_of=as_of)
        try:
            cache.set(key, board, CACHE_SECONDS)
        except Exception:
            logger.warning("coverage cache unavailable; figures not stored", exc_info=True)
    return board


CSV_HEADER = (
    "tahun",
    "tanggal_acuan",
    "tingkat",
    "kode_wilayah",
    "nama_wilayah",
    "kode_induk",
    "dokumen",
    "wajib",
    "memiliki",
    "terbit_tahun_ini",
    "cakupan_persen",
)


def board_csv_rows(board: CoverageBoard) -> list[tuple]:
    """The board as rows for ``/capaian/export.csv``: one per area and document."""
    rows = []
    for area in board.areas():
        for code in COVERAGE_DOCUMENTS:
            figures = area.figures[code]
            rows.append(
                (
                    board.year,
                    board.as_of.isoformat(),
                    area.level,
                    area.code,
                    area.name,
                    area.parent_code or "",
                    code,
                    figures.target,
                    figures.owners,
                    figures.issued,
                    f"{figures.percentage:.2f}",
                )
            )
    return rows


def kecamatan_groups(board: CoverageBoard) -> list[tuple[AreaCoverage, list[AreaCoverage]]]:
    grouped: dict[str, list[AreaCoverage]] = defaultdict(list)
    for row in board.kelurahan:
        grouped[row.parent_code or ""].append(row)
    return [(kecamatan, grouped.get(kecamatan.code, [])) for kecamatan in board.kecamatan]
