"""Term forms in target text: what models write around a token, forbidden variants, inflection."""

from __future__ import annotations

import pytest

from translate.glossary.forms import find_term_forms
from translate.glossary.types import LangForms
from translate.lang import profile
from translate.lang.az import inflect_azerbaijani


@pytest.mark.parametrize(("lang", "source", "mt_output", "expected"), [
    # What real models do with a copied token: attach a suffix, a prefix, a preposition.
    ("az", "The fighting in Nagorno-Karabakh erupted.", "Döyüşlər Nagorno-Karabakhda başladı.",
     "Döyüşlər Dağlıq Qarabağda başladı."),
    ("az", "He came from Israel.", "O, Israel'dən gəldi.", "O, İsraildən gəldi."),
    ("az", "Israeli drones hit Tartar.", "Israeli dronlar Tartarı vurdu.",
     "Israeli dronlar Tərtəri vurdu."),
    ("hy", "The fighting in Nagorno-Karabakh erupted.", "Մարտերը Nagorno-Karabakh-ում սկսվեցին:",
     "Մարտերը Լեռնային Ղարաբաղում սկսվեցին:"),
    ("he", "The fighting in Nagorno-Karabakh erupted.", "הלחימה בNagorno-Karabakh פרצה.",
     "הלחימה בנגורנו-קרבאך פרצה."),
    ("he", "The fighting in Nagorno-Karabakh erupted.", "הלחימה ב-Nagorno-Karabakh פרצה.",
     "הלחימה בנגורנו-קרבאך פרצה."),
    ("he", "Weapons to Azerbaijan.", "נשק Azerbaijan.", "נשק לאזרבייג׳ן."),
    ("he", "Relations with Azerbaijan.", "יחסים עם Azerbaijan.", "יחסים עם אזרבייג׳ן."),
    ("he", "The army of Nagorno-Karabakh.", "הצבא של Nagorno-Karabakh.",
     "הצבא של נגורנו-קרבאך."),
    ("he", "Flights to Baku.", "טיסות ל Baku.", "טיסות לבאקו."),
    ("ru", "He flew to Baku from Stepanakert.", "Он прилетел в Baku из Stepanakert.",
     "Он прилетел в Баку из Степанакерта."),
    ("ru", "Weapons to Azerbaijan.", "Оружие Azerbaijan.", "Оружие Азербайджану."),
    ("ru", "Karabakh's future.", "Будущее Karabakh's.", "Будущее Карабаха."),
    # A suffix stack after the case suffix (-dəki "the one in", -dır "is"): the case form
    # replaces the name, the rest follows it in the form's vowel harmony.
    ("az", "Armenia's ambassador in Israel returned.", "Ermənistanın Israeldakı səfiri qayıtdı.",
     "Ermənistanın İsraildəki səfiri qayıtdı."),
    ("az", "The drones came from Israel.", "Dronlar Israeldəndir.", "Dronlar İsraildəndir."),
    # The model translated the name itself: verified, left as it is.
    ("ru", "The fighting in Nagorno-Karabakh erupted.", "Бои в Нагорном Карабахе начались.",
     "Бои в Нагорном Карабахе начались."),
])
def test_restores_model_like_outputs(glossary, lang, source, mt_output, expected):
    assert glossary.prepare(source, lang).finish(mt_output) == (expected, [])


def test_forbidden_variant_from_mt_is_replaced_and_flagged(glossary):
    prepared = glossary.prepare("He flew to Stepanakert.", "ru")
    assert prepared.finish("Он прилетел в Ханкенди.") == (
        "Он прилетел в Степанакерт.",
        ["Stepanakert → Степанакерт: MT wrote 'Ханкенди', replaced by 'Степанакерт'; "
         "check the grammar"])


# ------------------------------------------------------------------------------- inflection


@pytest.mark.parametrize(("name", "forms"), [
    ("Bakı", "Bakının Bakıya Bakını Bakıda Bakıdan Bakıyla"),
    ("Tərtər", "Tərtərin Tərtərə Tərtəri Tərtərdə Tərtərdən Tərtərlə"),
    ("Türkiyə", "Türkiyənin Türkiyəyə Türkiyəni Türkiyədə Türkiyədən Türkiyəylə"),
    ("İsrail", "İsrailin İsrailə İsraili İsraildə İsraildən İsraillə"),
    ("Dağlıq Qarabağ", "Dağlıq Qarabağın Dağlıq Qarabağa Dağlıq Qarabağı Dağlıq Qarabağda "
     "Dağlıq Qarabağdan Dağlıq Qarabağla"),
    ("Şuşa", "Şuşanın Şuşaya Şuşanı Şuşada Şuşadan Şuşayla"),
    ("Quba", "Qubanın Qubaya Qubanı Qubada Qubadan Qubayla"),
    ("Ordubad", "Ordubadın Ordubada Ordubadı Ordubadda Ordubaddan Ordubadla"),
    ("Gəncə", "Gəncənin Gəncəyə Gəncəni Gəncədə Gəncədən Gəncəylə"),
])
def test_azerbaijani_vowel_harmony(name, forms):
    generated = inflect_azerbaijani(name)
    cases = ("genitive", "dative", "accusative", "locative", "ablative", "instrumental")
    assert " ".join(generated[case] for case in cases) == forms


@pytest.mark.parametrize("word", [
    "İsraildəki", "Bakıdakı", "İsrailinki", "Bakınınkı", "Tərtərdəkilər", "Bakıdakıları",
    "İsraildəkilərə", "İsraildəkinin", "Bakıdakına", "Bakıdadır", "İsraildir", "Bakıydı",
    "İsraildəndir", "Bakıyadək", "İsrailədək", "Sovet İttifaqındakı", "Dağlıq Qarabağdakılar",
    "Dağlıq Qarabağdakı", "ŞUŞADAKI", "Bakıdakılardır",
])
def test_azerbaijani_suffix_stacks_are_the_name(glossary, word):
    source = {"İ": "Israel", "B": "Baku", "T": "Tartar", "S": "Soviet Union", "D": "Nagorno-"
              "Karabakh", "Ş": "Shusha"}[word[0]]
    assert glossary.check(f"They spoke of {source}.", f"{word} haqqında danışdılar.", "az") == []


@pytest.mark.parametrize("word", [
    "İsrailli",       # Israeli: another word, not the place
    "İsraildəkı",     # -ki out of harmony
    "İsraildədə",     # two case suffixes
    "İsrailiki",      # -ki after the accusative
    "İsraildəkix",
])
def test_azerbaijani_non_forms_are_still_missing(glossary, word):
    assert [p.code for p in glossary.check("They spoke of Israel.",
                                           f"{word} haqqında danışdılar.", "az")] == ["missing"]


# -------------------------------------------------------------- allowed and forbidden forms

STEPANAKERT = LangForms("ru", "Степанакерт", {
    "nominative": "Степанакерт", "genitive": "Степанакерта", "dative": "Степанакерту",
    "accusative": "Степанакерт", "instrumental": "Степанакертом", "prepositional": "Степанакерте",
}, forbidden=("Ханкенди",), inflect="table")
KHANKENDI = LangForms("ru", "Ханкенди", dict.fromkeys(profile("ru").grammar.cases, "Ханкенди"))


def test_forms_found_in_the_target():
    (found,) = find_term_forms("Бои возле Степанакерта и Ханкенди.", [STEPANAKERT], "ru")
    assert (found.allowed, found.forbidden) == (((10, 22),), (("Ханкенди", ((25, 33),)),))


def test_forbidden_variant_is_a_stem_with_any_ending():
    (found,) = find_term_forms("Бои в Ханкендийском районе.", [STEPANAKERT], "ru")
    assert (found.allowed, found.forbidden) == ((), (("Ханкенди", ((6, 14),)),))


def test_a_form_another_term_allows_is_not_forbidden():
    stepanakert, khankendi = find_term_forms("Бои возле Степанакерта и Ханкенди.",
                                             [STEPANAKERT, KHANKENDI], "ru")
    assert stepanakert.forbidden == (("Ханкенди", ()),)
    assert khankendi.allowed == ((25, 33),)
