"""What every read of the analyses starts from: the store (a :class:`Store` or its SQLAlchemy engine) and the
fingerprint that tells whether it changed.

On SQLite the store keeps a version that triggers bump on every change to the tables the analyses read
(``store_state``, migration 4), so the fingerprint costs one row read. Elsewhere a fingerprint query (row counts,
largest ids, the reference version and the length of the entity columns the analyses read) tells it.
"""
from __future__ import annotations

from typing import Any, Union, cast

from sqlalchemy import Engine, func, select
from sqlalchemy.exc import SQLAlchemyError

from . import schema as t
from .db import Store
from .stamp import once

#: A store as the analyses take it: a :class:`Store`, or the engine of one.
StoreLike = Union[Store, Engine]
#: Ids per query when a read names many rows by id (below every database's limit on parameters).
ID_CHUNK = 500


def engine_of(store: StoreLike) -> Engine:
    """The engine of a store (an engine is its own)."""
    return cast(Engine, getattr(store, "engine", store))


def fingerprint(store: StoreLike) -> tuple[Any, ...]:
    """The store's state as a value that changes whenever the tables the analyses read change; read once per unit
    of work (:func:`icatlas.store.stamp.read_once`)."""
    engine = engine_of(store)
    return once(("snapshot-fingerprint", id(engine)), lambda: _read_fingerprint(engine))  # type: ignore[no-any-return]


def _read_fingerprint(engine: Engine) -> tuple[Any, ...]:
    if engine.dialect.name == "sqlite":
        try:
            with engine.connect() as conn:
                version = conn.execute(select(t.store_state.c.version).where(t.store_state.c.id == 1)).scalar()
        except SQLAlchemyError:
            version = None  # a store not migrated to version 4
        if version is not None:
            return ("state", version)
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
