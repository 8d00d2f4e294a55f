"""``translate models doctor``: for each configured language, is a working package installed?

``doctor`` finds the package of each pair, translates a test sentence with it in a child process
(``translate.models.probe``: timing the load and the translation, and a model that crashes
CTranslate2 is reported as broken), lists package folders that cannot be used and says, for a
missing pair, what to do (``describe_next_step``). A package that loads but gives the sentence
back unchanged, mostly in the source language, or not in the target's script (a test package
that copies its input, a package labelled with the wrong pair) "does not translate"
(``translation_problem``): it is no more ready than a missing one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from translate.core.report import json_text
from translate.errors import ModelError
from translate.lang.cldr import language_name
from translate.models.packages import (
    PackageInfo,
    describe_next_step,
    find_package,
    find_unusable_packages,
    format_size,
)
from translate.models.probe import TEST_SENTENCE, try_package
from translate.text.langid import WORD, identify_language, looks_like

#: Status of a package that loads but does not translate (``translation_problem``).
UNTRANSLATED = "does not translate"


@dataclass(frozen=True)
class DoctorEntry:
    """The state of one language pair."""

    source: str
    target: str
    package: PackageInfo | None
    status: str  # "ok" | "missing" | "broken" | "does not translate"
    sample: str | None = None  # the test sentence's translation
    seconds: float | None = None  # load + translate time
    detail: str = ""  # the problem, or the next step for a missing pair

    def render(self) -> str:
        """A few lines describing the pair."""
        head = f"{self.source}→{self.target}: {self.status.upper()}"
        if self.package is None:
            return f"{head}\n  next step: {self.detail}"
        info = self.package
        lines = [
            f"{head}  {info.name} {info.version or '(no version)'}, "
            f"{format_size(info.size_bytes)}, licence: {info.license or 'unknown'}",
            f"  path: {info.path}",
        ]
        if self.sample is not None:
            lines.append(f"  test: {TEST_SENTENCE!r} → {self.sample!r} ({self.seconds:.2f} s)")
        if self.status == UNTRANSLATED:
            lines.append(f"  problem: {self.detail}")
            lines.append(f"  next step: delete {info.path} (it cannot translate), then "
                         f"{describe_next_step(self.source, self.target)}")
        elif self.status != "ok":
            lines.append(f"  problem: {self.detail}")
        return "\n".join(lines)


@dataclass(frozen=True)
class DoctorReport:
    """Coverage of the configured languages by the installed packages."""

    dirs: list[Path]
    entries: list[DoctorEntry]
    skipped: list[str] = field(default_factory=list)  # unusable package folders, with why

    @property
    def ok(self) -> bool:
        """True when every configured pair has a package that loads and translates."""
        return all(entry.status == "ok" for entry in self.entries)

    def to_json(self) -> str:
        """Each pair's status, package (name, version, path), sample and timing or detail; the
        package folders and the unusable ones."""
        return json_text({
            "ok": self.ok, "dirs": [str(folder) for folder in self.dirs],
            "pairs": [{"source": e.source, "target": e.target, "status": e.status,
                       "package": None if e.package is None else {
                           "name": e.package.name, "version": e.package.version,
                           "path": str(e.package.path)},
                       "sample": e.sample, "seconds": e.seconds, "detail": e.detail}
                      for e in self.entries],
            "skipped": self.skipped,
        })

    def render(self) -> str:
        """The report as printed by ``translate models doctor``."""
        lines = ["Argos package folders:"]
        for folder in self.dirs:
            lines.append(f"  {folder}{'' if Path(folder).is_dir() else ' (does not exist)'}")
        for entry in self.entries:
            lines.append(entry.render())
        if self.skipped:
            lines.append("Unusable package folders (ignored):")
            lines.extend(f"  {line}" for line in self.skipped)
        ready = sum(entry.status == "ok" for entry in self.entries)
        idle = sum(entry.status == UNTRANSLATED for entry in self.entries)
        also = (f" ({idle} installed package{'s do' if idle > 1 else ' does'} not translate)"
                if idle else "")
        lines.append(f"{ready} of {len(self.entries)} language pairs ready{also}.")
        return "\n".join(lines)


def translation_problem(sample: str, source: str, target: str) -> str | None:
    """Why ``sample``, a package's translation of TEST_SENTENCE from ``source`` into
    ``target``, shows that it does not translate; None when it may be a translation.

    It does not when the sentence comes back without a word, as it was, with most of its
    words unchanged (a copying model puts a name or two in the target language), identified
    as the source language by the project's own language identifier, or in another script
    than the target's (translate.text.langid.looks_like).
    """
    name = language_name(source)
    if not WORD.search(sample):
        return "its test sentence comes back without a word"
    if sample.strip() == TEST_SENTENCE:
        return "its test sentence comes back unchanged"
    words = [word.casefold() for word in WORD.findall(TEST_SENTENCE)]
    returned = {word.casefold() for word in WORD.findall(sample)}
    kept = sum(word in returned for word in words)
    if kept * 2 > len(words):
        return f"its test sentence comes back in {name} ({kept} of {len(words)} words unchanged)"
    if identify_language(sample) == source:
        return f"its test sentence comes back in {name}"
    plausible, why = looks_like(sample, target)
    if not plausible:
        return f"its test sentence does not come back in {language_name(target)} ({why})"
    return None


def doctor(langs: Sequence[str], dirs: Sequence[Path], *, source: str = "en") -> DoctorReport:
    """Check, for each ``source``→lang pair, the installed package: loads, translates, timing."""
    dirs = [Path(folder) for folder in dirs]
    entries = []
    for target in langs:
        package = find_package(dirs, source, target)
        if package is None:
            entries.append(DoctorEntry(source, target, None, "missing",
                                       detail=describe_next_step(source, target)))
            continue
        try:  # in a child process: a model that crashes CTranslate2 is "broken", not a crash
            trial = try_package(package.path)
        except ModelError as err:
            entries.append(DoctorEntry(source, target, package, "broken",
                                       detail=str(err).splitlines()[0] if str(err) else
                                       type(err).__name__))
            continue
        problem = translation_problem(trial.sample, source, target)
        entries.append(DoctorEntry(source, target, package, UNTRANSLATED if problem else "ok",
                                   sample=trial.sample, seconds=trial.seconds,
                                   detail=problem or ""))
    return DoctorReport(dirs=dirs, entries=entries, skipped=find_unusable_packages(dirs))
