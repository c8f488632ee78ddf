"""The timeline reader on phrasing beyond single expressions: dates counted from another event,
compound weeks, hedges that take a date back, a changed plan, cues that govern only their own
date, misspellings, and pasted emails with quoted replies and signatures.

Reference day: Wednesday 2 December 2026, unless a case says otherwise.
"""

from __future__ import annotations

import random
from datetime import date, datetime
from pathlib import Path

import pytest

from closer.core.timeline import read
from closer.core.timeline.mail import blank_quoted
from closer.core.timeline.spelling import correct

WED = datetime(2026, 12, 2, 11, 0)
SUN = datetime(2026, 12, 6, 18, 0)


def by(text: str, at: datetime = WED) -> date | None:
    found = read(text, at)
    return found.by if found else None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The panel sits on the 14th and we'll decide within two days of that.",
            date(2026, 12, 16),
        ),
        ("Expect an answer within a week of her return on 1/11.", date(2027, 1, 18)),
        ("The debrief is Tuesday; give it three working days after it.", date(2026, 12, 11)),
        (
            "Onsite next Tuesday, and if all goes well, news by the end of that week.",
            date(2026, 12, 11),
        ),
        (
            "Final interviews wrap up on the 10th. Two days later we make the call.",
            date(2026, 12, 12),
        ),
        ("The board meets Thursday and we'll ring you the day after.", date(2026, 12, 4)),
        (
            "Once the offsite ends on Dec 15 we'll get back to you within 3 working days.",
            date(2026, 12, 18),
        ),
        ("Panel on the 9th, then allow us a week.", date(2026, 12, 16)),
        (
            "We close for Christmas on Thursday the 24th; you'll hear from us after that.",
            date(2026, 12, 28),
        ),
        # No day for the event: a count from it promises nothing.
        ("We'll decide two weeks after the final round.", None),
        ("You'll hear within ten days of your last interview.", None),
    ],
)
def test_dates_counted_from_another_event(text: str, expected: date | None) -> None:
    assert by(text) == expected


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        ("By the end of the week after next.", WED, date(2026, 12, 18)),
        ("Not this coming week but the one after.", SUN, date(2026, 12, 18)),
        ("A fortnight on Thursday.", WED, date(2026, 12, 17)),
        ("A week on Monday, I'd say.", WED, date(2026, 12, 14)),
        ("Thursday fortnight.", WED, date(2026, 12, 17)),
        ("Midway through next week.", WED, date(2026, 12, 9)),
        ("The Monday before Christmas.", WED, date(2026, 12, 21)),
        ("The Friday after New Year's Day.", WED, date(2027, 1, 8)),
        ("The week after next, most likely the Tuesday.", WED, date(2026, 12, 15)),
        ("By the second Friday in January.", WED, date(2027, 1, 8)),
        ("The last Friday of the month.", WED, date(2026, 12, 25)),
    ],
)
def test_compound_weeks_and_weekdays(text: str, at: datetime, expected: date) -> None:
    assert by(text, at) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Normally a week, but with the reorg I can't say.",
        "It would usually be Friday, but honestly I can't promise anything right now.",
        "Maybe next week, maybe later, who knows.",
        "We were aiming for the 18th. Honestly though, it's up in the air now.",
        "Could be a fortnight, could be two months.",
        "Possibly Monday? Please don't hold me to that.",
        "Realistically? No idea. A few weeks, a few months.",
        "End of the month would be lovely, but I wouldn't bet on it.",
    ],
)
def test_a_date_taken_back_is_no_date(text: str) -> None:
    assert by(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I can't say exactly, but you will have an answer by Friday.", date(2026, 12, 4)),
        ("You'll hear by Friday. I can't say whether it's good news though.", date(2026, 12, 4)),
        ("Usually it's two weeks, but we'll get back to you by Monday.", date(2026, 12, 7)),
    ],
)
def test_a_commitment_around_a_hedge_still_counts(text: str, expected: date) -> None:
    assert by(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We hoped for the 4th, now it looks like the 11th.", date(2026, 12, 11)),
        ("Plan was Friday, now Tuesday.", date(2026, 12, 8)),
        ("Originally we said Monday, but let's say the 10th instead.", date(2026, 12, 10)),
        ("Quick Friday update: Sam will call you Tuesday.", date(2026, 12, 8)),
        ("Our Friday drinks are fun; you'll hear from us Monday.", date(2026, 12, 7)),
        ("I'm out Friday but you'll hear from us by Wednesday.", date(2026, 12, 9)),
        ("Decision deadline: Jan 22.", date(2027, 1, 22)),
        ("You'll get the call on the 9th.", date(2026, 12, 9)),
        ("I'll send times for next week by Monday.", date(2026, 12, 7)),
        ("Offer letters for the January cohort go out on the 15th.", date(2026, 12, 15)),
        ("Before the office closes for Christmas.", date(2026, 12, 24)),
        ("Before we break for the holidays.", date(2026, 12, 23)),
        ("Once everyone's back in the new year.", date(2027, 1, 4)),
    ],
)
def test_the_cue_governs_its_own_date(text: str, expected: date) -> None:
    assert by(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "You'd work Monday to Thursday, 4 days a week.",
        "Dr. Friday will be on the panel.",
        "We'll be in touch over Christmas.",
        "Our January cohort is full.",
        "monday-itis is real, we'll be in touch",
    ],
)
def test_words_that_only_look_like_dates(text: str) -> None:
    assert by(text) is None


@pytest.mark.parametrize(
    ("typed", "expected", "phrase"),
    [
        ("nxt wk", date(2026, 12, 11), "nxt wk"),
        ("by wensday", date(2026, 12, 9), "by wensday"),
        ("thrusday latest", date(2026, 12, 3), "thrusday latest"),
        ("end of teh month", date(2026, 12, 31), "end of teh month"),
        ("in a fortnite", date(2026, 12, 16), "in a fortnite"),
        ("3 wrking days", date(2026, 12, 7), "3 wrking days"),
        ("thx!! will lyk by fri 🙏", date(2026, 12, 4), "by fri"),
    ],
)
def test_misspellings_are_read_and_shown_as_typed(typed: str, expected: date, phrase: str) -> None:
    found = read(typed, WED)
    assert found is not None
    assert (found.by, found.phrase) == (expected, phrase)


def test_correcting_keeps_a_map_back_to_what_was_typed() -> None:
    corrected, origins = correct("by wensday or thrusday")
    assert corrected == "by wednesday or thursday"
    assert origins is not None and len(origins) == len(corrected) + 1
    assert correct("by wednesday") == ("by wednesday", None)


def test_no_english_word_is_corrected() -> None:
    # The Debian word lists (wamerican, wbritish; installed by .ci/run) hold ordinary words a
    # correction must never touch: "wording" stays "wording", not "working".
    lists = [Path("/usr/share/dict/american-english"), Path("/usr/share/dict/british-english")]
    words = {w.lower() for path in lists for w in path.read_text(encoding="utf-8").split()}
    assert len(words) > 50_000
    from closer.core.timeline import spelling

    table = spelling._build()
    wrong = sorted(k for k in table if k in words and k not in spelling._SHORT_FORMS)
    assert not wrong, f"English words that would be corrected: {wrong}"
    assert correct("the wording of the sundae menu") == ("the wording of the sundae menu", None)


EMAIL = """Hi Priya,

Thanks for coming in on Monday. We'll make a decision by Wednesday 9 December.

Best,
Tom Reyes
Head of Talent | Globex
Office hours Mon-Fri 9am-5pm
+1 (415) 555-0132

On Mon, Nov 30, 2026 at 4:12 PM Priya <priya@example.com> wrote:
> Any news? You mentioned the 18th last week.
"""


def test_an_email_is_read_without_its_quoted_reply_and_signature() -> None:
    found = read(EMAIL, WED)
    assert found is not None and found.by == date(2026, 12, 9)
    blanked = blank_quoted(EMAIL.lower())
    assert len(blanked) == len(EMAIL)
    assert "the 18th" not in blanked and "office hours" not in blanked
    assert "decision by wednesday 9 december" in blanked


def test_a_postscript_after_the_signature_is_read() -> None:
    text = "Hi Jo,\n\nThanks again.\n\nBest,\nSam\nRecruiter\n\nP.S. We'll decide by the 11th."
    assert by(text) == date(2026, 12, 11)


def test_only_a_reply_above_the_quote_counts() -> None:
    text = "Nothing yet, sorry!\n\nOn Tue, Dec 1, 2026, Sam wrote:\n> We'll know by Friday."
    assert by(text) is None


def test_long_and_dense_texts_never_raise_and_keep_an_early_promise() -> None:
    rng = random.Random(7)
    words = "by Friday next week 12/10 the 15th Q1 after Thanksgiving 3 days ago we'll decide"
    soup = " ".join(rng.choices(words.split(), k=6000))[:20_000]
    promise = "We'll decide by the 11th. "
    assert by(promise + soup) is not None
    prose = ("The role sits in a friendly team that ships often. " * 400)[:20_000]
    assert by(prose) is None
    assert by(prose[:19_000] + " We'll decide by the 11th.") == date(2026, 12, 11)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We'll be in touch in 7 to 10 days.", date(2026, 12, 12)),
        ("Expect to hear within 5-7 business days.", date(2026, 12, 11)),
        ("It usually takes 3 or 4 weeks.", date(2026, 12, 30)),
        ("two or three weeks, I'd say", date(2026, 12, 23)),
        ("a week to ten days", date(2026, 12, 12)),
        ("We'll decide sometime between the 10th and the 14th.", date(2026, 12, 14)),
        ("Monday through Wednesday next week", date(2026, 12, 9)),
        ("Wed or Thu next week", date(2026, 12, 10)),
        ("You'll hear on the 14th or 15th.", date(2026, 12, 15)),
        ("We'll decide 14-16 December.", date(2026, 12, 16)),
        ("Decision Dec 14-16.", date(2026, 12, 16)),
        ("between 14 and 16 December", date(2026, 12, 16)),
        ("mid-to-late January", date(2027, 1, 31)),
        ("end of this week or early next week", date(2026, 12, 8)),
        ("one or two days", date(2026, 12, 4)),
        ("in a day or two", date(2026, 12, 4)),
        ("within 24 to 48 hours", date(2026, 12, 4)),
        ("48-72 hours", date(2026, 12, 5)),
        ("1-2 weeks", date(2026, 12, 16)),
        ("in 2 to 3 weeks' time", date(2026, 12, 23)),
        ("Thurs/Fri", date(2026, 12, 4)),
        ("late this week or early next", date(2026, 12, 8)),
        ("We should have an answer in the next 10-14 days.", date(2026, 12, 16)),
        ("Give us until Tuesday or Wednesday.", date(2026, 12, 9)),
        ("Expect news either Thursday or Friday.", date(2026, 12, 4)),
        ("It'll be 4-6 weeks before we decide.", date(2027, 1, 13)),
        ("Around 2 weeks, maybe 3.", date(2026, 12, 23)),
        ("We'll aim for the 8th, the 10th at the very latest.", date(2026, 12, 10)),
        ("It might be next week, it might not.", None),
        ("Friday at a push, though realistically it depends.", None),
        ("There's no firm date, but probably mid-January.", date(2027, 1, 15)),
        ("No timeline yet - could be weeks.", None),
        ("I'd say Friday, but don't quote me.", None),
        ("Tentatively the 15th.", date(2026, 12, 15)),
        ("Best guess is end of month, but honestly who knows.", None),
        ("We're hoping for Friday, but with the holidays it could slip.", None),
        ("We'll decide Friday, though it could slip to Monday.", date(2026, 12, 7)),
        ("ASAP - hopefully by Friday.", date(2026, 12, 4)),
        ("Should be next week, all being well.", date(2026, 12, 11)),
        ("Next week if all goes to plan.", date(2026, 12, 11)),
        ("I'll know more after the board meets; no date yet.", None),
        ("We'd normally say two weeks but this one is different.", None),
        ("Honestly, I can't give you a date. Sorry!", None),
        ("Can't promise, but I'll try to get back to you by Thursday.", date(2026, 12, 3)),
    ],
)
def test_windows_and_hedges_read_as_a_person_would(text: str, expected: date | None) -> None:
    # The end of a window (1); a hedge takes back what it qualifies, not a promise after it.
    assert by(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "We have 3 rounds: phone screen, onsite, and a final chat.",
        "Our office is open 9-5, Monday to Friday.",
        "I've been here since March.",
        "The salary review happens every April.",
        "Our fiscal year ends in June.",
        "Q3 was our best quarter.",
        "We're a 24/7 operation.",
        "Call me on 07700 900123.",
        "The role pays 50-60k.",
        "Version 2.1 ships in the spring.",
        "The deadline for applications was 30 November.",
        "Sunday roast is a team tradition.",
        "We do a Friday afternoon demo every week.",
        "Most people take two weeks off at Christmas.",
        "The contract is 12 months with a 3-month notice period.",
        "Our Christmas party was great fun.",
        "You'll get 25 days of holiday plus bank holidays.",
        "The interview will last about 45 minutes.",
        "We hired 20 people in January.",
        "Thanks again for Tuesday!",
        "Happy Friday!",
        "Have a great weekend!",
        "See you on the 10th for the onsite.",
        "Your start date would be January 4.",
        "Please send your references by Friday.",
        "Let me know by Monday if that works.",
        "Bring ID on the day.",
        "The May release went well.",
        "We meet every other Thursday.",
        "Our team offsite is on the 15th.",
    ],
)
def test_numbers_and_day_names_that_promise_nothing(text: str) -> None:
    assert by(text) is None


def _letter(body: str) -> str:
    return f"Hi Sam,\n\n{body}\n\nBest,\nJo\nJo Park | Talent\n+1 555 0100"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Thanks for your time yesterday. We'll be back with you by Friday.", date(2026, 12, 4)),
        (
            "Great meeting you. The offer should be with you by the end of next week.",
            date(2026, 12, 11),
        ),
        ("Quick note: I'll drop you a line next week once the panel has met.", date(2026, 12, 11)),
        (
            (
                "We're meeting as a team on Thursday to make a final call, and you'll hear "
                "that afternoon."
            ),
            date(2026, 12, 3),
        ),
        ("Watch this space - we're aiming to wrap things up by the 18th.", date(2026, 12, 18)),
        (
            "I'm off from the 21st, so I'd like to get an answer to you before then.",
            date(2026, 12, 20),
        ),
        (
            (
                "Apologies for the radio silence. The team is still deliberating; I'll update "
                "you on Monday."
            ),
            date(2026, 12, 7),
        ),
        (
            (
                "We are not able to give feedback at this stage, but we will write to all "
                "applicants by 11 December."
            ),
            date(2026, 12, 11),
        ),
        (
            (
                "Thanks for coming in. We're seeing two more people next week and will be "
                "making our decision the week after."
            ),
            date(2026, 12, 18),
        ),
        ("Your references are with us. Give us until Tuesday.", date(2026, 12, 8)),
        (
            (
                "Unfortunately we have decided not to progress your application. We wish you "
                "every success."
            ),
            None,
        ),
        (
            "Could you do a call on Thursday at 3pm or Friday at 10am? Let me know which suits.",
            None,
        ),
        (
            (
                "Thanks for applying! We review every application and will be in touch if "
                "there's a match."
            ),
            None,
        ),
        (
            (
                "Following your interview on 30 November, we'd like to invite you to a final "
                "round on 9 December."
            ),
            None,
        ),
        ("The team loved you. Paperwork to follow early next week.", date(2026, 12, 8)),
    ],
)
def test_a_letter_promises_in_its_own_words(body: str, expected: date | None) -> None:
    assert by(_letter(body)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We're back in the office Monday and will let you know by Wednesday.", date(2026, 12, 9)),
        ("The contract team will confirm by Friday.", date(2026, 12, 4)),
        ("Holiday cover means we'll decide by the 10th.", date(2026, 12, 10)),
        ("Deadline-wise, we'd like to decide by the 18th.", date(2026, 12, 18)),
        ("Scheduled decision date: 14 Jan.", date(2027, 1, 14)),
        ("We've scheduled the debrief for Monday, so you'll hear Tuesday.", date(2026, 12, 8)),
        ("I'll call you on the 9th with our decision.", date(2026, 12, 9)),
        ("After the interviews on Monday we'll decide by Wednesday.", date(2026, 12, 9)),
        ("The interview panel will decide by Friday.", date(2026, 12, 4)),
        ("Contract offers go out on the 15th.", date(2026, 12, 15)),
        ("Holiday season slows us down, but expect an answer by Dec 18.", date(2026, 12, 18)),
        ("I'm out until the 7th; my colleague will call you on the 8th.", date(2026, 12, 8)),
        ("Interviews finish Thursday. Decision Friday.", date(2026, 12, 4)),
        (
            "Your start date would be 4 January; we'll confirm the offer by the 11th.",
            date(2026, 12, 11),
        ),
        ("The deadline for our decision is the 16th.", date(2026, 12, 16)),
        ("Back to you by Friday!", date(2026, 12, 4)),
        ("We're out of office until the 5th.", None),
        ("Interviews run until the 11th.", None),
        ("The holiday party is on the 18th.", None),
        (
            "The final round is on the 10th; give us two working days after that.",
            date(2026, 12, 14),
        ),
        ("We'll decide within 48 hours of your last interview on Friday.", date(2026, 12, 6)),
        ("Three days after the panel (Tuesday) you'll hear from us.", date(2026, 12, 11)),
        (
            "The panel meets next Thursday. Expect a decision the following Monday.",
            date(2026, 12, 14),
        ),
        (
            "She's back on the 4th of January and will get back to you the week after.",
            date(2027, 1, 15),
        ),
        ("We interview on the 9th and 10th; decisions a week later.", date(2026, 12, 17)),
        ("The hiring manager returns Monday; allow a few days after that.", date(2026, 12, 10)),
        ("Two business days after your onsite on Thursday.", date(2026, 12, 7)),
        ("We'll decide the day after the panel.", None),
        ("The panel is Tuesday. We'll decide the day after the panel.", date(2026, 12, 9)),
        ("Interviews close on the 11th and we'll decide the Monday after.", date(2026, 12, 14)),
        (
            "References are due back on the 7th; we'll make the offer 2 days after we receive "
            "them.",
            date(2026, 12, 9),
        ),
        ("Our board meets on the 16th and the offer goes out the next day.", date(2026, 12, 17)),
        (
            "We'll have an answer a week after the final round, which is on the 8th.",
            date(2026, 12, 15),
        ),
        ("We'll get back to you after the Christmas break.", date(2027, 1, 4)),
        ("Before the end-of-year shutdown.", date(2026, 12, 23)),
        ("Right after New Year.", date(2027, 1, 4)),
        ("Before Christmas Eve.", date(2026, 12, 23)),
        ("Over the break, probably.", None),
        ("Sometime between Christmas and New Year.", date(2026, 12, 31)),
        ("We were hoping for Friday, but it'll be Monday now.", date(2026, 12, 7)),
        ("Not Friday after all - Tuesday.", date(2026, 12, 8)),
        ("The 10th was the plan; now the 14th.", date(2026, 12, 14)),
        ("You'll hear by the 11th - or the 14th at the very latest.", date(2026, 12, 14)),
        ("Interviews on the 7th and 8th, decision on the 10th.", date(2026, 12, 10)),
        ("We'd said next week, but make that the week after.", date(2026, 12, 18)),
    ],
)
def test_cues_events_and_holidays_in_other_words(text: str, expected: date | None) -> None:
    assert by(text) == expected
