"""What every read of the analyses starts from: the store, a :class:`Store` or its SQLAlchemy engine. Whether it
changed is told by :func:`icatlas.store.state.state_token`.
"""
from __future__ import annotations

from typing import Union, cast

from sqlalchemy import Engine

from .db import Store

#: A store as the analyses take it: a :class:`Store`, or the engine of one.
StoreLike = Union[Store, Engine]
#: Ids per query when a read names many rows by id (below every database's limit on parameters).
ID_CHUNK = 500


def engine_of(store: StoreLike) -> Engine:
    """The engine of a store (an engine is its own)."""
    return cast(Engine, getattr(store, "engine", store))
