"""What the collaboration analyses read from the store: the collaboration records with the sentences behind them,
the names of the entities they group by, and the events an alliance took part in with every page reporting them.

Every function takes a :class:`Store` or its engine and returns typed rows.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from . import schema as t
from .queries import in_force_relevant
from .reading import ID_CHUNK, StoreLike, engine_of


@dataclass(frozen=True)
class CollabRow:
    """A stored collaboration record with the document it comes from and the sentence of its evidence span."""
    id: int
    kind: str
    subject: str | None
    entity_id: int | None
    region: str | None
    date: str | None
    attrs: dict[str, Any]  # as stored: copy before changing
    doc_id: int
    evidence_start: int
    evidence_end: int
    curated: list[str]
    title: str | None
    published: str | None
    sentence: str


def collab_rows(store: StoreLike, kinds: Sequence[str], include_hidden: bool = False) -> list[CollabRow]:
    """The records of ``kinds`` (from IC-relevant documents only, unless ``include_hidden``), oldest document
    first."""
    r, doc = t.collab_records, t.documents
    length = r.c.evidence_end - r.c.evidence_start
    q = (select(r.c.id, r.c.kind, r.c.subject, r.c.entity_id, r.c.region, r.c.date, r.c.attrs, r.c.doc_id,
                r.c.evidence_start, r.c.evidence_end, r.c.curated, doc.c.title, doc.c.published,
                func.substr(doc.c.text, r.c.evidence_start + 1, length).label("sentence"))
         .join(doc, doc.c.id == r.c.doc_id).where(r.c.kind.in_(list(kinds))).order_by(r.c.doc_id, r.c.id))
    if not include_hidden:
        q = q.where(in_force_relevant())
    with engine_of(store).connect() as conn:
        return [CollabRow(id=int(x["id"]), kind=x["kind"], subject=x["subject"], entity_id=x["entity_id"],
                          region=x["region"], date=x["date"], attrs=dict(x["attrs"] or {}), doc_id=int(x["doc_id"]),
                          evidence_start=int(x["evidence_start"]), evidence_end=int(x["evidence_end"]),
                          curated=list(x["curated"] or []), title=x["title"], published=x["published"],
                          sentence=x["sentence"] or "") for x in conn.execute(q).mappings()]


@dataclass(frozen=True)
class NamedEntity:
    """An entity by its name, aliases and region."""
    id: int
    type: str
    name: str
    aliases: list[Any] | None
    region: str | None


def named_entities(store: StoreLike, skip_types: Sequence[str] = ("person",)) -> list[NamedEntity]:
    """Every entity but those of ``skip_types``."""
    e = t.entities.c
    with engine_of(store).connect() as conn:
        return [NamedEntity(id=int(eid), type=etype, name=name, aliases=aliases, region=region)
                for eid, etype, name, aliases, region in conn.execute(
                    select(e.id, e.type, e.name, e.aliases, e.region).where(e.type.not_in(tuple(skip_types))))]


def documents_naming(store: StoreLike, entity_id: int) -> set[int]:
    """The documents with a mention of the entity (whatever their relevance)."""
    m = t.mentions.c
    with engine_of(store).connect() as conn:
        return {int(x[0]) for x in conn.execute(select(m.doc_id).where(m.entity_id == entity_id).distinct())}


@dataclass(frozen=True)
class ReportedEvent:
    """An event as a page reported it: one row per (event, IC-relevant page), so an event may come more than once."""
    id: int
    type: str
    date: str | None
    place: str | None
    name: str | None
    participants: list[dict[str, Any]]


def events_reported_in(store: StoreLike, doc_ids: Sequence[int]) -> list[ReportedEvent]:
    """The events reported by the IC-relevant ones of ``doc_ids``."""
    ev, src, doc = t.events, t.event_sources, t.documents
    with engine_of(store).connect() as conn:
        rows = conn.execute(select(ev.c.id, ev.c.type, ev.c.date, ev.c.place, ev.c.name, ev.c.participants)
                            .join(src, src.c.event_id == ev.c.id).join(doc, doc.c.id == src.c.doc_id)
                            .where(src.c.doc_id.in_(list(doc_ids)), in_force_relevant())).mappings().all()
    return [ReportedEvent(id=x["id"], type=x["type"], date=x["date"], place=x["place"], name=x["name"],
                          participants=list(x["participants"] or [])) for x in rows]


@dataclass(frozen=True)
class EventSource:
    """A page reporting an event, with the sentence of the event on it."""
    doc_id: int
    title: str | None
    published: str | None
    evidence_start: int | None
    evidence_end: int | None
    sentence: str | None


def event_sources(store: StoreLike, event_ids: Sequence[int]) -> dict[int, list[EventSource]]:
    """Per event id, every page reporting it, by document id."""
    src, doc = t.event_sources, t.documents
    length = src.c.evidence_end - src.c.evidence_start
    out: dict[int, list[EventSource]] = defaultdict(list)
    ids = sorted(set(event_ids))
    with engine_of(store).connect() as conn:
        for i in range(0, len(ids), ID_CHUNK):
            for s in conn.execute(
                    select(src.c.event_id, src.c.doc_id, src.c.evidence_start, src.c.evidence_end, doc.c.title,
                           doc.c.published, func.substr(doc.c.text, src.c.evidence_start + 1, length).label("sentence"))
                    .join(doc, doc.c.id == src.c.doc_id).where(src.c.event_id.in_(ids[i:i + ID_CHUNK]))
                    .order_by(src.c.event_id, src.c.doc_id)).mappings():
                out[int(s["event_id"])].append(EventSource(
                    doc_id=s["doc_id"], title=s["title"], published=s["published"],
                    evidence_start=s["evidence_start"], evidence_end=s["evidence_end"], sentence=s["sentence"]))
    return dict(out)
