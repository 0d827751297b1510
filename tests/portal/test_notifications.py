import pytest
from django.core import mail

from accounts.notifications import notify_application
from requests_app.models import ApplicationState, ApplicationTransition
from tests.portal.conftest import record_return


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["submitted", "returned", "rejected", "completed"])
def test_email_and_sms_carry_tracking_link_not_document(actors, death_application, kind, settings, tmp_path):
    citizen = actors["citizen"]
    citizen.phone = "081234567890"
    citizen.save(update_fields=["phone"])
    notify_application(application=death_application, kind=kind)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [citizen.email]
    assert death_application.tracking_number in message.subject
    assert f"/permohonan/{death_application.tracking_number}/" in message.body
    assert message.attachments == []
    sms_files = list((tmp_path / "sms").glob("*.txt"))
    assert len(sms_files) == 1
    text = sms_files[0].read_text()
    assert "081234567890" in text and death_application.tracking_number in text


@pytest.mark.django_db
def test_returned_email_quotes_reason(actors, death_application):
    death_application.state = ApplicationState.RETURNED
    death_application.save(update_fields=["state"])
    ApplicationTransition.objects.create(
        application=death_application,
        actor=actors["petugas"],
        from_state=ApplicationState.SUBMITTED,
        to_state=ApplicationState.RETURNED,
        reason="Surat keterangan kematian tidak terbaca",
    )
    notify_application(application=death_application, kind="returned")
    assert "Surat keterangan kematian tidak terbaca" in mail.outbox[0].body


@pytest.mark.django_db
def test_returned_email_names_each_requirement_to_fix(actors, death_application):
    """Staff may name only requirements, with no general note: the email still says what to fix."""
    death_application.state = ApplicationState.RETURNED
    death_application.save(update_fields=["state"])
    items = {2: "Foto KTP-el buram", 0: "Tidak bertanda tangan"}
    record_return(death_application, actor=actors["petugas"], items=items)
    notify_application(application=death_application, kind="returned")
    requirements = death_application.service.requirements
    body = mail.outbox[0].body
    assert "Alasan:" not in body
    assert f"Yang perlu diperbaiki:\n- {requirements[0]}: {items[0]}\n- {requirements[2]}: {items[2]}" in body


@pytest.mark.django_db
def test_no_email_or_phone_sends_nothing(actors, death_application, tmp_path):
    citizen = actors["citizen"]
    citizen.email = ""
    citizen.save(update_fields=["email"])
    notify_application(application=death_application, kind="submitted")
    assert mail.outbox == []
    assert not (tmp_path / "sms").exists()


@pytest.mark.django_db
def test_unknown_kind_refused(death_application):
    with pytest.raises(ValueError):
        notify_application(application=death_application, kind="approved")
