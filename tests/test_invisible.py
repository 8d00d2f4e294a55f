"""Bidi controls and invisible characters: what each language accepts, exact messages, and
the ``bidi`` and ``invisible`` checks on real sentences."""

from __future__ import annotations

import pytest

from translate.qa.checks import Finding, check_translation
from translate.qa.invisible import bidi_problems, describe, invisible_problems, is_right_to_left

S_RAVID = "Barak Ravid (@BarakRavid) reported the news on Thursday."
S_RECALL = "Armenia recalled its ambassador from Israel."

LRM, RLM, RLE, PDF, RLO = "\u200e", "\u200f", "\u202b", "\u202c", "\u202e"
LRI, PDI = "\u2066", "\u2069"


@pytest.mark.parametrize(
    ("lang", "target"),
    [
        # Hebrew: an RLM after the parenthesis that closes a Latin run, an isolate around it,
        # an LRM before a number followed by a percent sign: what Hebrew translators type.
        ("he", f"ברק רביד (@BarakRavid){RLM} דיווח על כך ביום חמישי."),
        ("he", f"ברק רביד {LRI}(@BarakRavid){PDI} דיווח על כך ביום חמישי."),
        ("he", f"ברק רביד {RLE}(@BarakRavid){PDF} דיווח על כך ביום חמישי."),
        ("ru", "Барак Равид (@BarakRavid) сообщил об этом в четверг."),
        ("hy", "Բարակ Ռավիդը (@BarakRavid) այս մասին հայտնել է հինգշաբթի։"),
        ("az", "Barak Ravid (@BarakRavid) bu barədə cümə axşamı məlumat verib."),
    ],
)
def test_what_each_language_uses_is_accepted(lang, target):
    codes = {f.code for f in check_translation(S_RAVID, target, lang)}
    assert not codes & {"bidi", "invisible"}


@pytest.mark.parametrize(
    ("lang", "target", "expected"),
    [
        ("he", f"ברק רביד {RLO}(@BarakRavid){PDF} דיווח על כך ביום חמישי.", [Finding(
            "bidi", "a right-to-left override (U+202E) after 'רביד' shows the text after it in "
            "reverse order: remove it")]),
        ("he", f"ברק רביד {LRI}(@BarakRavid) דיווח על כך ביום חמישי.", [Finding(
            "bidi", "an unclosed left-to-right isolate (U+2066): it turns the direction of the "
            "rest (after 'רביד')")]),
        ("he", f"ברק רביד (@BarakRavid){PDI} דיווח על כך ביום חמישי.", [Finding(
            "bidi", "a pop directional isolate (U+2069) with nothing to close (after "
            "'(@BarakRavid)')")]),
        ("ru", f"Барак Равид (@BarakRavid){RLM} сообщил об этом в четверг.", [Finding(
            "bidi", "a right-to-left mark (U+200F) after '(@BarakRavid)' has no use in "
            "left-to-right text", "warning")]),
        ("az", f"Barak Ravid {LRI}(@BarakRavid){PDI} bu barədə cümə axşamı məlumat verib.", [
            Finding("bidi", "a left-to-right isolate (U+2066) after 'Ravid' has no use in "
                    "left-to-right text", "warning")]),
        ("hy", f"Բարակ Ռավիդը (@BarakRavid) այս մասին հայտնել է{LRM} հինգշաբթի։", [Finding(
            "bidi", "a left-to-right mark (U+200E) after 'է' has no use in left-to-right text",
            "warning")]),
    ],
)
def test_bidi_problems_are_reported_exactly(lang, target, expected):
    assert [f for f in check_translation(S_RAVID, target, lang) if f.code == "bidi"] == expected


def test_an_override_in_the_source_is_reported_on_its_translations():
    source = f"Armenia recalled its {RLO}rodassabma{PDF} from Israel."
    assert bidi_problems(source, "Армения отозвала посла из Израиля.", "ru") == [
        ("the source has a right-to-left override (U+202E): the article needs fixing", True)]


@pytest.mark.parametrize(
    ("lang", "target", "message"),
    [
        ("ru", "Армения отозвала по\u200bсла из Израиля.",
         "an invisible zero-width space (U+200B) after 'по'"),
        ("hy", "Հայաստանը հետ է կանչել իր դես\u00adպանին, իր դես\u00adպանին։",
         "an invisible soft hyphen (U+00AD) after 'դես' (2 in all)"),
        ("az", "Ermənistan\ufeff İsraildəki səfirini geri çağırıb.",
         "an invisible byte-order mark (U+FEFF) after 'Ermənistan'"),
        ("he", "ארמניה החזירה את שגרי\u200cרה מישראל.",
         "an invisible zero-width non-joiner (U+200C) after 'שגרי'"),
        ("ru", "\u2060Армения отозвала посла из Израиля.",
         "an invisible word joiner (U+2060) at the start"),
        ("ru", "Армения отозвала посла из Израиля.\u3164",
         "an invisible hangul filler (U+3164) after 'Израиля.'"),
    ],
)
def test_invisible_characters_are_reported_where_they_are(lang, target, message):
    assert [f for f in check_translation(S_RECALL, target, lang) if f.code == "invisible"] == [
        Finding("invisible", message, "warning")]


@pytest.mark.parametrize(
    ("source", "target"),
    [
        # ZWNJ inside a Persian word, ZWJ in a Devanagari conjunct: their scripts' spelling.
        ("I want", "می\u200cخواهم"),
        ("Ravi", "र\u094d\u200dव"),
        # ZWJ in an emoji sequence, tags in the flag of Scotland.
        ("family", "👨\u200d👩\u200d👧"),
        ("Scotland", "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"),
        # As many as the source has.
        ("Nagorno\u00adKarabakh", "Nagorno\u00adKarabakh"),
    ],
)
def test_invisible_characters_doing_a_job_are_accepted(source, target):
    assert invisible_problems(source, target) == []


def test_a_zero_width_non_joiner_between_cyrillic_letters_is_reported():
    assert invisible_problems("I want", "хо\u200cчу") == [
        "an invisible zero-width non-joiner (U+200C) after 'хо'"]


def test_directions_and_names_come_from_unicode_and_cldr():
    assert [is_right_to_left(lang) for lang in ("he", "ar", "fa", "ru", "hy", "az", "xx")] == [
        True, True, True, False, False, False, False]
    assert describe("\u2061") == "function application (U+2061)"
    assert describe(RLO) == "right-to-left override (U+202E)"


# --- Control characters ---------------------------------------------------------------------

S_TALKS = "Talks resume in Vienna"


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("Переговоры \x1b]0;PWNED\x07 возобновятся в Вене", "a control character, escape "
         "(U+001B), after 'Переговоры': a terminal or a page may take it for a command; "
         "remove it"),
        ("Переговоры возобновятся в Вене\x07", "a control character, bell (U+0007), after "
         "'Вене': a terminal or a page may take it for a command; remove it"),
        ("\x9b2JПереговоры возобновятся в Вене", "a control character, control sequence "
         "introducer (U+009B), at the start: a terminal or a page may take it for a command; "
         "remove it"),
        ("Переговоры\r возобновятся в Вене", "a control character, carriage return (U+000D), "
         "after 'Переговоры': a terminal or a page may take it for a command; remove it"),
        ("Переговоры возобновятся\x7f в Вене", "a control character, delete (U+007F), after "
         "'возобновятся': a terminal or a page may take it for a command; remove it"),
        ("Переговоры \x01\x01 возобновятся в Вене", "a control character (U+0001) after "
         "'Переговоры' (2 in all): a terminal or a page may take it for a command; remove it"),
    ],
)
def test_control_characters_in_a_translation_are_errors(target, message):
    found = [f for f in check_translation(S_TALKS, target, "ru") if f.code == "controls"]
    assert found[:1] == [Finding("controls", message)]
    assert not any(c in finding.message for finding in found for c in target if c < " ")


def test_the_place_of_a_control_character_is_named_without_the_others():
    found = [f for f in check_translation(S_TALKS, "Переговоры \x1b]0;PWNED\x07 в Вене", "ru")
             if f.code == "controls"]
    assert [f.message.split(":")[0] for f in found] == [
        "a control character, escape (U+001B), after 'Переговоры'",
        "a control character, bell (U+0007), after ']0;PWNED'"]


@pytest.mark.parametrize("target", ["Переговоры возобновятся в Вене",
                                    "Переговоры\tвозобновятся\nв Вене"])
def test_tabs_and_newlines_are_no_control_findings(target):
    assert not [f for f in check_translation(S_TALKS, target, "ru") if f.code == "controls"]


def test_the_controls_check_is_silenced_by_qa_ignore():
    target = "Переговоры \x1b возобновятся в Вене"
    assert not check_translation(S_TALKS, target, "ru", ignore={"controls"})
