"""The board's per-item pieces that never change between items, drawn once per process.

{% load board %}
{{ opportunity.status|move_options }}   the <option>s of the "Move to" box, this one selected
"""

from __future__ import annotations

from functools import cache

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import SafeString
from django.utils.text import capfirst

from closer.pipeline.models import STATUS_CHOICES

register = template.Library()


@register.filter
@cache
def move_options(current: str) -> SafeString:
    # A board draws a hundred opportunities, each with all eight statuses: written once per status
    # instead of eight template nodes per item.
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        (
            (value, " selected" if value == current else "", capfirst(label))
            for value, label in STATUS_CHOICES
        ),
    )
