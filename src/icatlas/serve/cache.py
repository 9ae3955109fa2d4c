"""Rendered pages and JSON twins kept per store state.

A page only changes when the store does. On SQLite the store keeps a version that triggers bump on every change to
the tables the pages read (``store_state``, migration 4); the key of a cached body is (kind, path, query, language,
store version, …), so a change anywhere makes every older entry unreachable and the LRU drops them in time.
Stores without the stamp (other databases, stores not migrated to version 4) are not cached.

Cached HTML never holds anything of one session: pages are rendered for an anonymous visitor with a placeholder in
place of the CSRF token, which is replaced by the visitor's own token on the way out. Logged-in sessions bypass the
cache.
"""
from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from typing import Any, Callable, Hashable

from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError

from ..store import Store
from ..store import schema as t
from ..store.stamp import once

#: Entries kept (bodies of a few to a few hundred kB each).
DEFAULT_SIZE = 512


def store_version(store: Store) -> tuple[Any, ...] | None:
    """The store's state: the ``store_state`` stamp plus the largest relation and figure ids (tables outside the
    triggers), or None when the store has no stamp (then nothing is cached). Read once per page
    (:func:`icatlas.store.stamp.read_once`)."""
    return once(("serve-version", id(store)), lambda: _read_version(store))  # type: ignore[no-any-return]


def _read_version(store: Store) -> tuple[Any, ...] | None:
    if store.engine.dialect.name != "sqlite":
        return None
    try:
        with store.engine.connect() as conn:
            v = conn.execute(select(t.store_state.c.version).where(t.store_state.c.id == 1)).scalar()
            if v is None:
                return None
            rel = conn.execute(select(func.max(t.relations.c.id))).scalar()
            fig = conn.execute(select(func.max(t.figures.c.id))).scalar()
    except SQLAlchemyError:
        return None
    return (v, rel, fig)


_DERIVED: dict[tuple[int, str], tuple[Any, Any]] = {}
_DERIVED_LOCK = threading.Lock()


def per_version(store: Store, name: str, compute: Callable[[], Any]) -> Any:
    """``compute()`` once per store version (every time on a store without the stamp). Concurrent callers of one
    ``name`` wait for the first one's result instead of all computing it at once."""
    version = store_version(store)
    if version is None:
        return compute()
    key = (id(store), name)
    hit = _DERIVED.get(key)
    if hit is not None and hit[0] == version:
        return hit[1]
    with _DERIVED_LOCK:
        lock = _FLIGHTS.setdefault(key, threading.Lock())
    with lock:
        hit = _DERIVED.get(key)
        if hit is not None and hit[0] == version:
            return hit[1]
        value = compute()
        _DERIVED[key] = (version, value)
        return value


_FLIGHTS: dict[Hashable, threading.Lock] = {}


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

    def version(self) -> tuple[Any, ...] | None:
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
