"""Forms for hosted accounts: log in (throttled), sign up, change email, delete the account."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.models import User
from django.http import HttpRequest

from closer.accounts import throttle
from closer.mail.messages import make_email, send_on_commit

DELETE_PHRASE = "delete my account"


class LoginForm(AuthenticationForm):
    """Django's login form, with the throttle checked before the password is."""

    def __init__(self, request: HttpRequest | None = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = "Email"

    def clean_username(self) -> str:
        # Accounts are named by their email, which people type in any case.
        username: str = self.cleaned_data.get("username") or ""
        return username.strip().lower()

    def clean(self) -> dict[str, Any]:
        username: str = self.cleaned_data.get("username") or ""
        address = throttle.client_address(self.request) if self.request else ""
        if throttle.is_locked(username, address):
            raise forms.ValidationError(throttle.locked_message(), code="throttled")
        try:
            data = super().clean()
        except forms.ValidationError:
            throttle.record_failure(username, address)
            raise
        throttle.clear(username)
        return data


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's reset form, its email made like every other email of Closer's."""

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        send_on_commit(make_email("accounts/emails/password-reset", context, to=[to_email]))


class SignupForm(forms.Form):
    email = forms.EmailField(label="Email")
    password = forms.CharField(label="Password", widget=forms.PasswordInput, strip=False)

    def clean_email(self) -> str:
        # Whether the address has an account is not said here (see services.user_signup).
        email: str = self.cleaned_data["email"].strip().lower()
        return email

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("password") and data.get("email"):
            probe = get_user_model()(username=data["email"], email=data["email"])
            try:
                password_validation.validate_password(data["password"], probe)
            except forms.ValidationError as exc:
                self.add_error("password", exc)
        return data


class EmailChangeForm(forms.Form):
    email = forms.EmailField(label="New email")
    password = forms.CharField(label="Your password", widget=forms.PasswordInput, strip=False)

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_email(self) -> str:
        email: str = self.cleaned_data["email"].strip().lower()
        taken = get_user_model().objects.filter(username__iexact=email).exclude(pk=self.user.pk)
        if taken.exists():
            raise forms.ValidationError("Another account uses this email.")
        return email

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("That is not your current password.")
        return password


class DeleteAccountForm(forms.Form):
    confirm = forms.CharField(
        label=f"Type “{DELETE_PHRASE}” to confirm",
        help_text="Everything you stored in Closer is deleted at once. It cannot be undone.",
    )
    password = forms.CharField(
        label="Your password", widget=forms.PasswordInput, strip=False, required=False
    )

    def __init__(self, user: User, *args: Any, needs_password: bool, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)
        if not needs_password:
            # Local mode has no password: being at this computer is the authentication.
            del self.fields["password"]

    def clean_confirm(self) -> str:
        typed = " ".join(self.cleaned_data["confirm"].split()).lower()
        if typed != DELETE_PHRASE:
            raise forms.ValidationError(f"Type “{DELETE_PHRASE}” exactly to delete your account.")
        return typed

    def clean_password(self) -> str:
        password: str = self.cleaned_data.get("password") or ""
        if not self.user.check_password(password):
            raise forms.ValidationError("That is not your current password.")
        return password
