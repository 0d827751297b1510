"""Whom the members of a family are to a new head of family, from whom they were to the old one."""

from __future__ import annotations

from registry.choices import MaritalStatus, Relationship, Sex
from registry.models import Person

R = Relationship
# The new head's relationship to the old head -> a member's relationship to the old head -> the
# member's relationship to the new head. _SPOUSE marks the pair that may be the new head's husband
# or wife; a pair not listed (a sibling, a grandparent, ...) has no exact code: FAMILI LAIN.
_SPOUSE = "spouse"
_AS_HOUSEHOLD = {R.HELPER: R.HELPER, R.OTHER: R.OTHER}
_TO_NEW_HEAD: dict[str, dict[str, str]] = {
    R.HEAD: {r: r for r in R.values},  # the old head keeps everyone as they are
    R.HUSBAND: {
        R.HEAD: _SPOUSE,
        R.CHILD: R.CHILD,
        R.CHILD_IN_LAW: R.CHILD_IN_LAW,
        R.GRANDCHILD: R.GRANDCHILD,
        R.PARENT: R.PARENT_IN_LAW,
        R.PARENT_IN_LAW: R.PARENT,
        **_AS_HOUSEHOLD,
    },
    R.CHILD: {R.HEAD: R.PARENT, R.HUSBAND: R.PARENT, R.WIFE: R.PARENT, R.CHILD_IN_LAW: _SPOUSE, **_AS_HOUSEHOLD},
    R.CHILD_IN_LAW: {
        R.HEAD: R.PARENT_IN_LAW,
        R.HUSBAND: R.PARENT_IN_LAW,
        R.WIFE: R.PARENT_IN_LAW,
        R.CHILD: _SPOUSE,
        **_AS_HOUSEHOLD,
    },
    R.GRANDCHILD: _AS_HOUSEHOLD,
    R.PARENT: {
        R.HEAD: R.CHILD,
        R.HUSBAND: R.CHILD_IN_LAW,
        R.WIFE: R.CHILD_IN_LAW,
        R.CHILD: R.GRANDCHILD,
        R.PARENT: _SPOUSE,
        **_AS_HOUSEHOLD,
    },
    R.PARENT_IN_LAW: {
        R.HEAD: R.CHILD_IN_LAW,
        R.HUSBAND: R.CHILD,
        R.WIFE: R.CHILD,
        R.CHILD: R.GRANDCHILD,
        R.PARENT_IN_LAW: _SPOUSE,
        **_AS_HOUSEHOLD,
    },
}
_TO_NEW_HEAD[R.WIFE] = _TO_NEW_HEAD[R.HUSBAND]
# A grandchild of the old head is the new head's child, or a nephew or niece: the parents'
# names in the register tell which.
_CHILD_OR_NEPHEW = {(R.CHILD, R.GRANDCHILD), (R.CHILD_IN_LAW, R.GRANDCHILD)}
_PARENT_OR_UNCLE = {(b, a) for a, b in _CHILD_OR_NEPHEW}


def relationships_to_new_head(head: Person, others: list[Person]) -> list[list]:
    """``[pk, relationship]`` of each member who leaves with ``head``, as the new KK records it."""
    table = _TO_NEW_HEAD.get(head.relationship, {})
    found = {m.pk: table.get(m.relationship, R.OTHER_RELATIVE) for m in others}
    # Only the new head's own husband or wife becomes SUAMI/ISTRI: a married member of the
    # other sex in the spouse's place, and only one; any other is a relative without a code.
    spouses = [
        m
        for m in others
        if found[m.pk] == _SPOUSE
        and head.marital_status == m.marital_status == MaritalStatus.MARRIED
        and m.sex != head.sex
    ]
    for member in others:
        if found[member.pk] == _SPOUSE:
            found[member.pk] = R.OTHER_RELATIVE
    if len(spouses) == 1:
        found[spouses[0].pk] = R.WIFE if spouses[0].sex == Sex.FEMALE else R.HUSBAND
    for member in others:
        pair = (head.relationship, member.relationship)
        if pair in _CHILD_OR_NEPHEW and _is_parent_of(head, member):
            found[member.pk] = R.CHILD
        elif pair in _PARENT_OR_UNCLE and _is_parent_of(member, head):
            found[member.pk] = R.PARENT
    return [[m.pk, found[m.pk]] for m in others]


def _is_parent_of(parent: Person, child: Person) -> bool:
    """Whether the register names ``parent`` as ``child``'s father or mother."""
    name = parent.full_name.strip().upper()
    return bool(name) and name in (child.father_name.strip().upper(), child.mother_name.strip().upper())
