"""Forms for services without an event: a card or letter for one member, a replacement KK."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy

from registry.choices import KTP_AGE, Citizenship, MaritalStatus
from registry.selectors import years_before
from requests_app.forms.base import EventForm
from requests_app.forms.fields import MemberChoiceField

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from registry.models import Person


class PersonDocumentForm(EventForm):
    """A card or letter for one member (KTP-el baru, KIA, SKTT)."""

    subject_field = "person"
    person = MemberChoiceField(label=gettext_lazy("Untuk anggota keluarga"))

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        if getattr(self.service, "code", "") == "KTP_BARU":
            self.fields["person"].help_text = gettext_lazy(
                "Anggota yang sudah memiliki KTP-el yang berlaku tidak tercantum: KTP-el yang hilang, rusak, "
                "atau datanya berubah diganti melalui layanan Penggantian KTP-el."
            )

    def members_queryset(self) -> QuerySet[Person]:
        members = super().members_queryset()
        adult_born_by = years_before(timezone.localdate(), KTP_AGE)
        code = getattr(self.service, "code", "")
        if code == "KIA":
            return members.filter(birth_date__gt=adult_born_by, marital_status=MaritalStatus.SINGLE)
        if code == "KTP_BARU":
            # A current card is replaced (KTP_PENGGANTIAN); one printed before a data change is reprinted here.
            return (
                members.filter(citizenship=Citizenship.WNI)
                .exclude(birth_date__gt=adult_born_by, marital_status=MaritalStatus.SINGLE)
                .exclude(ktp_el_issued_at__gte=F("data_changed_at"))
            )
        return members


class FamilyDocumentForm(EventForm):
    """A replacement KK for the whole family."""

    cause = forms.ChoiceField(
        label=gettext_lazy("Keadaan KK"),
        choices=[("HILANG", gettext_lazy("Hilang")), ("RUSAK", gettext_lazy("Rusak"))],
    )

    def event_data(self) -> dict:
        return {"family_id": self.family.pk, "cause": self.cleaned_data["cause"]}
