"""Connections for a long-running server on PostgreSQL: a pool of open connections (``psycopg_pool``) behind the
store's engine.

The web app answers many short reads; opening a PostgreSQL connection for them costs a handshake and a new server
process each time. :func:`pooled_engine` gives an SQLAlchemy engine whose connections are lent by a
:class:`psycopg_pool.ConnectionPool`: ``min_size`` kept open, at most ``max_size`` at once (a request that finds
them all lent waits up to ``timeout`` seconds), each checked before it is lent again, replaced when the server
closed it, and closed after ``max_idle`` seconds unused. ``ICATLAS_PG_POOL`` sets ``MIN,MAX`` (default ``2,10``).
SQLite stores keep SQLAlchemy's own pool: a file needs no handshake."""
from __future__ import annotations

import os
from typing import Any

from sqlalchemy import Engine, create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

ENV_POOL = "ICATLAS_PG_POOL"
DEFAULT_SIZE = (2, 10)


def pool_size() -> tuple[int, int]:
    """``(min, max)`` connections of the pool, from ``$ICATLAS_PG_POOL`` (``MIN,MAX`` or ``MAX``) or the default."""
    raw = os.environ.get(ENV_POOL, "").replace(" ", "")
    try:
        parts = [int(x) for x in raw.split(",") if x]
    except ValueError:
        parts = []
    if len(parts) == 1 and parts[0] > 0:
        return min(DEFAULT_SIZE[0], parts[0]), parts[0]
    if len(parts) == 2 and 0 <= parts[0] <= parts[1] and parts[1] > 0:
        return parts[0], parts[1]
    return DEFAULT_SIZE


class LentConnections(NullPool):
    """SQLAlchemy's side of the pool: each connection is borrowed from the ``psycopg_pool`` pool and given back to
    it (rolled back when a transaction was left open, dropped when broken) instead of being closed."""

    def __init__(self, lender: Any, **kw: Any) -> None:
        self.lender = lender
        super().__init__(lambda: lender.getconn(), **kw)

    def _close_connection(self, connection: Any, *, terminate: bool = False) -> None:
        try:
            if terminate or getattr(connection, "closed", False):
                connection.close()
            self.lender.putconn(connection)
        except Exception:  # noqa: BLE001 - a connection the pool no longer knows: closed like any other
            connection.close()

    def recreate(self) -> LentConnections:
        return self.__class__(self.lender, recycle=self._recycle, echo=self.echo,
                              logging_name=self._orig_logging_name, reset_on_return=self._reset_on_return,
                              pre_ping=self._pre_ping, _dispatch=self.dispatch, dialect=self._dialect)

    def status(self) -> str:
        stats = self.lender.get_stats()
        return f"psycopg_pool: {stats.get('pool_size', 0)} open, {stats.get('pool_available', 0)} available"


def pooled_engine(url: str, min_size: int | None = None, max_size: int | None = None, timeout: float = 30.0,
                  max_idle: float = 600.0) -> Engine:
    """An engine for the PostgreSQL database at ``url`` (an SQLAlchemy URL) over a ``psycopg_pool`` pool."""
    from psycopg_pool import ConnectionPool

    low, high = pool_size()
    conninfo = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    lender = ConnectionPool(conninfo, min_size=low if min_size is None else min_size,
                            max_size=high if max_size is None else max_size, timeout=timeout, max_idle=max_idle,
                            check=ConnectionPool.check_connection, name="icatlas", open=True)
    return create_engine(url, pool=LentConnections(lender))
