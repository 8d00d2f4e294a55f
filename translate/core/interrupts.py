"""Ctrl-C at safe points: hold SIGINT back while a step must not be cut in half.

A KeyboardInterrupt can land between any two bytecodes of the main thread. Most steps don't
mind (every file is written atomically), but a few must finish once begun: starting the thread
that runs the model (or nobody stops it), importing CTranslate2 (its C extension turns an
interrupt into "ImportError: initialization failed"), and loading langdetect's profiles (its
loader turns an interrupt into an error and keeps the profiles loaded so far: ``langid``).
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator


@contextlib.contextmanager
def deferred_interrupt() -> Iterator[None]:
    """Hold back Ctrl-C (SIGINT) for the block; raise KeyboardInterrupt after it if one came.

    Only the main thread receives signals; elsewhere (a library user's thread), or when the
    process ignores SIGINT (a job started in the background by a script), there is nothing to
    hold back and the block simply runs.
    """
    if (
        threading.current_thread() is not threading.main_thread()
        or signal.getsignal(signal.SIGINT) == signal.SIG_IGN  # started with Ctrl-C ignored (`&`)
    ):
        yield
        return
    received: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, _frame: received.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if received:
        if callable(previous):
            previous(signal.SIGINT, None)
        elif previous != signal.SIG_IGN:
            raise KeyboardInterrupt
