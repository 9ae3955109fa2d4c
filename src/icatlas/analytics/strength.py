"""Strength of a region in a chain node: the location quotient and the US Cluster Mapping "strong" rule.

LQ(r, s) = (n(r, s) / n(r)) / (N(s) / N): the node's share of the region's organisations over its share of all
located organisations. A node is strong in a region when, among the regions of the same level that hold at least
one chain organisation, its LQ is at or above the 75th percentile, its LQ is at least 1, and its organisation count
is above the 25th percentile. See docs/methods.md.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..reference.regions import MUNICIPALITIES
from .snapshot import Snapshot

LQ_PERCENTILE = 0.75
SIZE_PERCENTILE = 0.25
LQ_FLOOR = 1.0


def percentile(values: list[float], q: float) -> float:
    """The ``q`` quantile (0..1) with linear interpolation between order statistics (NumPy's default)."""
    if not values:
        return 0.0
    xs = sorted(values)
    pos = q * (len(xs) - 1)
    lo = int(pos)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def location_quotient(count: int, total: int, national: int, national_total: int) -> float:
    if count <= 0 or total <= 0 or national <= 0 or national_total <= 0:
        return 0.0
    return (count / total) / (national / national_total)


@dataclass
class Strength:
    count: int
    lq: float
    strong: bool
    lq_p75: float  # the 75th percentile of LQ among the peers
    size_p25: float  # the 25th percentile of counts among the peers
    peers: int  # regions of the same level with any chain organisation

    def as_dict(self) -> dict[str, object]:
        return {"count": self.count, "lq": round(self.lq, 3), "strong": self.strong,
                "lq_p75": round(self.lq_p75, 3), "size_p25": round(self.size_p25, 3), "peers": self.peers}


def peers(snap: Snapshot, level: str) -> list[str]:
    """Regions of ``level`` that hold at least one chain organisation. Cities are compared with the four
    municipalities too (上海, 北京, 天津, 重庆 are cities as much as provinces)."""
    key = ("peers", level)
    hit = snap.memo.get(key)
    if hit is None:
        hit = [code for code, n in snap.totals.items()
               if n > 0 and (snap.level_of(code) == level or (level == "city" and code in MUNICIPALITIES))]
        snap.memo[key] = hit
    return list(hit)


def thresholds(snap: Snapshot, level: str, node: str) -> tuple[float, float, int]:
    """(LQ 75th percentile, count 25th percentile, number of peers) for ``node`` among regions of ``level``."""
    key = (level, node)
    hit = snap._levels.get(key)
    if hit is not None:
        return hit
    with snap._lock:
        if not any(k[0] == level for k in snap._levels):
            codes = peers(snap, level)
            nat_total = snap.national_total
            for nid in snap.chain.nodes:
                nat = snap.national.get(nid, 0)
                lqs = [location_quotient(snap.counts[c].get(nid, 0), snap.totals[c], nat, nat_total) for c in codes]
                sizes = [float(snap.counts[c].get(nid, 0)) for c in codes]
                snap._levels[(level, nid)] = (percentile(lqs, LQ_PERCENTILE), percentile(sizes, SIZE_PERCENTILE),
                                              len(codes))
    return snap._levels.get(key, (0.0, 0.0, 0))


def strength(snap: Snapshot, code: str, node: str) -> Strength:
    """The count, LQ and strong flag of ``node`` in the region ``code``."""
    count = snap.counts.get(code, {}).get(node, 0)
    lq = location_quotient(count, snap.totals.get(code, 0), snap.national.get(node, 0), snap.national_total)
    p75, p25, n = thresholds(snap, snap.level_of(code), node)
    strong = count > 0 and lq >= LQ_FLOOR and lq >= p75 and count > p25
    return Strength(count=count, lq=lq, strong=strong, lq_p75=p75, size_p25=p25, peers=n)
