"""The store's state, and values derived from it kept until it changes.

On SQLite the store keeps a version that triggers bump on every change to the tables the pages read
(``store_state``, migration 4); with the largest relation and figure ids (tables outside the triggers) it names one
state of the store. Stores without the stamp (other databases, stores not migrated to version 4) have no state:
nothing derived from them is kept.
"""
from __future__ import annotations

import threading
from typing import Any, Callable, Hashable

from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError

from . import schema as t
from .db import Store
from .stamp import once

Version = tuple[Any, ...]


def store_version(store: Store) -> Version | None:
    """The store's state: the ``store_state`` stamp plus the largest relation and figure ids, or None when the store
    has no stamp. Read once per page (:func:`icatlas.store.stamp.read_once`)."""
    return once(("store-version", id(store.engine)), lambda: _read_version(store))  # type: ignore[no-any-return]


def _read_version(store: Store) -> Version | None:
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
_FLIGHTS: dict[Hashable, threading.Lock] = {}


def per_version(store: Store, name: str, compute: Callable[[], Any]) -> Any:
    """``compute()`` once per store version (every time on a store without the stamp). Concurrent callers of one
    ``name`` wait for the first one's result instead of all computing it at once."""
    version = store_version(store)
    if version is None:
        return compute()
    key = (id(store.engine), name)
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
