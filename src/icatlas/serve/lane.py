"""Page reads served one at a time per worker, first come first served.

Reading a page is Python work that holds the interpreter lock; run on the default thread pool, twenty pages in
flight share one core in slices of a few milliseconds and every one of them finishes late, the cheap ones behind
the dear ones. In a lane of one thread a page waits only for those that arrived before it, then runs to its end, so
the slow tail under load is as short as it can be. Writes (uploads, curation) do not enter the lane, so they never
queue behind a run of page reads. ``ICATLAS_PAGE_THREADS`` widens the lane (default 1)."""
from __future__ import annotations

import functools
import os
from typing import Any, Awaitable, Callable, TypeVar

import anyio
import anyio.to_thread

from ..atlas import one_state

ENV_WIDTH = "ICATLAS_PAGE_THREADS"
T = TypeVar("T")


def width_from_env() -> int:
    raw = os.environ.get(ENV_WIDTH, "").strip()
    return max(1, int(raw)) if raw.isdigit() else 1


class Lane:
    def __init__(self, width: int | None = None, before: Callable[[], Any] | None = None) -> None:
        """``before`` runs in the lane ahead of each page (the app checks there whether the store changed)."""
        self.width = width or width_from_env()
        self.before = before
        self._limiter: anyio.CapacityLimiter | None = None

    @property
    def limiter(self) -> anyio.CapacityLimiter:
        # made inside the event loop, on first use
        if self._limiter is None:
            self._limiter = anyio.CapacityLimiter(self.width)
        return self._limiter

    async def run(self, fn: Callable[[], T]) -> T:
        """``fn()`` in the lane; it sees one state of the store throughout (the stamp is read once)."""
        def pinned() -> T:
            with one_state():
                if self.before is not None:
                    self.before()
                return fn()
        return await anyio.to_thread.run_sync(pinned, limiter=self.limiter)

    def route(self, fn: Callable[..., T]) -> Callable[..., Awaitable[T]]:
        """``fn`` (a plain route function) as an async route that runs in the lane, with ``fn``'s signature."""
        @functools.wraps(fn)
        async def in_lane(*args: Any, **kwargs: Any) -> T:
            return await self.run(functools.partial(fn, *args, **kwargs))
        return in_lane
