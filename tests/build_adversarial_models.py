"""Build the adversarial fixture packages: tiny real Argos packages that misbehave like real NMT.

The copy packages of ``build_fixture_models`` prove the plumbing; these prove the outcome. A
real en→xx model does not copy what it is asked to: it writes Latin names in the target
script, respaces, drops and repeats placeholders and tags, and picks the wrong (often the
forbidden) name for a disputed place. Each package here does one of these, per language
(hy, az, he, ru, fa, tr), deterministically, so tests can pin exact outputs:

``transliterate``  every ASCII letter comes out in the target script by a fixed letter
    table (``TRANSLITERATION``: ``Armenia`` → ``Армениа`` / ``Արմենիա`` / ``ארמעניא`` /
    ``Ərmenıə`` / ``ارمهنیا`` / ``Ârmenıâ``, ``Tartar`` → ``Тартар``); digits, punctuation,
    spaces and every other character are left alone. URLs, handles and marker contents are
    transliterated too.
``markers``  copies everything except the placeholder and tag tokens of ``MARKER_RULES``
    (by token class, as OPUS-MT and LibreTranslate models treat them):

    ===================  ==================  ==========================================
    shape                example → output    what happens
    ===================  ==================  ==========================================
    ``###T01###``        ``### T01 ###``     respaced: `` ###`` → `` ### ``, ``###`` →
                                             `` ###`` (the first at the text's start
                                             counts as after a space)
    ``__T1__``           ``T1``              both ``__`` dropped (spaces around kept)
    ``[[1]]``            ``[1]``             ``[[``/``]]`` halved to ``[``/``]``
    ``{1}``              ``{1}``             kept intact (braces are copied)
    ``<x1/>``            ``<x1/ >``          ``/>`` respaced to ``/ >`` (any ``/>``)
    ``<b>a</b>``         ``<b><b>a </b>``    ``<b>`` duplicated, ``</b>`` → `` </b>``
    ``⟦1⟧``              ``1``               ``⟦`` and ``⟧`` dropped
    ``[a](url)``         ``[a] (url)``       Markdown link: ``](`` → ``] (``
    ===================  ==================  ==========================================

    Each marker token is matched wherever it occurs (``x__y`` → ``xy``, ``[[`` inside text);
    anything not listed (``<i>``, ``%s``, ``{{1}}``'s braces, ...) is copied.
``names``  copies everything except the glossary place names of ``WRONG_NAMES``, which it
    renders with the forbidden variant of glossary.yaml (``Stepanakert`` → ``Ханкенди``,
    ``Karabakh`` → ``Арцах``), word by word (``Nagorno-Karabakh`` → ``Нагорно-Карабах``) or
    with a wrong variant (``Tartar`` → ``Татар``, ``Jerusalem`` → ``Ерусалим``, ``Shusha`` →
    ``Схусха``, letter by letter). A name is matched wherever it occurs, also inside a longer
    word (``Tartars`` → ``Татарs``).
``combined``  all three at once, as a real model does: names first, then markers, then the
    transliteration of every other Latin letter (``###T01###`` → ``### Т01 ###`` in ru,
    ``<x1/>`` → ``<кс1/ >``; the fixed renderings of marker tokens and names are kept).

For whoever picks the product's markers: through ``combined``, of the shapes above only
``{N}`` (digits between braces) comes out byte for byte; ``###N###`` and ``[[N]]`` come out
recognisable but respaced or halved, ``<b>`` doubled, ``__N__`` and ``⟦N⟧`` as the bare
number, and any Latin letter inside a marker in the target script. A marker around a name does
not protect it from the names rules either: ``<b>Stepanakert</b>`` → ``<b><b>Ханкенди </b>``.

``render_text(text, behaviour, lang)`` is the same behaviour written as plain Python: the
tests check that each model's output equals it. How: every package has its own target
SentencePiece model (``target.spm``, built by editing the ModelProto) whose pieces are the
rendered source pieces, and the copying Transformer of ``build_fixture_models`` maps source
piece i to its rendering (``build_mapping_spec``); a piece rendered as nothing becomes the
control piece ``<drop>``, which decodes to nothing. The source SentencePiece model
(``source.spm``, the same for all packages) holds every marker token and name as one piece.

Usage: ``python tests/build_fixture_models.py`` builds these too, into
``tests/fixtures/models/adversarial/translate-en_<xx>-<behaviour>.argosmodel``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import build_fixture_models as fixture

BEHAVIOURS = ("transliterate", "markers", "names", "combined")
LETTERS = "abcdefghijklmnopqrstuvwxyz"

#: Lower-case ASCII letter → target-script letters (upper case: the first letter upper-cased).
#: A fixed table, not a linguistic transliteration; Azerbaijani and Turkish get their own Latin
#: letters.
TRANSLITERATION: dict[str, tuple[str, ...]] = {
    "ru": ("а", "б", "к", "д", "е", "ф", "г", "х", "и", "дж", "к", "л", "м", "н", "о", "п",
           "к", "р", "с", "т", "у", "в", "в", "кс", "й", "з"),
    "hy": ("ա", "բ", "ք", "դ", "ե", "ֆ", "գ", "հ", "ի", "ջ", "ք", "լ", "մ", "ն", "ո", "փ",
           "ք", "ր", "ս", "թ", "ու", "վ", "ու", "քս", "յ", "զ"),
    "he": ("א", "ב", "ק", "ד", "ע", "פ", "ג", "ה", "י", "ג׳", "ק", "ל", "מ", "נ", "ו", "פ",
           "ק", "ר", "ס", "ט", "ו", "ו", "ו", "קס", "י", "ז"),
    "az": ("ə", "b", "ç", "d", "e", "f", "ğ", "h", "ı", "c", "k", "l", "m", "n", "ö", "p",
           "q", "r", "ş", "t", "ü", "v", "v", "x", "y", "z"),
    "fa": ("ا", "ب", "ک", "د", "ه", "ف", "گ", "ح", "ی", "ج", "ک", "ل", "م", "ن", "و", "پ",
           "ق", "ر", "س", "ت", "و", "و", "و", "کس", "ی", "ز"),
    "tr": ("â", "b", "ç", "d", "e", "f", "ğ", "h", "ı", "c", "k", "l", "m", "n", "ö", "p",
           "k", "r", "ş", "t", "ü", "v", "v", "ks", "y", "z"),
}

#: Marker token (a space stands for SentencePiece's "▁") → what the markers model writes.
MARKER_RULES: dict[str, str] = {
    " ###": " ### ",
    "###": " ###",
    "__": "",
    "[[": "[",
    "]]": "]",
    "/>": "/ >",
    "<b>": "<b><b>",
    "</b>": " </b>",
    "⟦": "",
    "⟧": "",
    "](": "] (",
}

#: Glossary place name → the wrong form the names model writes, per language (see the
#: module docstring; tests check each against glossary.yaml).
WRONG_NAMES: dict[str, dict[str, str]] = {
    "Stepanakert": {"ru": "Ханкенди", "hy": "Խանքենդի", "az": "Xankəndi", "he": "ח'אנקנדי",
                    "fa": "خانکندی", "tr": "Hankendi"},
    "Nagorno-Karabakh": {"ru": "Нагорно-Карабах", "hy": "Նագորնո-Ղարաբաղ",
                         "az": "Naqorno-Qarabağ", "he": "ארצאח", "fa": "آرتساخ",
                         "tr": "Nagorno-Karabağ"},
    "Karabakh": {"ru": "Арцах", "hy": "Արցախ", "az": "Artsax", "he": "ארצאח", "fa": "آرتساخ",
                 "tr": "Artsakh"},
    "Tartar": {"ru": "Татар", "hy": "Թաթար", "az": "Tatar", "he": "טטר", "fa": "تاتار",
               "tr": "Tatar"},
    "Jerusalem": {"ru": "Ерусалим", "hy": "Ջերուսալեմ", "az": "Qüds", "he": "אל-קודס",
                  "fa": "قدس", "tr": "Yeruşalayim"},
    # ru: not «Шуши», the Armenian name, which is also the genitive of «Шуша» (glossary.yaml).
    "Shusha": {"ru": "Схусха", "hy": "Շուշի", "az": "Şuşi", "he": "שושי", "fa": "شوشی",
               "tr": "Şuşi"},
}

DROP = "<drop>"  # target control piece: decodes to nothing
OUT_FOLDER = "adversarial"

# SentencePiece ModelProto piece types.
_UNKNOWN, _CONTROL, _USER_DEFINED, _BYTE = 2, 3, 4, 6


def source_symbols() -> list[str]:
    """The user-defined pieces of source.spm: every marker token, then every name."""
    return [token.replace(" ", "▁") for token in MARKER_RULES] + list(WRONG_NAMES)


def letter_table(lang: str) -> dict[str, str]:
    """ASCII letter → its transliteration into ``lang``'s script."""
    lower = dict(zip(LETTERS, TRANSLITERATION[lang], strict=True))
    upper = {latin.upper(): mapped[0].upper() + mapped[1:] for latin, mapped in lower.items()}
    return lower | upper


def rules_for(behaviour: str, lang: str) -> tuple[dict[str, str], dict[str, str]]:
    """(token → rendering, letter → rendering) of a behaviour; unlisted text is copied."""
    if behaviour not in BEHAVIOURS:
        raise ValueError(f"unknown behaviour {behaviour!r}; expected one of {BEHAVIOURS}")
    tokens: dict[str, str] = {}
    if behaviour in ("markers", "combined"):
        tokens |= MARKER_RULES
    if behaviour in ("names", "combined"):
        tokens |= {name: forms[lang] for name, forms in WRONG_NAMES.items()}
    letters = letter_table(lang) if behaviour in ("transliterate", "combined") else {}
    return tokens, letters


def render_text(text: str, behaviour: str, lang: str) -> str:
    """What the ``behaviour`` package for ``lang`` writes for ``text`` (one segment, as
    ArgosTranslator sends it): marker tokens and names are matched longest first from the
    left, after a leading space (SentencePiece's dummy prefix); the result is stripped."""
    tokens, letters = rules_for(behaviour, lang)
    by_length = sorted(tokens, key=len, reverse=True)
    source = " " + text
    out: list[str] = []
    position = 0
    while position < len(source):
        token = next((t for t in by_length if source.startswith(t, position)), None)
        if token is not None:
            out.append(tokens[token])
            position += len(token)
        else:
            out.append(letters.get(source[position], source[position]))
            position += 1
    return "".join(out).strip()


# --------------------------------------------------------------------------------------------
# Vocabularies and models
# --------------------------------------------------------------------------------------------


def render_piece(piece: str, kind: int, tokens: dict[str, str], letters: dict[str, str]) -> str:
    """The target piece for source ``piece`` (of ModelProto type ``kind``)."""
    if kind in (_UNKNOWN, _CONTROL, _BYTE):
        return piece
    text = piece.replace("▁", " ")
    if kind == _USER_DEFINED and text in tokens:
        rendered = tokens[text]
    else:
        rendered = "".join(letters.get(char, char) for char in text)
    return rendered.replace(" ", "▁") or DROP


def map_vocabulary(
    source_model: bytes, behaviour: str, lang: str
) -> tuple[list[str], list[str], list[int], bytes]:
    """(source pieces, target pieces, target index of each source piece, target.spm)."""
    from sentencepiece import sentencepiece_model_pb2 as model_pb2

    proto = model_pb2.ModelProto()
    proto.ParseFromString(source_model)
    tokens, letters = rules_for(behaviour, lang)
    source = [entry.piece for entry in proto.pieces]
    target: list[str] = []
    kinds: dict[str, int] = {}
    index: dict[str, int] = {}
    targets = []
    for entry in proto.pieces:
        rendered = render_piece(entry.piece, entry.type, tokens, letters)
        if rendered not in index:
            index[rendered] = len(target)
            target.append(rendered)
            kinds[rendered] = entry.type if entry.type in (_UNKNOWN, _CONTROL, _BYTE) else 1
        targets.append(index[rendered])
    kinds[DROP] = _CONTROL

    target_proto = model_pb2.ModelProto()
    target_proto.CopyFrom(proto)
    del target_proto.pieces[:]
    del target_proto.trainer_spec.user_defined_symbols[:]
    for position, piece in enumerate(target):
        entry = target_proto.pieces.add()
        entry.piece = piece
        entry.type = kinds[piece]
        entry.score = 0.0 if kinds[piece] != 1 else -float(position)
    return source, target, targets, target_proto.SerializeToString()


def train_source_sentencepiece() -> bytes:
    """source.spm: the fixture recipe, with every marker token and name as one piece."""
    return fixture.train_sentencepiece("en", symbols=source_symbols())


# --------------------------------------------------------------------------------------------
# Packages
# --------------------------------------------------------------------------------------------


def package_folder_name(lang: str, behaviour: str) -> str:
    """The package's top folder: ``translate-en_ru-names-1_0``."""
    return f"translate-en_{lang}-{behaviour}-{fixture.PACKAGE_VERSION.replace('.', '_')}"


def package_file_name(lang: str, behaviour: str) -> str:
    """``translate-en_ru-names.argosmodel``."""
    return f"translate-en_{lang}-{behaviour}.argosmodel"


def readme(lang: str, behaviour: str) -> str:
    """README.md of an adversarial package."""
    what = {
        "transliterate": "writes every ASCII letter in the target script",
        "markers": "respaces, drops and duplicates placeholder and tag tokens",
        "names": "writes a few glossary place names with a wrong or forbidden variant",
        "combined": "does all three: wrong names, mangled markers, transliterated letters",
    }[behaviour]
    return (
        f"# English → {fixture.LANGUAGE_NAMES[lang]} (adversarial test fixture: {behaviour})\n\n"
        f"A tiny hand-built CTranslate2 model that {what}, and copies everything else.\n"
        "Built by tests/build_adversarial_models.py of translate-news. For tests only.\n\n"
        "License: MIT\n"
    )


def build_package_files(lang: str, behaviour: str, source_model: bytes) -> dict[str, bytes]:
    """Every file of the package, by path inside the zip (without the top folder)."""
    source, target, targets, target_model = map_vocabulary(source_model, behaviour, lang)
    spec = fixture.build_mapping_spec(source, target, targets)
    files = fixture.model_and_metadata_files(spec, lang)
    files["README.md"] = readme(lang, behaviour).encode()
    files["source.spm"] = source_model
    files["target.spm"] = target_model
    return files


def build_all(out: Path) -> list[Path]:
    """Write the adversarial packages (every behaviour, every language) into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    source_model = train_source_sentencepiece()
    written = []
    for behaviour in BEHAVIOURS:
        for lang in fixture.LANGUAGE_NAMES:
            files = build_package_files(lang, behaviour, source_model)
            path = out / package_file_name(lang, behaviour)
            tmp = path.with_suffix(".tmp")
            tmp.write_bytes(fixture.zip_package(package_folder_name(lang, behaviour), files))
            shutil.move(tmp, path)
            written.append(path)
    return written
