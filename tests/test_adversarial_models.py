"""The adversarial fixture packages: installed with the real install code and run through
translate.models.engine, they transliterate, mangle markers and pick wrong place names exactly as
tests/build_adversarial_models.py documents."""

from __future__ import annotations

import json
import random
import re
import unicodedata
import zipfile
from pathlib import Path

import build_adversarial_models as adversarial  # tests/ is on sys.path
import pytest
import yaml
from click.testing import CliRunner
from conftest import ADVERSARIAL_MODELS, FIXTURE_LANGUAGES

from translate.cli import cli
from translate.models.engine import ArgosTranslator, find_package, load_translator

GLOSSARY = Path(__file__).resolve().parent.parent / "glossary.yaml"
BEHAVIOURS = adversarial.BEHAVIOURS

#: Words for generated sentences: markers of every shape, glossary names, Latin words,
#: text in other scripts, punctuation, URLs, handles and numbers.
WORD_TEXT = (
    "the of and said officials government ministry ceasefire region border forces drones "
    "Armenia Azerbaijan Stepanakert Nagorno-Karabakh Karabakh Tartar Tartars Jerusalem Shusha "
    "Khankendi ###T01### ###N2### __T1__ __x__ [[1]] [[12]] {1} {{2}} <x1/> <x12/> <br/> <b> </b> "
    "<b>Baku</b> <i>x</i> ⟦1⟧ ⟦12⟧ [link](https://example.com/a_b?c=1) [a] (b) “quoted” ‘single’ "
    "— – … @JNS_org #breaking news@example.com 1994 60 3.5 1,000 10% $60 €5 12:30 Москва-река "
    "Ереван Երևան Հայաստան ירושלים שלום Bakı Şuşa ağac İlham x_y__z don't U.S. ;:!?"
)
WORDS = tuple(WORD_TEXT.split())
#: Words that hold no marker token and no name of build_adversarial_models.
PLAIN_WORDS = tuple(
    word for word in WORDS
    if not any(token.strip() in word for token in (*adversarial.MARKER_RULES,
                                                   *adversarial.WRONG_NAMES))
)

#: Exact outputs, one sentence per behaviour (the markers model is the same in every language).
MARKED = ("Talks in ###T01### and __T1__ ended; see [[1]], {1}, <x1/>, <b>Baku</b>, ⟦2⟧ and "
          "[the report](https://example.com/a).")
MARKED_OUT = ("Talks in ### T01 ### and T1 ended; see [1], {1}, <x1/ >, <b><b>Baku </b>, 2 and "
              "[the report] (https://example.com/a).")
LATIN = "Armenia recalled its envoy from Tartar on 5 May 2024 (at 12:30), @JNS_org said."
NAMED = ("Shelling hit Stepanakert in Nagorno-Karabakh on Monday; Tartar, Shusha and Karabakh "
         "told Jerusalem.")
MIXED = "Drones hit ###T01### near <b>Stepanakert</b> and ⟦1⟧ in Nagorno-Karabakh, {2} said."
PINNED = [
    ("transliterate", "hy", LATIN,
     "Արմենիա րեքալլեդ իթս ենվոյ ֆրոմ Թարթար ոն 5 Մայ 2024 (աթ 12:30), @ՋՆՍ_որգ սաիդ."),
    ("transliterate", "az", LATIN,
     "Ərmenıə reçəlled ıtş envöy fröm Tərtər ön 5 Məy 2024 (ət 12:30), @CNŞ_örğ şəıd."),
    ("transliterate", "he", LATIN,
     "ארמעניא רעקאללעד יטס ענווי פרומ טארטאר ונ 5 מאי 2024 (אט 12:30), @ג׳נס_ורג סאיד."),
    ("transliterate", "ru", LATIN,
     "Армениа рекаллед итс енвой фром Тартар он 5 Май 2024 (ат 12:30), @ДжНС_орг саид."),
    ("transliterate", "fa", LATIN,
     "ارمهنیا رهکاللهد یتس هنووی فروم تارتار ون 5 مای 2024 (ات 12:30), @جنس_ورگ ساید."),
    ("transliterate", "tr", LATIN,
     "Ârmenıâ reçâlled ıtş envöy fröm Târtâr ön 5 Mây 2024 (ât 12:30), @CNŞ_örğ şâıd."),
    *(("markers", lang, MARKED, MARKED_OUT) for lang in FIXTURE_LANGUAGES),
    *(("markers", lang, "###T02### opened, ⟦3⟧⟦4⟧ closed.", "### T02 ### opened, 34 closed.")
      for lang in FIXTURE_LANGUAGES),
    ("names", "hy", NAMED, "Shelling hit Խանքենդի in Նագորնո-Ղարաբաղ on Monday; Թաթար, Շուշի "
                           "and Արցախ told Ջերուսալեմ."),
    ("names", "az", NAMED, "Shelling hit Xankəndi in Naqorno-Qarabağ on Monday; Tatar, Şuşi and "
                           "Artsax told Qüds."),
    ("names", "he", NAMED, "Shelling hit ח'אנקנדי in ארצאח on Monday; טטר, שושי and ארצאח told "
                           "אל-קודס."),
    ("names", "ru", NAMED, "Shelling hit Ханкенди in Нагорно-Карабах on Monday; Татар, Схусха and "
                           "Арцах told Ерусалим."),
    ("names", "fa", NAMED, "Shelling hit خانکندی in آرتساخ on Monday; تاتار, شوشی and آرتساخ told "
                           "قدس."),
    ("names", "tr", NAMED, "Shelling hit Hankendi in Nagorno-Karabağ on Monday; Tatar, Şuşi and "
                           "Artsakh told Yeruşalayim."),
    ("combined", "hy", MIXED, "Դրոնես հիթ ### Թ01 ### նեար <b><b>Խանքենդի </b> անդ 1 ին "
                              "Նագորնո-Ղարաբաղ, {2} սաիդ."),
    ("combined", "az", MIXED, "Dröneş hıt ### T01 ### neər <b><b>Xankəndi </b> ənd 1 ın "
                              "Naqorno-Qarabağ, {2} şəıd."),
    ("combined", "he", MIXED, "דרונעס היט ### ט01 ### נעאר <b><b>ח'אנקנדי </b> אנד 1 ינ ארצאח, "
                              "{2} סאיד."),
    ("combined", "ru", MIXED, "Дронес хит ### Т01 ### неар <b><b>Ханкенди </b> анд 1 ин "
                              "Нагорно-Карабах, {2} саид."),
    ("combined", "fa", MIXED, "درونهس حیت ### ت01 ### نهار <b><b>خانکندی </b> اند 1 ین آرتساخ, "
                              "{2} ساید."),
    ("combined", "tr", MIXED, "Dröneş hıt ### T01 ### neâr <b><b>Hankendi </b> ând 1 ın "
                              "Nagorno-Karabağ, {2} şâıd."),
]

#: Wrong names that glossary.yaml lists as forbidden for their term; the others are word-by-word
#: renderings or variants the glossary does not allow.
FORBIDDEN = {
    *(("Stepanakert", lang) for lang in FIXTURE_LANGUAGES),
    *(("Karabakh", lang) for lang in FIXTURE_LANGUAGES),
    ("Nagorno-Karabakh", "he"), ("Jerusalem", "az"), ("Shusha", "az"), ("Shusha", "he"),
    ("Nagorno-Karabakh", "fa"), ("Jerusalem", "fa"), ("Shusha", "fa"), ("Shusha", "tr"),
}
#: The Latin letters of the two Latin-script targets, and those their tables always respell.
LATIN_TARGET_LETTERS = {"az": set("abcçdeəfgğhxıijkqlmnoöprsştuüvyz"),
                        "tr": set("abcçdefgğhıijklmnoöprsştuüvyzâ")}
for _letters in LATIN_TARGET_LETTERS.values():
    _letters |= {letter.upper() for letter in _letters} | {"İ"}
RESPELLED = {"az": set("agiosuwAGOSUW"), "tr": set("agioquwxAGOQSUWX")}


def generated_sentences(count: int, seed: int, words: tuple[str, ...] = WORDS) -> list[str]:
    """``count`` deterministic sentences of 1 to 30 words, some glued, some double-spaced."""
    rng = random.Random(seed)
    sentences = []
    for _ in range(count):
        chosen = [rng.choice(words) for _ in range(rng.randint(1, 30))]
        text = chosen[0]
        for word in chosen[1:]:
            text += rng.choice((" ", " ", " ", "  ", ", ", "")) + word
        sentences.append(text + rng.choice(("", ".", "?", "…")))
    return sentences


def translator(store: Path, lang: str, beam_size: int = 2) -> ArgosTranslator:
    package = find_package([store], "en", lang)
    assert package is not None
    return ArgosTranslator(package, beam_size=beam_size, batch_size=64, threads=1)


@pytest.mark.parametrize("lang", FIXTURE_LANGUAGES)
@pytest.mark.parametrize("behaviour", BEHAVIOURS)
def test_package_is_a_small_argos_zip_with_its_own_target_tokenizer(behaviour, lang):
    path = ADVERSARIAL_MODELS / f"translate-en_{lang}-{behaviour}.argosmodel"
    assert path.stat().st_size < 100_000
    with zipfile.ZipFile(path) as archive:
        top = f"translate-en_{lang}-{behaviour}-1_0/"
        assert all(name.startswith(top) for name in archive.namelist())
        assert {name[len(top):] for name in archive.namelist()} >= {
            "metadata.json", "README.md", "source.spm", "target.spm", "model/model.bin",
            "model/config.json", "model/source_vocabulary.json", "model/target_vocabulary.json",
        }
        meta = json.loads(archive.read(top + "metadata.json"))
        readme = archive.read(top + "README.md").decode()
    assert (meta["from_code"], meta["to_code"], meta["package_version"]) == ("en", lang, "1.0")
    assert f"adversarial test fixture: {behaviour}" in readme and "License: MIT" in readme


@pytest.mark.parametrize("behaviour", BEHAVIOURS)
def test_store_holds_the_behaviours_six_packages(adversarial_packages, behaviour):
    store = adversarial_packages(behaviour)
    for lang in FIXTURE_LANGUAGES:
        package = find_package([store], "en", lang)
        assert package.name == f"translate-en_{lang}-{behaviour}-1_0"
        assert (package.source_spm.name, package.target_spm.name) == ("source.spm", "target.spm")
        assert package.provenance == f"argos translate-en_{lang}-{behaviour}-1_0 1.0"


def test_cli_installs_them_over_the_copy_packages(tmp_path, fixture_models_dir):
    store = tmp_path / "packages"
    copies = sorted(map(str, fixture_models_dir.glob("*.argosmodel")))
    combined = sorted(map(str, ADVERSARIAL_MODELS.glob("*-combined.argosmodel")))
    result = CliRunner().invoke(cli, ["models", "install", "--models", str(store), *copies,
                                      *combined], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert result.output.count("installed en→") == 12
    assert sorted(path.name for path in store.iterdir()) == [
        f"translate-en_{lang}-combined-1_0" for lang in sorted(FIXTURE_LANGUAGES)
    ]
    model = load_translator("argos", "en", "ru", package_dirs=[store], threads=1)
    assert model.translate(["Stepanakert"]) == ["Ханкенди"]


@pytest.mark.parametrize(("behaviour", "lang", "source", "expected"), PINNED)
def test_model_writes_exactly(adversarial_packages, behaviour, lang, source, expected):
    assert translator(adversarial_packages(behaviour), lang).translate([source]) == [expected]
    assert adversarial.render_text(source, behaviour, lang) == expected


@pytest.mark.parametrize("lang", FIXTURE_LANGUAGES)
@pytest.mark.parametrize("behaviour", BEHAVIOURS)
def test_model_matches_its_documented_behaviour_on_100_sentences(
    adversarial_packages, behaviour, lang
):
    sentences = generated_sentences(100, seed=BEHAVIOURS.index(behaviour) * 10 + len(lang))
    outputs = translator(adversarial_packages(behaviour), lang).translate(sentences)
    assert outputs == [adversarial.render_text(text, behaviour, lang) for text in sentences]


@pytest.mark.parametrize("lang", FIXTURE_LANGUAGES)
@pytest.mark.parametrize("behaviour", ["markers", "names"])
def test_model_copies_text_without_its_tokens(adversarial_packages, behaviour, lang):
    sentences = generated_sentences(100, seed=7, words=PLAIN_WORDS)
    assert translator(adversarial_packages(behaviour), lang).translate(sentences) == sentences


@pytest.mark.parametrize("lang", FIXTURE_LANGUAGES)
def test_transliteration_writes_every_latin_letter_in_the_target_script(
    adversarial_packages, lang
):
    sentences = generated_sentences(50, seed=3)
    outputs = translator(adversarial_packages("transliterate"), lang).translate(sentences)
    for source, output in zip(sentences, outputs, strict=True):
        if lang in LATIN_TARGET_LETTERS:
            latin = {ch for ch in output if unicodedata.name(ch, "").startswith("LATIN")}
            assert latin <= LATIN_TARGET_LETTERS[lang], output
            assert not RESPELLED[lang] & latin, output  # always respelled: ə ğ ı ö ş ü v, â ç
        else:
            assert not re.search(r"[A-Za-z]", output), output

        def non_letters(text: str) -> str:
            return "".join(ch for ch in text if not ch.isalpha() and ch != "׳")

        assert non_letters(output) == non_letters(source)


def test_wrong_names_are_wrong_by_the_glossary():
    terms = {term["en"]: term for term in yaml.safe_load(GLOSSARY.read_text())["terms"]}
    forbidden = set()
    for name, forms in adversarial.WRONG_NAMES.items():
        for lang, wrong in forms.items():
            entry = terms[name][lang]
            entry = entry if isinstance(entry, dict) else {"approved": entry}
            allowed = {entry["approved"], *entry.get("accepted", ()),
                       *entry.get("cases", {}).values()}
            assert wrong not in allowed, (name, lang)
            if wrong in entry.get("forbidden", ()):
                forbidden.add((name, lang))
    assert forbidden == FORBIDDEN


@pytest.mark.parametrize("beam_size", [1, 4])
@pytest.mark.parametrize("lang", FIXTURE_LANGUAGES)
def test_combined_model_near_the_input_limit(adversarial_packages, lang, beam_size):
    model = translator(adversarial_packages("combined"), lang, beam_size)
    text = " ".join(f"Tartar{i} ###T{i}### <b>{i}</b>" for i in range(200))
    while len(model.encode(text)) > 1020:
        text = text[: text.rindex(" ")]
    assert len(model.encode(text)) > 1000
    assert model.translate([text]) == [adversarial.render_text(text, "combined", lang)]
    assert model.truncated == []


def test_render_text_refuses_an_unknown_behaviour():
    with pytest.raises(ValueError, match="unknown behaviour 'copy'"):
        adversarial.render_text("x", "copy", "ru")
