"""Who may file what, and one open application per event.

A citizen files only about members of their own family (a death of someone outside it is
refused); an operator files for residents of their own area; the office staff for anyone.
"""

from __future__ import annotations

import hashlib
import json

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from accounts.roles import has_role, is_operator
from registry.models import Family, Person, Region

# Persons that must all belong to the applicant's family (or the operator's area).
ALL_OF = {
    "DEATH": ("deceased_id",),
    "STILLBIRTH": ("mother_id",),
    "FAMILY_SPLIT": ("member_ids", "new_head_id"),
    "FAMILY_CHANGED": ("person_id",),
    "IDENTITY_CHANGED": ("person_id",),
    "MOVED_OUT": ("member_ids",),
    "MOVED_ABROAD": ("member_ids",),
    "CHILD_ACKNOWLEDGED": ("child_id",),
    "CHILD_LEGITIMATED": ("child_id",),
    "ADOPTION": ("child_id",),
    "NAME_CHANGED": ("person_id",),
    "CITIZENSHIP_CHANGED": ("person_id",),
    "DEED_ANNULLED": ("person_id",),
    "OTHER_EVENT": ("person_id",),
    "KK_HILANG_RUSAK": ("person_id",),
    "KTP_BARU": ("person_id",),
    "KIA": ("person_id",),
    "SKTT_WNA": ("person_id",),
}
# At least one of these persons must belong to it.
ANY_OF = {
    "BIRTH": ("mother_id", "father_id"),
    "MARRIAGE": ("husband_id", "wife_id"),
    "FAMILY_FORMED": ("husband_id", "wife_id", "member_ids"),
    "DIVORCE": ("leaving_id", "remaining_id"),
}
STAFF_ROLES = ("Petugas Pelayanan", "Kepala Bidang", "PIAK")


def _ids(data: dict, keys: tuple[str, ...]) -> list[int]:
    result = []
    for key in keys:
        value = data.get(key)
        values = value if isinstance(value, list) else [value]
        for item in values:
            if item not in (None, ""):
                try:
                    result.append(int(item))
                except (TypeError, ValueError):
                    raise ValidationError(_("Data peristiwa tidak sah."), code="invalid") from None
    return result


def _in_area(area: Region, kelurahan_id: str | None) -> bool:
    return bool(kelurahan_id) and (kelurahan_id == area.pk or kelurahan_id.startswith(area.pk + "."))


def validate_scope(*, event: str, data: dict, applicant: object, family: Family | None = None) -> None:
    """Raise ``ValidationError`` unless ``applicant`` may file this event about these persons."""
    if applicant is None or has_role(applicant, *STAFF_ROLES):
        return
    operator = is_operator(applicant)
    own_family_id = None
    if not operator:
        person = getattr(applicant, "person", None)
        own_family_id = person.family_id if person is not None else None
        if own_family_id is None:
            raise ValidationError(
                _("Akun Anda belum terhubung dengan keluarga dalam data kependudukan."), code="no_family"
            )

    def allowed_family(family_id: int | None, kelurahan_id: str | None) -> bool:
        if operator:
            return _in_area(applicant.operator_area, kelurahan_id)
        return family_id is not None and family_id == own_family_id

    if event in ("MOVED_IN", "ARRIVED_FROM_ABROAD"):
        join_id = data.get("join_family_id")
        if join_id:
            target = Family.objects.filter(pk=join_id).values_list("pk", "kelurahan_id").first()
            if target is None or not allowed_family(*target):
                raise ValidationError(_("Anda hanya dapat menambahkan anggota ke KK Anda sendiri."), code="scope")
        elif not operator:
            raise ValidationError(
                _("Pendaftaran keluarga baru yang datang diajukan melalui operator kelurahan/kecamatan."),
                code="scope",
            )
        elif not _in_area(applicant.operator_area, str(data.get("kelurahan_code") or "")):
            raise ValidationError(_("Kelurahan tujuan berada di luar wilayah Anda."), code="scope")
        return

    all_ids = _ids(data, ALL_OF.get(event, ()))
    any_ids = _ids(data, ANY_OF.get(event, ()))
    if event == "KK_HILANG_RUSAK" and data.get("family_id"):
        target = Family.objects.filter(pk=data["family_id"]).values_list("pk", "kelurahan_id").first()
        if target is None or not allowed_family(*target):
            raise ValidationError(_("Anda hanya dapat mengajukan untuk KK Anda sendiri."), code="scope")
        return
    rows = {
        pk: (family_id, kelurahan_id)
        for pk, family_id, kelurahan_id in Person.objects.filter(pk__in=all_ids + any_ids).values_list(
            "pk", "family_id", "family__kelurahan_id"
        )
    }
    outside = [pk for pk in all_ids if pk not in rows or not allowed_family(*rows[pk])]
    if outside:
        name = Person.objects.filter(pk=outside[0]).values_list("full_name", flat=True).first() or "-"
        if operator:
            message = _("%(name)s bukan penduduk wilayah Anda.") % {"name": name}
        else:
            message = _(
                "%(name)s bukan anggota keluarga Anda. Pelaporan untuk orang di luar keluarga Anda "
                "dilakukan melalui operator kelurahan/kecamatan."
            ) % {"name": name}
        raise ValidationError(message, code="scope")
    if event in ANY_OF:
        birth_family_ok = event == "BIRTH" and family is not None and allowed_family(family.pk, family.kelurahan_id)
        if not birth_family_ok and not any(pk in rows and allowed_family(*rows[pk]) for pk in any_ids):
            raise ValidationError(
                _("Sekurang-kurangnya satu pihak dalam peristiwa ini harus anggota keluarga Anda.")
                if not operator
                else _("Sekurang-kurangnya satu pihak harus penduduk wilayah Anda."),
                code="scope",
            )


def event_key(*, event: str, data: dict, service_code: str = "", family_id: int | None = None) -> str:
    """What makes two applications "the same event": at most one may be open (constraint)."""

    def ids(*keys: str) -> str:
        return "-".join(str(x) for x in sorted(_ids(data, keys))) or "?"

    if event == "DEATH":
        return f"DEATH:{ids('deceased_id')}"
    if event == "BIRTH" and data.get("person_id"):
        return f"BIRTH:late:{ids('person_id')}"
    if event == "BIRTH":
        dates = sorted(str(c.get("birth_date", "")) for c in data.get("children") or [] if isinstance(c, dict))
        mother = data.get("mother_id") or f"f{family_id}:{str(data.get('mother_name', '')).strip().upper()}"
        return f"BIRTH:{mother}:{','.join(dates)}"[:120]
    if event == "STILLBIRTH":
        return f"STILLBIRTH:{ids('mother_id')}:{data.get('date', '')}"
    if event in ("MARRIAGE", "FAMILY_FORMED"):
        parties = [
            str(data.get(f"{role}_id") or (data.get(f"{role}_external") or {}).get("nik", ""))
            for role in ("husband", "wife")
        ]
        if data.get("member_ids"):
            parties.append(ids("new_head_id"))
        return f"{event}:{':'.join(parties)}"[:120]
    if event == "DIVORCE":
        return f"DIVORCE:{ids('leaving_id', 'remaining_id')}"
    if event == "FAMILY_SPLIT":
        return f"FAMILY_SPLIT:{ids('new_head_id')}"
    if event in ("MOVED_OUT", "MOVED_ABROAD"):
        return f"{event}:{ids('member_ids')}"[:120]
    if event in ("MOVED_IN", "ARRIVED_FROM_ABROAD"):
        niks = sorted(str(p.get("nik", "")) for p in data.get("persons") or [] if isinstance(p, dict))
        return f"{event}:{','.join(niks)}"[:120]
    if event in ("CHILD_ACKNOWLEDGED", "CHILD_LEGITIMATED", "ADOPTION"):
        return f"{event}:{ids('child_id')}"
    if event in ("FAMILY_CHANGED", "IDENTITY_CHANGED"):
        # Two different corrections of one person are two events; the same one twice is not.
        changes = json.dumps(data.get("changes") or {}, sort_keys=True, default=str)
        return f"{event}:{ids('person_id')}:{hashlib.sha256(changes.encode()).hexdigest()[:12]}"
    if event == "KK_HILANG_RUSAK" and data.get("family_id"):
        return f"{service_code}:family:{ids('family_id')}"
    return f"{service_code or event}:{ids('person_id')}"


def validate_application(application: object, actor: object | None = None) -> None:
    """Scope checks for ``application`` filed by its applicant (``actor`` is informational)."""
    from requests_app.rules import event_of

    validate_scope(
        event=event_of(application),
        data=application.event_data or {},
        applicant=application.applicant,
        family=application.family,
    )
