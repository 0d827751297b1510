"""Account writes: sign-up bound to a register entry, email verification."""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.forms import EMAIL_TAKEN, REFUSAL, email_in_use
from accounts.models import User
from registry.models import Person

VERIFY_SALT = "accounts.email-verification"
VERIFY_MAX_AGE = 3 * 24 * 3600


@transaction.atomic
def citizen_signup(*, person: Person, email: str, phone: str, password: str) -> User:
    """Create the account of ``person`` (NIK as username), email not yet verified.

    Raises ``ValidationError`` with the sign-up form's own refusal when ``person`` has an
    account already or ``email`` is taken: the form checked before, but a second request
    (a double tap) may have created the account since.
    """
    person = Person.objects.select_for_update().get(pk=person.pk)
    # Checked again under the lock: the overlapping request that held it has committed now.
    if User.objects.filter(person=person).exists():
        raise ValidationError(REFUSAL, code="no_match")
    if email_in_use(email):
        raise ValidationError({"email": ValidationError(EMAIL_TAKEN, code="email_taken")})
    user = User(username=person.nik, email=email, phone=phone, person=person, email_verified=False)
    user.set_password(password)
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:
        # Another resident's sign-up with the same email committed after the check above: the
        # lock is on the person, so only the email can collide here.
        raise ValidationError({"email": ValidationError(EMAIL_TAKEN, code="email_taken")}) from None
    transaction.on_commit(lambda: verification_email_send(user=user))
    return user


def verification_token(user: User) -> str:
    return signing.dumps({"u": user.pk, "e": user.email}, salt=VERIFY_SALT)


def verification_email_send(*, user: User) -> None:
    link = settings.PUBLIC_BASE_URL.rstrip("/") + reverse("accounts:verify_email", args=[verification_token(user)])
    body = "\n".join(
        [
            _("Terima kasih telah mendaftar di Dukcapil Online."),
            _("Buka tautan ini untuk memverifikasi email Anda (berlaku 3 hari):"),
            link,
            "",
            _("Bila Anda tidak mendaftar, abaikan email ini."),
        ]
    )
    send_mail(_("[Dukcapil Online] Verifikasi email"), body, settings.DEFAULT_FROM_EMAIL, [user.email])


def email_verify(*, token: str) -> User | None:
    """Mark the email verified when ``token`` is genuine, fresh and still names the email."""
    try:
        data = signing.loads(token, salt=VERIFY_SALT, max_age=VERIFY_MAX_AGE)
    except signing.BadSignature:
        return None
    user = User.objects.filter(pk=data.get("u"), email=data.get("e"), is_active=True).first()
    if user is None:
        return None
    if not user.email_verified:
        user.email_verified = True
        user.save(update_fields=["email_verified"])
    return user
