"""Read-only helpers that turn an application into what its pages show."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from documents.models import DocumentType
from registry.models import Person
from requests_app.forms.residence import REPLACEMENT_CAUSES
from requests_app.models import Application
from requests_app.rules.base import change_value_text, date_text, field_label

logger = logging.getLogger(__name__)

KEY_LABELS = {
    "deceased_id": gettext_noop("Yang meninggal"),
    "death_date": gettext_noop("Tanggal meninggal"),
    "death_place": gettext_noop("Tempat meninggal"),
    "cause": gettext_noop("Sebab/keadaan"),
    "mother_id": gettext_noop("Ibu"),
    "mother_name": gettext_noop("Nama ibu"),
    "father_id": gettext_noop("Ayah"),
    "father_name": gettext_noop("Nama ayah"),
    "date": gettext_noop("Tanggal"),
    "place": gettext_noop("Tempat"),
    "husband_id": gettext_noop("Suami"),
    "wife_id": gettext_noop("Istri"),
    "marriage_date": gettext_noop("Tanggal perkawinan"),
    "religion": gettext_noop("Agama"),
    "leaving_id": gettext_noop("Pihak yang keluar"),
    "remaining_id": gettext_noop("Pihak yang tetap"),
    "divorce_date": gettext_noop("Tanggal putusan cerai"),
    "decision_number": gettext_noop("Nomor putusan/penetapan"),
    "children_with_leaving_ids": gettext_noop("Anak yang ikut"),
    "member_ids": gettext_noop("Anggota"),
    "new_head_id": gettext_noop("Kepala keluarga baru"),
    "person_id": gettext_noop("Anggota keluarga"),
    "reason": gettext_noop("Alasan"),
    "move_date": gettext_noop("Tanggal pindah"),
    "destination": gettext_noop("Tujuan"),
    "origin": gettext_noop("Asal"),
    "address": gettext_noop("Alamat"),
    "child_id": gettext_noop("Anak"),
    "new_name": gettext_noop("Nama baru"),
    "citizenship": gettext_noop("Kewarganegaraan"),
    "note": gettext_noop("Keterangan"),
    "family_id": gettext_noop("Keluarga"),
}
HIDDEN_KEYS = {"join_family_id", "rt", "rw", "kelurahan_code"}
# A chosen cause (a KTP-el or KK lost or damaged, a data change) by its label; a death's cause is free text.
CAUSE_LABELS = dict(REPLACEMENT_CAUSES)


def _person_ids(event_data: dict) -> set[int]:
    ids: set[int] = set()
    for key, value in event_data.items():
        if key.endswith("_id") and isinstance(value, int):
            ids.add(value)
        elif key.endswith("_ids") and isinstance(value, list):
            ids.update(v for v in value if isinstance(v, int))
    return ids


def event_summary(application: Application) -> list[tuple[str, str]]:
    """(label, value) rows of the application's event data, persons by name (one query)."""
    data = application.event_data or {}
    names = dict(Person.objects.filter(pk__in=_person_ids(data)).values_list("pk", "full_name"))
    rows: list[tuple[str, str]] = []
    for key, value in data.items():
        if key in HIDDEN_KEYS or value in (None, "", []):
            continue
        if key == "family_id":
            continue
        label = _(KEY_LABELS.get(key, key.replace("_", " ").capitalize()))
        if key == "children":
            for index, child in enumerate(value, start=1):
                rows.append(
                    (
                        _("Anak %(n)s") % {"n": index},
                        f"{child.get('full_name', '')}, {child.get('sex', '')}, "
                        f"{child.get('birth_place', '')} {date_text(child.get('birth_date', ''))}",
                    )
                )
        elif key == "persons":
            for person in value:
                rows.append((_("Datang"), f"{person.get('full_name', '')} (NIK {person.get('nik', '')})"))
        elif key == "changes":
            for name, new in value.items():
                rows.append((_("Perubahan %(field)s") % {"field": field_label(name)}, change_value_text(name, new)))
        elif key == "cause" and value in CAUSE_LABELS:
            rows.append((label, str(CAUSE_LABELS[value])))
        elif key.endswith("_external"):
            rows.append((_("Pasangan dari luar"), f"{value.get('full_name', '')} (NIK {value.get('nik', '')})"))
        elif key.endswith("_ids"):
            rows.append((label, ", ".join(names.get(v, "?") for v in value)))
        elif key.endswith("_id"):
            rows.append((label, names.get(value, str(value))))
        elif key.endswith("date"):
            rows.append((label, date_text(value)))
        else:
            rows.append((label, str(value)))
    return rows


@dataclass
class PlanPreview:
    documents: list[str]
    changes: list[str]
    problems: list[str]
    from_rules: bool
    warnings: list[str] = field(default_factory=list)  # to know before submitting, not to refuse


def plan_preview(application: Application) -> PlanPreview:
    """The documents the event will yield: the integrated-service rules, else ``Service.yields``."""
    values = DocumentType.values
    fallback = [DocumentType(code).label if code in values else code for code in application.service.yields]
    try:
        from requests_app.services import application_check
    except ImportError:
        return PlanPreview(fallback, [], [], False)
    try:
        plan = application_check(application=application)
    except ValidationError as exc:
        return PlanPreview(fallback, [], list(exc.messages), False)
    except Exception:  # a defect in the rules must not hide the application from its owner
        logger.exception("plan_application failed for %s", application.tracking_number)
        return PlanPreview(fallback, [], [], False)
    return PlanPreview(
        [job.describe() for job in plan.jobs], [change.describe() for change in plan.changes], [], True, plan.warnings
    )


def tracking_url(application: Application) -> str:
    path = reverse("requests_app:application_detail", args=[application.tracking_number])
    return settings.PUBLIC_BASE_URL.rstrip("/") + path


def qr_svg(url: str) -> str:
    """An inline SVG QR code (vector paths, no external image)."""
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    svg = image.to_string(encoding="unicode")
    # The XML declaration is not allowed inside HTML.
    return svg.split("?>", 1)[1] if svg.startswith("<?xml") else svg
