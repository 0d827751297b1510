"""KK_PERUBAHAN: a coded field's new value is one of the register's values, checked on the form."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from requests_app.models import Application

START = "requests_app:application_start"


def _post(client, person, field, value):
    data = {"person": person.pk, "field": field, "value": value, "reason": "Perubahan data"}
    return client.post(reverse(START, args=["kk_perubahan"]), data)


@pytest.mark.parametrize(
    ("field", "written", "code"),
    [
        ("religion", "Kristen", "KRISTEN"),
        ("blood_type", "ab+", "AB+"),
        ("education", "diploma iv/strata i", "DIPLOMA IV/STRATA I"),
    ],
)
def test_a_coded_value_in_any_case_is_saved_as_the_register_code(client, actors, field, written, code):
    from requests_app import services

    client.force_login(actors["citizen"])
    wife = actors["home"]["wife"]
    assert _post(client, wife, field, written).status_code == 302
    application = Application.objects.get()
    assert application.event_data["changes"] == {field: code}
    services.application_check(application=application)  # the rules take it as it is


def test_an_unknown_coded_value_is_refused_on_the_form_in_indonesian(client, actors):
    client.force_login(actors["citizen"])
    response = _post(client, actors["home"]["wife"], "religion", "Protestan")
    assert response.status_code == 200
    (message,) = response.context["form"].errors["value"]
    assert "Protestan bukan agama yang dikenal" in message and "Kristen" in message and "Katolik" in message
    assert "religion" not in message
    assert not Application.objects.exists()


def test_the_rules_name_a_coded_field_by_its_indonesian_name(actors):
    from registry.services import clean_person_value

    with pytest.raises(ValidationError, match="Nilai Kristen tidak sah untuk agama"):
        clean_person_value("religion", "Kristen")
