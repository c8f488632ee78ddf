"""Reads: the facts a note is drafted from, the note an action shows now, and the outbox."""

from __future__ import annotations

import io
from dataclasses import dataclass, replace
from datetime import date, datetime
from email.generator import BytesGenerator

from django.contrib.auth.models import User
from django.db.models import Q, QuerySet
from django.utils.text import slugify

from closer.accounts.services import settings_for
from closer.core import notes as core
from closer.core.calendar import format_day
from closer.core.records import ActionKind, AnswerKind, CloseAnswer
from closer.outbox.models import Note, NoteTemplate
from closer.outbox.sending import NoteError, build_message, new_message_id, quoted, sender
from closer.people.models import Contact
from closer.pipeline.models import Action, Close, Interview
from closer.pipeline.records import referrer_of


@dataclass(frozen=True)
class NoteView:
    """What a note reads like right now: the saved note, or a fresh draft."""

    action: Action
    note: Note | None
    tone: core.Tone
    recipient: Contact | None
    to: str
    cc: str
    subject: str
    body: str
    noted: str  # what the person noted about the conversation, shown beside the draft
    saved: bool  # the words come from the saved note, not from a fresh draft

    @property
    def mailto(self) -> str:
        return core.mailto(
            core.addresses(self.to),
            cc=core.addresses(self.cc),
            subject=self.subject,
            body=self.body,
        )

    @property
    def editable(self) -> bool:
        return self.note is None or self.note.editable


def note_view(action: Action, *, now: datetime, tone: str | None = None) -> NoteView:
    """The saved note of the action if there is one (unless another tone is asked for), else
    a draft in the asked tone or the person's usual one."""
    note = note_for(action)
    recipient = recipient_for(action)
    close = Close.objects.filter(interview=action.interview).first() if action.interview else None
    noted = close.remarks.strip() if close else action.opportunity.remarks.strip()
    asked = core.Tone(tone) if tone in {t.value for t in core.Tone} else None
    if note is not None and (asked is None or not note.editable):
        return NoteView(
            action=action,
            note=note,
            tone=core.Tone(note.tone),
            recipient=recipient,
            to=note.to,
            cc=note.cc,
            subject=note.subject,
            body=note.body,
            noted=noted,
            saved=True,
        )
    chosen = asked or core.Tone(settings_for(action.owner).note_tone or core.Tone.WARM)
    drafted = note_draft(action, tone=chosen, now=now)
    return NoteView(
        action=action,
        note=note,
        tone=chosen,
        recipient=recipient,
        to=address_of(recipient),
        cc="",
        subject=drafted.subject,
        body=drafted.body,
        noted=noted,
        saved=False,
    )


def note_draft(action: Action, *, tone: core.Tone, now: datetime) -> core.Draft:
    # Written for the moment it is due to go out: a follow-up drafted on the interview day
    # and sent two weeks later must say "on 25 November", not "today".
    sent_at = max(now, action.due_at.astimezone(now.tzinfo))
    facts = note_facts(action, now=sent_at)
    return core.draft(facts, tone, sent_at, template_for(action.owner, action.kind, tone))


def note_for(action: Action) -> Note | None:
    return Note.objects.filter(action=action).first()


def template_for(owner: User, kind: str, tone: str) -> core.NoteTemplate | None:
    found = NoteTemplate.objects.filter(owner=owner, kind=kind, tone=tone).first()
    return core.NoteTemplate(found.subject, found.body) if found else None


def templates_for(owner: User) -> dict[tuple[str, str], NoteTemplate]:
    return {(t.kind, t.tone): t for t in NoteTemplate.objects.filter(owner=owner)}


def notes_for(owner: User) -> QuerySet[Note]:
    """The outbox: every note the person saved, queued or sent, newest first."""
    return Note.objects.filter(owner=owner).select_related(
        "action__opportunity__company", "action__contact"
    )


def notes_due(now: datetime) -> QuerySet[Note]:
    """Queued notes whose time has come, oldest first, for every owner (the worker's view)."""
    return (
        Note.objects.filter(status=Note.Status.QUEUED)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .order_by("next_attempt_at", "pk")
    )


def message_actions_open(owner: User) -> QuerySet[Action]:
    """Open actions that mean writing to someone, in due order."""
    return (
        Action.objects.filter(
            owner=owner,
            status=Action.Status.OPEN,
            kind__in=[k.value for k in core.MESSAGE_KINDS],
        )
        .select_related("opportunity__company", "contact")
        .order_by("due_at", "kind")
    )


def recipient_for(action: Action) -> Contact | None:
    """Whom the note goes to: the action's contact, else (a revisit) the first interviewer."""
    if action.contact_id:
        return action.contact
    if action.interview is None:
        return None  # an application's follow-up: to whoever the user writes to
    return action.interview.interviewers.first()


def address_of(contact: Contact | None) -> str:
    if contact is None or not contact.email:
        return ""
    return format_address(contact.name, contact.email)


def format_address(name: str, email: str) -> str:
    """Dana Lee <dana@acme.example>; a name with a comma or the like goes in quotes."""
    name = name.strip()
    if not name or name == email:
        return email
    return f"{quoted(name)} <{email}>"


def note_facts(action: Action, *, now: datetime) -> core.NoteFacts:
    """Everything the note for this action may mention, as plain values."""
    opportunity = action.opportunity
    interview = action.interview
    prefs = settings_for(action.owner)
    facts = core.NoteFacts(
        kind=ActionKind(action.kind),
        company=opportunity.company.name,
        role=opportunity.role,
        applied_on=opportunity.applied_on,
        last_follow_up=_last_follow_up(action, now),
        sender_name=prefs.from_name,
        signature=prefs.signature,
    )
    if interview is None:
        return facts
    return _interview_facts(action, interview, facts)


def _interview_facts(action: Action, interview: Interview, facts: core.NoteFacts) -> core.NoteFacts:
    close = Close.objects.filter(interview=interview).prefetch_related("next_round_with").first()
    interviewers = list(interview.interviewers.all())
    recipient = recipient_for(action)
    answers = list(action.opportunity.answers.filter(received_at__gte=interview.starts_at))
    offer = next((a for a in reversed(answers) if a.kind == AnswerKind.OFFER), None)
    invited = next((a for a in reversed(answers) if a.kind == AnswerKind.NEXT_ROUND), None)
    feedback = [a.feedback for a in answers if a.feedback.strip()]

    referrer, referral_role, internal = "", "", False
    if facts.kind is ActionKind.REFERRAL_OUTREACH and close is not None:
        referral = close.referrals.select_related("referrer").filter(person=recipient).first()
        if referral is not None:
            who = referrer_of(referral, interviewers)
            referrer = who.name if who else ""
            referral_role, internal = referral.role, referral.internal

    return replace(
        facts,
        recipient=recipient.name if recipient else "",
        recipient_title=recipient.title if recipient else "",
        interview_at=interview.starts_at,
        answer=CloseAnswer(close.answer) if close else None,
        remarks=close.remarks if close else "",
        interviewers=tuple(c.name for c in interviewers),
        expected=close.expected_date if close else None,
        latest=close.latest_date if close else None,
        next_round_at=(invited.next_round_at if invited else None)
        or (close.next_round_at if close else None),
        next_round_with=tuple(c.name for c in close.next_round_with.all()) if close else (),
        offer_deadline=(offer.offer_deadline if offer else None)
        or (close.offer_deadline if close else None),
        referrer=referrer,
        referral_role=referral_role,
        internal_referral=internal,
        # The latest feedback on file, from a later answer or else from the close itself.
        feedback=(feedback[-1] if feedback else close.feedback if close else ""),
    )


def _last_follow_up(action: Action, now: datetime) -> date | None:
    """When the previous follow-up went (or was due), for a second one."""
    if action.step <= 1 or action.kind not in FOLLOW_UPS:
        return None
    earlier = Action.objects.filter(
        Q(interview_id=action.interview_id),
        opportunity_id=action.opportunity_id,
        kind=action.kind,
        step=action.step - 1,
    ).first()
    if earlier is None:
        return None
    return (earlier.completed_at or earlier.due_at).astimezone(now.tzinfo).date()


FOLLOW_UPS = {ActionKind.FOLLOW_UP, ActionKind.APPLICATION_FOLLOW_UP}


def note_state(note: Note | None, now: datetime) -> str:
    """One line on where a note stands, for the note page, the plan and the command line."""
    if note is None:
        return ""
    Status = Note.Status
    if note.status == Status.DRAFT:
        return f"Draft saved, not sent. {note.error}".strip()
    if note.status == Status.QUEUED:
        if not note.attempts:
            return "Queued to send."
        retry = note.next_attempt_at
        after = f" Closer tries again after {moment(retry, now)}." if retry else ""
        return f"Not sent yet: {note.error}{after}"
    if note.status == Status.SENDING:
        return "May have been sent — check your Sent folder."
    if note.status == Status.SENT:
        when = moment(note.sent_at, now) if note.sent_at else ""
        who = "by you " if note.channel == Note.Channel.MANUAL else ""
        return f"Sent {who}{when}.".replace(" .", ".")
    return f"Not sent: {note.error}"


def moment(value: datetime, now: datetime) -> str:
    """15:31 today; Thu 26 Nov at 09:00 on another day (in the person's zone)."""
    local = value.astimezone(now.tzinfo)
    if local.date() == now.date():
        return f"today at {local:%H:%M}"
    return f"on {format_day(local.date(), with_year=local.year != now.year)} at {local:%H:%M}"


def note_eml(action: Action, *, now: datetime) -> tuple[str, bytes]:
    """The note as it stands, as an .eml file (its name, its bytes) to open in any email
    app; not sent yet, it opens as a draft (X-Unsent). It needs the person's address: an
    email app would show an empty From, or refuse the file, without one (NoteError). Lines
    end in CRLF, as RFC 5322 asks of a message."""
    if not sender(settings_for(action.owner)):
        raise NoteError(
            "Add the address your notes come from in Settings first: the .eml file needs "
            "it as its sender."
        )
    view = note_view(action, now=now)
    message = build_message(
        action.owner,
        to=view.to,
        cc=view.cc,
        subject=view.subject,
        body=view.body,
        message_id=view.note.message_id if view.note else new_message_id(action.owner),
        date=now,
        unsent=view.note is None or view.note.status != Note.Status.SENT,
    )
    who = slugify(view.recipient.name if view.recipient else "") or "note"
    data = io.BytesIO()
    BytesGenerator(data, mangle_from_=False).flatten(message.message(), linesep="\r\n")
    return f"{slugify(action.kind.replace('_', '-'))}-{who}.eml", data.getvalue()
