"""The web pages, one module per area; urls.py reaches them all through this package."""

from closer.pipeline.views.actions import (
    action_done,
    action_note_links,
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

__all__ = [
    "action_done",
    "action_note_links",
    "action_skip",
    "action_snooze",
    "answer_record",
    "card",
    "close_log",
    "interview_new",
    "opportunity_detail",
    "opportunity_list",
    "opportunity_move",
    "opportunity_new",
    "timing_reading",
    "today",
]
