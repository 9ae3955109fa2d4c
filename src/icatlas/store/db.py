"""The store: one SQLite file by default (WAL), or any SQLAlchemy URL such as postgresql://.

A document is written whole or not at all (one transaction each). Re-ingesting the same content is a
no-op; the same article from another site is stored as a near-duplicate linked to the first.
"""
from __future__ import annotations

import hashlib
import os
import threading
import time
from array import array
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Mapping
from typing import Any, Self

from sqlalchemy import Engine, bindparam, create_engine, event, func, select
from sqlalchemy.exc import ArgumentError, IntegrityError, OperationalError, SQLAlchemyError

from ..errors import NotFound, StoreError, UsageError
from ..model import Document
from ..resolve import across
from ..resolve.across import KnownEntity
from . import keys, lookups, merge, queries
from . import schema as t
from .dedup import NearDuplicates, signature
from .entity_lookup import EntityLookup, OrgGroups
from .inserts import insert_plain, insert_rows
from .migrations import migrate
from .reference import load_reference, stored_version, upsert_orgs

DEFAULT_DB = "icatlas.db"
ENV_DB = "ICATLAS_DB"


def resolve_url(db: str | os.PathLike[str] | None = None) -> str:
    """The database URL for ``--db``, else ``$ICATLAS_DB``, else ``./icatlas.db``."""
    value = str(db) if db else os.environ.get(ENV_DB) or DEFAULT_DB
    if "://" not in value:
        return "sqlite:///" + str(Path(value).expanduser().resolve())
    if value.startswith("postgresql://") or value.startswith("postgres://"):
        return "postgresql+psycopg://" + value.split("://", 1)[1]
    return value


@dataclass
class IngestResult:
    status: str  # stored | unchanged | near_duplicate | replaced
    doc_id: int
    duplicate_of: int | None = None
    similarity: float | None = None
    curated_kept: int = 0  # replaced: the curated events of the document that stayed


class Store:
    """The knowledge graph in a database."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._near: NearDuplicates | None = None
        self._local = threading.local()  # per thread: organisation names by prefix, for its ingests

    @property
    def _groups(self) -> OrgGroups:
        groups = getattr(self._local, "groups", None)
        if groups is None:
            groups = self._local.groups = OrgGroups()
        return groups

    @classmethod
    def open(cls, db: str | os.PathLike[str] | None = None, reference: bool = True) -> Self:
        """The store at ``db``, migrated; with ``reference``, the bundled reference data loaded when missing
        or older than the package's."""
        url = resolve_url(db)
        try:
            # a writer waits for another's transaction on SQLite (the driver's default is 5 s)
            engine = create_engine(url, future=True, **({"connect_args": {"timeout": lock_timeout()}}
                                                       if url.startswith("sqlite") else {}))
            if url.startswith("sqlite"):
                event.listen(engine, "connect", _sqlite_pragmas)
            with engine.begin() as conn:
                migrate(conn)
                if reference:
                    load_reference(conn)
        except SQLAlchemyError as exc:
            message, hint = explain_open_error(url, exc)
            raise StoreError(message, hint) from None
        except ImportError as exc:
            raise StoreError(f"no database driver for {_safe(url).split(':', 1)[0]} ({exc.name or exc})",
                             "use SQLite or PostgreSQL (pip install 'icatlas[postgres]')") from None
        return cls(engine)

    def init(self, force: bool = False) -> dict[str, Any]:
        """Load (or reload) the bundled reference data; what was loaded and the version."""
        with self.engine.begin() as conn:
            loaded = load_reference(conn, force=force)
            version = stored_version(conn)
        return {"version": version, "loaded": loaded is not None, **(loaded or {})}

    def import_orgs(self, path: str | os.PathLike[str]) -> dict[str, Any]:
        """Import a registry of organisations (CSV or .xlsx); counts and the rejected rows with their reasons."""
        from ..read.registry import validate

        p = Path(path)
        rows = validate(p)
        counts = {"added": 0, "updated": 0, "unchanged": 0}
        with self.engine.begin() as conn:
            for status in upsert_orgs(conn, [org for _line, org in rows.orgs], f"import:{p.name}"):
                counts[status] += 1
        return {"file": str(p), **counts, "rejected": [{"line": n, "reason": r} for n, r in rows.rejected]}

    def curate_entity(self, entity_id: int, field: str, value: Any, who: str) -> None:
        """Change one field of an entity by hand; the change is logged and survives reference reloads."""
        if field not in ("name", "type", "aliases", "region", "segments", "positions"):
            raise UsageError(f"cannot curate field {field!r}", "curate name, type, aliases, region, segments or positions")
        with self.engine.begin() as conn:
            row = conn.execute(select(t.entities).where(t.entities.c.id == entity_id)).mappings().first()
            if row is None:
                raise NotFound(f"no entity {entity_id}", "list entities with `icatlas org QUERY`")
            curated = sorted(set(row["curated"] or []) | {field})
            extra: dict[str, Any] = {}
            if field == "name" and value != row["name"]:
                # the old name stays an alias, so that re-extraction finds the curated entity again
                extra["aliases"] = list(dict.fromkeys([*(row["aliases"] or []), row["name"]]))
            conn.execute(t.entities.update().where(t.entities.c.id == entity_id).values(**{field: value}, curated=curated,
                                                                                        **extra))
            keys.index_entities(conn, [entity_id])
            conn.execute(t.curation.insert().values(who=who, action="correct", target_table="entities",
                                                    target_id=entity_id, before={field: row[field]}, after={field: value}))

    def merge_entities(self, keep_id: int, drop_id: int, who: str) -> dict[str, Any]:
        """Fold entity ``drop_id`` into ``keep_id`` (see :func:`icatlas.store.entity_merge.merge_entities`)."""
        from .entity_merge import merge_entities

        return merge_entities(self.engine, keep_id, drop_id, who)

    EVENT_FIELDS = ("type", "date", "date_precision", "place", "name", "amount_value", "amount_currency",
                    "participants")

    def curate_event(self, event_id: int, field: str, value: Any, who: str) -> dict[str, Any]:
        """Confirm an event (field ``confirmed``) or correct one of its fields; logged, kept when re-extracting."""
        if field != "confirmed" and field not in self.EVENT_FIELDS:
            raise UsageError(f"cannot curate event field {field!r}", "curate " + ", ".join(("confirmed",) + self.EVENT_FIELDS))
        with self.engine.begin() as conn:
            row = conn.execute(select(t.events).where(t.events.c.id == event_id)).mappings().first()
            if row is None:
                raise NotFound(f"no event {event_id}", "list events with `icatlas events`")
            curated = sorted(set(row["curated"] or []) | {field})
            values = {} if field == "confirmed" else {field: value}
            conn.execute(t.events.update().where(t.events.c.id == event_id).values(**values, curated=curated))
            if values:
                new = conn.execute(select(t.events).where(t.events.c.id == event_id)).mappings().one()
                keys.write_event_keys(conn, event_id, new["type"], new["date"], new["name"], new["participants"])
            conn.execute(t.curation.insert().values(
                who=who, action="confirm" if field == "confirmed" else "correct", target_table="events",
                target_id=event_id, before={field: row.get(field)}, after={field: value}))
            return dict(conn.execute(select(t.events).where(t.events.c.id == event_id)).mappings().one())

    def stored_documents(self) -> list[Document]:
        """The stored documents to extract again (all but near-duplicates, which keep pointing at their first
        document), oldest first, as they were read: the raw input, the article text and the reader's metadata."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(t.documents).where(t.documents.c.duplicate_of.is_(None))
                                .order_by(t.documents.c.id)).mappings().all()
        docs = []
        for row in rows:
            doc = Document(source=row["source"], raw=row["raw"], original=row["original"], fmt=row["fmt"] or "txt",
                           encoding=row["encoding"], url=row["url"], title=row["title"],
                           meta=dict(row["meta"] or {}))
            if row["published"] and row["published_from"] in ("given", "sidecar"):
                doc.meta["published_default"] = row["published"]
            docs.append(doc)
        return docs

    def set_relevance(self, doc_id: int, relevant: bool | None, who: str) -> dict[str, Any]:
        """Override the relevance call of a document (None goes back to the automatic call); logged."""
        with self.engine.begin() as conn:
            row = conn.execute(select(t.documents.c.relevance_override).where(t.documents.c.id == doc_id)).first()
            if row is None:
                raise NotFound(f"no document {doc_id} in the store", "list documents with `icatlas documents`")
            conn.execute(t.documents.update().where(t.documents.c.id == doc_id).values(relevance_override=relevant))
            conn.execute(t.curation.insert().values(who=who, action="relevance", target_table="documents",
                                                    target_id=doc_id, before={"relevance_override": row[0]},
                                                    after={"relevance_override": relevant}))
        return self.relevance(doc_id)

    def relevance(self, doc_id: int) -> dict[str, Any]:
        """A document's relevance score, reasons, automatic call, override and the call in force."""
        cols = [t.documents.c[c] for c in ("id", "title", "relevance", "relevant", "relevance_reasons",
                                             "relevance_override")]
        with self.engine.connect() as conn:
            row = conn.execute(select(*cols).where(t.documents.c.id == doc_id)).mappings().first()
        if row is None:
            raise NotFound(f"no document {doc_id} in the store", "list documents with `icatlas documents`")
        out = dict(row)
        out["reasons"] = out.pop("relevance_reasons") or []
        out["in_force"] = out["relevance_override"] if out["relevance_override"] is not None else out["relevant"]
        return out

    def events(self, since: str | None = None, until: str | None = None, types: list[str] | None = None,
               region: str | None = None, participant: str | None = None, include_off_topic: bool = False,
               limit: int | None = 200, offset: int = 0) -> list[dict[str, Any]]:
        """Events (one row per merged event, with its sources), newest first, filtered by date prefix range, type,
        region (the place or a region inside it, or a group it belongs to) and participant name; ``offset`` skips
        that many of them (paging)."""
        return queries.list_events(self.engine, since=since, until=until, types=types, region=region,
                                   participant=participant, include_off_topic=include_off_topic, limit=limit,
                                   offset=offset)

    @property
    def url(self) -> str:
        return _safe(str(self.engine.url))

    # -- writing --------------------------------------------------------------------------------
    def stored_id(self, raw: str, versions: Mapping[str, str] | None = None) -> int | None:
        """The id of the stored document whose raw input is ``raw`` (by its content hash), or None. With
        ``versions`` (the extractor's, :attr:`icatlas.pipeline.Pipeline.versions`), None also when that document
        was extracted by other versions and has facts of its own: it is to be extracted again."""
        with self.engine.connect() as conn:
            row = conn.execute(select(t.documents.c.id, t.documents.c.versions, t.documents.c.duplicate_of)
                               .where(t.documents.c.content_hash == content_hash(raw))).first()
        if row is None or (versions and row[2] is None and stale(row[1], versions)):
            return None
        return int(row[0])

    def content_hashes(self, versions: Mapping[str, str] | None = None) -> set[str]:
        """The content hashes of the stored documents (what an engine that extracts elsewhere need not extract);
        with ``versions``, not those of documents extracted by other versions (:meth:`stored_id`)."""
        q = select(t.documents.c.content_hash, t.documents.c.versions, t.documents.c.duplicate_of)
        with self.engine.connect() as conn:
            return {str(h) for h, v, dup in conn.execute(q) if not (versions and dup is None and stale(v, versions))}

    def ingest(self, doc: Document, replace: bool = False) -> IngestResult:
        """Store one processed document and its facts, in one transaction. With ``replace``, a document already stored
        (the same raw input, not a near-duplicate) has its facts replaced by ``doc``'s (re-extraction): facts a user
        confirmed or corrected stay (curated events and entities), the rest is replaced.

        Another writer may store the same content, or the same new organisation, at the same moment (a second
        ingest, an upload): the unique keys decide (on SQLite a writer first waits for the other's transaction,
        :func:`lock_timeout`). The transaction that loses is rolled back whole and tried again,
        and finds the document stored: it is ``unchanged``."""
        for attempt in range(WRITE_TRIES):
            try:
                return self._ingest_once(doc, replace)
            except BaseException as exc:
                self._groups.clear()  # what this process kept may be what was rolled back
                if not isinstance(exc, (IntegrityError, OperationalError)):
                    raise
                if attempt == WRITE_TRIES - 1 or not _conflict(exc):
                    raise
                self._near = None  # read again with what the other writer stored
                time.sleep(0.05 * (attempt + 1))
        raise AssertionError("unreachable")

    def _ingest_once(self, doc: Document, replace: bool) -> IngestResult:
        content_hash = _sha(doc.raw)
        with self.engine.begin() as conn:
            self._groups.begin(conn)
            row = conn.execute(_BY_CONTENT_HASH, {"hash": content_hash}).first()
            # the same content extracted again by another extractor version replaces its facts
            if row and row[1] is None and (replace or stale(row[2], extractor_versions(doc))):
                kept = self._replace_facts(conn, doc, int(row[0]))
                return IngestResult("replaced", int(row[0]), curated_kept=kept)
            if row:
                return IngestResult("unchanged", row[0])
            sig = signature(doc.text)
            near = self.near_duplicates(conn).match(sig)
            values = _document_row(doc, content_hash, sig)
            if near:
                values["duplicate_of"] = near[0]
            inserted = conn.execute(t.documents.insert(), values).inserted_primary_key
            assert inserted is not None
            doc_id = int(inserted[0])
            if near:
                conn.execute(t.document_links.insert().values(doc_id=doc_id, other_id=near[0], kind="near_duplicate",
                                                              similarity=near[1]))
                self._add_sources(conn, doc, doc_id, near[0])
            else:
                self._write_facts(conn, doc, doc_id)
            assert self._near is not None
            self._near.add(doc_id, sig)
            self._groups.end(conn)
        if near:
            return IngestResult("near_duplicate", doc_id, near[0], near[1])
        return IngestResult("stored", doc_id)

    def near_duplicates(self, conn: Any) -> NearDuplicates:
        if self._near is None:
            self._near = NearDuplicates()
            for doc_id, sig in conn.execute(select(t.documents.c.id, t.documents.c.minhash)):
                if sig:
                    self._near.add(doc_id, sig)
        return self._near

    def _add_sources(self, conn: Any, doc: Document, doc_id: int, original_id: int) -> None:
        """The near-duplicate's events become extra sources of the first document's events of the same type."""
        existing = conn.execute(select(t.events.c.id, t.events.c.type).where(t.events.c.doc_id == original_id)).all()
        linked: set[int] = set()
        for ev in doc.events:
            match = next((eid for eid, etype in existing if etype == ev.type and eid not in linked), None)
            if match is not None:
                linked.add(match)
                conn.execute(t.event_sources.insert().values(
                    event_id=match, doc_id=doc_id, evidence_start=ev.evidence[0], evidence_end=ev.evidence[1]))

    def _replace_facts(self, conn: Any, doc: Document, doc_id: int) -> int:
        """The stored document's text and facts replaced by ``doc``'s, its curated events kept; how many were kept."""
        curated_events = {r[0] for r in conn.execute(select(t.events.c.id).where(
            t.events.c.doc_id == doc_id, t.events.c.curated.is_not(None)))}
        own = [r[0] for r in conn.execute(select(t.events.c.id).where(t.events.c.doc_id == doc_id))]
        drop = [e for e in own if e not in curated_events]
        conn.execute(t.event_sources.delete().where(t.event_sources.c.doc_id == doc_id,
                                                    t.event_sources.c.event_id.not_in(curated_events)))
        if drop:
            conn.execute(t.event_sources.delete().where(t.event_sources.c.event_id.in_(drop)))
            conn.execute(t.events.delete().where(t.events.c.id.in_(drop)))
            conn.execute(t.event_keys.delete().where(t.event_keys.c.event_id.in_(drop)))
        for table in (t.mentions, t.figures, t.relations):
            conn.execute(table.delete().where(table.c.doc_id == doc_id))
        conn.execute(t.documents.update().where(t.documents.c.id == doc_id).values(
            text=doc.text, offsets=array("i", doc.offsets).tobytes() if doc.offsets else None,
            language=doc.language, script=doc.script, title=doc.title, published=doc.published,
            published_from=doc.published_from, dateline=doc.dateline, head=doc.head, tail=doc.tail,
            relevance=doc.relevance, relevant=doc.relevant, relevance_reasons=doc.relevance_reasons,
            versions=dict(doc.versions)))
        self._write_facts(conn, doc, doc_id, new=False)
        return len(curated_events)

    def _write_facts(self, conn: Any, doc: Document, doc_id: int, new: bool = True) -> None:
        version = doc.versions.get("extract", "")
        ids: dict[tuple[str, str], int] = {}
        lookup = EntityLookup(conn, doc.entities, self._groups)
        for e in doc.entities:
            ids[(e.type, e.name)] = self._upsert_entity(conn, e, version, lookup)
        lookup.flush()
        ids = {k: lookup.real_id(i) for k, i in ids.items()}
        by_span = {span: ids[(e.type, e.name)] for e in doc.entities for span in e.mentions}
        rows = [dict(doc_id=doc_id, entity_id=by_span.get((m.start, m.end)), start=m.start, end=m.end, label=m.label,
                     surface=m.surface, confidence=m.confidence, attrs=_jsonable(m.attrs), extractor=m.extractor)
                for m in doc.mentions]
        if rows:
            conn.execute(t.mentions.insert(), rows)
        self._write_events(conn, doc, doc_id, new)
        figs = [dict(doc_id=doc_id, subject=f.subject, what=f.what, value=f.value, unit=f.unit, qualifier=f.qualifier,
                     date=f.date, evidence_start=f.evidence[0], evidence_end=f.evidence[1],
                     extractor=doc.versions.get("figures")) for f in doc.figures]
        if figs:
            conn.execute(t.figures.insert(), figs)
        rels = [dict(type="located_in", source_id=ids[(e.type, e.name)], target=e.region, doc_id=doc_id,
                     evidence_start=e.mentions[0][0], evidence_end=e.mentions[0][1], extractor=version)
                for e in doc.entities if e.type not in ("region", "person") and e.region and e.mentions]
        by_name = {name: eid for (_, name), eid in ids.items()}
        rels += [dict(type=r.type, source_id=by_name[r.source], target=r.target, doc_id=doc_id,
                      evidence_start=r.evidence[0], evidence_end=r.evidence[1],
                      extractor=doc.versions.get("relations", version))
                 for r in doc.relations if r.source in by_name]
        if rels:
            conn.execute(t.relations.insert(), rels)
        from .collab import write_records

        write_records(conn, doc, doc_id, by_name, new)

    def _upsert_entity(self, conn: Any, e: Any, version: str, lookup: EntityLookup) -> int:
        """The id of the stored entity ``e`` is (matched by :mod:`icatlas.resolve.across`), with what ``e`` adds to
        it; else of ``e`` stored anew. Its lookup keys (``keys.py``) follow."""
        known = self._match_entity(conn, e, lookup)
        if known is None:  # inserted with the page's other new entities (the lookup sees it meanwhile)
            return lookup.add(dict(type=e.type, name=e.name, aliases=e.aliases, region=e.region, segments=e.segments,
                                   positions=e.positions, attrs=_jsonable(e.attrs), extractor=version), e)
        known = lookup.written(known)
        # the full name arrives after its short form: the entity takes the full name, the short one stays
        renamed = across.takes_full_name(known, e) and lookup.named_as(known.type, e.name) is None
        update = across.merged(known, e, renamed)
        values: dict[str, Any] = {"name": update.name} if update.name is not None else {}
        values.update({k: v for k, v in (("aliases", update.aliases), ("positions", update.positions),
                                         ("region", update.region))
                       if v != getattr(known, k) or k in getattr(known, "nulls", ())})
        if values:  # nothing new: the row stays as it is
            lookup.change(known.id, values)
        lookup.updated(known, update)
        return known.id

    def _write_events(self, conn: Any, doc: Document, doc_id: int, new: bool) -> None:
        """The document's events: each one already stored from another page (:meth:`_same_events`) gets this page as
        one more source, the others are stored with their lookup keys. ``new``: nothing of the document is stored
        yet (else it is being extracted again, and its curated events stand)."""
        ev_c, src_c = t.events.c, t.event_sources.c
        events = [ev for ev in doc.events if new or not conn.execute(select(ev_c.id).where(
            ev_c.doc_id == doc_id, ev_c.curated.is_not(None), ev_c.trigger_start == ev.trigger[0],
            ev_c.trigger_end == ev.trigger[1])).first()]  # a user confirmed or corrected it: their version stands
        sources: dict[int, dict[str, Any]] = {}
        key_rows: list[dict[str, Any]] = []
        sames = self._same_events(conn, events, doc_id)
        new_ids = iter(insert_rows(conn, t.events, [_event_row(doc, doc_id, ev)
                                                    for ev, same in zip(events, sames) if same is None]))
        for ev, same in zip(events, sames):
            if same is not None:
                if same in sources or not new and conn.execute(select(src_c.event_id).where(
                        src_c.event_id == same, src_c.doc_id == doc_id)).first():
                    continue  # a curated event of this very page, found again
                # the event is already known from another page: this page becomes one more source
                sources[same] = dict(event_id=same, doc_id=doc_id, evidence_start=ev.evidence[0],
                                     evidence_end=ev.evidence[1])
                continue
            eid = next(new_ids)
            key_rows += keys.event_key_rows(eid, ev.type, ev.date, ev.name, ev.participants)
            sources[eid] = dict(event_id=eid, doc_id=doc_id, evidence_start=ev.evidence[0], evidence_end=ev.evidence[1])
        if sources:
            conn.execute(t.event_sources.insert(), list(sources.values()))
        insert_plain(conn, t.event_keys, key_rows)

    def _same_events(self, conn: Any, events: list[Any], doc_id: int) -> list[int | None]:
        """For each of a document's events, the stored event it reports again, if any
        (:func:`merge.find_same_events`)."""
        return merge.find_same_events(conn, events, doc_id, include_own_curated=True)

    def _match_entity(self, conn: Any, e: Any, lookup: EntityLookup) -> KnownEntity | None:
        """The stored entity ``e`` names (:meth:`EntityLookup.find`)."""
        return lookup.find(e)

    # -- reading --------------------------------------------------------------------------------
    def chain(self, node: str | None = None) -> list[dict[str, Any]]:
        """The chain tree, whole or from one node (by id, name or term)."""
        return lookups.chain_tree(self.engine, node)

    def region(self, query: str, context: list[str] | None = None) -> dict[str, Any]:
        """A region resolved from a written name, with its hierarchy, groups and members."""
        return lookups.region_info(self.engine, query, context)

    def orgs(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        """Organisations matching a name or alias, with their segments' names."""
        return lookups.find_orgs(self.engine, query, limit)

    def stats(self) -> dict[str, Any]:
        """Counts of what the store holds."""
        with self.engine.connect() as conn:
            count = lambda table: int(conn.execute(select(func.count()).select_from(table)).scalar_one())  # noqa: E731
            dups = int(conn.execute(select(func.count()).select_from(t.documents)
                                    .where(t.documents.c.duplicate_of.is_not(None))).scalar_one())
            levels: dict[str, int] = {str(k): int(v) for k, v in conn.execute(
                select(t.regions.c.level, func.count()).group_by(t.regions.c.level)).all()}
            orgs = int(conn.execute(select(func.count()).select_from(t.entities).where(
                t.entities.c.type.not_in(("person", "region")))).scalar_one())
            relevant = int(conn.execute(select(func.count()).select_from(t.documents)
                                        .where(queries.in_force_relevant())).scalar_one())
            return {"documents": count(t.documents), "relevant_documents": relevant, "near_duplicates": dups, "entities": count(t.entities),
                    "mentions": count(t.mentions), "events": count(t.events), "figures": count(t.figures),
                    "relations": count(t.relations), "collab_records": count(t.collab_records),
                    "chain_nodes": count(t.chain_nodes),
                    "regions": {k: int(levels.get(k, 0)) for k in ("province", "city", "district")},
                    "region_groups": int(levels.get("group", 0)), "parks": int(levels.get("zone", 0)),
                    "organizations": orgs, "reference_version": stored_version(conn)}

    def documents(self, limit: int | None = 50, offset: int = 0) -> list[dict[str, Any]]:
        """Documents, newest first, without their texts (``limit`` None: all)."""
        cols = [t.documents.c[c] for c in ("id", "source", "url", "title", "published", "language", "duplicate_of")]
        with self.engine.connect() as conn:
            rows = conn.execute(select(*cols).order_by(t.documents.c.id.desc()).limit(limit).offset(offset)).mappings()
            return [dict(r) for r in rows]

    def document(self, doc_id: int) -> dict[str, Any]:
        """One document with its clean and original text, mentions, events and figures."""
        with self.engine.connect() as conn:
            row = conn.execute(select(t.documents).where(t.documents.c.id == doc_id)).mappings().first()
            if row is None:
                raise NotFound(f"no document {doc_id} in the store", "see the list of documents on the home page or with `icatlas documents`")
            out = {k: v for k, v in dict(row).items() if k not in ("minhash", "offsets")}
            out["offsets"] = list(array("i", row["offsets"])) if row["offsets"] else []
            src = row["duplicate_of"] or doc_id
            out["mentions"] = [dict(r) for r in conn.execute(
                select(t.mentions).where(t.mentions.c.doc_id == src).order_by(t.mentions.c.start)).mappings()]
            out["events"] = [dict(r) for r in conn.execute(select(t.events).where(t.events.c.doc_id == src)).mappings()]
            out["figures"] = [dict(r) for r in conn.execute(select(t.figures).where(t.figures.c.doc_id == src)).mappings()]
            for key in ("created_at",):
                out[key] = str(out[key]) if out.get(key) is not None else None
            return out


_BY_CONTENT_HASH = select(t.documents.c.id, t.documents.c.duplicate_of, t.documents.c.versions).where(
    t.documents.c.content_hash == bindparam("hash"))


def _event_row(doc: Document, doc_id: int, ev: Any) -> dict[str, Any]:
    return dict(
        doc_id=doc_id, type=ev.type, date=ev.date, date_precision=ev.date_precision, place=ev.place,
        name=ev.name, amount_value=(ev.amount or {}).get("value"), amount_currency=(ev.amount or {}).get("currency"),
        participants=ev.participants, trigger_start=ev.trigger[0], trigger_end=ev.trigger[1],
        evidence_start=ev.evidence[0], evidence_end=ev.evidence[1], extractor=doc.versions.get("events"),
        status=ev.status, expected_date=ev.expected_date, facets=ev.facets or None,
    )


def _document_row(doc: Document, content_hash: str, sig: bytes) -> dict[str, Any]:
    return dict(
        source=doc.source, url=doc.url, title=doc.title, published=doc.published, published_from=doc.published_from,
        language=doc.language, script=doc.script, fmt=doc.fmt, encoding=doc.encoding, dateline=doc.dateline,
        raw=doc.raw, original=doc.original, text=doc.text, offsets=array("i", doc.offsets).tobytes(),
        head=doc.head, tail=doc.tail, meta=_jsonable(doc.meta), content_hash=content_hash, text_hash=_sha(doc.text),
        minhash=sig, relevance=doc.relevance, relevant=doc.relevant, relevance_reasons=doc.relevance_reasons,
        versions=dict(doc.versions),
    )


_PLAIN = (str, int, float, bool, list, dict, type(None))


def _jsonable(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if type(v) in _PLAIN or isinstance(v, _PLAIN)}


#: Seconds a SQLite writer waits for another process's write to end (``ICATLAS_LOCK_TIMEOUT``).
ENV_LOCK_TIMEOUT = "ICATLAS_LOCK_TIMEOUT"


def lock_timeout() -> float:
    raw = os.environ.get(ENV_LOCK_TIMEOUT, "")
    try:
        return float(raw) if raw else 30.0
    except ValueError:
        return 30.0


def explain_open_error(url: str, exc: SQLAlchemyError) -> tuple[str, str]:
    """What went wrong opening the store at ``url``, and what to do about it."""
    cause = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0] if str(exc).strip() else ""
    low = cause.lower()
    where = _safe(url)
    if isinstance(exc, ArgumentError):
        return (f"--db {where!r} is not a database URL",
                "give a SQLite file path, or postgresql://user@host/database")
    if url.startswith("sqlite"):
        path = Path(url.split(":///", 1)[1]) if ":///" in url else Path(url)
        folder = path.parent
        if not folder.exists() or not folder.is_dir():
            return (f"cannot create the store {path}: the folder {folder} does not exist or is not a folder",
                    "create the folder, or give --db (or ICATLAS_DB) a path in an existing one")
        if "locked" in low or "busy" in low:
            return (f"the store {path} is locked: another process is writing to it",
                    f"wait until the other ingest or upload ends, or raise {ENV_LOCK_TIMEOUT} (seconds, now "
                    f"{lock_timeout():g})")
        if "not a database" in low or "malformed" in low:
            return (f"{path} is not an icatlas store (not a SQLite database, or a damaged one)",
                    "give --db the path of a store, or a new file name to create one")
        if "readonly" in low or "read-only" in low or "unable to open" in low or not os.access(folder, os.W_OK):
            return (f"cannot write the store {path}: the file or its folder is not writable",
                    "check the permissions, or give --db (or ICATLAS_DB) a writable path")
        return f"cannot open the store {path} ({cause})", "check --db or ICATLAS_DB"
    if "does not exist" in low and "database" in low:
        name = url.rsplit("/", 1)[-1].split("?", 1)[0]
        return (f"the PostgreSQL database {name!r} does not exist ({where})",
                f"create it (createdb {name}, or CREATE DATABASE {name}) or fix the name in --db / ICATLAS_DB")
    if "password authentication failed" in low or "role" in low and "does not exist" in low:
        return (f"PostgreSQL refused the user in {where}", "check the user name and password in --db / ICATLAS_DB")
    if "connection refused" in low or "could not translate host" in low or "timeout" in low or "no route" in low \
            or "name or service not known" in low or "connection failed" in low:
        return (f"no PostgreSQL server answers at {where}",
                "check the host and port in --db / ICATLAS_DB, and that the server is running")
    if "permission denied" in low:
        return (f"the database user may not create icatlas's tables at {where}",
                "grant it CREATE on the schema, or use a database it owns")
    return f"cannot open the database {where} ({cause[:160]})", "check --db or ICATLAS_DB"


def explain_write_error(exc: BaseException) -> tuple[str, str]:
    """Why writing one document failed, in one line, and what to do."""
    orig = getattr(exc, "orig", None)
    cause = orig if isinstance(orig, BaseException) else exc
    text = (str(cause).strip().splitlines() or [""])[0]
    if "locked" in text.lower() or "busy" in text.lower():
        return ("the store is locked: another process is writing to it",
                f"skipped; run it again when the other ingest or upload ends, or raise {ENV_LOCK_TIMEOUT} (seconds, "
                f"now {lock_timeout():g})")
    line = f"{type(cause).__name__}: {text}" if text else type(cause).__name__
    return (line if len(line) <= 200 else line[:199] + "…",
            "skipped; nothing of it was written; please report this with the file")


#: How many times a write that lost to another writer (a unique key taken, a lock held) is tried.
WRITE_TRIES = 5


def _conflict(exc: SQLAlchemyError) -> bool:
    """Whether a failed write lost to a concurrent writer (so that trying again can succeed)."""
    if isinstance(exc, IntegrityError):
        return "unique" in str(exc.orig).lower() or "duplicate" in str(exc.orig).lower()
    text = str(getattr(exc, "orig", exc)).lower()
    # a lock held past the busy timeout is no race: the other writer is still at it (reported, not tried again)
    return "deadlock" in text or "could not serialize" in text


def extractor_versions(doc: Document) -> dict[str, str]:
    """The versions of the extractor components that processed ``doc`` (not the package's own)."""
    return {k: v for k, v in doc.versions.items() if k != "icatlas"}


def stale(stored: Any, versions: Mapping[str, str]) -> bool:
    """Whether a document stored with versions ``stored`` was extracted by other versions than ``versions``."""
    have = stored if isinstance(stored, dict) else {}
    return bool(versions) and any(have.get(k) != v for k, v in versions.items())


def content_hash(raw: str) -> str:
    """The key by which a stored document is known: the SHA-256 of its raw input."""
    return _sha(raw)


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _safe(url: str) -> str:
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        return f"{scheme}://***@{rest.split('@', 1)[1]}"
    return url


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()
