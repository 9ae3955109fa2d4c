"""The store's state, and values derived from it kept until it changes: one token, one memo.

:func:`state_token` names one state of the store. On SQLite the store keeps a version that triggers bump on every
change to the tables the pages read (``store_state``, migration 4; on PostgreSQL from migration 9, one bump per
writing transaction); with the largest relation and figure ids (tables outside the triggers) it is the token, one
row read. Elsewhere (other databases, stores without the stamp) the
token is a fingerprint query: row counts, largest ids, the reference version and the length of the entity columns
the analyses read. Inside ``with read_once():`` (:mod:`icatlas.store.stamp`) the token is read once per unit of work,
so one page sees one state of the store throughout.

:func:`per_version` keeps one value per store and name, computed once per state; concurrent callers wait for the
first one's result. The analyses' snapshot, the library's reads (the event list, the search's text and
organisations, the home page's counts) and the web app's page cache all keep their values there. A value is kept
under the fingerprint only when it is derived from what the fingerprint counts (``fingerprint=True``: the
snapshot); every other value is kept only on a store with the stamp (:func:`store_version`) and computed every time
elsewhere, so that a write is never missed.
"""
from __future__ import annotations

import threading
import weakref
from typing import Any, Callable, Hashable

from sqlalchemy import Engine, func, select
from sqlalchemy.exc import SQLAlchemyError

from . import schema as t
from .reading import StoreLike, engine_of
from .stamp import once

#: One state of the store: ``("stamp", version, largest relation id, largest figure id)`` or ``("rows", …)``.
Version = tuple[Any, ...]


def state_token(store: StoreLike) -> Version:
    """The store's state: the stamp where the store keeps one, else the fingerprint query; read once per unit of
    work (:func:`icatlas.store.stamp.read_once`)."""
    engine = engine_of(store)
    stamped = store_version(engine)
    if stamped is not None:
        return stamped
    return once(("store-rows", id(engine)), lambda: ("rows", *_read_fingerprint(engine)))  # type: ignore[no-any-return]


def store_version(store: StoreLike) -> Version | None:
    """The store's state when it comes from the stamp (one row read, once per unit of work); None on a store
    without one (nothing but the values derived from what the fingerprint counts is kept there). The fingerprint
    query is not run to tell that."""
    engine = engine_of(store)
    return once(("store-stamp", id(engine)), lambda: _stamp_token(engine))  # type: ignore[no-any-return]


def _stamp_token(engine: Engine) -> Version | None:
    stamp = _read_stamp(engine)
    return ("stamp", *stamp) if stamp is not None else None


def _read_stamp(engine: Engine) -> Version | None:
    if engine.dialect.name != "sqlite" and not _pg_stamped(engine):
        return None
    try:
        with engine.connect() as conn:
            v = conn.execute(select(t.store_state.c.version).where(t.store_state.c.id == 1)).scalar()
            if v is None:
                return None
            rel = conn.execute(select(func.max(t.relations.c.id))).scalar()
            fig = conn.execute(select(func.max(t.figures.c.id))).scalar()
    except SQLAlchemyError:
        return None  # a store not migrated to version 4, or one whose stamp was taken away
    return (v, rel, fig)


#: Engines of PostgreSQL stores whose stamp is kept by triggers (migration 9).
_PG_STAMPED: weakref.WeakSet[Engine] = weakref.WeakSet()


def _pg_stamped(engine: Engine) -> bool:
    """Whether a PostgreSQL store keeps its stamp (its triggers came with migration 9); asked until it does."""
    if engine.dialect.name != "postgresql":
        return False
    if engine in _PG_STAMPED:
        return True
    try:
        with engine.connect() as conn:
            ok = conn.execute(select(t.schema_version.c.version).where(t.schema_version.c.version == 9)).first()
    except SQLAlchemyError:
        return False
    if ok is not None:
        _PG_STAMPED.add(engine)
    return ok is not None


def _read_fingerprint(engine: Engine) -> Version:
    with engine.connect() as conn:
        parts: list[Any] = []
        for table in (t.entities, t.mentions, t.documents, t.events, t.curation):
            parts += list(conn.execute(select(func.count(), func.max(table.c.id)).select_from(table)).one())
        e = t.entities.c
        parts += list(conn.execute(select(func.sum(func.length(func.coalesce(e.region, ""))),
                                          func.sum(func.length(func.coalesce(e.name, ""))))).one())
        parts.append(conn.execute(select(t.reference_meta.c.value)
                                  .where(t.reference_meta.c.key == "version")).scalar())
    return tuple(parts)


#: Per engine (dropped with it), per name: (the state the value was computed at, the value).
_DERIVED: weakref.WeakKeyDictionary[Engine, dict[Hashable, tuple[Version, Any]]] = weakref.WeakKeyDictionary()
_DERIVED_LOCK = threading.Lock()
_FLIGHTS: dict[tuple[int, Hashable], threading.Lock] = {}


def per_version(store: StoreLike, name: Hashable, compute: Callable[[], Any], fingerprint: bool = False) -> Any:
    """``compute()`` once per store state. On a store without the stamp: under the fingerprint with
    ``fingerprint`` (a value derived only from what it counts), else every time. Concurrent callers of one ``name``
    wait for the first one's result instead of all computing it at once."""
    engine = engine_of(store)
    version = state_token(engine) if fingerprint else store_version(engine)
    if version is None:
        return compute()
    with _DERIVED_LOCK:
        kept = _DERIVED.setdefault(engine, {})
        hit = kept.get(name)
        if hit is not None and hit[0] == version:
            return hit[1]
        lock = _FLIGHTS.setdefault((id(engine), name), threading.Lock())
    with lock:
        hit = kept.get(name)
        if hit is not None and hit[0] == version:
            return hit[1]
        value = compute()
        kept[name] = (version, value)
        return value
