"""The collaboration network: organisations joined by agreements they signed together, alliances and associations
they are members of, and partnerships, each edge with the sentences behind it."""
from __future__ import annotations

from itertools import combinations
from typing import Any

from ..store.read_analytics import relation_rows
from ..store.reading import StoreLike
from .timelines import Entity, Graph, load

#: Relation types that are collaboration; ``member_of`` points from the member to the alliance.
COLLABORATION = ("member_of", "partner_of", "signed_with")
UNDIRECTED = ("partner_of", "signed_with")


def network(store: StoreLike, region: str | None = None, as_of: str | None = None) -> dict[str, Any]:
    """Nodes (organisations) and edges (member_of, partner_of, signed_with) with their evidence, from relations and
    agreement_signed events of IC-relevant documents (agreements signed up to ``as_of``, default today; plans left
    out); with ``region``, the edges with an end located there or resting on an agreement signed there. JSON
    ``{"region", "as_of", "nodes": [{"id", "entity_id", "type", "region", "degree"}], "edges": [{"source", "target",
    "type", "weight", "evidence"}]}``."""
    from .timelines import as_of_or_today, happened

    as_of = as_of_or_today(as_of)
    g = load(store)
    r = g.region(region) if region else None
    edges: dict[tuple[str, str, str], dict[str, Any]] = {}

    def node(name: str) -> str:
        e = g.by_name.get(name)
        return e.name if e else name

    def add(kind: str, a: str, b: str, ev: dict[str, Any], here: bool) -> None:
        a, b = node(a), node(b)
        if a == b:
            return
        if kind in UNDIRECTED:
            a, b = sorted((a, b))
        ends = [g.by_name.get(a), g.by_name.get(b)]
        if r is not None and not here and not any(x is not None and r.code in x.lineage for x in ends):
            return
        edge = edges.setdefault((a, b, kind), {"source": a, "target": b, "type": kind, "evidence": []})
        key = (ev.get("doc_id"), tuple(ev.get("span") or ()))
        if all((x.get("doc_id"), tuple(x.get("span") or ())) != key for x in edge["evidence"]):
            edge["evidence"].append(ev)

    for rel in relation_rows(store, COLLABORATION):
        src = g.entities.get(int(rel.source_id))
        if src is None:
            continue
        add(rel.type, src.name, str(rel.target),
            {"kind": "relation", "relation_id": rel.id, "doc_id": rel.doc_id, "title": rel.title,
             "span": [rel.evidence_start, rel.evidence_end], "sentence": rel.sentence}, False)
    for e in g.events:
        if e.type != "agreement_signed" or not happened(e, as_of):
            continue
        names = list(dict.fromkeys(str(p.get("name")) for p in e.participants if p.get("name")))
        for a, b in combinations(names, 2):
            add("signed_with", a, b, {"kind": "event", "event_id": e.id, "doc_id": e.doc_id, "title": e.doc_title,
                                      "span": list(e.evidence), "sentence": e.text, "date": e.date},
                r is not None and e.in_region(r.code))
    out_edges = sorted(edges.values(), key=lambda x: (x["type"], x["source"], x["target"]))
    for x in out_edges:
        x["weight"] = len({ev.get("doc_id") for ev in x["evidence"]})
    return {"region": {"code": r.code, "name": r.name, "level": r.level} if r else None, "as_of": as_of,
            "nodes": _nodes(g, out_edges), "edges": out_edges}


def _nodes(g: Graph, edges: list[dict[str, Any]]) -> list[dict[str, Any]]:
    degree: dict[str, int] = {}
    for x in edges:
        for end in (x["source"], x["target"]):
            degree[end] = degree.get(end, 0) + 1
    out = []
    for name in sorted(degree, key=lambda n: (-degree[n], n)):
        e: Entity | None = g.by_name.get(name)
        out.append({"id": name, "entity_id": e.id if e else None, "type": e.type if e else None,
                    "region": e.region if e else None, "degree": degree[name]})
    return out
