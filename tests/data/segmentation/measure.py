"""Score sentence splitters on the news sets: exact paragraphs and boundary F1, side by side.

Run: .venv/bin/python tests/data/segmentation/measure.py
dev.jsonl is the set the rules were tuned on; news.jsonl is the held-out set.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

Splitter = Callable[[str], list[str]]


def read_cases(name: str) -> list[tuple[str, list[str]]]:
    """The (paragraph, expected sentences) pairs of ``<name>.jsonl``."""
    lines = (HERE / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
    return [(rec["text"], rec["sentences"]) for rec in map(json.loads, filter(None, lines))]


def boundaries(text: str, sentences: list[str]) -> set[int]:
    """Offsets in ``text`` where each sentence after the first starts."""
    offsets, pos = set(), 0
    for index, sentence in enumerate(sentences):
        found = text.find(sentence.strip(), pos)
        if found < 0:  # a splitter that changed the text: count what it kept
            continue
        if index:
            offsets.add(found)
        pos = found + len(sentence.strip())
    return offsets


def score_splitter(split: Splitter, cases: list[tuple[str, list[str]]]) -> tuple[float, float]:
    """(share of paragraphs split exactly right, boundary F1)."""
    exact = tp = fp = fn = 0
    for text, expected in cases:
        got = [s.strip() for s in split(text) if s.strip()]
        exact += got == expected
        want, have = boundaries(text, expected), boundaries(text, got)
        tp += len(want & have)
        fp += len(have - want)
        fn += len(want - have)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return exact / len(cases), f1


def pysbd_splitter() -> Splitter:
    """Plain pysbd, English, no cleaning.

    pysbd 0.3.4 has invalid escape sequences in its regular expressions: compiling it (uv does
    not byte-compile at install time, pip does) warns (DeprecationWarning up to Python 3.11,
    SyntaxWarning since 3.12), and the test suite turns warnings into errors. That warning is
    pysbd's, not ours, so it is silenced for this import only.
    """
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", SyntaxWarning)
        import pysbd

    return pysbd.Segmenter(language="en", clean=False).segment


def main() -> None:
    """Print the scores of translate.text.sentences and of plain pysbd on both sets."""
    from translate.text.sentences import split_sentences

    print(f"{'set':<6} {'splitter':<10} {'paragraphs':>10} {'exact':>7} {'F1':>7}")
    for name in ("dev", "news"):
        cases = read_cases(name)
        for label, split in (("segment", split_sentences), ("pysbd", pysbd_splitter())):
            exact, f1 = score_splitter(split, cases)
            print(f"{name:<6} {label:<10} {len(cases):>10} {exact:>7.3f} {f1:>7.3f}")


if __name__ == "__main__":
    main()
