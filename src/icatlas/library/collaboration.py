"""The collaboration views: alliances, shared resources, talent, policies and targets, and the collaboration of a
region or an organisation in short.

Every view's data is what :mod:`icatlas.analytics.collab` answers, with two additions: each evidence item gets an
``href`` (``/documents/{doc_id}#m-{start}``, the anchor the document page puts at the evidence's start) and the view
carries the ``labels`` of the chain segments it names. :func:`region_collab` and :func:`org_collab` give the short
summaries the region and organisation views show.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any
from urllib.parse import quote, urlencode

from ..analytics.collab import RANK_ZH, alliances, compare_policies, policies, resources, talent, targets
from ..analytics.collab import alliance as find_alliance
from ..analytics.collab.alliances import DIRECTOR_RANKS, Alliances, member_seats
from ..errors import NotFound, UsageError
from ..reference.chain import chain
from ..store import Store

#: How many items a region or organisation summary lists of each kind (the counts cover them all).
SHORT = 5


# -- the pages -------------------------------------------------------------------------------------------------
def alliances_page(store: Store, region: str | None = None) -> dict[str, Any]:
    items = alliances(store, region=region)
    for a in items:
        a["href"] = alliance_href(a["name"])
    return _finish({"filters": {"region": region}, "count": len(items), "alliances": items})


def alliance_page(store: Store, name: str) -> dict[str, Any]:
    a = find_alliance(store, name)
    if a is None:
        raise NotFound(f"no alliance or association called {name!r}", "see the list of alliances at /alliances")
    a["href"] = alliance_href(a["name"])
    for m in a["members"] + a["director_units"]:
        # the page's own wording of the seat, when it says more than the rank (首批理事长单位)
        m["role_extra"] = m["role"] if m["role"] and m["role"] != RANK_ZH.get(m["rank"]) else None
    return _finish({"alliance": a}, segments_of=a["resources"])


def resources_page(store: Store, region: str | None = None, segment: str | None = None,
                   alliance: str | None = None) -> dict[str, Any]:
    if alliance and find_alliance(store, alliance) is None:
        raise NotFound(f"no alliance or association called {alliance!r}", "see the list of alliances at /alliances")
    items = resources(store, region=region, segment=segment, alliance=alliance)
    by_kind: dict[str, int] = defaultdict(int)
    for x in items:
        by_kind[x["kind"]] += 1
    return _finish({"filters": {"region": region, "segment": segment, "alliance": alliance},
                    "count": len(items), "kinds": dict(by_kind), "resources": items,
                    "choices": _choices(store)}, segments_of=items)


def talent_page(store: Store, region: str | None = None) -> dict[str, Any]:
    items = talent(store, region=region)
    regions: dict[str, list[dict[str, Any]]] = {}
    for x in sorted(items, key=lambda x: (x["date"] or "", x["kind"] or "")):
        regions.setdefault(x["region"] or "", []).append(x)
    groups = [{"region": k or None, "count": len(v), "entries": v}
              for k, v in sorted(regions.items(), key=lambda kv: (-len(kv[1]), kv[0]))]
    return _finish({"filters": {"region": region}, "count": len(items), "regions": groups})


def policies_page(store: Store, region: str | None = None, segment: str | None = None, a: str | None = None,
                  b: str | None = None) -> dict[str, Any]:
    if bool(a) != bool(b):
        raise UsageError("comparing policies needs two regions", "give both, as in /policies?a=苏州&b=无锡")
    cmp = compare_policies(store, a, b, segment=segment) if a and b else None
    items = policies(store, region=region, segment=segment)
    return _finish({"filters": {"region": region, "segment": segment, "a": a, "b": b}, "count": len(items),
                    "policies": items, "compare": cmp, "choices": _choices(store, with_alliances=False)},
                   segments_of=items + (cmp["segments"] if cmp else []))


def goals_page(store: Store, region: str | None = None, subject: str | None = None) -> dict[str, Any]:
    items = targets(store, region=region, subject=subject)
    # subjects with later figures first, then by region and name
    items.sort(key=lambda s: not any(x["actuals"] for x in s["targets"]))
    for s in items:
        s["href"] = f"/orgs/{s['entity_id']}" if s["entity_id"] is not None else None
        for x in s["targets"]:
            for row in x["actuals"]:
                row["percent"] = _percent(row["progress"])
            x["percent"] = _percent(x["progress"])
    n = sum(len(s["targets"]) for s in items)
    tracked = sum(1 for s in items for x in s["targets"] if x["actuals"])
    return _finish({"filters": {"region": region, "subject": subject}, "count": n, "tracked": tracked,
                    "subjects": items})


def _percent(p: float | None) -> float | None:
    return None if p is None else round(100 * p, 1)


def alliance_href(name: str) -> str:
    return "/alliances/" + quote(str(name), safe="")


def _choices(store: Store, with_alliances: bool = True) -> dict[str, Any]:
    """What the filter forms offer: chain segments (two levels) and the alliances."""
    ch = chain()
    segs = []
    for top in ch.children.get(None, []):
        segs.append({"id": top, "name": ch.nodes[top].name, "name_en": ch.nodes[top].name_en, "depth": 0})
        for sub in ch.children.get(top, []):
            segs.append({"id": sub, "name": ch.nodes[sub].name, "name_en": ch.nodes[sub].name_en, "depth": 1})
    out: dict[str, Any] = {"segments": segs}
    if with_alliances:
        out["alliances"] = sorted({str(a["name"]) for a in alliances(store)})
    return out


# -- region and organisation summaries -------------------------------------------------------------------------
def region_collab(store: Store, name: str) -> dict[str, Any]:
    """The collaboration of region ``name`` in short, for a section of its page: ``{"region", "alliances",
    "resources", "policies", "talent", "goals"}``, each ``{"count", "top" (at most 5), "href"}`` (the full page,
    filtered to the region)."""
    al = alliances(store, region=name)
    for a in al:
        a["href"] = alliance_href(a["name"])
    res = resources(store, region=name)
    pol = policies(store, region=name)
    tal = sorted(talent(store, region=name), key=lambda x: x["date"] or "", reverse=True)
    goals = _goal_rows(targets(store, region=name))
    q = "?" + urlencode({"region": name})
    out = {"region": name,
           "alliances": {"count": len(al), "top": al[:SHORT], "href": "/alliances" + q},
           "resources": {"count": len(res), "top": res[:SHORT], "href": "/resources" + q},
           "policies": {"count": len(pol), "top": pol[:SHORT], "href": "/policies" + q},
           "talent": {"count": len(tal), "top": tal[:SHORT], "href": "/talent" + q},
           "goals": {"count": len(goals), "top": goals[:SHORT], "href": "/goals" + q}}
    return _finish(out)


def org_collab(store: Store, org_id: int) -> dict[str, Any]:
    """The collaboration of organisation ``org_id``: ``{"org_id", "name", "alliances": [{"name", "href", "rank",
    "role", "leads", "evidence"}], "leads": [same, director units only], "resources": [resource], "policies":
    [policy], "talent": [item], "goals": [row], "count"}``; an alliance the organisation is itself lists it with
    rank ``self``."""
    data = Alliances(store)
    names = data.names
    me = names.by_id.get(org_id)
    if me is None:
        raise NotFound(f"no organisation {org_id}", "see the organisations of a region page")
    mine: list[dict[str, Any]] = []
    for g in data.groups.values():
        if g["entity"] is not None and g["entity"]["id"] == org_id:
            mine.append({"name": g["name"], "href": alliance_href(g["name"]), "rank": "self", "role": None,
                         "leads": False, "evidence": [r.evidence() for r in g["records"][:1]]})
            continue
        for m in member_seats(g, names):
            if m["entity_id"] == org_id:
                mine.append({"name": g["name"], "href": alliance_href(g["name"]), "rank": m["rank"],
                             "role": m["role"], "leads": m["rank"] in DIRECTOR_RANKS, "evidence": m["evidence"]})
    res = [x for x in resources(store) if org_id in (x["entity_id"], x["host_entity_id"])]
    pol = [x for x in policies(store) if x["issuer_entity_id"] == org_id]
    my_name = str(me["name"])
    tal = [x for x in talent(store) if x["subject"] == my_name]
    goals = _goal_rows([s for s in targets(store) if s["entity_id"] == org_id])
    out = {"org_id": org_id, "name": my_name, "alliances": mine, "leads": [a for a in mine if a["leads"]],
           "resources": res, "policies": pol, "talent": tal, "goals": goals,
           "count": len(mine) + len(res) + len(pol) + len(tal) + len(goals)}
    return _finish(out, segments_of=res)


def _goal_rows(subjects: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per target: ``{"subject", "entity_id", "metric", "value", "unit", "year", "latest", "progress",
    "percent", "evidence"}``."""
    rows = []
    for s in subjects:
        for x in s["targets"]:
            rows.append({"subject": s["subject"], "entity_id": s["entity_id"], "metric": x["metric"],
                         "what": x["what"], "value": x["value"], "unit": x["unit"], "year": x["year"],
                         "latest": x["latest"], "progress": x["progress"], "percent": _percent(x["progress"]),
                         "evidence": x["evidence"]})
    rows.sort(key=lambda r: (r["progress"] is None, -(r["progress"] or 0)))
    return rows


# -- evidence links and labels ---------------------------------------------------------------------------------
def _finish(data: dict[str, Any], segments_of: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """Add an ``href`` to every evidence item and the names of the segments the items name."""
    found: list[dict[str, Any]] = []
    _collect(data, found)
    for e in found:
        e["href"] = evidence_href(e)
    if segments_of is not None:
        data["labels"] = segment_labels(s for x in segments_of for s in (x.get("segments") or []))
    return data


def _collect(obj: Any, out: list[dict[str, Any]]) -> None:
    if isinstance(obj, dict):
        if "doc_id" in obj and "span" in obj and isinstance(obj.get("span"), (list, tuple)):
            out.append(obj)
        for v in obj.values():
            _collect(v, out)
    elif isinstance(obj, list):
        for v in obj:
            _collect(v, out)


def evidence_href(e: dict[str, Any]) -> str:
    """``/documents/{doc_id}#m-{start}``: the document page anchors the start of every collaboration record's, event's
    and figure's evidence, and highlights the sentence holding it."""
    return f"/documents/{int(e['doc_id'])}#m-{int(e['span'][0])}"


def segment_labels(ids: Any) -> dict[str, dict[str, str]]:
    """``{id: {"name", "name_en"}}`` of the chain nodes ``ids`` (unknown ids keep the id as their name)."""
    ch = chain()
    out = {}
    for i in ids:
        n = ch.nodes.get(i)
        out[i] = {"name": n.name if n else i, "name_en": (n.name_en or n.name) if n else i}
    return out
