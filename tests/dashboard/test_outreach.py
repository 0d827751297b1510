import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from registry.choices import MaritalStatus
from registry.dashboard import coverage_board
from registry.models import Family, Region
from registry.outreach import outreach_areas_for, outreach_list
from tests.factories import FamilyFactory, PersonFactory

HOME = "75.71.01.1001"
AWAY = "75.71.02.1010"


def test_lists_hold_exactly_the_families_and_residents_the_dashboard_counts_as_missing(small_city, today):
    board = coverage_board(year=today.year, as_of=today)
    checked = 0
    for row in board.kelurahan:
        if not row.figures["KK"].target:
            continue
        lists = outreach_list(kelurahan=Region.objects.get(code=row.code), as_of=today)
        kk = row.figures["KK"]
        assert len(lists.families) == kk.target - kk.owners, row.name
        assert all(not family.kk_is_current for family in lists.families)
        for doc in ("KTP_EL", "AKTA_KELAHIRAN", "KIA"):
            figures = row.figures[doc]
            assert lists.missing_count(doc) == figures.target - figures.owners, (row.name, doc)
        checked += 1
    assert checked > 10


def test_family_with_a_member_change_after_printing_is_listed(db, today):
    printed = timezone.now() - dt.timedelta(days=100)
    current = FamilyFactory(kelurahan=Region.objects.get(code=HOME), kk_printed_at=printed)
    Family.objects.filter(pk=current.pk).update(data_changed_at=printed - dt.timedelta(days=1))
    stale = FamilyFactory(kelurahan=Region.objects.get(code=HOME), kk_printed_at=printed)
    Family.objects.filter(pk=stale.pk).update(data_changed_at=printed + dt.timedelta(days=3))
    lists = outreach_list(kelurahan=Region.objects.get(code=HOME), as_of=today)
    assert [family.pk for family in lists.families] == [stale.pk]


def test_operator_sees_only_its_own_kelurahan(client, actors):
    client.force_login(actors["operator"])
    index = client.get(reverse("registry:outreach_index"))
    assert index.status_code == 302 and index["Location"].endswith(f"/capaian/penjangkauan/{HOME}/")
    assert client.get(reverse("registry:outreach_list", args=[HOME])).status_code == 200
    assert client.get(reverse("registry:outreach_list", args=[AWAY])).status_code == 403
    assert list(outreach_areas_for(actors["operator_elsewhere"]).values_list("code", flat=True)) == [AWAY]


@pytest.mark.parametrize("who", ["citizen", "other_citizen"])
def test_citizens_get_no_list(client, actors, who):
    client.force_login(actors[who])
    assert client.get(reverse("registry:outreach_index")).status_code == 403
    assert client.get(reverse("registry:outreach_list", args=[HOME])).status_code == 403


def test_visitor_is_sent_to_login(client, db):
    response = client.get(reverse("registry:outreach_list", args=[HOME]))
    assert response.status_code == 302 and "next=" in response["Location"]


def test_staff_see_every_kelurahan_and_the_printable_list(client, actors):
    child = actors["home"]["child0"]
    child.kia_issued_at = None
    child.save(update_fields=["kia_issued_at"])
    client.force_login(actors["petugas"])
    index = client.get(reverse("registry:outreach_index"))
    assert index.status_code == 200
    assert len(index.context["rows"]) == Region.objects.filter(level="kelurahan").count()
    page = client.get(reverse("registry:outreach_list", args=[HOME]))
    html = page.content.decode()
    assert child.full_name in html
    assert child.nik not in html and child.nik[:6] + "******" + child.nik[12:] in html  # NIK masked on paper
    assert "@media print" in html
    assert client.get(reverse("registry:outreach_list", args=["75.71.99.9999"])).status_code == 404


def test_printable_list_query_count_does_not_grow(client, actors, django_assert_num_queries):
    kelurahan = Region.objects.get(code=HOME)
    client.force_login(actors["petugas"])
    url = reverse("registry:outreach_list", args=[HOME])
    client.get(url)

    def grow(n):
        for _ in range(n):
            family = FamilyFactory(kelurahan=kelurahan, kk_printed_at=None)
            PersonFactory(family=family, ktp_el_issued_at=None)
            PersonFactory(family=family, birth_date=dt.date(2016, 1, 1), marital_status=MaritalStatus.SINGLE)

    grow(2)
    with django_assert_num_queries(7) as small:  # session, user, groups, region, access, families, residents
        client.get(url)
    grow(20)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert len(response.context["lists"].families) >= 22
