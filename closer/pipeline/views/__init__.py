"""The web pages, one module per area; urls.py reaches them all through this package."""

from closer.pipeline.views.actions import (
    action_done,
    action_skip,
    action_snooze,
    opportunity_move,
)
from closer.pipeline.views.changes import change_list, change_undo
from closer.pipeline.views.close import close_log, timing_reading
from closer.pipeline.views.edit import (
    company_rename,
    interview_cancel,
    interview_delete,
    interview_edit,
    opportunity_delete,
    opportunity_edit,
    opportunity_merge,
    referral_delete,
    referral_edit,
)
from closer.pipeline.views.pages import (
    answer_record,
    card,
    interview_new,
    opportunity_detail,
    opportunity_list,
    opportunity_new,
    today,
)
from closer.pipeline.views.people import (
    contact_delete,
    contact_edit,
    contact_list,
    contact_log,
    contact_merge,
    contact_new,
)
from closer.pipeline.views.settings import settings_page

__all__ = [
    "action_done",
    "action_skip",
    "action_snooze",
    "answer_record",
    "card",
    "change_list",
    "change_undo",
    "close_log",
    "company_rename",
    "contact_delete",
    "contact_edit",
    "contact_list",
    "contact_log",
    "contact_merge",
    "contact_new",
    "interview_cancel",
    "interview_delete",
    "interview_edit",
    "interview_new",
    "opportunity_delete",
    "opportunity_detail",
    "opportunity_edit",
    "opportunity_list",
    "opportunity_merge",
    "opportunity_move",
    "opportunity_new",
    "referral_delete",
    "referral_edit",
    "settings_page",
    "timing_reading",
    "today",
]
