"""The rest of the project: articles and languages that a command does not process.

``translate run seeds/new.txt``, ``run --lang he`` and ``assemble seeds/one.txt`` each touch a
part of the project, but write files that cover all of it: the bundles ``<out>/<lang>.zip``
and the review index. ``Others`` holds what they keep of the rest: every article × language
an earlier run recorded (state.find_others), taken as its source and PO file are now. Its
review-index row is the recorded one while that still holds (same files, same fingerprint),
else it is made again from the files, like ``assemble`` would; nothing of it is written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from translate.errors import InputError
from translate.formats.article import Article
from translate.formats.reader import read_article
from translate.glossary.model import Glossary
from translate.jobs.state import KnownArticle, RunState, find_others
from translate.options import RunOptions
from translate.publish.bundle import BundleItem
from translate.publish.outputs import Published, read_published
from translate.publish.review import ReviewIndexRow


@dataclass
class Others:
    """The articles × languages a command keeps in bundles and the index without processing
    them (``known``: lang → article id → KnownArticle), and the ids of articles left out
    because their source changed since their last run (``stale``)."""

    options: RunOptions
    glossary: Glossary
    known: dict[str, dict[str, KnownArticle]] = field(default_factory=dict)
    stale: list[str] = field(default_factory=list)
    _articles: dict[Path, Article | None] = field(default_factory=dict)
    _published: dict[tuple[str, str], Published | None] = field(default_factory=dict)

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
        """The segmented article (None when it can no longer be read)."""
        path = self.known[lang][article_id].source.path
        if path not in self._articles:
            try:
                self._articles[path] = read_article(path, source_lang=self.options.source_lang)
            except InputError:
                self._articles[path] = None
        return self._articles[path]

    def published(self, lang: str, article_id: str) -> Published | None:
        """Row and bundle item from the files as they are (None when they can't be read)."""
        key = (lang, article_id)
        if key not in self._published:
            article = self.article(lang, article_id)
            self._published[key] = (
                read_published(article, lang, self.glossary, self.options, recheck=True)
                if article is not None
                else None
            )
        return self._published[key]

    def row(self, lang: str, article_id: str) -> ReviewIndexRow | None:
        """The review-index row: the recorded one while it holds, else made from the files."""
        record = self.known[lang][article_id].record
        if record is not None:
            return record.row
        published = self.published(lang, article_id)
        return published.row if published is not None else None

    def item(self, lang: str, article_id: str) -> BundleItem | None:
        """The bundle item, from the files."""
        published = self.published(lang, article_id)
        return published.item if published is not None else None

    def rows(self, lang: str) -> list[ReviewIndexRow]:
        """The review-index rows of every article kept in ``lang``."""
        rows = (self.row(lang, article_id) for article_id in self.ids(lang))
        return [row for row in rows if row is not None]
