"""KK_PISAH: each member who leaves is recorded by whom they are to the new head."""

from __future__ import annotations

import datetime as dt

from registry.choices import MaritalStatus, Relationship, Sex
from registry.models import Person
from tests.factories import PersonFactory


def _member(family, relationship, sex, born, status=MaritalStatus.SINGLE, **extra):
    return PersonFactory(
        family=family,
        relationship=relationship,
        sex=sex,
        birth_date=dt.date(born, 1, 1),
        marital_status=status,
        **extra,
    )


def _split_members(make_application, actors, head, members) -> dict[int, str]:
    from requests_app import services

    data = {"member_ids": [m.pk for m in members], "new_head_id": head.pk}
    draft = make_application("KK_PISAH", actors["citizen"], data, submit=False)
    plan = services.application_check(application=draft)
    (formed,) = [c for c in plan.changes if c.action == "family_form"]
    assert formed.params["head"] == head.pk
    return dict(formed.params["members"])


def test_married_sister_of_the_new_head_is_not_his_wife(actors, make_application, approve):
    family = actors["home"]["head"].family
    son = _member(family, Relationship.CHILD, Sex.MALE, 1998)
    sister = _member(family, Relationship.CHILD, Sex.FEMALE, 2000, MaritalStatus.MARRIED)
    assert _split_members(make_application, actors, son, [son, sister]) == {sister.pk: Relationship.OTHER_RELATIVE}
    data = {"member_ids": [son.pk, sister.pk], "new_head_id": son.pk}
    approve(make_application("KK_PISAH", actors["citizen"], data))
    assert Person.objects.get(pk=sister.pk).relationship == Relationship.OTHER_RELATIVE


def test_married_son_leaves_with_his_wife_child_mother_and_niece(actors, make_application):
    home = actors["home"]
    family = home["head"].family
    son = _member(family, Relationship.CHILD, Sex.MALE, 1995, MaritalStatus.MARRIED, full_name="ANDI")
    his_wife = _member(family, Relationship.CHILD_IN_LAW, Sex.FEMALE, 1996, MaritalStatus.MARRIED)
    his_child = _member(family, Relationship.GRANDCHILD, Sex.FEMALE, 2020, father_name="ANDI")
    niece = _member(family, Relationship.GRANDCHILD, Sex.FEMALE, 2019, father_name="BUDI")
    helper = _member(family, Relationship.HELPER, Sex.FEMALE, 1990)
    members = [son, his_wife, his_child, niece, home["wife"], helper]
    assert _split_members(make_application, actors, son, members) == {
        his_wife.pk: Relationship.WIFE,
        his_child.pk: Relationship.CHILD,
        niece.pk: Relationship.OTHER_RELATIVE,
        home["wife"].pk: Relationship.PARENT,  # the old head's wife is the new head's mother
        helper.pk: Relationship.HELPER,
    }


def test_son_in_law_heads_the_new_family_of_his_wife_and_her_mother(actors, make_application):
    home = actors["home"]
    family = home["head"].family
    daughter = _member(family, Relationship.CHILD, Sex.FEMALE, 1995, MaritalStatus.MARRIED)
    son_in_law = _member(family, Relationship.CHILD_IN_LAW, Sex.MALE, 1993, MaritalStatus.MARRIED)
    brother_in_law = _member(family, Relationship.CHILD, Sex.MALE, 1999)
    members = [son_in_law, daughter, brother_in_law, home["wife"]]
    assert _split_members(make_application, actors, son_in_law, members) == {
        daughter.pk: Relationship.WIFE,
        brother_in_law.pk: Relationship.OTHER_RELATIVE,
        home["wife"].pk: Relationship.PARENT_IN_LAW,
    }
