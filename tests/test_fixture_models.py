"""The fixture Argos packages: reproducible from their script (the adversarial ones too), valid
packages, exact copiers."""

from __future__ import annotations

import json
import random
import zipfile

import build_fixture_models  # tests/ is on sys.path (pytest's rootdir-relative import)
import pytest

from translate.models.engine import ArgosTranslator
from translate.models.packages import find_package

LANGUAGES = ("hy", "az", "he", "ru", "fa", "tr")

#: Words for generated sentences: no lexicon word, many kinds of characters.
WORD_TEXT = (
    "the of and to in a is was for on that with as by at from his her they officials "
    "government minister ministry ceasefire conflict region border forces army drones "
    "Karabakh Hajiyev Ravid Walla Israeli Armenian Azeri “quoted” ‘single’ — – … "
    "@JNS_org @naghdalyan @a_b_c #breaking #war_zone news@example.com https://example.com/a_b?c=1 "
    "1994 60 2020-10-01 3.5 1,000 10% $60 €5 12:30 (brackets) [square] 'apostrophe' \"double\" "
    "Москва-река Ереван Երևան Հայաստան ירושלים שלום Bakı Şuşa ağac İlham x_y__z "
    "don't it's state-of-the-art e.g. U.S. ;:!?"
)
WORDS = tuple(WORD_TEXT.split())


def generated_sentences(count: int, seed: int) -> list[str]:
    """``count`` deterministic sentences of 1 to 40 words, some with doubled spaces."""
    rng = random.Random(seed)
    sentences = []
    for _ in range(count):
        words = [rng.choice(WORDS) for _ in range(rng.randint(1, 40))]
        separators = [rng.choice((" ", " ", " ", "  ", ", ")) for _ in words[1:]]
        sentence = words[0] + "".join(sep + word for sep, word in zip(separators, words[1:],
                                                                       strict=True))
        sentences.append(sentence + rng.choice(("", ".", "?", "!", "…")))
    return sentences


def test_script_reproduces_the_committed_packages(tmp_path, fixture_models_dir):
    # The copy packages and the adversarial ones under adversarial/ (build_adversarial_models).
    # The zip bytes depend on zlib's deflate output, stable across the zlib versions in use;
    # the member-by-member comparison first gives a readable failure if anything else moved.
    written = build_fixture_models.build_all(tmp_path)
    relative = sorted(str(path.relative_to(tmp_path)) for path in written)
    assert relative == sorted(
        str(path.relative_to(fixture_models_dir))
        for path in fixture_models_dir.rglob("*.argosmodel")
    )
    assert len(relative) == 6 + 24
    for path in written:
        committed = fixture_models_dir / path.relative_to(tmp_path)
        with zipfile.ZipFile(path) as new, zipfile.ZipFile(committed) as old:
            assert new.namelist() == old.namelist()
            for name in new.namelist():
                assert new.read(name) == old.read(name), f"{path.name}: {name} differs"
                assert new.getinfo(name).date_time == old.getinfo(name).date_time
        assert path.read_bytes() == committed.read_bytes(), f"{path.name}: zip bytes differ"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_package_is_a_small_argos_zip_with_one_top_folder(fixture_models_dir, lang):
    path = fixture_models_dir / f"translate-en_{lang}.argosmodel"
    assert path.stat().st_size < 500_000
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        top = f"translate-en_{lang}-1_0/"
        assert all(name.startswith(top) for name in names)
        assert {name[len(top) :] for name in names} >= {
            "metadata.json", "README.md", "sentencepiece.model", "model/model.bin",
            "model/config.json", "model/shared_vocabulary.json",
        }
        meta = json.loads(archive.read(top + "metadata.json"))
    assert meta["from_code"] == "en" and meta["to_code"] == lang
    assert meta["package_version"] == "1.0" and meta["license"] == "MIT"
    assert meta["argos_version"] and meta["to_name"] and meta["from_name"] == "English"


def test_lexicon_has_no_glossary_place_names():
    places = {"Armenia", "Azerbaijan", "Israel", "Jerusalem", "Nagorno-Karabakh", "Tartar",
              "Turkey", "Russia"}
    assert not places & set(build_fixture_models.LEXICON)


@pytest.mark.parametrize("beam_size", [1, 4])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_model_copies_200_sentences_exactly(installed_packages, lang, beam_size):
    package = find_package([installed_packages], "en", lang)
    assert package is not None
    translator = ArgosTranslator(package, beam_size=beam_size, batch_size=64, threads=1)
    sentences = generated_sentences(200, seed=LANGUAGES.index(lang))
    assert translator.translate(sentences) == sentences
    assert translator.truncated == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_model_copies_a_source_near_the_input_limit(installed_packages, lang):
    package = find_package([installed_packages], "en", lang)
    translator = ArgosTranslator(package, beam_size=1, threads=1)
    text = " ".join(f"word{i}" for i in range(400))
    head = text
    while len(translator.encode(head)) > 1020:
        head = head[:-1]
    assert len(translator.encode(head)) > 1000
    assert translator.translate([head]) == [head]
