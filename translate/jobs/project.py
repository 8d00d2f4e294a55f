"""The rest of the project: articles and languages that a command does not process.

``translate run seeds/new.txt``, ``run --lang he`` and ``assemble seeds/one.txt`` each touch a
part of the project, but write files that cover all of it: the bundles ``<out>/<lang>.zip``
and the review index. ``Others`` holds what they keep of the rest: every article × language
an earlier run recorded (find_others), taken as its source and PO file are now. Its
review-index row is the recorded one while that still holds (same files, same fingerprint),
else it is made again from the files, like ``assemble`` would; nothing of it is written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from translate.errors import InputError
from translate.formats.article import Article
from translate.formats.reader import read_article
from translate.glossary.model import Glossary
from translate.jobs.records import ArticleRecord
from translate.jobs.state import RunState, SourceFile, vouched_po
from translate.options import RunOptions
from translate.publish.bundle import BundleItem
from translate.publish.outputs import Published, read_published
from translate.publish.review import ReviewIndexRow


@dataclass(frozen=True)
class KnownArticle:
    """An article × language of an earlier run that this command does not process: its
    source and PO file as they are now, and the record whose review-index row still holds
    for them (None: the row is to be made again from the files)."""

    source: SourceFile
    po: str  # sha256 of its PO file now
    record: ArticleRecord | None


def find_others(
    state: RunState,
    langs: Iterable[str],
    options: RunOptions,
    fingerprint: str,
    *,
    skip: Callable[[str, str], bool] = lambda _lang, _article_id: False,
) -> tuple[dict[str, dict[str, KnownArticle]], list[str]]:
    """The articles × languages of ``langs`` that earlier runs recorded, and the ids of the
    articles whose source changed since (in that order).

    A run on one new article, or on one language, and ``assemble`` on a few files must not
    drop the others from the bundles and the review index: an article recorded in the run
    state whose source file (``ref``, under the project root) is still there, unchanged, and
    whose PO file exists is kept in them, as its files are. Pairs ``skip(lang, id)`` are left
    out (the command processes them). An article whose source changed since the run that
    recorded it is left out until a run names it again (its PO file does not follow the new
    text yet): its id is in the second list. Files are read only when their stamps don't hold.
    """
    wanted = set(langs)
    others: dict[str, dict[str, KnownArticle]] = {lang: {} for lang in wanted}
    sources: dict[str, SourceFile | None] = {}
    stale: list[str] = []
    kept = [(key, records) for key, records in state.known.items()
            if key[0] in wanted and records and not skip(*key)]
    for (lang, article_id), records in sorted(kept):
        if article_id not in sources:
            ref = records[0].ref
            path = options.root / ref
            sources[article_id] = state.source(path, ref) if path.is_file() else None
        source = sources[article_id]
        if source is None:
            continue
        matching = [r for r in records if r.made_from(source.sha256, source.ref)]
        if not matching:
            if article_id not in stale:
                stale.append(article_id)
            continue
        po_sha = vouched_po(state, options, lang, article_id, matching)
        if po_sha is None:
            continue
        record = next(
            (r for r in matching if r.po == po_sha and r.fingerprint == fingerprint), None
        )
        others[lang][article_id] = KnownArticle(source, po_sha, record)
    return others, stale
@dataclass
class Others:
    """The articles × languages a command keeps in bundles and the index without processing
    them (``known``: lang → article id → KnownArticle), and the ids of articles left out
    because their source changed since their last run (``stale``)."""

    options: RunOptions
    glossary: Glossary
    known: dict[str, dict[str, KnownArticle]] = field(default_factory=dict)
    stale: list[str] = field(default_factory=list)
    _rows: dict[tuple[str, str], ReviewIndexRow | None] = field(default_factory=dict)

    @classmethod
    def find(
        cls,
        state: RunState,
        langs: Iterable[str],
        options: RunOptions,
        fingerprint: str,
        glossary: Glossary,
        *,
        skip: Callable[[str, str], bool],
    ) -> Others:
        """The others among the records of ``state`` for ``langs`` and every language the
        state knows (the review index covers them all); ``skip(lang, id)``: processed now."""
        every = {lang for lang, _article_id in state.known} | set(langs)
        known, stale = find_others(state, sorted(every), options, fingerprint, skip=skip)
        return cls(options, glossary, known, stale)

    @property
    def languages(self) -> list[str]:
        """Every language with an article kept."""
        return sorted(lang for lang, articles in self.known.items() if articles)

    def ids(self, lang: str) -> list[str]:
        """The ids of the articles kept in ``lang``."""
        return list(self.known.get(lang, {}))

    def inputs(self, lang: str, article_id: str) -> tuple[str | None, str]:
        """The sha256 of the source and of the PO file of a kept article (for bundle keys)."""
        known = self.known[lang][article_id]
        return known.source.sha256, known.po

    def article(self, lang: str, article_id: str) -> Article | None:
        """The segmented article (None when it can no longer be read); read each time it is
        asked for, so that thousands of kept articles are never all in memory."""
        path = self.known[lang][article_id].source.path
        try:
            return read_article(path, source_lang=self.options.source_lang)
        except InputError:
            return None

    def published(self, lang: str, article_id: str) -> Published | None:
        """Row and bundle item from the files as they are (None when they can't be read)."""
        article = self.article(lang, article_id)
        if article is None:
            return None
        return read_published(article, lang, self.glossary, self.options, recheck=True)

    def row(self, lang: str, article_id: str) -> ReviewIndexRow | None:
        """The review-index row: the recorded one while it holds, else made from the files."""
        record = self.known[lang][article_id].record
        row = record.read_row(article_id, lang) if record is not None else None
        if row is not None:
            return row
        key = (lang, article_id)
        if key not in self._rows:
            published = self.published(lang, article_id)
            self._rows[key] = published.row if published is not None else None
        return self._rows[key]

    def item(self, lang: str, article_id: str) -> BundleItem | None:
        """The bundle item, from the files."""
        published = self.published(lang, article_id)
        return published.item if published is not None else None

    def rows(self, lang: str) -> list[ReviewIndexRow]:
        """The review-index rows of every article kept in ``lang``."""
        rows = (self.row(lang, article_id) for article_id in self.ids(lang))
        return [row for row in rows if row is not None]
