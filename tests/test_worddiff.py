"""Tests of translate.text.worddiff: the word diff of a changed source on the review page."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from translate.text.worddiff import Piece, diff_words, render_word_diff


def test_changed_words_are_marked_on_both_sides() -> None:
    old, new = diff_words("It was 1994, in May.", "It was 1995, in June.")
    assert [p.text for p in old if p.changed] == ["1994", "May"]
    assert [p.text for p in new if p.changed] == ["1995", "June"]


def test_a_space_between_two_changed_words_is_one_change() -> None:
    old, new = diff_words("the fifth day", "the sixth straight day")
    assert old == [Piece("the ", False), Piece("fifth", True), Piece(" day", False)]
    assert new == [Piece("the ", False), Piece("sixth straight", True), Piece(" day", False)]


@pytest.mark.parametrize(("old", "new", "removed", "added"), [
    ("same text", "same text", "same text", "same text"),
    ("", "new", "", "<ins>new</ins>"),
    ("a <b> & c", "a <i> & c", "a &lt;<del>b</del>&gt; &amp; c", "a &lt;<ins>i</ins>&gt; &amp; c"),
])
def test_render_escapes_and_marks(old: str, new: str, removed: str, added: str) -> None:
    assert render_word_diff(old, new) == (removed, added)


@given(st.text(), st.text())
def test_each_side_joins_back_to_its_text(old: str, new: str) -> None:
    left, right = diff_words(old, new)
    assert "".join(p.text for p in left) == old
    assert "".join(p.text for p in right) == new
    assert all(p.text for p in left + right)
