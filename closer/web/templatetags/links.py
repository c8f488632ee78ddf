"""Links reversed once per process rather than on every request (see closer.web.links).

{% load links %}
{% page_url "pipeline:today" %}     as {% url "pipeline:today" %}, for pages without arguments
{{ opportunity.pk|pk_url:"pipeline:opportunity_move" }}   {% url %} for a route taking one id
"""

from __future__ import annotations

from django import template

from closer.web import links

register = template.Library()
register.simple_tag(links.page_url, name="page_url")


@register.filter
def pk_url(pk: int, name: str) -> str:
    # Two links per card, a hundred cards on the board.
    return links.url_with_pk(name, pk)


@register.filter
def undo_url(message: object) -> str:
    """The Undo link a message offers: its tags carry `undo-<change id>` (see
    pipeline.views.changes.undo_message); "" for a message without one."""
    for tag in str(getattr(message, "extra_tags", "") or "").split():
        if tag.startswith("undo-") and tag[5:].isdigit():
            return links.url_with_pk("pipeline:change_undo", int(tag[5:]))
    return ""
