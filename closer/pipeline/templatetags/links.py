"""Links for every page's menu, reversed once per process rather than on every request.

{% load links %}
{% page_url "pipeline:today" %}     as {% url "pipeline:today" %}, for pages without arguments
"""

from __future__ import annotations

from django import template

from closer.pipeline import links

register = template.Library()
register.simple_tag(links.page_url, name="page_url")
