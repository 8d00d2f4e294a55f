"""A run's translation memory, found without reading every PO file of the project.

A unit the run has to fill takes, from memory, an approved translation of its text that
another article of the run held before the run (in article order), else a machine draft,
else a ``--tm`` compendium's (po.memory). With 10,000 articles that used to mean reading
every PO file whenever one new sentence was to be translated. Instead each run-state record
lists what its PO file offers (po.memory.offers_of: short digests of the msgids of its
translated entries), and ``PreRunOffers`` keeps, per language, those of
every article as they were before the run (the record's, while it still describes the PO
file; else read from the file). For each chunk, only the articles offering a digest of a
text it needs are read (``candidates``): the memory is the one a reading of every file
would give for those texts, in bounded memory and time.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

from translate.errors import CatalogError
from translate.jobs.records import ArticleRecord
from translate.jobs.state import RunState, vouched_po
from translate.options import RunOptions
from translate.po.catalog import po_path
from translate.po.memory import OFFER_DIGITS, offer_digest, offers_of
from translate.po.writeback import read_project_catalog


def digests(offers: str) -> list[str]:
    """The digests of an offers string (po.memory.offers_of)."""
    return [offers[i:i + OFFER_DIGITS] for i in range(0, len(offers), OFFER_DIGITS)]


@dataclass
class PreRunOffers:
    """What the PO files of a run's articles offered the translation memory before the run,
    in one language: (position in the run's order, digests)."""

    offers: list[tuple[int, str]] = field(default_factory=list)

    @classmethod
    def read(
        cls,
        state: RunState,
        options: RunOptions,
        lang: str,
        order: Sequence[str],
        current: Mapping[str, ArticleRecord],
    ) -> PreRunOffers:
        """The offers of every article of ``order`` in ``lang``: a current article's record
        says them; another's, the record of its PO file as it is (else the file itself)."""
        found = cls()
        for position, article_id in enumerate(order):
            record = current.get(article_id)
            offers = record.offers if record is not None else \
                file_offers(state, options, lang, article_id)
            if offers:
                found.offers.append((position, offers))
        return found

    def candidates(self, needed: Collection[str]) -> list[int]:
        """The positions of the articles that offer a digest of one of the ``needed`` texts
        (in order; a short digest may match another text: reading one file too many is the
        only cost)."""
        if not self.offers or not needed:
            return []
        wanted = {offer_digest(text) for text in needed}
        return [position for position, offers in self.offers
                if not wanted.isdisjoint(digests(offers))]


def file_offers(state: RunState, options: RunOptions, lang: str, article_id: str) -> str:
    """What an article's PO file offers now: its record's list while the record describes
    the file, else read from it ("" when there is none, or it can't be read)."""
    path = po_path(options.locales, lang, article_id)
    if not path.exists():
        return ""
    records = state.candidates(lang, article_id)
    sha = vouched_po(state, options, lang, article_id, records)
    for record in records:
        if record.po == sha and record.po is not None:
            return record.offers
    try:
        return offers_of(read_project_catalog(path))
    except CatalogError:
        return ""
