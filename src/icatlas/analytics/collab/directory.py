"""The directory of shared research resources and the talent items of each region."""
from __future__ import annotations

from typing import Any

from ...store.reading import StoreLike
from .base import Names, load, norm, region_in, segment_nodes, within

#: Kinds of shared resources, as the extractor names them.
RESOURCE_KINDS = ("national_key_lab", "key_lab", "lab", "engineering_center", "innovation_center", "innovation_base",
                  "pilot_line", "test_platform", "design_platform", "service_platform", "other")
TALENT_KINDS = ("figure", "training", "competition", "award")


def _in_segments(segments: list[str], nodes: set[str] | None) -> bool:
    return nodes is None or bool(set(segments) & nodes)


def resources(store: StoreLike, region: str | None = None, segment: str | None = None,
              alliance: str | None = None) -> list[dict[str, Any]]:
    """Shared research resources (national key labs, labs, engineering centres, pilot lines, public test and design
    platforms, 芯火 bases, innovation centres), one per resource however many pages name it, by region then name.

    ``region`` keeps those in the region or anywhere inside it (苏州 → 苏州市 and its districts and zones);
    ``segment`` those serving the chain node or a node under it (an id, name or term: design, 设计, 光刻机);
    ``alliance`` those hosted by (or being) a member of the alliance. Each item: ``{"name", "entity_id", "kind",
    "region", "host", "host_entity_id", "segments", "documents", "evidence": [evidence]}`` (evidence as in
    :func:`icatlas.analytics.collab.alliances`)."""
    names = Names(store)
    regions = within(region)
    nodes = segment_nodes(segment)
    hosts: set[str] | None = None
    if alliance:
        from .alliances import alliance as _alliance

        a = _alliance(store, alliance)
        hosts = set() if a is None else set().union(
            *(names.forms(m["name"]) for m in a["members"]), names.forms(str(a["name"])))
    grouped: dict[str, dict[str, Any]] = {}
    for r in load(store, ("resource",)):
        e = names.entity(r.subject, r.entity_id)
        name = e["name"] if e else (r.subject or "")
        item = grouped.get(norm(name))
        segs = list(r.attrs.get("segments") or [])
        if item is None:
            host = r.attrs.get("host")
            he = names.entity(host) if host else None
            item = grouped[norm(name)] = {
                "name": name, "entity_id": e["id"] if e else None, "kind": r.attrs.get("resource_kind") or "other",
                "region": r.region, "host": he["name"] if he else host, "host_entity_id": he["id"] if he else None,
                "segments": segs, "documents": 0, "evidence": [], "_docs": set()}
        else:
            item["segments"] = list(dict.fromkeys(item["segments"] + segs))
            item["region"] = item["region"] or r.region
            if not item["host"] and r.attrs.get("host"):
                item["host"] = names.canonical(r.attrs.get("host"))
        item["evidence"].append(r.evidence())
        item["_docs"].add(r.doc_id)
    out = []
    for item in grouped.values():
        item["documents"] = len(item.pop("_docs"))
        if not region_in(item["region"], regions) or not _in_segments(item["segments"], nodes):
            continue
        if hosts is not None and not ({norm(item["host"]), norm(item["name"])} & hosts):
            continue
        out.append(item)
    return sorted(out, key=lambda x: (x["region"] or "", RESOURCE_KINDS.index(x["kind"])
                                      if x["kind"] in RESOURCE_KINDS else 99, x["name"]))


def talent(store: StoreLike, region: str | None = None) -> list[dict[str, Any]]:
    """Talent items by region and date: people figures (人才, 技术人员, 从业人员, 工程师 …), training programmes,
    competitions and talent awards. ``region`` keeps the items of the region and the regions inside it.

    Each item: ``{"kind": "figure" | "training" | "competition" | "award", "subject", "name", "region", "date",
    "value", "unit", "qualifier", "planned", "what", "evidence"}``: ``value``/``unit``/``qualifier`` give a figure's
    number (``qualifier`` nearly, more than, about or target) and a training's or award's size when stated
    (培训工程师1500人次: 1500, 人次); ``planned`` marks programmes and competitions still to come; ``evidence`` is one
    evidence dict."""
    regions = within(region)
    names = Names(store)
    out = []
    seen: set[tuple[Any, ...]] = set()
    for r in load(store, ("talent",)):
        if not region_in(r.region, regions):
            continue
        a = r.attrs
        item = {"kind": a.get("talent_kind"), "subject": names.canonical(r.subject, r.entity_id) if r.subject else None,
                "name": a.get("name"), "region": r.region, "date": r.date, "value": a.get("value"),
                "unit": a.get("unit"), "qualifier": a.get("qualifier"), "planned": bool(a.get("planned")),
                "what": a.get("what"), "evidence": r.evidence()}
        key = (item["kind"], item["region"], item["name"] or item["subject"], item["value"], item["date"])
        if key in seen:
            continue  # the same item reported again by a near-identical page
        seen.add(key)
        out.append(item)
    return sorted(out, key=lambda x: (x["region"] or "", x["date"] or "", TALENT_KINDS.index(x["kind"])
                                      if x["kind"] in TALENT_KINDS else 9))

