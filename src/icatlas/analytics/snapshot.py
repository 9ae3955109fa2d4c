"""What the analyses read from the store, in memory: the chain, the organisations present in each region and
chain node (with the region codes they roll up into), and the recent events of each organisation.

Built once per store state, kept in the store's one per-state memo (:func:`icatlas.store.state.per_version`, under
the state token: the stamp, or the fingerprint on a store without one).
"""
from __future__ import annotations

import copy
import threading
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable, Hashable

from ..errors import NotFound
from ..reference.chain import Chain, ChainNode
from ..reference.regions import ABROAD_LEVELS, Region, RegionIndex, regions
from ..store.read_analytics import EntityRow, EventRow, presence_rows, stored_chain
from ..store.reading import StoreLike, engine_of
from ..store.state import per_version

#: Entity types the map shows under a chain node. Only companies are chain firms and count (a group once per region
#: and node); universities, institutes (laboratories too), platforms, parks, funds and organisations of unknown kind
#: are shown as research and support. Governments, associations and media span the chain without being a link of it.
SHOWN_TYPES = ("company", "institute", "university", "platform", "park", "fund", "organization")
FIRM_TYPES = ("company",)
#: Event types that count as activity of an organisation.
ACTIVITY_TYPES = ("agreement_signed", "project_signed", "investment", "organization_founded", "production_milestone",
                  "award", "acquisition", "bid_won", "financing", "official_visit", "meeting", "policy_released")
#: Event types whose amount is an investment into the chain.
INVESTMENT_TYPES = ("investment", "project_signed", "financing")
#: Event types that show a firm expanding: money put in, capacity built or started, a new company founded.
EXPANSION_TYPES = ("investment", "project_signed", "financing", "production_milestone", "organization_founded",
                   "acquisition")
#: How far back "recent" reaches, counted from the as-of date (default: today).
RECENT_MONTHS = 24
#: As-of dates whose results are kept per snapshot (the latest asked for).
AS_OF_KEPT = 8
#: Answers of the costlier analyses (targets, partners) kept per snapshot and as-of date (the latest asked for).
ANSWERS_KEPT = 256
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
    firm: bool = True  # a chain firm (a company) that counts, rather than research and support
    group: str = ""  # its corporate family (the registry id of the group), else its own key
    listed: bool = False  # a listed company (the registry's stock code)
    revenue_band: str = ""  # annual revenue band in 亿元 (100+, 10-100, 1-10, <1), when known
    revenue_yi: float | None = None  # approximate annual revenue in 亿元, when known


@dataclass
class Event:
    """An event of an IC-relevant document, dated by the document when it gives no date of its own."""
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
    status: str  # done, planned or ongoing
    stated: bool  # the date is the event's own (False: the page's publish date stands in)


@dataclass
class Snapshot:
    chain: Chain
    index: RegionIndex
    orgs: dict[int, Org]
    by_region: dict[str, list[int]]  # region code -> ids of organisations located there (firms and support)
    counts: dict[str, dict[str, int]]  # region code -> node id -> chain firms (a group once)
    totals: dict[str, int]  # region code -> chain firms (a group once)
    national: dict[str, int]  # node id -> chain firms located anywhere (a group once)
    national_total: int
    events_of: dict[int, list[Event]]  # organisation id -> events it took part in, newest first
    investment: dict[int, float]  # organisation id -> CNY in investment events it took part in (all dates)
    groups_at: dict[str, dict[str, dict[str, list[int]]]] = field(default_factory=dict)  # code -> node -> group -> firms
    memo: dict[Any, Any] = field(default_factory=dict)  # results that depend only on the snapshot
    _lock: threading.RLock = field(default_factory=threading.RLock)

    def __getstate__(self) -> dict[str, Any]:
        """What is kept in the store: the snapshot without its memo, its lock and the bundled region index."""
        state = dict(self.__dict__)
        for name in ("memo", "_lock", "index"):
            state.pop(name, None)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self.index = regions()
        self.memo = {}
        self._lock = threading.RLock()

    # -- regions -----------------------------------------------------------------------------
    def region(self, query: str) -> Region:
        """The region a user means by ``query`` (name, short form, English or code)."""
        return resolve_region(self.index, query)

    def level_of(self, code: str) -> str:
        r = self.index.get(code)
        return r.level if r else ""

    @property
    def as_of(self) -> str:
        """The default as-of date: today, read on each call (a snapshot lives as long as its store state)."""
        return today()

    @property
    def recent_since(self) -> str | None:
        """The day "recent" starts from for the default as-of date (today)."""
        return self.since(None)

    def since(self, as_of: str | None = None) -> str | None:
        """The day 24 months before ``as_of`` (default: today): "recent" is what happened after it, up to
        ``as_of``."""
        return _months_before(as_of or self.as_of, RECENT_MONTHS)

    def at(self, as_of: str | None = None) -> dict[Any, Any]:
        """The memo of results that depend on the as-of date, for ``as_of`` (default today); the eight latest dates
        asked for are kept."""
        key = as_of or self.as_of
        with self._lock:
            dates = self.memo.setdefault("by_as_of", {})
            hit = dates.pop(key, None)
            if hit is None:
                hit = {}
            dates[key] = hit  # the latest asked for last
            while len(dates) > AS_OF_KEPT:
                dates.pop(next(iter(dates)))
        return hit  # type: ignore[no-any-return]

    def answer(self, as_of: str | None, key: Hashable, compute: Callable[[], dict[str, Any]]) -> dict[str, Any]:
        """``compute()``, an analysis's answer, kept for the ``ANSWERS_KEPT`` latest ``key`` asked for at ``as_of``;
        each caller gets a copy of its own."""
        answers: dict[Hashable, dict[str, Any]] = self.at(as_of).setdefault("answers", {})
        with self._lock:
            hit = answers.pop(key, None)
            if hit is not None:
                answers[key] = hit  # the latest asked for last
        if hit is None:
            hit = compute()
            with self._lock:
                answers[key] = hit
                while len(answers) > ANSWERS_KEPT:
                    answers.pop(next(iter(answers)))
        return copy.deepcopy(hit)

    def investment_until(self, org_id: int, as_of: str | None = None) -> float:
        """The CNY of the investment events the organisation took part in that happened up to ``as_of``."""
        return sum(float(e.amount or 0) for e in self.events_of.get(org_id, [])
                   if e.type in INVESTMENT_TYPES and e.currency == "CNY" and e.amount and self.until(e, as_of))

    def recent(self, org_id: int, as_of: str | None = None) -> list[Event]:
        """The organisation's recent events: done or ongoing, dated within the 24 months up to ``as_of``."""
        since = self.since(as_of)
        until = as_of or self.as_of
        return [e for e in self.events_of.get(org_id, []) if _recent(e, since, until)]

    def is_recent(self, e: Event, as_of: str | None = None) -> bool:
        return _recent(e, self.since(as_of), as_of or self.as_of)

    def until(self, e: Event, as_of: str | None = None) -> bool:
        """Whether ``e`` counts at ``as_of``: it happened (not a plan) on or before that day."""
        return e.status != "planned" and bool(e.date) and str(e.date) <= (as_of or self.as_of)

    def node(self, node_id: str) -> ChainNode:
        return self.chain.nodes[node_id]


def _number(v: Any) -> float | None:
    try:
        return float(v) if v not in (None, "") else None
    except (TypeError, ValueError):
        return None


def _recent(e: Event, since: str | None, until: str) -> bool:
    """A happened event dated after the day ``since`` and on or before the day ``until`` (a plan never counts)."""
    if e.status == "planned" or not e.date or not since:
        return False
    return e.date > since and e.date <= until


def today() -> str:
    import datetime as _dt

    return _dt.date.today().isoformat()


def check_as_of(as_of: str | None) -> str | None:
    """``as_of`` as a day (``YYYY-MM-DD``) when it is a date; a month or a year means its last day. A usage error
    otherwise (2024-13-45 is no date)."""
    import calendar
    import datetime as dt
    import re

    from ..errors import UsageError

    if as_of is None or as_of == "":
        return None
    s = str(as_of).strip()
    hint = "write it as YYYY-MM-DD, YYYY-MM or YYYY (a month or a year means its last day)"
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", s)
    if not m:
        raise UsageError(f"--as-of {as_of!r} is not a date", hint)
    year, month, day = int(m.group(1)), int(m.group(2) or 12), m.group(3)
    try:
        last = calendar.monthrange(year, month)[1]
        return dt.date(year, month, int(day) if day else last).isoformat()
    except ValueError:
        raise UsageError(f"--as-of {as_of!r} is not a date", hint) from None


def snapshot(store: StoreLike) -> Snapshot:
    """The snapshot of a Store (or its engine), rebuilt only when the store changed: kept in memory per state, and
    in the store for the next process (:mod:`icatlas.analytics.kept`)."""
    from .kept import kept_or_built

    engine = engine_of(store)
    return per_version(engine, "snapshot", lambda: kept_or_built(engine, build),  # type: ignore[no-any-return]
                       fingerprint=True)


def _chain(store: StoreLike) -> Chain:
    nodes = stored_chain(store)
    if not nodes:
        from ..reference.chain import chain

        return chain()
    order = {n: i for i, n in enumerate(_bundled_order())}
    nodes.sort(key=lambda n: (order.get(n.id, len(order)), n.id))
    return Chain(nodes, "store")


def _bundled_order() -> list[str]:
    from ..reference.chain import chain

    return [n.id for _d, n in chain().subtree(None)]


def resolve_region(index: RegionIndex, query: str) -> Region:
    """The region a user means by ``query`` (name, short form, English or code); not found otherwise."""
    r = index.get(query) or index.resolve(query.strip())
    if r is None:
        raise NotFound(f"no region called {query!r}",
                       "try a name such as 苏州, 上海市, 浦东新区, 苏州工业园区, 长三角 or Suzhou (see `icatlas region`)")
    if r.level == "zone":  # 浦东新区 is both a district and a zone of the same name: the district holds the data
        same = [x for x in index.lookup(query.strip()) if x.level == "district" and x.name == r.name]
        if same:
            r = same[0]
    return r


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
    group that holds one of them (its province, or its city); a group itself counts only in itself."""
    r = index.get(code)
    if r is None:
        return ()
    if r.level == "group":
        return (r.code,)
    out = [r.code, *(a.code for a in index.ancestors(r))]
    mine = set(out)
    out += [g.code for g in groups if mine & set(g.members)]  # 长三角 holds provinces, 珠三角 cities
    return tuple(dict.fromkeys(out))


def located(index: RegionIndex, groups: list[Region], region: str | None, attrs: dict[str, Any],
            cache: dict[str, tuple[str, ...]]) -> tuple[str | None, tuple[str, ...]]:
    """Where an organisation is: the code of its region (its stored code, else its region's name) and the region
    codes it counts in (:func:`lineage`, with the park or zone of its site); ``cache`` keeps each code's lineage."""
    code = region_code(index, region, attrs.get("region_code"))
    if not code:
        return None, ()
    if code not in cache:
        cache[code] = lineage(index, code, groups)
    lin = cache[code]
    zone = attrs.get("zone")
    if zone and index.get(str(zone)) is not None and str(zone) not in lin:
        lin = (lin[0], str(zone), *lin[1:])  # a park or zone holds it too
    return code, lin


def build(store: StoreLike) -> Snapshot:
    """The snapshot of the store as it is now."""
    ch = _chain(store)
    index = regions()
    rows = presence_rows(store, SHOWN_TYPES)
    orgs = _orgs(ch, index, rows.entities, rows.mentioned)
    for oid, cny in rows.revenue.items():  # a page's revenue for a firm the registry gives none
        o = orgs.get(oid)
        if o is not None and o.revenue_yi is None and not o.revenue_band:
            o.revenue_yi = cny / 1e8
    by_region: dict[str, list[int]] = defaultdict(list)
    groups_at: dict[str, dict[str, dict[str, list[int]]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(list)))
    located: dict[str, set[str]] = defaultdict(set)  # node -> groups located anywhere
    everywhere: set[str] = set()
    for o in orgs.values():
        if not o.lineage:
            continue
        for code in o.lineage:
            by_region[code].append(o.id)
        if not o.firm:
            continue
        everywhere.add(o.group)
        for n in o.nodes:
            located[n].add(o.group)
        for code in o.lineage:
            at = groups_at[code]
            for n in o.nodes:
                at[n][o.group].append(o.id)
            at[""][o.group].append(o.id)  # the region's chain firms in all nodes
    counts = {code: {n: len(g) for n, g in at.items() if n} for code, at in groups_at.items()}
    totals = {code: len(at[""]) for code, at in groups_at.items()}
    events_of, investment = _events(orgs, rows.events)
    return Snapshot(chain=ch, index=index, orgs=orgs, by_region=dict(by_region), counts=counts, totals=totals,
                    national={n: len(g) for n, g in located.items()}, national_total=len(everywhere),
                    events_of=events_of, investment=investment,
                    groups_at={c: {n: dict(g) for n, g in at.items()} for c, at in groups_at.items()})


def _orgs(ch: Chain, index: RegionIndex, rows: list[EntityRow], mentioned: dict[int, int]) -> dict[int, Org]:
    """The organisations present (in the registry or named in an IC-relevant document) with a place in the chain."""
    groups = [g for g in index.by_code.values() if g.level == "group"]
    ancestors = {nid: ch.ancestors(nid) for nid in ch.nodes}
    orgs: dict[int, Org] = {}
    lineage_cache: dict[str, tuple[str, ...]] = {}
    for r in rows:
        present = bool(r.origin) or r.id in mentioned
        segs = [s for s in r.segments if s in ch.nodes]
        if not present or not segs:
            continue
        code, lin = located(index, groups, r.region, r.attrs, lineage_cache)
        if code and (place := index.get(code)) is not None and place.level in ABROAD_LEVELS:
            lin = ()  # a firm abroad (日本…株式会社, Arizona) is no region's of China, nor the country's
        nodes = frozenset(n for s in segs for n in (s, *ancestors[s]))
        orgs[r.id] = Org(id=r.id, name=r.name, type=r.type, region=r.region, region_code=code, segments=segs,
                         nodes=nodes, lineage=lin, origin=r.origin, ref_id=r.ref_id, note=r.attrs.get("source"),
                         aliases=[str(a) for a in r.aliases], mentioned=r.id in mentioned,
                         documents=mentioned.get(r.id, 0), firm=r.type in FIRM_TYPES,
                         group=str(r.attrs.get("group") or f"#{r.id}"), listed=bool(r.attrs.get("stock_code")),
                         revenue_band=str(r.attrs.get("revenue_band") or ""),
                         revenue_yi=_number(r.attrs.get("revenue_yi")))
    return orgs


def _events(orgs: dict[int, Org], rows: list[EventRow]) -> tuple[dict[int, list[Event]], dict[int, float]]:
    """The events of each organisation (participants matched by name or alias), newest first, and the CNY each put
    into investment events that happened (plans left out)."""
    names: dict[str, int] = {}
    for o in orgs.values():
        for n in (o.name, *o.aliases):
            names.setdefault(n, o.id)
    events_of: dict[int, list[Event]] = defaultdict(list)
    investment: dict[int, float] = defaultdict(float)
    for r in rows:
        date = r.date or r.published
        e = Event(id=r.id, type=r.type, date=date, place=r.place, name=r.name, amount=r.amount_value,
                  currency=r.amount_currency, doc_id=r.doc_id, doc_title=r.title, participants=r.participants,
                  status=r.status or "done", stated=bool(r.date))
        # a participant links by the registry's full name where the page wrote a shorter one, else as written
        who = {names[n] for p in e.participants for n in (p.get("canonical"), p.get("name", "")) if n in names}
        for oid in who:
            events_of[oid].append(e)
            if e.type in INVESTMENT_TYPES and e.amount and e.currency == "CNY" and e.status != "planned":
                investment[oid] += float(e.amount)
    for lst in events_of.values():
        lst.sort(key=lambda e: (e.date or "", e.id), reverse=True)
    return dict(events_of), dict(investment)


@lru_cache(maxsize=256)
def _months_before(date: str, months: int) -> str | None:
    """The day ``months`` before ``date`` (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; a year or a month means its last
    day), as ``YYYY-MM-DD``; the 29th, 30th or 31st of a shorter month is its last day."""
    import calendar

    if len(date) < 4 or not date[:4].isdigit():
        return None
    year = int(date[:4])
    month = int(date[5:7]) if len(date) >= 7 and date[5:7].isdigit() else 12
    day = int(date[8:10]) if len(date) >= 10 and date[8:10].isdigit() else calendar.monthrange(year, month)[1]
    total = year * 12 + (month - 1) - months
    y, m = total // 12, total % 12 + 1
    return f"{y:04d}-{m:02d}-{min(day, calendar.monthrange(y, m)[1]):02d}"
