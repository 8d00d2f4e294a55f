"""Tests of translate.models.engine: the Argos engine on real packages, loading, pseudo MT."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from translate.errors import MissingModelError
from translate.models.engine import (
    ArgosTranslator,
    PseudoTranslator,
    load_translator,
    split_text,
)
from translate.models.packages import describe_next_step, find_package

LANGUAGES = ("hy", "az", "he", "ru")


def argos(store, lang, **options):
    options.setdefault("threads", 1)
    package = find_package([store], "en", lang)
    assert package is not None
    return ArgosTranslator(package, **options)


# --- packages with separate tokenizers or a source prefix ------------------------------------


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


@pytest.mark.parametrize("lang", LANGUAGES)
def test_missing_model_error_gives_the_advice_of_doctor_and_fetch(tmp_path, lang):
    with pytest.raises(MissingModelError) as caught:
        load_translator("argos", "en", lang, package_dirs=[tmp_path])
    assert str(caught.value) == (
        f"no Argos package for en→{lang} in {tmp_path}; {describe_next_step('en', lang)}")


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


# --- OpenMP wait policy -------------------------------------------------------------------------

#: Run in a fresh interpreter (libgomp reads its settings once, when CTranslate2 is imported):
#: import the runtime as the engine does, then print what the environment holds afterwards.
OPENMP_PROBE = """
import os
from translate.models.engine import import_runtime
import_runtime()
print(os.environ.get("OMP_WAIT_POLICY"))
"""


@pytest.mark.parametrize(("given", "spin_count", "left"), [
    (None, "0", "None"),  # PASSIVE while loading, and not left for child processes
    ("ACTIVE", "30000000000", "ACTIVE"),  # the user's own setting wins
])
def test_openmp_starts_passive_and_the_environment_is_left_as_it_was(given, spin_count, left):
    env = {key: value for key, value in os.environ.items() if key != "OMP_WAIT_POLICY"}
    env["OMP_DISPLAY_ENV"] = "VERBOSE"  # libgomp prints its settings when it starts
    if given:
        env["OMP_WAIT_POLICY"] = given
    done = subprocess.run([sys.executable, "-c", OPENMP_PROBE], capture_output=True, text=True,
                          env=env, check=True)
    if "GOMP_SPINCOUNT" not in done.stderr:
        pytest.skip("this CTranslate2 build does not use GNU libgomp")
    assert f"GOMP_SPINCOUNT = '{spin_count}'" in done.stderr
    assert done.stdout == f"{left}\n"


def test_openmp_ignores_a_wait_policy_set_after_the_import():
    """Why the policy is set around the import: set later, libgomp keeps spinning."""
    code = "import os, ctranslate2; os.environ['OMP_WAIT_POLICY'] = 'PASSIVE'"
    env = {key: value for key, value in os.environ.items() if key != "OMP_WAIT_POLICY"}
    env["OMP_DISPLAY_ENV"] = "VERBOSE"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                          check=True)
    if "GOMP_SPINCOUNT" not in done.stderr:
        pytest.skip("this CTranslate2 build does not use GNU libgomp")
    assert "GOMP_SPINCOUNT = '0'" not in done.stderr


def test_building_a_translator_leaves_the_environment_alone(installed_packages, monkeypatch):
    monkeypatch.delenv("OMP_WAIT_POLICY", raising=False)
    before = dict(os.environ)
    argos(installed_packages, "ru")
    assert dict(os.environ) == before
