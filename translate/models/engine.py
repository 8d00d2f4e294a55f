"""Machine translation: the CTranslate2 engine on an Argos package, and a pseudo-translator.

``load_translator`` finds the package for a pair (``translate.models.packages``), and
``ArgosTranslator`` loads its model once and translates many texts in large
``translate_batch`` calls. It never imports ``argostranslate`` (``argostranslate.translate``
downloads a sentence splitter at run time) and never touches the network. ``ctranslate2`` and
``sentencepiece`` are imported lazily (``import_runtime``) so that ``translate --help`` stays
fast.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple, Protocol

from translate.core.interrupts import deferred_interrupt
from translate.errors import MissingModelError, ModelError
from translate.lang import profile
from translate.models.check import check_model
from translate.models.packages import PackageInfo, describe_next_step, find_package
from translate.options import ENGINES as RUN_ENGINES
from translate.po.confidence import average_log_prob
from translate.text.sentences import split_clauses

#: CTranslate2 truncates inputs after this many tokens (its ``max_input_length`` default).
MODEL_INPUT_LIMIT = 1024

ENGINES = tuple(name for name in RUN_ENGINES if name != "none")  # the ones that translate

#: What OpenMP threads do between parallel regions. Idle threads that spin compete for the
#: cores the model needs: on a busy 2-core machine CTranslate2 ran 60x slower with them
#: (BENCHMARKS.md, "OpenMP spinning"). See ``import_runtime`` for when it is set.
OPENMP_WAIT_POLICY = "PASSIVE"


# --------------------------------------------------------------------------------------------
# Translators
# --------------------------------------------------------------------------------------------


class Translator(Protocol):
    """What the pipeline needs from an MT engine."""

    name: str  # "argos" | "pseudo"
    provenance: str  # for the PO comment, e.g. "argos translate-en_ru-1_9 1.9"

    def translate(self, texts: Sequence[str]) -> list[str]:
        """One translation per text, in order."""
        ...


def split_text(text: str, fits: Callable[[str], bool]) -> list[str]:
    """Split ``text`` into pieces that each ``fits``, with ``"".join(pieces) == text``.

    ``translate.text.sentences.split_clauses`` cuts at clause boundaries first, then after spaces,
    and as a last resort between characters.
    """
    if fits(text):
        return [text]
    return [piece for piece in split_clauses(text, fits) if piece]


def _split_whitespace(text: str) -> tuple[str, str, str]:
    core = text.strip()
    if not core:
        return text, "", ""
    start = text.index(core)
    return text[:start], core, text[start + len(core) :]


_Plan = tuple[str, list[tuple[str, str, str]], str]


def _plan_text(text: str, fits: Callable[[str], bool]) -> _Plan:
    """(leading space, pieces as (space, core, space), trailing space); no pieces: blank."""
    lead, core, trail = _split_whitespace(text)
    if not core:
        return (text, [], "")
    return (lead, [_split_whitespace(piece) for piece in split_text(core, fits)], trail)


def _join_plan(plan: _Plan, translated: dict[str, str]) -> str:
    """The text of ``plan`` with each piece replaced by its translation."""
    lead, parts, trail = plan
    if not parts:
        return lead
    body = "".join(
        before + (translated[piece] if piece else "") + after for before, piece, after in parts
    )
    return lead + body + trail


class ArgosTranslator:
    """One Argos package loaded once: CTranslate2 model plus SentencePiece model(s).

    ``translate`` de-duplicates its texts, sorts them by length and sends them in large
    ``translate_batch`` calls. Texts too long for the model are split (``split_text``) and
    the translations of the pieces joined; the decoding length is sized from each batch's
    longest input, so output is never cut silently: a text whose output still reached the
    limit is listed in ``truncated`` (and logged). The same calls return CTranslate2's
    scores: ``translate_scored`` gives each text's average token log-probability beside its
    translation (``translate.po.confidence``).
    """

    name = "argos"

    def __init__(
        self,
        package: PackageInfo,
        *,
        device: str = "cpu",
        beam_size: int = 2,
        batch_size: int = 32,
        threads: int = 0,
        max_input_tokens: int = MODEL_INPUT_LIMIT,
        max_output_tokens: int = MODEL_INPUT_LIMIT,
    ) -> None:
        ctranslate2, sentencepiece = import_runtime()

        self.package = package
        self.provenance = package.provenance
        self.device = device
        self.beam_size = max(1, beam_size)
        self.batch_size = max(1, batch_size)
        self.max_input_tokens = max_input_tokens
        self.max_output_tokens = max_output_tokens
        self.truncated: list[str] = []
        self._prefix = package.target_prefix.split()
        self._source_prefix = package.source_prefix.split()
        check_model(package.model_dir)  # what CTranslate2 would load, then fail or crash on
        try:
            self._model = ctranslate2.Translator(
                str(package.model_dir),
                device=device,
                # CTranslate2's own default (4 threads) oversubscribes small machines, and
                # OpenMP spin-waiting then costs 10x: use one thread per core unless told.
                intra_threads=threads or os.cpu_count() or 1,
                inter_threads=1,
            )
        except (RuntimeError, OSError, ValueError) as err:
            raise ModelError(f"{package.path}: cannot load the Argos package "
                             f"({_first_line(err)})") from err
        spm = {path: _sentencepiece(sentencepiece, package, path)
               for path in {package.source_spm, package.target_spm}}
        self._source_sp, self._target_sp = spm[package.source_spm], spm[package.target_spm]

    def encode(self, text: str) -> list[str]:
        """The source tokens of ``text``: the package's source prefix, then its pieces."""
        return [*self._source_prefix, *self._source_sp.encode(text, out_type=str)]

    def fits(self, text: str) -> bool:
        """True when ``text`` fits the model's input (room left for BOS/EOS)."""
        return len(self.encode(text)) <= self.max_input_tokens - 2

    def translate(
        self, texts: Sequence[str], *, progress: Callable[[int], None] | None = None
    ) -> list[str]:
        """Translate ``texts``; ``progress(n)`` is called as n more distinct segments are done."""
        return [text for text, _score in self.translate_scored(texts, progress=progress)]

    def translate_scored(
        self, texts: Sequence[str], *, progress: Callable[[int], None] | None = None
    ) -> list[tuple[str, float | None]]:
        """(translation, average token log-probability) of each text, from the same batches
        as ``translate``; a blank text has no score (None). A text split into pieces gets the
        average over all their tokens."""
        self.truncated = []
        segments: dict[str, list[str]] = {}  # each distinct piece to translate: its tokens
        encoded: dict[str, list[str]] = {}  # what `fits` encoded: each text is encoded once

        def fits(text: str) -> bool:
            if text not in encoded:
                encoded[text] = self.encode(text)
            return len(encoded[text]) <= self.max_input_tokens - 2

        plans = [_plan_text(text, fits) for text in texts]
        for _lead, parts, _trail in plans:
            for _before, piece, _after in parts:
                if piece and piece not in segments:
                    segments[piece] = encoded.get(piece) or self.encode(piece)
        translated = self._translate_segments(segments, progress)
        outputs = {piece: output for piece, (output, _score) in translated.items()}
        return [
            (_join_plan(plan, outputs),
             average_log_prob(translated[piece][1] for _b, piece, _a in plan[1] if piece))
            for plan in plans
        ]

    def _translate_segments(
        self, segments: dict[str, list[str]], progress: Callable[[int], None] | None
    ) -> dict[str, tuple[str, tuple[float, int]]]:
        """Each segment's translation and (average token log-probability, tokens scored)."""
        order = sorted(segments, key=lambda text: (len(segments[text]), text))
        chunk = self.batch_size * 8
        result: dict[str, tuple[str, tuple[float, int]]] = {}
        for start in range(0, len(order), chunk):
            batch = order[start : start + chunk]
            tokens = [segments[text] for text in batch]
            limit = self._decoding_limit(max(len(t) for t in tokens))
            outputs = self._run(tokens, limit)
            for text, output in zip(batch, outputs, strict=True):
                if output.cut and limit < self.max_output_tokens:
                    output = self._run([segments[text]], self.max_output_tokens)[0]
                if output.cut:
                    self.truncated.append(text)
                    _log().warning("%s: output reached %d tokens and may be cut: %.60s",
                                   self.provenance, self.max_output_tokens, text)
                result[text] = (output.text, (output.score, output.tokens))
            if progress is not None:
                progress(len(batch))
        return result

    def _decoding_limit(self, longest: int) -> int:
        return min(max(2 * longest + 10, 16), self.max_output_tokens) + len(self._prefix)

    def _run(self, tokens: list[list[str]], limit: int) -> list[Decoded]:
        prefix = [list(self._prefix) for _ in tokens] if self._prefix else None
        try:
            results = self._model.translate_batch(
                tokens,
                target_prefix=prefix,
                beam_size=self.beam_size,
                max_batch_size=self.batch_size,
                batch_type="examples",
                max_input_length=0,
                max_decoding_length=limit,
                return_scores=True,  # length_penalty=1: the average token log-probability
            )
        except (RuntimeError, ValueError) as err:  # a model that loads but cannot run
            raise ModelError(f"{self.package.path}: CTranslate2 cannot translate with this "
                             f"package ({_first_line(err)})") from err
        outputs = []
        for result in results:
            hypothesis = result.hypotheses[0]
            pieces = hypothesis[len(self._prefix) :]
            cut = len(hypothesis) >= limit
            score = float(result.scores[0]) if result.scores else float("nan")
            outputs.append(Decoded(self._target_sp.decode(pieces).strip(), cut, score,
                                   len(hypothesis) + 1))  # the end token is scored too
        return outputs


def _sentencepiece(sentencepiece: Any, package: PackageInfo, path: Path) -> Any:
    """The SentencePiece model at ``path`` of ``package``; ModelError naming it."""
    try:
        return sentencepiece.SentencePieceProcessor(model_file=str(path))
    except (RuntimeError, OSError, ValueError) as err:
        raise ModelError(f"{package.path}: {path.name} is not a SentencePiece model "
                         f"({_first_line(err)})") from err


def _first_line(err: BaseException) -> str:
    """The first line of an error's message (its type when it has none)."""
    return str(err).splitlines()[0] if str(err) else type(err).__name__


class Decoded(NamedTuple):
    """One output of ``translate_batch``: its text, whether it reached the decoding limit,
    its average token log-probability and how many tokens that average is over."""

    text: str
    cut: bool
    score: float
    tokens: int


def import_runtime() -> tuple[Any, Any]:
    """The ``ctranslate2`` and ``sentencepiece`` modules, imported on first use.

    Every import of CTranslate2 in this package goes through here, so that OpenMP starts
    with the wait policy of ``_openmp_wait_policy``. Ctrl-C is held back during the import:
    CTranslate2's C extension turns an interrupt into "ImportError: initialization failed" (a
    traceback instead of exit 130).
    """
    with deferred_interrupt(), _openmp_wait_policy():
        import ctranslate2
        import sentencepiece
    return ctranslate2, sentencepiece


@contextlib.contextmanager
def _openmp_wait_policy() -> Iterator[None]:
    """``OMP_WAIT_POLICY=PASSIVE`` in the environment while CTranslate2 is first imported.

    CTranslate2's wheels bundle GNU libgomp, which reads ``OMP_WAIT_POLICY`` once, when the
    library is loaded, i.e. during ``import ctranslate2``: set later, it changes nothing (with
    ``OMP_DISPLAY_ENV=VERBOSE`` libgomp shows ``GOMP_SPINCOUNT = '300000'`` instead of ``'0'``).
    So it is set just for the import and removed afterwards, which leaves libgomp passive and
    keeps it out of the environment of every process started later. A policy the user set
    wins, and nothing is changed once CTranslate2 is loaded. (Another thread starting a process
    during the import would inherit it; this package starts none.)
    """
    if "OMP_WAIT_POLICY" in os.environ or "ctranslate2" in sys.modules:
        yield
        return
    os.environ["OMP_WAIT_POLICY"] = OPENMP_WAIT_POLICY
    try:
        yield
    finally:
        os.environ.pop("OMP_WAIT_POLICY", None)


def _log() -> logging.Logger:
    return logging.getLogger(__name__)


# --------------------------------------------------------------------------------------------
# Pseudo-translation
# --------------------------------------------------------------------------------------------

#: Spans kept as they are: URLs, e-mail addresses, @handles, #hashtags, capitalised words.
PROTECTED = re.compile(
    r"(?:https?://|www\.)\S+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|[@#]\w+"
    r"|\b[^\W\d_a-z]\w*",
)


def _pseudo_table(target: str) -> dict[int, str]:
    # Lower-case a-z in the language's script (its profile's pseudo_letters; Azerbaijani:
    # its own Latin letters).
    letters = profile(target).pseudo_letters
    if not letters:  # another language: only the markers show it was pseudo-translated
        return {}
    return {ord(latin): mapped for latin, mapped in zip("abcdefghijklmnopqrstuvwxyz", letters,
                                                          strict=True)}


class PseudoTranslator:
    """Pseudo-localisation for trying the pipeline without models (localisation testing).

    Deterministic and visibly marked: ``"The talks said 12"`` → ``"⟦ru⟧ The талкс саид 12 ⟦/ru⟧"``.
    Lower-case Latin letters are mapped into the target script; digits, URLs, e-mail addresses,
    @handles, #hashtags and capitalised words (names) are kept as they are; leading and trailing
    whitespace is kept; empty and whitespace-only texts are returned unchanged.
    """

    name = "pseudo"
    provenance = "pseudo"

    def __init__(self, target: str) -> None:
        self.target = target
        self._table = _pseudo_table(target)

    def translate_one(self, text: str) -> str:
        """The pseudo-translation of one text."""
        lead, core, trail = _split_whitespace(text)
        if not core:
            return text
        pieces = []
        position = 0
        for match in PROTECTED.finditer(core):
            pieces.append(core[position : match.start()].translate(self._table))
            pieces.append(match.group())
            position = match.end()
        pieces.append(core[position:].translate(self._table))
        return f"{lead}⟦{self.target}⟧ {''.join(pieces)} ⟦/{self.target}⟧{trail}"

    def translate(self, texts: Sequence[str]) -> list[str]:
        """One pseudo-translation per text, in order."""
        return [self.translate_one(text) for text in texts]


# --------------------------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------------------------


def load_translator(
    engine: str,
    source: str,
    target: str,
    *,
    package_dirs: Sequence[Path],
    device: str = "cpu",
    beam_size: int = 2,
    batch_size: int = 32,
    threads: int = 0,
    before_load: Callable[[PackageInfo], None] | None = None,
) -> Translator:
    """A ready translator for ``source``→``target``: ``engine`` is "argos" or "pseudo".

    Raises MissingModelError when no Argos package for the pair is found in ``package_dirs``,
    ModelError when the package does not load (``before_load(package)``, called first, may
    raise it too: a trial in a child process, ``translate.models.probe``).
    """
    if engine == "pseudo":
        return PseudoTranslator(target)
    if engine != "argos":
        raise ValueError(f"unknown MT engine {engine!r}; expected one of {', '.join(ENGINES)}")
    package = find_package(package_dirs, source, target)
    if package is None:
        where = ", ".join(str(folder) for folder in package_dirs) or "no package folder"
        raise MissingModelError(
            f"no Argos package for {source}→{target} in {where}; "
            + describe_next_step(source, target)
        )
    if before_load is not None:
        before_load(package)
    return ArgosTranslator(
        package, device=device, beam_size=beam_size, batch_size=batch_size, threads=threads
    )
