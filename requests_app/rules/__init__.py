"""Integrated-service rules: what one application changes in the register and yields.

``plan_application(application)`` reads the register (never writes) and returns a ``Plan``:
``plan.changes`` (register changes, applied on approval by ``requests_app.events``) and
``plan.jobs`` (``documents.services.JobSpec`` subclasses); every item has ``describe()``.
Bad or inconsistent event data raises ``ValidationError`` with a message in Indonesian.
``validate_application(application, actor)`` adds who-may-file-what and the duplicate check.
"""

from __future__ import annotations

from collections.abc import Callable

from requests_app.rules.base import Change, Plan, PlannedJob
from requests_app.rules.civil import (
    plan_birth,
    plan_death,
    plan_divorce,
    plan_marginal_note,
    plan_marriage,
    plan_stillbirth,
)
from requests_app.rules.residence import plan_data_change, plan_move_in, plan_move_out, plan_no_event, plan_split
from requests_app.rules.validation import event_key, validate_application

__all__ = [
    "Change",
    "Plan",
    "PlannedJob",
    "RULES",
    "event_key",
    "event_of",
    "plan_application",
    "plan_event",
    "validate_application",
]


def _family_formed(plan: Plan, data: dict, application: object) -> None:
    if data.get("member_ids"):
        plan_split(plan, data, application)
    else:
        plan_marriage(plan, data, application, with_deed=False)


RULES: dict[str, Callable[[Plan, dict, object], None]] = {
    "BIRTH": plan_birth,
    "STILLBIRTH": plan_stillbirth,
    "DEATH": plan_death,
    "MARRIAGE": plan_marriage,
    "FAMILY_FORMED": _family_formed,
    "DIVORCE": plan_divorce,
    "FAMILY_SPLIT": plan_split,
    "FAMILY_CHANGED": plan_data_change,
    "IDENTITY_CHANGED": plan_data_change,
    "MOVED_OUT": plan_move_out,
    "MOVED_ABROAD": plan_move_out,
    "MOVED_IN": plan_move_in,
    "ARRIVED_FROM_ABROAD": plan_move_in,
    "CHILD_ACKNOWLEDGED": plan_marginal_note,
    "CHILD_LEGITIMATED": plan_marginal_note,
    "ADOPTION": plan_marginal_note,
    "NAME_CHANGED": plan_marginal_note,
    "CITIZENSHIP_CHANGED": plan_marginal_note,
    "DEED_ANNULLED": plan_marginal_note,
    "OTHER_EVENT": plan_marginal_note,
    # Services without an event are planned by service code.
    "KK_HILANG_RUSAK": plan_no_event,
    "KTP_BARU": plan_no_event,
    "KIA": plan_no_event,
    "SKTT_WNA": plan_no_event,
}


def event_of(application: object) -> str:
    """The rule key: the service's event, or its code for services without one."""
    service = application.service
    return service.event or service.code


def plan_event(*, event: str, event_data: dict, application: object | None = None) -> Plan:
    """The plan for ``event`` with ``event_data`` (no application needed: ``plan_event`` command)."""
    plan = Plan(event=event)
    RULES[event](plan, event_data or {}, application)
    return plan


def plan_application(application: object) -> Plan:
    """The plan approval of ``application`` would apply now; no writes."""
    return plan_event(event=event_of(application), event_data=application.event_data, application=application)
