"""A divorce is between the two people the register records as each other's spouse."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from tests.factories import married_son

NOT_SPOUSES = "tidak tercatat sebagai suami dan istri"


def _divorce(leaving, remaining) -> dict:
    return {
        "leaving_id": leaving.pk,
        "remaining_id": remaining.pk,
        "divorce_date": "2026-10-01",
        "decision_number": "1/Pdt.G/2026",
    }


def test_divorce_of_the_head_and_his_married_son_is_refused(actors, make_application):
    head = actors["home"]["head"]
    son = married_son(head)
    with pytest.raises(ValidationError, match=NOT_SPOUSES):
        make_application("AKTA_PERCERAIAN", actors["citizen"], _divorce(son, head))


def test_divorce_of_two_married_people_of_different_families_is_refused(actors, make_application):
    with pytest.raises(ValidationError, match=NOT_SPOUSES):
        make_application("AKTA_PERCERAIAN", actors["citizen"], _divorce(actors["home"]["wife"], actors["away"]["head"]))


def test_divorce_of_the_spouses_is_planned_either_way_round(actors, make_application):
    from requests_app import services

    home = actors["home"]
    for leaving, remaining in ((home["wife"], home["head"]), (home["head"], home["wife"])):
        draft = make_application("AKTA_PERCERAIAN", actors["citizen"], _divorce(leaving, remaining), submit=False)
        plan = services.application_check(application=draft)
        assert [c.params["person"] for c in plan.changes if c.action == "person_set_marital_status"] == [
            leaving.pk,
            remaining.pk,
        ]
        draft.delete()
