"""Gaps (补链) of a region and the organisations to attract into them (招商).

A gap is a chain node that is absent from the region or present but not strong. Its priority combines how central
the node is in the chain's flow, how concentrated it is in strong clusters elsewhere and how active it has been in
recent events, scaled by how missing it is (see docs/methods.md).
"""
from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from typing import Any

from ..reference.chain import Chain
from ..reference.regions import Region
from .chainmap import region_brief
from .snapshot import Event, Snapshot, snapshot
from .strength import peers, strength

W_CENTRALITY = 0.40
W_CONCENTRATION = 0.35
W_ACTIVITY = 0.25
WEAK_FLOOR = 0.5  # a present but weak node keeps at least half the weight of an absent one
SKIP_STAGES = ("applications",)  # markets the chips go into, not links of the chain to fill


def subtree(ch: Chain, node: str) -> set[str]:
    return {n.id for _d, n in ch.subtree(node)}


@lru_cache(maxsize=8)
def flow_neighbours(ch: Chain) -> dict[str, set[str]]:
    """For each node, the nodes linked to it or to a node under it by a "goes into" edge, in either direction."""
    edges = ch.edges()
    out: dict[str, set[str]] = {}
    for nid in ch.nodes:
        sub = subtree(ch, nid)
        linked = {v for u, v in edges if u in sub} | {u for u, v in edges if v in sub}
        out[nid] = linked - sub
    return out


def _disjoint_peers(snap: Snapshot, r: Region) -> list[str]:
    """Same-level regions other than ``r`` that share no territory with it."""
    out_of = _overlapping(snap, r)
    return [code for code in peers(snap, r.level) if code not in out_of]


def _overlapping(snap: Snapshot, r: Region) -> set[str]:
    """``r`` and the same-level regions that share territory with it (only groups have members to share)."""
    mine = set(r.members)
    out = {r.code}
    if mine:
        for code in peers(snap, r.level):
            other = snap.index.get(code)
            if other is not None and mine & set(other.members):
                out.add(code)
    return out


def _event_brief(e: Event) -> dict[str, Any]:
    return {"id": e.id, "type": e.type, "date": e.date, "place": e.place, "name": e.name,
            "amount": {"value": e.amount, "currency": e.currency} if e.amount else None,
            "doc_id": e.doc_id, "title": e.doc_title,
            "participants": [p.get("name") for p in e.participants]}


def strong_clusters(snap: Snapshot, level: str) -> dict[str, list[tuple[str, int]]]:
    """Per chain node, the regions of ``level`` where it is strong, with their counts, largest first."""
    key = ("strong_clusters", level)
    if key not in snap.memo:
        out: dict[str, list[tuple[str, int]]] = {nid: [] for nid in snap.chain.nodes}
        for code in peers(snap, level):
            for nid in snap.counts.get(code, {}):
                s = strength(snap, code, nid)
                if s.strong:
                    out[nid].append((code, s.count))
        for v in out.values():
            v.sort(key=lambda x: (-x[1], x[0]))
        snap.memo[key] = out
    result: dict[str, list[tuple[str, int]]] = snap.memo[key]
    return result


def _cluster_sums(snap: Snapshot, level: str) -> tuple[dict[str, int], dict[str, dict[str, int]]]:
    """Per chain node, the organisations in all its strong clusters of ``level``, and the count per cluster."""
    key = ("cluster_sums", level)
    if key not in snap.memo:
        every = strong_clusters(snap, level)
        snap.memo[key] = ({nid: sum(n for _c, n in v) for nid, v in every.items()},
                          {nid: dict(v) for nid, v in every.items()})
    result: tuple[dict[str, int], dict[str, dict[str, int]]] = snap.memo[key]
    return result


def _clusters_elsewhere(every: list[tuple[str, int]], out_of: set[str], limit: int | None) -> list[tuple[str, int]]:
    """The strong clusters of a node outside ``out_of``, largest first, at most ``limit``."""
    head = every if limit is None else every[:limit + len(out_of)]
    return [(c, n) for c, n in head if c not in out_of][:limit]


def recent_activity(snap: Snapshot) -> dict[str, set[int]]:
    """Per chain node, the ids of recent events in which one of its organisations took part."""
    if "activity" not in snap.memo:
        active: dict[str, set[int]] = defaultdict(set)
        for o in snap.orgs.values():
            recent = snap.recent(o.id)
            if recent:
                for n in o.nodes:
                    active[n].update(e.id for e in recent)
        snap.memo["activity"] = active
    result: dict[str, set[int]] = snap.memo["activity"]
    return result


#: Strong clusters elsewhere listed per gap (the largest first); ``strong_elsewhere_total`` counts them all.
CLUSTERS_SHOWN = 10


def _gap_rows(snap: Snapshot, r: Region, limit: int | None = None) -> list[dict[str, Any]]:
    """The gap rows of region ``r``, highest priority first; with ``limit``, only the first ``limit`` rows (the
    priorities of all nodes are computed, the rows' reasons and cluster lists only for those kept)."""
    ch = snap.chain
    neighbours = flow_neighbours(ch)
    out_of = _overlapping(snap, r)  # the region itself and the same-level regions sharing territory with it
    candidates = [nid for nid, n in ch.nodes.items() if n.stage not in SKIP_STAGES]
    # how concentrated each node is in strong clusters elsewhere
    every = strong_clusters(snap, r.level)
    sums, per_cluster = _cluster_sums(snap, r.level)
    conc = {nid: sums.get(nid, 0) - sum(per_cluster.get(nid, {}).get(c, 0) for c in out_of) for nid in candidates}
    # recent activity of each node, nationwide: events in which one of its organisations took part
    active = recent_activity(snap)
    max_c = max((len(neighbours[n]) for n in candidates), default=0) or 1
    max_k = max((conc[n] for n in candidates), default=0) or 1
    max_a = max((len(active.get(n, ())) for n in candidates), default=0) or 1
    scored: list[tuple[float, str, Any, str, dict[str, float]]] = []
    for nid in candidates:
        s = strength(snap, r.code, nid)
        if s.strong:
            continue
        centrality = len(neighbours[nid]) / max_c
        concentration = conc[nid] / max_k
        activity = len(active.get(nid, ())) / max_a
        if s.count == 0:
            status, factor = "absent", 1.0
        else:
            status = "weak"
            factor = 1.0 - (1.0 - WEAK_FLOOR) * min(s.lq / max(s.lq_p75, 1.0), 1.0)
        priority = factor * (W_CENTRALITY * centrality + W_CONCENTRATION * concentration + W_ACTIVITY * activity)
        scored.append((round(priority, 3), nid, s, status, {
            "centrality": round(centrality, 3), "concentration": round(concentration, 3),
            "activity": round(activity, 3), "gap": round(factor, 3)}))
    scored.sort(key=lambda x: (-x[0], x[1]))
    order = {n: i for i, n in enumerate(ch.nodes)}
    rows: list[dict[str, Any]] = []
    for priority, nid, s, status, components in scored[:limit] if limit else scored:
        node = ch.nodes[nid]
        clusters = _clusters_elsewhere(every.get(nid, []), out_of, CLUSTERS_SHOWN)
        rows.append({
            "id": nid, "name": node.name, "name_en": node.name_en, "stage": node.stage,
            "priority": priority, "reason": _reason(snap, r, s, status, neighbours[nid], clusters,
                                                    len(active.get(nid, ())), snap.national.get(nid, 0)),
            "status": status, "count": s.count, "lq": round(s.lq, 3), "components": components,
            "strong_elsewhere": [{"code": c, "name": snap.index.by_code[c].name, "count": n} for c, n in clusters],
            "strong_elsewhere_total": len(every.get(nid, [])) - sum(c in per_cluster.get(nid, {}) for c in out_of),
            "linked": [ch.nodes[n].name for n in sorted(neighbours[nid], key=lambda n: order.get(n, 0))],
            "national": snap.national.get(nid, 0), "recent_events": len(active.get(nid, ())),
        })
    return rows


def _reason(snap: Snapshot, r: Region, s: Any, status: str, linked: set[str], clusters: list[tuple[str, int]],
            events: int, national: int) -> str:
    ch = snap.chain
    parts = []
    if status == "absent":
        parts.append(f"absent: no organisation in {r.name} (nationwide {national})")
    else:
        parts.append(f"weak: {s.count} organisation(s) in {r.name}, LQ {s.lq:.2f} below the strong bar "
                     f"(LQ ≥ max(1, {s.lq_p75:.2f}) and count > {s.size_p25:g})")
    order = {n: i for i, n in enumerate(ch.nodes)}
    names = [ch.nodes[n].name for n in sorted(linked, key=lambda n: order.get(n, 0))]
    shown = "、".join(names[:4]) + (" …" if len(names) > 4 else "")
    parts.append(f"linked by flow to {len(linked)} node(s)" + (f" ({shown})" if names else ""))
    if clusters:
        top = "、".join(f"{snap.index.by_code[c].name} ({n})" for c, n in clusters[:3])
        parts.append(f"strong clusters elsewhere: {top}")
    else:
        parts.append("no strong cluster elsewhere")
    if snap.recent_since:
        parts.append(f"{events} recent event(s) since {snap.recent_since}")
    return "; ".join(parts)


def gaps(store: Any, region: str, limit: int | None = None) -> dict[str, Any]:
    """The absent or weak chain nodes of ``region``, highest priority first, each with its reason; JSON
    ``{"region", "gaps": [{"id", "name", "priority", "reason"}]}``."""
    snap = snapshot(store)
    r = snap.region(region)
    return {"region": region_brief(snap, r), "recent_since": snap.recent_since, "gaps": _gap_rows(snap, r, limit)}


def targets(store: Any, region: str, gap_count: int = 10, limit: int = 20, events_per_org: int = 3) -> dict[str, Any]:
    """Organisations outside ``region`` present in its top ``gap_count`` gaps, ranked by the priority of the gaps
    they fill and their recent activity, each with its recent events."""
    snap = snapshot(store)
    r = snap.region(region)
    top = _gap_rows(snap, r, gap_count)
    by_node = {g["id"]: g for g in top}
    scored: list[dict[str, Any]] = []
    for o in snap.orgs.values():
        if not o.lineage or r.code in o.lineage:
            continue
        filled = [by_node[n] for n in by_node if n in o.nodes]
        if not filled:
            continue
        filled.sort(key=lambda g: -g["priority"])
        recent = snap.recent(o.id)
        score = filled[0]["priority"] + 0.05 * (len(filled) - 1) + 0.05 * min(len(recent), 4)
        reason = "fills " + "、".join(f"{g['name']} ({g['status']}, priority {g['priority']:.2f})" for g in filled[:3])
        if len(filled) > 3:
            reason += f" and {len(filled) - 3} more"
        reason += f"; based in {o.region}"
        reason += f"; {len(recent)} recent event(s)" if recent else "; no recent event"
        shown = recent[:events_per_org] or snap.events_of.get(o.id, [])[:events_per_org]
        scored.append({"name": o.name, "id": o.id, "type": o.type, "region": o.region, "segments": o.segments,
                       "gaps": [g["id"] for g in filled], "score": round(score, 3), "reason": reason,
                       "recent_events": len(recent), "events": [_event_brief(e) for e in shown],
                       "evidence": "documents" if o.mentioned else "registry"})
    scored.sort(key=lambda x: (-float(x["score"]), -int(x["recent_events"]), str(x["name"])))
    return {"region": region_brief(snap, r), "gaps": [{"id": g["id"], "name": g["name"], "priority": g["priority"]}
                                                      for g in top],
            "targets": scored[:limit]}
