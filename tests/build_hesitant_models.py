"""Build *hesitant* Argos packages: the copy model, unsure of the words it does not know.

The fixture and adversarial packages (``build_fixture_models``, ``build_adversarial_models``)
are certain of every token they write: their scores are 0, every confidence 1.00, so they
cannot show that reviewers get the least confident drafts first. A real NMT model is least
sure where its vocabulary runs out. These packages copy exactly as the fixture packages do
(same SentencePiece model, same lexicon: ``Moscow`` → ``Москва``), but every piece of one
character (a word the vocabulary lacks, spelled letter by letter, or a lone punctuation
mark) and every byte piece (a character it never saw) is embedded with its code scaled by
DOUBT (``build_mapping_spec``'s ``doubts``): the model still writes it, with a probability of
about a half instead of 1. So a sentence's average token log-probability falls with the share
of such pieces in it, and the outputs stay exact copies.

Not committed: tests build them into a temporary folder (``build_package``, about a second
per language).
"""

from __future__ import annotations

from pathlib import Path

import build_fixture_models as fixture

#: The factor on the token code of a doubtful piece: confidences of 0.45 to 0.6 on news text.
DOUBT = 0.014


def doubtful(piece: str, is_byte: bool, is_control: bool) -> bool:
    """Whether the model is unsure of ``piece``: a byte, or one character (not a control)."""
    return is_byte or (not is_control and len(piece.replace("▁", "")) == 1)


def build_package_files(lang: str) -> dict[str, bytes]:
    """Every file of the hesitant en→``lang`` package (as ``fixture.build_package_files``)."""
    import sentencepiece as spm

    sp_model = fixture.train_sentencepiece(lang)
    processor = spm.SentencePieceProcessor(model_proto=sp_model)
    vocabulary = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
    index = {piece: i for i, piece in enumerate(vocabulary)}
    targets = list(range(len(vocabulary)))
    for word, forms in fixture.LEXICON.items():
        targets[index[f"▁{word}"]] = index[f"▁{forms[lang]}"]
    doubts = {i: DOUBT for i, piece in enumerate(vocabulary)
              if doubtful(piece, processor.is_byte(i), processor.is_control(i))}
    spec = fixture.build_mapping_spec(vocabulary, vocabulary, targets, doubts)
    files = fixture.model_and_metadata_files(spec, lang)
    files["README.md"] = (f"# English → {fixture.LANGUAGE_NAMES[lang]} (hesitant test "
                          "fixture)\n\nCopies its input, unsure of one-character and byte "
                          "pieces. Built by tests/build_hesitant_models.py of translate-news. "
                          "For tests only.\n\nLicense: MIT\n").encode()
    files["sentencepiece.model"] = sp_model
    return files


def build_package(lang: str, out: Path) -> Path:
    """Write ``out/translate-en_<lang>-hesitant.argosmodel``; return its path."""
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"translate-en_{lang}-hesitant.argosmodel"
    top = f"translate-en_{lang}-hesitant-{fixture.PACKAGE_VERSION.replace('.', '_')}"
    path.write_bytes(fixture.zip_package(top, build_package_files(lang)))
    return path
