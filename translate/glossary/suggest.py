"""Names in the articles that the glossary does not cover yet (``translate glossary suggest``).

Capitalised runs of words ("Lachin Corridor", "Barak Ravid") and single capitalised words after
a place preposition ("in Goris") or an apposition ("the town of Lachin"), most frequent first.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from translate.glossary.model import Glossary
from translate.glossary.terms import APPOSITION_NOUNS

STOPWORDS = {
    "a", "an", "the", "this", "that", "these", "those", "it", "its", "he", "she", "they", "we",
    "i", "you", "his", "her", "their", "our", "my", "your", "for", "but", "and", "or", "if",
    "in", "on", "at", "of", "to", "from", "by", "with", "as", "after", "before", "while",
    "when", "since", "during", "despite", "according", "there", "here", "what", "which", "who",
    "us", "mr", "mrs", "ms", "dr", "also", "meanwhile", "however", "yet", "so", "not", "no",
}
MONTHS_DAYS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec",
}
NAME_CONNECTORS = {"of", "de", "al", "el", "the", "and"}
PLACE_PREPOSITIONS = {"in", "at", "from", "near", "into", "towards", "toward", "outside"}


def suggest_terms(texts: Iterable[str], glossary: Glossary) -> list[tuple[str, int]]:
    """Capitalised multi-word names (and single names after in/from/at...) not yet covered."""
    covered = {name.casefold() for term in glossary.terms for name in (term.en, *term.aliases)}
    counts: Counter[str] = Counter()
    for text in texts:
        for sentence in re.split(r"(?<=[.!?])\s+|\n+|[“”\"—:;()]", text):
            counts.update(names_in_sentence(sentence, covered))
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def names_in_sentence(sentence: str, covered: set[str]) -> list[str]:
    """Candidate names of one sentence."""
    tokens = re.findall(r"[\w][\w'’.-]*|,", sentence)
    names = []
    run: list[str] = []
    run_start = 0

    def capitalised(word: str) -> bool:
        return word[:1].isupper() and word.casefold() not in MONTHS_DAYS

    def flush() -> None:
        words = list(run)
        start = run_start
        while words and (words[0].casefold() in STOPWORDS
                         or words[0].casefold() in NAME_CONNECTORS):
            words.pop(0)
            start += 1
        while words and words[-1].casefold() in NAME_CONNECTORS:
            words.pop()
        if not words or " ".join(words).casefold() in covered:
            return
        while len(words) > 1 and words[-1].casefold() in covered | NAME_CONNECTORS:
            words.pop()  # "Israeli Walla": the name is known, the adjective is not a name
        while len(words) > 1 and words[0].casefold() in covered | NAME_CONNECTORS:
            words.pop(0)
            start += 1
        name = " ".join(words)
        if name.casefold() in covered:
            return
        if len(words) >= 2:
            names.append(name)
        elif start > 0:
            before = tokens[start - 1].casefold()
            before2 = tokens[start - 2].casefold() if start >= 2 else ""
            if before in PLACE_PREPOSITIONS or (before == "of" and before2 in APPOSITION_NOUNS):
                names.append(name)

    for index, raw in enumerate(tokens):
        word = re.sub(r"['’]s$", "", raw).rstrip(".")
        if word and capitalised(word):
            if not run:
                run_start = index
            run.append(word)
            if word != raw.rstrip("."):  # a possessive ends the name
                flush()
                run = []
        elif run and word.casefold() in NAME_CONNECTORS - {"and"} and index + 1 < len(tokens) \
                and capitalised(tokens[index + 1]):
            run.append(word)
        else:
            if run:
                flush()
            run = []
    if run:
        flush()
    return names
