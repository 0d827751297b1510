"""Template helpers for the citizen portal: catalogue texts in the reader's language, labels."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import template
from django.utils import translation
from django.utils.translation import gettext

from documents.models import DocumentType
from requests_app.models import Application, ApplicationState, Service

register = template.Library()

STATE_BADGES = {
    ApplicationState.DRAFT: "secondary",
    ApplicationState.SUBMITTED: "primary",
    ApplicationState.IN_REVIEW: "info",
    ApplicationState.RETURNED: "warning",
    ApplicationState.APPROVED: "success",
    ApplicationState.PROCESSING: "success",
    ApplicationState.COMPLETED: "success",
    ApplicationState.REJECTED: "danger",
    ApplicationState.CANCELLED: "dark",
}


@register.filter
def service_name(service: Service) -> str:
    """The service's name in the current language (English from the ``name_en`` column)."""
    if translation.get_language() == "en" and service.name_en:
        return service.name_en
    return service.name_id


@register.filter
def application_about(application: Application) -> str:
    """Whom an application is about, as a list row names it: the newborn(s) of a birth (not in
    the register yet, so the subject on record is the mother), otherwise the subject."""
    children = (application.event_data or {}).get("children") or []
    names = [child.get("full_name") for child in children if isinstance(child, dict) and child.get("full_name")]
    if names:
        return ", ".join(names)
    return application.subject.full_name if application.subject_id else ""


@register.filter
def catalogue_text(text: str) -> str:
    """A catalogue text (requirement, step, who) through the translation catalogue.

    The seeded texts have English translations in ``locale/en``; a text staff edited in the
    admin has none yet and is shown as written.
    """
    return gettext(text) if text else text


@register.filter
def doc_label(code: str) -> str:
    try:
        return DocumentType(code).label
    except ValueError:
        return code


@register.filter
def state_badge(state: str) -> str:
    return STATE_BADGES.get(state, "secondary")


@register.filter
def state_label(state: str) -> str:
    try:
        return ApplicationState(state).label
    except ValueError:
        return state


@register.filter
def get_item(mapping: Mapping[Any, object] | None, key: object) -> object:  # any mapping a template looks into
    return mapping.get(key) if mapping else None
