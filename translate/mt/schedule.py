"""MT work: which distinct texts go to the model in which chunk, and translating them.

One resident model per language pair gets the distinct untranslated texts of many articles
in large chunks; while the articles a chunk completes are checked and written, the model
already works on the next chunk in a background thread (CTranslate2 releases the GIL). Ctrl-C
stops the model after its current batch, never with it still running while Python exits.
"""

from __future__ import annotations

import inspect
import threading
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from typing import Any, NamedTuple

import polib

from translate.core.interrupts import deferred_interrupt
from translate.core.progress import Progress
from translate.errors import MissingModelError
from translate.formats.article import Article
from translate.models.engine import Translator, load_translator
from translate.models.packages import package_dirs
from translate.models.probe import tried_once
from translate.mt.markup import translate_marked
from translate.mt.protect import STRATEGIES, Guards, Outcome
from translate.options import RunOptions
from translate.po.confidence import confidence_of


class Draft(NamedTuple):
    """A machine draft: the translation, the notes of its glossary problems, and how sure
    the model was of it (``translate.po.confidence``; None when the engine gives no scores)."""

    text: str
    problems: list[str]
    confidence: float | None = None


#: A distinct source text → its draft.
Translations = dict[str, Draft]
#: The articles of a chunk and the distinct texts it sends to the model.
Chunk = tuple[list[Article], list[str]]
#: Why no MT runs with ``--engine none``.
NO_MT = "no MT requested (--engine none)"


def plan_chunks(
    articles: Sequence[Article], pending: Mapping[str, Sequence[polib.POEntry]], chunk_units: int
) -> list[Chunk]:
    """Group articles in order so each group brings about ``chunk_units`` new distinct texts.

    A text appears in the first group that needs it only; a group's articles are complete
    once its texts (and those of the groups before) are translated.
    """
    chunks: list[Chunk] = []
    seen: set[str] = set()
    batch: list[Article] = []
    texts: list[str] = []
    for article in articles:
        batch.append(article)
        for entry in pending[article.id]:
            if entry.msgid not in seen:
                seen.add(entry.msgid)
                texts.append(entry.msgid)
        if len(texts) >= chunk_units:
            chunks.append((batch, texts))
            batch, texts = [], []
    if batch:
        chunks.append((batch, texts))
    return chunks


class Cancelled(Exception):
    """Raised inside a background translation that was asked to stop."""


class Background:
    """``func(cancel)`` running in a thread; ``result()`` waits and re-raises its error.

    ``stop()`` sets ``cancel`` (a threading.Event that ``func`` checks between model
    batches) and waits until ``func`` has returned, so Ctrl-C ends a run within one batch and
    never with the model still running while the interpreter shuts down (that thread would be
    killed inside CTranslate2 when it takes the GIL back: SIGABRT, "terminate called without
    an active exception", or SIGSEGV).

    Waiting uses an Event the thread sets when ``func`` is over, never ``Thread.join``: in
    Python 3.11, a join interrupted by KeyboardInterrupt marks the still-running thread as
    stopped (CPython gh-90882), after which every join returns at once. The thread is started
    with Ctrl-C held back (``deferred_interrupt``), so no interrupt can leave a started
    thread that nobody will stop.
    """

    def __init__(self, func: Callable[[threading.Event], Any]) -> None:
        self._value: Any = None
        self._error: BaseException | None = None
        self._cancel = threading.Event()
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._call, args=(func,), daemon=True)
        with deferred_interrupt():
            self._thread.start()

    def _call(self, func: Callable[[threading.Event], Any]) -> None:
        try:
            self._value = func(self._cancel)
        except BaseException as err:  # handed to the main thread by result()
            self._error = err
        finally:
            self._done.set()

    def result(self) -> Any:
        """The call's return value (after waiting for it)."""
        self._done.wait()
        if self._error is not None:
            raise self._error
        return self._value

    def stop(self) -> None:
        """Ask the call to stop and wait until it has, through further Ctrl-Cs (re-raised)."""
        self._cancel.set()
        interrupted: KeyboardInterrupt | None = None
        while not self._done.is_set():
            try:
                self._done.wait()
            except KeyboardInterrupt as err:  # the model stops after its batch all the same
                interrupted = err
        if interrupted is not None:
            raise interrupted


class BackgroundCalls:
    """Every Background started through it, stopped together when the block ends.

    ``start`` registers a call before its thread exists, so a Ctrl-C that lands between the
    start and the caller's assignment cannot leave a model running unstopped.
    """

    def __init__(self) -> None:
        self._calls: list[Background] = []

    def start(self, func: Callable[[threading.Event], Any]) -> Background:
        """Start ``func(cancel)`` in the background."""
        with deferred_interrupt():
            call = Background(func)
            self._calls.append(call)
        return call

    def __enter__(self) -> BackgroundCalls:
        return self

    def __exit__(self, *exc: object) -> None:
        interrupted: KeyboardInterrupt | None = None
        for call in self._calls:
            try:
                call.stop()
            except KeyboardInterrupt as err:  # stop the others all the same
                interrupted = err
        if interrupted is not None:
            raise interrupted


def open_translator(lang: str, options: RunOptions) -> tuple[Translator | None, str]:
    """The translator for en→lang, or (None, why) when there is none."""
    if options.engine == "none":
        return None, NO_MT
    try:
        translator = load_translator(
            options.engine,
            "en",
            lang,
            package_dirs=package_dirs(options.models),
            device=options.device,
            beam_size=options.beam_size,
            batch_size=options.batch_size,
            threads=options.threads,
            # A package is first tried in a child process (once: remembered in a cache), so
            # that one CTranslate2 cannot run is this pair's error, not a crash of the run.
            before_load=tried_once(),
        )
    except MissingModelError:
        return None, f"no Argos package for en→{lang}"
    return translator, ""


def accepts_progress(translator: Translator) -> bool:
    """Whether ``translator.translate`` takes a ``progress=`` callback."""
    try:
        parameters = inspect.signature(translator.translate).parameters
    except (TypeError, ValueError):
        return False
    return "progress" in parameters or any(
        p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters.values()
    )


class ProgressCounter:
    """Turns an engine's progress calls into exactly ``total`` units of ``Progress.advance``.

    The engine counts the segments it translates (a long text may be several, repeats
    one); the run's total counts texts. Reports are capped below the total until the call
    returns, then the rest is reported.
    """

    def __init__(
        self, progress: Progress, lang: str, total: int, cancel: threading.Event | None = None
    ) -> None:
        self.progress, self.lang, self.total, self.done = progress, lang, total, 0
        self.cancel = cancel  # when set, the next report stops the engine

    def check(self, count: int = 0) -> None:
        """Stop the engine (raise Cancelled) when the run was asked to stop; ``count`` is not
        counted (a second model call on texts already counted)."""
        if self.cancel is not None and self.cancel.is_set():
            raise Cancelled

    def advance(self, count: int) -> None:
        """The engine finished ``count`` more segments."""
        self.check()
        step = min(count, self.total - 1 - self.done)
        if step > 0:
            self.done += step
            self.progress.advance(self.lang, step)

    def close(self) -> None:
        """The call returned: every text is done."""
        if self.total > self.done:
            self.progress.advance(self.lang, self.total - self.done)
            self.done = self.total


def machine_translate(
    texts: list[str],
    translator: Translator,
    glossary: Guards,
    lang: str,
    progress: Progress,
    *,
    cancel: threading.Event | None = None,
) -> Translations:
    """Translate distinct ``texts`` with glossary enforcement: text → Draft (translation,
    problems, confidence).

    The problems are the notes of wrong renderings replaced and the terms that could not be
    got right (each names the expected form); see ``translate_outcomes``. The confidence is
    that of the model's decode of the whole text (the first call, which has every text):
    scores come with the translations from the same batches, never from another call.
    """
    outcomes, scores = translate_outcomes(texts, translator, glossary, lang, progress,
                                          cancel=cancel)
    return {text: Draft(o.text, o.notes + o.problems, confidence_of(scores.get(text)))
            for text, o in outcomes.items()}


def translate_outcomes(
    texts: list[str],
    translator: Translator,
    glossary: Guards,
    lang: str,
    progress: Progress,
    *,
    cancel: threading.Event | None = None,
    strategies: Sequence[str] = STRATEGIES,
) -> tuple[dict[str, Outcome], dict[str, float]]:
    """Translate distinct ``texts``, each place name and inline element guarded
    (``translate.mt.protect``): text → Outcome (the translation, how each term was got right,
    problems, model calls), and text → the average token log-probability of its first decode
    when the translator gives scores (``translate_scored``).

    All of ``texts`` go to the translator in one call, so it can sort and batch them as it
    likes, and those whose terms are still not right in one more call; a translator whose
    ``translate`` takes ``progress=`` reports as it goes (the second call only checks
    ``cancel``). ``strategies``: see ``protect.translate_guarded``.
    """
    if not texts:
        return {}, {}
    counter = ProgressCounter(progress, lang, len(texts), cancel)
    with_progress = accepts_progress(translator)
    scored = getattr(translator, "translate_scored", None)
    scores: dict[str, float] = {}

    def model(inputs: list[str], first: bool) -> list[str]:
        options = ({"progress": counter.advance if first else counter.check}
                   if with_progress else {})
        if scored is None:
            return translator.translate(inputs, **options)
        results = scored(inputs, **options)
        if first and not scores and len(inputs) == len(texts):
            # the first call has every text, in order (protect.translate_guarded)
            found = zip(texts, results, strict=True)
            scores.update({text: score for text, (_out, score) in found if score is not None})
        return [output for output, _score in results]

    outcomes = translate_marked(texts, glossary, lang, model, strategies)
    counter.close()
    return dict(zip(texts, outcomes, strict=True)), scores


def translate_chunks(
    chunks: Sequence[Chunk],
    translate: Callable[[list[str], threading.Event], Translations],
    finish: Callable[[list[Article], Translations], None],
) -> None:
    """Translate the chunks in order, each while ``finish`` handles the chunk before.

    ``translate(texts, cancel)`` runs in the background; ``finish(articles, translated)``
    gets the articles a chunk completes and every translation so far. Leaving the call
    (Ctrl-C included) stops the model after its current batch.
    """
    translated: Translations = {}
    with BackgroundCalls() as calls:
        ahead = calls.start(partial(translate, chunks[0][1])) if chunks else None
        for number, (articles, _texts) in enumerate(chunks):
            assert ahead is not None
            translated.update(ahead.result())
            following = chunks[number + 1][1] if number + 1 < len(chunks) else None
            ahead = calls.start(partial(translate, following)) if following is not None else None
            finish(articles, translated)
