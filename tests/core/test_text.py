"""Replacing a corrected name in text already written: whole words only, stops kept."""

from __future__ import annotations

import pytest

from closer.core.text import replace_words


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thanks, Acme Crop team", "Thanks, Acme Corp team"),
        # Never inside a longer word or an address.
        ("Acme Cropland, ann@acme crop.example", "Acme Cropland, ann@acme crop.example"),
        ("Acme Crop. Acme Crop!", "Acme Corp. Acme Corp!"),
    ],
)
def test_it_replaces_whole_words_only(text, expected):
    assert replace_words(text, [("Acme Crop", "Acme Corp")]) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thanks, Dana L.", "Thanks, Dana Lee."),
        ("Thanks, Dana L.\nBest", "Thanks, Dana Lee.\nBest"),
        ("I met Dana L. Then we spoke.", "I met Dana Lee. Then we spoke."),
        # Inside a sentence the stop belonged to the name alone.
        ("Dana L. said yes", "Dana Lee said yes"),
    ],
)
def test_a_name_ending_in_a_stop_keeps_the_stop_that_ends_a_sentence(text, expected):
    assert replace_words(text, [("Dana L.", "Dana Lee")]) == expected


def test_a_new_name_is_not_replaced_again_by_a_later_pair():
    pairs = [("Al", "Bo"), ("Bo", "Cy")]
    assert replace_words("Al and Bo", pairs) == "Bo and Cy"
