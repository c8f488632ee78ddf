from __future__ import annotations

from django import forms


class InviteForm(forms.Form):
    email = forms.EmailField(label="Your coach's email")

    def clean_email(self) -> str:
        email: str = self.cleaned_data["email"]
        return email.strip().lower()


class CommentForm(forms.Form):
    body = forms.CharField(
        label="Comment", widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )
