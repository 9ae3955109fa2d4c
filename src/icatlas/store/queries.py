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
    names: set[str] = set()
    todo = [r.code, *r.members]
    while todo:
        code = todo.pop()
        x = index.get(code)
        if x is None or x.name in names:
            continue
        names.add(x.name)
        todo += _children().get(code, [])
    return names


def in_force_relevant() -> Any:
    """SQL: the document's relevance call in force (the user's override, else the automatic call)."""
    return func.coalesce(t.documents.c.relevance_override, t.documents.c.relevant, True)


def list_events(engine: Engine, since: str | None = None, until: str | None = None, types: list[str] | None = None,
                region: str | None = None, participant: str | None = None, include_off_topic: bool = False,
                limit: int = 200) -> list[dict[str, Any]]:
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
    with engine.connect() as conn:
        rows = [dict(r) for r in conn.execute(q).mappings()]
        out = []
        for r in rows:
            names = [p.get("name", "") for p in r.get("participants") or []]
            if participant and not any(participant.lower() in n.lower() for n in names):
                continue
            r["sources"] = [dict(s) for s in conn.execute(
                select(t.event_sources.c.doc_id, t.event_sources.c.evidence_start, t.event_sources.c.evidence_end,
                       doc.c.title, doc.c.source).join(doc, doc.c.id == t.event_sources.c.doc_id)
                .where(t.event_sources.c.event_id == r["id"]).order_by(t.event_sources.c.doc_id)).mappings()]
            out.append(r)
            if len(out) >= limit:
                break
    return out
