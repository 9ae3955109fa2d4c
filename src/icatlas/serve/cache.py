"""Rendered pages and JSON twins kept per store state.

A page only changes when the store does. The key of a cached body is (kind, path, query, language, store version,
…) (:func:`icatlas.store.state.store_version`), so a change anywhere makes every older entry unreachable and the
LRU drops them in time. Stores without the stamp (other databases, stores not migrated to version 4) are not
cached.

Cached HTML never holds anything of one session: pages are rendered for an anonymous visitor with a placeholder in
place of the CSRF token, which is replaced by the visitor's own token on the way out. Logged-in sessions bypass the
cache.
"""
from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from typing import Any, Callable, Hashable

from ..store import Store
from ..store.state import Version, store_version

#: Entries kept (bodies of a few to a few hundred kB each).
DEFAULT_SIZE = 512


class PageCache:
    def __init__(self, store: Store, size: int = DEFAULT_SIZE) -> None:
        self.store = store
        self.size = size
        self._entries: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()
        self._flights: dict[Hashable, threading.Lock] = {}
        #: Stands for the CSRF token in cached HTML; random per process so no stored text can contain it.
        self.csrf_placeholder = "csrf-" + secrets.token_hex(16)
        self.hits = 0
        self.misses = 0

    def version(self) -> Version | None:
        """The store's state (:func:`icatlas.store.state.store_version`); None: nothing is cached."""
        return store_version(self.store)

    def get(self, key: Hashable) -> Any:
        with self._lock:
            value = self._entries.get(key)
            if value is None:
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return value

    def put(self, key: Hashable, value: Any) -> None:
        with self._lock:
            self._entries[key] = value
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def get_or_compute(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """The entry for ``key``, computed once when missing: concurrent requests for one page wait for the first
        one's rendering instead of all rendering it."""
        value = self.get(key)
        if value is not None:
            return value
        with self._lock:
            lock = self._flights.setdefault(key, threading.Lock())
        try:
            with lock:
                value = self.get(key)
                if value is None:
                    value = compute()
                    self.put(key, value)
                return value
        finally:
            with self._lock:
                self._flights.pop(key, None)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
