"""Machine translation: Argos package discovery, the CTranslate2 engine and a pseudo-translator.

Argos packages are folders holding ``metadata.json``, a CTranslate2 model in ``model/`` and a
SentencePiece model. This module finds them (``find_packages``), loads one pair's model once
(``ArgosTranslator``) and translates many texts in large ``translate_batch`` calls. It never
imports ``argostranslate.translate`` (which downloads a sentence splitter at run time) and never
touches the network. ``ctranslate2``, ``sentencepiece`` and ``argostranslate`` are imported
lazily so that ``translate --help`` stays fast.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from translate import ENGINES as RUN_ENGINES
from translate.errors import MissingModelError, ModelError
from translate.interrupts import deferred_interrupt

#: Names of the SentencePiece files an Argos package may hold, in order of preference.
SHARED_SPM = "sentencepiece.model"
SOURCE_SPM = "source.spm"
TARGET_SPM = "target.spm"

#: CTranslate2 truncates inputs after this many tokens (its ``max_input_length`` default).
MODEL_INPUT_LIMIT = 1024

ENGINES = tuple(name for name in RUN_ENGINES if name != "none")  # the ones that translate

_README_LICENSE = re.compile(
    r"^[ \t#*_>-]*licen[cs]e[ \t*_]*[:：][ \t*_]*(?P<value>\S.*?)[ \t*_]*$",
    re.IGNORECASE | re.MULTILINE,
)
_README_LICENSE_HEADING = re.compile(
    r"^#+[ \t]*licen[cs]e[ \t]*\n+(?P<value>[^\n#].*)$", re.IGNORECASE | re.MULTILINE
)


# --------------------------------------------------------------------------------------------
# Package discovery
# --------------------------------------------------------------------------------------------


def default_package_dirs() -> list[Path]:
    """The Argos package store, computed as argostranslate does (without creating folders).

    ``ARGOS_PACKAGES_DIR`` wins; then the same key in Argos's ``settings.json``; else
    ``$XDG_DATA_HOME/argos-translate/packages`` (``~/.local/share/...`` when unset; under a
    snap, ``$SNAP_USER_DATA/.local/share/...``).
    """
    from_env = os.environ.get("ARGOS_PACKAGES_DIR")
    if from_env:
        return [Path(from_env).expanduser()]
    home = Path.home()
    if os.environ.get("SNAP") and os.environ.get("SNAP_USER_DATA"):
        home = Path(os.environ["SNAP_USER_DATA"])
    config_home = Path(os.environ.get("XDG_CONFIG_HOME") or home / ".config")
    from_settings = _read_argos_setting(config_home / "argos-translate" / "settings.json")
    if from_settings:
        return [Path(from_settings).expanduser()]
    data_home = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    return [data_home / "argos-translate" / "packages"]


def package_dirs(extra: Path | None = None) -> list[Path]:
    """The folders searched for packages: ``extra`` (``--models``) first, then the store."""
    return ([Path(extra)] if extra else []) + default_package_dirs()


def _read_argos_setting(settings_file: Path) -> str | None:
    """``ARGOS_PACKAGES_DIR`` from Argos's settings.json, None when absent or unreadable."""
    try:
        settings = json.loads(settings_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    value = settings.get("ARGOS_PACKAGES_DIR") if isinstance(settings, dict) else None
    return value if isinstance(value, str) and value else None


@dataclass(frozen=True)
class PackageInfo:
    """One installed Argos translation package (a folder of the package store)."""

    name: str  # folder name, e.g. "translate-en_ru-1_9"
    from_code: str
    to_code: str
    version: str
    path: Path
    size_bytes: int
    license: str | None
    target_prefix: str
    source_spm: Path
    target_spm: Path
    model_dir: Path
    source_prefix: str = ""  # tokens put before every source (M2M-100's "__en__")

    @property
    def pair(self) -> tuple[str, str]:
        """(from_code, to_code)."""
        return (self.from_code, self.to_code)

    @property
    def provenance(self) -> str:
        """What the PO comment records, e.g. ``argos translate-en_ru-1_9 1.9``."""
        return f"argos {self.name} {self.version}"


def read_package(path: Path) -> PackageInfo:
    """Read one unpacked Argos package folder; ModelError when it is not a usable package.

    Metadata is read through ``argostranslate.package.Package``. SentencePiece models: the
    metadata keys ``source_spm``/``target_spm`` (paths relative to the package) if present,
    else ``source.spm``/``target.spm`` (OPUS-MT style), else the usual ``sentencepiece.model``
    for both sides.
    """
    path = Path(path)
    if not (path / "metadata.json").is_file():
        raise ModelError(f"{path}: not an Argos package (no metadata.json)")
    try:
        raw = json.loads((path / "metadata.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise ModelError(f"{path / 'metadata.json'}: unreadable ({err})") from err
    if not isinstance(raw, dict):
        raise ModelError(f"{path / 'metadata.json'}: not a JSON object")
    from argostranslate.package import Package

    try:
        package = Package(path)
    except (OSError, ValueError, TypeError, AttributeError) as err:
        raise ModelError(f"{path}: invalid Argos package ({err})") from err
    if getattr(package, "type", "translate") not in ("translate", None):
        raise ModelError(f"{path}: package type {package.type!r} is not a translation package")
    from_code, to_code = package.from_code, package.to_code
    if not isinstance(from_code, str) or not isinstance(to_code, str):
        raise ModelError(f"{path / 'metadata.json'}: from_code and to_code are required")
    model_dir = path / "model"
    if not (model_dir / "model.bin").is_file():
        raise ModelError(f"{path}: no CTranslate2 model (model/model.bin is missing)")
    source_spm, target_spm = _find_spm(path, raw)
    license_text = raw.get("license")
    if not isinstance(license_text, str) or not license_text.strip():
        license_text = license_from_readme(package.get_readme())
    prefix = getattr(package, "target_prefix", "") or ""
    return PackageInfo(
        name=path.name,
        from_code=from_code,
        to_code=to_code,
        version=str(package.package_version or ""),
        path=path,
        size_bytes=_folder_size(path),
        license=license_text.strip() if license_text else None,
        target_prefix=prefix if isinstance(prefix, str) else "",
        source_spm=source_spm,
        target_spm=target_spm,
        model_dir=model_dir,
        source_prefix=raw.get("source_prefix") if isinstance(raw.get("source_prefix"), str) else "",
    )


def _find_spm(path: Path, metadata: dict[str, Any]) -> tuple[Path, Path]:
    named = [metadata.get("source_spm"), metadata.get("target_spm")]
    if all(isinstance(name, str) and name for name in named):
        source, target = (path / name for name in named)  # type: ignore[operator]
    elif (path / SOURCE_SPM).is_file() and (path / TARGET_SPM).is_file():
        source, target = path / SOURCE_SPM, path / TARGET_SPM
    else:
        source = target = path / SHARED_SPM
    for spm in (source, target):
        if not spm.is_file():
            raise ModelError(f"{path}: no SentencePiece model ({spm.name} is missing)")
        if not spm.resolve().is_relative_to(path.resolve()):
            raise ModelError(f"{path}: SentencePiece model {spm} lies outside the package")
    return source, target


def license_from_readme(readme: str | None) -> str | None:
    """The licence a README declares (a ``License:`` line or a ``# License`` section)."""
    if not readme:
        return None
    match = _README_LICENSE.search(readme) or _README_LICENSE_HEADING.search(readme)
    return match.group("value").strip() if match else None


def _folder_size(path: Path) -> int:
    total = 0
    for root, _dirs, files in os.walk(path):
        for name in files:
            with contextlib.suppress(OSError):
                total += (Path(root) / name).stat().st_size
    return total


def version_key(version: str) -> tuple[int, ...]:
    """A sortable key for versions like ``1.9``, ``1_9``, ``1.10.2`` (non-digits separate)."""
    return tuple(int(part) for part in re.findall(r"\d+", version))


def find_packages(dirs: Sequence[Path]) -> list[PackageInfo]:
    """Every usable Argos translation package directly under ``dirs``, in order of preference.

    Folders without ``metadata.json``, non-translation packages (e.g. Argos's ``sbd``
    packages) and broken packages are skipped (``read_package`` says why). The list is sorted
    by pair; for one pair, packages of an earlier dir come first (the first dir wins, so
    ``--models DIR`` given before the store overrides it), and within one dir the highest
    version comes first. ``find_package`` returns the first match of this order.
    """
    found: list[tuple[tuple[Any, ...], PackageInfo]] = []
    for dir_index, folder in enumerate(dirs):
        folder = Path(folder)
        if not folder.is_dir():
            continue
        for child in sorted(folder.iterdir()):
            if not child.is_dir() or not (child / "metadata.json").is_file():
                continue
            try:
                info = read_package(child)
            except ModelError:
                continue
            key = (info.from_code, info.to_code, dir_index, _negated(version_key(info.version)),
                   info.name)
            found.append((key, info))
    found.sort(key=lambda item: item[0])
    return [info for _key, info in found]


def _negated(key: tuple[int, ...]) -> tuple[int, ...]:
    return (*(-part for part in key), 1)


def find_package(dirs: Sequence[Path], source: str, target: str) -> PackageInfo | None:
    """The preferred package for ``source``→``target`` (see ``find_packages``), or None."""
    for info in find_packages(dirs):
        if info.from_code == source and info.to_code == target:
            return info
    return None


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

    ``translate.segment.split_clauses`` cuts at clause boundaries first, then after spaces,
    and as a last resort between characters.
    """
    from translate.segment import split_clauses

    if fits(text):
        return [text]
    return [piece for piece in split_clauses(text, fits) if piece]


def _split_whitespace(text: str) -> tuple[str, str, str]:
    core = text.strip()
    if not core:
        return text, "", ""
    start = text.index(core)
    return text[:start], core, text[start + len(core) :]


class ArgosTranslator:
    """One Argos package loaded once: CTranslate2 model plus SentencePiece model(s).

    ``translate`` de-duplicates its texts, sorts them by length and sends them in large
    ``translate_batch`` calls. Texts too long for the model are split (``split_text``) and
    the translations of the pieces joined; the decoding length is sized from each batch's
    longest input, so output is never cut silently: a text whose output still reached the
    limit is listed in ``truncated`` (and logged).
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
        # Idle OpenMP threads that spin compete for the cores the model needs (60x slower on
        # a busy 2-core machine); a user's explicit setting wins.
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
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
        try:
            self._model = ctranslate2.Translator(
                str(package.model_dir),
                device=device,
                # CTranslate2's own default (4 threads) oversubscribes small machines, and
                # OpenMP spin-waiting then costs 10x: use one thread per core unless told.
                intra_threads=threads or os.cpu_count() or 1,
                inter_threads=1,
            )
            self._source_sp = sentencepiece.SentencePieceProcessor(
                model_file=str(package.source_spm)
            )
            self._target_sp = (
                self._source_sp
                if package.target_spm == package.source_spm
                else sentencepiece.SentencePieceProcessor(model_file=str(package.target_spm))
            )
        except (RuntimeError, OSError, ValueError) as err:
            raise ModelError(f"{package.path}: cannot load the Argos package ({err})") from err

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
        self.truncated = []
        plans: list[tuple[str, list[tuple[str, str, str]], str]] = []
        segments: dict[str, list[str]] = {}
        encoded: dict[str, list[str]] = {}  # what `fits` encoded: each text is encoded once

        def fits(text: str) -> bool:
            if text not in encoded:
                encoded[text] = self.encode(text)
            return len(encoded[text]) <= self.max_input_tokens - 2

        for text in texts:
            lead, core, trail = _split_whitespace(text)
            if not core:
                plans.append((text, [], ""))
                continue
            parts = [_split_whitespace(piece) for piece in split_text(core, fits)]
            for _lead, piece, _trail in parts:
                if piece and piece not in segments:
                    segments[piece] = encoded.get(piece) or self.encode(piece)
            plans.append((lead, parts, trail))
        translated = self._translate_segments(segments, progress)
        results = []
        for lead, parts, trail in plans:
            if not parts:
                results.append(lead)
                continue
            body = "".join(
                before + (translated[piece] if piece else "") + after
                for before, piece, after in parts
            )
            results.append(lead + body + trail)
        return results

    def _translate_segments(
        self, segments: dict[str, list[str]], progress: Callable[[int], None] | None
    ) -> dict[str, str]:
        order = sorted(segments, key=lambda text: (len(segments[text]), text))
        chunk = self.batch_size * 8
        result: dict[str, str] = {}
        for start in range(0, len(order), chunk):
            batch = order[start : start + chunk]
            tokens = [segments[text] for text in batch]
            limit = self._decoding_limit(max(len(t) for t in tokens))
            outputs = self._run(tokens, limit)
            for text, (output, cut) in zip(batch, outputs, strict=True):
                if cut and limit < self.max_output_tokens:
                    output, cut = self._run([segments[text]], self.max_output_tokens)[0]
                if cut:
                    self.truncated.append(text)
                    _log().warning("%s: output reached %d tokens and may be cut: %.60s",
                                   self.provenance, self.max_output_tokens, text)
                result[text] = output
            if progress is not None:
                progress(len(batch))
        return result

    def _decoding_limit(self, longest: int) -> int:
        return min(max(2 * longest + 10, 16), self.max_output_tokens) + len(self._prefix)

    def _run(self, tokens: list[list[str]], limit: int) -> list[tuple[str, bool]]:
        prefix = [list(self._prefix) for _ in tokens] if self._prefix else None
        results = self._model.translate_batch(
            tokens,
            target_prefix=prefix,
            beam_size=self.beam_size,
            max_batch_size=self.batch_size,
            batch_type="examples",
            max_input_length=0,
            max_decoding_length=limit,
        )
        outputs = []
        for result in results:
            pieces = result.hypotheses[0][len(self._prefix) :]
            cut = len(result.hypotheses[0]) >= limit
            outputs.append((self._target_sp.decode(pieces).strip(), cut))
        return outputs


def import_runtime() -> tuple[Any, Any]:
    """The ``ctranslate2`` and ``sentencepiece`` modules, imported on first use.

    Ctrl-C is held back during the import: CTranslate2's C extension turns an interrupt
    into "ImportError: initialization failed" (a traceback instead of exit 130).
    """
    with deferred_interrupt():
        import ctranslate2
        import sentencepiece
    return ctranslate2, sentencepiece


def _log():  # -> logging.Logger
    import logging

    return logging.getLogger(__name__)


# --------------------------------------------------------------------------------------------
# Pseudo-translation
# --------------------------------------------------------------------------------------------

#: Lower-case a-z mapped per language into its script (Azerbaijani: its own Latin letters).
_PSEUDO_LETTERS = {
    "ru": "абцдефгхийклмнопкрстуввхыз",
    "hy": "աբցդեֆգհիջկլմնօպքրստովվխյզ",
    "he": "אבצדעפגהייכלמנופקרסתוווכיז",
    "az": "əbçdəfğhıjklmnöpqrştüvwxyz",
}
#: Spans kept as they are: URLs, e-mail addresses, @handles, #hashtags, capitalised words.
PROTECTED = re.compile(
    r"(?:https?://|www\.)\S+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|[@#]\w+"
    r"|\b[^\W\d_a-z]\w*",
)


def _pseudo_table(target: str) -> dict[int, str]:
    letters = _PSEUDO_LETTERS.get(target)
    if letters is None:  # another language: only the markers show it was pseudo-translated
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


def missing_model_message(source: str, target: str, dirs: Sequence[Path]) -> str:
    """What to say (and do) when no package for ``source``→``target`` is installed."""
    where = ", ".join(str(folder) for folder in dirs) or "no package folder"
    message = (
        f"no Argos package for {source}→{target} in {where}; install one with: "
        "translate models install FILE.argosmodel (see: translate models doctor)"
    )
    if target == "hy":
        message += (
            f"; the public Argos index has no {source}→hy package: "
            "translate models convert turns an OPUS-MT model into one"
        )
    return message


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
) -> Translator:
    """A ready translator for ``source``→``target``: ``engine`` is "argos" or "pseudo".

    Raises MissingModelError when no Argos package for the pair is found in ``package_dirs``,
    ModelError when the package does not load.
    """
    if engine == "pseudo":
        return PseudoTranslator(target)
    if engine != "argos":
        raise ValueError(f"unknown MT engine {engine!r}; expected one of {', '.join(ENGINES)}")
    package = find_package(package_dirs, source, target)
    if package is None:
        raise MissingModelError(missing_model_message(source, target, package_dirs))
    return ArgosTranslator(
        package, device=device, beam_size=beam_size, batch_size=batch_size, threads=threads
    )
