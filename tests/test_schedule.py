"""Tests of translate.mt.schedule: chunks of distinct texts, the background model call and how
Ctrl-C stops it, progress reports from a real engine.

The Ctrl-C tests deliver a real SIGINT to the main thread while it waits; the end-to-end
interrupt tests (a killed or interrupted ``translate run``) are in test_batch.py.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from pathlib import Path

import polib
import pytest
from hypothesis import given
from hypothesis import strategies as st

from translate.core.progress import Progress
from translate.formats.article import Article
from translate.glossary.model import Glossary
from translate.models.engine import load_translator
from translate.mt.schedule import Background, machine_translate, plan_chunks, translate_chunks


def article(article_id: str) -> Article:
    return Article(id=article_id, source=Path(f"{article_id}.txt"), parts=())


@given(
    st.lists(st.lists(st.sampled_from("abcdefghij"), max_size=6), min_size=1, max_size=12),
    st.integers(min_value=1, max_value=8),
)
def test_plan_chunks_sends_each_text_once_before_its_articles_are_written(
    texts_per_article: list[list[str]], chunk_units: int
) -> None:
    articles = [article(f"a{i}") for i in range(len(texts_per_article))]
    pending = {
        a.id: [polib.POEntry(msgid=t) for t in texts]
        for a, texts in zip(articles, texts_per_article, strict=True)
    }
    chunks = plan_chunks(articles, pending, chunk_units)
    assert [a for batch, _ in chunks for a in batch] == articles  # article order kept
    sent = [t for _, texts in chunks for t in texts]
    assert sorted(sent) == sorted({t for texts in texts_per_article for t in texts})
    known: set[str] = set()
    for batch, texts in chunks:
        known.update(texts)
        assert all(e.msgid in known for a in batch for e in pending[a.id])
    assert all(len(texts) >= chunk_units for _, texts in chunks[:-1])  # large model calls


class RecordingProgress(Progress):
    def __init__(self) -> None:
        self.events: list[tuple[str, str, int]] = []

    def start(self, lang: str, total: int) -> None:
        self.events.append(("start", lang, total))

    def advance(self, lang: str, count: int) -> None:
        self.events.append(("advance", lang, count))

    def finish(self, lang: str) -> None:
        self.events.append(("finish", lang, 0))


@pytest.mark.parametrize("engine", ["argos", "pseudo"])
def test_machine_translate_advances_progress_to_exactly_the_total(
    installed_packages: Path, engine: str
) -> None:
    translator = load_translator(engine, "en", "ru", package_dirs=[installed_packages],
                                 batch_size=2, threads=1)
    long_text = " ".join(f"Sentence number {n} of a long paragraph." for n in range(40))
    texts = [f"Short text {n}." for n in range(37)] + [long_text, "  ", ""]
    progress = RecordingProgress()
    result = machine_translate(texts, translator, Glossary.empty(), "ru", progress)
    assert list(result) == texts
    steps = [count for kind, _lang, count in progress.events if kind == "advance"]
    assert sum(steps) == len(texts) and all(step > 0 for step in steps)
    if engine == "argos":
        assert len(steps) > 1  # batch_size 2 → several batches → several reports


def test_translate_chunks_translates_the_next_chunk_while_the_last_one_is_finished() -> None:
    chunks = [([article("a")], ["one", "two"]), ([article("b")], ["three"]), ([article("c")], [])]
    second_started = threading.Event()
    finished: list[tuple[list[str], list[str]]] = []

    def translate(texts: list[str], cancel: threading.Event) -> dict:
        if texts == ["three"]:
            second_started.set()
        return {text: (text.upper(), []) for text in texts}

    def finish(articles: list[Article], translated: dict) -> None:
        if articles[0].id == "a":
            assert second_started.wait(10)  # the model already works on the next chunk
        finished.append(([a.id for a in articles], sorted(translated)))

    translate_chunks(chunks, translate, finish)
    assert finished == [
        (["a"], ["one", "two"]),
        (["b"], ["one", "three", "two"]),  # every translation so far
        (["c"], ["one", "three", "two"]),
    ]


def test_an_interrupt_while_finishing_a_chunk_stops_the_model_before_it_propagates() -> None:
    chunks = [([article("a")], ["one"]), ([article("b")], ["two"])]
    running, stopped = threading.Event(), threading.Event()

    def translate(texts: list[str], cancel: threading.Event) -> dict:
        if texts == ["two"]:
            running.set()
            cancel.wait(10)  # the model checks ``cancel`` between its batches
            stopped.set()
        return {text: (text, []) for text in texts}

    def finish(articles: list[Article], translated: dict) -> None:
        assert running.wait(10)
        raise KeyboardInterrupt  # Ctrl-C while writing the first chunk's articles

    with pytest.raises(KeyboardInterrupt):
        translate_chunks(chunks, translate, finish)
    assert stopped.is_set()  # the model had stopped when the interrupt left translate_chunks


@pytest.fixture
def ctrl_c_raises() -> Iterator[None]:
    """Python's own SIGINT handler in this process, even when pytest was started with SIGINT
    ignored (in the background by a script), so a SIGINT raises KeyboardInterrupt."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, previous)


def interrupt_main_thread_after(seconds: float) -> threading.Timer:
    """Deliver SIGINT to the main thread itself (as a terminal's Ctrl-C does) after ``seconds``.

    ``signal.pthread_kill`` makes the main thread's blocking wait return with EINTR, so the
    KeyboardInterrupt lands inside that wait, where a real Ctrl-C lands.
    """
    main = threading.main_thread().ident
    timer = threading.Timer(seconds, signal.pthread_kill, args=(main, signal.SIGINT))
    timer.start()
    return timer


def test_ctrl_c_while_waiting_for_the_model_still_waits_for_it_to_stop(ctrl_c_raises) -> None:
    # Root cause of the SIGABRT/SIGSEGV on Ctrl-C: Python 3.11's Thread.join(), interrupted by
    # KeyboardInterrupt, marks the still-running thread as stopped (CPython gh-90882), so a
    # second join returned at once and the interpreter shut down with CTranslate2 still
    # running in that thread. The background call must not trust Thread.join.
    release, finished = threading.Event(), threading.Event()

    def model_call(cancel: threading.Event) -> str:
        release.wait(10)  # the model, busy in C++ with the GIL released
        finished.set()
        return "done"

    call = Background(model_call)
    timer = interrupt_main_thread_after(0.2)
    with pytest.raises(KeyboardInterrupt):
        call.result()
    timer.join()
    threading.Timer(0.3, release.set).start()
    call.stop()
    assert finished.is_set()  # stop() returned only once the call was over


def test_ctrl_c_during_stop_does_not_abandon_the_model(ctrl_c_raises) -> None:
    release, finished = threading.Event(), threading.Event()

    def model_call(cancel: threading.Event) -> None:
        release.wait(10)
        finished.set()

    call = Background(model_call)
    timer = interrupt_main_thread_after(0.2)  # a second Ctrl-C, while stop() waits
    threading.Timer(0.5, release.set).start()
    with pytest.raises(KeyboardInterrupt):
        call.stop()
    timer.join()
    assert finished.is_set()
