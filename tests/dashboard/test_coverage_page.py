import csv
import datetime as dt
import io
from collections import defaultdict

from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from registry.choices import Citizenship, LifeStatus, MaritalStatus, RegionLevel
from registry.dashboard import coverage_board, coverage_board_cached
from registry.models import Family, Person, Region
from registry.selectors import coverage
from tests.factories import FamilyFactory, PersonFactory

DOCS = ("KTP_EL", "KK", "AKTA_KELAHIRAN", "KIA")


def age(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def local_year(moment) -> int | None:
    return timezone.localtime(moment).year if moment else None


def independent_count(*, year: int, as_of: dt.date) -> dict:
    """register.md's definitions, applied row by row in Python: {kelurahan code or None: {doc: [t, o, i]}}."""
    counts: dict = defaultdict(lambda: {doc: [0, 0, 0] for doc in DOCS})
    for person in Person.objects.select_related("family"):
        area = counts[person.family.kelurahan_id if person.family else None]
        alive = person.status == LifeStatus.ALIVE
        years = age(person.birth_date, as_of)
        born = person.birth_date <= as_of
        if (
            alive
            and person.citizenship == Citizenship.WNI
            and (years >= 17 or person.marital_status != MaritalStatus.SINGLE)
        ):
            area["KTP_EL"][0] += 1
            if person.ktp_el_issued_at and person.ktp_el_issued_at >= person.data_changed_at:
                area["KTP_EL"][1] += 1
        if alive and born and 0 <= years <= 18:
            area["AKTA_KELAHIRAN"][0] += 1
            area["AKTA_KELAHIRAN"][1] += bool(person.akta_kelahiran_number)
        if alive and born and years < 17 and person.marital_status == MaritalStatus.SINGLE:
            area["KIA"][0] += 1
            area["KIA"][1] += person.kia_issued_at is not None
        area["KTP_EL"][2] += local_year(person.ktp_el_issued_at) == year
        area["AKTA_KELAHIRAN"][2] += local_year(person.akta_kelahiran_issued_at) == year
        area["KIA"][2] += local_year(person.kia_issued_at) == year
    for family in Family.objects.all():
        area = counts[family.kelurahan_id]
        if family.is_active:
            area["KK"][0] += 1
            area["KK"][1] += bool(family.kk_printed_at and family.kk_printed_at >= family.data_changed_at)
        area["KK"][2] += local_year(family.kk_printed_at) == year
    return counts


def as_lists(area) -> dict:
    return {doc: [area.figures[doc].target, area.figures[doc].owners, area.figures[doc].issued] for doc in DOCS}


def test_page_figures_equal_an_independent_count(client, small_city, today):
    # A resident without a family and a departed one: in the city total, never in a kelurahan.
    PersonFactory(family=None, birth_date=dt.date(2000, 1, 1), ktp_el_issued_at=timezone.now())
    PersonFactory(family=None, status=LifeStatus.DECEASED, death_date=today)

    response = client.get(reverse("registry:coverage"))
    assert response.status_code == 200
    board = response.context["board"]
    expected = independent_count(year=today.year, as_of=today)

    assert board.kelurahan, "every kelurahan has a row"
    for row in board.kelurahan:
        assert as_lists(row) == expected.get(row.code, {doc: [0, 0, 0] for doc in DOCS}), row.name
    for kecamatan in board.kecamatan:
        codes = set(Region.objects.filter(parent_id=kecamatan.code).values_list("code", flat=True))
        summed = {doc: [sum(expected[c][doc][i] for c in codes if c in expected) for i in range(3)] for doc in DOCS}
        assert as_lists(kecamatan) == summed, kecamatan.name
    city = {doc: [sum(area[doc][i] for area in expected.values()) for i in range(3)] for doc in DOCS}
    assert as_lists(board.city) == city
    assert board.unplaced is not None and board.unplaced.figures["KTP_EL"].target == 1

    # The lead's city-wide selector agrees, and so do the numbers shown on the page.
    reference = coverage(as_of=today, year=today.year)
    for doc in DOCS:
        assert board.city.figures[doc] == reference[doc]
    html = response.content.decode()
    ktp = board.city.figures["KTP_EL"]
    assert f"{ktp.percentage:.2f}".replace(".", ",") in html
    assert "<svg" in html and 'role="img"' in html


def test_csv_has_the_same_figures_as_the_page(client, small_city, today):
    board = client.get(reverse("registry:coverage")).context["board"]
    response = client.get(reverse("registry:coverage_csv"), {"tahun": today.year})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == 4 * (1 + len(board.kecamatan) + len(board.kelurahan))
    by_key = {(row["kode_wilayah"], row["dokumen"]): row for row in rows}
    for area in [board.city, *board.kecamatan, *board.kelurahan]:
        for doc in DOCS:
            row = by_key[(area.code, doc)]
            figures = area.figures[doc]
            assert (int(row["wajib"]), int(row["memiliki"]), int(row["terbit_tahun_ini"])) == (
                figures.target,
                figures.owners,
                figures.issued,
            )
            assert row["cakupan_persen"] == f"{figures.percentage:.2f}"


def test_past_year_counts_issuance_of_that_year_and_ages_at_its_end(client, db):
    family = FamilyFactory(kk_printed_at=dt.datetime(2021, 5, 1, 9, tzinfo=dt.UTC))
    family.data_changed_at = dt.datetime(2021, 1, 1, tzinfo=dt.UTC)
    family.save(update_fields=["data_changed_at"])
    # 17 in 2022, not yet in 2021: a KTP-el target in 2022 only.
    PersonFactory(family=family, birth_date=dt.date(2005, 3, 1), marital_status=MaritalStatus.SINGLE)

    response = client.get(reverse("registry:coverage"), {"tahun": 2021})
    board = response.context["board"]
    assert board.as_of == dt.date(2021, 12, 31)
    assert board.city.figures["KK"].issued == 1
    assert board.city.figures["KTP_EL"].target == 0
    assert board.city.figures["KIA"].target == 1
    later = client.get(reverse("registry:coverage"), {"tahun": 2022}).context["board"]
    assert later.city.figures["KK"].issued == 0
    assert later.city.figures["KTP_EL"].target == 1


def test_invalid_year_falls_back_on_the_page_and_is_refused_by_the_csv(client, db, today):
    response = client.get(reverse("registry:coverage"), {"tahun": "1999"})
    assert response.status_code == 200
    assert response.context["board"].year == today.year
    assert "tidak tersedia" in response.content.decode()
    assert client.get(reverse("registry:coverage_csv"), {"tahun": "abc"}).status_code == 400
    assert client.get(reverse("registry:coverage_csv"), {"tahun": today.year + 1}).status_code == 400


def _grow(families: int) -> None:
    kelurahan = list(Region.objects.filter(level=RegionLevel.KELURAHAN)[:5])
    for index in range(families):
        family = FamilyFactory(kelurahan=kelurahan[index % len(kelurahan)])
        PersonFactory(family=family)
        PersonFactory(family=family, birth_date=dt.date(2015, 1, 1), marital_status=MaritalStatus.SINGLE)


def test_query_count_does_not_grow_with_kelurahan_or_families(client, db, django_assert_num_queries):
    url = reverse("registry:coverage")
    _grow(3)
    with django_assert_num_queries(4):  # register version + persons, families, regions
        client.get(url)
    with django_assert_num_queries(1):  # warm: the register version only
        client.get(url)

    kecamatan = Region.objects.filter(level=RegionLevel.KECAMATAN).first()
    for number in range(30):
        Region.objects.create(
            code=f"{kecamatan.code}.{9000 + number}",
            level=RegionLevel.KELURAHAN,
            name=f"Baru {number}",
            parent=kecamatan,
        )
    _grow(40)
    cache.clear()
    with django_assert_num_queries(4):
        response = client.get(url)
    assert len(response.context["board"].kelurahan) >= 80
    with django_assert_num_queries(4):
        client.get(reverse("registry:coverage_csv"), {"tahun": 2020})


def test_cache_is_refreshed_when_the_register_changes(db, today):
    family = FamilyFactory()
    person = PersonFactory(family=family, ktp_el_issued_at=None)
    before = coverage_board_cached(year=today.year)
    assert before.city.figures["KTP_EL"].owners == 0
    person.ktp_el_issued_at = timezone.now()
    person.save(update_fields=["ktp_el_issued_at"])  # through the ORM: a history row
    after = coverage_board_cached(year=today.year)
    assert after.city.figures["KTP_EL"].owners == 1
    assert after.city.figures == coverage_board(year=today.year, as_of=today).city.figures


def test_page_still_answers_when_the_cache_is_down(client, db):
    from django.test import override_settings

    unreachable = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
    }
    FamilyFactory()
    with override_settings(CACHES=unreachable):
        response = client.get(reverse("registry:coverage"))
    assert response.status_code == 200
    assert response.context["board"].city.figures["KK"].target == 1


def test_issued_counts_a_replaced_document_in_the_year_of_its_replacement_as_the_page_says(client, db):
    # A first card last year, replaced today: the register keeps the latest issue date only.
    PersonFactory(birth_date=dt.date(1990, 1, 1), ktp_el_issued_at=timezone.now())
    this_year = timezone.localdate().year
    last = client.get(reverse("registry:coverage"), {"tahun": this_year - 1})
    now = client.get(reverse("registry:coverage"), {"tahun": this_year})
    assert last.context["board"].city.figures["KTP_EL"].issued == 0
    assert now.context["board"].city.figures["KTP_EL"].issued == 1
    assert "dokumen yang kemudian diganti dihitung pada tahun penggantinya" in last.content.decode()
