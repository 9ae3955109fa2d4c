"""Timelines of a region: investment totals per period, project life cycles and agreement follow-through.

All three read the events of IC-relevant documents only. An event belongs to a region when its place is that
region or lies inside it; an event without a place belongs to the regions of its participants (see
docs/methods.md, "Timelines").
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from ..errors import UsageError
from ..money import CNY_RATES, to_cny
from ..model import party_key
from ..reference.regions import Region
from ..store.read_analytics import graph_rows
from ..store.reading import StoreLike
from .snapshot import Event, Snapshot, lineage, region_code, snapshot

#: Event types whose amount is money put into the chain.
MONEY_TYPES = ("investment", "financing", "acquisition")
PERIODS = ("year", "quarter", "month")
PROJECT_TYPES = ("project_signed", "investment", "production_milestone")
STAGES = ("signed", "under construction", "producing")
#: Trigger words of a production milestone that mean the plant produces; the others (开工, 封顶 …) mean it is built.
PRODUCING = re.compile(r"投产|量产|试产|试生产|通线|下线|出货|mass production|put into production|in production", re.I)
STALLED_MONTHS = 12


@dataclass
class Entity:
    id: int
    name: str
    type: str
    region: str | None
    segments: list[str]
    lineage: tuple[str, ...]


@dataclass
class Ev(Event):
    """An event with its evidence: the span, its sentence and the trigger word."""
    evidence: tuple[int, int]
    text: str  # the evidence sentence
    trigger: str
    lineage: tuple[str, ...] = ()  # region codes of its place
    parties: list[Entity] = field(default_factory=list)  # participants found among the entities

    def in_region(self, code: str) -> bool:
        if self.place:
            return code in self.lineage
        return any(code in p.lineage for p in self.parties)

    def brief(self) -> dict[str, Any]:
        return {"id": self.id, "type": self.type, "date": self.date, "place": self.place, "name": self.name,
                "amount": {"value": self.amount, "currency": self.currency} if self.amount else None,
                "participants": [p.get("name") for p in self.participants], "doc_id": self.doc_id,
                "title": self.doc_title, "evidence": list(self.evidence), "sentence": self.text}


class Graph:
    """Entities (by name and alias) and the events of relevant documents, with the region codes they count in."""

    def __init__(self, snap: Snapshot, entities: dict[int, Entity], by_name: dict[str, Entity], events: list[Ev]):
        self.snap = snap
        self.entities = entities
        self.by_name = by_name
        self.events = events
        self.newest = max((e.date for e in events if e.date), default=None)
        self._by_code: dict[str, list[Ev]] | None = None

    def events_in(self, code: str) -> list[Ev]:
        """The events that count in region ``code`` (``Ev.in_region``), in the order of ``events``; indexed once."""
        if self._by_code is None:
            index: dict[str, list[Ev]] = {}
            for e in self.events:
                codes = set(e.lineage) if e.place else {c for p in e.parties for c in p.lineage}
                for c in codes:
                    index.setdefault(c, []).append(e)
            self._by_code = index
        return self._by_code.get(code, [])

    def region(self, query: str) -> Region:
        return self.snap.region(query)


def _lineage_of(snap: Snapshot, name: str | None, code: str | None, cache: dict[Any, tuple[str, ...]]
                ) -> tuple[str, ...]:
    key = (name, code)
    if key not in cache:
        c = region_code(snap.index, name, code)
        groups = [g for g in snap.index.by_code.values() if g.level == "group"]
        cache[key] = lineage(snap.index, c, groups) if c else ()
    return cache[key]


def load(store: StoreLike) -> Graph:
    """The entities and relevant events of the store, cached with the analyses' snapshot."""
    snap = snapshot(store)
    if "kg_graph" in snap.memo:
        graph: Graph = snap.memo["kg_graph"]
        return graph
    cache: dict[Any, tuple[str, ...]] = {}
    entities: dict[int, Entity] = {}
    by_name: dict[str, Entity] = {}
    entity_rows, event_rows = graph_rows(store, ("person", "region"))
    for r in entity_rows:
        ent = Entity(id=r.id, name=r.name, type=r.type, region=r.region, segments=list(r.segments),
                     lineage=_lineage_of(snap, r.region, r.attrs.get("region_code"), cache))
        entities[ent.id] = ent
        for n in (ent.name, *r.aliases):
            by_name.setdefault(str(n), ent)
    events = []
    for x in event_rows:
        parts = list(x.participants)
        e = Ev(id=x.id, type=x.type, date=x.date or x.published, status=x.status or "done", stated=bool(x.date), place=x.place, name=x.name, amount=x.amount_value,
               currency=x.amount_currency, doc_id=x.doc_id, doc_title=x.title, participants=parts,
               evidence=(x.evidence_start, x.evidence_end), text=x.sentence, trigger=x.trigger,
               lineage=_lineage_of(snap, x.place, None, cache) if x.place else ())
        e.parties = list({p.id: p for p in (by_name.get(str(q.get("name", ""))) for q in parts) if p}.values())
        events.append(e)
    graph = Graph(snap, entities, by_name, events)
    snap.memo["kg_graph"] = graph
    return graph


# -- periods ------------------------------------------------------------------------------------------------
def period(date: str | None, by: str) -> str | None:
    """The period of a date: ``2024``, ``2024-Q2`` or ``2024-05``; a date known only to the year stays ``2024``."""
    if not date or len(date) < 4 or not date[:4].isdigit():
        return None
    month = int(date[5:7]) if len(date) >= 7 and date[5:7].isdigit() else None
    if by == "year" or month is None:
        return date[:4]
    if by == "quarter":
        return f"{date[:4]}-Q{(month - 1) // 3 + 1}"
    return date[:7]


def month_index(date: str) -> int:
    """Months since year 0 of a date (a year alone counts as its December: the latest month it can mean)."""
    month = int(date[5:7]) if len(date) >= 7 and date[5:7].isdigit() else 12
    return int(date[:4]) * 12 + month - 1


def _check_by(by: str) -> None:
    if by not in PERIODS:
        raise UsageError(f"unknown period {by!r}", "use --by year, quarter or month")


def as_of_or_today(as_of: str | None) -> str:
    """``as_of`` checked (a day), or today."""
    from .snapshot import check_as_of, today

    return check_as_of(as_of) or today()


def happened(e: Ev, as_of: str) -> bool:
    """Whether ``e`` counts at ``as_of``: not a plan, and not dated after it (an undated event counts)."""
    return e.status != "planned" and not (e.date and e.date > as_of)


def timeline(store: StoreLike, region: str | None = None, by: str = "year", org: str | None = None,
             as_of: str | None = None) -> dict[str, Any]:
    """Money put into the chain per period (investment, financing and acquisition amounts in CNY) for a region or
    an organisation, as of ``as_of`` (default today: plans and later events do not count); JSON ``{"region",
    "org", "by", "as_of", "rates", "total_cny", "periods": [{"period", "total_cny", "events", "by_type",
    "unconverted"}], "events": [...]}``."""
    _check_by(by)
    as_of = as_of_or_today(as_of)
    g = load(store)
    r = g.region(region) if region else None
    who = _find_entity(g, org) if org else None
    rows: dict[str, dict[str, Any]] = {}
    listed = []
    for e in (g.events_in(r.code) if r is not None else g.events):
        if e.type not in MONEY_TYPES or not e.amount or not happened(e, as_of):
            continue
        if who is not None and who.id not in {p.id for p in e.parties}:
            continue
        p = period(e.date, by) or "undated"
        row = rows.setdefault(p, {"period": p, "total_cny": 0.0, "events": 0, "by_type": {}, "unconverted": 0})
        row["events"] += 1
        cny = to_cny(e.amount, e.currency)
        if cny is None:
            row["unconverted"] += 1
        else:
            row["total_cny"] += cny
            row["by_type"][e.type] = row["by_type"].get(e.type, 0.0) + cny
        listed.append(e.brief() | {"period": p, "cny": cny})
    periods = sorted(rows.values(), key=lambda x: (x["period"] == "undated", x["period"]))
    listed.sort(key=lambda x: (x["date"] or "", x["id"]))
    return {"region": _region_brief(r), "org": who.name if who else None, "by": by, "as_of": as_of,
            "rates": dict(CNY_RATES),
            "total_cny": sum(x["total_cny"] for x in periods), "periods": periods, "events": listed}


def _region_brief(r: Region | None) -> dict[str, Any] | None:
    return {"code": r.code, "name": r.name, "level": r.level} if r else None


def _find_entity(g: Graph, query: str) -> Entity:
    from ..errors import NotFound

    q = query.strip()
    if q in g.by_name:
        return g.by_name[q]
    part = [e for e in g.entities.values() if q.lower() in e.name.lower()]
    if part:
        return min(part, key=lambda e: (len(e.name), e.id))
    raise NotFound(f"no organisation called {query!r}", "look it up with `icatlas org NAME`")


def region_events(store: StoreLike, region: str, types: list[str] | None = None, limit: int | None = None
                  ) -> list[dict[str, Any]]:
    """The events of IC-relevant documents that belong to ``region`` (by place, else by participants), newest
    first (the first ``limit`` of them), each with its amount in CNY."""
    g = load(store)
    code = g.region(region).code
    mine = [e for e in g.events_in(code) if not types or e.type in types]
    mine.sort(key=lambda e: (e.date or "", e.id), reverse=True)
    return [e.brief() | {"cny": to_cny(e.amount, e.currency)} for e in mine[:limit]]


# -- project life cycle -------------------------------------------------------------------------------------
def stage_of(e: Ev) -> str:
    """The life-cycle stage an event shows: signed (project_signed, investment), under construction or producing
    (production_milestone, by its trigger word)."""
    if e.type == "production_milestone":
        return "producing" if PRODUCING.search(e.trigger or e.text) else "under construction"
    return "signed"


def _project_key(e: Ev) -> str:
    if e.name:
        return e.name
    names = [party_key(p) for p in e.participants if p.get("name")]
    return names[0] if names else f"event {e.id}"


def projects(store: StoreLike, region: str, stalled_months: int = STALLED_MONTHS, as_of: str | None = None
             ) -> dict[str, Any]:
    """The projects of a region with their life-cycle stage (signed → under construction → producing) and a
    stalled flag (not producing and no news for ``stalled_months`` counted back from ``as_of``, default today;
    plans and later events do not count); JSON ``{"region", "as_of", "newest", "stalled_months", "projects":
    [{"project", "organizations", "stage", "stalled", "status", "first_date", "last_date", "months_quiet",
    "amount_cny", "events"}]}``."""
    as_of = as_of_or_today(as_of)
    g = load(store)
    r = g.region(region)
    groups: dict[str, list[Ev]] = defaultdict(list)
    for e in g.events_in(r.code):
        if e.type in PROJECT_TYPES and happened(e, as_of):
            groups[_project_key(e)].append(e)
    _merge_nameless(groups)
    newest = month_index(as_of)
    out = []
    for key, evs in groups.items():
        evs.sort(key=lambda e: (e.date or "", e.id))
        stage = max((stage_of(e) for e in evs), key=STAGES.index)
        dated = [e.date for e in evs if e.date]
        last = max(dated) if dated else None
        quiet = newest - month_index(last) if newest is not None and last else None
        stalled = stage != "producing" and quiet is not None and quiet >= stalled_months
        money = [to_cny(e.amount, e.currency) for e in evs if e.type != "production_milestone"]
        orgs = list(dict.fromkeys(party_key(p) for e in evs for p in e.participants if p.get("name")))
        out.append({"project": key, "organizations": orgs, "stage": stage, "stalled": stalled,
                    "status": "stalled" if stalled else stage, "first_date": min(dated) if dated else None,
                    "last_date": last, "months_quiet": quiet,
                    "amount_cny": max((m for m in money if m), default=None),
                    "events": [e.brief() | {"stage": stage_of(e)} for e in evs]})
    out.sort(key=lambda p: (p["last_date"] or "", p["project"]), reverse=True)
    return {"region": _region_brief(r), "as_of": as_of, "newest": g.newest, "stalled_months": stalled_months,
            "projects": out}


def _merge_nameless(groups: dict[str, list[Ev]]) -> None:
    """An unnamed event joins the one named project that shares a participant with it, when there is exactly one."""
    named = {k: v for k, v in groups.items() if any(e.name for e in v)}
    for key in [k for k in groups if k not in named]:
        people = {party_key(p) for e in groups[key] for p in e.participants}
        hits = [k for k, v in named.items() if people & {party_key(p) for e in v for p in e.participants}]
        if len(hits) == 1:
            groups[hits[0]] += groups.pop(key)


# -- agreement follow-through -------------------------------------------------------------------------------
def _terms(snap: Snapshot) -> dict[str, list[str]]:
    """Per chain node, the words that name it in a sentence (its name and terms), longest first."""
    if "node_terms" not in snap.memo:
        snap.memo["node_terms"] = {nid: sorted({w for w in (n.name, *n.terms) if len(w) >= 2}, key=len, reverse=True)
                                   for nid, n in snap.chain.nodes.items()}
    terms: dict[str, list[str]] = snap.memo["node_terms"]
    return terms


def areas(snap: Snapshot, text: str) -> list[str]:
    """The chain nodes a sentence names, the most specific only (a node is dropped when a node under it is named)."""
    found = [nid for nid, words in _terms(snap).items() if any(w in text for w in words)]
    anc = {a for nid in found for a in snap.chain.ancestors(nid)}
    return [nid for nid in found if nid not in anc]


def _own_words(e: Ev) -> str:
    """The event's name and sentence without its participants' names (封测 in 乙封测有限公司 names no area)."""
    text = f"{e.name or ''}\n{e.text}"
    for p in sorted((str(p.get("name") or "") for p in e.participants), key=len, reverse=True):
        if p:
            text = text.replace(p, "\n")
    return text


def _in_area(snap: Snapshot, area: str, e: Ev, parties: set[int]) -> str | None:
    sub = {n.id for _d, n in snap.chain.subtree(area)}
    words = _own_words(e)
    if any(w in words for nid in sub for w in _terms(snap)[nid]):
        return "named"
    if any(s in sub for p in e.parties if p.id in parties for s in p.segments):
        return "party segment"
    return None


def followthrough(store: StoreLike, region: str, as_of: str | None = None) -> dict[str, Any]:
    """For each agreement signed in a region: the chain segments it names, and the later events in them with one
    of its parties, up to ``as_of`` (default today; plans do not count); JSON ``{"region", "as_of", "agreements":
    [{"id", "date", "name", "parties", "areas", "followups", "followed"}]}``."""
    as_of = as_of_or_today(as_of)
    g = load(store)
    snap = g.snap
    r = g.region(region)
    out = []
    for a in g.events_in(r.code):
        if a.type != "agreement_signed" or not happened(a, as_of):
            continue
        named = areas(snap, _own_words(a))
        party_ids = {p.id for p in a.parties}
        party_names = {str(p.get("name")) for p in a.participants if p.get("name")}
        follow = []
        for e in g.events:
            if e.id == a.id or not e.date or not a.date or e.date <= a.date or not happened(e, as_of):
                continue
            shared = [p.name for p in e.parties if p.id in party_ids] or \
                sorted(party_names & {str(p.get("name")) for p in e.participants})
            if not shared:
                continue
            hits = {n: how for n in named if (how := _in_area(snap, n, e, party_ids))}
            if hits:
                follow.append(e.brief() | {"parties": shared,
                                           "areas": [{"id": n, "how": how} for n, how in hits.items()]})
        follow.sort(key=lambda x: (x["date"] or "", x["id"]))
        out.append(a.brief() | {"parties": sorted(party_names),
                                "areas": [{"id": n, "name": snap.chain.nodes[n].name} for n in named],
                                "followups": follow, "followed": bool(follow)})
    out.sort(key=lambda x: (x["date"] or "", x["id"]))
    return {"region": _region_brief(r), "as_of": as_of, "agreements": out}


def region_filter(g: Graph, region: str | None) -> Any:
    """A predicate over entities: located in ``region`` (all entities without one)."""
    if not region:
        return lambda e: True
    code = g.region(region).code
    return lambda e: code in e.lineage


__all__ = ["Graph", "followthrough", "load", "period", "projects", "timeline", "areas"]
