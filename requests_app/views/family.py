""" "Keluarga saya" for citizens, and the operator's resident lookup (assisted channel)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import roles
from registry.models import Person
from requests_app import selectors
from requests_app.forms import ResidentLookupForm

EVENT_BUTTONS = [
    ("akta_kelahiran", gettext_lazy("Bayi lahir")),
    ("akta_kematian", gettext_lazy("Anggota meninggal")),
    ("akta_perkawinan", gettext_lazy("Menikah")),
    ("kk_perubahan", gettext_lazy("Data KK berubah")),
    ("kk_pisah", gettext_lazy("Pisah KK")),
    ("pindah_keluar", gettext_lazy("Pindah keluar")),
    ("pindah_datang", gettext_lazy("Anggota pindah datang")),
    ("kk_hilang_rusak", gettext_lazy("KK hilang/rusak")),
]


def _family_context(family_id: int) -> dict:
    family = selectors.family_with_members(family_id)
    today = timezone.localdate()
    members = [selectors.member_holdings(person, today) for person in family.living_members]
    return {
        "family": family,
        "members": members,
        "kk_current": family.kk_is_current,
        "event_buttons": EVENT_BUTTONS,
    }


@login_required
def my_family(request: HttpRequest) -> HttpResponse:
    if roles.is_operator(request.user):
        return redirect("requests_app:assisted_home")
    person = getattr(request.user, "person", None)
    if person is None or person.family_id is None:
        messages.info(request, _("Akun Anda belum terhubung dengan data keluarga di register."))
        return render(request, "requests_app/family.html", {"family": None})
    context = _family_context(person.family_id)
    context["me"] = person
    return render(request, "requests_app/family.html", context)


@login_required
def assisted_home(request: HttpRequest) -> HttpResponse:
    """An operator finds a resident of the own area by NIK and files for the family."""
    if not roles.is_operator(request.user):
        raise Http404
    area = request.user.operator_area
    form = ResidentLookupForm(request.GET or None)
    context: dict = {"form": form, "area": area, "family": None}
    if form.is_valid():
        person = (
            Person.objects.filter(
                selectors.operator_area_q(area, prefix="family__"),
                nik=form.cleaned_data["nik"],
                family__is_active=True,
            )
            .only("pk", "family_id")
            .first()
        )
        if person is None:
            form.add_error("nik", _("Penduduk dengan NIK ini tidak terdaftar di wilayah Anda."))
        else:
            context.update(_family_context(person.family_id))
            context["found"] = person
    context["recent"] = selectors.applications_of_applicant(request.user).filter(applicant=request.user)[:20]
    return render(request, "requests_app/assisted_home.html", context)
