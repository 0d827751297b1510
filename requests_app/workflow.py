"""The application state machine: one transition table, one function that moves a record.

Every move goes through ``application_transition``: it locks the row, checks the move
against ``TRANSITIONS``, writes an ``ApplicationTransition`` (actor, time, from, to,
reason) and raises ``IllegalTransition`` for a move the table does not allow. Two staff
approving the same application at the same moment therefore approve it once: the second
waits on the row lock, then finds the state already moved and gets the domain error.
"""

from __future__ import annotations

import secrets

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from requests_app.models import Application, ApplicationTransition
from requests_app.models import ApplicationState as S

TRANSITIONS: dict[str, frozenset[str]] = {
    S.DRAFT: frozenset({S.SUBMITTED, S.CANCELLED}),
    S.SUBMITTED: frozenset({S.IN_REVIEW, S.APPROVED, S.RETURNED, S.REJECTED, S.CANCELLED}),
    S.IN_REVIEW: frozenset({S.APPROVED, S.RETURNED, S.REJECTED, S.CANCELLED, S.SUBMITTED}),
    S.RETURNED: frozenset({S.SUBMITTED, S.CANCELLED}),
    S.APPROVED: frozenset({S.PROCESSING, S.COMPLETED}),
    S.PROCESSING: frozenset({S.COMPLETED}),
    S.COMPLETED: frozenset(),
    S.REJECTED: frozenset(),
    S.CANCELLED: frozenset(),
}
OPEN_STATES = frozenset({S.DRAFT, S.SUBMITTED, S.IN_REVIEW, S.RETURNED, S.APPROVED, S.PROCESSING})
# Timestamps a transition stamps on the application.
_STAMPS = {S.SUBMITTED: "submitted_at", S.APPROVED: "decided_at", S.REJECTED: "decided_at", S.COMPLETED: "completed_at"}


class IllegalTransition(Exception):  # noqa: N818 - a domain error, named for the domain
    """The move is not in the transition table for the application's current state."""

    def __init__(self, application: Application, to_state: str) -> None:
        self.application = application
        self.from_state = application.state
        self.to_state = to_state
        super().__init__(
            _("Permohonan %(number)s berstatus %(state)s dan tidak dapat diubah menjadi %(target)s.")
            % {
                "number": application.tracking_number,
                "state": S(application.state).label,
                "target": S(to_state).label,
            }
        )


def can_transition(from_state: str, to_state: str) -> bool:
    return to_state in TRANSITIONS.get(from_state, frozenset())


@transaction.atomic
def application_transition(
    *,
    application: Application,
    to_state: str,
    actor: AbstractBaseUser | None,
    reason: str = "",
    details: dict | None = None,
    update: dict | None = None,
) -> Application:
    """Move ``application`` to ``to_state`` under a row lock and record the transition.

    ``update`` holds extra field values saved in the same write (``assigned_to`` on take,
    for instance). Returns the locked, refreshed application. Raises ``IllegalTransition``.
    """
    locked = Application.objects.select_for_update().get(pk=application.pk)
    if not can_transition(locked.state, to_state):
        raise IllegalTransition(locked, to_state)
    now = timezone.now()
    from_state = locked.state
    locked.state = to_state
    fields = ["state", "updated_at"]
    stamp = _STAMPS.get(to_state)
    if stamp:
        setattr(locked, stamp, now)
        fields.append(stamp)
    for name, value in (update or {}).items():
        setattr(locked, name, value)
        fields.append(name)
    locked.save(update_fields=fields)
    ApplicationTransition.objects.create(
        application=locked,
        actor=actor if actor is not None and actor.is_authenticated else None,
        from_state=from_state,
        to_state=to_state,
        reason=reason,
        details=details or {},
        at=now,
    )
    application.refresh_from_db()
    return locked


def new_tracking_number() -> str:
    """``DKP-`` + 10 characters that a citizen can read out on the phone (no 0/O, 1/I)."""
    alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
    return "DKP-" + "".join(secrets.choice(alphabet) for _ in range(10))
