"""Applying, drafts, uploads, submitting, the receipt, tracking and cancelling."""

from __future__ import annotations

from types import ModuleType

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import roles
from documents.permissions import may_download
from registry.models import Family, Region
from requests_app import selectors
from requests_app.forms import EventForm, form_class_for
from requests_app.models import Application, ApplicationState, Channel, Service
from requests_app.staff_queue import WAITING_STATES
from requests_app.uploads import RequirementUploadForm, attachment_store
from requests_app.views.presentation import event_summary, plan_preview, qr_svg, tracking_url
from requests_app.workflow import IllegalTransition


def _services() -> ModuleType:  # requests_app.services, imported when used
    from requests_app import services

    return services


def _error_messages(exc: Exception) -> list[str]:
    return list(exc.messages) if isinstance(exc, ValidationError) else [str(exc)]


def _filing_family(request: HttpRequest, service: Service) -> tuple[Family | None, str] | None:
    """The family an application is filed for, and the channel.

    An operator names it with ``?keluarga=<id>`` (only families of the own area), or names
    none for newcomers who form a new family (a move-in joins no family yet); a citizen
    always files for the own family.
    """
    user = request.user
    family_id = request.GET.get("keluarga") or request.POST.get("keluarga")
    if roles.is_operator(user):
        if not family_id:
            return (None, Channel.ASSISTED) if service.event in _services().MOVE_IN_EVENTS else None
        try:
            family = Family.objects.select_related("kelurahan").get(
                selectors.operator_area_q(user.operator_area), pk=int(family_id), is_active=True
            )
        except (Family.DoesNotExist, ValueError) as exc:
            raise Http404 from exc
        return family, Channel.ASSISTED
    person = getattr(user, "person", None)
    if person is None or person.family_id is None:
        return None
    return person.family, Channel.ONLINE


def _draft_save(
    request: HttpRequest,
    form: EventForm,  # bound and valid
    *,
    service: Service,
    family: Family | None,  # None when editing a move-in of a new family
    channel: str,
    application: Application | None = None,
) -> Application | None:
    """Save the form as a draft; on a refusal the messages go onto the form and None is returned."""
    try:
        return _services().application_draft_save(
            applicant=request.user,
            service=service,
            subject=form.subject(),
            family=family,
            event_data=form.event_data(),
            channel=channel,
            application=application,
        )
    except (ValidationError, IllegalTransition) as exc:
        for message in _error_messages(exc):
            form.add_error(None, message)
        return None


def _needs_verified_email(request: HttpRequest) -> bool:
    user = request.user
    return not roles.is_operator(user) and not user.email_verified


@login_required
def application_start(request: HttpRequest, code: str) -> HttpResponse:
    service = selectors.service_by_slug(code)
    if _needs_verified_email(request):
        messages.warning(request, _("Verifikasi email Anda dahulu sebelum mengajukan permohonan."))
        return redirect("accounts:verify_pending")
    filing = _filing_family(request, service)
    if filing is None:
        if roles.is_operator(request.user):
            messages.info(request, _("Cari penduduk yang akan dibantu dengan NIK-nya dahulu."))
            return redirect("requests_app:assisted_home")
        messages.error(request, _("Akun Anda belum terhubung dengan data keluarga di register."))
        return redirect("requests_app:service_detail", code=service.slug)
    family, channel = filing
    form_class = form_class_for(service, person_given=bool(request.GET.get("orang")))
    if request.method == "POST":
        form = form_class(request.POST, family=family, service=service, area=_filer_area(request))
        application = form.is_valid() and _draft_save(request, form, service=service, family=family, channel=channel)
        if application:
            messages.success(request, _("Draf tersimpan. Unggah persyaratan, lalu ajukan."))
            return redirect("requests_app:application_detail", tracking_number=application.tracking_number)
    else:
        initial = {}
        person_id = request.GET.get("orang")
        if person_id and form_class.prefill_name():
            initial[form_class.prefill_name()] = person_id
        form = form_class(initial=initial, family=family, service=service, area=_filer_area(request))
    return render(
        request,
        "requests_app/application_form.html",
        {"service": service, "form": form, "family": family, "channel": channel, "application": None},
    )


# The tag of a message the page shows next to the field it concerns; base.html leaves it out.
AT_FIELD = "at-field"


def requirement_anchor(index: int) -> str:
    """The id of a requirement on the application page; also tags an upload error for it."""
    return f"req-{index}"


def _filer_area(request: HttpRequest) -> Region | None:
    """An operator files only within its area (rules.validation): its forms offer no more."""
    return request.user.operator_area if roles.is_operator(request.user) else None


@login_required
def application_edit(request: HttpRequest, tracking_number: str) -> HttpResponse:
    application = selectors.application_for_editor(user=request.user, tracking_number=tracking_number)
    if application.state not in selectors.EDITABLE_STATES:
        messages.error(request, _("Permohonan ini tidak dapat diubah lagi."))
        return redirect("requests_app:application_detail", tracking_number=tracking_number)
    service, family = application.service, application.family
    form_class = form_class_for(service, event_data=application.event_data)
    if request.method == "POST":
        form = form_class(request.POST, family=family, service=service, area=_filer_area(request))
        saved = form.is_valid() and _draft_save(
            request, form, service=service, family=family, channel=application.channel, application=application
        )
        if saved:
            messages.success(request, _("Perubahan tersimpan."))
            return redirect("requests_app:application_detail", tracking_number=tracking_number)
    else:
        form = form_class(
            initial=form_class.initial_from(application.event_data or {}, family=family),
            family=family,
            service=service,
            area=_filer_area(request),
        )
    return render(
        request,
        "requests_app/application_form.html",
        {
            "service": service,
            "form": form,
            "family": family,
            "channel": application.channel,
            "application": application,
        },
    )


@login_required
def application_list(request: HttpRequest) -> HttpResponse:
    applications = selectors.applications_of_applicant(request.user)
    return render(request, "requests_app/application_list.html", {"applications": applications})


@login_required
def application_detail(request: HttpRequest, tracking_number: str) -> HttpResponse:
    application = selectors.application_for_viewer(user=request.user, tracking_number=tracking_number)
    is_editor = application.applicant_id == request.user.pk
    editable = is_editor and application.state in selectors.EDITABLE_STATES
    note = selectors.last_return(application)
    general_reason, item_reasons = (note.reason, note.items) if note else ("", {})
    latest = selectors.latest_attachments(application)
    to_reupload = selectors.requirements_to_reupload(application, note, latest)
    at_field = [m for m in messages.get_messages(request) if AT_FIELD in m.extra_tags.split()]
    requirements = [
        {
            "index": index,
            "label": label,
            "attachment": latest.get(index),
            "reason": item_reasons.get(index, ""),
            "needs_new_file": index in to_reupload,
            "form": RequirementUploadForm(auto_id=f"id_req{index}_%s") if editable else None,
            "errors": [str(m) for m in at_field if requirement_anchor(index) in m.extra_tags.split()],
        }
        for index, label in enumerate(application.service.requirements)
    ]
    transitions = application.transitions.select_related("actor").order_by("at", "pk")
    issued = []
    if application.state in (ApplicationState.APPROVED, ApplicationState.PROCESSING, ApplicationState.COMPLETED):
        from documents.models import IssuedDocument

        issued = list(IssuedDocument.objects.filter(job__application=application).order_by("doc_type", "pk"))
    context = {
        "application": application,
        "service": application.service,
        "summary": event_summary(application),
        "requirements": requirements,
        "transitions": transitions,
        "general_reason": general_reason,
        "editable": editable,
        "can_cancel": is_editor and application.state in selectors.CANCELLABLE_STATES,
        # Until the jobs exist (approval), the applicant keeps seeing what the event will yield.
        "preview": plan_preview(application) if editable or application.state in WAITING_STATES else None,
        "issued": issued,
        "downloadable": {
            doc.pk
            for doc in issued
            if doc.file
            and may_download(
                request.user, doc_type=doc.doc_type, applicant_id=application.applicant_id, state=doc.state
            )
        },
        "replacements": selectors.issued_replacements(user=request.user, documents=issued),
        "jobs": list(application.jobs.order_by("pk")) if application.state != ApplicationState.DRAFT else [],
    }
    return render(request, "requests_app/application_detail.html", context)


@login_required
@require_POST
def attachment_upload(request: HttpRequest, tracking_number: str, index: int) -> HttpResponse:
    application = selectors.application_for_editor(user=request.user, tracking_number=tracking_number)
    if application.state not in selectors.EDITABLE_STATES:
        messages.error(request, _("Permohonan ini tidak dapat diubah lagi."))
        return redirect("requests_app:application_detail", tracking_number=tracking_number)
    if not 0 <= index < len(application.service.requirements):
        raise Http404
    form = RequirementUploadForm(request.POST, request.FILES)
    label = application.service.requirements[index]
    if form.is_valid():
        attachment_store(
            application=application,
            requirement_index=index,
            content=form.content,
            content_type=form.content_type,
            original_name=form.cleaned_data["file"].name,
            uploaded_by=request.user,
        )
        messages.success(request, _("Berkas untuk “%(label)s” tersimpan.") % {"label": label})
    else:
        for error in form.errors.get("file", []):
            # Shown inside the requirement it concerns (the page opens there), not at the top.
            messages.error(request, error, extra_tags=f"{AT_FIELD} {requirement_anchor(index)}")
    return redirect(f"{application_url(application)}#{requirement_anchor(index)}")


def application_url(application: Application) -> str:
    from django.urls import reverse

    return reverse("requests_app:application_detail", args=[application.tracking_number])


@login_required
@require_POST
def application_submit(request: HttpRequest, tracking_number: str) -> HttpResponse:
    application = selectors.application_for_editor(user=request.user, tracking_number=tracking_number)
    if not application.attachments.exists():
        messages.error(request, _("Unggah sedikitnya satu persyaratan sebelum mengajukan."))
        return redirect("requests_app:application_detail", tracking_number=tracking_number)
    services = _services()
    try:
        if application.state == ApplicationState.DRAFT:
            services.application_submit(application=application, actor=request.user)
        elif application.state == ApplicationState.RETURNED:
            services.application_resubmit(application=application, actor=request.user)
        else:
            messages.error(request, _("Permohonan ini sudah diajukan."))
            return redirect("requests_app:application_detail", tracking_number=tracking_number)
    except (ValidationError, IllegalTransition) as exc:
        for message in _error_messages(exc):
            messages.error(request, message)
        return redirect("requests_app:application_detail", tracking_number=tracking_number)
    return redirect("requests_app:application_receipt", tracking_number=tracking_number)


@login_required
def application_receipt(request: HttpRequest, tracking_number: str) -> HttpResponse:
    application = selectors.application_for_viewer(user=request.user, tracking_number=tracking_number)
    if application.submitted_at is None:  # a draft, or one cancelled before it was submitted
        return redirect("requests_app:application_detail", tracking_number=tracking_number)
    url = tracking_url(application)
    return render(
        request,
        "requests_app/application_receipt.html",
        {"application": application, "tracking_url": url, "qr_svg": qr_svg(url)},
    )


@login_required
def application_cancel(request: HttpRequest, tracking_number: str) -> HttpResponse:
    application = selectors.application_for_editor(user=request.user, tracking_number=tracking_number)
    if application.state not in selectors.CANCELLABLE_STATES:
        messages.error(
            request,
            _("Permohonan berstatus %(state)s tidak dapat dibatalkan.") % {"state": application.get_state_display()},
        )
        return redirect("requests_app:application_detail", tracking_number=tracking_number)
    if request.method == "POST":
        reason = request.POST.get("reason", "").strip()[:300]
        try:
            _services().application_cancel(application=application, actor=request.user, reason=reason)
        except (ValidationError, IllegalTransition) as exc:
            for message in _error_messages(exc):
                messages.error(request, message)
        else:
            messages.success(request, _("Permohonan dibatalkan."))
        return redirect("requests_app:application_detail", tracking_number=tracking_number)
    return render(request, "requests_app/application_cancel.html", {"application": application})
