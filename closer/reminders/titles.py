"""Guessing company and role from a calendar event's title. Pure Python, no Django.

Invites are titled every which way: "Interview with Acme – Account Executive",
"Acme: Senior Engineer onsite", "Phone screen | Product Designer @ Globex". The guess only
fills the form; the user confirms or corrects it before anything is saved.
"""

from __future__ import annotations

import re

# Words that say what kind of meeting it is, not who with or for what.
MEETING_WORDS = re.compile(
    r"\b(?:(?:first|second|third|final|1st|2nd|3rd|\d+(?:st|nd|rd|th)?)\s+round|round\s*\d+|"
    r"interviews?|phone\s+screen(?:ing)?|screening|screen|video\s+call|call|chat|on-?site|"
    r"virtual|zoom|teams|meet|panel|technical|hiring\s+manager|conversation|meeting|"
    r"invitation|invite|updated|canceled|cancelled|confirmed|tentative|accepted)\b",
    re.IGNORECASE,
)
ROLE_WORDS = re.compile(
    r"\b(?:engineer|developer|manager|executive|designer|analyst|director|lead|scientist|"
    r"representative|rep|specialist|consultant|architect|officer|administrator|recruiter|"
    r"associate|coordinator|intern|head|vp|president|sales|account|product|marketing|"
    r"strategist|writer|editor|accountant|nurse|teacher|technician|advisor|partner|"
    r"programmer|sre|devops|counsel|assistant|owner|success)\b",
    re.IGNORECASE,
)
SEPARATORS = re.compile(r"\s+[-–—|/]\s+|\s*[|:•]\s*|\s+@\s+|\(|\)")
FREE_MAIL = {
    "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "yahoo.com",
    "icloud.com", "me.com", "mac.com", "aol.com", "proton.me", "protonmail.com", "gmx.com",
    "gmx.de", "web.de", "fastmail.com", "hey.com", "zoho.com", "yandex.com", "mail.com",
}  # fmt: skip


def guess(title: str, emails: tuple[str, ...] = ()) -> tuple[str, str]:
    """(company, role) guessed from the title, with the attendees' work domain as a fallback
    for the company. Either may be "" when there is nothing to go on."""
    company, role = "", ""
    text = re.sub(
        r"^(?:re|fwd?|invitation|updated invitation)\s*:\s*", "", title.strip(), flags=re.I
    )
    # Google appends "@ Tue 8 Dec 2026 2pm - 3pm (EST) (me@example.com)" to invitation titles.
    text = re.sub(r"\s@\s(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b.*$", "", text)
    # "… at Acme", "… with Acme", "… @ Acme": the company follows.
    at = re.search(r"(?:\s@\s*|\b(?:at|with)\s+)([A-Z0-9][\w&.'’ -]*?)(?:\s+[-–—|(:]|\s*$)", text)
    parts = [_clean(p) for p in SEPARATORS.split(text)]
    parts = [p for p in parts if p]
    roles = [p for p in parts if ROLE_WORDS.search(p)]
    if roles:
        role = max(roles, key=len)
    if at and not ROLE_WORDS.search(at.group(1)):
        company = _clean(at.group(1))
    else:
        others = [p for p in parts if p != role]
        if others:
            company = others[0]
    if role and company and company in role:
        role = _clean(role.replace(company, ""))
    if not company:
        company = company_from_emails(emails)
    return company, role


def company_from_emails(emails: tuple[str, ...]) -> str:
    for email in emails:
        domain = email.rpartition("@")[2].lower()
        if domain and domain not in FREE_MAIL and "." in domain:
            labels = domain.split(".")
            # acme.co.uk -> acme; mail.globex.com -> globex
            name = labels[-3] if len(labels) > 2 and len(labels[-2]) <= 3 else labels[-2]
            return name.replace("-", " ").title()
    return ""


def _clean(part: str) -> str:
    part = re.sub(r"\b(?:at|with|for)\s*$", "", part.strip(), flags=re.I)
    part = re.sub(r"^\s*(?:at|with|for)\b", "", part, flags=re.I)
    part = MEETING_WORDS.sub(" ", part)
    part = re.sub(r"\b(?:at|with|for)\s+[A-Z].*$", "", part) if ROLE_WORDS.search(part) else part
    return " ".join(part.split()).strip(" -–—,.&")
