"""Inserting many rows of a table in one statement, with their new ids."""
from __future__ import annotations

from typing import Any


def insert_rows(conn: Any, table: Any, rows: list[dict[str, Any]]) -> list[int]:
    """Insert ``rows`` into ``table``; their new ids, in the order of ``rows`` (as one insert after the other would
    number them), with one statement where the database returns the ids of a multi-row insert, else one each."""
    if not rows:
        return []
    dialect = conn.dialect
    if dialect.name == "sqlite" and dialect.insert_executemany_returning:
        # SQLite numbers the rows of a multi-row insert in their order (each one more than the largest id), so the
        # ids in ascending order are the rows' (the order RETURNING lists them in is not promised)
        return _all(sorted(int(i) for i in conn.execute(table.insert().returning(table.c.id), rows).scalars()), rows)
    if dialect.insert_executemany_returning_sort_by_parameter_order:
        stmt = table.insert().returning(table.c.id, sort_by_parameter_order=True)
        return _all([int(i) for i in conn.execute(stmt, rows).scalars()], rows)
    return [int(conn.execute(table.insert(), row).inserted_primary_key[0]) for row in rows]


def _all(ids: list[int], rows: list[dict[str, Any]]) -> list[int]:
    """The ids, one for each row (a database that returned fewer is an error, not a row left without its id)."""
    if len(ids) != len(rows):
        raise RuntimeError(f"{len(rows)} rows inserted, {len(ids)} ids returned")
    return ids


def insert_plain(conn: Any, table: Any, rows: list[dict[str, Any]]) -> None:
    """Insert ``rows`` (of the same columns, whose values the driver takes as they are: strings, integers, None) into
    ``table``: on SQLite straight through the driver's executemany (SQLAlchemy has nothing to convert, and preparing
    each row's parameters is most of the cost), elsewhere through SQLAlchemy (which batches them on PostgreSQL)."""
    if not rows:
        return
    if conn.dialect.name != "sqlite":
        conn.execute(table.insert(), rows)
        return
    sql, order = _plain_insert(conn.dialect, table, tuple(rows[0]))
    conn.exec_driver_sql(sql, [tuple(row[c] for c in order) for row in rows])


_PLAIN: dict[tuple[str, str, str, tuple[str, ...]], tuple[str, tuple[str, ...]]] = {}


def _plain_insert(dialect: Any, table: Any, columns: tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
    """The INSERT statement of ``columns`` as the dialect writes it, and the order of its parameters."""
    key = (dialect.name, dialect.paramstyle, table.name, columns)
    if key not in _PLAIN:
        compiled = table.insert().compile(dialect=dialect, column_keys=list(columns))
        _PLAIN[key] = str(compiled), tuple(compiled.positiontup or ())
    return _PLAIN[key]
