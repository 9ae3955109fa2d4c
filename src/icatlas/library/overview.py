"""The views of the map: the home view (counts, a chain segment's strength per province, the newest events and
documents), a region (its chain map, gaps, complementary regions, timeline, events, organisations, collaboration)
and a chain segment (its spread over the provinces and its organisations)."""
from __future__ import annotations

import copy
from collections import Counter
from typing import Any

from ..analytics import chain_map, gaps
from ..analytics.snapshot import Org, snapshot
from ..analytics.strength import labels, strength
from ..analytics.timelines import region_events, timeline
from ..errors import NotFound
from ..store import Store
from ..store.state import per_version
from .base import segments
from .collaboration import region_collab
from .lists import documents_page

#: The segment the home view shows when none is asked for.
DEFAULT_SEGMENT = "manufacturing"


def province_strength(store: Store, node: str, as_of: str | None = None) -> list[dict[str, Any]]:
    """Per province: its map name (short form), chain firms, size, rank, LQ and label in chain node ``node``, as of
    ``as_of`` (default today)."""
    from ..analytics.snapshot import check_as_of

    as_of = check_as_of(as_of)
    snap = snapshot(store)
    if node not in snap.chain.nodes:
        raise NotFound(f"no chain segment {node!r}", "pick one from the list on the home page")
    out: list[dict[str, Any]] = []
    for r in snap.index.by_code.values():
        if r.level != "province":
            continue
        s = strength(snap, r.code, node, as_of)
        out.append({"code": r.code, "name": r.name, "short": r.short or r.name, "name_en": r.name_en,
                    "count": s.count, "size": round(s.size, 2), "rank": s.rank, "lq": round(s.lq, 3),
                    "strong": s.strong, "label": s.label, "status": s.label,
                    "organizations": snap.totals.get(r.code, 0)})
    out.sort(key=lambda p: (-p["size"], -p["organizations"], p["code"]))
    return out


def subregions(store: Store, code: str) -> list[dict[str, Any]]:
    """The regions directly under region ``code`` (its cities, or its districts) and the parks and zones in it, each
    with its chain firms, research and support organisations, and map point; the most firms first."""
    snap = snapshot(store)
    r = snap.index.get(code)
    if r is None or r.level == "group":
        return []
    key = ("subregions", code)
    if key in snap.memo:
        return list(snap.memo[key])
    every = snap.index.by_code.values()
    kids = {x.code for x in every if x.parent == code and x.level != "zone"}
    out: list[dict[str, Any]] = []
    for x in every:
        inside = x.code in kids or (x.level == "zone" and (x.parent == code or x.parent in kids))
        ids = snap.by_region.get(x.code, []) if inside else []
        if not ids:
            continue
        out.append({"code": x.code, "name": x.name, "name_en": x.name_en, "level": x.level,
                    "firms": snap.totals.get(x.code, 0), "support": sum(1 for i in ids if not snap.orgs[i].firm),
                    "lon": x.lon, "lat": x.lat})
    named = {s["name"] for s in out if s["level"] != "zone"}
    out = [s for s in out if s["level"] != "zone" or s["name"] not in named]  # 苏州工业园区: a district and a zone
    out.sort(key=lambda s: (s["level"] == "zone", -s["firms"], -s["support"], s["code"]))
    snap.memo[key] = out
    return list(out)


def _distinct_points(subs: list[dict[str, Any]]) -> int:
    """How many distinct map points the sub-regions (not zones) have: districts share their city's point."""
    return len({(s["lon"], s["lat"]) for s in subs if s["level"] != "zone" and s["lon"] is not None})


def home_page(store: Store, segment: str | None, as_of: str | None = None) -> dict[str, Any]:
    """The counts of the store, chain segment ``segment`` (else the default) province by province, the ten newest
    events and the twenty newest documents."""
    segs = segments(store)
    ids = {s["id"] for s in segs}
    seg = segment if segment in ids else (DEFAULT_SEGMENT if DEFAULT_SEGMENT in ids else (segs[0]["id"] if segs else ""))
    # the counts and the newest events change only with the store: read once per store version
    return {"stats": copy.deepcopy(per_version(store, "stats", store.stats)), "segment": seg, "segments": segs,
            "provinces": province_strength(store, seg, as_of) if seg else [],
            "events": copy.deepcopy(per_version(store, "events10", lambda: store.events(limit=10))),
            "documents": documents_page(store)["documents"][:20]}


def org_summary(o: Org) -> dict[str, Any]:
    """An organisation in a list: id, name, type, region, segments, documents and its evidence (documents or the
    registry)."""
    return {"id": o.id, "name": o.name, "type": o.type, "region": o.region, "segments": o.segments,
            "documents": o.documents, "evidence": "documents" if o.mentioned else "registry"}


def region_page(store: Store, name: str, as_of: str | None = None) -> dict[str, Any]:
    """Region ``name``: its chain map, top gaps, the regions strong where it has them, timeline, events, the
    organisations located there (first 100) and its collaboration in short."""
    snap = snapshot(store)
    r = snap.region(name)
    cmap = chain_map(store, r.code, evidence_per_org=1, as_of=as_of)
    subs = subregions(store, r.code)
    g = gaps(store, r.code, limit=10, as_of=as_of)
    # complementary regions: strong where this region has its top gaps
    comp: Counter[str] = Counter()
    fills: dict[str, list[str]] = {}
    for gap in g["gaps"]:
        for c in gap.get("strong_elsewhere", []):
            comp[c["name"]] += 1
            fills.setdefault(c["name"], []).append(gap["name"])
    complements = [{"name": n, "gaps_filled": k, "segments": fills[n]} for n, k in comp.most_common(10)]
    orgs = sorted((snap.orgs[i] for i in snap.by_region.get(r.code, [])),
                  key=lambda o: (not o.mentioned, -o.documents, o.name))
    return {"region": cmap["region"], "nodes": cmap["nodes"], "gaps": g["gaps"], "recent_since": g["recent_since"],
            "labels": cmap["labels"], "subregions": subs, "city_points": _distinct_points(subs) >= 2,
            "complements": complements, "timeline": timeline(store, r.code, as_of=as_of)["periods"], "as_of": g["as_of"],
            "events": region_events(store, r.code, limit=30), "organizations": [org_summary(o) for o in orgs[:100]],
            "organizations_total": len(orgs), "collab": region_collab(store, r.name)}


def segment_page(store: Store, node: str) -> dict[str, Any]:
    """Chain segment ``node``: its place in the chain, its spread over the provinces and its organisations (first
    50)."""
    snap = snapshot(store)
    n = snap.chain.nodes.get(node)
    if n is None:
        raise NotFound(f"no chain segment {node!r}", "see the segment list on the home page")
    spread = [p for p in province_strength(store, node) if p["count"]]
    orgs = sorted((o for o in snap.orgs.values() if node in o.nodes and o.region_code),
                  key=lambda o: (not o.mentioned, -o.documents, o.name))

    def named(i: str) -> str:
        return snap.chain.nodes[i].name if i in snap.chain.nodes else i
    return {"segment": {"id": node, "name": n.name, "name_en": n.name_en, "stage": n.stage, "parent": n.parent,
                        "stage_name": named(n.stage), "parent_name": named(n.parent) if n.parent else None,
                        "children": [{"id": c, "name": snap.chain.nodes[c].name}
                                     for c in snap.chain.children.get(node, [])],
                        "national": snap.national.get(node, 0)},
            "spread": spread, "organizations": [org_summary(o) for o in orgs[:50]], "organizations_total": len(orgs)}
