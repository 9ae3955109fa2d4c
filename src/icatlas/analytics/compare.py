"""Complementarity of two regions: the chain nodes where one is strong and the other is not (absent or weak)."""
from __future__ import annotations

from typing import Any

from .chainmap import region_brief
from .snapshot import Snapshot, snapshot
from .strength import strength


def _side(snap: Snapshot, code: str, node: str, names: int) -> dict[str, Any]:
    s = strength(snap, code, node)
    orgs = sorted((snap.orgs[i] for i in snap.by_region.get(code, []) if node in snap.orgs[i].nodes),
                  key=lambda o: (not o.mentioned, o.name))
    return {"count": s.count, "lq": round(s.lq, 3), "strong": s.strong,
            "status": "strong" if s.strong else ("weak" if s.count else "absent"),
            "organizations": [{"name": o.name, "id": o.id, "region": o.region,
                               "evidence": "documents" if o.mentioned else "registry"} for o in orgs[:names]]}


def compare(store: Any, a: str, b: str, orgs_per_node: int = 10) -> dict[str, Any]:
    """Nodes strong in ``a`` and weak or absent in ``b``, and the other way round, with the organisations behind
    each; JSON ``{"a", "b", "a_strong_b_weak": [...], "b_strong_a_weak": [...]}``. Each region is judged
    against the regions of its own level."""
    snap = snapshot(store)
    ra, rb = snap.region(a), snap.region(b)
    one: list[dict[str, Any]] = []
    other: list[dict[str, Any]] = []
    for nid, node in snap.chain.nodes.items():
        sa, sb = strength(snap, ra.code, nid), strength(snap, rb.code, nid)
        if sa.strong == sb.strong:
            continue
        item = {"id": nid, "name": node.name, "name_en": node.name_en, "stage": node.stage,
                "a": _side(snap, ra.code, nid, orgs_per_node), "b": _side(snap, rb.code, nid, orgs_per_node)}
        (one if sa.strong else other).append(item)
    one.sort(key=lambda x: (-x["a"]["lq"], x["id"]))
    other.sort(key=lambda x: (-x["b"]["lq"], x["id"]))
    return {"a": region_brief(snap, ra), "b": region_brief(snap, rb), "a_strong_b_weak": one, "b_strong_a_weak": other}
