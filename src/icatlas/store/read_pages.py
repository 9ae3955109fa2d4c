"""What the pages of the atlas read from the store: events in force, organisations with their relations and
sources, an event with the sentences of every page that reported it, the documents a page at a time, the curation
log and the evidence starts of a document's collaboration records."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypedDict, cast

from sqlalchemy import Engine, func, select

from ..reference.orgs import ORG_TYPES
from . import schema as t
from .queries import add_sources, in_force_relevant

#: A whole row of a table, as stored (JSON columns decoded).
Row = dict[str, Any]


class RelationOut(TypedDict):
    """A relation an organisation is the source of."""
    id: int
    type: str
    target: str
    doc_id: int | None
    evidence_start: int | None
    evidence_end: int | None


class RelationIn(TypedDict):
    """A relation naming an organisation as its target, with the name of its source."""
    id: int
    type: str
    source: str
    source_id: int
    doc_id: int | None
    evidence_start: int | None


class OrgSource(TypedDict):
    """A document naming an organisation, with how many times it does."""
    id: int
    title: str | None
    source: str
    published: str | None
    mentions: int


class EventSource(TypedDict, total=False):
    """A page that reported an event: where in it, and the sentence there (when the event has a span in it)."""
    doc_id: int
    evidence_start: int | None
    evidence_end: int | None
    title: str | None
    source: str | None
    published: str | None
    sentence: str | None


@dataclass
class EventRecord:
    """An event as stored, the pages that reported it (its own document first when no source row names it) and, per
    participant, the id of the organisation of that name (None when there is none)."""
    event: Row
    sources: list[EventSource]
    participant_orgs: list[int | None]


class CurationEntry(TypedDict):
    """One change a user made by hand."""
    id: int
    who: str
    action: str
    target_table: str
    target_id: int | None
    before: Any
    after: Any
    at: str | None


class DocumentRow(TypedDict):
    """A document of the list: without its text, with the opening of it and the relevance call in both forms."""
    id: int
    url: str | None
    title: str | None
    published: str | None
    language: str | None
    duplicate_of: int | None
    relevant: bool | None
    relevance_override: bool | None
    opening: str | None


def events_in_force(engine: Engine) -> list[Row]:
    """The events of relevant documents (the call in force), newest first, with their document's title and source
    (``doc_title``, ``doc_source``), as ``Store.events`` orders them; without their sources."""
    ev, doc = t.events, t.documents
    q = (select(ev, doc.c.title.label("doc_title"), doc.c.source.label("doc_source"))
         .join(doc, doc.c.id == ev.c.doc_id).where(in_force_relevant())
         .order_by(ev.c.date.desc().nulls_last(), ev.c.id.desc()))
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(q).mappings()]


def add_event_sources(engine: Engine, events: list[Row]) -> None:
    """Give each event row its ``sources`` (see :func:`icatlas.store.queries.add_sources`)."""
    with engine.connect() as conn:
        add_sources(conn, events)


def organisations(engine: Engine) -> list[Row]:
    """Every organisation's entity row (the types of :data:`icatlas.reference.orgs.ORG_TYPES`)."""
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(select(t.entities).where(t.entities.c.type.in_(ORG_TYPES))).mappings()]


def entity(engine: Engine, entity_id: int) -> Row | None:
    """The entity row of ``entity_id``, or None."""
    with engine.connect() as conn:
        row = conn.execute(select(t.entities).where(t.entities.c.id == entity_id)).mappings().first()
    return dict(row) if row is not None else None


def relations_from(engine: Engine, entity_id: int, limit: int = 100) -> list[RelationOut]:
    """The relations whose source is ``entity_id``."""
    r = t.relations
    with engine.connect() as conn:
        return [cast(RelationOut, dict(x)) for x in conn.execute(
            select(r.c.id, r.c.type, r.c.target, r.c.doc_id, r.c.evidence_start, r.c.evidence_end)
            .where(r.c.source_id == entity_id).limit(limit)).mappings()]


def relations_to(engine: Engine, names: list[str], limit: int = 100) -> list[RelationIn]:
    """The relations whose target is one of ``names``, with their source's name."""
    r = t.relations
    with engine.connect() as conn:
        return [cast(RelationIn, dict(x)) for x in conn.execute(
            select(r.c.id, r.c.type, t.entities.c.name.label("source"), r.c.source_id, r.c.doc_id, r.c.evidence_start)
            .join(t.entities, t.entities.c.id == r.c.source_id)
            .where(r.c.target.in_(names)).limit(limit)).mappings()]


def sources_naming(engine: Engine, entity_id: int, limit: int = 50) -> list[OrgSource]:
    """The documents that name ``entity_id``, newest first, with their number of mentions of it."""
    d = t.documents
    with engine.connect() as conn:
        return [cast(OrgSource, dict(x)) for x in conn.execute(
            select(d.c.id, d.c.title, d.c.source, d.c.published, func.count().label("mentions"))
            .join(t.mentions, t.mentions.c.doc_id == d.c.id)
            .where(t.mentions.c.entity_id == entity_id).group_by(d.c.id)
            .order_by(d.c.id.desc()).limit(limit)).mappings()]


def event_record(engine: Engine, event_id: int) -> EventRecord | None:
    """Event ``event_id`` with the pages that reported it and its participants' organisations, or None."""
    es, d = t.event_sources, t.documents
    with engine.connect() as conn:
        row = conn.execute(select(t.events).where(t.events.c.id == event_id)).mappings().first()
        if row is None:
            return None
        ev = dict(row)
        srcs = [cast(EventSource, dict(r)) for r in conn.execute(
            select(es.c.doc_id, es.c.evidence_start, es.c.evidence_end, d.c.title, d.c.source, d.c.published)
            .join(d, d.c.id == es.c.doc_id)
            .where(es.c.event_id == event_id).order_by(es.c.doc_id)).mappings()]
        if not any(s["doc_id"] == ev["doc_id"] for s in srcs):
            own = conn.execute(select(d.c.title, d.c.source, d.c.published)
                               .where(d.c.id == ev["doc_id"])).mappings().first()
            srcs.insert(0, cast(EventSource, {"doc_id": ev["doc_id"], "evidence_start": ev["evidence_start"],
                                              "evidence_end": ev["evidence_end"], **dict(own or {})}))
        for s in srcs:
            start, end = s.get("evidence_start"), s.get("evidence_end")
            if start is not None:
                s["sentence"] = conn.execute(select(func.substr(d.c.text, start + 1, cast(int, end) - start))
                                             .where(d.c.id == s["doc_id"])).scalar()
        ev["facets"] = [dict(f) for f in ev.get("facets") or [] if isinstance(f, dict)]
        for f in ev["facets"]:  # each joined act with its own sentence of the event's page
            span = f.get("evidence") or []
            if len(span) == 2 and span[1] > span[0]:
                f["doc_id"], f["evidence_start"] = ev["doc_id"], int(span[0])
                f["sentence"] = conn.execute(select(func.substr(d.c.text, int(span[0]) + 1, int(span[1]) - int(span[0])))
                                             .where(d.c.id == ev["doc_id"])).scalar()
        orgs: list[int | None] = []
        for p in ev["participants"] or []:
            found = conn.execute(select(t.entities.c.id).where(
                t.entities.c.name.in_([str(p.get("canonical") or p.get("name", "")), str(p.get("name", ""))]),
                t.entities.c.type.not_in(("person", "region")))).first()
            orgs.append(int(found[0]) if found else None)
    return EventRecord(ev, srcs, orgs)


def curation_entries(engine: Engine, limit: int = 500) -> list[CurationEntry]:
    """The curation log, newest first; ``at`` as text."""
    c = t.curation
    with engine.connect() as conn:
        rows = [dict(r) for r in conn.execute(select(c).order_by(c.c.id.desc()).limit(limit)).mappings()]
    for r in rows:
        r["at"] = str(r["at"]) if r["at"] is not None else None
    return cast(list[CurationEntry], rows)


def document_rows(engine: Engine, limit: int, offset: int = 0) -> list[DocumentRow]:
    """Documents, newest first, without their texts: the opening 60 characters instead."""
    d = t.documents
    cols = [d.c[c] for c in ("id", "url", "title", "published", "language", "duplicate_of", "relevant",
                             "relevance_override")]
    with engine.connect() as conn:
        return [cast(DocumentRow, dict(r)) for r in conn.execute(
            select(*cols, func.substr(d.c.text, 1, 60).label("opening")).order_by(d.c.id.desc())
            .limit(limit).offset(offset)).mappings()]


def document_count(engine: Engine) -> int:
    """How many documents the store holds (near-duplicates too)."""
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(t.documents)).scalar_one())


def record_starts(engine: Engine, doc_id: int) -> set[int]:
    """The evidence starts of the collaboration records of document ``doc_id``."""
    c = t.collab_records
    with engine.connect() as conn:
        return {int(x) for x in conn.execute(select(c.c.evidence_start).where(c.c.doc_id == doc_id)).scalars()}
