"""Versioned migrations: registered functions, applied in order, each recorded in ``schema_version``."""
from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, inspect, select

from .schema import metadata, schema_version

Migration = Callable[[Connection], None]
MIGRATIONS: list[tuple[int, str, Migration]] = []


def migration(version: int, note: str) -> Callable[[Migration], Migration]:
    """Register ``func`` as the migration to schema ``version``."""
    def register(func: Migration) -> Migration:
        MIGRATIONS.append((version, note, func))
        MIGRATIONS.sort(key=lambda m: m[0])
        return func
    return register


@migration(1, "documents, mentions, entities, events, figures, relations, curation")
def _initial(conn: Connection) -> None:
    metadata.create_all(conn, tables=[t for t in metadata.sorted_tables if t.name != "schema_version"])


def current_version(conn: Connection) -> int:
    if not inspect(conn).has_table("schema_version"):
        return 0
    return max((row[0] for row in conn.execute(select(schema_version.c.version))), default=0)


def migrate(conn: Connection) -> list[int]:
    """Apply the pending migrations; the versions applied."""
    schema_version.create(conn, checkfirst=True)
    have = current_version(conn)
    done = []
    for version, note, func in MIGRATIONS:
        if version > have:
            func(conn)
            conn.execute(schema_version.insert().values(version=version, note=note))
            done.append(version)
    return done


def latest() -> int:
    return MIGRATIONS[-1][0] if MIGRATIONS else 0
