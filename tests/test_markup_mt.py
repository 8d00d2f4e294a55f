"""Inline markup through MT: markers verified and restored, the piecewise fallback, and the
markup of every test article through the adversarial fixture models."""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest
from conftest import make_project
from markup_helpers import HTML_ARTICLES, MARKDOWN_ARTICLES, RENDERER, dangers_in_html

from translate.formats.inline import elements, read_markup
from translate.formats.reader import read_article
from translate.glossary.model import Glossary
from translate.jobs import run as pipeline
from translate.jobs.run import PIECEWISE_REASON
from translate.jobs.sources import load_glossary
from translate.models.engine import load_translator
from translate.mt import schedule
from translate.mt.markup import PIECEWISE_NOTE, mask, rebuild, translate_marked
from translate.options import RunOptions
from translate.po.catalog import get_notes, msgstr_digest
from translate.qa.checks import check_translation

MD = "The **MOSCOW —** ministry said [it would *not* stand aside][1] on `Monday`."
HTML = 'Officials said <a href="1">the <em>ministry</em></a> had promised<br>nothing.'


def test_the_model_sees_markers_only():
    masked = mask(MD)
    assert masked.text == ("The {1}MOSCOW —{2} ministry said {3}it would {4}not{5} stand "
                           "aside{6} on {7}.")
    masked = mask(HTML)
    assert masked.text == "Officials said {1}the {2}ministry{3}{4} had promised{5}nothing."
    assert mask("See https://example.com/a_b for the list.").text == "See {1} for the list."
    assert mask("Plain text, nothing to protect.").markers == {}


def test_a_text_with_braces_of_its_own_gets_higher_numbers():
    masked = mask("The {1} slot is *new*.")
    assert masked.text == "The {1} slot is {2}new{3}."


@pytest.mark.parametrize(("output", "expected"), [
    ("Министерство {1}МОСКВА —{2} заявило, что {3}не {4}останется{5} в стороне{6} в {7}.",
     "Министерство **МОСКВА —** заявило, что [не *останется* в стороне][1] в `Monday`."),
    # respaced markers, spaces inside emphasis moved out so that Markdown reads it
    ("{ 1 } МОСКВА — { 2 } заявило {3} не {4} останется {5} {6} в {7} .",
     "**МОСКВА —** заявило [не *останется*][1] в `Monday` ."),
])
def test_rebuild_writes_the_markup_back(output, expected):
    masked = mask(MD)
    from translate.mt.markup import write_back

    assert write_back(masked, rebuild(masked, output)) == expected


@pytest.mark.parametrize("output", [
    "{1}МОСКВА{2} заявило {3}не останется{6} в {7}.",  # {4} and {5} dropped
    "{1}МОСКВА{2}{2} заявило {3}не {4}останется{5}{6} в {7}.",  # {2} repeated
    "{2}МОСКВА{1} заявило {3}не {4}останется{5}{6} в {7}.",  # closed before it opens
    "{1}МОСКВА {3}заявило{2} не {4}останется{5}{6} в {7}.",  # crossed
])
def test_rebuild_refuses_markers_that_did_not_come_back_right(output):
    assert rebuild(mask(MD), output) is None


class MarkerMangler:
    """A model that copies its input but mangles ``{N}`` markers as a careless model does:
    drops the odd ones, repeats the even ones (and counts its calls)."""

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def __call__(self, texts: list[str], first: bool) -> list[str]:
        self.calls.append(list(texts))

        def mangle(match: re.Match[str]) -> str:
            number = int(match.group(1))
            return "" if number % 2 else match.group() * 2

        return [re.sub(r"\{(\d+)\}", mangle, text).upper() for text in texts]


def test_lost_markers_fall_back_to_translating_between_them():
    model = MarkerMangler()
    [outcome] = translate_marked([MD], Glossary.empty(), "ru", model)
    # first call, the retry with the lost markers renumbered, then the pieces on their own
    assert len(model.calls) == 3 and outcome.fixed.get("piecewise") == "piecewise"
    assert outcome.notes == [PIECEWISE_NOTE]
    assert outcome.text == ("THE **MOSCOW —** MINISTRY SAID [IT WOULD *NOT* STAND ASIDE][1] "
                            "ON `Monday`.")
    assert [f for f in check_translation(MD, outcome.text, "ru") if f.code == "inline"] == []


class ManglingTranslator:
    """A translator whose model loses and repeats ``{N}`` markers (``MarkerMangler``)."""

    name = "mangler"
    provenance = "mangler 1.0"

    def __init__(self) -> None:
        self.model = MarkerMangler()

    def translate(self, texts):
        return self.model(list(texts), True)


def test_a_piecewise_translation_is_noted_on_the_entry_and_in_the_report(
        tmp_path, monkeypatch):
    root = make_project(tmp_path, monkeypatch, seed=False)
    (root / "seeds").mkdir()
    (root / "seeds" / "ministry.md").write_text(
        "# Ministry\n\n" + MD.replace("[1]", "(https://example.com/a)") + "\n",
        encoding="utf-8")
    monkeypatch.setattr(schedule, "open_translator",
                        lambda lang, options: (ManglingTranslator(), ""))
    summary = pipeline.run(RunOptions(langs=("ru",)))
    po = polib.pofile(str(root / "locales/ru/LC_MESSAGES/ministry.po"))
    digest = {text: msgstr_digest(po.find(text).msgstr) for text in (MD, "Ministry")}
    assert get_notes(po.find(MD), "MT") == [
        f"mangler 1.0 (msgstr sha256 {digest[MD]}) — {PIECEWISE_NOTE}"]
    assert get_notes(po.find("Ministry"), "MT") == [
        f"mangler 1.0 (msgstr sha256 {digest['Ministry']})"]
    assert f"    1 {PIECEWISE_REASON}" in summary.render().splitlines()


def test_a_text_without_markup_goes_to_the_model_as_it_is():
    model = MarkerMangler()
    [outcome] = translate_marked(["Armenia recalled its ambassador."], Glossary.empty(), "ru",
                                 model)
    assert model.calls == [["Armenia recalled its ambassador."]]
    assert outcome.text == "ARMENIA RECALLED ITS AMBASSADOR."


def all_units():
    """(article, unit) of every Markdown and HTML test article."""
    for path in MARKDOWN_ARTICLES + HTML_ARTICLES:
        article = read_article(path)
        for unit in article.units:
            yield article, unit


@pytest.mark.parametrize("behaviour", ["markers", "combined", "transliterate"])
@pytest.mark.parametrize("lang", ["ru", "he"])
def test_markup_of_every_test_article_survives_the_adversarial_models(
        adversarial_packages, behaviour, lang):
    store = adversarial_packages(behaviour)
    translator = load_translator("argos", "en", lang, package_dirs=[store], threads=1)
    glossary = load_glossary(Path("glossary.yaml"))
    units = [unit for _article, unit in all_units() if unit.markup and not unit.lang]
    texts = list(dict.fromkeys(unit.text for unit in units))
    outcomes = translate_marked(texts, glossary, lang,
                                lambda inputs, first: translator.translate(inputs))
    translations = {text: outcome.text for text, outcome in zip(texts, outcomes, strict=True)}
    kept = total = 0
    for text in texts:
        findings = [f for f in check_translation(text, translations[text], lang)
                    if f.code == "inline"]
        assert findings == [], (text, translations[text])
        syntax = "md" if text in {u.text for u in units if u.markup == "md"} else "html"
        total += sum(1 for _ in elements(read_markup(text, syntax)))
        kept += sum(1 for _ in elements(read_markup(translations[text], syntax)))
    assert total > 140 and kept == total
    assert not any(outcome.fixed.get("piecewise") for outcome in outcomes)
    for path in MARKDOWN_ARTICLES + HTML_ARTICLES:
        article = read_article(path)
        written = article.document.render(translations, lang)
        rendered = RENDERER.render(written) if path.suffix == ".md" else written
        assert dangers_in_html(rendered) == []
