"""Quotation marks: balance and nesting in every convention, and paragraph judgement."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from translate.qa.quotes import is_balanced, paragraph_quote_problems, quote_marks


@pytest.mark.parametrize(
    "text",
    [
        "«Мы ответим», — сказала она.",
        "«Он сказал: „Нет“ и ушёл».",
        'He said "no".',
        "He said “no”.",
        "הוא אמר „לא” והלך.",
        "Han sa ”nej” och gick.",
        'צה"ל לא הגיב.',
        "«Biz cavab verəcəyik», — dedi.",
        "",
    ],
)
def test_balanced_in_each_convention(text):
    assert is_balanced(quote_marks(text))


@pytest.mark.parametrize(
    "text",
    ["«Мы ответим, — сказала она.", "Мы ответим», — сказала она.", "»Мы ответим«.",
     '«Biz cavab verəcəyik" dedi.', "„Нет», сказал он.", 'He said "no.'],
)
def test_unbalanced_or_out_of_order(text):
    assert not is_balanced(quote_marks(text))


def test_gershayim_typed_as_a_quote_is_no_quotation_mark():
    assert quote_marks('צה"ל אמר "לא"') == '""'


@given(st.lists(st.sampled_from(["«Да».", "Он сказал: «Нет».", "Ничего."]), max_size=5))
def test_sentences_quoting_whole_quotations_have_no_problem(targets):
    sources = ['"Yes."' if "«" in t else "Nothing." for t in targets]
    assert paragraph_quote_problems(list(zip(sources, targets, strict=True))) == {}


def test_a_paragraph_without_any_mark_has_lost_the_sources():
    pairs = [('"We will respond.', "Мы ответим."), ('No," she said.', "Нет, — сказала она.")]
    assert paragraph_quote_problems(pairs) == {
        0: "the quotation marks of the source are missing",
        1: "the quotation marks of the source are missing",
    }


def test_a_paragraph_whose_sources_do_not_close_their_quotation_is_not_judged():
    # A quotation that runs on into the next paragraph: English opens it again there.
    pairs = [('"We will respond.', "«Мы ответим."), ("We are ready.", "Мы готовы.")]
    assert paragraph_quote_problems(pairs) == {}
