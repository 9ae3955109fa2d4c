"""What the analyses read from the store: the stored chain, the organisations and events of IC-relevant documents,
the sentences naming an organisation, the collaboration relations, and whole tables for the exports.

Every function takes a :class:`Store` or its engine and returns typed rows; the analyses never see SQL.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from sqlalchemy import and_, case, func, or_, select

from ..reference.chain import ChainNode
from . import schema as t
from .queries import in_force_relevant
from .reading import StoreLike, engine_of

#: Characters read on each side of a mention to find its sentence.
MENTION_WINDOW = 160


# -- the chain ---------------------------------------------------------------------------------------------------
def stored_chain(store: StoreLike) -> list[ChainNode]:
    """The chain nodes stored with the reference data, in the order the table gives them (none in a store without)."""
    with engine_of(store).connect() as conn:
        rows = conn.execute(select(t.chain_nodes)).mappings().all()
    return [ChainNode(id=r["id"], parent=r["parent"], stage=r["stage"] or r["id"], name=r["name"],
                      name_hant=r["name_hant"] or "", name_en=r["name_en"] or "", terms=list(r["terms"] or []),
                      goes_into=list(r["goes_into"] or []), source=r["source"] or "") for r in rows]


# -- organisations and events ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class EntityRow:
    """An entity as the analyses read it; ``attrs`` is empty when the stored value is no object."""
    id: int
    type: str
    name: str
    aliases: list[Any]
    region: str | None
    segments: list[str]
    attrs: dict[str, Any]
    origin: str | None
    ref_id: str | None


@dataclass(frozen=True)
class EventRow:
    """An event of an IC-relevant document, with the document's title and publishing date."""
    id: int
    type: str
    date: str | None
    place: str | None
    name: str | None
    amount_value: float | None
    amount_currency: str | None
    participants: list[dict[str, Any]]
    doc_id: int
    title: str | None
    published: str | None
    status: str | None  # done, planned or ongoing (None: stored before statuses, read as done)


@dataclass(frozen=True)
class EventText(EventRow):
    """An event with its evidence span, the sentence of that span and the trigger word."""
    evidence_start: int
    evidence_end: int
    sentence: str
    trigger: str


def _entity(r: Any) -> EntityRow:
    return EntityRow(id=int(r["id"]), type=r["type"], name=r["name"], aliases=list(r["aliases"] or []),
                     region=r["region"], segments=list(r["segments"] or []),
                     attrs=r["attrs"] if isinstance(r["attrs"], dict) else {}, origin=r["origin"], ref_id=r["ref_id"])


def _event(r: Any) -> dict[str, Any]:
    return dict(id=int(r["id"]), type=r["type"], date=r["date"], place=r["place"], name=r["name"],
                amount_value=r["amount_value"], amount_currency=r["amount_currency"],
                participants=list(r["participants"] or []), doc_id=int(r["doc_id"]), title=r["title"],
                published=r["published"], status=r["status"])


def _event_columns() -> list[Any]:
    ev = t.events
    return [ev.c.id, ev.c.type, ev.c.date, ev.c.place, ev.c.name, ev.c.amount_value, ev.c.amount_currency,
            ev.c.participants, ev.c.doc_id, ev.c.status]


class PresenceRows(NamedTuple):
    """What the analyses' snapshot is built from."""
    entities: list[EntityRow]  # the entities of the types asked for
    mentioned: dict[int, int]  # entity id -> IC-relevant documents naming it
    events: list[EventRow]  # the events of IC-relevant documents
    revenue: dict[int, float]  # entity id -> the latest annual revenue in CNY a relevant page states for it


def presence_rows(store: StoreLike, types: Sequence[str]) -> PresenceRows:
    """The entities of ``types``, how many IC-relevant documents name each entity, and the events of IC-relevant
    documents; read in one transaction."""
    doc, ec = t.documents, t.entities.c
    with engine_of(store).connect() as conn:
        mentioned = _documents_naming(conn)
        rows = conn.execute(select(ec.id, ec.type, ec.name, ec.aliases, ec.region, ec.segments, ec.attrs, ec.origin,
                                   ec.ref_id).where(ec.type.in_(types))).mappings().all()
        event_rows = conn.execute(
            select(*_event_columns(), doc.c.title, doc.c.published)
            .join(doc, doc.c.id == t.events.c.doc_id).where(in_force_relevant())).mappings().all()
        cr = t.collab_records.c
        figures = conn.execute(
            select(cr.entity_id, cr.attrs, doc.c.published).join(doc, doc.c.id == cr.doc_id)
            .where(and_(cr.kind == "figure", cr.entity_id.is_not(None), in_force_relevant()))).all()
    return PresenceRows([_entity(r) for r in rows], mentioned, [EventRow(**_event(r)) for r in event_rows],
                        _revenues(figures))


def documents_naming(store: StoreLike) -> dict[int, int]:
    """Entity id -> how many IC-relevant documents name it (entities no such document names are left out)."""
    with engine_of(store).connect() as conn:
        return _documents_naming(conn)


def _documents_naming(conn: Any) -> dict[int, int]:
    doc, m = t.documents, t.mentions
    return {int(r[0]): int(r[1]) for r in conn.execute(
        select(m.c.entity_id, func.count(m.c.doc_id.distinct()))
        .join(doc, doc.c.id == m.c.doc_id)
        .where(and_(m.c.entity_id.is_not(None), in_force_relevant()))
        .group_by(m.c.entity_id))}


def _revenues(rows: Sequence[Any]) -> dict[int, float]:
    """Per entity, the revenue in CNY of its latest page that states one (a figure with metric revenue in CNY)."""
    latest: dict[int, tuple[str, float]] = {}
    for entity_id, attrs, published in rows:
        a = attrs if isinstance(attrs, dict) else {}
        value = a.get("value")
        if a.get("metric") != "revenue" or a.get("unit") != "CNY" or not isinstance(value, (int, float)) or value <= 0:
            continue
        key = str(a.get("year") or published or "")
        if int(entity_id) not in latest or key >= latest[int(entity_id)][0]:
            latest[int(entity_id)] = (key, float(value))
    return {k: v for k, (_d, v) in latest.items()}


def graph_rows(store: StoreLike, skip_types: Sequence[str]) -> tuple[list[EntityRow], list[EventText]]:
    """Every entity but those of ``skip_types``, and the events of IC-relevant documents with their sentences and
    trigger words; both by id, read in one transaction."""
    ev, doc, ec = t.events, t.documents, t.entities.c
    length = ev.c.evidence_end - ev.c.evidence_start
    with engine_of(store).connect() as conn:
        entities = [_entity(r) for r in conn.execute(
            select(ec.id, ec.name, ec.type, ec.region, ec.segments, ec.aliases, ec.attrs, ec.origin, ec.ref_id)
            .where(ec.type.not_in(tuple(skip_types))).order_by(ec.id)).mappings()]
        rows = conn.execute(
            select(*_event_columns(), ev.c.evidence_start, ev.c.evidence_end, doc.c.title,
                   doc.c.published, func.substr(doc.c.text, ev.c.evidence_start + 1, length).label("sentence"),
                   func.substr(doc.c.text, func.coalesce(ev.c.trigger_start, 0) + 1,
                               func.coalesce(ev.c.trigger_end - ev.c.trigger_start, 0)).label("trigger"))
            .join(doc, doc.c.id == ev.c.doc_id).where(in_force_relevant()).order_by(ev.c.id)).mappings().all()
    events = [EventText(**_event(r), evidence_start=int(r["evidence_start"]), evidence_end=int(r["evidence_end"]),
                        sentence=r["sentence"] or "", trigger=r["trigger"] or "") for r in rows]
    return entities, events


# -- the sentences naming an organisation -----------------------------------------------------------------------
@dataclass(frozen=True)
class MentionWindow:
    """A mention of an organisation in an IC-relevant document, with the text around it: ``window`` starts at
    character ``lo`` of the document and reaches :data:`MENTION_WINDOW` characters past the mention."""
    doc_id: int
    start: int
    end: int
    surface: str
    title: str | None
    source: str
    lo: int
    window: str


def _window_columns() -> list[Any]:
    m, doc = t.mentions, t.documents
    lo = case((m.c.start > MENTION_WINDOW, m.c.start - MENTION_WINDOW), else_=0)  # GREATEST/MAX differ between dbs
    return [m.c.doc_id, m.c.start, m.c.end, m.c.surface, doc.c.title, doc.c.source, lo.label("lo"),
            func.substr(doc.c.text, lo + 1, m.c.end - lo + MENTION_WINDOW).label("window")]


def _window(r: Any) -> MentionWindow:
    return MentionWindow(doc_id=int(r["doc_id"]), start=int(r["start"]), end=int(r["end"]), surface=r["surface"],
                         title=r["title"], source=r["source"], lo=int(r["lo"]), window=r["window"] or "")


def mention_windows(store: StoreLike, entity_id: int, limit: int) -> list[MentionWindow]:
    """The first ``limit`` mentions of an entity in IC-relevant documents, in (document, position) order."""
    m, doc = t.mentions, t.documents
    q = (select(*_window_columns()).join(doc, doc.c.id == m.c.doc_id)
         .where(and_(m.c.entity_id == entity_id, in_force_relevant())).order_by(m.c.doc_id, m.c.start))
    with engine_of(store).connect() as conn:
        return [_window(r) for r in conn.execute(q.limit(limit)).mappings()]


def first_mention_windows(store: StoreLike, entity_ids: Sequence[int], limit: int) -> dict[int, list[MentionWindow]]:
    """:func:`mention_windows` of a few hundred entities in one query (each one's first rows by a window function);
    an entity without mentions is left out."""
    m, doc = t.mentions, t.documents
    # rank the mentions by ids alone; the text windows are cut only for the rows kept
    rank = func.row_number().over(partition_by=m.c.entity_id, order_by=(m.c.doc_id, m.c.start)).label("rank")
    ranked = (select(m.c.id.label("mid"), rank).join(doc, doc.c.id == m.c.doc_id)
              .where(and_(m.c.entity_id.in_(list(entity_ids)), in_force_relevant())).subquery())
    q = (select(m.c.entity_id.label("oid"), ranked.c.rank, *_window_columns())
         .join(ranked, ranked.c.mid == m.c.id).join(doc, doc.c.id == m.c.doc_id)
         .where(ranked.c.rank <= limit).order_by(m.c.entity_id, ranked.c.rank))
    out: dict[int, list[MentionWindow]] = defaultdict(list)
    with engine_of(store).connect() as conn:
        for r in conn.execute(q).mappings():
            out[int(r["oid"])].append(_window(r))
    return dict(out)


# -- collaboration relations ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class RelationRow:
    """A relation with the document it was found in (none for a registry's) and the sentence of its evidence."""
    id: int
    type: str
    source_id: int
    target: str
    doc_id: int | None
    evidence_start: int | None
    evidence_end: int | None
    title: str | None
    sentence: str | None


def relation_rows(store: StoreLike, types: Sequence[str]) -> list[RelationRow]:
    """The relations of ``types`` found in IC-relevant documents or in no document, by id."""
    r, doc = t.relations, t.documents
    length = r.c.evidence_end - r.c.evidence_start
    with engine_of(store).connect() as conn:
        return [RelationRow(id=x["id"], type=x["type"], source_id=x["source_id"], target=x["target"],
                            doc_id=x["doc_id"], evidence_start=x["evidence_start"], evidence_end=x["evidence_end"],
                            title=x["title"], sentence=x["sentence"]) for x in conn.execute(
            select(r.c.id, r.c.type, r.c.source_id, r.c.target, r.c.doc_id, r.c.evidence_start, r.c.evidence_end,
                   doc.c.title, func.substr(doc.c.text, r.c.evidence_start + 1, length).label("sentence"))
            .outerjoin(doc, doc.c.id == r.c.doc_id)
            .where(r.c.type.in_(tuple(types)), or_(r.c.doc_id.is_(None), in_force_relevant()))
            .order_by(r.c.id)).mappings()]


# -- whole tables ----------------------------------------------------------------------------------------------
#: The tables :func:`table_rows` can read.
EXPORT_TABLES = ("entities", "mentions", "events", "event_sources", "figures", "relations", "collab_records")


class TableRows(NamedTuple):
    """Whole tables as plain rows (one dict per row, by column name), in primary-key order."""
    documents: list[dict[str, Any]]  # the columns asked for, and ``relevant``: the relevance call in force
    tables: dict[str, list[dict[str, Any]]]  # every column of each table


def table_rows(store: StoreLike, document_columns: Sequence[str], tables: Sequence[str] = EXPORT_TABLES
               ) -> TableRows:
    """The documents (``document_columns`` and the call in force) and every row of ``tables``, in one transaction."""
    d = t.documents
    with engine_of(store).connect() as conn:
        docs = [dict(r) for r in conn.execute(
            select(*(d.c[c] for c in document_columns if c != "relevant"),
                   in_force_relevant().label("relevant")).order_by(d.c.id)).mappings()]
        raw = {name: [dict(r) for r in conn.execute(select(getattr(t, name)).order_by(*getattr(t, name).primary_key))
                      .mappings()] for name in tables if name in EXPORT_TABLES}
    return TableRows(docs, raw)
