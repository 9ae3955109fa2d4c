"""Reading the store's state stamp once per unit of work.

Several layers ask whether the store changed (the analyses' snapshot, the web app's caches), each with a query of
its own; one page asks a dozen times. Inside ``with read_once():`` each such read is made once and its answer
reused until the block ends, so one page sees one state of the store throughout."""
from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, Callable, Hashable, Iterator

_MEMO: ContextVar[dict[Hashable, Any] | None] = ContextVar("icatlas_read_once", default=None)


def once(key: Hashable, read: Callable[[], Any]) -> Any:
    """``read()``, or inside :func:`read_once` the answer of the block's first read under ``key``."""
    memo = _MEMO.get()
    if memo is None:
        return read()
    if key not in memo:
        memo[key] = read()
    return memo[key]


@contextmanager
def read_once() -> Iterator[None]:
    """A block in which :func:`once` reads each key once (nested blocks share the outer one's answers)."""
    if _MEMO.get() is not None:
        yield
        return
    token = _MEMO.set({})
    try:
        yield
    finally:
        _MEMO.reset(token)
