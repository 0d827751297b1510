"""Tell an applicant that their application moved: an email and an SMS.

Both carry the tracking number and the link to the tracking page, never the document
itself: the citizen downloads PDFs after logging in. Email goes through Django's email
backend (file or console on a laptop, SMTP from the environment); SMS through
``accounts.sms.send_sms`` (a file/console backend, or a gateway set in ``SMS_BACKEND``).

Call ``notify_application`` after the transaction that moved the application commits
(``transaction.on_commit(lambda: notify_application(...))``): a notification about a move
that was rolled back would be a lie. A failing mail server or gateway is logged and never
breaks the caller.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Literal

from django.conf import settings
from django.core.mail import send_mail
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.sms import send_sms

if TYPE_CHECKING:
    from requests_app.models import Application  # requests_app imports this module

logger = logging.getLogger(__name__)

Kind = Literal["submitted", "returned", "rejected", "completed"]
KINDS: tuple[str, ...] = ("submitted", "returned", "rejected", "completed")


def tracking_url(application: Application) -> str:
    """The absolute link to the application's tracking page (login required there)."""
    try:
        path = reverse("requests_app:application_detail", args=[application.tracking_number])
    except NoReverseMatch:  # portal URLs not loaded (e.g. a worker-only configuration)
        path = f"/permohonan/{application.tracking_number}/"
    return settings.PUBLIC_BASE_URL.rstrip("/") + path


def _what_to_fix(application: Application) -> tuple[str, list[str]]:
    """The last return's general reason, and one line per requirement staff named with their reason."""
    from requests_app.selectors import last_return  # requests_app imports this module

    note = last_return(application)
    if note is None:
        return "", []
    requirements = application.service.requirements or []
    lines = []
    for index, text in sorted(note.items.items()):
        label = _(requirements[index]) if index < len(requirements) else str(index + 1)
        lines.append(f"- {label}: {text}")
    return note.reason, lines


def _texts(*, application: Application, kind: str, link: str) -> tuple[str, str, str]:
    """(email subject, email body, sms text) in Bahasa Indonesia."""
    number = application.tracking_number
    service = application.service.name_id
    reason, to_fix = "", []
    if kind == "returned":
        reason, to_fix = _what_to_fix(application)
    elif kind == "rejected":
        last = application.transitions.filter(to_state=application.state).order_by("-at", "-pk").first()
        reason = last.reason if last is not None else ""
    headlines = {
        "submitted": _("Permohonan %(number)s telah kami terima.") % {"number": number},
        "returned": _("Permohonan %(number)s dikembalikan untuk perbaikan.") % {"number": number},
        "rejected": _("Permohonan %(number)s ditolak.") % {"number": number},
        "completed": _("Dokumen untuk permohonan %(number)s sudah terbit.") % {"number": number},
    }
    actions = {
        "submitted": _("Petugas akan memeriksanya. Anda dapat memantau statusnya di:"),
        "returned": _("Silakan perbaiki bagian yang diminta petugas lalu ajukan kembali di:"),
        "rejected": _("Alasan dan riwayat permohonan dapat dilihat di:"),
        "completed": _("Masuk ke Dukcapil Online untuk mengunduh dan mencetak dokumen Anda di:"),
    }
    subject = _("[Dukcapil Online] %(headline)s") % {"headline": headlines[kind]}
    lines = [
        _("Yth. pemohon,"),
        "",
        headlines[kind],
        _("Layanan: %(service)s") % {"service": service},
        _("Nomor pelacakan: %(number)s") % {"number": number},
    ]
    if reason:
        lines.append(_("Alasan: %(reason)s") % {"reason": reason})
    if to_fix:
        lines += ["", _("Yang perlu diperbaiki:"), *to_fix]
    lines += [
        "",
        actions[kind],
        link,
        "",
        _("Layanan Dukcapil gratis (Rp 0). Petugas tidak pernah meminta bayaran atau kata sandi Anda."),
        _("Dinas Kependudukan dan Pencatatan Sipil Kota Gorontalo"),
    ]
    sms = _("Dukcapil Kota Gorontalo: %(headline)s Cek: %(link)s") % {"headline": headlines[kind], "link": link}
    return subject, "\n".join(lines), sms


def notify_application(*, application: Application, kind: Kind) -> None:
    """Email and SMS the applicant about ``application`` at ``kind``.

    ``kind`` is one of ``submitted``, ``returned``, ``rejected``, ``completed``; anything
    else raises ``ValueError``. The email goes to ``application.applicant.email`` (if any),
    the SMS to ``application.applicant.phone`` (if any). Texts are in Bahasa Indonesia.
    Never attaches or links the document file itself.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown notification kind {kind!r}; expected one of {KINDS}")
    applicant = application.applicant
    with translation.override("id"):
        link = tracking_url(application)
        subject, body, sms = _texts(application=application, kind=kind, link=link)
    if applicant.email:
        try:
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [applicant.email])
        except Exception:  # a mail outage must not undo or break the transition
            logger.exception("email for application %s (%s) failed", application.tracking_number, kind)
    phone = getattr(applicant, "phone", "")
    if phone:
        try:
            send_sms(phone=phone, text=sms)
        except Exception:
            logger.exception("sms for application %s (%s) failed", application.tracking_number, kind)
