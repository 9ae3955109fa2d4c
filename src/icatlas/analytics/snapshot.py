"""What the analyses read from the store, in memory: the chain, the organisations present in each region and
chain node (with the region codes they roll up into), and the recent events of each organisation.

Built once per store state. On SQLite the store keeps a version that triggers bump on every change to the tables
read here (``store_state``, migration 4), so telling whether the snapshot must be rebuilt costs one row read.
Elsewhere a fingerprint query (row counts, largest ids, the reference version and the length of the entity columns
the analyses read) tells it.
"""
from __future__ import annotations

import threading
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, and_, func, select
from sqlalchemy.exc import SQLAlchemyError

from ..errors import NotFound
from ..reference.chain import Chain, ChainNode
from ..reference.regions import Region, RegionIndex, regions
from ..store import schema as t
from ..store.queries import in_force_relevant

#: Entity types that hold a place in the chain (make, design, test or research chips). Governments, associations,
#: funds, parks and media span the chain without being a link of it, so they are not counted.
CHAIN_TYPES = ("company", "institute", "university", "platform", "organization")
#: Event types that count as activity of an organisation.
ACTIVITY_TYPES = ("agreement_signed", "project_signed", "investment", "organization_founded", "production_milestone",
                  "award", "acquisition", "bid_won", "financing", "official_visit", "meeting", "policy_released")
#: Event types whose amount is an investment into the chain.
INVESTMENT_TYPES = ("investment", "project_signed", "financing")
#: How far back "recent" reaches, counted from the newest dated event in the store.
RECENT_MONTHS = 24
# administrative levels before zones and groups when an entity's region name is written the same way
_NAME_RANK = {"province": 0, "city": 1, "district": 2, "zone": 3, "group": 4}


@dataclass
class Org:
    id: int
    name: str
    type: str
    region: str | None
    region_code: str | None
    segments: list[str]
    nodes: frozenset[str]  # its segments and every ancestor of them
    lineage: tuple[str, ...]  # region codes it counts in: its own, the ones above it, and the groups holding them
    origin: str | None
    ref_id: str | None
    note: str | None
    aliases: list[str]
    mentioned: bool  # named in at least one document judged IC-relevant
    documents: int = 0  # IC-relevant documents naming it


@dataclass
class Event:
    id: int
    type: str
    date: str | None
    place: str | None
    name: str | None
    amount: float | None
    currency: str | None
    doc_id: int
    doc_title: str | None
    participants: list[dict[str, Any]]


@dataclass
class Snapshot:
    chain: Chain
    index: RegionIndex
    orgs: dict[int, Org]
    by_region: dict[str, list[int]]  # region code -> ids of organisations counted there
    counts: dict[str, dict[str, int]]  # region code -> node id -> organisations
    totals: dict[str, int]  # region code -> organisations
    national: dict[str, int]  # node id -> organisations located anywhere
    national_total: int
    events_of: dict[int, list[Event]]  # organisation id -> events it took part in, newest first
    recent_since: str | None
    investment: dict[int, float]  # organisation id -> CNY in investment events it took part in
    _levels: dict[tuple[str, str], tuple[float, float, int]] = field(default_factory=dict)
    memo: dict[Any, Any] = field(default_factory=dict)  # results that depend only on the snapshot
    _lock: threading.Lock = field(default_factory=threading.Lock)

    # -- regions -----------------------------------------------------------------------------
    def region(self, query: str) -> Region:
        """The region a user means by ``query`` (name, short form, English or code)."""
        idx = self.index
        r = idx.get(query) or idx.resolve(query.strip())
        if r is None:
            raise NotFound(f"no region called {query!r}",
                           "try a name such as 苏州, 上海市, 浦东新区, 苏州工业园区, 长三角 or Suzhou (see `icatlas region`)")
        if r.level == "zone":  # 浦东新区 is both a district and a zone of the same name: the district holds the data
            same = [x for x in idx.lookup(query.strip()) if x.level == "district" and x.name == r.name]
            if same:
                r = same[0]
        return r

    def level_of(self, code: str) -> str:
        r = self.index.get(code)
        return r.level if r else ""

    def recent(self, org_id: int) -> list[Event]:
        return [e for e in self.events_of.get(org_id, []) if self.is_recent(e)]

    def is_recent(self, e: Event) -> bool:
        return bool(self.recent_since and e.date and e.date[:7] >= self.recent_since)

    def node(self, node_id: str) -> ChainNode:
        return self.chain.nodes[node_id]


def _fingerprint(engine: Engine) -> tuple[Any, ...]:
    from ..store.stamp import once

    return once(("snapshot-fingerprint", id(engine)), lambda: _read_fingerprint(engine))  # type: ignore[no-any-return]


def _read_fingerprint(engine: Engine) -> tuple[Any, ...]:
    if engine.dialect.name == "sqlite":
        try:
            with engine.connect() as conn:
                version = conn.execute(select(t.store_state.c.version).where(t.store_state.c.id == 1)).scalar()
        except SQLAlchemyError:
            version = None  # a store not migrated to version 4
        if version is not None:
            return ("state", version)
    with engine.connect() as conn:
        parts: list[Any] = []
        for table in (t.entities, t.mentions, t.documents, t.events, t.curation):
            parts += list(conn.execute(select(func.count(), func.max(table.c.id)).select_from(table)).one())
        e = t.entities.c
        parts += list(conn.execute(select(func.sum(func.length(func.coalesce(e.region, ""))),
                                          func.sum(func.length(func.coalesce(e.name, ""))))).one())
        parts.append(conn.execute(select(t.reference_meta.c.value)
                                  .where(t.reference_meta.c.key == "version")).scalar())
    return tuple(parts)


_CACHE: dict[int, tuple[tuple[Any, ...], Snapshot]] = {}
_CACHE_LOCK = threading.Lock()


def snapshot(store: Any) -> Snapshot:
    """The snapshot of a Store (or SQLAlchemy Engine), rebuilt only when the store changed."""
    engine: Engine = getattr(store, "engine", store)
    fp = _fingerprint(engine)
    with _CACHE_LOCK:
        hit = _CACHE.get(id(engine))
        if hit is not None and hit[0] == fp:
            return hit[1]
    snap = build(engine)
    with _CACHE_LOCK:
        _CACHE[id(engine)] = (fp, snap)
    return snap


def _chain(engine: Engine) -> Chain:
    with engine.connect() as conn:
        rows = conn.execute(select(t.chain_nodes)).mappings().all()
    if not rows:
        from ..reference.chain import chain

        return chain()
    nodes = [ChainNode(id=r["id"], parent=r["parent"], stage=r["stage"] or r["id"], name=r["name"],
                       name_hant=r["name_hant"] or "", name_en=r["name_en"] or "", terms=list(r["terms"] or []),
                       goes_into=list(r["goes_into"] or []), source=r["source"] or "") for r in rows]
    order = {n: i for i, n in enumerate(_bundled_order())}
    nodes.sort(key=lambda n: (order.get(n.id, len(order)), n.id))
    return Chain(nodes, "store")


def _bundled_order() -> list[str]:
    from ..reference.chain import chain

    return [n.id for _d, n in chain().subtree(None)]


def region_code(index: RegionIndex, name: str | None, code: str | None = None) -> str | None:
    """The code of an entity's region: its stored code when known, else the region written that way."""
    if code and index.get(code) is not None:
        return code
    if not name:
        return None
    exact = [r for r in index.lookup(name) if r.name == name]
    if exact:
        return min(exact, key=lambda r: (_NAME_RANK.get(r.level, 9), r.code)).code
    r = index.resolve(name)
    return r.code if r else None


def lineage(index: RegionIndex, code: str, groups: list[Region]) -> tuple[str, ...]:
    """The region codes an organisation located in ``code`` counts in: itself, every region above it, and every
    group that holds its province (a group itself counts only in itself)."""
    r = index.get(code)
    if r is None:
        return ()
    if r.level == "group":
        return (r.code,)
    out = [r.code, *(a.code for a in index.ancestors(r))]
    provinces = {c for c in out if (x := index.get(c)) is not None and x.level == "province"}
    out += [g.code for g in groups if provinces & set(g.members)]
    return tuple(dict.fromkeys(out))


def build(engine: Engine) -> Snapshot:
    ch = _chain(engine)
    index = regions()
    groups = [g for g in index.by_code.values() if g.level == "group"]
    ancestors = {nid: ch.ancestors(nid) for nid in ch.nodes}
    doc = t.documents
    with engine.connect() as conn:
        mentioned = {int(r[0]): int(r[1]) for r in conn.execute(
            select(t.mentions.c.entity_id, func.count(t.mentions.c.doc_id.distinct()))
            .join(doc, doc.c.id == t.mentions.c.doc_id)
            .where(and_(t.mentions.c.entity_id.is_not(None), in_force_relevant()))
            .group_by(t.mentions.c.entity_id))}
        ec = t.entities.c
        rows = conn.execute(select(ec.id, ec.type, ec.name, ec.aliases, ec.region, ec.segments, ec.attrs, ec.origin,
                                   ec.ref_id).where(ec.type.in_(CHAIN_TYPES))).mappings().all()
        ev = t.events
        event_rows = conn.execute(
            select(ev.c.id, ev.c.type, ev.c.date, ev.c.place, ev.c.name, ev.c.amount_value, ev.c.amount_currency,
                   ev.c.participants, ev.c.doc_id, doc.c.title, doc.c.published)
            .join(doc, doc.c.id == ev.c.doc_id).where(in_force_relevant())).mappings().all()
    orgs: dict[int, Org] = {}
    lineage_cache: dict[str, tuple[str, ...]] = {}
    for r in rows:
        oid = int(r["id"])
        present = bool(r["origin"]) or oid in mentioned
        segs = [s for s in (r["segments"] or []) if s in ch.nodes]
        if not present or not segs:
            continue
        attrs = r["attrs"] or {}
        code = region_code(index, r["region"], attrs.get("region_code") if isinstance(attrs, dict) else None)
        lin: tuple[str, ...] = ()
        if code:
            if code not in lineage_cache:
                lineage_cache[code] = lineage(index, code, groups)
            lin = lineage_cache[code]
        nodes = frozenset(n for s in segs for n in (s, *ancestors[s]))
        orgs[oid] = Org(id=oid, name=r["name"], type=r["type"], region=r["region"], region_code=code, segments=segs,
                        nodes=nodes, lineage=lin, origin=r["origin"], ref_id=r["ref_id"],
                        note=attrs.get("source") if isinstance(attrs, dict) else None,
                        aliases=[str(a) for a in r["aliases"] or []], mentioned=oid in mentioned,
                        documents=mentioned.get(oid, 0))
    by_region: dict[str, list[int]] = defaultdict(list)
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    totals: dict[str, int] = defaultdict(int)
    national: dict[str, int] = defaultdict(int)
    located = 0
    for o in orgs.values():
        if not o.lineage:
            continue
        located += 1
        for n in o.nodes:
            national[n] += 1
        for code in o.lineage:
            by_region[code].append(o.id)
            totals[code] += 1
            c = counts[code]
            for n in o.nodes:
                c[n] += 1
    # events: participants matched to organisations by name or alias
    names: dict[str, int] = {}
    for o in orgs.values():
        for n in (o.name, *o.aliases):
            names.setdefault(n, o.id)
    events_of: dict[int, list[Event]] = defaultdict(list)
    investment: dict[int, float] = defaultdict(float)
    newest = ""
    for r in event_rows:
        date = r["date"] or r["published"]
        e = Event(id=int(r["id"]), type=r["type"], date=date, place=r["place"], name=r["name"],
                  amount=r["amount_value"], currency=r["amount_currency"], doc_id=int(r["doc_id"]),
                  doc_title=r["title"], participants=list(r["participants"] or []))
        who = {names[p.get("name", "")] for p in e.participants if p.get("name", "") in names}
        if date:
            newest = max(newest, date)
        for oid in who:
            events_of[oid].append(e)
            if e.type in INVESTMENT_TYPES and e.amount and e.currency == "CNY":
                investment[oid] += float(e.amount)
    for lst in events_of.values():
        lst.sort(key=lambda e: (e.date or "", e.id), reverse=True)
    return Snapshot(chain=ch, index=index, orgs=orgs, by_region=dict(by_region),
                    counts={k: dict(v) for k, v in counts.items()}, totals=dict(totals), national=dict(national),
                    national_total=located, events_of=dict(events_of), recent_since=_months_before(newest, RECENT_MONTHS),
                    investment=dict(investment))


def _months_before(date: str, months: int) -> str | None:
    """``YYYY-MM`` ``months`` before the month of ``date`` (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``)."""
    if len(date) < 4 or not date[:4].isdigit():
        return None
    year, month = int(date[:4]), int(date[5:7]) if len(date) >= 7 and date[5:7].isdigit() else 12
    total = year * 12 + (month - 1) - months
    return f"{total // 12:04d}-{total % 12 + 1:02d}"
