"""Sentence and clause boundaries: golden rules, news patterns, scores against pysbd, clauses."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from translate.text.sentences import sentence_spans, split_clauses, split_sentences

DATA = Path(__file__).resolve().parent / "data"


def load_module(name: str, path: Path):
    """Import a helper module of tests/data by path (tests/ is no package)."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(name, module)
    spec.loader.exec_module(module)
    return module


golden_rules = load_module("sentences_golden_rules", DATA / "segmentation" / "golden_rules.py")
measure = load_module("sentences_measure", DATA / "segmentation" / "measure.py")

XFAIL_RULES = {
    # Needs a parser: "6 P.M. Mr. Smith" splits but "5 a.m. Mr. Smith" does not.
    "At 5 a.m. Mr. Smith went to the bank.",
}


# --- sentences ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            text,
            expected,
            marks=[pytest.mark.xfail(strict=True)] if expected[0] in XFAIL_RULES else [],
        )
        for text, expected in golden_rules.GOLDEN_RULES
    ],
)
def test_golden_rule(text, expected):
    assert split_sentences(text) == expected


def test_golden_rules_at_least_47_of_48():
    rules = golden_rules.GOLDEN_RULES
    passed = sum(split_sentences(text) == expected for text, expected in rules)
    assert len(rules) == 48
    assert passed >= 47


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "He arrived in Washington D.C. The six-member team met him.",
            ["He arrived in Washington D.C.", "The six-member team met him."],
        ),
        ("Officials in Washington, D.C., said so.", ["Officials in Washington, D.C., said so."]),
        ("The U.S. State Department said so.", ["The U.S. State Department said so."]),
        (
            "It starts at 10 a.m. Thursday in Tel Aviv.",
            ["It starts at 10 a.m. Thursday in Tel Aviv."],
        ),
        (
            "It starts at 10 a.m. The doors open at 9.",
            ["It starts at 10 a.m.", "The doors open at 9."],
        ),
        (
            "“It was on my mind. In the end, we had visitors,” he said.",
            ["“It was on my mind.", "In the end, we had visitors,” he said."],
        ),
        (
            "“Why now?” Netanyahu asked. Nobody answered.",
            ["“Why now?” Netanyahu asked.", "Nobody answered."],
        ),
        ("Growth was 3.5% or $1,204.50 per person.", ["Growth was 3.5% or $1,204.50 per person."]),
        (
            "See https://example.com/a.b?x=1&y=2. Then call.",
            ["See https://example.com/a.b?x=1&y=2.", "Then call."],
        ),
        ("Write to a.b@example.co.il. We reply.", ["Write to a.b@example.co.il.", "We reply."]),
        ("Follow @JNS_org. #Armenia trended.", ["Follow @JNS_org.", "#Armenia trended."]),
        (
            "Lt. Gen. Aviv Kohavi and Sen. Bob Menendez met Dr. Smith.",
            ["Lt. Gen. Aviv Kohavi and Sen. Bob Menendez met Dr. Smith."],
        ),
        (
            "The vote is on Oct. 1. It may be delayed.",
            ["The vote is on Oct. 1.", "It may be delayed."],
        ),
        ("He said... nothing at all.", ["He said... nothing at all."]),
        (
            "Shares rose. (Reuters) reported it first.",
            ["Shares rose. (Reuters) reported it first."],
        ),
        ("", []),
        ("   ", []),
        ("No final mark", ["No final mark"]),
    ],
)
def test_news_patterns(text, expected):
    assert split_sentences(text) == expected


@pytest.mark.parametrize(
    ("name", "min_exact", "min_f1"), [("dev", 0.95, 0.98), ("news", 0.85, 0.96)]
)
def test_news_set_scores(name, min_exact, min_f1):
    cases = measure.read_cases(name)
    exact, f1 = measure.score_splitter(split_sentences, cases)
    base_exact, base_f1 = measure.score_splitter(measure.pysbd_splitter(), cases)
    print(
        f"{name}: sentences exact={exact:.3f} F1={f1:.3f}; pysbd exact={base_exact:.3f} "
        f"F1={base_f1:.3f}"
    )
    assert len(cases) >= (60 if name == "news" else 25)
    assert exact >= min_exact and f1 >= min_f1
    assert exact > base_exact and f1 > base_f1


@given(st.text(alphabet=st.sampled_from(list("Ab .!?…\"“”'’()\n\t1@#:-")), max_size=80))
def test_sentence_spans_cover_the_text(text):
    spans = sentence_spans(text)
    pos = 0
    for start, end in spans:
        assert text[pos:start].strip() == ""
        assert start < end and text[start:end] == text[start:end].strip()
        pos = end
    assert text[pos:].strip() == ""
    assert split_sentences(text) == [text[s:e] for s, e in spans]


# --- clauses --------------------------------------------------------------------------------

LONG = (
    "The Azeri military has been using Israeli-made attack drones — including loitering "
    "munitions, or “kamikaze drones” — during the recent uptick in violence with Armenia, "
    "Hikmet Hajiyev said in an interview with the Israeli Walla news outlet Wednesday."
)


def test_split_clauses_cuts_at_clause_boundaries():
    pieces = split_clauses(LONG, lambda piece: len(piece) <= 120)
    assert "".join(pieces) == LONG
    assert pieces[0].endswith("— ") and pieces[1].endswith("Armenia, ")
    assert all(len(p) <= 120 for p in pieces)
    assert split_clauses(LONG, lambda piece: True) == [LONG]


@given(
    st.text(alphabet=st.sampled_from(list("ab ,;:—–\n.x")), max_size=200),
    st.integers(min_value=1, max_value=40),
)
def test_split_clauses_keeps_every_character(text, budget):
    pieces = split_clauses(text, lambda piece: len(piece) <= budget)
    assert "".join(pieces) == text
    assert all(len(p) <= budget for p in pieces)
    assert all(pieces) or pieces == [""]


def test_split_clauses_gives_up_per_character_when_nothing_fits():
    assert split_clauses("abc", lambda piece: False) == ["a", "b", "c"]


def test_split_clauses_on_a_line_without_spaces_cuts_it_evenly():
    # How long this takes, against a 10x shorter line, is measured by benchmarks/run.py.
    text = "x" * 20_000
    pieces = split_clauses(text, lambda piece: len(piece) <= 500)
    assert "".join(pieces) == text and len(pieces) == 40


def test_no_boundary_inside_a_kept_span():
    text = "He said it would not stand aside. Nobody believed him. Then he left."
    link = (text.index("stand"), text.index("Nobody") + len("Nobody"))
    assert sentence_spans(text) == [(0, 33), (34, 54), (55, 68)]
    assert sentence_spans(text, [link]) == [(0, 54), (55, 68)]
    gap = (33, 34)  # an element wholly between two sentences (a line break) keeps them apart
    assert sentence_spans(text, [gap]) == [(0, 33), (34, 54), (55, 68)]
