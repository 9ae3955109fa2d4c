"""Gaps (补链) of a region and the organisations to attract into them (招商).

A gap is a link that is absent or thin in the region and that the region's own chain needs: a link it has (any label
but absent: thin is present, only small) feeds it or takes from it along the chain's flow. A leading link is never a
gap.
Its priority combines that need, how central the link is in the flow, how much of it sits in the leading clusters
elsewhere and how active it was in recent events, scaled by how missing it is (see docs/methods.md).
"""
from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from typing import Any, Callable, Union

from ..reference.chain import Chain
from ..reference.regions import Region
from .chainmap import region_brief
from .snapshot import ACTIVITY_TYPES, EXPANSION_TYPES, Event, Org, Snapshot, check_as_of, snapshot
from .strength import labels, level_stats, peers, revenue_yi, weight

#: Weights of the priority of a gap (see docs/methods.md).
W_NEED = 0.35  # how much of the region's own chain the missing link serves
W_CENTRALITY = 0.20  # how central the node is in the chain's flow
W_CONCENTRATION = 0.25  # how much of it sits in leading clusters elsewhere (where to attract from)
W_ACTIVITY = 0.20  # how active it was in recent events nationwide
THIN_FACTOR = 0.7  # a thin link keeps 70 % of the weight of an absent one
WEIGHTS = {"need": W_NEED, "centrality": W_CENTRALITY, "concentration": W_CONCENTRATION, "activity": W_ACTIVITY}
#: Labels of the links a region has (thin is present, only small): a gap must be needed by one of these.
HELD = ("leading", "specialised", "present", "thin")
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
        out[nid] = linked - sub - set(ch.ancestors(nid))
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


def leading_clusters(snap: Snapshot, level: str, as_of: str | None = None
                     ) -> dict[str, list[tuple[str, int, float]]]:
    """Per chain node, the leading regions of ``level`` with their firm counts and sizes, the largest first."""
    memo = snap.at(as_of)
    key = ("leading_clusters", level)
    if key not in memo:
        lv = level_stats(snap, level, as_of)
        out: dict[str, list[tuple[str, int, float]]] = {nid: [] for nid in snap.chain.nodes}
        for nid in snap.chain.nodes:
            sizes = lv.sizes.get(nid, {})
            lead = [c for c, rk in lv.ranks.get(nid, {}).items() if rk <= lv.top[nid] and sizes[c] > lv.cutoff[nid]]
            lead.sort(key=lambda c: (-sizes[c], c))
            out[nid] = [(c, snap.counts[c].get(nid, 0), sizes[c]) for c in lead]
        memo[key] = out
    result: dict[str, list[tuple[str, int, float]]] = memo[key]
    return result


def _cluster_sums(snap: Snapshot, level: str, as_of: str | None = None
                  ) -> tuple[dict[str, int], dict[str, dict[str, int]]]:
    """Per chain node, the firms in all its leading clusters of ``level``, and the count per cluster."""
    memo = snap.at(as_of)
    key = ("cluster_sums", level)
    if key not in memo:
        every = leading_clusters(snap, level, as_of)
        memo[key] = ({nid: sum(n for _c, n, _s in v) for nid, v in every.items()},
                     {nid: {c: n for c, n, _s in v} for nid, v in every.items()})
    result: tuple[dict[str, int], dict[str, dict[str, int]]] = memo[key]
    return result


def _clusters_elsewhere(every: list[tuple[str, int, float]], out_of: set[str], limit: int | None
                        ) -> list[tuple[str, int, float]]:
    """The leading clusters of a node outside ``out_of``, largest first, at most ``limit``."""
    head = every if limit is None else every[:limit + len(out_of)]
    return [x for x in head if x[0] not in out_of][:limit]


def recent_activity(snap: Snapshot, as_of: str | None = None) -> dict[str, set[int]]:
    """Per chain node, the ids of the recent events (the 24 months up to ``as_of``; plans left out) of the activity
    types in which one of its chain firms took part."""
    memo = snap.at(as_of)
    if "activity" not in memo:
        active: dict[str, set[int]] = defaultdict(set)
        for o in snap.orgs.values():
            if not o.firm:
                continue
            recent = [e.id for e in snap.recent(o.id, as_of) if e.type in ACTIVITY_TYPES]
            if recent:
                for n in o.nodes:
                    active[n].update(recent)
        memo["activity"] = active
    result: dict[str, set[int]] = memo["activity"]
    return result


#: Leading clusters elsewhere listed per gap (the largest first); ``strong_elsewhere_total`` counts them all.
CLUSTERS_SHOWN = 10


def _gap_rows(snap: Snapshot, r: Region, limit: int | None = None, as_of: str | None = None,
              level: str | None = None) -> list[dict[str, Any]]:
    """The gap rows of region ``r``, highest priority first: the links absent or thin in the region that a link
    it has (any label but absent) feeds or takes from. With ``limit``, only the first ``limit`` rows (every priority is computed, the
    reasons and cluster lists only for the rows kept)."""
    ch = snap.chain
    neighbours = flow_neighbours(ch)
    level = level or r.level
    mine = labels(snap, r.code, as_of, level)
    out_of = _overlapping(snap, r)  # the region itself and the same-level regions sharing territory with it
    candidates = [nid for nid, n in ch.nodes.items() if n.stage not in SKIP_STAGES]
    every = leading_clusters(snap, level, as_of)
    sums, per_cluster = _cluster_sums(snap, level, as_of)
    conc = {nid: sums.get(nid, 0) - sum(per_cluster.get(nid, {}).get(c, 0) for c in out_of) for nid in candidates}
    active = recent_activity(snap, as_of)
    held = {nid for nid, s in mine.items() if s.label in HELD and ch.nodes[nid].stage not in SKIP_STAGES}
    need = {nid: _distinct_links(ch, neighbours[nid] & held) for nid in candidates}
    max_n = max((len(need[n]) for n in candidates), default=0) or 1
    max_c = max((len(neighbours[n]) for n in candidates), default=0) or 1
    max_k = max((conc[n] for n in candidates), default=0) or 1
    max_a = max((len(active.get(n, ())) for n in candidates), default=0) or 1
    scored: list[tuple[float, str, Any, str, dict[str, float]]] = []
    for nid in candidates:
        s = mine[nid]
        if s.label not in ("absent", "thin") or not need[nid]:
            continue  # held by the region, or nothing of its own chain needs it
        status, factor = ("absent", 1.0) if s.label == "absent" else ("thin", THIN_FACTOR)
        needed = len(need[nid]) / max_n
        centrality = len(neighbours[nid]) / max_c
        concentration = conc[nid] / max_k
        activity = len(active.get(nid, ())) / max_a
        priority = factor * (W_NEED * needed + W_CENTRALITY * centrality + W_CONCENTRATION * concentration
                             + W_ACTIVITY * activity)
        scored.append((round(priority, 3), nid, s, status, {
            "need": round(needed, 3), "centrality": round(centrality, 3), "concentration": round(concentration, 3),
            "activity": round(activity, 3), "gap": round(factor, 3)}))
    scored.sort(key=lambda x: (-x[0], x[1]))
    order = {n: i for i, n in enumerate(ch.nodes)}
    since = snap.since(as_of)
    rows: list[dict[str, Any]] = []
    for priority, nid, s, status, components in scored[:limit] if limit else scored:
        node = ch.nodes[nid]
        clusters = _clusters_elsewhere(every.get(nid, []), out_of, CLUSTERS_SHOWN)
        needed_by = sorted(need[nid], key=lambda n: order.get(n, 0))
        rows.append({
            "id": nid, "name": node.name, "name_en": node.name_en, "stage": node.stage,
            "priority": priority, "reason": _reason(snap, r, s, status, needed_by, clusters,
                                                    len(active.get(nid, ())), snap.national.get(nid, 0), since),
            "status": status, "label": s.label, "count": s.count, "size": round(s.size, 2), "lq": round(s.lq, 3),
            "components": components, "weights": dict(WEIGHTS),
            "needed_by": [{"id": n, "name": ch.nodes[n].name, "label": mine[n].label} for n in needed_by],
            "strong_elsewhere": [{"code": c, "name": snap.index.by_code[c].name, "count": n, "size": round(z, 2)}
                                 for c, n, z in clusters],
            "strong_elsewhere_total": len(every.get(nid, [])) - sum(c in per_cluster.get(nid, {}) for c in out_of),
            "linked": [ch.nodes[n].name for n in sorted(neighbours[nid], key=lambda n: order.get(n, 0))],
            "national": snap.national.get(nid, 0), "recent_events": len(active.get(nid, ())),
        })
    return rows


@lru_cache(maxsize=8)
def _ancestors(ch: Chain) -> dict[str, frozenset[str]]:
    return {nid: frozenset(ch.ancestors(nid)) for nid in ch.nodes}


def _distinct_links(ch: Chain, nodes: set[str]) -> list[str]:
    """``nodes`` less the ones with one of their sub-segments among them (a parent and its child are one link)."""
    above = _ancestors(ch)
    parents = {a for m in nodes for a in above[m]}
    return sorted(n for n in nodes if n not in parents)


def _reason(snap: Snapshot, r: Region, s: Any, status: str, needed_by: list[str],
            clusters: list[tuple[str, int, float]], events: int, national: int, since: str | None) -> str:
    ch = snap.chain
    parts = []
    if status == "absent":
        parts.append(f"absent: no chain firm in {r.name} (nationwide {national})")
    else:
        parts.append(f"thin: {s.count} firm(s) in {r.name}, size {s.size:.1f} below the median {s.size_median:.1f} "
                     f"of the regions that have it")
    names = [ch.nodes[n].name for n in needed_by]
    shown = "、".join(names[:4]) + (" …" if len(names) > 4 else "")
    parts.append(f"needed by {len(names)} link(s) {r.name} holds ({shown})")
    if clusters:
        top = "、".join(f"{snap.index.by_code[c].name} ({n} firm(s), size {z:.1f})" for c, n, z in clusters[:3])
        parts.append(f"leading suppliers elsewhere, largest first: {top}")
    else:
        parts.append("no leading cluster elsewhere")
    if since:
        parts.append(f"{events} recent event(s) since {since}")
    return "; ".join(parts)


def gaps(store: Any, region: str, limit: int | None = None, as_of: str | None = None) -> dict[str, Any]:
    """The absent or thin links of ``region`` that its own chain needs, highest priority first, each with its
    reason; JSON ``{"region", "as_of", "recent_since", "gaps": [{"id", "name", "priority", "reason", ...}]}``."""
    as_of = check_as_of(as_of)
    snap = snapshot(store)
    r = snap.region(region)
    return {"region": region_brief(snap, r), "as_of": as_of or snap.as_of, "recent_since": snap.since(as_of),
            "gaps": _gap_rows(snap, r, limit, as_of)}


#: Weights of a target's score: its fit to the gap, its scale, and its recent expansion.
T_FIT, T_SCALE, T_EXPANSION = 0.5, 0.25, 0.25
EXPANSION_FULL = 3  # expansion events in the last 24 months that give the full expansion score
REVENUE_FULL_YI = 1000.0  # the revenue (亿元) that gives the full scale score, on a log scale


def expansion(snap: Snapshot, o: Org, as_of: str | None = None) -> list[Event]:
    """The firm's recent expansion: investment, signed projects, financing, production starts, foundings and
    acquisitions it took part in, in the 24 months up to ``as_of`` (plans left out)."""
    return [e for e in snap.recent(o.id, as_of) if e.type in EXPANSION_TYPES]


def scale_score(o: Org) -> float:
    """0..1: log10(1 + revenue in 亿元) over log10(1 + 1000), plus 0.1 when listed (at most 1). A 3亿 firm scores
    about 0.2, a 13亿 firm 0.38, a 140亿 firm 0.72, a 1000亿 firm 1."""
    import math

    return min(1.0, math.log10(1.0 + revenue_yi(o)) / math.log10(1.0 + REVENUE_FULL_YI) + (0.1 if o.listed else 0.0))


def _scale_words(snap: Snapshot, o: Org, as_of: str | None) -> str:
    bits = ["listed" if o.listed else "unlisted"]
    if o.revenue_yi is not None:
        bits.append(f"revenue about {o.revenue_yi:g} 亿元 a year")
    elif o.revenue_band:
        bits.append(f"revenue {o.revenue_band} 亿元 a year")
    elif o.origin == "reference" and o.ref_id:
        bits.append("revenue not public (counted at the registry's median)")
    cny = snap.investment_until(o.id, as_of)
    if cny:
        bits.append(f"in investments of {cny / 1e8:,.1f} 亿元")
    return "scale: " + ", ".join(bits)


def _distinct(events: list[Event]) -> list[Event]:
    """Events less repeats of one kind, day and page (one happening told twice on a page)."""
    seen: set[tuple[Any, ...]] = set()
    out = []
    for e in events:
        key = (e.type, e.date, e.doc_id)
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out


#: A firm's fit: its value, and its words (or what makes them, asked only for the firms shown).
Fit = tuple[float, Union[str, Callable[[], str]]]


def rank_firms(snap: Snapshot, pool: list[Org], fit: dict[int, Fit], as_of: str | None,
               limit: int | None, events_per_org: int = 3) -> list[dict[str, Any]]:
    """Firms of ``pool`` that have a ``fit`` (its value, and its words), ranked by 0.5 · fit + 0.25 · scale + 0.25 ·
    recent expansion; one member per corporate group (the best), the others named under it. The scores are
    computed for the whole pool; the rows, with their words and events, only for the firms shown."""
    memo = snap.at(as_of)
    grown: dict[int, list[Event]] = memo.setdefault("expansion", {})
    scales: dict[int, float] = snap.memo.setdefault("scale_score", {})
    scored: list[tuple[float, int, str, int, Org]] = []
    for i, o in enumerate(pool):
        grow = grown.get(o.id)
        if grow is None:
            grow = grown[o.id] = _distinct(expansion(snap, o, as_of))
        scale_part = scales.get(o.id)
        if scale_part is None:
            scale_part = scales[o.id] = scale_score(o)
        exp_part = min(len(grow), EXPANSION_FULL) / EXPANSION_FULL
        score = T_FIT * fit[o.id][0] + T_SCALE * scale_part + T_EXPANSION * exp_part
        scored.append((-score, -len(grow), o.name, i, o))
    scored.sort(key=lambda x: x[:4])  # the pool's order breaks the last ties
    from .attract import one_per_group

    return one_per_group(((x[4], None) for x in scored), limit, lambda o, _: _firm_row(
        snap, o, fit[o.id], grown[o.id], scales[o.id], as_of, events_per_org))


def _firm_row(snap: Snapshot, o: Org, fit: Fit, grow: list[Event], scale_part: float,
              as_of: str | None, events_per_org: int) -> dict[str, Any]:
    """One ranked firm: its score, the score's factors and words, its recent events."""
    f, words_of = fit
    fit_words = words_of() if callable(words_of) else words_of
    exp_part = min(len(grow), EXPANSION_FULL) / EXPANSION_FULL
    score = T_FIT * f + T_SCALE * scale_part + T_EXPANSION * exp_part
    words = [fit_words, _scale_words(snap, o, as_of)]
    if grow:
        shown = "、".join(f"{e.type} {e.date}" for e in grow[:2])
        words.append(f"{len(grow)} expansion event(s) in the last 24 months ({shown})")
    else:
        words.append("no expansion event in the last 24 months")
    if o.region:
        words.append(f"based in {o.region}")
    recent = _distinct(snap.recent(o.id, as_of))
    shown_events = recent[:events_per_org] or _distinct(snap.events_of.get(o.id, []))[:events_per_org]
    return {
        "name": o.name, "id": o.id, "type": o.type, "region": o.region, "segments": o.segments,
        "group": None if o.group.startswith("#") else o.group, "score": round(score, 3),
        "factors": {"fit": round(f, 3), "scale": round(scale_part, 3), "expansion": round(exp_part, 3)},
        "reason": "; ".join(words), "recent_events": len(recent), "expansion_events": len(grow),
        "events": [_event_brief(e) for e in shown_events],
        "evidence": "documents" if o.mentioned else "registry"}


def _fills(filled: list[dict[str, Any]]) -> str:
    """The words of a target's fit: the gaps it fills, highest priority first."""
    words = "fills " + "、".join(f"{g['name']} ({g['status']} here, priority {g['priority']:.2f})" for g in filled[:3])
    if len(filled) > 3:
        words += f" and {len(filled) - 3} more"
    return words


def targets(store: Any, region: str, gap_count: int = 10, limit: int = 20, events_per_org: int = 3,
            as_of: str | None = None) -> dict[str, Any]:
    """Chain firms outside ``region`` in its top ``gap_count`` gaps, ranked by their fit to the gap (its
    priority), their scale and their recent expansion; one per corporate group; each score explained in words,
    with the firm's recent events. Research and support organisations are never targets."""
    as_of = check_as_of(as_of)
    snap = snapshot(store)
    r = snap.region(region)
    return snap.answer(as_of, ("targets", r.code, gap_count, limit, events_per_org),
                       lambda: _targets(snap, r, gap_count, limit, events_per_org, as_of))


def _targets(snap: Snapshot, r: Region, gap_count: int, limit: int, events_per_org: int, as_of: str | None
             ) -> dict[str, Any]:
    from . import attract

    top = _gap_rows(snap, r, gap_count, as_of)
    fs = attract.firms(snap, scale_score)
    grown: dict[int, list[Event]] = snap.at(as_of).setdefault("expansion", {})

    def grow(o: Org) -> list[Event]:
        hit = grown.get(o.id)
        if hit is None:
            hit = grown[o.id] = _distinct(expansion(snap, o, as_of))
        return hit

    exp = attract.expansion_counts(snap, fs, as_of, grow)
    pos, fit, _score = attract.ranked_positions(snap, fs, r, top, exp, (T_FIT, T_SCALE, T_EXPANSION), EXPANSION_FULL)
    ranked = attract.walk(fs, pos, fit, top, limit,
                          lambda o, f: _firm_row(snap, o, f, grow(o), float(fs.scale[fs.pos[o.id]]), as_of,
                                                 events_per_org), _fills)
    for row in ranked:
        row["gaps"] = [g["id"] for g in top if g["id"] in snap.orgs[row["id"]].nodes]
    return {"region": region_brief(snap, r), "as_of": as_of or snap.as_of,
            "gaps": [{"id": g["id"], "name": g["name"], "priority": g["priority"]} for g in top],
            "targets": ranked}
