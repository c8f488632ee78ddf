"""Which tables hold one person's data, and in what order they can be written.

Generic: every model with a foreign key called `owner` (or `user`, for the one-per-user
rows such as the settings) to the user model is one table, so a new app's tables are
exported, imported and deleted without touching this package. A model that sets
`EXPORTED = False` stays on its install (the log Undo reads, which holds ids of this
database and what was deleted); deleting the account still takes it.
"""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.db import models

OWNER_FIELDS = ("owner", "user")


def owner_field(model: type[models.Model]) -> str | None:
    for name in OWNER_FIELDS:
        try:
            field = model._meta.get_field(name)
        except Exception:
            continue
        if field.is_relation and field.related_model is apps.get_model(settings.AUTH_USER_MODEL):
            return name
    return None


def owner_of(model: type[models.Model]) -> str:
    """The owner field of a table that owned_models() lists."""
    name = owner_field(model)
    if name is None:
        raise ValueError(f"{label(model)} is not a table of one person's data.")
    return name


def owned_models() -> list[type[models.Model]]:
    """Every table with rows that belong to one person and travel with them, parents before
    children."""
    found = [
        m
        for m in apps.get_models()
        if m._meta.app_label.split(".")[-1] != "auth"
        and owner_field(m) is not None
        and getattr(m, "EXPORTED", True)
    ]
    return _in_dependency_order(found)


def label(model: type[models.Model]) -> str:
    return model._meta.label_lower


def table_labels() -> list[str]:
    return [label(m) for m in owned_models()]


def one_per_user(model: type[models.Model]) -> bool:
    """A table with one row per person (the settings): an account may have it already."""
    name = owner_field(model)
    return name is not None and bool(model._meta.get_field(name).one_to_one)


def _in_dependency_order(found: list[type[models.Model]]) -> list[type[models.Model]]:
    # Parents first. Where links go round in a loop (opportunity -> referral -> close ->
    # interview -> opportunity), only required links decide, and nullable ones are filled in
    # once everything exists.
    ordered: list[type[models.Model]] = []
    pending = sorted(found, key=label)

    def ready(model: type[models.Model], *, required_only: bool) -> bool:
        needs = {
            f.related_model
            for f in model._meta.concrete_fields
            if f.is_relation and f.related_model in found and not (required_only and f.null)
        }
        return needs <= set(ordered) | {model}

    while pending:
        model = next((m for m in pending if ready(m, required_only=False)), None) or next(
            (m for m in pending if ready(m, required_only=True)), None
        )
        if model is None:
            raise RuntimeError(f"Tables depend on each other in a loop: {pending}")
        ordered.append(model)
        pending.remove(model)
    return ordered


def owned_row_count(user_id: int) -> int:
    """Rows in any table that point at this user, through any link (deleting an account must
    leave none)."""
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    total = 0
    for model in apps.get_models():
        for f in model._meta.concrete_fields:
            if f.is_relation and f.related_model is user_model:
                total += model._default_manager.filter(**{f.attname: user_id}).count()
    return total
