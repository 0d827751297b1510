import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from accounts.models import User
from registry.models import Family, ReminderKind, ReminderSent
from registry.reminders import reminders_due, reminders_send


@pytest.fixture
def situation(actors):
    """Home family: KK stale, the head lacks a current KTP-el, the child lacks a KIA. Wife has an account."""
    home = actors["home"]
    now = timezone.now()
    family = home["head"].family
    Family.objects.filter(pk=family.pk).update(kk_printed_at=now - dt.timedelta(days=90), data_changed_at=now)
    for person in (home["head"], home["wife"], home["child0"]):
        person.ktp_el_issued_at = now - dt.timedelta(days=10)  # after data_changed_at (400 days ago)
        person.kia_issued_at = now - dt.timedelta(days=10)
        person.akta_kelahiran_number = "7571-LU-01012012-0001"
    home["head"].ktp_el_issued_at = None
    home["child0"].kia_issued_at = None
    for person in (home["head"], home["wife"], home["child0"]):
        person.save()
    wife = User.objects.create_user(
        username="istri", password="x-rahasia-123", email="istri@uji.local", person=home["wife"], email_verified=True
    )
    # The other citizen's family is fully current.
    away = actors["away"]
    Family.objects.filter(pk=away["head"].family_id).update(
        kk_printed_at=now, data_changed_at=now - dt.timedelta(days=1)
    )
    for person in (away["head"], away["wife"]):
        person.ktp_el_issued_at = now
        person.save()
    return {"citizen": actors["citizen"], "wife": wife, "home": home, "other": actors["other_citizen"]}


def kinds_for(due, user):
    return sorted(item.kind for item in due.get(user.pk, []))


def test_who_is_reminded_of_what(situation):
    due = reminders_due()
    assert kinds_for(due, situation["citizen"]) == ["KIA_MISSING", "KK_STALE", "KTP_EL_MISSING"]
    # The wife holds her KTP-el: the family's KK and the child's KIA, not her husband's KTP-el.
    assert kinds_for(due, situation["wife"]) == ["KIA_MISSING", "KK_STALE"]
    assert situation["other"].pk not in due


def test_command_emails_once_and_not_again_within_30_days(situation):
    out = StringIO()
    call_command("send_reminders", stdout=out)
    assert "2 email terkirim (5 pengingat)" in out.getvalue()
    assert sorted(message.to[0] for message in mail.outbox) == ["istri@uji.local", "warga1@uji.local"]
    body = next(m.body for m in mail.outbox if m.to == ["warga1@uji.local"])
    child = situation["home"]["child0"]
    assert child.full_name in body and "KIA" in body and "Kartu Keluarga" in body
    assert "/layanan/kia/" in body and "/layanan/kk_perubahan/" in body and "/layanan/ktp_baru/" in body
    assert ReminderSent.objects.count() == 5
    assert ReminderSent.objects.filter(kind=ReminderKind.KK_STALE, family=child.family).count() == 2

    mail.outbox.clear()
    out = StringIO()
    call_command("send_reminders", stdout=out)
    assert mail.outbox == []
    assert "0 email terkirim" in out.getvalue() and "5 pengingat dilewati" in out.getvalue()

    # 29 days later: still quiet; 31 days later: reminded again.
    assert reminders_send(now=timezone.now() + dt.timedelta(days=29)).emails_sent == 0
    report = reminders_send(now=timezone.now() + dt.timedelta(days=31))
    assert (report.emails_sent, report.items_sent) == (2, 5)
    assert len(mail.outbox) == 2


def test_a_new_reminder_is_sent_even_when_another_went_out_recently(situation):
    reminders_send()
    mail.outbox.clear()
    wife = situation["home"]["wife"]
    wife.ktp_el_issued_at = None
    wife.save(update_fields=["ktp_el_issued_at"])
    report = reminders_send()
    assert (report.emails_sent, report.items_sent) == (1, 1)
    assert mail.outbox[0].to == ["istri@uji.local"] and "KTP-el" in mail.outbox[0].body


def test_dry_run_and_unverified_or_inactive_accounts(situation):
    report = reminders_send(dry_run=True)
    assert (report.emails_sent, report.items_sent) == (2, 5)
    assert mail.outbox == [] and not ReminderSent.objects.exists()
    User.objects.filter(pk=situation["wife"].pk).update(email_verified=False)
    User.objects.filter(pk=situation["citizen"].pk).update(is_active=False)
    assert reminders_send().emails_sent == 0


def test_candidate_query_count_is_constant(situation, django_assert_num_queries):
    with django_assert_num_queries(4):
        reminders_due()
    home = situation["home"]
    for index in range(5):
        extra = User.objects.create_user(
            username=f"anak{index}", password="x", email=f"a{index}@uji.local", email_verified=True
        )
        extra.person = home["child0"] if index == 0 else None
        extra.save()
    with django_assert_num_queries(4):
        reminders_due()
