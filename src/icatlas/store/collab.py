"""Collaboration records in the store: written with each document's facts (ingest and reprocess), curated by hand.

A record a user confirmed, corrected or rejected keeps the user's version when the document is extracted again: the
store matches it to the new extraction by its ``key`` (kind, evidence span and subject as first extracted) and leaves
it alone; every other record of the document is replaced.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Engine, select

from ..errors import NotFound, UsageError
from ..model import CollabRecord, Document
from . import schema as t

#: Fields of a record a user can set by hand (``attrs`` takes a JSON object whose keys replace the record's).
CURATE_FIELDS = ("subject", "region", "date", "attrs")


def record_key(r: CollabRecord) -> str:
    """What identifies a record across re-extraction: its kind, evidence span and subject, and where in the sentence
    its own words are (several targets of one park in one sentence) or which alliance a seat is in."""
    at = (r.attrs.get("span") or [""])[0]
    return f"{r.kind}|{r.evidence[0]}|{r.evidence[1]}|{r.subject or ''}|{at}|{r.attrs.get('alliance') or ''}"


def write_records(conn: Connection, doc: Document, doc_id: int, entity_ids: dict[str, int], new: bool = False) -> int:
    """Replace the document's records by ``doc.collab``, keeping the curated ones; how many rows were written.
    ``entity_ids`` maps the entity names of the document to their stored ids; ``new``: the document was stored just
    now (it has no records yet)."""
    c = t.collab_records.c
    kept: set[str] = set()
    if not new:
        kept = {row.key for row in conn.execute(select(c.key).where(c.doc_id == doc_id, c.curated.is_not(None)))}
        conn.execute(t.collab_records.delete().where(c.doc_id == doc_id, c.curated.is_(None)))
    extractor = doc.versions.get("collab")
    rows = []
    for r in doc.collab:
        key = record_key(r)
        if key in kept:
            continue  # a user confirmed, corrected or rejected this record: their version stands
        kept.add(key)
        rows.append(dict(doc_id=doc_id, kind=r.kind, subject=r.subject, entity_id=entity_ids.get(r.subject or ""),
                         region=r.region, date=r.date, attrs=_jsonable(r.attrs), evidence_start=r.evidence[0],
                         evidence_end=r.evidence[1], key=key, extractor=extractor))
    if rows:
        conn.execute(t.collab_records.insert(), rows)
    return len(rows)


def curate_record(engine: Engine, record_id: int, field: str, value: Any, who: str) -> dict[str, Any]:
    """Confirm (``confirmed``), reject (``rejected``: hidden from every listing) or correct one field of a record
    (``subject``, ``region``, ``date``, or ``attrs`` with a JSON object of the keys to replace). Logged in the
    curation log; the record keeps the user's version when its document is extracted again."""
    if field not in ("confirmed", "rejected", *CURATE_FIELDS):
        raise UsageError(f"cannot curate record field {field!r}",
                         "curate confirmed, rejected, " + ", ".join(CURATE_FIELDS))
    c = t.collab_records.c
    with engine.begin() as conn:
        row = conn.execute(select(t.collab_records).where(c.id == record_id)).mappings().first()
        if row is None:
            raise NotFound(f"no collaboration record {record_id}",
                           "list records with `icatlas alliances`, `resources`, `talent`, `policies` or `goals` --json")
        curated = sorted(set(row["curated"] or []) | {field})
        values: dict[str, Any] = {}
        before: Any = None
        if field == "attrs":
            if not isinstance(value, dict):
                raise UsageError("attrs takes a JSON object", 'e.g. icatlas curate record 12 attrs \'{"host": "复旦大学"}\'')
            before = {k: (row["attrs"] or {}).get(k) for k in value}
            values["attrs"] = {**(row["attrs"] or {}), **value}
        elif field in CURATE_FIELDS:
            before = row[field]
            values[field] = value
        if field == "rejected":
            values["attrs"] = {**(row["attrs"] or {}), "rejected": value is not False}
        if field == "subject" and isinstance(value, str):
            ent = conn.execute(select(t.entities.c.id).where(t.entities.c.name == value)).first()
            values["entity_id"] = ent[0] if ent else None
        conn.execute(t.collab_records.update().where(c.id == record_id).values(**values, curated=curated))
        conn.execute(t.curation.insert().values(
            who=who, action={"confirmed": "confirm", "rejected": "reject"}.get(field, "correct"),
            target_table="collab_records", target_id=record_id, before={field: before},
            after={field: value}))
        return dict(conn.execute(select(t.collab_records).where(c.id == record_id)).mappings().one())


def _jsonable(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if isinstance(v, (str, int, float, bool, list, dict, type(None)))}
