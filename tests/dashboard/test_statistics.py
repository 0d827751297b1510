import csv
import datetime as dt
import io
from itertools import count

import pytest
from django.urls import reverse
from django.utils import timezone

from documents.models import DocumentJob, DocumentScanCount, IssuedDocument, JobState
from requests_app.models import Application, ApplicationState, Channel, Service
from requests_app.statistics import Period, percentile, staff_statistics
from requests_app.working_days import working_days_before_each

S = ApplicationState
_numbers = count(1)
NOW = timezone.now()


def application(service, applicant, *, state, submitted=None, completed=None, channel=Channel.ONLINE, **extra):
    number = next(_numbers)
    return Application.objects.create(
        tracking_number=f"DKP-T{number:09d}",
        service=service,
        applicant=applicant,
        state=state,
        channel=channel,
        created_at=submitted or NOW,
        submitted_at=submitted,
        completed_at=completed,
        **extra,
    )


def issued(doc_type, at, scans=0):
    number = next(_numbers)
    job = DocumentJob.objects.create(doc_type=doc_type, state=JobState.ISSUED)
    document = IssuedDocument.objects.create(
        job=job,
        doc_type=doc_type,
        number=f"N-{number}",
        lineage=f"{doc_type}:{number}",
        file=f"x/{number}.pdf",
        sha256="0" * 64,
        key_id="k1",
        issued_at=at,
    )
    if scans:
        DocumentScanCount.objects.create(document=document, total=scans)
    return document


@pytest.fixture
def services(db):
    return {
        "kk": Service.objects.get(code="KK_PERUBAHAN"),
        "akta": Service.objects.get(code="AKTA_KELAHIRAN"),
    }


def test_percentiles_follow_percentile_cont():
    values = [float(v) for v in range(1, 21)]
    assert percentile(values, 0.5) == 10.5
    assert percentile(values, 0.95) == pytest.approx(19.05)
    assert percentile([], 0.5) is None


def test_working_days_skip_the_weekend(db):
    monday = dt.datetime(2026, 11, 23, 10, tzinfo=dt.UTC)
    assert working_days_before_each(monday, [1])[1].weekday() == 4  # Friday
    assert working_days_before_each(monday, [3])[3] == dt.datetime(2026, 11, 18, 10, tzinfo=dt.UTC)


def test_figures_by_state_times_backlog_channels_and_issuance(actors, services):
    citizen = actors["citizen"]
    kk, akta = services["kk"], services["akta"]
    start = NOW - dt.timedelta(days=10)
    hours = list(range(1, 21))
    for h in hours:
        application(kk, citizen, state=S.COMPLETED, submitted=start, completed=start + dt.timedelta(hours=h))
    application(akta, citizen, state=S.COMPLETED, submitted=start, completed=start + dt.timedelta(hours=5))
    # Backlog: one fresh, one long overdue against KK's 1-day service time, one returned.
    application(kk, citizen, state=S.SUBMITTED, submitted=NOW - dt.timedelta(hours=1))
    application(kk, citizen, state=S.IN_REVIEW, submitted=NOW - dt.timedelta(days=9), channel=Channel.ASSISTED)
    application(kk, citizen, state=S.RETURNED, submitted=NOW - dt.timedelta(days=9))
    application(akta, citizen, state=S.DRAFT)
    today = timezone.localdate()
    issued("KK", NOW - dt.timedelta(days=1), scans=3)
    issued("KK", NOW - dt.timedelta(days=1))
    issued("AKTA_KELAHIRAN", NOW, scans=1)
    issued("KK", NOW - dt.timedelta(days=60))  # outside the period

    stats = staff_statistics(period=Period.last_days(30), now=NOW)
    rows = {row.code: row for row in stats.services}
    assert rows["KK_PERUBAHAN"].by_state == {"COMPLETED": 20, "SUBMITTED": 1, "IN_REVIEW": 1, "RETURNED": 1}
    assert stats.state_totals["COMPLETED"] == 21 and stats.state_totals["DRAFT"] == 1
    assert rows["KK_PERUBAHAN"].completed == 20
    assert rows["KK_PERUBAHAN"].median_hours == 10.5
    assert rows["KK_PERUBAHAN"].p95_hours == pytest.approx(19.1, abs=0.05)
    assert rows["AKTA_KELAHIRAN"].median_hours == 5.0
    assert (rows["KK_PERUBAHAN"].backlog, rows["KK_PERUBAHAN"].backlog_overdue) == (2, 1)
    assert rows["KK_PERUBAHAN"].returned == 1
    assert stats.channels == {"ONLINE": 23, "ASSISTED": 1}
    assert stats.channel_share("ASSISTED") == pytest.approx(4.2)
    per_day = {day: (by_type, total) for day, by_type, total in stats.issued_per_day}
    assert len(per_day) == 30
    assert per_day[today - dt.timedelta(days=1)] == ({"KK": 2}, 2)
    assert per_day[today] == ({"AKTA_KELAHIRAN": 1}, 1)
    assert sum(total for _b, total in per_day.values()) == 3
    assert stats.scans_total == 4
    assert [d["scan_count"] for d in stats.scanned_documents] == [3, 1]


def test_due_at_decides_overdue_when_the_workflow_set_it(actors, services):
    if not any(f.name == "due_at" for f in Application._meta.get_fields()):
        pytest.skip("Application.due_at not present")
    kk = services["kk"]
    # Old but due tomorrow (e.g. the clock stopped while returned): not overdue.
    application(
        kk,
        actors["citizen"],
        state=S.SUBMITTED,
        submitted=NOW - dt.timedelta(days=9),
        due_at=NOW + dt.timedelta(days=1),
    )
    application(kk, actors["citizen"], state=S.SUBMITTED, submitted=NOW, due_at=NOW - dt.timedelta(hours=1))
    row = next(r for r in staff_statistics(period=Period.last_days(30), now=NOW).services if r.code == "KK_PERUBAHAN")
    assert (row.backlog, row.backlog_overdue) == (2, 1)


def test_query_count_is_constant(actors, services, django_assert_num_queries):
    def fill(n):
        for index in range(n):
            service = services["kk"] if index % 2 else services["akta"]
            application(
                service, actors["citizen"], state=S.COMPLETED, submitted=NOW - dt.timedelta(days=2), completed=NOW
            )
            application(service, actors["citizen"], state=S.SUBMITTED, submitted=NOW - dt.timedelta(days=index))
            issued("KK", NOW - dt.timedelta(days=index % 5), scans=index)

    fill(2)
    with django_assert_num_queries(9):
        staff_statistics(period=Period.last_days(30), now=NOW)
    fill(25)
    with django_assert_num_queries(9):
        staff_statistics(period=Period.last_days(30), now=NOW)


@pytest.mark.parametrize("who,status", [("piak", 200), ("kabid", 200), ("kadis", 200), ("petugas", 403)])
def test_statistics_page_for_roles(client, actors, who, status):
    client.force_login(actors[who])
    assert client.get(reverse("registry:staff_statistics")).status_code == status
    assert client.get(reverse("registry:staff_statistics_csv")).status_code == status


def test_statistics_page_keeps_citizens_operators_and_visitors_out(client, actors):
    url = reverse("registry:staff_statistics")
    assert client.get(url).status_code == 302  # to the admin login
    for who in ("citizen", "operator"):
        client.force_login(actors[who])
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_statistics_csv_and_bad_period(client, actors, services):
    application(services["kk"], actors["citizen"], state=S.SUBMITTED, submitted=NOW - dt.timedelta(hours=2))
    client.force_login(actors["piak"])
    today = timezone.localdate()
    response = client.get(
        reverse("registry:staff_statistics_csv"), {"dari": today - dt.timedelta(days=6), "sampai": today}
    )
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["bagian", "kunci", "sub_kunci", "nilai"]
    assert ["permohonan_per_status", "KK_PERUBAHAN", "SUBMITTED", "1"] in rows
    assert ["antrean", "KK_PERUBAHAN", "terbuka", "1"] in rows
    assert sum(1 for row in rows if row[0] == "dokumen_terbit_per_hari" and row[2] == "TOTAL") == 7
    bad = client.get(reverse("registry:staff_statistics_csv"), {"dari": today, "sampai": today - dt.timedelta(days=1)})
    assert bad.status_code == 400
    page = client.get(reverse("registry:staff_statistics"))
    html = page.content.decode()
    assert services["kk"].name_id in html and "Antrean dibanding waktu layanan" in html
    assert page.context["state_rows"][0][1][list(S).index(S.SUBMITTED)] == 1
    page = client.get(reverse("registry:staff_statistics"), {"dari": "2020-01-01", "sampai": "2026-01-01"})
    assert page.status_code == 200 and "366" in page.content.decode()


def test_admin_index_links_to_the_statistics(client, actors):
    client.force_login(actors["piak"])
    html = client.get(reverse("admin:index")).content.decode()
    assert reverse("registry:staff_statistics") in html
    assert html.count('id="content-main"') == 1 and 'id="dukcapil-reports"' in html


def test_scanned_documents_read_as_names_not_codes(client, actors):
    document = issued("KK", NOW, scans=2)
    IssuedDocument.objects.filter(pk=document.pk).update(state="REVOKED")
    client.force_login(actors["kadis"])
    html = client.get(reverse("registry:staff_statistics")).content.decode()
    row = html[html.index(document.number) - 200 : html.index(document.number) + 200]
    assert "Kartu Keluarga" in row and "Dicabut" in row
    assert ">KK<" not in row and "REVOKED" not in row
