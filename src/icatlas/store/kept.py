"""Values derived from one state of the store, kept in the store itself for the next process (``kept_values``,
migration 9): a new process, a second web worker or the next command finds the analyses' snapshot of the state the
store is in instead of deriving it again. A value is read only under the exact state it was saved at; saving a
name replaces what was kept under it. Both are best effort: a store that cannot be written (read-only, locked by a
writer) or that lacks the table keeps nothing, and the caller derives the value as before."""
from __future__ import annotations

import logging

from sqlalchemy import delete, select
from sqlalchemy.exc import SQLAlchemyError

from . import schema as t
from .reading import StoreLike, engine_of

log = logging.getLogger(__name__)
#: How long saving waits for another process's write on SQLite (milliseconds).
SQLITE_WAIT_MS = 250


def load_kept(store: StoreLike, name: str, state: str) -> bytes | None:
    """The bytes kept under ``name`` for the store state ``state``; None when none are (or they are another
    state's)."""
    k = t.kept_values.c
    try:
        with engine_of(store).connect() as conn:
            row = conn.execute(select(k.data).where(k.name == name, k.state == state)).first()
    except SQLAlchemyError:
        return None
    return bytes(row[0]) if row is not None else None


def save_kept(store: StoreLike, name: str, state: str, data: bytes) -> bool:
    """Keep ``data`` under ``name`` for the store state ``state``, in place of what was kept before; False when the
    store could not take it."""
    k = t.kept_values.c
    engine = engine_of(store)
    try:
        with engine.begin() as conn:
            if engine.dialect.name == "sqlite":  # a reader does not wait for a writer's lock: it keeps nothing
                waited = conn.exec_driver_sql("PRAGMA busy_timeout").scalar()
                conn.exec_driver_sql(f"PRAGMA busy_timeout = {SQLITE_WAIT_MS}")
            try:
                conn.execute(delete(t.kept_values).where(k.name == name))
                conn.execute(t.kept_values.insert().values(name=name, state=state, data=data))
            finally:
                if engine.dialect.name == "sqlite":
                    conn.exec_driver_sql(f"PRAGMA busy_timeout = {int(waited or 0)}")
    except SQLAlchemyError as exc:
        log.debug("icatlas: %s not kept: %s", name, exc)
        return False
    return True


def forget_kept(store: StoreLike, name: str | None = None) -> None:
    """Drop what is kept under ``name`` (every name when None)."""
    query = delete(t.kept_values)
    if name is not None:
        query = query.where(t.kept_values.c.name == name)
    try:
        with engine_of(store).begin() as conn:
            conn.execute(query)
    except SQLAlchemyError:
        pass
