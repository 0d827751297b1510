"""Field types the service forms share: family members, past dates, the crispy helper."""

from __future__ import annotations

import datetime as dt

from crispy_forms.helper import FormHelper
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from registry.choices import Relationship
from registry.models import Person

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
# A NIK is 16 digits: phones show the number pad.
NIK_WIDGET = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})


def member_label(obj: Person) -> str:
    relationship = Relationship(obj.relationship).label if obj.relationship else ""
    return f"{obj.full_name} ({relationship})" if relationship else obj.full_name


class MemberChoiceField(forms.ModelChoiceField):
    """One living member of the form's family (``EventForm`` sets the queryset), of ``sex`` if given."""

    def __init__(self, *, sex: str | None = None, **kwargs: object) -> None:
        self.sex = sex
        super().__init__(queryset=Person.objects.none(), **kwargs)

    def label_from_instance(self, obj: Person) -> str:
        return member_label(obj)


class MembersChoiceField(forms.ModelMultipleChoiceField):
    """Several living members of the form's family."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs: object) -> None:
        self.sex = None
        super().__init__(queryset=Person.objects.none(), **kwargs)

    def label_from_instance(self, obj: Person) -> str:
        return member_label(obj)


def form_helper() -> FormHelper:
    """Crispy layout without its own <form> tag and CSRF field (the template has both)."""
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    return helper


def past_date(label: str, *, required: bool = True) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DATE_WIDGET, validators=[not_in_future])


def not_in_future(value: dt.date) -> None:
    if value and value > timezone.localdate():
        raise ValidationError(_("Tanggal tidak boleh di masa depan."), code="future")
