"""The store as it looked entities and events up before the lookup keys: by reading whole tables. The scale tests
check that the keyed lookups find exactly what these scans found."""
from __future__ import annotations

from typing import Any

from sqlalchemy import or_, select

from icatlas.resolve import across
from icatlas.resolve.across import KnownEntity
from icatlas.store import Store
from icatlas.store import schema as t
from icatlas.store.merge import is_same_event


def _known(row: Any) -> KnownEntity:
    return KnownEntity(id=int(row.id), type=row.type, name=row.name, aliases=list(row.aliases or []), region=row.region,
                       positions=list(row.positions or []), curated=list(row.curated or []), ref_id=row.ref_id)


class ScanStore(Store):
    """A store that finds and writes entities and events as before the keys: by scanning, one statement at a time
    (it writes no lookup keys)."""

    def _match_entity(self, conn: Any, e: Any, lookup: Any) -> KnownEntity | None:
        row = conn.execute(select(t.entities).where(t.entities.c.type == e.type, t.entities.c.name == e.name)).first()
        known = _known(row) if row is not None else None
        if known is None:
            curated = [_known(r) for r in conn.execute(select(t.entities).where(t.entities.c.curated.is_not(None))
                                                      .order_by(t.entities.c.id))]
            known = across.curated_match(e, curated)
        if known is None and e.type not in ("person", "region"):
            prefixes = across.org_prefixes(e)
            if prefixes:
                orgs = t.entities.c.type.not_in(("person", "region"))
                rows = conn.execute(select(t.entities).where(orgs, or_(*[t.entities.c.name.like(f"{f}%")
                                                                         for f in prefixes])).order_by(t.entities.c.id))
                known = across.same_org(e, [_known(r) for r in rows])
        return known

    def _same_events(self, conn: Any, events: list[Any], doc_id: int) -> list[int | None]:
        return [self._same_event(conn, ev, doc_id) for ev in events]

    def _same_event(self, conn: Any, ev: Any, doc_id: int) -> int | None:
        other = or_(t.events.c.doc_id != doc_id, t.events.c.curated.is_not(None))
        q = select(t.events).where(t.events.c.type == ev.type, other).order_by(t.events.c.id)
        if ev.date:
            q = q.where(or_(t.events.c.date.is_(None), t.events.c.date.like(ev.date[:4] + "%")))
        for row in conn.execute(q).mappings():
            if is_same_event(ev, dict(row)):
                return int(row["id"])
        return None

    def _upsert_entity(self, conn: Any, e: Any, version: str, lookup: Any) -> int:
        known = self._match_entity(conn, e, lookup)
        if known is None:
            return int(conn.execute(t.entities.insert().values(
                type=e.type, name=e.name, aliases=e.aliases, region=e.region, segments=e.segments,
                positions=e.positions, attrs={k: v for k, v in e.attrs.items() if isinstance(
                    v, (str, int, float, bool, list, dict, type(None)))}, extractor=version)).inserted_primary_key[0])
        named = conn.execute(select(t.entities.c.id).where(t.entities.c.type == known.type,
                                                           t.entities.c.name == e.name)).first()
        renamed = across.takes_full_name(known, e) and named is None
        update = across.merged(known, e, renamed)
        if update.name is not None:
            conn.execute(t.entities.update().where(t.entities.c.id == known.id).values(name=update.name))
        conn.execute(t.entities.update().where(t.entities.c.id == known.id).values(
            aliases=update.aliases, positions=update.positions, region=update.region))
        return known.id

    def _write_events(self, conn: Any, doc: Any, doc_id: int, new: bool) -> None:
        for ev in doc.events:
            if conn.execute(select(t.events.c.id).where(
                    t.events.c.doc_id == doc_id, t.events.c.curated.is_not(None),
                    t.events.c.trigger_start == ev.trigger[0], t.events.c.trigger_end == ev.trigger[1])).first():
                continue
            same = self._same_event(conn, ev, doc_id)
            if same is not None:
                if conn.execute(select(t.event_sources.c.event_id).where(
                        t.event_sources.c.event_id == same, t.event_sources.c.doc_id == doc_id)).first():
                    continue
                conn.execute(t.event_sources.insert().values(event_id=same, doc_id=doc_id,
                                                             evidence_start=ev.evidence[0], evidence_end=ev.evidence[1]))
                continue
            eid = conn.execute(t.events.insert().values(
                doc_id=doc_id, type=ev.type, date=ev.date, date_precision=ev.date_precision, place=ev.place,
                name=ev.name, amount_value=(ev.amount or {}).get("value"),
                amount_currency=(ev.amount or {}).get("currency"), participants=ev.participants,
                trigger_start=ev.trigger[0], trigger_end=ev.trigger[1], evidence_start=ev.evidence[0],
                evidence_end=ev.evidence[1], extractor=doc.versions.get("events"), status=ev.status,
                expected_date=ev.expected_date, facets=ev.facets or None)).inserted_primary_key[0]
            conn.execute(t.event_sources.insert().values(event_id=eid, doc_id=doc_id, evidence_start=ev.evidence[0],
                                                         evidence_end=ev.evidence[1]))
