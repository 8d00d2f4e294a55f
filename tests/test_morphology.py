"""Case forms proposed by morphology (translate.glossary.morphology, each language's grammar in
translate.lang): pymorphy3 for Russian, rules for Armenian, Azerbaijani and Turkish; proposals
reported by the glossary check, never the authority."""

from __future__ import annotations

import pytest

from translate.glossary.morphology import proposed_forms, unlisted_forms
from translate.lang.hy import armenian_forms
from translate.lang.ru import russian_forms


@pytest.mark.parametrize(("name", "case", "forms"), [
    ("Степанакерт", "prepositional", {"Степанакерте"}),
    ("Нагорный Карабах", "prepositional", {"Нагорном Карабахе"}),
    ("Нагорный Карабах", "accusative", {"Нагорный Карабах"}),  # inanimate: not «Нагорного»
    ("Республика Армения", "dative", {"Республике Армения"}),  # the apposition stays
    ("Шуша", "instrumental", {"Шушей", "Шушею"}),  # the dictionary's spelling, both variants
    ("Баку", "genitive", {"Баку"}),  # indeclinable
])
def test_russian_forms_from_pymorphy3(name, case, forms):
    assert russian_forms(name)[case] == forms


@pytest.mark.parametrize(("name", "forms"), [
    ("Շուշա", "Շուշան Շուշայի Շուշային Շուշայից Շուշայով Շուշայում"),
    ("Իրան", "Իրանը Իրանի Իրանին Իրանից Իրանով Իրանում"),
    ("Խորհրդային Միություն", "Խորհրդային Միությունը Խորհրդային Միության Խորհրդային Միությանը "
     "Խորհրդային Միությունից Խորհրդային Միությամբ Խորհրդային Միությունում"),
])
def test_armenian_forms_by_rule(name, forms):
    generated = armenian_forms(name)
    cases = ("definite", "genitive", "dative", "ablative", "instrumental", "locative")
    assert " ".join(next(iter(generated[case])) for case in cases) == forms


#: Where glossary.yaml lists a form morphology does not propose: the glossary is right.
IRREGULAR = {("Baku", "hy"),  # Բաքու → Բաքվի
             ("Artsakh", "ru"),  # not in pymorphy3's dictionary
             ("Shusha", "ru"),  # Шушой (stressed ending), the dictionary spells Шушей
             # possessive compounds take the suffix inside (Sovet İttifaqı → İttifaqında)
             ("Soviet Union", "az"), ("Republic of Armenia", "az")}


def test_listed_cases_agree_with_the_proposals_except_the_known_irregular(glossary):
    disagree = set()
    for term in glossary.terms:
        for lang in ("ru", "hy", "az"):
            forms = term.forms.get(lang)
            if forms is None or forms.inflect == "none":
                continue
            proposed = proposed_forms(forms)
            if any(form not in proposed.get(case, ()) for case, form in forms.cases.items()):
                disagree.add((term.en, lang))
    assert disagree == IRREGULAR


def test_glossary_check_proposes_an_unlisted_case_form(glossary):
    shusha = next(t for t in glossary.terms if t.en == "Shusha").forms["ru"]
    assert set(unlisted_forms(shusha)) == {"Шушей", "Шушею"}
    (problem,) = glossary.check("He was born in Shusha.", "Он родился с Шушею.", "ru")
    assert (problem.code, problem.severity) == ("unlisted", "warning")
    assert problem.message == ("Shusha → Шуша: 'Шушею' is not a form the glossary lists "
                               "(morphology proposes it as a case form: add it to glossary.yaml "
                               "if it is right)")
    (missing,) = glossary.check("He was born in Shusha.", "Он родился в городе.", "ru")
    assert (missing.code, missing.severity) == ("missing", "error")


def test_translate_help_does_not_import_pymorphy3():
    import subprocess
    import sys

    code = "import sys; from translate.cli import cli; print('pymorphy3' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True).stdout.strip() == "False"
