"""Writes to contacts: one row per person the user knows, reused wherever they appear."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.contrib.auth.models import User

from closer.people.models import Contact


class ContactError(Exception):
    """A contact that cannot be saved as asked; `other` is the contact in the way, if any."""

    def __init__(self, message: str, other: Contact | None = None) -> None:
        super().__init__(message)
        self.other = other


def contact_upsert(
    *, owner: User, name: str, email: str = "", organisation: str = "", title: str = ""
) -> Contact:
    """The owner's contact with this email (or, without an email, this exact name), else a new
    one. Reusing contacts keeps one person one row, so allies and reconnects stay joined up."""
    name, email, title = name.strip(), email.strip(), title.strip()
    found = None
    if email:
        found = Contact.objects.filter(owner=owner, email__iexact=email).first()
    elif name:
        found = Contact.objects.filter(owner=owner, name=name, email="").first()
    if found:
        changed = []
        if name and found.name != name:
            found.name = name
            changed.append("name")
        if title and not found.title:
            found.title = title
            changed.append("title")
        if changed:
            found.save(update_fields=changed)
        return found
    return Contact.objects.create(
        owner=owner, name=name or email, email=email, organisation=organisation, title=title
    )


def contact_create(
    *,
    owner: User,
    name: str,
    email: str = "",
    organisation: str = "",
    title: str = "",
    remarks: str = "",
) -> Contact:
    """Someone added by hand. One person is one row: an address already on file is refused,
    with the contact it belongs to."""
    name, email = name.strip(), email.strip()
    if not name and not email:
        raise ContactError("Give them a name or an email address.")
    if email:
        other = Contact.objects.filter(owner=owner, email__iexact=email).first()
        if other is not None:
            raise ContactError(f"{other.name} already has the address {email}.", other)
    return Contact.objects.create(
        owner=owner,
        name=name or email,
        email=email,
        organisation=organisation.strip(),
        title=title.strip(),
        remarks=remarks.strip(),
    )


def contact_touch(*, contact: Contact, on: date) -> Contact:
    """Record that the user was in touch with `contact` on `on`, never moving it backwards.
    (pipeline.services.contact_in_touch also re-plans their reconnects.)"""
    if contact.last_contact is None or contact.last_contact < on:
        contact.last_contact = on
        contact.save(update_fields=["last_contact"])
    return contact


def contacts_make_allies(*, owner: User, keys: Iterable[str]) -> int:
    """The plan keeps in touch with these people (their contact ids): they are allies from now
    on, and the contacts page says so."""
    ids = [int(key) for key in keys]
    if not ids:
        return 0
    return Contact.objects.filter(owner=owner, pk__in=ids, is_ally=False).update(is_ally=True)
