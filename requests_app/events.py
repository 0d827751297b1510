"""Applying a plan's register changes: each ``Change`` becomes one ``registry.services`` call.

Arguments are plain JSON in the plan (ids, ISO dates, refs); here ids become rows and refs
become the rows earlier changes created. Runs inside the approval's transaction.
"""

from __future__ import annotations

from collections.abc import Iterable

from registry import services as register
from registry.models import Family, Person
from requests_app.rules.base import Change, is_ref

ACTIONS = {
    "person_mark_deceased": register.person_mark_deceased,
    "person_set_marital_status": register.person_set_marital_status,
    "person_update": register.person_update,
    "person_create": register.person_create,
    "person_register": register.person_register,
    "person_move_out": register.person_move_out,
    "person_join_family": register.person_join_family,
    "family_form": register.family_form,
    "family_change_head": register.family_change_head,
    "family_update": register.family_update,
    "family_dissolve": register.family_dissolve,
}
PERSON_ARGS = frozenset({"person", "head"})
FAMILY_ARGS = frozenset({"family"})


def _resolve(name: str, value: object, refs: dict[str, object]) -> object:
    if is_ref(value):
        return refs[value["ref"]]
    if value is None:
        return None
    if name in PERSON_ARGS:
        return Person.objects.get(pk=value)
    if name in FAMILY_ARGS:
        return Family.objects.get(pk=value)
    if name == "members":
        return [(_resolve("person", person, refs), relationship) for person, relationship in value]
    return value


def changes_apply(*, changes: Iterable[Change], actor: object | None, reason: str) -> dict[str, object]:
    """Apply ``changes`` in order; return the rows created, by ref name."""
    refs: dict[str, object] = {}
    for change in changes:
        kwargs = {name: _resolve(name, value, refs) for name, value in change.params.items()}
        result = ACTIONS[change.action](**kwargs, actor=actor, reason=reason)
        if change.creates:
            refs[change.creates] = result
    return refs
