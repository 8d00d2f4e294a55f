"""Language identification: script evidence first, langdetect only where it can be trusted."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from translate.text.langid import (
    MIN_LETTERS_FOR_LANGDETECT,
    dominant_script,
    identify_article_language,
    identify_language,
    identify_unit_language,
    looks_like,
    script_counts,
)

SEED = Path(__file__).parents[1] / "seeds" / "armenia-recalls-ambassador.txt"


def seed_lines() -> list[str]:
    return [line for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_seed_headline_is_not_catalan():
    headline = seed_lines()[0]
    assert headline.startswith("Armenia recalls ambassador")
    assert identify_language(headline) in ("en", None)


def test_no_seed_line_is_called_anything_but_english_or_unknown():
    assert {identify_language(line) for line in seed_lines()} <= {"en", None}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # Armenian, Hebrew, Russian: the script decides, even for short text.
        ("Հայաստանը հետ է կանչել Իսրայելում իր դեսպանին։", "hy"),
        ("Հայաստան", "hy"),
        ("ארמניה החזירה את שגרירה מישראל.", "he"),
        ("צה״ל", "he"),
        ("Армения отозвала посла из Израиля.", "ru"),
        ("Вірменія відкликала свого посла з Ізраїлю.", "uk"),
        # Armenian text with a Latin handle is still Armenian.
        ("ՀՀ ԱԳՆ խոսնակ @naghdalyan-ը գրել է Twitter-ում։", "hy"),
        # Azerbaijani is not Turkish: ə decides, even in short text.
        ("Ermənistan İsraildəki səfirini geri çağırıb.", "az"),
        ("Dağlıq Qarabağ", "az"),
        ("Ermənistan Azərbaycana silah satışına etiraz olaraq İsraildəki səfirini geri çağırıb.",
         "az"),
        # Turkish, long enough, with Turkic letters but no ə, q or x.
        ("Ermenistan, Azerbaycan'a silah satışını protesto etmek için İsrail'deki büyükelçisini "
         "geri çağırdı.", "tr"),
        # Persian: letters Arabic lacks (پ چ ژ گ) decide, even in short text; Urdu writes them
        # too, with letters of its own.
        ("پهپادهای اسرائیلی", "fa"),
        ("درگیری میان نیروهای ارمنی و آذربایجانی ادامه یافت.", "fa"),
        ("پاکستان کے وزیر خارجہ نے کہا کہ گفتگو جاری رہے گی اور دونوں ملک امن چاہتے ہیں۔", "ur"),
        ("استدعت أرمينيا سفيرها لدى إسرائيل احتجاجا على بيع الأسلحة إلى أذربيجان.", "ar"),
        # Long English text: langdetect, sure of itself.
        ("The clash between Armenian and Azerbaijani forces continued for a fifth straight day "
         "on Thursday.", "en"),
        # Short English with several function words.
        ("The Associated Press contributed to this report.", "en"),
        # Too short or no evidence: unknown.
        ("Jerusalem says it regrets Armenian decision", None),
        ("Barak Ravid", None),
        ("October 1, 2020", None),
        ("2020", None),
        ("", None),
        ("@BarakRavid", None),
    ],
)
def test_identify_language(text, lang):
    assert identify_language(text) == lang


@pytest.mark.parametrize(
    ("text", "lang", "plausible", "reason"),
    [
        ("Армения отозвала посла из Израиля.", "ru", True, "reads as Russian"),
        ("Armenia has recalled its ambassador from Israel.", "ru", False,
         "written in Latin letters, not Cyrillic"),
        ("Armenia has recalled its ambassador from Israel.", "hy", False,
         "written in Latin letters, not Armenian"),
        ("Армения отозвала посла из Израиля.", "he", False,
         "written in Cyrillic letters, not Hebrew"),
        ("Հայաստանը հետ է կանչել Իսրայելում իր դեսպանին։", "hy", True, "reads as Armenian"),
        ("ארמניה החזירה את שגרירה מישראל.", "he", True, "reads as Hebrew"),
        ("Ermənistan İsraildəki səfirini geri çağırıb.", "az", True, "reads as Azerbaijani"),
        ("Ermenistan, Azerbaycan'a silah satışını protesto etmek için İsrail'deki büyükelçisini "
         "geri çağırdı.", "az", False, "reads as Turkish (Turkic letters but no ə, q or x)"),
        ("Hajiyev lauded the effectiveness of the Israeli weapons.", "az", False,
         "reads as English, not Azerbaijani"),
        ("Barak Ravid", "az", True, "too little evidence to tell"),
        ("2020", "ru", True, "no letters"),
        ("Вірменія відкликала свого посла з Ізраїлю.", "ru", False,
         "reads as Ukrainian, not Russian"),
        ("درگیری میان نیروهای ارمنی و آذربایجانی ادامه یافت.", "fa", True, "reads as Persian"),
        ("استدعت أرمينيا سفيرها لدى إسرائيل احتجاجا على بيع الأسلحة إلى أذربيجان.", "fa",
         False, "reads as Arabic, not Persian"),
        ("Armenia has recalled its ambassador from Israel.", "fa", False,
         "written in Latin letters, not Arabic"),
        ("Ermenistan, Azerbaycan'a silah satışını protesto etmek için İsrail'deki büyükelçisini "
         "geri çağırdı.", "tr", True, "reads as Turkish"),
        ("Ermənistan İsraildəki səfirini geri çağırıb.", "tr", False,
         "reads as Azerbaijani (ə, q or x, which Turkish does not write)"),
    ],
)
def test_looks_like(text, lang, plausible, reason):
    assert looks_like(text, lang) == (plausible, reason)


def test_script_helpers():
    assert script_counts("Aрм 1") == {"Latin": 1, "Cyrillic": 2}
    assert dominant_script("Հայաստան @x") == "Armenian"
    assert dominant_script("2020") is None


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz ", max_size=MIN_LETTERS_FOR_LANGDETECT - 1))
def test_short_latin_text_without_english_words_is_unknown(text):
    words = set(text.split())
    english = {"the", "of", "and", "to", "is", "for", "from", "with", "that", "said", "has",
               "have", "by", "its", "this", "were", "are", "after", "which", "would", "will",
               "been", "their"}
    if len(words & english) < 2:
        assert identify_language(text) is None


@given(st.text(alphabet="աբգդեզէըթժիլխծկհձղճմյնշոչպջռսվտրցւփքօֆ ", min_size=1))
def test_any_armenian_text_is_armenian(text):
    assert identify_language(text) == ("hy" if text.strip() else None)


@pytest.mark.parametrize(
    ("text", "whole", "unit"),
    [
        # 66 letters: enough for langdetect on a whole text, too few for a unit of an article.
        ("Nous appelons les parties à un cessez-le-feu immédiat et à la reprise du dialogue.",
         "fr", None),
        # Turkic letters and q make a whole text Azerbaijani, never a unit: names such as these
        # fill English sentences.
        ("Residents of Dağlıq Qarabağ fled.", "az", None),
        # ə makes a unit Azerbaijani only without any English word around it.
        ("Qarabağ Azərbaycandır!", "az", "az"),
        ("Aliyev said in Baku: “Qarabağ Azərbaycandır!”", "az", None),
        # Other scripts decide for a unit as for a whole text.
        ("Это было давно.", "ru", "ru"),
        ("Հայաստան", "hy", "hy"),
    ],
)
def test_a_unit_of_an_english_article_needs_stronger_evidence(text, whole, unit):
    assert identify_language(text) == whole
    assert identify_unit_language(text, "en") == unit


def test_a_unit_in_the_article_language_has_no_language_of_its_own():
    assert identify_unit_language("Это было давно.", "ru") is None
    assert identify_unit_language("The Associated Press contributed to this report.", "en") is None
    # In an article that is not English, English words do not keep an ə-unit English...
    assert identify_unit_language("Aliyev said in Baku: “Qarabağ Azərbaycandır!”", "ru") == "en"
    # ... nor is a short English unit named (a whole text would be "en").
    assert identify_language("The Associated Press contributed to this report.") == "en"
    assert identify_unit_language("The Associated Press contributed to this report.", "ru") is None


def test_article_language():
    assert identify_article_language(SEED.read_text(encoding="utf-8")) == "en"
    russian = "Армения отозвала посла из Израиля.\nЕреван протестует."
    assert identify_article_language(russian) == "ru"
    assert identify_article_language("2020 — 2021") == "en"


# --- Ctrl-C while langdetect loads its profiles ------------------------------------------------

#: A child process that asks langdetect about an English sentence over and over (the first call
#: loads its 55 profiles) and says "wrong" and exits 3 on any other answer; Ctrl-C exits 130.
PROFILE_LOAD_CHILD = """
import sys
from translate.text.langid import detect_langdetect
TEXT = "The government said on Monday that the talks would continue next week in the capital."
print("ready", flush=True)
try:
    guess = detect_langdetect(TEXT)
    print("loaded", flush=True)
    while True:
        if guess is None or guess[0] != "en":
            print("wrong", guess, flush=True)
            sys.exit(3)
        guess = detect_langdetect(TEXT)
except KeyboardInterrupt:
    sys.exit(130)
"""
PROFILE_LOAD_TRIES, PROFILE_LOAD_SECONDS = 30, 90


def start_profile_load_child() -> tuple[subprocess.Popen[str], float]:
    """The child started and ready to load the profiles; the moment it said so."""
    proc = subprocess.Popen(
        [sys.executable, "-c", PROFILE_LOAD_CHILD], stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # Ctrl-C as a terminal
    )
    assert proc.stdout is not None and proc.stdout.readline() == "ready\n", proc.communicate()
    return proc, time.monotonic()


@pytest.mark.slow
def test_ctrl_c_while_langdetect_loads_its_profiles_is_never_swallowed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # langdetect's loader turns KeyboardInterrupt into LangDetectException (a bare except) and
    # keeps the profiles loaded so far: before the fix the interrupt was swallowed (exit 3
    # here: no answer), and the next English sentence came out as Polish, probability 1.0.
    proc, ready = start_profile_load_child()
    assert proc.stdout is not None and proc.stdout.readline() == "loaded\n"
    load_seconds = time.monotonic() - ready  # how long a load takes on this machine now
    proc.send_signal(signal.SIGINT)
    assert proc.wait(timeout=30) == 130  # interrupted after the load, in the loop
    proc.communicate()
    moments = random.Random(20261130)
    outcomes: Counter[str] = Counter()
    during_load = 0
    started = time.monotonic()
    for _ in range(PROFILE_LOAD_TRIES):
        if time.monotonic() - started > PROFILE_LOAD_SECONDS:
            break
        proc, ready = start_profile_load_child()
        time.sleep(max(0.0, moments.uniform(0, 1.2 * load_seconds) - (time.monotonic() - ready)))
        proc.send_signal(signal.SIGINT)
        stdout, stderr = proc.communicate(timeout=30)
        outcomes[str(proc.returncode)] += 1
        during_load += "loaded" not in stdout
        assert "Traceback" not in stderr, stderr
    tries = sum(outcomes.values())
    with capsys.disabled():
        print(f"\nCtrl-C during langdetect's profile load: {tries} tries ({during_load} before "
              f"the load ended; a load took {load_seconds:.2f} s), exit codes {dict(outcomes)}")
    # -SIGINT is 130 to a shell: CPython exits by SIGINT when the interrupt landed in code
    # run by exec() of a string (dataclasses, namedtuple), even though the child caught it.
    assert set(outcomes) <= {"130", str(-signal.SIGINT)}
    assert during_load >= tries // 4  # the interrupts did land during the load
