"""Tests of translate.engine: package discovery, the Argos engine on real packages, pseudo MT."""

from __future__ import annotations

import json
import re
import shutil
import socket

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from translate.engine import (
    ArgosTranslator,
    PseudoTranslator,
    default_package_dirs,
    find_package,
    find_packages,
    load_translator,
    split_text,
)
from translate.errors import MissingModelError

LANGUAGES = ("hy", "az", "he", "ru")


def argos(store, lang, **options):
    options.setdefault("threads", 1)
    package = find_package([store], "en", lang)
    assert package is not None
    return ArgosTranslator(package, **options)


def set_version(package_dir, version):
    meta = json.loads((package_dir / "metadata.json").read_text())
    meta["package_version"] = version
    (package_dir / "metadata.json").write_text(json.dumps(meta))


# --- discovery --------------------------------------------------------------------------------


def test_default_package_dirs_honours_argos_packages_dir(monkeypatch, tmp_path):
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "store"))
    assert default_package_dirs() == [tmp_path / "store"]


def test_default_package_dirs_falls_back_to_xdg_data_home(monkeypatch, tmp_path):
    monkeypatch.delenv("ARGOS_PACKAGES_DIR")
    monkeypatch.delenv("SNAP", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert default_package_dirs() == [tmp_path / "data/argos-translate/packages"]
    assert not (tmp_path / "data").exists()  # computing the path creates nothing
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_package_dirs() == [tmp_path / "home/.local/share/argos-translate/packages"]


def test_default_package_dirs_reads_argos_settings_json(monkeypatch, tmp_path):
    monkeypatch.delenv("ARGOS_PACKAGES_DIR")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    (tmp_path / "argos-translate").mkdir()
    (tmp_path / "argos-translate/settings.json").write_text(
        json.dumps({"ARGOS_PACKAGES_DIR": str(tmp_path / "custom")})
    )
    assert default_package_dirs() == [tmp_path / "custom"]


def test_find_packages_reads_the_four_fixture_packages(installed_packages):
    packages = find_packages([installed_packages])
    assert [(p.from_code, p.to_code, p.name, p.version) for p in packages] == [
        ("en", "az", "translate-en_az-1_0", "1.0"),
        ("en", "he", "translate-en_he-1_0", "1.0"),
        ("en", "hy", "translate-en_hy-1_0", "1.0"),
        ("en", "ru", "translate-en_ru-1_0", "1.0"),
    ]
    ru = packages[-1]
    assert ru.path == installed_packages / "translate-en_ru-1_0"
    assert ru.model_dir == ru.path / "model"
    assert ru.source_spm == ru.target_spm == ru.path / "sentencepiece.model"
    assert ru.license == "MIT" and ru.target_prefix == ""
    assert 500_000 < ru.size_bytes < 2_000_000
    assert ru.provenance == "argos translate-en_ru-1_0 1.0"


def test_find_packages_skips_what_is_not_a_usable_package(installed_packages):
    (installed_packages / "no-metadata").mkdir()
    (installed_packages / "stray-file.txt").write_text("x")
    broken = installed_packages / "broken"
    broken.mkdir()
    (broken / "metadata.json").write_text("{not json")
    no_model = installed_packages / "translate-en_fr-1_0"
    shutil.copytree(installed_packages / "translate-en_ru-1_0", no_model)
    shutil.rmtree(no_model / "model")
    assert len(find_packages([installed_packages, installed_packages / "absent"])) == 4
    assert find_package([installed_packages], "en", "fr") is None


def test_first_dir_wins_and_highest_version_within_a_dir(installed_packages, tmp_path):
    newer = installed_packages / "translate-en_ru-1_10"
    shutil.copytree(installed_packages / "translate-en_ru-1_0", newer)
    set_version(newer, "1.10")
    assert find_package([installed_packages], "en", "ru").path == newer
    extra = tmp_path / "extra"
    shutil.copytree(installed_packages / "translate-en_ru-1_0", extra / "mine")
    set_version(extra / "mine", "0.5")
    assert find_package([extra, installed_packages], "en", "ru").path == extra / "mine"
    assert find_package([installed_packages, extra], "en", "ru").path == newer


def test_separate_source_and_target_sentencepiece_models(installed_packages):
    package_dir = installed_packages / "translate-en_ru-1_0"
    shutil.copy(package_dir / "sentencepiece.model", package_dir / "source.spm")
    (package_dir / "sentencepiece.model").rename(package_dir / "target.spm")
    package = find_package([installed_packages], "en", "ru")
    assert package.source_spm == package_dir / "source.spm"
    assert package.target_spm == package_dir / "target.spm"
    translator = ArgosTranslator(package, threads=1)
    assert translator.translate(["Moscow said_so"]) == ["Москва сказал_so"]


def test_source_prefix_from_metadata_leads_every_source(installed_packages):
    package_dir = installed_packages / "translate-en_ru-1_0"
    meta = json.loads((package_dir / "metadata.json").read_text())
    meta["source_prefix"] = "__en__"  # what `models convert` writes for M2M-100
    (package_dir / "metadata.json").write_text(json.dumps(meta))
    translator = argos(installed_packages, "ru")
    assert translator.package.source_prefix == "__en__"
    plain = find_package([installed_packages], "en", "hy")
    assert plain.source_prefix == ""
    pieces = argos(installed_packages, "hy").encode("Moscow")
    assert translator.encode("Moscow") == ["__en__", *pieces]


def test_license_is_read_from_the_readme_when_metadata_has_none(installed_packages):
    package_dir = installed_packages / "translate-en_he-1_0"
    meta = json.loads((package_dir / "metadata.json").read_text())
    del meta["license"]
    (package_dir / "metadata.json").write_text(json.dumps(meta))
    (package_dir / "README.md").write_text("# Model\n\n## License\n\nCC-BY 4.0\n")
    assert find_package([installed_packages], "en", "he").license == "CC-BY 4.0"


# --- the Argos engine ------------------------------------------------------------------------

SENTENCE = "Moscow said today that weapons from @JNS_org cost “60 percent” — 1994."


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("ru", "Москва сказал сегодня that оружие from @JNS_org cost “60 percent” — 1994."),
        ("hy", "Մոսկվա ասաց այսօր that զենքեր from @JNS_org cost “60 percent” — 1994."),
        ("he", "מוסקבה אמר היום that נשק from @JNS_org cost “60 percent” — 1994."),
        ("az", "Moskva dedi bugün that silahlar from @JNS_org cost “60 percent” — 1994."),
    ],
)
def test_argos_translates_exactly(installed_packages, lang, expected):
    translator = argos(installed_packages, lang)
    assert translator.name == "argos"
    assert translator.provenance == f"argos translate-en_{lang}-1_0 1.0"
    assert translator.translate([SENTENCE]) == [expected]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_glossary_place_names_and_other_scripts_are_copied(installed_packages, lang):
    text = "Armenia, Azerbaijan, Israel, Jerusalem, Nagorno-Karabakh, Tartar, Turkey, Russia: " \
           "Երևան ירושלים Москва Bakı"
    assert argos(installed_packages, lang).translate([text]) == [text]


@pytest.mark.parametrize("text", ["@JNS_org", "@a_b_c and #war_zone", "x__y_", "_lead"])
def test_underscores_survive_decoding(installed_packages, text):
    assert argos(installed_packages, "ru").translate([text]) == [text]


def test_empty_and_whitespace_only_texts_are_returned_unchanged(installed_packages):
    texts = ["", " ", "\t\n", "  Moscow  ", "\u00a0x\u00a0"]
    assert argos(installed_packages, "ru").translate(texts) == [
        "", " ", "\t\n", "  Москва  ", "\u00a0x\u00a0"]
    assert argos(installed_packages, "ru").translate([]) == []


def test_batch_order_is_kept_with_mixed_lengths_and_duplicates(installed_packages):
    texts = [
        "a " * 50 + "end", "Moscow", "short one", "Moscow", "a " * 50 + "end", "b", "short one",
        "the " * 120 + "long", "b",
    ]
    expected = [text.replace("Moscow", "Москва") for text in texts]
    assert argos(installed_packages, "ru", batch_size=2).translate(texts) == expected


def test_progress_counts_distinct_segments(installed_packages):
    done = []
    argos(installed_packages, "ru", batch_size=1).translate(
        ["a", "b", "a", "c"], progress=done.append)
    assert sum(done) == 3


def test_long_input_is_split_and_never_cut(installed_packages):
    translator = argos(installed_packages, "hy", max_input_tokens=24)
    words = [f"word{i}" for i in range(60)]
    text = "Moscow, " + ", ".join(words) + "; " + "x" * 90 + " and today."
    assert not translator.fits(text)
    expected = text.replace("Moscow", "Մոսկվա").replace("today", "այսօր")
    assert translator.translate([text, "  " + text + " "]) == [expected, "  " + expected + " "]
    assert translator.truncated == []


@settings(max_examples=60, deadline=None)
@given(st.text(st.sampled_from("ab ,.;—\u00a0\t"), max_size=80), st.integers(1, 12))
def test_split_text_joins_back_and_each_piece_fits(text, limit):
    def fits(piece):
        return len(piece) <= limit

    pieces = split_text(text, fits)
    assert "".join(pieces) == text
    assert all(fits(piece) for piece in pieces)
    assert all(pieces) or text == ""


def test_load_translator_opens_no_network_socket(installed_packages, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError(f"network connection attempted: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    translator = load_translator("argos", "en", "az", package_dirs=[installed_packages],
                                 beam_size=1, threads=1)
    assert translator.translate(["Moscow today"]) == ["Moskva bugün"]


# --- loading and missing packages --------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_missing_model_error_names_the_pair_and_the_next_step(tmp_path, lang):
    with pytest.raises(MissingModelError) as caught:
        load_translator("argos", "en", lang, package_dirs=[tmp_path])
    message = str(caught.value)
    assert f"en→{lang}" in message
    assert "translate models install FILE.argosmodel" in message
    assert str(tmp_path) in message
    assert ("translate models convert" in message) == (lang == "hy")
    assert ("no en→hy" in message) == (lang == "hy")


def test_load_translator_pseudo_and_unknown_engine(tmp_path):
    assert load_translator("pseudo", "en", "ru", package_dirs=[tmp_path]).provenance == "pseudo"
    with pytest.raises(ValueError, match="unknown MT engine"):
        load_translator("google", "en", "ru", package_dirs=[tmp_path])


# --- pseudo-translation ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("ru", "⟦ru⟧ The талкс саид 12 @JNS_org ⟦/ru⟧"),
        ("hy", "⟦hy⟧ The տալկս սաիդ 12 @JNS_org ⟦/hy⟧"),
        ("he", "⟦he⟧ The תאלכס סאיד 12 @JNS_org ⟦/he⟧"),
        ("az", "⟦az⟧ The təlkş şəıd 12 @JNS_org ⟦/az⟧"),
    ],
)
def test_pseudo_translation_per_language(lang, expected):
    translator = PseudoTranslator(lang)
    assert translator.name == "pseudo" and translator.provenance == "pseudo"
    assert translator.translate(["The talks said 12 @JNS_org", "", "  "]) == [expected, "", "  "]


KEPT = st.one_of(
    st.from_regex(r"@[A-Za-z0-9_]{1,12}", fullmatch=True),
    st.from_regex(r"#[a-z_]{1,10}", fullmatch=True),
    st.from_regex(r"https://[a-z]{1,8}\.(com|org)/[a-z_/]{0,10}", fullmatch=True),
    st.from_regex(r"[a-z.]{1,8}@[a-z]{1,8}\.(com|am)", fullmatch=True),
    st.from_regex(r"[0-9][0-9,.]{0,8}", fullmatch=True),
    st.from_regex(r"[A-Z][a-z]{0,10}", fullmatch=True),
)
WORD = st.from_regex(r"[a-z]{1,10}[,.;:]?", fullmatch=True)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.one_of(KEPT, WORD), min_size=1, max_size=12),
       st.sampled_from(LANGUAGES), st.sampled_from(["", " ", "\n"]))
def test_pseudo_keeps_numbers_handles_urls_and_names(tokens, lang, space):
    text = space + " ".join(tokens) + space
    translator = PseudoTranslator(lang)
    output = translator.translate([text])[0]
    assert output == translator.translate([text])[0]  # deterministic
    assert output.startswith(space + f"⟦{lang}⟧ ") and output.endswith(f" ⟦/{lang}⟧" + space)
    for token in tokens:
        if not re.fullmatch(r"[a-z]+[,.;:]?", token):
            assert token in output
    for number in re.findall(r"\d+", text):
        assert number in output
