"""Print what approving an event about a resident would change and issue, without writing.

    python manage.py plan_event DEATH --subject 7571012001800001
    python manage.py plan_event AKTA_KELAHIRAN --subject <NIK ibu> --children 2 --json
    python manage.py plan_event MARRIAGE --subject <NIK> --partner <NIK> --date 2026-11-10
    python manage.py plan_event KK_PERUBAHAN --subject <NIK> --data '{"changes": {"occupation": "GURU"}}'

EVENT is an event (DEATH, BIRTH, ...) or a service code (AKTA_KEMATIAN, ...). The plan is
computed by the same rules the approval applies (``requests_app.rules``).
"""

from __future__ import annotations

import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from registry.choices import LifeStatus, Sex
from registry.models import Person
from requests_app.models import Service
from requests_app.rules import RULES, plan_event
from requests_app.rules.base import living_members, spouse_in_family


def default_event_data(event: str, subject: Person, partner: Person | None, options: dict) -> dict:
    """Plausible event data about ``subject``; ``--data`` overrides any key."""
    day = options["date"] or timezone.localdate().isoformat()
    place = options["place"]
    members = living_members(subject.family)
    spouse = partner or spouse_in_family(subject, members)
    if event == "DEATH":
        return {"deceased_id": subject.pk, "death_date": day, "death_place": place, "cause": ""}
    if event == "BIRTH":
        parent = "mother_id" if subject.sex == Sex.FEMALE else "father_id"
        other = "father_id" if parent == "mother_id" else "mother_id"
        children = [
            {"full_name": f"BAYI {index + 1}", "sex": Sex.MALE, "birth_date": day, "birth_place": place}
            for index in range(options["children"])
        ]
        return {"children": children, parent: subject.pk, other: spouse.pk if spouse else None}
    if event == "STILLBIRTH":
        return {"mother_id": subject.pk, "date": day, "place": place}
    if event in ("MARRIAGE", "FAMILY_FORMED"):
        if partner is None:  # the partner then comes from --data (or the rules say it is missing)
            return {"marriage_date": day, "place": place, "religion": subject.religion}
        husband, wife = (subject, partner) if subject.sex == Sex.MALE else (partner, subject)
        return {
            "husband_id": husband.pk,
            "wife_id": wife.pk,
            "marriage_date": day,
            "place": place,
            "religion": subject.religion,
        }
    if event == "DIVORCE":
        if spouse is None:
            return {"leaving_id": subject.pk, "divorce_date": day, "decision_number": "-"}
        return {
            "leaving_id": subject.pk,
            "remaining_id": spouse.pk,
            "divorce_date": day,
            "decision_number": "-",
            "children_with_leaving_ids": [],
        }
    if event == "FAMILY_SPLIT":
        return {"member_ids": [subject.pk], "new_head_id": subject.pk}
    if event in ("FAMILY_CHANGED", "IDENTITY_CHANGED"):
        return {"person_id": subject.pk, "changes": {}, "reason": "-"}
    if event in ("MOVED_OUT", "MOVED_ABROAD"):
        ids = [m.pk for m in members] if options["whole_family"] else [subject.pk]
        return {"member_ids": ids, "move_date": day, "destination": place, "reason": ""}
    if event in ("CHILD_ACKNOWLEDGED", "CHILD_LEGITIMATED", "ADOPTION"):
        return {
            "child_id": subject.pk,
            "father_name": subject.father_name or "-",
            "mother_name": "",
            "decision_number": "-",
        }
    if event == "NAME_CHANGED":
        return {"person_id": subject.pk, "new_name": f"{subject.full_name} BARU", "decision_number": "-"}
    if event == "CITIZENSHIP_CHANGED":
        return {
            "person_id": subject.pk,
            "citizenship": "WNA" if subject.citizenship == "WNI" else "WNI",
            "decision_number": "-",
        }
    if event == "KK_HILANG_RUSAK":
        return {"family_id": subject.family_id}
    return {"person_id": subject.pk, "decision_number": "-", "note": ""}


class Command(BaseCommand):
    help = "Tampilkan rencana perubahan data dan dokumen untuk satu peristiwa, tanpa menulis apa pun."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("event", help="DEATH, BIRTH, ... atau kode layanan (AKTA_KEMATIAN, ...)")
        parser.add_argument("--subject", required=True, help="NIK penduduk yang menjadi subjek peristiwa")
        parser.add_argument("--partner", help="NIK pasangan (perkawinan, perceraian)")
        parser.add_argument("--date", help="tanggal peristiwa, TTTT-BB-HH (bawaan: hari ini)")
        parser.add_argument("--place", default="GORONTALO")
        parser.add_argument("--children", type=int, default=1, help="jumlah anak (kelahiran kembar: 2)")
        parser.add_argument("--whole-family", action="store_true", help="pindah: seluruh anggota keluarga")
        parser.add_argument("--data", default="{}", help="JSON yang menimpa data peristiwa")
        parser.add_argument("--json", action="store_true", help="keluaran JSON")

    def handle(self, *args: object, **options: object) -> None:
        event = options["event"].upper()
        service = Service.objects.filter(code=event).first()
        if service is not None:
            event = service.event or service.code
        if event not in RULES:
            raise CommandError(f"Peristiwa {event} tidak dikenal. Pilihan: {', '.join(sorted(RULES))}")
        subject = self._person(options["subject"])
        partner = self._person(options["partner"]) if options["partner"] else None
        try:
            overrides = json.loads(options["data"])
        except json.JSONDecodeError as exc:
            raise CommandError(f"--data bukan JSON yang sah: {exc}") from exc
        data = {**default_event_data(event, subject, partner, options), **overrides}
        # Read-only: plan inside a transaction that is always rolled back, as a safety net.
        try:
            with transaction.atomic():
                plan = plan_event(event=event, event_data=data, application=None)
                transaction.set_rollback(True)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        if options["json"]:
            self.stdout.write(json.dumps({**plan.as_dict(), "event_data": data}, indent=2, ensure_ascii=False))
            return
        self.stdout.write(f"Peristiwa {event} untuk {subject.full_name} ({subject.nik})")
        self.stdout.write("Perubahan data kependudukan:")
        for change in plan.changes or []:
            self.stdout.write(f"  - {change.describe()}")
        if not plan.changes:
            self.stdout.write("  (tidak ada)")
        self.stdout.write("Dokumen yang terbit:")
        for job in plan.jobs:
            self.stdout.write(f"  - {job.describe()}")

    def _person(self, nik: str) -> Person:
        person = Person.objects.filter(nik=nik).select_related("family").first()
        if person is None:
            raise CommandError(f"NIK {nik} tidak ditemukan.")
        if person.status != LifeStatus.ALIVE:
            self.stderr.write(f"Perhatian: {person.full_name} berstatus {person.status}.")
        return person
