"""Progress of a long job: the events a run reports while MT works, and a plain-log reader."""

from __future__ import annotations

import time
from collections.abc import Callable


class Progress:
    """Receives progress events (and ignores them: subclass it, or pass any object with
    these methods, such as the CLI's progress bar)."""

    def start(self, lang: str, total: int) -> None:
        """MT for ``lang`` starts with ``total`` distinct texts."""

    def advance(self, lang: str, count: int) -> None:
        """``count`` more texts of ``lang`` were translated."""

    def finish(self, lang: str) -> None:
        """MT for ``lang`` is over."""


class LogProgress(Progress):
    """Progress as plain log lines through ``write``: one when a language starts, at most one
    every ``interval`` seconds while it runs, and one when it ends."""

    def __init__(
        self,
        write: Callable[[str], None],
        *,
        interval: float = 10.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.write, self.interval, self.clock = write, interval, clock
        self.done = self.total = 0
        self.started = self.logged = 0.0

    def start(self, lang: str, total: int) -> None:
        self.done, self.total = 0, total
        self.started = self.logged = self.clock()
        if total:
            self.write(f"en→{lang}: translating {total} distinct units")

    def line(self, lang: str) -> str:
        """``en→ru: 120/400 units (30%), 12.5 units/s, ETA 0:00:22``."""
        elapsed = self.clock() - self.started
        rate = self.done / elapsed if elapsed > 0 else 0.0
        percent = 100 * self.done // self.total if self.total else 100
        text = f"en→{lang}: {self.done}/{self.total} units ({percent}%), {rate:.1f} units/s"
        if self.done < self.total and rate > 0:
            seconds = round((self.total - self.done) / rate)
            text += f", ETA {seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
        return text

    def advance(self, lang: str, count: int) -> None:
        self.done += count
        if self.total and self.done < self.total and self.clock() - self.logged >= self.interval:
            self.logged = self.clock()
            self.write(self.line(lang))

    def finish(self, lang: str) -> None:
        if self.total:
            self.write(f"{self.line(lang)}, done in {self.clock() - self.started:.1f} s")
        self.total = 0
