"""How sure the model was of a machine draft: from CTranslate2's scores to the ``MT:`` note.

The engine asks ``translate_batch`` for ``return_scores`` in the same large batches it
translates in. With the default ``length_penalty=1`` CTranslate2 returns, for greedy search
and beam search alike, the sum of the output's token log-probabilities divided by its number
of tokens (end token included): the average token log-probability, a length-normalised
score that does not punish long sentences. It is the unsupervised quality estimate that needs
no second model and no second decode (Fomicheva et al., 2020, "Unsupervised Quality
Estimation for Neural Machine Translation", the *TP* measure), and it can be computed for
every sentence at the cost of nothing. A text the engine had to split into pieces gets the
average over all its tokens (each piece's score weighted by its length).

The ``MT:`` note says it as a probability, ``exp`` of that average (the geometric mean of
the token probabilities, 0 to 1, two decimals): ``MT: argos translate-en_ru-1_9 1.9
(confidence 0.62)``. Reviewers start with the least confident drafts: the review page lists
them first and flags those below LOW, and ``translate status`` lists them.

It measures what the model thought of its own output, not the output: a model that is sure of
a wrong name is sure all the same (the glossary and QA checks catch those).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence

import polib

from translate.po.catalog import get_notes

#: Drafts below this confidence are flagged on the review page (an average token
#: probability under one half: the model hesitated over many of the words).
LOW = 0.5

_NOTE = re.compile(r"\(confidence (\d(?:\.\d+)?)\)")


def average_log_prob(scores: Iterable[tuple[float, int]]) -> float | None:
    """The average token log-probability of a text made of pieces, each given as (its
    average token log-probability, its number of tokens); None without pieces."""
    total = count = 0.0
    for score, tokens in scores:
        total += score * tokens
        count += tokens
    return total / count if count else None


def confidence_of(log_prob: float | None) -> float | None:
    """The confidence (0 to 1) of an average token log-probability."""
    if log_prob is None or math.isnan(log_prob):
        return None
    return min(1.0, max(0.0, math.exp(log_prob)))


def mt_note(
    provenance: str,
    confidence: float | None,
    problems: Sequence[str] = (),
    notes: Sequence[str] = (),
) -> str:
    """The ``MT:`` note of a machine draft: its provenance, the model's confidence (when the
    engine gave one), what the MT step did to glossary terms (``problems``) and any other
    ``notes`` for the reviewer (a piecewise translation around inline markup)."""
    note = provenance
    if confidence is not None:
        note += f" (confidence {confidence:.2f})"
    if problems:
        note += " — glossary: " + "; ".join(problems)
    return " — ".join([note, *notes])


def read_confidence(notes: Sequence[str]) -> float | None:
    """The confidence an entry's ``MT:`` notes record (the lowest, if several), or None."""
    found = [float(m.group(1)) for note in notes for m in _NOTE.finditer(note)]
    return min(found) if found else None


def entry_confidence(entry: polib.POEntry) -> float | None:
    """The confidence of a machine draft's ``MT:`` note, or None."""
    return read_confidence(get_notes(entry, "MT"))


def least_confident_first(confidence: float | None) -> tuple[int, float]:
    """A sort key: drafts with a confidence, least confident first, then those without."""
    return (0, confidence) if confidence is not None else (1, 0.0)
