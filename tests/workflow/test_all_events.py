"""Every service of the catalogue: plan_event prints the plan, the admin approval applies exactly it."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from registry.choices import Citizenship, LifeStatus, MaritalStatus, Relationship, Religion, Sex
from registry.models import Family, Person
from requests_app.models import ApplicationState as S
from requests_app.models import Service
from requests_app.rules import plan_application
from tests.factories import PersonFactory
from tests.workflow.conftest import doc_types

OUTSIDER_NIK = "3171011505950001"
NEWCOMER = {
    "nik": OUTSIDER_NIK,
    "full_name": "PENDATANG UJI",
    "sex": Sex.MALE,
    "birth_date": "1995-05-15",
    "birth_place": "JAKARTA",
    "religion": Religion.ISLAM,
    "relationship": Relationship.OTHER_RELATIVE,
}


def scenario(code: str, home: dict) -> tuple[object, dict, list[str]]:
    """(subject person, event data, expected document types) for ``code``."""
    head, wife, child = home["head"], home["wife"], home["child0"]
    family_id = head.family_id
    if code in ("KK_BARU", "KK_PISAH", "AKTA_PERKAWINAN"):
        child.sex, child.birth_date = Sex.FEMALE, dt.date(1998, 4, 4)
        child.save()
    if code == "KK_BARU":
        groom = PersonFactory(marital_status=MaritalStatus.SINGLE)
        return (
            child,
            {"husband_id": groom.pk, "wife_id": child.pk, "marriage_date": "2026-11-01"},
            ["KK", "KK", "KTP_EL", "KTP_EL"],
        )
    if code == "AKTA_PERKAWINAN":
        husband = {**NEWCOMER, "religion": Religion.KRISTEN}
        data = {
            "husband_id": None,
            "husband_external": husband,
            "wife_id": child.pk,
            "marriage_date": "2026-11-01",
            "place": "GEREJA",
            "religion": Religion.KRISTEN,
        }
        return child, data, ["AKTA_PERKAWINAN", "KK", "KK", "KTP_EL", "KTP_EL"]
    if code == "AKTA_PERCERAIAN":
        for person in (head, wife):
            person.religion = Religion.KATOLIK
            person.save()
        data = {
            "leaving_id": wife.pk,
            "remaining_id": head.pk,
            "divorce_date": "2026-10-01",
            "decision_number": "7/Pdt.G/2026/PN Gto",
            "children_with_leaving_ids": [],
        }
        return wife, data, ["AKTA_PERCERAIAN", "KK", "KK", "KTP_EL", "KTP_EL"]
    if code == "KTP_PENGGANTIAN":
        head.ktp_el_issued_at = dt.datetime(2020, 1, 2, tzinfo=dt.UTC)  # a card to replace
        head.save()
    if code == "SKTT_WNA":
        foreigner = PersonFactory(
            family=head.family,
            relationship=Relationship.OTHER_RELATIVE,
            citizenship=Citizenship.WNA,
            marital_status=MaritalStatus.SINGLE,
        )
        return foreigner, {"person_id": foreigner.pk}, ["SKTT"]
    table = {
        "KK_PERUBAHAN": (
            head,
            {"person_id": head.pk, "changes": {"occupation": "GURU"}, "reason": "SK"},
            ["KK", "KTP_EL"],
        ),
        "KK_HILANG_RUSAK": (head, {"family_id": family_id}, ["KK"]),
        "KK_PISAH": (child, {"member_ids": [child.pk], "new_head_id": child.pk}, ["KK", "KK"]),
        "KTP_BARU": (head, {"person_id": head.pk}, ["KTP_EL"]),
        "KTP_PENGGANTIAN": (head, {"person_id": head.pk, "changes": {}, "reason": "RUSAK"}, ["KTP_EL"]),
        "KIA": (child, {"person_id": child.pk}, ["KIA"]),
        "PINDAH_KELUAR": (
            child,
            {"member_ids": [child.pk], "move_date": "2026-11-01", "destination": "MANADO"},
            ["KK", "SKPWNI"],
        ),
        "PINDAH_LUAR_NEGERI": (
            child,
            {"member_ids": [child.pk], "move_date": "2026-11-01", "destination": "KUALA LUMPUR"},
            ["KK", "SKPLN"],
        ),
        "PINDAH_DATANG": (
            head,
            {"persons": [NEWCOMER], "join_family_id": family_id, "origin": "JAKARTA"},
            ["KK", "KTP_EL"],
        ),
        "DATANG_LUAR_NEGERI": (
            head,
            {"persons": [NEWCOMER], "join_family_id": family_id, "origin": "JEDDAH"},
            ["KK", "KTP_EL", "SKDLN"],
        ),
        "AKTA_KELAHIRAN": (
            wife,
            {
                "children": [
                    {"full_name": "BAYI", "sex": Sex.MALE, "birth_date": "2026-11-20", "birth_place": "GORONTALO"}
                ],
                "mother_id": wife.pk,
                "father_id": head.pk,
            },
            ["AKTA_KELAHIRAN", "KIA", "KK"],
        ),
        "LAHIR_MATI": (wife, {"mother_id": wife.pk, "date": "2026-11-02", "place": "RSUD"}, ["SK_LAHIR_MATI"]),
        "AKTA_KEMATIAN": (
            wife,
            {"deceased_id": wife.pk, "death_date": "2026-11-01", "death_place": "RSUD", "cause": ""},
            ["AKTA_KEMATIAN", "KK", "KTP_EL"],
        ),
        "PENGAKUAN_ANAK": (
            child,
            {"child_id": child.pk, "father_name": "AYAH", "decision_number": "1"},
            ["CATATAN_PINGGIR", "KK"],
        ),
        "PENGESAHAN_ANAK": (
            child,
            {"child_id": child.pk, "father_name": "AYAH", "decision_number": "2"},
            ["CATATAN_PINGGIR", "KK"],
        ),
        "PENGANGKATAN_ANAK": (
            child,
            {"child_id": child.pk, "father_name": "AYAH ANGKAT", "mother_name": "IBU", "decision_number": "3"},
            ["CATATAN_PINGGIR", "KK"],
        ),
        "PERUBAHAN_NAMA": (
            head,
            {"person_id": head.pk, "new_name": "NAMA BARU", "decision_number": "4"},
            ["CATATAN_PINGGIR", "KK", "KTP_EL"],
        ),
        "PERUBAHAN_KEWARGANEGARAAN": (
            head,
            {"person_id": head.pk, "citizenship": "WNA", "decision_number": "5"},
            ["CATATAN_PINGGIR", "KK", "KTP_EL"],
        ),
        "PEMBATALAN_AKTA": (
            head,
            {"person_id": head.pk, "decision_number": "6", "note": "akta batal"},
            ["CATATAN_PINGGIR", "KK"],
        ),
        "PERISTIWA_PENTING_LAINNYA": (
            head,
            {"person_id": head.pk, "decision_number": "7", "note": "lain"},
            ["CATATAN_PINGGIR", "KK"],
        ),
    }
    return table[code]


CODES = [
    "KK_BARU",
    "KK_PERUBAHAN",
    "KK_HILANG_RUSAK",
    "KK_PISAH",
    "KTP_BARU",
    "KTP_PENGGANTIAN",
    "KIA",
    "PINDAH_KELUAR",
    "PINDAH_DATANG",
    "PINDAH_LUAR_NEGERI",
    "DATANG_LUAR_NEGERI",
    "SKTT_WNA",
    "AKTA_KELAHIRAN",
    "LAHIR_MATI",
    "AKTA_KEMATIAN",
    "AKTA_PERKAWINAN",
    "AKTA_PERCERAIAN",
    "PENGAKUAN_ANAK",
    "PENGESAHAN_ANAK",
    "PENGANGKATAN_ANAK",
    "PERUBAHAN_NAMA",
    "PERUBAHAN_KEWARGANEGARAAN",
    "PEMBATALAN_AKTA",
    "PERISTIWA_PENTING_LAINNYA",
]


def register_effect(code: str, home: dict) -> None:
    """The register change bundles.md lists for ``code``, read back from the database."""
    head, wife, child = (Person.objects.get(pk=home[k].pk) for k in ("head", "wife", "child0"))
    family = Family.objects.get(pk=home["head"].family_id)
    newcomer = Person.objects.filter(nik=OUTSIDER_NIK).first()
    checks = {
        "KK_BARU": lambda: (
            child.family_id != family.pk
            and child.marital_status == MaritalStatus.MARRIED
            and child.relationship == Relationship.WIFE
        ),
        "KK_PERUBAHAN": lambda: head.occupation == "GURU",
        "KK_HILANG_RUSAK": lambda: True,  # a reprint: nothing changes
        "KK_PISAH": lambda: child.family_id != family.pk and child.relationship == Relationship.HEAD,
        "KTP_BARU": lambda: True,
        "KTP_PENGGANTIAN": lambda: True,
        "KIA": lambda: True,
        "PINDAH_KELUAR": lambda: child.status == LifeStatus.MOVED_OUT and child.family_id is None,
        "PINDAH_LUAR_NEGERI": lambda: child.status == LifeStatus.MOVED_OUT and child.moved_out_date is not None,
        "PINDAH_DATANG": lambda: newcomer.family_id == family.pk and newcomer.status == LifeStatus.ALIVE,
        "DATANG_LUAR_NEGERI": lambda: newcomer.family_id == family.pk,
        "SKTT_WNA": lambda: True,
        "AKTA_KELAHIRAN": lambda: Person.objects.filter(full_name="BAYI", family=family).count() == 1,
        "LAHIR_MATI": lambda: not Person.objects.filter(family=family, birth_date=dt.date(2026, 11, 2)).exists(),
        "AKTA_KEMATIAN": lambda: wife.status == LifeStatus.DECEASED and head.marital_status == MaritalStatus.WIDOWED,
        "AKTA_PERKAWINAN": lambda: (
            newcomer.family_id == child.family_id != family.pk
            and newcomer.marital_status == child.marital_status == MaritalStatus.MARRIED
        ),
        "AKTA_PERCERAIAN": lambda: (
            wife.marital_status == head.marital_status == MaritalStatus.DIVORCED and wife.family_id != family.pk
        ),
        "PENGAKUAN_ANAK": lambda: child.father_name == "AYAH",
        "PENGESAHAN_ANAK": lambda: child.father_name == "AYAH",
        "PENGANGKATAN_ANAK": lambda: (child.father_name, child.mother_name) == ("AYAH ANGKAT", "IBU"),
        "PERUBAHAN_NAMA": lambda: head.full_name == "NAMA BARU",
        "PERUBAHAN_KEWARGANEGARAAN": lambda: head.citizenship == "WNA",
        "PEMBATALAN_AKTA": lambda: True,  # as the court decided: PIAK applies it as a correction
        "PERISTIWA_PENTING_LAINNYA": lambda: True,
    }
    assert checks[code](), code


def test_catalogue_is_fully_covered(db):
    assert sorted(CODES) == sorted(Service.objects.values_list("code", flat=True))


@pytest.mark.parametrize("code", CODES)
def test_event_planned_then_approved_through_the_admin(client, actors, make_application, code):
    subject, data, expected = scenario(code, actors["home"])
    out = StringIO()
    call_command("plan_event", code, "--subject", subject.nik, "--data", json.dumps(data), "--json", stdout=out)
    printed = json.loads(out.getvalue())
    assert sorted(job["doc_type"] for job in printed["jobs"]) == expected
    application = make_application(code, actors["citizen"], printed["event_data"])
    with CaptureQueriesContext(connection) as context:
        plan_application(application)
    statements = [query["sql"].lstrip().upper() for query in context.captured_queries]
    assert statements and all(sql.startswith("SELECT") and "FOR UPDATE" not in sql for sql in statements)
    client.force_login(actors["petugas"])
    response = client.post(reverse("admin:requests_app_application_approve", args=[application.pk]))
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.state == S.APPROVED, [m.message for m in response.wsgi_request._messages]
    assert doc_types(application) == expected
    details = application.transitions.get(to_state=S.APPROVED).details
    assert details["changes"] + details["jobs"] == printed["describe"]
    register_effect(code, actors["home"])
