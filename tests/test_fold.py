"""Folded text (translate.text.fold): NFC, default-ignorable characters removed, offsets mapped
back; and the glossary matching through it, in the source and in translations."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from translate.text.fold import fold, fold_string

SOFT_HYPHEN, ZWSP, ZWJ, LRM, BOM = "\u00ad", "\u200b", "\u200d", "\u200e", "\ufeff"


def test_fold_drops_ignorables_and_composes():
    text = f"Хан{SOFT_HYPHEN}кенди e\u0301 {LRM}ירושלים{ZWSP}"
    folded = fold(text)
    assert folded.text == "Ханкенди é ירושלים"
    start = folded.text.index("é")
    assert text[slice(*folded.span(start, start + 1))] == "e\u0301"
    assert text[slice(*folded.span(0, 8))] == f"Хан{SOFT_HYPHEN}кенди"


@given(st.text(alphabet=st.sampled_from(["a", "Б", "ש", "\u0301", SOFT_HYPHEN, ZWSP, ZWJ,
                                         BOM, " ", "e", "\u0308"]), max_size=30))
def test_fold_maps_every_character_back_in_order(text):
    folded = fold(text)
    assert folded.text == fold_string(text)
    assert unicodedata.is_normalized("NFC", folded.text)
    assert list(folded.starts) == sorted(folded.starts)
    for index, char in enumerate(folded.text):
        original = text[slice(*folded.span(index, index + 1))]
        assert fold_string(original) and char in fold_string(original)


@pytest.mark.parametrize("inside", [SOFT_HYPHEN, ZWSP, ZWJ, LRM])
def test_a_forbidden_variant_with_an_invisible_character_is_reported(glossary, inside):
    target = f"Бои возле Хан{inside}кенди."
    problems = glossary.check("Fighting near Stepanakert.", target, "ru")
    assert [(p.code, p.term) for p in problems] == [("missing", "Stepanakert"),
                                                   ("forbidden", "Stepanakert")]
    assert repr(f"Хан{inside}кенди") in problems[1].message  # the hidden character shown


def test_an_allowed_form_with_an_invisible_character_is_allowed(glossary):
    assert glossary.check("In Stepanakert.", f"В Степа{SOFT_HYPHEN}накерте.", "ru") == []
    assert glossary.check("In Jerusalem.", f"ב{LRM}ירושלים.", "he") == []


def test_source_names_are_found_through_invisible_characters_and_decomposed_letters(glossary):
    hits = glossary.find_terms(f"Fighting in Stepa{SOFT_HYPHEN}nakert and in T\u0259rt\u0259r.")
    assert [(h.term.en, h.text) for h in hits] == [
        ("Stepanakert", f"Stepa{SOFT_HYPHEN}nakert"), ("Tartar", "Tərtər")]
    decomposed = unicodedata.normalize("NFD", "Fled from Tərtər.")
    (hit,) = glossary.find_terms(decomposed)
    assert hit.term.en == "Tartar" and decomposed[hit.start:hit.end] == hit.text
