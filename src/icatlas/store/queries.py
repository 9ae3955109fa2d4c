"""Read queries over the knowledge graph: events with filters."""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from sqlalchemy import Engine, and_, func, or_, select

from ..errors import NotFound
from ..reference.regions import Region, regions
from . import schema as t


@lru_cache(maxsize=1)
def _children() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for r in regions().by_code.values():
        if r.parent:
            out.setdefault(r.parent, []).append(r.code)
    return out


def region_names_within(query: str) -> set[str]:
    """The canonical names of a region, every region inside it and, for a group, its members and theirs."""
    index = regions()
    r: Region | None = index.resolve(query) or index.get(query)
    if r is None:
        raise NotFound(f"no region called {query!r}", "try a name such as 苏州, 苏州市, 长三角 or Suzhou")
    return set(_names_within(r.code))


@lru_cache(maxsize=4096)
def _names_within(code: str) -> frozenset[str]:
    index = regions()
    r = index.get(code)
    names: set[str] = set()
    todo = [code, *(r.members if r else [])]
    while todo:
        c = todo.pop()
        x = index.get(c)
        if x is None or x.name in names:
            continue
        names.add(x.name)
        todo += _children().get(c, [])
    return frozenset(names)


def in_force_relevant() -> Any:
    """SQL: the document's relevance call in force (the user's override, else the automatic call)."""
    return func.coalesce(t.documents.c.relevance_override, t.documents.c.relevant, True)


def list_events(engine: Engine, since: str | None = None, until: str | None = None, types: list[str] | None = None,
                region: str | None = None, participant: str | None = None, include_off_topic: bool = False,
                limit: int | None = 200, offset: int = 0) -> list[dict[str, Any]]:
    ev, doc = t.events, t.documents
    q = select(ev, doc.c.title.label("doc_title"), doc.c.source.label("doc_source")).join(doc, doc.c.id == ev.c.doc_id)
    cond = []
    if since:
        cond.append(ev.c.date >= since)
    if until:
        cond.append(or_(ev.c.date <= until, ev.c.date.like(f"{until}%")))
    if types:
        cond.append(ev.c.type.in_(types))
    if region:
        cond.append(ev.c.place.in_(sorted(region_names_within(region))))
    if not include_off_topic:
        cond.append(in_force_relevant())
    if cond:
        q = q.where(and_(*cond))
    q = q.order_by(ev.c.date.desc().nulls_last(), ev.c.id.desc())
    if not participant:  # the page is cut in SQL; a participant is matched on the names below
        q = q.limit(limit).offset(offset)
    with engine.connect() as conn:
        rows = [dict(r) for r in conn.execute(q).mappings()]
        if participant:
            needle = participant.lower()
            rows = [r for r in rows if any(needle in str(p.get(k) or "").lower()
                                           for p in r.get("participants") or []
                                           for k in ("name", "canonical"))][offset:None if limit is None else offset + limit]
        add_sources(conn, rows)
    return rows


def add_sources(conn: Any, events: list[dict[str, Any]]) -> None:
    """Give each event row its ``sources`` (doc_id, evidence_start, evidence_end, title, source; by document), read
    in one query per 500 events."""
    sources: dict[int, list[dict[str, Any]]] = {int(r["id"]): [] for r in events}
    ids = sorted(sources)
    es, doc = t.event_sources, t.documents
    for i in range(0, len(ids), 500):
        for s in conn.execute(select(es.c.event_id, es.c.doc_id, es.c.evidence_start, es.c.evidence_end,
                                     doc.c.title, doc.c.source).join(doc, doc.c.id == es.c.doc_id)
                              .where(es.c.event_id.in_(ids[i:i + 500]))
                              .order_by(es.c.event_id, es.c.doc_id)).mappings():
            row = dict(s)
            sources[int(row.pop("event_id"))].append(row)
    for r in events:
        r["sources"] = sources[int(r["id"])]
