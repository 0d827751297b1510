"""One form per service: each writes the ``event_data`` keys the integrated-service rules read.

Forms are built for one family (the citizen's own, or the resident's the operator files
for): every person field offers only living members of that family, dates may not lie in
the future. The register-level checks (a second open application for the same event, the
rules of bundles.md) are made by ``requests_app.services.application_submit``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from requests_app.forms.base import EventForm, to_json
from requests_app.forms.documents import FamilyDocumentForm, PersonDocumentForm
from requests_app.forms.events import (
    BirthForm,
    ChildStatusForm,
    CitizenshipForm,
    CourtDecisionForm,
    DeathForm,
    DivorceForm,
    LateBirthForm,
    MarriageForm,
    NameChangeForm,
    StillbirthForm,
)
from requests_app.forms.fields import (
    DATE_WIDGET,
    MemberChoiceField,
    MembersChoiceField,
    form_helper,
    member_label,
    not_in_future,
    past_date,
)
from requests_app.forms.lookup import ResidentLookupForm
from requests_app.forms.residence import (
    CHANGEABLE_FIELDS,
    DataChangeForm,
    FamilySplitForm,
    KtpReplacementForm,
    MoveInForm,
    MoveOutForm,
)

if TYPE_CHECKING:
    from requests_app.models import Service

EVENT_FORMS: dict[str, type[EventForm]] = {
    "DEATH": DeathForm,
    "BIRTH": BirthForm,
    "STILLBIRTH": StillbirthForm,
    "MARRIAGE": MarriageForm,
    "FAMILY_FORMED": MarriageForm,
    "DIVORCE": DivorceForm,
    "FAMILY_SPLIT": FamilySplitForm,
    "FAMILY_CHANGED": DataChangeForm,
    "IDENTITY_CHANGED": KtpReplacementForm,
    "MOVED_OUT": MoveOutForm,
    "MOVED_ABROAD": MoveOutForm,
    "MOVED_IN": MoveInForm,
    "ARRIVED_FROM_ABROAD": MoveInForm,
    "CHILD_ACKNOWLEDGED": ChildStatusForm,
    "CHILD_LEGITIMATED": ChildStatusForm,
    "ADOPTION": ChildStatusForm,
    "NAME_CHANGED": NameChangeForm,
    "CITIZENSHIP_CHANGED": CitizenshipForm,
    "DEED_ANNULLED": CourtDecisionForm,
    "OTHER_EVENT": CourtDecisionForm,
}
SERVICE_FORMS: dict[str, type[EventForm]] = {
    "KK_HILANG_RUSAK": FamilyDocumentForm,
    "KTP_BARU": PersonDocumentForm,
    "KIA": PersonDocumentForm,
    "SKTT_WNA": PersonDocumentForm,
}


def form_class_for(service: Service, *, event_data: dict | None = None, person_given: bool = False) -> type[EventForm]:
    """The form of ``service``; a birth naming someone already in the register is a late registration."""
    if service.event == "BIRTH" and (person_given or (event_data or {}).get("person_id")):
        return LateBirthForm
    return SERVICE_FORMS.get(service.code) or EVENT_FORMS.get(service.event) or PersonDocumentForm


__all__ = [
    "CHANGEABLE_FIELDS",
    "DATE_WIDGET",
    "EVENT_FORMS",
    "SERVICE_FORMS",
    "BirthForm",
    "LateBirthForm",
    "ChildStatusForm",
    "CitizenshipForm",
    "CourtDecisionForm",
    "DataChangeForm",
    "DeathForm",
    "DivorceForm",
    "EventForm",
    "FamilyDocumentForm",
    "FamilySplitForm",
    "KtpReplacementForm",
    "MarriageForm",
    "MemberChoiceField",
    "MembersChoiceField",
    "MoveInForm",
    "MoveOutForm",
    "NameChangeForm",
    "PersonDocumentForm",
    "ResidentLookupForm",
    "StillbirthForm",
    "form_class_for",
    "form_helper",
    "member_label",
    "not_in_future",
    "past_date",
    "to_json",
]
