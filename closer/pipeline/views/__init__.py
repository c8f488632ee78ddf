"""The web pages, one module per area; urls.py reaches them all through this package."""

from closer.pipeline.views.actions import (
    action_done,
    action_skip,
    action_snooze,
    opportunity_move,
)
from closer.pipeline.views.close import close_log, timing_reading
from closer.pipeline.views.pages import (
    answer_record,
    card,
    interview_new,
    opportunity_detail,
    opportunity_list,
    opportunity_new,
    today,
)
from closer.pipeline.views.people import contact_list, contact_log
from closer.pipeline.views.settings import settings_page

__all__ = [
    "action_done",
    "action_skip",
    "action_snooze",
    "answer_record",
    "card",
    "close_log",
    "contact_list",
    "contact_log",
    "interview_new",
    "opportunity_detail",
    "opportunity_list",
    "opportunity_move",
    "opportunity_new",
    "settings_page",
    "timing_reading",
    "today",
]
