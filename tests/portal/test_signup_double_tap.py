"""Two overlapping sign-ups (a double tap): both forms pass, the second write gets the refusal."""

from __future__ import annotations

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.urls import reverse

import accounts.views
from accounts.forms import EMAIL_TAKEN, REFUSAL, SignupForm
from accounts.models import User
from accounts.services import citizen_signup
from tests.factories import household
from tests.portal.test_accounts import signup_data

# Real transactions, so the second write meets the database as it would in production
# (serialized_rollback: the migrations' regions and services are back for later tests).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def valid_form(person, **overrides) -> SignupForm:
    form = SignupForm(signup_data(person, **overrides))
    assert form.is_valid(), form.errors
    return form


def signup_with(form: SignupForm) -> User:
    data = form.cleaned_data
    return citizen_signup(person=form.person, email=data["email"], phone=data["phone"], password=data["password1"])


def test_second_of_two_overlapping_signups_gets_the_forms_refusal():
    resident = household(children=0)["head"]
    first, second = valid_form(resident), valid_form(resident)  # both validated before either write
    signup_with(first)
    with pytest.raises(ValidationError) as refused:
        signup_with(second)
    assert refused.value.messages == [str(REFUSAL)]
    assert User.objects.filter(person=resident).count() == 1


def test_email_taken_in_between_gets_the_forms_email_refusal():
    family = household(children=0)
    head, wife = family["head"], family["wife"]
    first, second = valid_form(head), valid_form(wife)  # the same email, typed by both
    signup_with(first)
    with pytest.raises(ValidationError) as refused:
        signup_with(second)
    assert refused.value.message_dict == {"email": [str(EMAIL_TAKEN)]}
    assert not User.objects.filter(person=wife).exists()


def test_double_tap_through_the_view_shows_the_refusal(client, monkeypatch):
    """The first tap's request commits between the second's validation and its write."""
    resident = household(children=0)["head"]
    real_signup = accounts.views.citizen_signup

    def first_tap_commits_meanwhile(**kwargs) -> User:
        real_signup(**kwargs)
        return real_signup(**kwargs)

    monkeypatch.setattr(accounts.views, "citizen_signup", first_tap_commits_meanwhile)
    response = client.post(reverse("accounts:signup"), signup_data(resident))
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [str(REFUSAL)]
    assert User.objects.filter(person=resident).count() == 1


@pytest.mark.postgres
def test_two_residents_signing_up_with_one_email_at_once_get_the_email_refusal():
    """The second insert waits on the first's unique email and fails when it commits (PostgreSQL)."""
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL")
    family = household(children=0)
    first, second = valid_form(family["head"]), valid_form(family["wife"])
    inserted, release = threading.Event(), threading.Event()
    outcome: dict[str, object] = {}

    def first_signup_holds_its_transaction() -> None:
        try:
            with transaction.atomic():
                signup_with(first)
                inserted.set()
                release.wait(timeout=30)
        finally:
            connection.close()

    def second_signup() -> None:
        try:
            inserted.wait(timeout=30)
            signup_with(second)
            outcome["result"] = "ok"
        except ValidationError as exc:
            outcome["result"] = exc.message_dict
        except Exception as exc:  # noqa: BLE001 - reported in the assertion
            outcome["result"] = repr(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=first_signup_holds_its_transaction), threading.Thread(target=second_signup)]
    for thread in threads:
        thread.start()
    inserted.wait(timeout=30)
    time.sleep(0.5)  # the second sign-up reaches its insert and waits on the first's email
    release.set()
    for thread in threads:
        thread.join(timeout=60)
    assert outcome["result"] == {"email": [str(EMAIL_TAKEN)]}
    assert User.objects.filter(email=first.cleaned_data["email"]).count() == 1
