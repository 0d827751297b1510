"""Dates and numbers written the Indonesian way, as printed documents show them."""

from __future__ import annotations

import datetime as dt

MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
_UNITS = ("nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh", "sebelas")


def number_words(n: int) -> str:
    """``29`` -> ``"dua puluh sembilan"``; ``2026`` -> ``"dua ribu dua puluh enam"``."""
    if n < 0:
        return "minus " + number_words(-n)
    if n < 12:
        return _UNITS[n]
    if n < 20:
        return f"{_UNITS[n - 10]} belas"
    if n < 100:
        tens, rest = divmod(n, 10)
        return f"{_UNITS[tens]} puluh" + (f" {_UNITS[rest]}" if rest else "")
    for size, word in ((1_000_000_000, "miliar"), (1_000_000, "juta"), (1000, "ribu"), (100, "ratus")):
        if n >= size:
            head, rest = divmod(n, size)
            if head == 1 and size in (100, 1000):
                text = "seratus" if size == 100 else "seribu"
            else:
                text = f"{number_words(head)} {word}"
            return text + (f" {number_words(rest)}" if rest else "")
    raise AssertionError("unreachable")


def as_date(value: dt.date | str | None) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def date_id(value: dt.date | str | None) -> str:
    """``2026-11-29`` -> ``"29 November 2026"``; empty for no date."""
    day = as_date(value)
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}" if day else "-"


def date_words(value: dt.date | str | None) -> str:
    """``2026-11-29`` -> ``"dua puluh sembilan November dua ribu dua puluh enam"``."""
    day = as_date(value)
    if not day:
        return "-"
    return f"{number_words(day.day)} {MONTHS[day.month - 1]} {number_words(day.year)}"


def date_numeric(value: dt.date | str | None) -> str:
    """``2026-11-29`` -> ``"29-11-2026"`` (the KK table's form)."""
    day = as_date(value)
    return day.strftime("%d-%m-%Y") if day else "-"
