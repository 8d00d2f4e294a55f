"""Translation memory: exact matches from the catalogs of one language and ``--tm`` compendia.

A text translated in one article is offered to every other article with the same text:
an approved translation first, else a machine draft (as the machine wrote it: a person's
fuzzy edit is neither, catalog.entry_state). The reused text is fuzzy (a person confirms
it), see catalog.set_memory_translation.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

import polib

from translate.po.catalog import entry_state, get_notes, needs_mt, set_memory_translation
from translate.po.pofile import read_catalog


class MemoryMatch(NamedTuple):
    """A translation memory hit: the text, where it came from, its state, its MT provenance."""

    msgstr: str
    origin: str
    state: str  # "approved" or "machine"
    provenance: str | None = None


class TranslationMemory:
    """Exact-match memory over catalogs of one language: approved first, then machine drafts."""

    def __init__(self) -> None:
        self._approved: dict[str, MemoryMatch] = {}
        self._machine: dict[str, MemoryMatch] = {}

    def add(self, po: polib.POFile, origin: str) -> None:
        """Remember the approved entries and machine drafts of ``po`` (first one wins)."""
        for entry in po:
            if entry.obsolete or not entry.msgid or entry.msgid_plural:
                continue
            state = entry_state(entry)
            if state == "approved":
                self._approved.setdefault(entry.msgid, MemoryMatch(entry.msgstr, origin, state))
            elif state == "machine":
                provenance = get_notes(entry, "MT")[0]
                match = MemoryMatch(entry.msgstr, origin, state, provenance)
                self._machine.setdefault(entry.msgid, match)

    def lookup(self, msgid: str) -> MemoryMatch | None:
        """The best exact match for ``msgid``, or None."""
        return self._approved.get(msgid) or self._machine.get(msgid)

    def apply(self, entry: polib.POEntry) -> MemoryMatch | None:
        """Fill ``entry`` from memory (set_memory_translation) when the tool may fill it
        without ``--retranslate-mt`` (catalog.needs_mt: untranslated, or a draft of the tool
        made for an older source); the match used."""
        if not needs_mt(entry):
            return None
        match = self.lookup(entry.msgid)
        if match is not None:
            set_memory_translation(entry, match.msgstr, match.origin, provenance=match.provenance)
        return match

    def __len__(self) -> int:
        return len(self._approved.keys() | self._machine.keys())


def build_memory(
    catalogs: Iterable[polib.POFile | Path], compendia: Iterable[Path] = ()
) -> TranslationMemory:
    """A TranslationMemory over ``catalogs`` (one language), then the ``--tm`` compendia.

    Paths are read with read_catalog (a compendium is not checked against a folder's
    language); an in-memory POFile's origin is its ``fpath`` when set.
    """
    memory = TranslationMemory()
    for item in catalogs:
        if isinstance(item, polib.POFile):
            memory.add(item, item.fpath or "<memory>")
        else:
            memory.add(read_catalog(Path(item)), str(item))
    for path in compendia:
        memory.add(read_catalog(Path(path), check_language=False), str(path))
    return memory
