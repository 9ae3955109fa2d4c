"""Stores for tests: a fresh SQLite file, or a fresh schema of the local PostgreSQL (skipped when it is not there)."""
from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from icatlas.store import resolve_url

from .conftest import PG_URL


def pg_available() -> bool:
    try:
        engine = create_engine(resolve_url(PG_URL))
        with engine.connect() as c:
            c.execute(text("select 1"))
        engine.dispose()
        return True
    except Exception:
        return False


@contextmanager
def store_url(kind: str, tmp_path: Path) -> Iterator[str]:
    """The ``--db`` value of an empty store of ``kind`` (``sqlite`` or ``postgresql``), dropped afterwards."""
    if kind == "sqlite":
        yield str(tmp_path / f"kg-{uuid.uuid4().hex[:6]}.db")
        return
    if not pg_available():
        pytest.skip(f"PostgreSQL at {PG_URL} is not reachable")
    schema = "t_" + uuid.uuid4().hex[:10]
    admin = create_engine(resolve_url(PG_URL))
    with admin.begin() as c:
        c.execute(text(f"create schema {schema}"))
    try:
        yield PG_URL + ("&" if "?" in PG_URL else "?") + f"options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as c:
            c.execute(text(f"drop schema {schema} cascade"))
        admin.dispose()
