"""The office calendar: deadlines skip weekends and the holidays staff enter; PIAK keeps them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from requests_app.models import Holiday
from requests_app.working_days import working_days_after, working_days_before_each

pytestmark = pytest.mark.django_db
WITA = dt.timezone(dt.timedelta(hours=8))


def test_a_deadline_skips_the_weekend_and_the_holidays():
    friday = dt.datetime(2026, 12, 18, 9, tzinfo=WITA)
    assert timezone.localtime(working_days_after(friday, 1)).date() == dt.date(2026, 12, 21)  # Monday
    Holiday.objects.create(date=dt.date(2026, 12, 24), name="Cuti bersama Natal")
    Holiday.objects.create(date=dt.date(2026, 12, 25), name="Hari Raya Natal")
    due = timezone.localtime(working_days_after(friday, 5))
    # Mon 21, Tue 22, Wed 23, (Thu 24, Fri 25 closed), Mon 28, Tue 29.
    assert due.date() == dt.date(2026, 12, 29) and due.time() == dt.time(23, 59, 59)


def test_counting_back_skips_them_too_with_one_query(django_assert_num_queries):
    Holiday.objects.create(date=dt.date(2026, 12, 25), name="Hari Raya Natal")
    monday = dt.datetime(2026, 12, 28, 10, tzinfo=WITA)
    with django_assert_num_queries(1):
        moved = working_days_before_each(monday, [1, 2, 10])
    assert moved[1].date() == dt.date(2026, 12, 24)  # Friday 25 is a holiday
    assert moved[2].date() == dt.date(2026, 12, 23)
    assert moved[10].date() == dt.date(2026, 12, 11) and moved[10].time() == dt.time(10)


def test_submission_sets_the_deadline_after_the_holidays(actors, make_application):
    start = timezone.localdate()
    for offset in range(1, 15):  # two weeks closed: the deadline lands after them
        Holiday.objects.create(date=start + dt.timedelta(days=offset), name=f"Libur {offset}")
    application = make_application("KTP_BARU", actors["citizen"], {"person_id": actors["home"]["head"].pk})
    assert timezone.localtime(application.due_at).date() > start + dt.timedelta(days=14)


def test_piak_keeps_the_calendar_and_other_staff_only_read_it(client, actors):
    add = reverse("admin:requests_app_holiday_add")
    changelist = reverse("admin:requests_app_holiday_changelist")
    client.force_login(actors["petugas"])
    assert client.get(changelist).status_code == 200
    assert client.get(add).status_code == 403
    client.force_login(actors["piak"])
    response = client.post(add, {"date": "2027-01-01", "name": "Tahun Baru Masehi"})
    assert response.status_code == 302
    assert Holiday.objects.filter(date=dt.date(2027, 1, 1)).exists()
