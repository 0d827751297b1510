"""Each service form writes the event_data keys the integrated-service rules read."""

import datetime as dt

import pytest
from django.utils import timezone

from requests_app import rules
from requests_app.forms import (
    BirthForm,
    DataChangeForm,
    DivorceForm,
    FamilyDocumentForm,
    FamilySplitForm,
    MarriageForm,
    MoveInForm,
    MoveOutForm,
    PersonDocumentForm,
    form_class_for,
)
from requests_app.models import Application, Service
from tests.factories import PersonFactory, move_in_form_data

pytestmark = pytest.mark.django_db
YESTERDAY = (timezone.localdate() - dt.timedelta(days=1)).isoformat()


def plan_for(code, family, applicant, event_data):
    application = Application(
        tracking_number="DKP-TEST",
        service=Service.objects.get(code=code),
        applicant=applicant,
        family=family,
        kelurahan=family.kelurahan,
        event_data=event_data,
    )
    return rules.plan_application(application)


def test_every_service_maps_to_a_form():
    for service in Service.objects.all():
        assert form_class_for(service) is not None


def test_birth_twins_to_a_registered_mother(actors):
    home = actors["home"]
    family = home["head"].family
    form = BirthForm(
        {
            "full_name": "Budi",
            "sex": "LAKI-LAKI",
            "birth_date": YESTERDAY,
            "birth_place": "Gorontalo",
            "twin": "on",
            "twin_full_name": "Bunga",
            "twin_sex": "PEREMPUAN",
            "mother": home["wife"].pk,
            "father": home["head"].pk,
        },
        family=family,
    )
    assert form.is_valid(), form.errors
    data = form.event_data()
    assert [c["full_name"] for c in data["children"]] == ["BUDI", "BUNGA"]
    assert data["mother_id"] == home["wife"].pk and data["father_id"] == home["head"].pk
    plan = plan_for("AKTA_KELAHIRAN", family, actors["citizen"], data)
    assert sum("Akta Kelahiran" in job.describe() for job in plan.jobs) == 2


def test_birth_mother_not_in_register(actors):
    family = actors["home"]["head"].family
    base = {"full_name": "Ani", "sex": "PEREMPUAN", "birth_date": YESTERDAY, "birth_place": "Gorontalo"}
    assert "mother_name" in BirthForm(base, family=family).errors
    form = BirthForm({**base, "mother_name": "Siti Luar"}, family=family)
    assert form.is_valid(), form.errors
    assert form.event_data()["mother_id"] is None and form.event_data()["mother_name"] == "SITI LUAR"


def test_birth_form_offers_only_women_as_mother(actors):
    form = BirthForm(family=actors["home"]["head"].family)
    assert set(form.fields["mother"].queryset) == {actors["home"]["wife"]}


def test_birth_form_has_no_preset_sex(actors):
    form = BirthForm(family=actors["home"]["head"].family)
    assert 'value="" selected' in str(form["sex"])
    base = {"full_name": "Ani", "sex": "", "birth_date": YESTERDAY, "birth_place": "Gorontalo"}
    assert "sex" in BirthForm(base, family=actors["home"]["head"].family).errors


def test_marriage_with_a_partner_from_outside(actors):
    family = actors["home"]["head"].family
    son = PersonFactory(
        family=family, relationship="ANAK", birth_date=dt.date(2000, 1, 1), marital_status="BELUM KAWIN"
    )
    data = {"husband": son.pk, "marriage_date": YESTERDAY, "place": "Gorontalo", "religion": "ISLAM"}
    form = MarriageForm(data, family=family)
    assert not form.is_valid() and "partner_nik" in form.errors
    form = MarriageForm(
        {
            **data,
            "partner_nik": "7571015505010003",
            "partner_full_name": "Rina",
            "partner_birth_date": "2001-05-15",
            "partner_birth_place": "Manado",
        },
        family=family,
    )
    assert form.is_valid(), form.errors
    event = form.event_data()
    assert event["husband_id"] == son.pk and event["wife_id"] is None
    assert event["wife_external"]["sex"] == "PEREMPUAN" and event["wife_external"]["nik"] == "7571015505010003"


def test_divorce_parties_must_differ(actors):
    home = actors["home"]
    data = {
        "leaving": home["wife"].pk,
        "remaining": home["wife"].pk,
        "divorce_date": YESTERDAY,
        "decision_number": "1/Pdt.G/2026/PA.Gtlo",
    }
    assert "remaining" in DivorceForm(data, family=home["head"].family).errors
    data["remaining"] = home["head"].pk
    data["children_with_leaving_ids"] = [home["child0"].pk]
    form = DivorceForm(data, family=home["head"].family)
    assert form.is_valid(), form.errors
    assert form.event_data()["children_with_leaving_ids"] == [home["child0"].pk]
    assert form.event_data()["leaving_id"] == home["wife"].pk


def test_family_split_head_must_be_adult_member_of_the_split(actors):
    home = actors["home"]
    family = home["head"].family
    adult = PersonFactory(family=family, relationship="ANAK", birth_date=dt.date(1999, 1, 1))
    form = FamilySplitForm({"member_ids": [adult.pk], "new_head": home["child0"].pk}, family=family)
    assert "new_head" in form.errors
    form = FamilySplitForm({"member_ids": [adult.pk], "new_head": adult.pk}, family=family)
    assert form.is_valid(), form.errors
    assert form.event_data() == {"member_ids": [adult.pk], "new_head_id": adult.pk}


def test_move_out_and_data_change_keys(actors):
    home = actors["home"]
    family = home["head"].family
    form = MoveOutForm(
        {
            "member_ids": [home["head"].pk, home["wife"].pk],
            "move_date": YESTERDAY,
            "destination": "Manado",
            "reason": "Kerja",
        },
        family=family,
    )
    assert form.is_valid(), form.errors
    assert sorted(form.event_data()["member_ids"]) == sorted([home["head"].pk, home["wife"].pk])
    # A date to come is refused next to the field, as the rule would refuse it after saving.
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    later = MoveOutForm({**form.data, "move_date": tomorrow}, family=family)
    assert later.errors["move_date"] == ["Tanggal tidak boleh di masa depan."]
    form = DataChangeForm(
        {"person": home["wife"].pk, "field": "occupation", "value": "GURU", "reason": "Pekerjaan baru"}, family=family
    )
    assert form.is_valid(), form.errors
    assert form.event_data() == {
        "person_id": home["wife"].pk,
        "changes": {"occupation": "GURU"},
        "reason": "Pekerjaan baru",
    }


def test_move_in_joins_the_family(actors):
    family = actors["home"]["head"].family
    data = move_in_form_data(family)
    form = MoveInForm(data, family=family)
    assert form.is_valid(), form.errors
    event = form.event_data()
    assert event["join_family_id"] == family.pk and event["persons"][0]["nik"] == "7371021505900002"
    bad = MoveInForm({**data, "nik": "12345"}, family=family)
    assert "nik" in bad.errors
    # The relationship is chosen, never preset to "Kepala keluarga".
    assert 'value="" selected' in str(MoveInForm(family=family)["relationship"])
    assert "relationship" in MoveInForm({**data, "relationship": ""}, family=family).errors


def test_kia_form_offers_children_only_and_kk_form_names_family(actors):
    home = actors["home"]
    family = home["head"].family
    kia = PersonDocumentForm(family=family, service=Service.objects.get(code="KIA"))
    assert list(kia.fields["person"].queryset) == [home["child0"]]
    ktp = PersonDocumentForm(family=family, service=Service.objects.get(code="KTP_BARU"))
    assert home["child0"] not in ktp.fields["person"].queryset
    kk = FamilyDocumentForm({"cause": "HILANG"}, family=family)
    assert kk.is_valid() and kk.event_data()["family_id"] == family.pk


def test_new_ktp_form_leaves_out_current_holders(actors):
    home = actors["home"]
    home["wife"].ktp_el_issued_at = timezone.now()  # "KTP-el: dimiliki"
    home["wife"].save(update_fields=["ktp_el_issued_at"])
    home["head"].ktp_el_issued_at = timezone.now() - dt.timedelta(days=500)  # printed before his data changed
    home["head"].save(update_fields=["ktp_el_issued_at"])
    form = PersonDocumentForm(family=home["head"].family, service=Service.objects.get(code="KTP_BARU"))
    assert list(form.fields["person"].queryset) == [home["head"]]
    assert "Penggantian KTP-el" in str(form.fields["person"].help_text)


def test_ktp_replacement_form_takes_a_lost_card_without_a_data_change(actors):
    home = actors["home"]
    family = home["head"].family
    service = Service.objects.get(code="KTP_PENGGANTIAN")
    form_class = form_class_for(service)
    assert list(form_class(family=family, service=service).fields["person"].queryset) == []  # no card yet
    for person in (home["head"], home["wife"], home["child0"]):
        person.ktp_el_issued_at = timezone.now() - dt.timedelta(days=500)
        person.save(update_fields=["ktp_el_issued_at"])
    offered = form_class(family=family, service=service)
    assert list(offered.fields["person"].queryset) == [home["head"], home["wife"]]  # KTP-el age only
    assert "KTP-el Baru" in str(offered.fields["person"].help_text)
    assert "address" not in dict(offered.fields["field"].choices)  # an address change is a KK change
    lost = form_class({"person": home["head"].pk, "cause": "HILANG"}, family=family, service=service)
    assert lost.is_valid(), lost.errors
    data = lost.event_data()
    assert data == {"person_id": home["head"].pk, "cause": "HILANG", "changes": {}}
    plan = plan_for("KTP_PENGGANTIAN", family, actors["citizen"], data)
    assert [job.doc_type for job in plan.jobs] == ["KTP_EL"] and plan.changes == []
    # A data change is asked for only when it is the reason, and then it is required.
    assert "field" in form_class({"person": home["head"].pk, "cause": "PERUBAHAN_DATA"}, family=family).errors
    mixed = {"person": home["head"].pk, "cause": "RUSAK", "field": "occupation", "value": "GURU"}
    assert "field" in form_class(mixed, family=family).errors
    changed = form_class({**mixed, "cause": "PERUBAHAN_DATA"}, family=family, service=service)
    assert changed.is_valid(), changed.errors
    assert changed.event_data()["changes"] == {"occupation": "GURU"}


def test_ktp_replacement_draft_of_the_old_form_is_edited_with_the_new_one(actors):
    home = actors["home"]
    form_class = form_class_for(Service.objects.get(code="KTP_PENGGANTIAN"))
    family = home["head"].family
    lost = form_class.initial_from({"person_id": home["head"].pk, "changes": {}, "reason": "hilang"}, family=family)
    assert lost["cause"] == "HILANG" and lost["person"] == home["head"].pk
    changed = {"person_id": home["head"].pk, "changes": {"occupation": "GURU"}, "reason": "SK baru"}
    assert form_class.initial_from(changed, family=family)["cause"] == "PERUBAHAN_DATA"


def test_nik_fields_bring_up_the_number_pad(actors):
    from requests_app.forms.lookup import ResidentLookupForm

    family = actors["home"]["head"].family
    for form in (MarriageForm(family=family), MoveInForm(family=family), ResidentLookupForm()):
        nik = next(name for name in form.fields if name.endswith("nik"))
        assert 'inputmode="numeric"' in str(form[nik]), type(form).__name__
