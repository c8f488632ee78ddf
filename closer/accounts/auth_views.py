"""Hosted accounts: sign up, log in and out, password reset and change, email change, and
deleting the account. Local mode has one implicit user and never shows these pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.views.decorators.http import require_http_methods, require_safe

from closer.accounts import services
from closer.accounts.auth_forms import (
    DeleteAccountForm,
    EmailChangeForm,
    LoginForm,
    PasswordResetForm,
    SignupForm,
)
from closer.accounts.links import absolute_url
from closer.web.http import AuthedRequest, redirect_back


def _hosted() -> bool:
    return settings.CLOSER_MODE == "hosted"


def _form_page(request: HttpRequest, form: forms.Form, **context: Any) -> HttpResponse:
    return render(request, "accounts/form.html", {"form": form, **context})


class LoginView(auth.LoginView):
    form_class = LoginForm
    template_name = "accounts/form.html"
    redirect_authenticated_user = True
    extra_context = {"title": "Log in", "button": "Log in", "login_page": True}


class LogoutView(auth.LogoutView):
    pass


class PasswordResetView(auth.PasswordResetView):
    form_class = PasswordResetForm
    template_name = "accounts/form.html"
    success_url = reverse_lazy("accounts:password_reset_done")
    extra_context = {
        "title": "Reset your password",
        "intro": "Give the email you signed up with; we send a link to choose a new password.",
        "button": "Send the link",
    }

    def form_valid(self, form: auth_forms.PasswordResetForm) -> HttpResponse:
        self.extra_email_context = {"base_url": absolute_url(self.request, "/").rstrip("/")}
        return super().form_valid(form)


class PasswordResetDoneView(auth.PasswordResetDoneView):
    template_name = "accounts/message.html"
    extra_context = {
        "title": "Check your email",
        "text": "If an account uses that address, a link to choose a new password is on its "
        "way. It works once, for a day.",
    }


class PasswordResetConfirmView(auth.PasswordResetConfirmView):
    template_name = "accounts/form.html"
    success_url = reverse_lazy("accounts:password_reset_complete")
    extra_context = {"title": "Choose a new password", "button": "Save the new password"}


class PasswordResetCompleteView(auth.PasswordResetCompleteView):
    template_name = "accounts/message.html"
    extra_context = {"title": "Password saved", "text": "Log in with your new password."}


class PasswordChangeView(auth.PasswordChangeView):
    """Changing the password keeps this session and ends every other one: each session stores
    a hash of the password it was opened with, and Django rejects sessions whose hash no
    longer matches."""

    template_name = "accounts/form.html"
    success_url = reverse_lazy("accounts:account")
    extra_context = {
        "title": "Change your password",
        "intro": "You stay logged in here; everywhere else you are logged out.",
        "button": "Change the password",
    }

    def form_valid(self, form: auth_forms.PasswordChangeForm) -> HttpResponse:
        response = super().form_valid(form)
        messages.success(self.request, "Password changed. Other devices are logged out.")
        return response


@require_http_methods(["GET", "HEAD", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("pipeline:today")
    token = request.POST.get("invite") or request.GET.get("invite") or ""
    invite_only = settings.CLOSER_SIGNUP == "invite"
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        try:
            signed_up = services.user_signup(
                email=email,
                password=form.cleaned_data["password"],
                base_url=absolute_url(request, "/"),
                token=token,
            )
        except services.InvitationError as exc:
            form.add_error(None, str(exc))
        else:
            if signed_up.user is None:
                text = (
                    f"We sent an email to {email}. Open the link in it to start using Closer "
                    "(it works for three days)."
                )
                return render(
                    request, "accounts/message.html", {"title": "Check your email", "text": text}
                )
            login(request, signed_up.user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, "Welcome to Closer. Add your first opportunity.")
            return redirect_back(request, reverse("pipeline:today"))
    return _form_page(
        request,
        form,
        title="Sign up",
        intro="Sign-up is by invitation: use the link from your email."
        if invite_only and not token
        else "",
        button="Create my account",
        hidden={"invite": token, "next": request.GET.get("next", "")},
    )


@require_http_methods(["GET", "HEAD", "POST"])
def signup_confirm(request: HttpRequest, token: str) -> HttpResponse:
    # A GET only shows the button: mail scanners that follow links must not change anything.
    if request.method == "POST":
        try:
            user = services.signup_confirm(token=token)
        except services.InvitationError as exc:
            messages.error(request, str(exc))
            return redirect("accounts:signup")
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, "Your address is confirmed. Welcome to Closer.")
        return redirect("pipeline:today")
    return render(
        request,
        "accounts/message.html",
        {"title": "Confirm your address", "text": "", "confirm_button": "Start using Closer"},
    )


@login_required
@require_safe
def account(request: AuthedRequest) -> HttpResponse:
    return render(request, "accounts/account.html", {"hosted": _hosted()})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def email_change(request: AuthedRequest) -> HttpResponse:
    form = EmailChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        new = form.cleaned_data["email"]
        sending = services.email_change_request(
            user=request.user, new_email=new, base_url=absolute_url(request, "/")
        )
        if sending.failed:
            messages.error(request, f"The link could not be sent: {sending.error} Try again.")
        else:
            messages.success(
                request, f"We sent a link to {new}. Your email changes once you open it."
            )
        return redirect("accounts:account")
    return _form_page(request, form, title="Change your email", button="Send the link")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def email_change_confirm(request: AuthedRequest, token: str) -> HttpResponse:
    # A GET only shows the button: mail scanners that follow links must not change anything.
    if request.method == "POST":
        try:
            new = services.email_change_confirm(user=request.user, token=token)
        except services.InvitationError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"Your email is now {new}.")
        return redirect("accounts:account")
    return render(
        request,
        "accounts/message.html",
        {"title": "Confirm your new email", "text": "", "confirm_button": "Use the new email"},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def account_delete(request: AuthedRequest) -> HttpResponse:
    form = DeleteAccountForm(request.user, request.POST or None, needs_password=_hosted())
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        services.account_delete(user=user)
        if not _hosted():
            return redirect("pipeline:today")
        return render(
            request,
            "accounts/message.html",
            {"title": "Account deleted", "text": "Everything you stored in Closer is gone."},
        )
    return _form_page(
        request,
        form,
        title="Delete my account",
        intro="Export your data first if you want to keep it.",
        button="Delete my account and all my data",
        danger=True,
    )
