"""Terms in English text: longest match, whole words, case folding, grammatical roles."""

from __future__ import annotations

import pytest

from translate.glossary.file import read_glossary
from translate.glossary.terms import compile_term_patterns, find_terms
from translate.glossary.types import Term


def test_find_terms_prefers_the_longest_name(glossary):
    hits = glossary.find_terms("Nagorno Karabakh, Karabakh and the Republic of Armenia's army")
    assert [(h.term.en, h.text, h.role) for h in hits] == [
        ("Nagorno-Karabakh", "Nagorno Karabakh", "subject"),
        ("Karabakh", "Karabakh", "nominative"),
        ("Republic of Armenia", "Republic of Armenia", "genitive"),
    ]
    assert glossary.find_terms("Israeli and Armenian officials") == []
    # A hyphen is a boundary: the place in a compound is a mention (issue 15).
    hits = glossary.find_terms("pro-Israel, Israel-based, the UAE-Israel deal, IRAN-ARMENIA")
    assert [(h.term.en, h.text, h.capitals) for h in hits] == [
        ("Israel", "Israel", False), ("Israel", "Israel", False), ("Israel", "Israel", False),
        ("Iran", "IRAN", True), ("Armenia", "ARMENIA", True)]


def test_case_insensitive_term_matches_letters_whose_casefold_differs(tmp_path):
    path = tmp_path / "glossary.yaml"
    path.write_text(
        "version: 1\nterms:\n  - en: Istanbul\n    case_sensitive: false\n    keep: true\n",
        encoding="utf-8",
    )
    glossary = read_glossary(path)
    hits = glossary.find_terms("He flew to İstanbul, then to ISTANBUL.")
    found = [(h.term.en, h.text) for h in hits]
    assert found == [("Istanbul", "İstanbul"), ("Istanbul", "ISTANBUL")]


# ------------------------------------------------------------------------------------ roles

KEPT = (Term("Baku", keep=True), Term("Tartar", keep=True))


@pytest.mark.parametrize(("source", "roles"), [
    ("Baku is calm.", ["subject"]),
    ("He lives in Baku.", ["locative"]),
    ("They fled from Baku.", ["ablative"]),
    ("Troops came out of Baku.", ["ablative"]),
    ("They moved into Baku.", ["direction"]),
    ("The minister flew to Baku.", ["direction"]),
    ("Israel sells drones to Baku.", ["recipient"]),
    ("The people of Baku.", ["genitive"]),
    ("Shelling the town of Tartar.", ["nominative"]),
    ("Baku's army.", ["genitive"]),
    ("Talks with Baku.", ["comitative"]),
    ("A war against Baku.", ["against"]),
    ("Flights to Baku and Tartar.", ["direction", "direction"]),
    ("Peace between Baku and Tartar.", ["between", "between"]),
])
def test_role_comes_from_the_english_words_before_the_name(source, roles):
    hits = find_terms(source, compile_term_patterns(KEPT))
    assert [hit.role for hit in hits] == roles


def test_hit_records_and_and_possessive():
    hits = find_terms("Baku's army and Tartar.", compile_term_patterns(KEPT))
    assert [(h.text, h.start, h.end, h.conjoined, h.possessive) for h in hits] == [
        ("Baku", 0, 4, False, True), ("Tartar", 16, 22, True, False)]


@pytest.mark.parametrize(("source", "found"), [
    ("Tartar sauce, a chef said, sells.", []),
    ("Turkey sandwiches and pie; Turkey and Israel Katz.", [("Turkey", "Turkey")]),
    ("Jerusalem artichokes, and Jerusalem grocers.", [("Jerusalem", "Jerusalem")]),
    ("TARTAR, Azerbaijan (AP) — AZERBAIJAN: population", [
        ("Tartar", "TARTAR"), ("Azerbaijan", "Azerbaijan"), ("Azerbaijan", "AZERBAIJAN")]),
    ("“Israel has been a reliable partner,” he said of Israel’s role.", [
        ("Israel", "Israel"), ("Israel", "Israel")]),
])
def test_false_friends_capitals_and_quotes(glossary, source, found):
    assert [(h.term.en, h.text) for h in glossary.find_terms(source)] == found


@pytest.mark.parametrize("source", [
    # Names that contain a place name and are not a mention of the place: their translations
    # need not name it (צה״ל, ЦАХАЛ; התעשייה האווירית; «Азербайджанские авиалинии»).
    "The Israel Defense Forces did not comment.",
    "The Israel Defence Forces said.",
    "drones made by Israel Aerospace Industries",
    "The Israel Antiquities Authority excavated the site.",
    "Israel Hayom reported.",
    "The Jerusalem Post reported.",
    "an Azerbaijan Airlines flight",
    # Adjectives are not the place either, without a glossary entry.
    "Azerbaijani Armed Forces",
    "the Armenian Apostolic Church",
])
def test_a_name_that_contains_a_place_name_is_not_a_mention_of_it(glossary, source):
    assert glossary.find_terms(source) == []
