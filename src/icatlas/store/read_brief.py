"""What the region brief reads from the store beyond the analyses: the documents it cites, the text around the
events it quotes, and the size of the store it was written from."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select

from . import schema as t
from .queries import in_force_relevant
from .reading import ID_CHUNK, StoreLike, engine_of

#: Characters read on each side of an event's evidence to find its sentence.
EVENT_WINDOW = 80


@dataclass(frozen=True)
class DocumentRef:
    """What a citation shows of a document."""
    id: int
    title: str | None
    published: str | None
    source: str
    url: str | None


def document_refs(store: StoreLike, doc_ids: Sequence[int]) -> dict[int, DocumentRef]:
    """The documents of ``doc_ids`` that exist, by id."""
    d = t.documents
    out: dict[int, DocumentRef] = {}
    ids = list(doc_ids)
    with engine_of(store).connect() as conn:
        for i in range(0, len(ids), ID_CHUNK):
            for r in conn.execute(select(d.c.id, d.c.title, d.c.published, d.c.source, d.c.url)
                                  .where(d.c.id.in_(ids[i:i + ID_CHUNK]))).mappings():
                out[int(r["id"])] = DocumentRef(id=int(r["id"]), title=r["title"], published=r["published"],
                                                source=r["source"], url=r["url"])
    return out


@dataclass(frozen=True)
class EventWindow:
    """An event's evidence span in its document, and the text around it: ``window`` starts at character ``lo`` and
    reaches :data:`EVENT_WINDOW` characters past the span."""
    id: int
    doc_id: int
    evidence_start: int | None
    evidence_end: int | None
    lo: int
    window: str


def event_windows(store: StoreLike, event_ids: Sequence[int]) -> list[EventWindow]:
    """The evidence windows of the events of ``event_ids`` that exist."""
    if not event_ids:
        return []
    engine = engine_of(store)
    ev, doc = t.events, t.documents
    lo = func.max(ev.c.evidence_start - EVENT_WINDOW, 0) if engine.dialect.name == "sqlite" else \
        func.greatest(ev.c.evidence_start - EVENT_WINDOW, 0)
    with engine.connect() as conn:
        rows = conn.execute(select(ev.c.id, ev.c.doc_id, ev.c.evidence_start, ev.c.evidence_end, lo.label("lo"),
                                   func.substr(doc.c.text, lo + 1, ev.c.evidence_end - lo + EVENT_WINDOW)
                                   .label("window"))
                            .join(doc, doc.c.id == ev.c.doc_id).where(ev.c.id.in_(list(event_ids)))).mappings().all()
    return [EventWindow(id=int(r["id"]), doc_id=int(r["doc_id"]), evidence_start=r["evidence_start"],
                        evidence_end=r["evidence_end"], lo=int(r["lo"] or 0), window=r["window"] or "") for r in rows]


@dataclass(frozen=True)
class StoreSummary:
    """How much the store holds: documents, the IC-relevant ones and the span of their dates, events."""
    documents: int
    relevant: int
    first: str | None
    last: str | None
    events: int


def store_summary(store: StoreLike) -> StoreSummary:
    """The size of the store, as the brief's colophon states it."""
    d = t.documents
    with engine_of(store).connect() as conn:
        docs = int(conn.execute(select(func.count()).select_from(d)).scalar_one())
        relevant = int(conn.execute(select(func.count()).select_from(d).where(in_force_relevant())).scalar_one())
        first, last = conn.execute(select(func.min(d.c.published), func.max(d.c.published))
                                   .where(in_force_relevant())).one()
        events = int(conn.execute(select(func.count()).select_from(t.events)).scalar_one())
    return StoreSummary(documents=docs, relevant=relevant, first=first, last=last, events=events)
