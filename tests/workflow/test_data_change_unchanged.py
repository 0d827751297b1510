"""KK_PERUBAHAN and KTP-el replacement: a "change" to the value the register already holds is refused, not issued."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

NOTHING_CHANGED = "Pilih sekurang-kurangnya satu data yang berubah"


def test_change_to_the_value_already_recorded_is_refused(actors, make_application):
    from requests_app import services

    wife = actors["home"]["wife"]
    assert wife.occupation == "WIRASWASTA"
    data = {"person_id": wife.pk, "changes": {"occupation": "WIRASWASTA"}, "reason": "ganti kerja"}
    draft = make_application("KK_PERUBAHAN", actors["citizen"], data, submit=False)
    with pytest.raises(ValidationError, match=NOTHING_CHANGED):
        services.application_check(application=draft)


def test_address_already_recorded_is_refused(actors, make_application):
    from requests_app import services

    family = actors["home"]["head"].family
    data = {"person_id": actors["home"]["wife"].pk, "changes": {"address": family.address}, "reason": "pindah rumah"}
    draft = make_application("KK_PERUBAHAN", actors["citizen"], data, submit=False)
    with pytest.raises(ValidationError, match=NOTHING_CHANGED):
        services.application_check(application=draft)


def test_ktp_replaced_for_a_data_change_to_the_value_already_recorded_is_refused(actors, make_application):
    from requests_app import services

    head = actors["home"]["head"]
    data = {"person_id": head.pk, "cause": "PERUBAHAN_DATA", "changes": {"occupation": head.occupation}}
    draft = make_application("KTP_PENGGANTIAN", actors["citizen"], data, submit=False)
    with pytest.raises(ValidationError, match=NOTHING_CHANGED):
        services.application_check(application=draft)
