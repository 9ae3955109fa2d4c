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
        return sorted(int(i) for i in conn.execute(table.insert().returning(table.c.id), rows).scalars())
    if dialect.insert_executemany_returning_sort_by_parameter_order:
        stmt = table.insert().returning(table.c.id, sort_by_parameter_order=True)
        return [int(i) for i in conn.execute(stmt, rows).scalars()]
    return [int(conn.execute(table.insert(), row).inserted_primary_key[0]) for row in rows]
