"""Sign-up against the register, and the login form (NIK or email)."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from registry.choices import LifeStatus
from registry.models import Person

# One message whatever did not match (NIK, nomor KK, birth date, or an existing account),
# so the form tells an outsider nothing about the register.
REFUSAL = gettext_lazy(
    "Data tidak dapat dicocokkan dengan register kependudukan. Periksa NIK, nomor KK dan tanggal lahir "
    "seperti tertulis di KK Anda. Bila sudah pernah mendaftar, silakan masuk atau atur ulang kata sandi."
)
EMAIL_TAKEN = gettext_lazy("Email ini sudah dipakai akun lain.")


def _helper() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    return helper


def email_in_use(email: str) -> bool:
    """Whether an account has ``email`` already (in any letter case)."""
    return User.objects.filter(email__iexact=email).exists()


class SignupForm(forms.Form):
    nik = forms.CharField(
        label="NIK",
        min_length=16,
        max_length=16,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    nomor_kk = forms.CharField(
        label=gettext_lazy("Nomor KK"),
        min_length=16,
        max_length=16,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    birth_date = forms.DateField(
        label=gettext_lazy("Tanggal lahir"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    email = forms.EmailField(label=gettext_lazy("Email"), widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    phone = forms.RegexField(
        label=gettext_lazy("Nomor HP"),
        regex=r"^(\+62|0)8[0-9]{7,12}$",
        error_messages={"invalid": gettext_lazy("Tulis nomor HP seperti 081234567890.")},
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    password1 = forms.CharField(
        label=gettext_lazy("Kata sandi"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=gettext_lazy("Ulangi kata sandi"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.person: Person | None = None
        self.helper = _helper()

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()

    def clean(self) -> dict:
        data = super().clean()
        nik, kk, birth = data.get("nik"), data.get("nomor_kk"), data.get("birth_date")
        if nik and kk and birth:
            person = (
                Person.objects.filter(
                    nik=nik.strip(),
                    family__nomor_kk=kk.strip(),
                    family__is_active=True,
                    birth_date=birth,
                    status=LifeStatus.ALIVE,
                    account__isnull=True,
                )
                .select_related("family")
                .first()
            )
            if person is None:
                raise ValidationError(REFUSAL, code="no_match")
            self.person = person
            # Told only to someone who knows a resident's NIK, KK and birth date: the form is
            # no oracle for which addresses have an account.
            email = data.get("email")
            if email and email_in_use(email):
                self.add_error("email", EMAIL_TAKEN)
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("Kedua kata sandi tidak sama."))
        elif p1 and self.person is not None:
            candidate = User(username=self.person.nik, email=data.get("email", ""))
            try:
                password_validation.validate_password(p1, candidate)
            except ValidationError as exc:
                self.add_error("password1", exc)
        return data


class LoginForm(AuthenticationForm):
    username = forms.CharField(
        label=gettext_lazy("NIK atau email"),
        max_length=254,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )

    error_messages = {
        "invalid_login": gettext_lazy("NIK/email atau kata sandi salah."),
        "inactive": gettext_lazy("Akun ini tidak aktif."),
    }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class ResendVerificationForm(forms.Form):
    pass
