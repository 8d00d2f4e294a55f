"""Translation memory: exact matches from the catalogs of one language and ``--tm`` compendia.

A text translated in one article is offered to every other article with the same text:
an approved translation first, else a machine draft (as the machine wrote it: a person's
fuzzy edit is neither, catalog.entry_state). The reused text is fuzzy (a person confirms
it), see catalog.set_memory_translation.
"""

from __future__ import annotations

import hashlib
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
    """Exact-match memory over catalogs of one language: approved first, then machine drafts.

    A ``fallback`` memory (the ``--tm`` compendia, read once) answers after this one, as if
    its catalogs had been added last: its approved matches before this one's drafts."""

    def __init__(self, fallback: TranslationMemory | None = None) -> None:
        self._approved: dict[str, MemoryMatch] = {}
        self._machine: dict[str, MemoryMatch] = {}
        self.fallback = fallback

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
        fallback = self.fallback
        return (
            self._approved.get(msgid)
            or (fallback._approved.get(msgid) if fallback is not None else None)
            or self._machine.get(msgid)
            or (fallback._machine.get(msgid) if fallback is not None else None)
        )

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


#: Hex digits of an offer digest (offer_digest): a false match only costs reading a file.
OFFER_DIGITS = 8


def offer_digest(msgid: str) -> str:
    """A short digest of a msgid, as ``offers_of`` lists it."""
    return hashlib.blake2b(msgid.encode("utf-8"), digest_size=OFFER_DIGITS // 2).hexdigest()


def offers_of(po: polib.POFile) -> str:
    """What ``po`` may offer a translation memory, as the digests (offer_digest) of the
    msgids of its entries with a translation, obsolete ones included (a merge brings one back
    when its text returns): a superset of what TranslationMemory.add takes from the file, or
    from a merge of it, made without deciding whose work each entry is (a run lists every
    catalog it writes)."""
    return "".join(offer_digest(entry.msgid) for entry in po
                   if entry.msgid and not entry.msgid_plural and entry.msgstr.strip())


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
