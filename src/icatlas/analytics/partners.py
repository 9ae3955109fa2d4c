"""Partners for an organisation (一对一结对): chain firms in adjacent chain nodes, that is, nodes joined to its own by
a "goes into" edge (design ↔ foundry ↔ packaging and test; equipment and materials → fabs), ranked by fit, scale and
recent expansion, one per corporate group."""
from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from typing import Any

from ..errors import NotFound, UsageError
from ..reference.chain import Chain
from ..reference.regions import Region
from .chainmap import region_brief
from .snapshot import Org, Snapshot, snapshot

DIRECT = 1.0  # an edge between the two nodes or nodes under them
BROAD = 0.5  # an edge only between the stages or segments above them


@lru_cache(maxsize=8)
def _flow(ch: Chain) -> tuple[dict[str, set[str]], dict[str, set[str]], dict[str, set[str]], dict[str, set[str]]]:
    """Per node: its subtree, its line (subtree and ancestors), and what its subtree feeds and is fed by."""
    sub = {nid: {n.id for _d, n in ch.subtree(nid)} for nid in ch.nodes}
    line = {nid: sub[nid] | set(ch.ancestors(nid)) for nid in ch.nodes}
    out_e: dict[str, set[str]] = defaultdict(set)
    in_e: dict[str, set[str]] = defaultdict(set)
    for u, v in ch.edges():
        out_e[u].add(v)
        in_e[v].add(u)
    return sub, line, dict(out_e), dict(in_e)


@lru_cache(maxsize=65536)
def adjacency(ch: Chain, mine: str, theirs: str) -> tuple[float, str] | None:
    """How ``theirs`` stands to ``mine`` in the flow: (weight, "supplier" | "customer"), or None."""
    sub, line, out_e, in_e = _flow(ch)
    if theirs in line[mine] or mine in line[theirs]:
        return None
    for weight, reach in ((DIRECT, sub), (BROAD, line)):
        feeds = {v for u in reach[mine] for v in out_e.get(u, ())}
        fed_by = {u for v in reach[mine] for u in in_e.get(v, ())}
        if reach[theirs] & fed_by:
            return weight, "supplier"
        if reach[theirs] & feeds:
            return weight, "customer"
    return None


def find_org(snap: Snapshot, query: str) -> Org:
    """An organisation in the chain by name or alias: exact first, then the shortest name containing ``query``."""
    q = query.strip().lower()
    exact = _by_name(snap).get(q, [])
    if exact:
        return min(exact, key=lambda o: (not o.mentioned, len(o.name), o.id))
    part = [o for o in snap.orgs.values() if any(q in n.lower() for n in (o.name, *o.aliases))]
    if part:
        return min(part, key=lambda o: (len(o.name), o.id))
    raise NotFound(f"no organisation with a chain segment matches {query!r}",
                   "look it up with `icatlas org NAME`; an organisation needs segments to have partners "
                   "(set them with `icatlas curate entity ID segments ...`)")


def _by_name(snap: Snapshot) -> dict[str, list[Org]]:
    """The organisations by each of their names and aliases in lower case (kept with the snapshot)."""
    with snap._lock:
        hit = snap.memo.get("orgs_by_name")
        if hit is None:
            hit = defaultdict(list)
            for o in snap.orgs.values():
                for n in dict.fromkeys((o.name.lower(), *(a.lower() for a in o.aliases))):
                    hit[n].append(o)
            snap.memo["orgs_by_name"] = hit = dict(hit)
    return hit  # type: ignore[no-any-return]


def _next_to(snap: Snapshot, me: Org, region: str | None) -> list[Org]:
    """The chain firms with a segment directly next to one of ``me``'s along the flow (in ``region`` when given),
    in the snapshot's order of organisations."""
    ch = snap.chain
    with snap._lock:
        hit = snap.memo.get("firms_by_segment")
        if hit is None:
            index: dict[str, list[int]] = defaultdict(list)
            for pos, o in enumerate(snap.orgs.values()):
                if o.firm:
                    for seg in dict.fromkeys(o.segments):
                        index[seg].append(pos)
            snap.memo["firms_by_segment"] = hit = (dict(index), list(snap.orgs.values()))
    by_segment, orgs = hit
    near = {theirs for mine in me.segments for theirs in by_segment
            if (adj := adjacency(ch, mine, theirs)) is not None and adj[0] == DIRECT}
    found = (orgs[p] for p in sorted({p for seg in near for p in by_segment[seg]}))
    return [o for o in found if region is None or region in o.lineage]


def partners(store: Any, org: str, region: str | None = None, limit: int = 20,
             as_of: str | None = None) -> dict[str, Any]:
    """Chain firms in the segments next to ``org``'s own along the flow (what its segments feed or take from), in
    ``region`` when given, ranked like attraction targets (fit, scale, recent expansion), one per corporate group,
    at most ``limit``, each with the reason in words."""
    from .snapshot import check_as_of

    as_of = check_as_of(as_of)
    snap = snapshot(store)
    me = find_org(snap, org)
    if not me.segments:
        raise UsageError(f"{me.name} has no chain segment", "set its segments with `icatlas curate entity`")
    r = snap.region(region) if region else None
    return snap.answer(as_of, ("partners", me.id, r.code if r else None, limit),
                       lambda: _partners(snap, me, r, limit, as_of))


def _partners(snap: Snapshot, me: Org, r: Region | None, limit: int, as_of: str | None) -> dict[str, Any]:
    from .gaps import Fit, rank_firms

    ch = snap.chain
    pool = []
    fit: dict[int, Fit] = {}
    links_of: dict[int, list[tuple[float, str, str, str]]] = {}
    for o in _next_to(snap, me, r.code if r else None):
        oid = o.id
        if o.id == me.id or not o.firm or o.group == me.group:
            continue
        links = []
        for mine in me.segments:
            for theirs in o.segments:
                adj = adjacency(ch, mine, theirs)
                if adj and adj[0] == DIRECT:
                    links.append((adj[0], adj[1], mine, theirs))
        if not links:
            continue
        links.sort(key=lambda x: (x[2], x[3]))
        shown = []
        for _w, kind, mine, theirs in links[:3]:
            a, b = ch.nodes[theirs].name, ch.nodes[mine].name
            shown.append(f"{kind}: {a} goes into {b}" if kind == "supplier" else f"{kind}: {b} goes into {a}")
        pairs = len({(m, t) for _w, _k, m, t in links})
        pool.append(o)
        fit[oid] = (min(1.0, 0.5 + 0.125 * pairs), "; ".join(shown))
        links_of[oid] = links
    ranked = rank_firms(snap, pool, fit, as_of, limit, events_per_org=3)
    for row in ranked:
        links = links_of[row["id"]]
        row["relation"] = links[0][1]
        row["links"] = [{"own": m, "theirs": t, "kind": k, "weight": w} for w, k, m, t in links]
    return {"org": {"name": me.name, "id": me.id, "type": me.type, "region": me.region, "segments": me.segments},
            "region": region_brief(snap, r) if r else None, "as_of": as_of or snap.as_of, "partners": ranked}
