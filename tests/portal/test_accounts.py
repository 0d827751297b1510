"""Sign-up against the register, email verification, login by NIK or email, reset, lockout."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from accounts.forms import REFUSAL
from accounts.models import User
from tests.factories import household

pytestmark = pytest.mark.django_db
PASSWORD = "Gorontalo-Aman-2026"


@pytest.fixture
def resident(db):
    return household(children=0)["head"]


def signup_data(person, **overrides):
    data = {
        "nik": person.nik,
        "nomor_kk": person.family.nomor_kk,
        "birth_date": person.birth_date.isoformat(),
        "email": "warga.baru@contoh.id",
        "phone": "081234567890",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    data.update(overrides)
    return data


def test_signup_binds_to_person_and_sends_verification(client, resident, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:signup"), signup_data(resident))
    assert response["Location"] == reverse("accounts:signup_done")
    user = User.objects.get(person=resident)
    assert user.username == resident.nik and not user.email_verified and user.phone == "081234567890"
    link = re.search(r"https?://\S+/akun/verifikasi/\S+/", mail.outbox[0].body).group(0)
    path = "/" + link.split("/", 3)[3]
    response = client.get(path)
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.email_verified


def test_tampered_verification_link_refused(client, resident, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:signup"), signup_data(resident))
    assert client.get("/akun/verifikasi/bukan-token/").status_code == 400
    assert not User.objects.get(person=resident).email_verified


@pytest.mark.parametrize(
    "mismatch",
    [
        {"nik": "7571011501850999"},
        {"nomor_kk": "7571011003150999"},
        {"birth_date": "1981-01-20"},
    ],
)
def test_one_refusal_whatever_did_not_match(client, resident, mismatch):
    response = client.post(reverse("accounts:signup"), signup_data(resident, **mismatch))
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [str(REFUSAL)]
    assert not User.objects.exists()


def test_existing_account_gets_the_same_refusal(client, resident):
    User.objects.create_user(username="lama", password="x", person=resident)
    response = client.post(reverse("accounts:signup"), signup_data(resident))
    assert response.context["form"].non_field_errors() == [str(REFUSAL)]


def test_deceased_person_cannot_sign_up(client, resident):
    resident.status = "MENINGGAL"
    resident.death_date = "2025-01-01"
    resident.save()
    response = client.post(reverse("accounts:signup"), signup_data(resident))
    assert response.context["form"].non_field_errors() == [str(REFUSAL)]


def test_signup_field_validation(client, resident):
    data = signup_data(resident, phone="12345", password2="lain", email="bukan-email")
    form = client.post(reverse("accounts:signup"), data).context["form"]
    assert set(form.errors) >= {"phone", "email", "password2"}


def test_signup_tells_an_email_is_taken_only_to_a_matched_resident(client, resident, actors):
    taken = actors["citizen"].email.upper()
    stranger = client.post(reverse("accounts:signup"), signup_data(resident, nik="7571011501850999", email=taken))
    form = stranger.context["form"]
    assert "email" not in form.errors and "Data tidak dapat dicocokkan" in str(form.non_field_errors())
    matched = client.post(reverse("accounts:signup"), signup_data(resident, email=taken))
    assert "sudah dipakai" in str(matched.context["form"].errors["email"])
    assert not User.objects.filter(person=resident).exists()


def test_weak_password_refused(client, resident):
    data = signup_data(resident, password1="12345678", password2="12345678")
    assert "password1" in client.post(reverse("accounts:signup"), data).context["form"].errors


@pytest.mark.parametrize("identifier", ["nik", "email"])
def test_login_by_nik_or_email(client, actors, identifier):
    citizen = actors["citizen"]
    username = citizen.person.nik if identifier == "nik" else citizen.email
    response = client.post(reverse("accounts:login"), {"username": username, "password": "rahasia-uji-123"})
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == citizen.pk


def test_lockout_after_repeated_failures(client, actors, settings):
    nik = actors["citizen"].person.nik
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("accounts:login"), {"username": nik, "password": "salah"})
    response = client.post(reverse("accounts:login"), {"username": nik, "password": "rahasia-uji-123"})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_lockout_counts_the_account_however_it_is_named(client, actors, settings):
    """Case variants of the username and email, and the NIK, all spend the same five tries."""
    citizen = actors["citizen"]
    names = ["warga1", "WARGA1", "Warga1", citizen.email.upper(), citizen.person.nik, " wArGa1 "]
    login = reverse("accounts:login")
    for name in names[: settings.AXES_FAILURE_LIMIT - 1]:
        assert client.post(login, {"username": name, "password": "salah"}).status_code == 200
    assert client.post(login, {"username": names[-2], "password": "salah"}).status_code == 429  # the last try
    response = client.post(login, {"username": names[-1], "password": "rahasia-uji-123"})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_lockout_of_unknown_names_ignores_letter_case(client, db, settings):
    login = reverse("accounts:login")
    for index in range(settings.AXES_FAILURE_LIMIT):
        client.post(login, {"username": "tidak.ada" if index % 2 else "TIDAK.ADA", "password": "salah"})
    assert client.post(login, {"username": "Tidak.Ada", "password": "salah"}).status_code == 429


def test_lockout_behind_the_proxy_is_per_client(client, actors, settings):
    """In production every request comes from the proxy: the client is the hop it adds, so one
    client's failures do not lock the account for everyone else."""
    settings.PRODUCTION = True
    login = reverse("accounts:login")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(login, {"username": "warga1", "password": "salah"}, HTTP_X_FORWARDED_FOR="203.0.113.7")
    locked = client.post(
        login, {"username": "warga1", "password": "rahasia-uji-123"}, HTTP_X_FORWARDED_FOR="203.0.113.7"
    )
    assert locked.status_code == 429
    other = client.post(
        login, {"username": "warga1", "password": "rahasia-uji-123"}, HTTP_X_FORWARDED_FOR="198.51.100.2"
    )
    assert other.status_code == 302


def test_password_reset_by_email(client, actors):
    citizen = actors["citizen"]
    client.post(reverse("accounts:password_reset"), {"email": citizen.email})
    assert len(mail.outbox) == 1
    path = re.search(r"/akun/sandi/atur/\S+/", mail.outbox[0].body).group(0)
    response = client.get(path, follow=True)
    new = "Kata-Sandi-Baru-2026"
    client.post(response.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    citizen.refresh_from_db()
    assert citizen.check_password(new)


def test_logout(client, actors):
    client.force_login(actors["citizen"])
    client.post(reverse("accounts:logout"))
    assert "_auth_user_id" not in client.session


def test_signup_attempts_are_throttled(client, resident, settings):
    settings.SIGNUP_ATTEMPTS_PER_HOUR = 3
    for _ in range(3):
        client.post(reverse("accounts:signup"), signup_data(resident, nik="7571011501850999"))
    response = client.post(reverse("accounts:signup"), signup_data(resident))
    assert "Terlalu banyak percobaan pendaftaran" in response.content.decode()
    assert not User.objects.exists()


def test_signup_throttle_behind_the_proxy_is_per_client(client, resident, settings):
    settings.SIGNUP_ATTEMPTS_PER_HOUR = 2
    settings.PRODUCTION = True
    for _ in range(3):
        client.post(
            reverse("accounts:signup"),
            signup_data(resident, nik="7571011501850999"),
            HTTP_X_FORWARDED_FOR="203.0.113.7",
        )
    response = client.post(reverse("accounts:signup"), signup_data(resident), HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert "Terlalu banyak percobaan pendaftaran" not in response.content.decode()
    assert User.objects.exists()


def test_verify_pending_and_resend(client, actors):
    assert client.get(reverse("accounts:verify_pending"))["Location"].startswith("/akun/masuk/")
    citizen = actors["citizen"]
    citizen.email_verified = False
    citizen.save(update_fields=["email_verified"])
    client.force_login(citizen)
    assert client.get(reverse("accounts:verify_pending")).status_code == 200
    client.post(reverse("accounts:verify_resend"))
    assert len(mail.outbox) == 1 and "/akun/verifikasi/" in mail.outbox[0].body
    path = re.search(r"/akun/verifikasi/\S+/", mail.outbox[0].body).group(0)
    client.get(path)
    citizen.refresh_from_db()
    assert citizen.email_verified
    assert client.get(reverse("accounts:verify_pending"))["Location"] == "/keluarga-saya/"


def test_verification_link_dies_when_email_changes(client, actors):
    from accounts.services import verification_token

    citizen = actors["citizen"]
    citizen.email_verified = False
    token = verification_token(citizen)
    citizen.email = "baru@uji.local"
    citizen.save(update_fields=["email", "email_verified"])
    assert client.get(f"/akun/verifikasi/{token}/").status_code == 400
    citizen.refresh_from_db()
    assert not citizen.email_verified


def test_password_reset_for_unknown_email_sends_nothing_and_says_the_same(client, db):
    response = client.post(reverse("accounts:password_reset"), {"email": "tidak.ada@uji.local"}, follow=True)
    assert mail.outbox == []
    assert "Bila email itu terdaftar" in response.content.decode()


def test_signed_in_user_is_sent_from_signup_to_family(client, actors):
    client.force_login(actors["citizen"])
    assert client.get(reverse("accounts:signup"))["Location"] == "/keluarga-saya/"
