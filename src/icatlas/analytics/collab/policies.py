"""Policy records: issuer, region, date, title, measures, segments and amounts; two regions side by side."""
from __future__ import annotations

from typing import Any

from ...errors import NotFound
from ...extract.collab import MEASURES
from ...money import to_cny
from ...reference.regions import regions as _regions
from ...store.reading import StoreLike
from .base import Names, load, norm, region_in, segment_nodes, within

MEASURE_NAMES = tuple(MEASURES)
MEASURE_ZH = {"subsidy": "补贴奖励", "fund": "基金", "land": "用地", "talent": "人才", "tax": "税收", "finance": "金融",
              "rent": "租金"}


def _cny(amounts: list[dict[str, Any]]) -> float:
    total = 0.0
    for a in amounts:
        v = to_cny(a.get("value"), a.get("currency"))
        total += v or 0.0
    return total


def policies(store: StoreLike, region: str | None = None, segment: str | None = None) -> list[dict[str, Any]]:
    """Policy records, newest first: one per policy however many pages report it (same title, else same issuer and
    date).

    ``region`` keeps the policies of the region or a region inside it (苏州 → 苏州市, 苏州工业园区 …); ``segment``
    keeps those naming the chain node or a node under it, and those naming no segment at all, which apply to the
    whole chain (``chain_wide`` true). Each item: ``{"title", "issuer", "issuer_entity_id", "region", "date",
    "measures": [subsidy | fund | land | talent | tax | finance | rent], "segments", "chain_wide", "amounts":
    [{"value", "currency", "text"}], "amount_cny", "documents", "evidence": [evidence]}``."""
    names = Names(store)
    regions = within(region)
    nodes = segment_nodes(segment)
    grouped: dict[str, dict[str, Any]] = {}
    for r in load(store, ("policy",)):
        a = r.attrs
        issuer = names.entity(a.get("issuer")) if a.get("issuer") else None
        key = f"t{norm(a.get('title'))}" if a.get("title") else f"i{norm(a.get('issuer'))}|{r.region}|{r.date}"
        item = grouped.get(key)
        if item is None:
            item = grouped[key] = {
                "title": a.get("title"), "issuer": issuer["name"] if issuer else a.get("issuer"),
                "issuer_entity_id": issuer["id"] if issuer else None, "region": r.region, "date": r.date,
                "measures": list(a.get("measures") or []), "segments": list(a.get("segments") or []),
                "amounts": list(a.get("amounts") or []), "documents": set(), "evidence": []}
        else:
            item["measures"] = list(dict.fromkeys(item["measures"] + list(a.get("measures") or [])))
            item["segments"] = list(dict.fromkeys(item["segments"] + list(a.get("segments") or [])))
            if len(a.get("amounts") or []) > len(item["amounts"]):
                item["amounts"] = list(a["amounts"])
            item["date"] = min(filter(None, [item["date"], r.date]), default=None)
        item["documents"].add(r.doc_id)
        item["evidence"].append(r.evidence())
    out = []
    for item in grouped.values():
        item["documents"] = len(item["documents"])
        item["chain_wide"] = not item["segments"]
        item["amount_cny"] = _cny(item["amounts"])
        if not region_in(item["region"], regions):
            continue
        if nodes is not None and not item["chain_wide"] and not set(item["segments"]) & nodes:
            continue
        out.append(item)
    return sorted(out, key=lambda x: (x["date"] or "", x["title"] or ""), reverse=True)


def compare_policies(store: StoreLike, a: str, b: str, segment: str | None = None) -> dict[str, Any]:
    """Two regions' policies side by side, by measure and by segment.

    ``{"a": {"region", "policies", "amount_cny"}, "b": {...}, "measures": [{"measure", "name", "a": [ref], "b":
    [ref]}], "segments": [{"segment", "a": [ref], "b": [ref]}], "only_a": [measure], "only_b": [measure]}``; a ref is
    ``{"title", "issuer", "date", "amounts", "evidence"}`` (its first evidence); ``measures`` lists every measure
    of the lexicon, in its order, with the policies of each side that take it."""
    idx = _regions()
    sides = {}
    for side, query in (("a", a), ("b", b)):
        r = idx.get(query) or idx.resolve(query)
        if r is None:
            raise NotFound(f"no region called {query!r}", "try a name such as 苏州, 苏州市, 长三角 or Suzhou")
        sides[side] = (r.name, policies(store, region=query, segment=segment))

    def ref(p: dict[str, Any]) -> dict[str, Any]:
        return {"title": p["title"], "issuer": p["issuer"], "date": p["date"], "amounts": p["amounts"],
                "evidence": p["evidence"][0] if p["evidence"] else None}

    measures = []
    for m in MEASURE_NAMES:
        measures.append({"measure": m, "name": MEASURE_ZH.get(m, m),
                         "a": [ref(p) for p in sides["a"][1] if m in p["measures"]],
                         "b": [ref(p) for p in sides["b"][1] if m in p["measures"]]})
    segs = sorted({s for _n, ps in sides.values() for p in ps for s in p["segments"]})
    segments = [{"segment": s, "a": [ref(p) for p in sides["a"][1] if s in p["segments"]],
                 "b": [ref(p) for p in sides["b"][1] if s in p["segments"]]} for s in segs]
    out: dict[str, Any] = {side: {"region": name, "policies": len(ps), "amount_cny": sum(p["amount_cny"] for p in ps)}
                           for side, (name, ps) in sides.items()}
    out["measures"] = measures
    out["segments"] = segments
    out["only_a"] = [x["measure"] for x in measures if x["a"] and not x["b"]]
    out["only_b"] = [x["measure"] for x in measures if x["b"] and not x["a"]]
    return out
