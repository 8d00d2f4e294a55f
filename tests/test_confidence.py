"""Machine-translation confidence (issue 16): CTranslate2's scores, asked for in the engine's
own batches, become each draft's ``(confidence x.xx)`` in its ``MT:`` note; ``translate
status`` and the review page list the least confident drafts first.

The copy fixture packages are sure of every token (confidence 1.00), so these tests build
*hesitant* packages (tests/build_hesitant_models.py): the same copying model, unsure of the
pieces it has to spell letter by letter or byte by byte, like a real model at the edge of
its vocabulary.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import build_hesitant_models as hesitant
import pytest
from conftest import invoke, make_project

from translate.models.engine import ArgosTranslator, split_text
from translate.models.install import install_package
from translate.models.packages import find_package
from translate.po import catalog, pofile
from translate.po.confidence import (
    LOW,
    average_log_prob,
    confidence_of,
    mt_note,
    read_confidence,
)

#: Sentences with more and more pieces the hesitant model is unsure of (words it spells
#: letter by letter); no glossary name, so the model gets each sentence as it is.
SENTENCES = (
    "Officials told reporters the president met the prime minister.",
    "The government announced on Monday that the talks would continue next week.",
    "The talks on the Zvartnots corridor would continue next week.",
    "Qqzx vvbn wwkj ppld announced.",
)
HEADLINE = "Talks to continue next week"


@pytest.fixture(scope="module")
def hesitant_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A package store with the hesitant en→ru and en→he packages, installed for real."""
    root = tmp_path_factory.mktemp("hesitant")
    store = root / "store"
    store.mkdir()
    for lang in ("ru", "he"):
        install_package(hesitant.build_package(lang, root / "packages"), store)
    return store


def translator(store: Path, lang: str = "ru", **options: object) -> ArgosTranslator:
    package = find_package([store], "en", lang)
    assert package is not None
    return ArgosTranslator(package, threads=1, **options)


def doubtful_share(engine: ArgosTranslator, text: str) -> float:
    """The share of the pieces of ``text`` (and the end token) the hesitant model doubts."""
    sp = engine._source_sp
    ids = sp.encode(text)
    doubted = sum(hesitant.doubtful(sp.id_to_piece(i), sp.is_byte(i), sp.is_control(i))
                  for i in ids)
    return doubted / (len(ids) + 1)


# --- the signal -----------------------------------------------------------------------------


@pytest.mark.parametrize("beam_size", [1, 2])
def test_score_is_the_average_token_log_probability(hesitant_store: Path, beam_size: int):
    """What translate_batch returns with return_scores is what translate.po.confidence says it
    is: the output's token log-probabilities (end token included), as CTranslate2's own
    forced-decoding scorer (score_batch) computes them, averaged."""
    engine = translator(hesitant_store, beam_size=beam_size)
    results = engine.translate_scored(list(SENTENCES))
    for text, (output, score) in zip(SENTENCES, results, strict=True):
        assert output == text  # the hesitant model still copies
        target = engine._target_sp.encode(output, out_type=str)
        log_probs = engine._model.score_batch([engine.encode(text)], [target])[0].log_probs
        assert score == pytest.approx(sum(log_probs) / len(log_probs), abs=1e-4)
        assert score < 0


def test_confidence_falls_with_the_share_of_doubted_pieces(hesitant_store: Path):
    engine = translator(hesitant_store)
    scores = [score for _output, score in engine.translate_scored(list(SENTENCES))]
    shares = [doubtful_share(engine, text) for text in SENTENCES]
    assert sorted(SENTENCES, key=lambda t: shares[SENTENCES.index(t)]) == list(SENTENCES)
    assert scores == sorted(scores, reverse=True), (shares, scores)
    assert confidence_of(scores[0]) > LOW > confidence_of(scores[-1])


def test_a_split_text_scores_over_all_its_tokens(hesitant_store: Path):
    """A text too long for the model is translated in pieces: its score is the average over
    all their tokens, each piece's average weighted by its length."""
    long = " ".join(SENTENCES)
    split = translator(hesitant_store, max_input_tokens=24)
    output, score = split.translate_scored([long])[0]
    assert output == long
    pieces = [piece.strip() for piece in split_text(long, split.fits)]
    assert len(pieces) > 1
    scored = split.translate_scored(pieces)
    lengths = [len(split._target_sp.encode(text)) + 1 for text, _ in scored]
    expected = average_log_prob((s, n) for (_t, s), n in zip(scored, lengths, strict=True))
    assert score == pytest.approx(expected, abs=1e-4)


class CallCounter:
    """The real model, with its translate_batch calls counted (everything else passed on)."""

    def __init__(self, model: object) -> None:
        self.model, self.calls = model, []

    def translate_batch(self, tokens, **options):
        self.calls.append((len(tokens), options.get("return_scores")))
        return self.model.translate_batch(tokens, **options)


def test_scores_come_from_the_same_large_batches(hesitant_store: Path):
    """No call per sentence, no second pass for the scores: 200 texts, one batch call."""
    engine = translator(hesitant_store, batch_size=32)
    counter = CallCounter(engine._model)
    engine._model = counter
    texts = [f"{SENTENCES[i % 4]} {i}" for i in range(200)]
    results = engine.translate_scored(texts)
    assert [output for output, _ in results] == texts
    assert counter.calls == [(200, True)]
    assert all(score is not None and score < 0 for _, score in results)


@pytest.mark.parametrize(("notes", "expected"), [
    (["argos translate-en_ru-1_9 1.9 (confidence 0.42)"], 0.42),
    (["argos x 1 (confidence 0.90) — glossary: Tartar → Тертер (was Татар)"], 0.9),
    (["pseudo"], None),
    ([], None),
])
def test_confidence_is_read_back_from_the_mt_note(notes: list[str], expected: float | None):
    assert read_confidence(notes) == expected


def test_mt_note_says_provenance_confidence_and_glossary_problems():
    assert mt_note("argos p 1.0", 0.4237) == "argos p 1.0 (confidence 0.42)"
    assert mt_note("pseudo", None) == "pseudo"
    assert (mt_note("argos p 1.0", 1.0, ["a", "b"])
            == "argos p 1.0 (confidence 1.00) — glossary: a; b")
    assert confidence_of(math.nan) is None and confidence_of(0.0) == 1.0


# --- through a run: the PO notes, translate status, the review page -------------------------


@pytest.fixture
def hesitant_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, hesitant_store: Path):
    """A project whose one article is SENTENCES (shuffled), translated by the hesitant
    en→ru and en→he packages."""
    root = make_project(tmp_path / "project", monkeypatch, store=hesitant_store)
    order = (2, 0, 3, 1)
    (root / "seeds" / "talks.txt").write_text(
        HEADLINE + "\n" + "\n".join(SENTENCES[i] for i in order) + "\n", encoding="utf-8")
    (root / "seeds" / "armenia-recalls-ambassador.txt").unlink()
    invoke("run", "--threads", "1", "--quiet", "--lang", "ru,he")
    return root


def notes_confidence(root: Path, lang: str) -> dict[str, float]:
    po = pofile.read_catalog(root / "locales" / lang / "LC_MESSAGES" / "talks.po")
    return {e.msgid: read_confidence(catalog.get_notes(e, "MT")) for e in po if not e.obsolete}


def test_each_draft_records_the_models_confidence(hesitant_project: Path, hesitant_store: Path):
    engine = translator(hesitant_store)
    for text, confidence in notes_confidence(hesitant_project, "ru").items():
        (_output, score), = engine.translate_scored([text])
        assert confidence == round(confidence_of(score), 2), text
    po = pofile.read_catalog(hesitant_project / "locales/ru/LC_MESSAGES/talks.po")
    assert all(catalog.entry_state(e) == "machine" for e in po)
    notes = [catalog.get_notes(e, "MT")[0] for e in po]
    assert all(n.startswith("argos translate-en_ru-hesitant-1_0 1.0 (confidence 0.") for n in notes)


def test_status_lists_the_least_confident_drafts_first(hesitant_project: Path):
    scored = json.loads(invoke("status", "--json").output)["drafts"]
    confidences = [d["confidence"] for d in scored]
    assert confidences == sorted(confidences)
    assert len(scored) == 2 * (len(SENTENCES) + 1)
    for lang in ("ru", "he"):
        mine = [d for d in scored if d["lang"] == lang]
        assert mine[0]["msgid"] == SENTENCES[3]  # the one the model spells letter by letter
        notes = notes_confidence(hesitant_project, lang)
        assert all(notes[d["msgid"]] == d["confidence"] for d in mine)
        lines = (hesitant_project / "locales" / lang / "LC_MESSAGES" / "talks.po").read_text(
            encoding="utf-8").split("\n")
        assert all(lines[d["line"] - 1].startswith("msgid") for d in mine)
    text = invoke("status", "--drafts", "3").output
    listed = text.split("review these first:\n", 1)[1].splitlines()[1:4]
    assert [float(row.split()[0]) for row in listed] == confidences[:3]
    assert all((row.split()[1] == "!") == (c < LOW)
               for row, c in zip(listed, confidences, strict=False))
    assert "least confident machine drafts (3 of 10" in text
    assert "review these first" not in invoke("status", "--drafts", "0").output


def test_review_page_lists_the_least_confident_drafts_first(hesitant_project: Path):
    page = (hesitant_project / "build/review/ru/talks.html").read_text(encoding="utf-8")
    listed = page.split('<details class="review-first" open>', 1)[1].split("</details>", 1)[0]
    shown = [float(x.split("<")[0].rstrip(" ⚠")) for x in
             listed.split('<span class="confidence">')[1:]]
    assert shown == sorted(shown) and len(shown) == len(SENTENCES) + 1
    notes = notes_confidence(hesitant_project, "ru")
    assert shown == sorted(notes.values())
    low = [c for c in shown if c < 0.5]
    assert low and listed.count('<li class="low">') == len(low)
    assert page.count(' low-confidence" id="u-') == len(low)

