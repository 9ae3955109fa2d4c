"""Complementarity of two regions: the chain nodes where one is strong (leading or specialised) and the other is
not (present, thin or absent), with each side's label in plain words."""
from __future__ import annotations

from typing import Any

from .chainmap import region_brief
from .snapshot import Snapshot, check_as_of, snapshot
from .strength import MEANING, Strength, labels


def _side(snap: Snapshot, code: str, node: str, s: Strength, names: int) -> dict[str, Any]:
    orgs = sorted((snap.orgs[i] for i in snap.by_region.get(code, [])
                   if node in snap.orgs[i].nodes and snap.orgs[i].firm),
                  key=lambda o: (not o.mentioned, o.name))
    return {"count": s.count, "size": round(s.size, 2), "rank": s.rank, "lq": round(s.lq, 3), "strong": s.strong,
            "label": s.label, "status": s.label, "meaning": MEANING[s.label],
            "organizations": [{"name": o.name, "id": o.id, "region": o.region,
                               "evidence": "documents" if o.mentioned else "registry"} for o in orgs[:names]]}


def compare(store: Any, a: str, b: str, orgs_per_node: int = 10, as_of: str | None = None) -> dict[str, Any]:
    """Nodes strong (leading or specialised) in ``a`` and not in ``b``, and the other way round, with the chain
    firms behind each; JSON ``{"a", "b", "labels", "a_strong_b_weak": [...], "b_strong_a_weak": [...]}``. Each
    region is judged against the regions of its own level."""
    as_of = check_as_of(as_of)
    snap = snapshot(store)
    ra, rb = snap.region(a), snap.region(b)
    la, lb = labels(snap, ra.code, as_of), labels(snap, rb.code, as_of)
    one: list[dict[str, Any]] = []
    other: list[dict[str, Any]] = []
    for nid, node in snap.chain.nodes.items():
        sa, sb = la[nid], lb[nid]
        if sa.strong == sb.strong:
            continue
        item = {"id": nid, "name": node.name, "name_en": node.name_en, "stage": node.stage,
                "a": _side(snap, ra.code, nid, sa, orgs_per_node), "b": _side(snap, rb.code, nid, sb, orgs_per_node)}
        (one if sa.strong else other).append(item)
    one.sort(key=lambda x: (-x["a"]["size"], -x["a"]["lq"], x["id"]))
    other.sort(key=lambda x: (-x["b"]["size"], -x["b"]["lq"], x["id"]))
    return {"a": region_brief(snap, ra), "b": region_brief(snap, rb), "as_of": as_of or snap.as_of,
            "labels": dict(MEANING), "a_strong_b_weak": one, "b_strong_a_weak": other}
