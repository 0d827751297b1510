"""The operator's resident lookup by NIK."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from requests_app.forms.fields import NIK_WIDGET, form_helper


class ResidentLookupForm(forms.Form):
    """Operator: find a resident of the own area by NIK."""

    nik = forms.CharField(label=gettext_lazy("NIK penduduk"), max_length=16, min_length=16, widget=NIK_WIDGET)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.helper = form_helper()
