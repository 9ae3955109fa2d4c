"""Rendered pages and JSON twins kept per store state.

A page only changes when the store does. The bodies are kept in one LRU per store state, held in the store's
per-state memo (:meth:`icatlas.atlas.Atlas.kept`) like every other value derived from the store, so a change
anywhere drops every older page at once; the key of a body still names the state it was rendered at (kind, path,
query, language, store version, …). Stores without the stamp (other databases, stores not migrated to version 4)
are not cached (:meth:`icatlas.atlas.Atlas.state` is None).

Cached HTML never holds anything of one session: pages are rendered for an anonymous visitor with a placeholder in
place of the CSRF token, which is replaced by the visitor's own token on the way out. Logged-in sessions bypass the
cache.
"""
from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from typing import Any, Callable, Hashable

from ..atlas import Atlas, Version

#: Entries kept (bodies of a few to a few hundred kB each).
DEFAULT_SIZE = 512


class PageCache:
    def __init__(self, atlas: Atlas, size: int = DEFAULT_SIZE) -> None:
        self.atlas = atlas
        self.size = size
        #: This cache's own value in the per-state memo (two apps over one store keep their pages apart).
        self._name = ("pages", secrets.token_hex(8))
        self._lock = threading.Lock()
        self._flights: dict[Hashable, threading.Lock] = {}
        #: Stands for the CSRF token in cached HTML; random per process so no stored text can contain it.
        self.csrf_placeholder = "csrf-" + secrets.token_hex(16)
        self.hits = 0
        self.misses = 0

    def version(self) -> Version | None:
        """The store's state (:meth:`icatlas.atlas.Atlas.state`); None: nothing is cached."""
        return self.atlas.state()

    def _entries(self) -> OrderedDict[Hashable, Any]:
        """The pages kept for the store's current state (a fresh LRU once it changed)."""
        return self.atlas.kept(self._name, OrderedDict)  # type: ignore[no-any-return]

    def get(self, key: Hashable, entries: OrderedDict[Hashable, Any] | None = None) -> Any:
        entries = self._entries() if entries is None else entries
        with self._lock:
            value = entries.get(key)
            if value is None:
                self.misses += 1
                return None
            entries.move_to_end(key)
            self.hits += 1
            return value

    def put(self, key: Hashable, value: Any, entries: OrderedDict[Hashable, Any] | None = None) -> None:
        entries = self._entries() if entries is None else entries
        with self._lock:
            entries[key] = value
            entries.move_to_end(key)
            while len(entries) > self.size:
                entries.popitem(last=False)

    def get_or_compute(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """The entry for ``key``, computed once when missing: concurrent requests for one page wait for the first
        one's rendering instead of all rendering it."""
        entries = self._entries()
        value = self.get(key, entries)
        if value is not None:
            return value
        with self._lock:
            lock = self._flights.setdefault(key, threading.Lock())
        try:
            with lock:
                value = self.get(key, entries)
                if value is None:
                    value = compute()
                    self.put(key, value, entries)
                return value
        finally:
            with self._lock:
                self._flights.pop(key, None)

    def clear(self) -> None:
        entries = self._entries()
        with self._lock:
            entries.clear()
