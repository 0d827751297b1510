"""Sign-up, email verification, login by NIK or email, logout, password reset."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.forms import LoginForm, SignupForm
from accounts.services import citizen_signup, email_verify, verification_email_send
from dukcapil.clients import client_address

if TYPE_CHECKING:
    from django.contrib.auth.forms import PasswordResetForm


def _signup_throttled(request: HttpRequest) -> bool:
    """True once an address made more sign-up attempts this hour than allowed.

    Each attempt tries one NIK + nomor KK + birth date combination against the register;
    the limit keeps the form from being used to probe it.
    """
    limit = settings.SIGNUP_ATTEMPTS_PER_HOUR
    key = f"accounts:signup-attempts:{client_address(request)}"
    cache.add(key, 0, timeout=3600)
    try:
        attempts = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=3600)
        attempts = 1
    return attempts > limit


def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("requests_app:my_family")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and _signup_throttled(request):
        form = SignupForm()  # the register is not consulted at all while throttled
        messages.error(request, _("Terlalu banyak percobaan pendaftaran dari perangkat ini. Coba lagi dalam satu jam."))
    elif request.method == "POST" and form.is_valid():
        try:
            citizen_signup(
                person=form.person,
                email=form.cleaned_data["email"],
                phone=form.cleaned_data["phone"],
                password=form.cleaned_data["password1"],
            )
        except ValidationError as exc:  # an overlapping sign-up got there first
            form.add_error(None, exc)
        else:
            return redirect("accounts:signup_done")
    return render(request, "accounts/signup.html", {"form": form})


def signup_done(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/signup_done.html")


def verify_email(request: HttpRequest, token: str) -> HttpResponse:
    user = email_verify(token=token)
    if user is None:
        return render(request, "accounts/verify_failed.html", status=400)
    messages.success(request, _("Email Anda terverifikasi. Silakan masuk."))
    return redirect("requests_app:my_family" if request.user.is_authenticated else "accounts:login")


@login_required
def verify_pending(request: HttpRequest) -> HttpResponse:
    if request.user.email_verified:
        return redirect("requests_app:my_family")
    return render(request, "accounts/verify_pending.html")


@login_required
@require_POST
def verify_resend(request: HttpRequest) -> HttpResponse:
    if not request.user.email_verified and request.user.email:
        verification_email_send(user=request.user)
    messages.info(request, _("Tautan verifikasi sudah dikirim ulang ke email Anda."))
    return redirect("accounts:verify_pending")


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    next_page = "/"


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "registration/password_reset_form.html"
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def get_form(self, form_class: type[PasswordResetForm] | None = None) -> PasswordResetForm:
        form = super().get_form(form_class)
        form.fields["email"].label = _("Email akun Anda")
        return form

    def form_valid(self, form: PasswordResetForm) -> HttpResponse:
        # Links in the email point at the public host, not whatever Host header came in.
        self.extra_email_context = {"public_base_url": settings.PUBLIC_BASE_URL.rstrip("/")}
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "registration/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")
