"""Word counts as pocount's: the Unicode words (UAX #29) of a text. The expected splits are
those of pocount 3.20's word splitter (unicode_words of the unicode-segmentation crate);
tests/test_peer_qa.py compares with the real pocount where the network allows."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from translate.text.wordcount import count_words, words


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nagorno-Karabakh - a region", ["Nagorno", "Karabakh", "a", "region"]),
        ("— Barak Ravid (@BarakRavid) October 1, 2020",
         ["Barak", "Ravid", "BarakRavid", "October", "1", "2020"]),
        ("1,500 drones; 2.5 %", ["1,500", "drones", "2.5"]),
        ("don't say 'no'", ["don't", "say", "no"]),
        ("Armenia’s army", ["Armenia’s", "army"]),
        ("F-16s", ["F", "16s"]),
        ("12:30 at 10.5", ["12", "30", "at", "10.5"]),
        ("press@mfa.am", ["press", "mfa.am"]),
        ("https://www.mfa.am/en/press-release/2020/10/01.",
         ["https", "www.mfa.am", "en", "press", "release", "2020", "10", "01"]),
        ("U.S. officials", ["U.S", "officials"]),
        ("x² CO₂", ["x", "²", "CO", "₂"]),
        ('צה"ל אמר', ['צה"ל', "אמר"]),
        ("Ինչո՞ւ է նա գնացել։", ["Ինչո՞ւ", "է", "նա", "գնացել"]),
        ("naïve café", ["naïve", "café"]),
        ("a_b c__d", ["a_b", "c__d"]),
        ("日本語", ["日", "本", "語"]),
        ("カタカナ ラーメン", ["カタカナ", "ラーメン"]),
        ("cafe\u0301 Kara\u00adbakh", ["cafe\u0301", "Kara\u00adbakh"]),  # WB4: Extend, Format
        ("10\u202f000 a\u200bb", ["10\u202f000", "a", "b"]),  # ExtendNumLet; ZWSP is Other
        ("* * * — ... -", []),
    ],
)
def test_words_are_unicode_words(text, expected):
    assert words(text) == expected


def test_tags_are_no_words_and_a_line_break_tag_separates():
    assert count_words("<b>Armenia</b> recalls<br/>ambassador") == 3


@given(st.lists(st.from_regex(r"[A-Za-z]{1,8}", fullmatch=True), max_size=12))
def test_plain_words_count_as_whitespace_separated_words(plain):
    assert count_words(" ".join(plain)) == len(plain)
