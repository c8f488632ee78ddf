"""The close card: what to say in the last minutes of an interview, on one phone-sized page.

The order of the sections follows the role. In a sales role the direct ask leads, because
asking for the job is itself a sample of the work. In a senior role further rounds are
normal, so the card asks about them early.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from closer.core.calendar import format_day
from closer.core.text import join_names


@dataclass(frozen=True)
class CardInput:
    company: str
    role: str
    interviewers: tuple[str, ...] = ()
    starts_at: datetime | None = None
    # None means "guess from the role title".
    sales_role: bool | None = None
    senior: bool | None = None
    lessons: tuple[str, ...] = ()


@dataclass(frozen=True)
class CardSection:
    key: str
    title: str
    lines: tuple[str, ...]
    hint: str = ""


@dataclass(frozen=True)
class Card:
    title: str
    subtitle: str
    sales_role: bool
    senior: bool
    sections: tuple[CardSection, ...]
    interviewers: tuple[str, ...]
    lessons: tuple[str, ...]


# Roles where closing a deal (or a candidate) is part of the job.
_SALES = re.compile(
    r"\b("
    r"sales(?:person|woman|man)?|selling"
    r"|account\s+(?:executive|manager|management|director)"
    r"|business\s+development|biz\s*dev"
    r"|bdr|sdr|bdm"
    r"|recruit(?:er|ing|ment)|talent\s+acquisition|headhunter"
    r"|partnerships?"
    r")\b",
    re.IGNORECASE,
)

_SENIOR = re.compile(
    r"\b("
    r"senior|sr|snr"
    # "Lead Generation Specialist" is an entry-level job, not a leadership one.
    r"|lead(?:er)?(?!\s+gen)"
    r"|principal|head\s+of|director|vp|svp|evp|vice[\s-]+president"
    r"|chief|c-level|c-suite|ceo|cto|cfo|coo|cmo|cio|ciso|cpo|cro"
    # "Staff" is senior for engineers and scientists; a staff accountant or nurse is not.
    r"|staff(?=\s+(?:\w+\s+)?(?:engineer|scientist|developer|architect|designer|researcher))"
    # A partner of a firm is senior; a partner manager looks after someone else's partners.
    r"|partner(?!\s+(?:manager|marketing|success|sales|account|engineer|support|programs?))"
    r")\b",
    re.IGNORECASE,
)


def looks_like_sales(role: str) -> bool:
    return _SALES.search(role) is not None


def looks_senior(role: str) -> bool:
    return _SENIOR.search(role) is not None


def build_card(inp: CardInput) -> Card:
    role, company = inp.role.strip(), inp.company.strip()
    sales = looks_like_sales(role) if inp.sales_role is None else inp.sales_role
    senior = looks_senior(role) if inp.senior is None else inp.senior
    interviewers = _cleaned(inp.interviewers)
    lessons = _cleaned(inp.lessons)

    ask = _ask_section(sales)
    next_steps = _next_steps_section(senior)
    # A senior candidate in a non-sales role first learns how the process continues; everyone
    # else asks for the job first.
    opening = (next_steps, ask) if senior and not sales else (ask, next_steps)
    sections = [*opening, _fallback_section(), _referrals_section(company)]
    if lessons:
        sections.append(
            CardSection(
                key="lessons",
                title="From earlier feedback",
                lines=lessons,
                hint="What you learned last time; let it shape how you answer today.",
            )
        )
    sections.append(_after_section(interviewers))
    return Card(
        title=_title(role, company),
        subtitle=_subtitle(inp.starts_at, interviewers),
        sales_role=sales,
        senior=senior,
        sections=tuple(sections),
        interviewers=interviewers,
        lessons=lessons,
    )


def _cleaned(texts: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(t.strip() for t in texts if t.strip())


def _title(role: str, company: str) -> str:
    if role and company:
        return f"Close card: {role} at {company}"
    return f"Close card: {role or company or 'your interview'}"


def _subtitle(starts_at: datetime | None, interviewers: tuple[str, ...]) -> str:
    parts = []
    if starts_at is not None:
        parts.append(f"{format_day(starts_at.date())} at {starts_at:%H:%M}")
    if interviewers:
        parts.append(f"with {join_names(interviewers)}")
    return " ".join(parts)


def _ask_section(sales: bool) -> CardSection:
    if sales:
        hint = (
            "They are hiring someone who asks for the business. Asking for this job, plainly, "
            "is your best evidence that you will."
        )
    else:
        hint = "Few candidates ask. Say it plainly, then stop and let them answer."
    return CardSection(
        key="ask",
        title="Ask for the job",
        lines=(
            "I'd really like this job. Is there anything stopping you from offering it to me?",
            "Is there anything about my background that gives you pause?",
        ),
        hint=hint,
    )


def _next_steps_section(senior: bool) -> CardSection:
    hear_back = "When do you expect to decide, and when should I expect to hear from you?"
    if senior:
        rounds = "How many more rounds are there, and who else would I be meeting?"
        lines = (rounds, hear_back)
    else:
        rounds = "Is there anyone else I should meet before you decide?"
        lines = (hear_back, rounds)
    return CardSection(
        key="next_steps",
        title="If they can't decide yet",
        lines=lines,
        hint="Write down the date they give: your follow-up is timed against it.",
    )


def _fallback_section() -> CardSection:
    return CardSection(
        key="fallback",
        title="If they can't give a date",
        lines=(
            "What's the latest I should expect to hear from you?",
            "If I haven't heard anything by then, would it be all right to get in touch?",
        ),
        hint="With a yes, your follow-up is expected rather than a nuisance.",
    )


def _referrals_section(company: str) -> CardSection:
    elsewhere = f"another team at {company}" if company else "another team"
    return CardSection(
        key="referrals",
        title="If it's not a fit",
        lines=(
            "Thanks for being straight with me. Do you know anyone who might be looking for "
            "someone with my skills?",
            f"It could be {elsewhere}, or someone you know at another company.",
        ),
        hint="Note each name and who suggested it; you will mention them when you write.",
    )


def _after_section(interviewers: tuple[str, ...]) -> CardSection:
    if interviewers:
        lines = tuple(f"Send {name} a thank-you note tonight." for name in interviewers)
    else:
        lines = ("Send everyone you met a thank-you note tonight.",)
    return CardSection(
        key="after",
        title="Afterwards",
        lines=lines,
        hint="One note per person, each mentioning something you talked about.",
    )
