"""Guarded spans (translate.mt.protect): each strategy pinned on a unit where it is the one that
works, through the real fixture packages (copy and adversarial), and the placeholder rules."""

from __future__ import annotations

import re

import pytest

from translate.core.progress import Progress
from translate.models.engine import load_translator
from translate.mt.protect import PLACEHOLDER, restore_placeholders
from translate.mt.schedule import translate_outcomes


def outcome(glossary, store, lang, source, **options):
    translator = load_translator("argos", "en", lang, package_dirs=[store], threads=1)
    outcomes, _scores = translate_outcomes([source], translator, glossary, lang, Progress(),
                                           **options)
    return outcomes[source]


# ------------------------------------------------------- each strategy where it is the one


def test_inline_works_where_the_model_keeps_the_target_script(glossary, adversarial_packages):
    # ru forms are Cyrillic: the transliterating model leaves them alone.
    result = outcome(glossary, adversarial_packages("transliterate"), "ru",
                     "Residents fled from Stepanakert.")
    assert result.text == "Ресидентс флед фром Степанакерта."
    assert (result.fixed, result.problems, result.decodes) == ({"Stepanakert": "inline"}, [], 1)


def test_locate_finds_the_transliterated_form_and_puts_the_approved_one_back(
        glossary, adversarial_packages):
    # az forms are Latin: the model rewrites the inlined «Bakıya» as «Bəkıyə»; the sound
    # skeleton finds it, no second model call.
    result = outcome(glossary, adversarial_packages("transliterate"), "az",
                     "The minister flew to Baku.")
    assert result.text == "The mınışter flev tö Bakıya."
    assert (result.fixed, result.problems, result.decodes) == ({"Baku": "locate"}, [], 1)


def test_locate_replaces_a_forbidden_variant_and_says_so(glossary, adversarial_packages):
    # The names model writes «Xankəndi» for the inlined «Stepanakert» (az approved form).
    result = outcome(glossary, adversarial_packages("names"), "az",
                     "Fighting near Stepanakert resumed.")
    assert result.text == "Fighting near Stepanakert resumed."
    assert result.fixed == {"Stepanakert": "locate"}
    assert result.notes == ["Stepanakert → Stepanakert: MT wrote 'Xankəndi', replaced by "
                            "'Stepanakert'; check the grammar"]


def test_placeholder_works_where_inline_and_locate_cannot(glossary, adversarial_packages):
    # combined az: «Stepanakert» comes out as «Xankəndi», and the inlined «Xankəndi» of the
    # other name as «Xənkəndı»: two renderings of Khankendi, none of Stepanakert to locate.
    # A {N} placeholder comes back as it went, and the names are in their places.
    result = outcome(glossary, adversarial_packages("combined"), "az",
                     "One city, two names: Stepanakert becomes Khankendi on the map")
    assert result.text == "Öne çıty, tvö nəmeş: Stepanakert beçömeş Xankəndi ön the məp"
    assert result.fixed == {"Khankendi": "inline", "Stepanakert": "placeholder"}
    assert (result.problems, result.decodes) == ([], 2)


class DropsPlaceholders:
    """A real fixture model, then its output without braces: what LibreTranslate #944 reports
    real models doing to ``{0}`` (no fixture package drops that shape)."""

    name = "argos"
    provenance = "drops-placeholders"

    def __init__(self, translator) -> None:
        self.translator = translator

    def translate(self, texts):
        return [re.sub(r"[{}]", "", out) for out in self.translator.translate(texts)]


def test_report_names_the_expected_form_and_leaves_no_marker(glossary, adversarial_packages):
    store = adversarial_packages("combined")
    model = DropsPlaceholders(load_translator("argos", "en", "az", package_dirs=[store],
                                              threads=1))
    source = "One city, two names: Stepanakert becomes Khankendi on the map"
    result = translate_outcomes([source], model, glossary, "az", Progress())[0][source]
    assert not PLACEHOLDER.search(result.text) and "{" not in result.text
    assert result.problems == [
        "Stepanakert → Stepanakert: missing from the translation (write Stepanakert or a case "
        "form: Stepanakertin, Stepanakertə, Stepanakerti, Stepanakertdə, Stepanakertdən, "
        "Stepanakertlə)"]
    assert result.decodes == 2
    assert [p.term for p in glossary.check(source, result.text, "az")] == ["Stepanakert"]


def test_the_copy_model_needs_nothing_but_inline(glossary, installed_packages):
    result = outcome(glossary, installed_packages, "he", "Talks between Israel and Azerbaijan.")
    assert result.text == "Talks between ישראל and ואזרבייג׳ן."
    assert result.fixed == {"Israel": "inline", "Azerbaijan": "inline"}


def test_strategies_can_be_left_out_for_measuring(glossary, adversarial_packages):
    store = adversarial_packages("transliterate")
    result = outcome(glossary, store, "az", "The minister flew to Baku.",
                     strategies=("inline", "placeholder"))
    assert result.text == "The mınışter flev tö Bakıya."
    assert (result.fixed, result.decodes) == ({"Baku": "placeholder"}, 2)
    result = outcome(glossary, store, "az", "The minister flew to Baku.", strategies=("inline",))
    assert result.text == "The mınışter flev tö Bəkıyə."
    assert result.problems[0].startswith("Baku → Bakı: missing from the translation")


# ----------------------------------------------------------------------------- placeholders


@pytest.mark.parametrize(("output", "restored"), [
    ("Talks in {1} and {2}.", "Talks in Bakı and Tərtər."),
    ("Talks in { 1 } and {2 }.", "Talks in Bakı and Tərtər."),  # respaced: still ours
    ("Talks in {1} and.", None),  # dropped
    ("Talks in {1} and {2}, {2}.", None),  # duplicated
    ("Talks in {1} and {2} {3}.", None),  # one we never sent
])
def test_restore_placeholders_takes_each_exactly_once(glossary, output, restored):
    prepared = glossary.prepare("Talks in Baku and Tartar.", "az")
    numbers = dict(enumerate(prepared.guards, start=1))
    result = restore_placeholders(output, numbers)
    assert result == (None if restored is None else restored.replace("Bakı", "Bakıda")
                      .replace("Tərtər", "Tərtərdə"))


def test_placeholders_skip_the_numbers_the_source_uses(glossary):
    from translate.mt.protect import placeholder_text

    prepared = glossary.prepare("Template {1} for Baku.", "ru")
    text, numbers = placeholder_text(prepared.source, prepared.guards,
                                     {g.rule for g in prepared.guards})
    assert text == "Template {1} for {2}."
    assert restore_placeholders("Шаблон {1} для {2}.", numbers) == "Шаблон {1} для Баку."
