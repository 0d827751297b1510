"""The base of every service form: person fields limited to the family, ``event_data`` in and out."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django import forms

from registry.choices import LifeStatus
from registry.models import Family, Person, Region
from requests_app.forms.fields import form_helper

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from requests_app.models import Service


class EventForm(forms.Form):
    """Base: a family's living members for every person field, crispy layout without tag.

    ``keys`` maps a field name to its ``event_data`` key when the two differ; a person field
    ``x`` writes ``x_id`` and a members field writes its own name (``member_ids``).
    """

    keys: dict[str, str] = {}
    subject_field: str | None = None
    # The field a "?orang=<id>" link pre-fills (the family page's buttons).
    prefill_field: str | None = None

    def __init__(
        self,
        *args: object,
        family: Family,
        service: Service | None = None,
        area: Region | None = None,
        **kwargs: object,
    ) -> None:
        self.family = family
        self.service = service
        self.area = area  # an operator's kelurahan or kecamatan: what it may file for (None: no limit)
        super().__init__(*args, **kwargs)
        members = self.members_queryset()
        for field in self.fields.values():
            if isinstance(field, forms.ModelChoiceField):
                field.queryset = members.filter(sex=field.sex) if field.sex else members
        self.helper = form_helper()

    @classmethod
    def prefill_name(cls) -> str | None:
        return cls.prefill_field or cls.subject_field

    def members_queryset(self) -> QuerySet[Person]:
        return Person.objects.filter(family=self.family, status=LifeStatus.ALIVE).order_by("birth_date", "pk")

    def key_for(self, name: str) -> str:
        if name in self.keys:
            return self.keys[name]
        field = self.fields[name]
        if isinstance(field, forms.ModelChoiceField) and not isinstance(field, forms.ModelMultipleChoiceField):
            return f"{name}_id"
        return name

    def event_data(self) -> dict:
        data: dict = {}
        for name, value in self.cleaned_data.items():
            data[self.key_for(name)] = to_json(value)
        return data

    @classmethod
    def initial_from(cls, event_data: dict, *, family: Family) -> dict:
        form = cls(family=family)
        initial = {}
        for name in form.fields:
            key = form.key_for(name)
            if key in event_data:
                initial[name] = event_data[key]
        return initial

    def subject(self) -> Person | None:
        if self.subject_field:
            value = self.cleaned_data.get(self.subject_field)
            if isinstance(value, Person):
                return value
        return None


def to_json(value: object) -> object:  # any cleaned value, to its JSON form
    if isinstance(value, Person | Family):
        return value.pk
    if isinstance(value, Region):
        return value.code
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "values_list"):
        return sorted(value.values_list("pk", flat=True))
    if isinstance(value, list | tuple):
        return [to_json(v) for v in value]
    return value
