"""The verify page's fast render gives the template's bytes, escaped the same way."""

import datetime as dt

import pytest
from django.template import Context, Template
from django.template.loader import render_to_string
from django.utils import translation

from verification.codec import Claims
from verification.verdicts import IssuedFacts, Reason, Verdict, Verification
from verification.views import _result_context, render_verdict_page

ISSUED = dt.datetime(2026, 3, 31, 16, 30, tzinfo=dt.UTC)  # 1 April in Gorontalo (WITA, UTC+8)
CHANGED = dt.datetime(2026, 11, 28, 23, 59, 59, tzinfo=dt.UTC)
HOSTILE = "<script>alert('x')</script> & \"SITI\""


def claims(*, name="SITI AMINAH BINTI HASAN", nik="75710003", number="7571010103150001", version=2) -> Claims:
    return Claims(
        issuer="7571",
        issued_at=ISSUED,
        doc_type="KK",
        number=number,
        version=version,
        subject_name=name,
        nik_ends=nik,
        digest=b"\x01" * 16,
    )


def facts(**overrides) -> IssuedFacts:
    values = {
        "pk": 7,
        "state": "VALID",
        "issued_at": ISSUED,
        "sha256": "0" * 64,
        "official_name": "Dra. Hj. Nurlela Yusuf, M.Si",
        "official_title": "Kepala Dinas",
    }
    return IssuedFacts(**{**values, **overrides})


def found(verdict: str, reason: str, **extra) -> Verification:
    return Verification(verdict=verdict, reason=reason, claims=extra.pop("claims", claims()), document=facts(), **extra)


CASES = {
    "valid": found(Verdict.VALID, Reason.CURRENT),
    "valid, no NIK": found(Verdict.VALID, Reason.CURRENT, claims=claims(nik="")),
    "valid, hostile name and number": found(
        Verdict.VALID, Reason.CURRENT, claims=claims(name=HOSTILE, number="<b>1</b>&amp;")
    ),
    "valid, a name that looks like a marker": found(Verdict.VALID, Reason.CURRENT, claims=claims(name="\x000\x00 X")),
    "superseded": found(
        Verdict.NOT_CURRENT, Reason.SUPERSEDED, changed_at=CHANGED, change_note="Digantikan oleh versi 3"
    ),
    "superseded, no date": found(Verdict.NOT_CURRENT, Reason.SUPERSEDED),
    "revoked, hostile note": found(Verdict.NOT_CURRENT, Reason.REVOKED, changed_at=CHANGED, change_note=HOSTILE),
    "key revoked, no note": found(Verdict.NOT_CURRENT, Reason.KEY_REVOKED, changed_at=CHANGED),
    "version in the thousands": found(Verdict.VALID, Reason.CURRENT, claims=claims(version=12345)),
    **{f"unknown {reason}": Verification(verdict=Verdict.UNKNOWN, reason=reason) for reason in Reason},
}


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("case", list(CASES))
def test_fast_page_is_byte_for_byte_the_template(case, language, settings):
    result = CASES[case]
    with translation.override(language):
        expected = render_to_string("verification/result.html", _result_context(result)).encode()
        assert render_verdict_page(result) == expected
        assert render_verdict_page(result) == expected  # from the kept skeleton too


@pytest.mark.parametrize("version", [1, 999, 1000, 12345])
def test_fast_page_with_thousand_separators_on(settings, version):
    settings.USE_THOUSAND_SEPARATOR = True
    result = found(Verdict.VALID, Reason.CURRENT, claims=claims(version=version))
    with translation.override("en"):
        expected = render_to_string("verification/result.html", _result_context(result)).encode()
        assert render_verdict_page(result) == expected


def test_hostile_values_are_escaped_on_the_fast_page():
    body = render_verdict_page(CASES["valid, hostile name and number"]).decode()
    assert "<script>" not in body
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;SITI&quot;" in body
    assert "&lt;b&gt;1&lt;/b&gt;&amp;amp;" in body
    note = render_verdict_page(CASES["revoked, hostile note"]).decode()
    assert "<script>" not in note and "&lt;script&gt;" in note


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize(
    "moment",
    [ISSUED, CHANGED, dt.datetime(2026, 12, 31, 16, 0, tzinfo=dt.UTC), dt.datetime(2026, 1, 1, 0, 0, tzinfo=dt.UTC)],
)
def test_page_dates_are_what_the_date_filter_printed(language, moment):
    """``changed_on``/``issued_on`` replaced ``{{ value|date:"j F Y" }}`` in _verdict.html."""
    result = Verification(
        verdict=Verdict.NOT_CURRENT, reason=Reason.REVOKED, document=facts(issued_at=moment), changed_at=moment
    )
    with translation.override(language):
        filtered = Template('{{ value|date:"j F Y" }}').render(Context({"value": moment}))
        assert result.changed_on == filtered
        assert result.issued_on == filtered


def test_page_dates_follow_the_time_zone_setting(settings):
    result = Verification(verdict=Verdict.VALID, reason=Reason.CURRENT, document=facts(issued_at=ISSUED))
    with translation.override("id"):
        assert result.issued_on == "1 April 2026"  # 00:30 WITA
        settings.TIME_ZONE = "UTC"
        assert result.issued_on == "31 Maret 2026"
