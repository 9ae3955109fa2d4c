"""A canonical dump of what a store holds after ingest: every row of the knowledge graph's tables in id order, as
JSON-ready values, without the columns that differ between two equal runs (timestamps) and without the lookup
indexes (``entity_keys``, ``event_keys``), so that two stores can be compared whole."""
from __future__ import annotations

import json
from typing import Any

from sqlalchemy import create_engine, select

from icatlas.store import resolve_url
from icatlas.store import schema as t

TABLES = ("documents", "document_links", "entities", "mentions", "events", "event_sources", "figures", "relations",
          "collab_records")
SKIP = {"created_at", "at", "minhash", "raw", "original", "offsets"}


def _plain(v: Any) -> Any:
    if isinstance(v, float):
        return round(v, 9)
    if isinstance(v, (bytes, bytearray, memoryview)):
        return bytes(v).hex()
    if isinstance(v, (list, tuple)):
        return [_plain(x) for x in v]
    if isinstance(v, dict):
        return {str(k): _plain(x) for k, x in sorted(v.items())}
    if v is None or isinstance(v, (str, int, bool)):
        return v
    return str(v)


def dump(db: str) -> dict[str, list[dict[str, Any]]]:
    """Every row of the graph's tables at ``db`` (a --db value), canonical."""
    engine = create_engine(resolve_url(db))
    out: dict[str, list[dict[str, Any]]] = {}
    try:
        with engine.connect() as conn:
            for name in TABLES:
                table = t.metadata.tables[name]
                order = [c for c in table.primary_key.columns] or list(table.columns)
                rows = conn.execute(select(table).order_by(*order)).mappings()
                out[name] = [{k: _plain(v) for k, v in r.items() if k not in SKIP} for r in rows]
    finally:
        engine.dispose()
    return out


def dumps(db: str) -> str:
    return json.dumps(dump(db), ensure_ascii=False, sort_keys=True, indent=0)


def differences(a: dict[str, list[dict[str, Any]]], b: dict[str, list[dict[str, Any]]], limit: int = 5) -> list[str]:
    """The first rows that differ, table by table (empty when the dumps are equal)."""
    out = []
    for name in TABLES:
        ra, rb = a.get(name, []), b.get(name, [])
        if len(ra) != len(rb):
            out.append(f"{name}: {len(ra)} rows against {len(rb)}")
        for x, y in zip(ra, rb):
            if x != y and len(out) < limit:
                out.append(f"{name}: {json.dumps(x, ensure_ascii=False)[:400]}\n  != {json.dumps(y, ensure_ascii=False)[:400]}")
    return out
