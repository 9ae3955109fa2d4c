"""The chain map of a region: per chain node, the organisations present there with the evidence for each, the
count, the location quotient and the strong flag."""
from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from sqlalchemy import Engine, and_, case, func, select

from ..reference.regions import Region
from ..store import schema as t
from ..store.queries import in_force_relevant
from .snapshot import Org, Snapshot, snapshot
from .strength import peers, strength

_SENTENCE_END = re.compile(r"[。！？!?；;\n]")
_WINDOW = 160  # characters read on each side of a mention to find its sentence


def region_brief(snap: Snapshot, r: Region) -> dict[str, Any]:
    """The region as the analyses show it: code, names, level, parent, members, and its organisation count."""
    parent = snap.index.parent(r)
    return {"code": r.code, "name": r.name, "name_en": r.name_en, "level": r.level,
            "parent": parent.name if parent else None,
            "members": [m.name for m in (snap.index.get(c) for c in r.members) if m is not None],
            "organizations": snap.totals.get(r.code, 0), "peers": len(peers(snap, r.level))}


def sentence(window: str, start: int, end: int) -> str:
    """The sentence of ``window`` that holds ``[start, end)``."""
    left = max((m.end() for m in _SENTENCE_END.finditer(window, 0, start)), default=0)
    m = _SENTENCE_END.search(window, end)
    right = m.end() if m else len(window)
    return window[left:right].strip()


def evidence(engine: Engine, org_ids: list[int], per_org: int = 3) -> dict[int, list[dict[str, Any]]]:
    """Up to ``per_org`` sentences per organisation from IC-relevant documents, one per document first."""
    out: dict[int, list[dict[str, Any]]] = defaultdict(list)
    if per_org <= 0 or not org_ids:
        return out
    m, doc = t.mentions, t.documents
    lo = case((m.c.start > _WINDOW, m.c.start - _WINDOW), else_=0)  # GREATEST/MAX differ between databases
    with engine.connect() as conn:
        for i in range(0, len(org_ids), 500):
            chunk = org_ids[i:i + 500]
            in_chunk = set(chunk)
            rows = conn.execute(
                select(m.c.entity_id, m.c.doc_id, m.c.start, m.c.end, m.c.surface, doc.c.title, doc.c.source,
                       lo.label("lo"), func.substr(doc.c.text, lo + 1, m.c.end - lo + _WINDOW).label("window"))
                .join(doc, doc.c.id == m.c.doc_id)
                .where(and_(m.c.entity_id.in_(chunk), in_force_relevant()))
                .order_by(m.c.entity_id, m.c.doc_id, m.c.start)).mappings().all()
            seen: dict[int, set[int]] = defaultdict(set)
            later: dict[int, list[dict[str, Any]]] = defaultdict(list)
            for r in rows:
                oid = int(r["entity_id"])
                base = int(r["lo"])
                item = {"kind": "document", "doc_id": int(r["doc_id"]), "title": r["title"], "source": r["source"],
                        "span": [int(r["start"]), int(r["end"])], "surface": r["surface"],
                        "sentence": sentence(r["window"] or "", int(r["start"]) - base, int(r["end"]) - base)}
                if r["doc_id"] in seen[oid]:
                    later[oid].append(item)
                else:
                    seen[oid].add(int(r["doc_id"]))
                    out[oid].append(item)
            for oid, items in out.items():
                if oid in in_chunk:
                    out[oid] = (items + later.get(oid, []))[:per_org]
    return out


def org_sources(o: Org, docs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The evidence for an organisation's presence: sentences of documents, then its registry row."""
    out = list(docs)
    if o.origin:
        out.append({"kind": "registry", "origin": o.origin, "ref_id": o.ref_id, "note": o.note,
                    "region": o.region, "segments": o.segments})
    return out


def org_entry(o: Org, docs: list[dict[str, Any]]) -> dict[str, Any]:
    return {"name": o.name, "id": o.id, "type": o.type, "region": o.region, "segments": o.segments,
            "sources": org_sources(o, docs)}


def chain_map(store: Any, region: str, evidence_per_org: int = 3) -> dict[str, Any]:
    """For ``region`` (any level), each chain node with its organisations and their evidence, count, LQ and the
    strong flag; JSON ``{"region": {...}, "nodes": [{"id", "name", "stage", "count", "lq", "strong",
    "organizations": [{"name", "sources"}]}]}``."""
    snap = snapshot(store)
    r = snap.region(region)
    ids = snap.by_region.get(r.code, [])
    orgs = sorted((snap.orgs[i] for i in ids), key=lambda o: (not o.mentioned, o.name))
    docs = evidence(getattr(store, "engine", store), [o.id for o in orgs if o.mentioned], evidence_per_org)
    entries = {o.id: org_entry(o, docs.get(o.id, [])) for o in orgs}
    under: dict[str, list[int]] = defaultdict(list)
    for o in orgs:
        for n in o.nodes:
            under[n].append(o.id)
    nodes = []
    for nid, node in snap.chain.nodes.items():
        s = strength(snap, r.code, nid)
        invest = sum(snap.investment.get(i, 0.0) for i in under.get(nid, []))
        nodes.append({"id": nid, "name": node.name, "name_en": node.name_en, "stage": node.stage,
                      "parent": node.parent, "count": s.count, "lq": round(s.lq, 3), "strong": s.strong,
                      "lq_p75": round(s.lq_p75, 3), "size_p25": round(s.size_p25, 3),
                      "investment_cny": invest or None,
                      "organizations": [entries[i] for i in under.get(nid, [])]})
    return {"region": region_brief(snap, r), "nodes": nodes}
