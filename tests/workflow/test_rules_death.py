"""DEATH: the register changes and documents of bundles.md, including its edge cases."""

from __future__ import annotations

import datetime as dt

from documents.models import DocumentJob
from registry.choices import LifeStatus, MaritalStatus, Relationship
from registry.models import Family, Person
from requests_app.models import ApplicationState as S
from requests_app.rules import plan_application
from tests.factories import PersonFactory
from tests.workflow.conftest import doc_types


def death(person, day="2026-11-01"):
    return {"deceased_id": person.pk, "death_date": day, "death_place": "RSUD ALOEI SABOE", "cause": "SAKIT"}


def test_head_dies_spouse_becomes_head_with_new_kk_number(actors, make_application, approve):
    home = actors["home"]
    family = home["head"].family
    old_number = family.nomor_kk
    application = make_application("AKTA_KEMATIAN", actors["citizen"], death(home["head"]))

    persons_before = list(Person.objects.values_list("pk", "status", "family_id", "marital_status"))
    plan = plan_application(application)
    assert list(Person.objects.values_list("pk", "status", "family_id", "marital_status")) == persons_before
    texts = plan.describe()
    assert f"Kutipan Akta Kematian untuk {home['head'].full_name}" in texts
    assert f"KTP-el untuk {home['wife'].full_name}" in texts
    assert any("CERAI MATI" in t for t in texts)
    assert any("menjadi kepala keluarga" in t for t in texts)
    assert f"{home['head'].full_name} dicatat meninggal pada 1 November 2026 dan keluar dari KK" in texts

    application = approve(application)
    assert application.state == S.APPROVED and application.decided_at is not None
    head = Person.objects.get(pk=home["head"].pk)
    wife = Person.objects.get(pk=home["wife"].pk)
    family.refresh_from_db()
    assert head.status == LifeStatus.DECEASED and head.death_date == dt.date(2026, 11, 1)
    assert head.family_id is None
    assert wife.marital_status == MaritalStatus.WIDOWED
    assert wife.relationship == Relationship.HEAD and family.head_id == wife.pk
    assert family.nomor_kk != old_number and family.is_active
    assert family.data_changed_at > family.kk_printed_at  # the old KK is no longer current
    assert doc_types(application) == ["AKTA_KEMATIAN", "KK", "KTP_EL"]
    assert DocumentJob.objects.get(application=application, doc_type="KTP_EL").subject_id == wife.pk
    # The register history says who did it and for which application.
    last = head.history.first()
    assert last.history_user == actors["petugas"] and last.history_change_reason == application.tracking_number


def test_wife_dies_head_keeps_number(actors, make_application, approve):
    home = actors["home"]
    number = home["head"].family.nomor_kk
    application = approve(make_application("AKTA_KEMATIAN", actors["citizen"], death(home["wife"])))
    head = Person.objects.get(pk=home["head"].pk)
    assert head.marital_status == MaritalStatus.WIDOWED
    assert Family.objects.get(pk=head.family_id).nomor_kk == number
    assert doc_types(application) == ["AKTA_KEMATIAN", "KK", "KTP_EL"]


def test_head_dies_and_spouse_already_dead_eldest_adult_child_heads(actors, make_application, approve):
    home = actors["home"]
    family = home["head"].family
    wife = home["wife"]
    # The wife died years ago; this register still lists her in the family (status only).
    wife.status, wife.death_date = LifeStatus.DECEASED, dt.date(2019, 3, 3)
    wife.save()
    eldest = home["child0"]
    eldest.birth_date = dt.date(1999, 1, 1)
    eldest.save()
    younger = PersonFactory(
        family=family,
        relationship=Relationship.CHILD,
        birth_date=dt.date(2001, 2, 2),
        marital_status=MaritalStatus.SINGLE,
    )
    minor = PersonFactory(
        family=family,
        relationship=Relationship.CHILD,
        birth_date=dt.date(1998, 2, 2) + dt.timedelta(days=9000),
        marital_status=MaritalStatus.SINGLE,
    )
    application = make_application("AKTA_KEMATIAN", actors["citizen"], death(home["head"]))
    plan = plan_application(application)
    assert not any("CERAI MATI" in t for t in plan.describe())
    application = approve(application)
    family.refresh_from_db()
    assert family.head_id == eldest.pk
    assert Person.objects.get(pk=eldest.pk).relationship == Relationship.HEAD
    assert Person.objects.get(pk=younger.pk).relationship == Relationship.OTHER_RELATIVE
    assert Person.objects.get(pk=minor.pk).family_id == family.pk
    assert Person.objects.get(pk=wife.pk).marital_status == MaritalStatus.MARRIED  # the dead keep their status
    assert doc_types(application) == ["AKTA_KEMATIAN", "KK"]  # no living spouse: no KTP-el


def test_deceased_lived_alone_family_dissolved_only_the_akta(actors, make_application, approve):
    loner = PersonFactory(marital_status=MaritalStatus.SINGLE)
    family = loner.family
    application = approve(make_application("AKTA_KEMATIAN", actors["operator"], death(loner)))
    family.refresh_from_db()
    assert not family.is_active and family.head_id is None
    assert doc_types(application) == ["AKTA_KEMATIAN"]


def test_death_date_before_birth_is_refused(actors, make_application):
    import pytest
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="sebelum tanggal lahir"):
        make_application("AKTA_KEMATIAN", actors["citizen"], death(actors["home"]["child0"], "2000-01-01"))
