"""Names the glossary does not cover yet (``translate glossary suggest``)."""

from __future__ import annotations

from pathlib import Path

from translate.glossary.suggest import suggest_terms

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "armenia-recalls-ambassador.txt"


def test_suggest_terms_on_the_seed(glossary):
    suggestions = suggest_terms([SEED.read_text(encoding="utf-8")], glossary)
    assert suggestions == [
        ("Armenian Embassy", 1),
        ("Associated Press", 1),
        ("Azeri Ministry of Defense", 1),
        ("Barak Ravid", 1),
        ("Defense Ministry", 1),
        ("Hikmet Hajiyev", 1),
        ("Israeli Foreign Ministry", 1),
    ]


def test_suggest_terms_counts_and_places(glossary):
    texts = ["Shelling hit Goris and the town of Lachin.", "Troops left Lachin Corridor.",
             "In Goris, the Lachin Corridor was closed on Monday.", "On Sunday Yerevan said."]
    assert suggest_terms(texts, glossary) == [("Lachin Corridor", 2), ("Goris", 1),
                                              ("Lachin", 1)]
