"""A time budget for one document's processing: past it, the document is reported and skipped instead of holding up
the run.

The budget is an interval timer (``SIGALRM``) that raises :class:`OverBudget` in the code it interrupts, so it
needs the main thread of a process on a system with ``setitimer``; elsewhere (the web app's upload threads, Windows)
the block runs without one. :class:`OverBudget` is not an ``Exception``, so that a component's ``except Exception``
cannot swallow it, and the timer fires again every second until the block ends, in case something swallows it all
the same. Only extraction runs inside a budget, never a database write.
"""
from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

#: The default budget of ``icatlas ingest`` and ``icatlas extract``, in seconds per document.
DEFAULT_SECONDS = 60.0


class OverBudget(BaseException):
    """A document's processing ran past its time budget."""


def available() -> bool:
    """Whether a budget can be enforced here (the main thread, a system with interval timers)."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Run the block with at most ``seconds`` of wall time (None: no limit); :class:`OverBudget` when it runs
    over. Where no budget can be enforced (:func:`available`), the block runs without one."""
    if seconds is None or not available():
        yield
        return
    if seconds <= 0:
        raise OverBudget()

    def on_alarm(_signum: int, _frame: FrameType | None) -> None:
        raise OverBudget()

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds, 1.0)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
