"""Who may see whose data: the one way a view reaches a stored object. The owner's own, read-
only for a coach the owner has invited, and 404 for anyone else. Every app's access helpers
(`get_<thing>_for_user`) are built on `get_for_user`, and every object view calls one of them
on its first line; nobody writes a raw `Model.objects.get(pk=...)` in a view.

A coach with consent may read (GET, HEAD) and gets 403 on anything that would change the
object; a stranger, or a coach whose access was revoked, cannot even learn that the object
exists (404)."""

from __future__ import annotations

from typing import TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404

from closer.accounts.selectors import is_coach_of
from closer.web.http import AuthedRequest

M = TypeVar("M", bound=Model)

SAFE_METHODS = frozenset({"GET", "HEAD"})
READ_ONLY = "A coach can read a client's pipeline but not change it."


def get_for_user(request: AuthedRequest, queryset: QuerySet[M], pk: int) -> M:
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise Http404("No such object.")
    # Every queryset passed here is of a model with an `owner` foreign key; a TypeVar bound
    # to Model cannot say so (django-stubs has no type for "a model with this field").
    owner_id = found.owner_id  # type: ignore[attr-defined]
    if owner_id == request.user.pk:
        _share_owner(found, request.user)
        return found
    if is_coach_of(request.user, owner_id):
        if request.method not in SAFE_METHODS:
            raise PermissionDenied(READ_ONLY)
        # Templates hide write buttons when this is set; the 403 above is the real guard.
        request.read_only = True
        return found
    raise Http404("No such object.")


def _share_owner(found: Model, owner: Model, seen: set[int] | None = None) -> None:
    """Hand the request's user (loaded once, settings cached on it) to the row and to the rows
    joined to it, so that reading `.owner` later costs no query. A one-to-one link is cached
    both ways (a close and its interview), hence `seen`."""
    seen = set() if seen is None else seen
    seen.add(id(found))
    # As above: the row has an `owner` foreign key, which Model itself does not declare.
    found.owner = owner  # type: ignore[attr-defined]
    for related in list(found._state.fields_cache.values()):
        if (
            isinstance(related, Model)
            and id(related) not in seen
            and getattr(related, "owner_id", None) == owner.pk
        ):
            _share_owner(related, owner, seen)
