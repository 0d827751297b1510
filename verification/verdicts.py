"""What a scanned token means today: genuine and current, no longer valid, or unknown.

``verification_for_token`` is the one place that decides; the verify page, the file check
and the tests go through it. Three queries at most: the key, the document, the scan count.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import weakref
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple, Protocol

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connection, connections, models
from django.utils import formats
from django.utils.dateparse import parse_datetime
from django.utils.timezone import get_default_timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from documents.models import IssuedDocument, IssuedState
from documents.scans import document_scan_record
from verification.codec import Claims, nik_ends, truncate_name
from verification.models import SigningKey
from verification.tokens import InvalidToken, token_verify

if TYPE_CHECKING:
    from django.db.backends.base.base import BaseDatabaseWrapper

PAGE_DATE_FORMAT = "j F Y"


class CursorLike(Protocol):
    """A DB-API cursor: Django's wrapper or the driver's own."""

    def execute(self, sql: str, params: list) -> object: ...


class Verdict(models.TextChoices):
    VALID = "VALID", _("ASLI DAN BERLAKU")
    NOT_CURRENT = "NOT_CURRENT", _("TIDAK BERLAKU LAGI")
    UNKNOWN = "UNKNOWN", _("TIDAK DIKENAL")


class Reason(models.TextChoices):
    CURRENT = "current", _("Dokumen ini asli dan merupakan versi yang berlaku.")
    SUPERSEDED = "superseded", _("Sudah diterbitkan versi yang lebih baru dari dokumen ini.")
    REVOKED = "revoked", _("Dokumen ini telah dicabut oleh Dinas.")
    KEY_REVOKED = "key_revoked", _("Kunci tanda tangan dokumen ini telah dicabut sebelum dokumen diterbitkan.")
    KEY_RETIRED = (
        "key_retired",
        _("Tanda tangan kode QR ini dibuat setelah kuncinya purna; kunci purna tidak menandatangani apa pun."),
    )
    MALFORMED = "malformed", _("Kode QR tidak dapat dibaca sebagai tanda tangan elektronik Dinas.")
    NOT_ISSUED = "not_issued", _("Tanda tangan tidak cocok dengan dokumen mana pun yang diterbitkan Dinas.")


@dataclass(frozen=True)
class IssuedFacts:
    """What the verdict needs of an ``IssuedDocument`` row (read with one lean query)."""

    pk: int
    state: str
    issued_at: dt.datetime
    sha256: str
    official_name: str
    official_title: str


@dataclass(frozen=True)
class Verification:
    verdict: str
    reason: str
    claims: Claims | None = None
    document: IssuedFacts | None = None
    changed_at: dt.datetime | None = None  # when it stopped being valid
    change_note: str = ""  # the revocation reason, or "versi N"

    @property
    def verdict_label(self) -> str:
        return str(Verdict(self.verdict).label)

    @property
    def reason_text(self) -> str:
        return str(Reason(self.reason).label)

    @property
    def changed_on(self) -> str:
        """``changed_at`` as the page prints it: what ``{{ value|date:"j F Y" }}`` gives."""
        return _date_on_page(self.changed_at)

    @property
    def issued_on(self) -> str:
        return _date_on_page(self.document.issued_at if self.document else None)

    @property
    def official_name(self) -> str:
        return self.document.official_name if self.document else ""

    @property
    def official_title(self) -> str:
        return self.document.official_title if self.document else ""

    def as_dict(self) -> dict:
        return {
            "verdict": self.verdict,
            "verdict_label": self.verdict_label,
            "reason": self.reason,
            "claims": self.claims.as_dict() if self.claims else None,
            "changed_at": self.changed_at.isoformat() if self.changed_at else None,
            "change_note": self.change_note,
        }


def _date_on_page(value: dt.datetime | None) -> str:
    """The ``date:"j F Y"`` template filter: local time, month name in the active language.

    The project activates no per-request time zone, so local time is the default zone's
    (what ``template_localtime`` converts to); "j F Y" reads only the day, so the text is
    kept per (language, day): a first scan then formats no date.
    """
    if value is None:
        return ""
    if value.tzinfo is not None:
        value = value.astimezone(get_default_timezone())
    return _day_on_page(get_language(), value.date())


@functools.lru_cache(maxsize=4096)
def _day_on_page(language: str | None, day: dt.date) -> str:
    return formats.date_format(day, PAGE_DATE_FORMAT)  # the active language names the month


def _unknown(reason: str) -> Verification:
    return Verification(verdict=Verdict.UNKNOWN, reason=reason)


@dataclass(frozen=True)
class _Fingerprint:
    """What a token must match of its issued row: key, record digest, subject name and NIK."""

    key_id: str
    digest: bytes
    subject_name: str | None  # None: the snapshot names no subject
    nik_ends: str | None


def _fingerprint(*, key_id: str, digest: bytes, subject: object) -> _Fingerprint:
    subject_name = subject_nik = None
    if isinstance(subject, dict):
        subject_name = truncate_name(str(subject.get("name") or ""))
        nik = subject.get("nik")
        try:
            subject_nik = nik_ends(str(nik)) if nik else ""
        except ValueError:
            subject_nik = "?"
    return _Fingerprint(key_id=key_id, digest=bytes(digest), subject_name=subject_name, nik_ends=subject_nik)


class _ScanRow(NamedTuple):
    """An issued row as a scan reads it: what the page shows, what the token must match, and
    when and why it stopped being valid (with its successor's date and version)."""

    facts: IssuedFacts
    fingerprint: _Fingerprint
    revoked_at: dt.datetime | None
    revoked_reason: str
    newer_issued_at: dt.datetime | None
    newer_version: int | None


def _matches(fingerprint: _Fingerprint, claims: Claims, kid: str) -> bool:
    """The token describes exactly this issued row: key, record digest, name and NIK."""
    if fingerprint.key_id != kid or fingerprint.digest[: len(claims.digest)] != claims.digest:
        return False
    if fingerprint.subject_name is not None and fingerprint.subject_name != claims.subject_name:
        return False
    return fingerprint.nik_ends is None or fingerprint.nik_ends == claims.nik_ends


def _aware(value: dt.datetime | str | None) -> dt.datetime | None:
    """Datetimes as the ORM would give them (SQLite hands back naive UTC text)."""
    if value is None or isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value
    if isinstance(value, str):
        value = parse_datetime(value)
    return value.replace(tzinfo=dt.UTC)


# PostgreSQL plans the lookup (a self-join) anew for every plain query, and planning costs
# more than running it (~55 us of ~85 us); a prepared statement is planned once per
# connection. Session-level: behind a transaction-pooling proxy (pgbouncer) set
# VERIFY_PREPARED_STATEMENTS = False.
_prepared: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # raw connection -> names prepared on it


def _execute(db: BaseDatabaseWrapper, cursor: CursorLike, sql: str, params: list, *, name: str) -> None:
    """``cursor.execute(sql, params)``, as ``EXECUTE name(...)`` of a prepared statement on PostgreSQL.

    ``cursor`` is Django's or the driver's own; on PostgreSQL both take ``%s`` placeholders.
    """
    if db.vendor != "postgresql" or not settings.VERIFY_PREPARED_STATEMENTS:
        cursor.execute(sql, params)
        return
    raw = db.connection  # the cursor above opened it
    names = _prepared.get(raw)
    if names is None:
        names = _prepared[raw] = set()
    if name not in names:
        # Once per connection, on the driver's own cursor: it is set-up, like a connection's
        # init command, and the query count of a scan stays the same from the first one on.
        # PREPARE outlives a rolled-back transaction, so the name stays valid on this connection.
        with raw.cursor() as setup:
            setup.execute(f"PREPARE {name}(text, text, integer) AS {sql % ('$1', '$2', '$3')}")
        names.add(name)
    cursor.execute(f"EXECUTE {name}(%s, %s, %s)", params)


def _fetch_one(db: BaseDatabaseWrapper, sql: str, params: list, *, name: str) -> tuple | None:
    """The first row of ``sql``, read on the driver's own cursor.

    Django's cursor wrapper adds about half again to the lookup (SQLite, per scan, medians of
    interleaved runs: 25 us on the driver's cursor, 37 us through Django's; ~8 us of the
    difference is the regex that rewrites ``%s`` to ``?``), so a scan goes around it, with what the wrapper would
    check: the connection (opened or re-opened as Django would), the thread, a transaction
    broken by an earlier error, and database errors raised as Django's. When Django records
    queries (DEBUG, the tests' query counts) or a wrapper is installed
    (``connection.execute_wrapper``), the lookup goes through Django's cursor, to be seen.

    ``db`` is ``connections[alias]``, looked up once: each attribute read through the
    ``django.db.connection`` proxy costs a thread-local lookup (~1 us).
    """
    if db.queries_logged or db.execute_wrappers:
        with db.cursor() as cursor:
            _execute(db, cursor, sql, params, name=name)
            return cursor.fetchone()
    db.close_if_health_check_failed()
    db.ensure_connection()
    db.validate_thread_sharing()
    db.validate_no_broken_transaction()
    with db.wrap_database_errors:
        if db.vendor == "sqlite":  # the driver's placeholder is "?"
            return db.connection.execute(_qmark(sql), params).fetchone()
        with db.connection.cursor() as cursor:
            _execute(db, cursor, sql, params, name=name)
            return cursor.fetchone()


@functools.cache
def _qmark(sql: str) -> str:
    """``sql`` with SQLite's own placeholders (it holds no ``%`` but its ``%s``)."""
    return sql.replace("%s", "?")


# The snapshot's subject (as JSON text, null when absent), cut out in the database so that a
# scan does not fetch the whole snapshot.
_SUBJECT_JSON = {
    "postgresql": "d.snapshot -> 'subject'",
    "sqlite": "json_quote(json_extract(d.snapshot, '$.subject'))",
}


@functools.cache
def _scan_sql(vendor: str) -> str:
    table = connection.ops.quote_name(IssuedDocument._meta.db_table)
    # Only the model's own table name is interpolated; the values go as parameters.
    columns = ", ".join(
        (
            "d.id, d.state, d.key_id, d.issued_at, d.sha256, d.revoked_at, d.revoked_reason, n.issued_at, n.version",
            "d.record_digest, d.official_name, d.official_title",
            _SUBJECT_JSON[vendor],
        )
    )
    joined = f"{table} d LEFT OUTER JOIN {table} n ON n.id = d.superseded_by_id"
    return f"SELECT {columns} FROM {joined} WHERE d.doc_type = %s AND d.number = %s AND d.version = %s"  # noqa: S608


def _state_row(doc_type: str, number: str, version: int) -> _ScanRow | None:
    """The one query of a scan, in SQL: the ORM's query compiler costs more than the lookup.

    The unique index on doc_type, number, version serves it.
    """
    db = connections[DEFAULT_DB_ALIAS]
    row = _fetch_one(db, _scan_sql(db.vendor), [doc_type, number, version], name="verification_scan")
    if row is None:
        return None
    pk, state, key_id, issued_at, sha256, revoked_at, revoked_reason, newer_issued_at, newer_version = row[:9]
    digest, official_name, official_title, subject = row[9:]
    if isinstance(subject, str | bytes):  # both backends hand JSON back as text to Django
        subject = json.loads(subject)
    facts = IssuedFacts(
        pk=pk,
        state=state,
        issued_at=_aware(issued_at),
        sha256=sha256,
        official_name=official_name,
        official_title=official_title,
    )
    return _ScanRow(
        facts=facts,
        fingerprint=_fingerprint(key_id=key_id, digest=digest, subject=subject),
        revoked_at=_aware(revoked_at),
        revoked_reason=revoked_reason,
        newer_issued_at=_aware(newer_issued_at),
        newer_version=newer_version,
    )


# A key that was rotated out signs nothing afterwards: the renderers sign with the active key
# only. A token whose signing time (iat) is later than its key's retirement is therefore not
# the office's, even though the signature verifies (a copied private key, a misconfigured
# signer): it reads TIDAK DIKENAL. The grace (10 minutes) covers batches in flight at the
# rotation: a batch pins the active key when it starts (documents.issuing,
# signing_key_pinned) and its tokens carry the batch's preparation time, which can follow the
# rotation by the length of a batch; and clock skew between hosts.
# VERIFY_RETIRED_KEY_GRACE_SECONDS overrides it (the offline verifier uses the default).


def _signed_after_retirement(key: SigningKey, issued_at: dt.datetime) -> bool:
    if key.retired_at is None:
        return False
    grace = settings.VERIFY_RETIRED_KEY_GRACE_SECONDS
    return issued_at > key.retired_at + dt.timedelta(seconds=grace)


def verification_for_token(token: str, *, count_scan: bool = True) -> Verification:
    """Decide what ``token`` means now. Counts one scan on the document it names, if any.

    Queries: one indexed lookup of the document, plus the key row when not cached. A token
    signed after its key was retired (beyond the grace above) is refused before the lookup.
    """
    try:
        verified = token_verify(token)
    except InvalidToken:
        return _unknown(Reason.MALFORMED)
    claims = verified.claims
    if _signed_after_retirement(verified.key, claims.issued_at):
        return _unknown(Reason.KEY_RETIRED)
    row = _state_row(claims.doc_type, claims.number, claims.version)
    if row is None or not _matches(row.fingerprint, claims, verified.key_id):
        return _unknown(Reason.NOT_ISSUED)
    facts = row.facts
    if count_scan:
        document_scan_record(document_id=facts.pk)
    found = {"claims": claims, "document": facts}
    key = verified.key
    if key.revoked_at is not None and facts.issued_at >= key.revoked_at:
        return Verification(
            verdict=Verdict.NOT_CURRENT,
            reason=Reason.KEY_REVOKED,
            changed_at=key.revoked_at,
            change_note=key.revoked_reason,
            **found,
        )
    if facts.state == IssuedState.REVOKED:
        return Verification(
            verdict=Verdict.NOT_CURRENT,
            reason=Reason.REVOKED,
            changed_at=row.revoked_at,
            change_note=row.revoked_reason,
            **found,
        )
    if facts.state == IssuedState.SUPERSEDED:
        return Verification(
            verdict=Verdict.NOT_CURRENT,
            reason=Reason.SUPERSEDED,
            changed_at=row.newer_issued_at,
            change_note=_("Digantikan oleh versi %(version)s") % {"version": row.newer_version}
            if row.newer_version
            else "",
            **found,
        )
    return Verification(verdict=Verdict.VALID, reason=Reason.CURRENT, **found)
