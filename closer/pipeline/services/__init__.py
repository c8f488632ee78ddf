"""Writes. Each service is one transaction; views and CLI commands call exactly one of them.

recording   opportunities, interviews, closes, answers and referrals as they happen
planning    the stored plan kept in line with the planner (the one place it is written)
actions     done, skip, snooze, being in touch, a move on the board
edits       correcting opportunities, companies, interviews and referral leads
contacts    correcting, merging and deleting people
changes     the history of changes, and Undo
drafts      corrections reaching notes not yet sent
"""

from closer.pipeline.services.actions import (
    action_complete,
    action_skip,
    action_snooze,
    action_summary,
    contact_in_touch,
    opportunity_move,
)
from closer.pipeline.services.changes import (
    UNDO_WINDOW,
    UndoError,
    can_undo,
    change_record,
    change_undo,
    changes_prune,
    undo_as,
    undoer,
)
from closer.pipeline.services.contacts import (
    ContactEdit,
    contact_delete,
    contact_merge,
    contact_update,
)
from closer.pipeline.services.drafts import Rewrite, drafts_rewriter
from closer.pipeline.services.edits import (
    EditError,
    OpportunityEdit,
    ReferralEdit,
    company_rename,
    interview_cancel,
    interview_delete,
    interview_update,
    opportunity_delete,
    opportunity_merge,
    opportunity_update,
    referral_delete,
    referral_update,
)
from closer.pipeline.services.planning import plan_refresh, plan_refresh_open, settings_apply
from closer.pipeline.services.recording import (
    CloseInput,
    OpportunityDetails,
    PersonInput,
    ReferralInput,
    answer_record,
    close_log,
    close_log_new,
    company_get_or_create,
    interview_create,
    opportunity_create,
    opportunity_open_for,
)

__all__ = [
    "UNDO_WINDOW",
    "CloseInput",
    "ContactEdit",
    "EditError",
    "OpportunityDetails",
    "OpportunityEdit",
    "PersonInput",
    "ReferralEdit",
    "ReferralInput",
    "Rewrite",
    "UndoError",
    "action_complete",
    "action_skip",
    "action_snooze",
    "action_summary",
    "answer_record",
    "can_undo",
    "change_record",
    "change_undo",
    "changes_prune",
    "close_log",
    "close_log_new",
    "company_get_or_create",
    "company_rename",
    "contact_delete",
    "contact_in_touch",
    "contact_merge",
    "contact_update",
    "drafts_rewriter",
    "interview_cancel",
    "interview_create",
    "interview_delete",
    "interview_update",
    "opportunity_create",
    "opportunity_delete",
    "opportunity_merge",
    "opportunity_move",
    "opportunity_open_for",
    "opportunity_update",
    "plan_refresh",
    "plan_refresh_open",
    "referral_delete",
    "referral_update",
    "settings_apply",
    "undo_as",
    "undoer",
]
