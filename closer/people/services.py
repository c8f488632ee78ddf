from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser

from closer.people.models import Contact


def contact_upsert(
    *, owner: AbstractBaseUser, name: str, email: str = "", organisation: str = ""
) -> Contact:
    """The owner's contact with this email (or, without an email, this exact name), else a new
    one. Reusing contacts keeps one person one row, so allies and reconnects stay joined up."""
    name, email = name.strip(), email.strip()
    found = None
    if email:
        found = Contact.objects.filter(owner=owner, email__iexact=email).first()
    elif name:
        found = Contact.objects.filter(owner=owner, name=name, email="").first()
    if found:
        if name and found.name != name:
            found.name = name
            found.save(update_fields=["name"])
        return found
    return Contact.objects.create(
        owner=owner, name=name or email, email=email, organisation=organisation
    )
