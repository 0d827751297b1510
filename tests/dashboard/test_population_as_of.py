"""Coverage of a past year counts the residents living on its reference date."""

import datetime as dt

from registry.choices import LifeStatus, MaritalStatus, Relationship
from registry.dashboard import coverage_board
from registry.selectors import coverage
from tests.factories import FamilyFactory, PersonFactory

END_2020 = dt.date(2020, 12, 31)


def test_a_child_born_after_the_reference_date_is_not_counted(db):
    family = FamilyFactory()
    PersonFactory(family=family, birth_date=dt.date(1980, 3, 4))
    PersonFactory(
        family=family,
        relationship=Relationship.CHILD,
        birth_date=dt.date(2024, 5, 1),
        marital_status=MaritalStatus.SINGLE,
    )

    assert coverage(as_of=END_2020)["population"] == 1
    assert coverage_board(year=2020, as_of=END_2020).city.population == 1
    assert coverage(as_of=dt.date(2024, 5, 1))["population"] == 2


def test_someone_who_died_or_moved_later_was_living_here_then(db):
    family = FamilyFactory()
    PersonFactory(family=family, birth_date=dt.date(1980, 3, 4))
    PersonFactory(
        family=None, birth_date=dt.date(1950, 1, 1), status=LifeStatus.DECEASED, death_date=dt.date(2022, 7, 1)
    )
    PersonFactory(
        family=None, birth_date=dt.date(1990, 1, 1), status=LifeStatus.MOVED_OUT, moved_out_date=dt.date(2021, 2, 1)
    )
    PersonFactory(
        family=None, birth_date=dt.date(1940, 1, 1), status=LifeStatus.DECEASED, death_date=dt.date(2019, 1, 1)
    )

    assert coverage(as_of=END_2020)["population"] == 3
    board = coverage_board(year=2020, as_of=END_2020)
    assert board.city.population == 3
    assert board.unplaced is not None and board.unplaced.population == 2
    assert coverage(as_of=dt.date(2023, 1, 1))["population"] == 1
