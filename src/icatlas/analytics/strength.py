"""Strength of a region in a chain node, on two axes, and one plain label per node.

- **Size**: the region's chain firms in the node, a group once, each weighted by its scale (see :func:`scale`);
  reported with the region's share of its level's total and its rank among the regions of its level.
- **Specialisation**: the location quotient LQ(r, s) = (n(r, s) / n(r)) / (N(s) / N) of firm counts, and the US
  Cluster Mapping rule: LQ at or above the 75th percentile of the regions of the same level, LQ ≥ 1, and a count
  above the 25th percentile.

Labels, in this order of precedence: **leading** (among the top regions of its level by size: the top 5, or the
top decile of the regions that have the node when that holds more; and larger than every region outside that top,
so that a tie across the edge leads nowhere), **specialised** (the US rule), **present** or **thin** (present, but below the
median size of the regions where the node is present, when more regions have it than the leading top holds),
**absent**. A parent node's label is its own, raised, when every child
present in the region is leading or specialised, to the weakest of them (one present child alone raises it to
present at most). See docs/methods.md.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from ..reference.regions import MUNICIPALITIES
from .snapshot import Snapshot

LQ_PERCENTILE = 0.75
SIZE_PERCENTILE = 0.25
LQ_FLOOR = 1.0
LEADING_TOP = 5  # the top regions of a level by size are leading ...
LEADING_DECILE = 0.10  # ... or its top decile, whichever holds more
THIN_PERCENTILE = 0.5  # thin: present, below the median size of the regions where the node is present ...
THIN_LQ = 0.5  # ... or holding less than half the node's national share of the region's own chain
#: The labels from strongest to weakest.
LABELS = ("leading", "specialised", "present", "thin", "absent")
RANK = {label: i for i, label in enumerate(LABELS)}
#: What each label means, in plain words (the brief, the region page and ``compare`` show these).
MEANING = {
    "leading": "among the largest clusters of its level by size (top 5, or top decile)",
    "specialised": "more concentrated here than nationally (US Cluster Mapping rule: LQ ≥ 1, at or above the "
                   "75th percentile, count above the 25th percentile)",
    "present": "firms present, neither leading nor specialised",
    "thin": "present, but smaller than most regions that have it (below the median size)",
    "absent": "no chain firm here",
}
MEANING_ZH = {
    "leading": "规模领先：同级地区按规模排名前 5（或前 10%）",
    "specialised": "专业化集聚：区位熵 ≥ 1 且不低于同级 75 分位，企业数高于 25 分位（美国集群图谱规则）",
    "present": "已有企业，规模与集聚度一般",
    "thin": "已有企业，但规模低于同级有该环节地区的中位数",
    "absent": "暂无该环节企业",
}
#: Scale of a firm: 1, plus 0.5 when listed, plus its annual revenue in units of the registry's median firm revenue
#: (13亿元; at most 10 units; a band alone counts at its middle), plus up to 1.5 for the investment it took part in
#: up to the as-of date (half the log10 of 1 + the CNY billions).
LISTED_BONUS = 0.5
MEDIAN_REVENUE_YI = 13.0  # the median annual revenue of the bundled registry's companies that publish one (亿元)
REVENUE_CAP = 10.0  # revenue counts up to ten median firms
BAND_REVENUE_YI = {"100+": 200.0, "10-100": 30.0, "1-10": 3.0, "<1": 0.4}  # a band alone: its middle, in 亿元
INVEST_CAP = 1.5
GROUP_CAP = 1.0 + LISTED_BONUS + REVENUE_CAP + INVEST_CAP  # the largest scale one firm can have: a group's members in
#                                                          one region add up to no more


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


def weighted_lq(size: float, total: float, national: float, national_total: float) -> float:
    """The location quotient of scale-weighted firm counts (sizes)."""
    if size <= 0 or total <= 0 or national <= 0 or national_total <= 0:
        return 0.0
    return (size / total) / (national / national_total)


def national_sizes(snap: Snapshot, as_of: str | None = None) -> tuple[dict[str, float], float]:
    """Per node, the size of all located chain firms (a group once, its members added up to the group cap), and the
    size of all of them in every node."""
    key = ("national_sizes", _key(snap, as_of))
    hit = snap.memo.get(key)
    if hit is None:
        best: dict[str, dict[str, float]] = {}
        for oid, o in snap.orgs.items():
            if not o.firm or not o.lineage:
                continue
            w = weight(snap, oid, as_of)
            for n in (*o.nodes, ""):
                g = best.setdefault(n, {})
                g[o.group] = g.get(o.group, 0.0) + w
        sizes = {n: sum(min(GROUP_CAP, v) for v in g.values()) for n, g in best.items()}
        hit = snap.memo[key] = ({n: v for n, v in sizes.items() if n}, sizes.get("", 0.0))
    return hit  # type: ignore[no-any-return]


@dataclass
class Strength:
    count: int  # chain firms, a group once
    lq: float  # the location quotient of sizes (scale-weighted firm counts)
    strong: bool  # leading or specialised
    lq_p75: float  # the 75th percentile of LQ among the peers that have the node
    size_p25: float  # the 25th percentile of sizes among the peers that have the node
    peers: int  # regions of the same level with any chain firm
    size: float = 0.0  # firms weighted by scale, a group once
    share: float = 0.0  # the region's share of its level's size in the node
    rank: int = 0  # by size among the regions of the level (0: absent)
    ranked: int = 0  # regions of the level where the node is present
    specialised: bool = False  # the US Cluster Mapping rule holds
    label: str = "absent"
    own_label: str = "absent"  # before a parent is raised by its children
    leading_top: int = LEADING_TOP  # how many regions of the level count as leading
    size_median: float = 0.0  # median size among the regions where the node is present
    lq_count: float = 0.0  # the location quotient of plain firm counts, for reference

    @property
    def status(self) -> str:
        return self.label

    def as_dict(self) -> dict[str, object]:
        return {"count": self.count, "size": round(self.size, 2), "share": round(self.share, 3), "rank": self.rank,
                "ranked": self.ranked, "lq": round(self.lq, 3), "specialised": self.specialised,
                "label": self.label, "strong": self.strong, "lq_p75": round(self.lq_p75, 3),
                "size_p25": round(self.size_p25, 3), "peers": self.peers}


def peers(snap: Snapshot, level: str) -> list[str]:
    """Regions of ``level`` that hold at least one chain firm. Cities are compared with the four municipalities too
    (上海, 北京, 天津, 重庆 are cities as much as provinces)."""
    key = ("peers", level)
    hit = snap.memo.get(key)
    if hit is None:
        hit = [code for code, n in snap.totals.items()
               if n > 0 and (snap.level_of(code) == level or (level == "city" and code in MUNICIPALITIES))]
        snap.memo[key] = hit
    return list(hit)


def scale(snap: Snapshot, oid: int, as_of: str | None = None) -> float:
    """The scale weight of a firm: 1, +0.5 when listed, + its annual revenue over the registry's median (13亿元, at
    most 10), + half the log10 of 1 + the CNY billions of investment it took part in up to ``as_of`` (at most 1.5)."""
    from .snapshot import INVESTMENT_TYPES

    o = snap.orgs[oid]
    w = _base(o)
    cny = sum(float(e.amount or 0) for e in snap.events_of.get(oid, [])
              if e.type in INVESTMENT_TYPES and e.currency == "CNY" and e.amount and snap.until(e, as_of))
    if cny > 0:
        w += min(INVEST_CAP, 0.5 * math.log10(1.0 + cny / 1e9))
    return w


def _base(o: Any) -> float:
    """The scale a firm has without news: 1, the listing bonus and its revenue in median-firm units. A bundled
    registry firm whose revenue is not public counts at the registry's median (one unit): the registry lists
    established firms, and an unknown figure is no sign of a small one."""
    if o.revenue_yi is not None and o.revenue_yi >= 0:
        yi = o.revenue_yi
    elif o.revenue_band:
        yi = BAND_REVENUE_YI.get(o.revenue_band, 0.0)
    else:
        yi = MEDIAN_REVENUE_YI if o.origin == "reference" and o.ref_id else 0.0
    return 1.0 + (LISTED_BONUS if o.listed else 0.0) + min(REVENUE_CAP, yi / MEDIAN_REVENUE_YI)


def _key(snap: Snapshot, as_of: str | None) -> str:
    return as_of or snap.as_of


def _weights(snap: Snapshot, as_of: str | None = None) -> dict[int, float]:
    key = ("scale", _key(snap, as_of))
    hit = snap.memo.get(key)
    if hit is None:
        hit = snap.memo[key] = {oid: scale(snap, oid, as_of) for oid, o in snap.orgs.items()
                                if o.firm and oid in snap.events_of}
    return hit  # type: ignore[no-any-return]


def weight(snap: Snapshot, oid: int, as_of: str | None = None) -> float:
    """:func:`scale`, read from the per-snapshot table."""
    w = _weights(snap, as_of).get(oid)
    if w is not None:
        return w
    o = snap.orgs.get(oid)
    return _base(o) if o is not None else 1.0


def size_of(snap: Snapshot, code: str, node: str, as_of: str | None = None) -> float:
    """The region's size in ``node``: each group of firms once, at the scale of its members there added up, up to
    the largest scale one firm can have (three fabs of one group in a city weigh more than one; a group head and
    its subsidiaries, whose revenue the head's already holds, no more than one large firm)."""
    groups = snap.groups_at.get(code, {}).get(node, {})
    return sum(min(GROUP_CAP, sum(weight(snap, i, as_of) for i in members)) for members in groups.values())


class _Level:
    """The peer statistics of one level for every node: among the regions where the node is present, the LQ and
    count percentiles, the median size, each region's rank by size and the size a leading region must exceed."""

    def __init__(self, snap: Snapshot, level: str, as_of: str | None = None) -> None:
        codes = peers(snap, level)
        self.codes = codes
        self.n = len(codes)
        nat, nat_total = national_sizes(snap, as_of)
        self.lqs: dict[str, dict[str, float]] = {}
        self.lq_p75: dict[str, float] = {}
        self.size_p25: dict[str, float] = {}
        self.sizes: dict[str, dict[str, float]] = {}
        self.total_size: dict[str, float] = {}
        self.median: dict[str, float] = {}
        self.ranks: dict[str, dict[str, int]] = {}
        self.top: dict[str, int] = {}
        self.cutoff: dict[str, float] = {}
        totals = {c: size_of(snap, c, "", as_of) for c in codes}
        for nid in snap.chain.nodes:
            present = [c for c in codes if snap.counts[c].get(nid, 0)]
            sizes = {c: size_of(snap, c, nid, as_of) for c in present}
            lqs = {c: weighted_lq(sizes[c], totals[c], nat.get(nid, 0.0), nat_total) for c in present}
            self.lqs[nid] = lqs
            p25 = percentile(list(sizes.values()), SIZE_PERCENTILE)
            self.size_p25[nid] = p25
            # the LQ bar is read among the clusters of some size: the LQ of a tiny cluster in a small region is noise
            sized = [lqs[c] for c in present if sizes[c] > p25] or list(lqs.values())
            self.lq_p75[nid] = percentile(sized, LQ_PERCENTILE)
            self.sizes[nid] = sizes
            self.total_size[nid] = sum(sizes.values())
            self.median[nid] = percentile(list(sizes.values()), THIN_PERCENTILE)
            order = sorted(sizes.values(), reverse=True)
            # rank: 1 + the regions strictly larger (ties share a rank)
            first: dict[float, int] = {}
            for i, v in enumerate(order):
                first.setdefault(v, i + 1)
            self.ranks[nid] = {c: first[v] for c, v in sizes.items()}
            top = max(LEADING_TOP, math.ceil(LEADING_DECILE * len(order)))
            self.top[nid] = top
            # a leading region is larger than every region outside the top: a tie across the edge leads nowhere
            self.cutoff[nid] = order[top] if len(order) > top else 0.0


def _level(snap: Snapshot, level: str, as_of: str | None = None) -> _Level:
    key = ("level", level, _key(snap, as_of))
    hit = snap.memo.get(key)
    if hit is None:
        with snap._lock:
            hit = snap.memo.get(key)
            if hit is None:
                hit = snap.memo[key] = _Level(snap, level, as_of)
    return hit  # type: ignore[no-any-return]


def thresholds(snap: Snapshot, level: str, node: str) -> tuple[float, float, int]:
    """(LQ 75th percentile, count 25th percentile, number of peers) for ``node`` among regions of ``level``."""
    lv = _level(snap, level)
    return lv.lq_p75.get(node, 0.0), lv.size_p25.get(node, 0.0), lv.n


def _own(snap: Snapshot, lv: _Level, code: str, node: str, as_of: str | None = None) -> Strength:
    count = snap.counts.get(code, {}).get(node, 0)
    lq_count = location_quotient(count, snap.totals.get(code, 0), snap.national.get(node, 0), snap.national_total)
    p75, p25 = lv.lq_p75.get(node, 0.0), lv.size_p25.get(node, 0.0)
    size = lv.sizes.get(node, {}).get(code)
    if size is None:
        size = size_of(snap, code, node, as_of) if count else 0.0
    lq = lv.lqs.get(node, {}).get(code)
    if lq is None:
        nat, nat_total = national_sizes(snap, as_of)
        lq = weighted_lq(size, size_of(snap, code, "", as_of), nat.get(node, 0.0), nat_total)
    specialised = count > 0 and lq >= LQ_FLOOR and lq >= p75 and size > p25
    rank = lv.ranks.get(node, {}).get(code, 0)
    ranked = len(lv.sizes.get(node, {}))
    median = lv.median.get(node, 0.0)
    top = lv.top[node]
    few = ranked <= top  # every region that has the node is within the top: all of them lead
    if count == 0:
        label = "absent"
    elif rank and rank <= top and size > lv.cutoff[node]:
        label = "leading"
    elif specialised:
        label = "specialised"
    elif (size < median and not few) or lq < THIN_LQ:
        label = "thin"
    else:
        label = "present"
    total = lv.total_size.get(node, 0.0)
    return Strength(count=count, lq=lq, lq_count=lq_count, strong=label in ("leading", "specialised"), lq_p75=p75,
                    size_p25=p25,
                    peers=lv.n, size=size, share=size / total if total else 0.0, rank=rank, ranked=ranked,
                    specialised=specialised, label=label, own_label=label, leading_top=lv.top[node],
                    size_median=median)


def labels(snap: Snapshot, code: str, as_of: str | None = None, level: str | None = None) -> dict[str, Strength]:
    """The strength of every chain node in region ``code`` at ``as_of``, among the regions of its own level (or of
    ``level``: a municipality is a city as much as a province); a parent agrees with its children."""
    level = level or snap.level_of(code)
    key = ("labels", code, _key(snap, as_of), level)
    hit = snap.memo.get(key)
    if hit is not None:
        return hit  # type: ignore[no-any-return]
    lv = _level(snap, level, as_of)
    out = {nid: _own(snap, lv, code, nid, as_of) for nid in snap.chain.nodes}
    # bottom-up: deepest nodes first, so a parent sees its children's final labels
    depth = {nid: len(snap.chain.ancestors(nid)) for nid in snap.chain.nodes}
    for nid in sorted(snap.chain.nodes, key=lambda n: -depth[n]):
        kids = [out[c] for c in snap.chain.children.get(nid, []) if c in out and out[c].count]
        if not kids:
            continue
        s = out[nid]
        # when every present child is leading or specialised, the node is not below the weakest of them (one
        # present child alone lifts it to present at most): a segment is never thin or absent under strong children
        if any(k.label not in ("leading", "specialised") for k in kids):
            continue
        floor = max(RANK[k.label] for k in kids)
        if len(kids) == 1:
            floor = max(floor, RANK["present"])
        if floor < RANK[s.label]:
            s.label = LABELS[floor]
            s.strong = s.label in ("leading", "specialised")
    snap.memo[key] = out
    return out


def strength(snap: Snapshot, code: str, node: str, as_of: str | None = None) -> Strength:
    """The size, LQ and label of ``node`` in the region ``code``."""
    got = labels(snap, code, as_of).get(node)
    if got is None:
        lv = _level(snap, snap.level_of(code), as_of)
        return _own(snap, lv, code, node, as_of)
    return got


def explain(s: Strength, region: str) -> str:
    """One line on why ``s`` has its label."""
    if s.label == "absent":
        return f"absent: no chain firm in {region}"
    head = {"leading": f"leading: rank {s.rank} of {s.ranked} by size (top {s.leading_top})",
            "specialised": f"specialised: LQ {s.lq:.2f} ≥ max(1, {s.lq_p75:.2f}) and size {s.size:.1f} > "
                           f"{s.size_p25:.1f}",
            "thin": f"thin: size {s.size:.1f} below the median {s.size_median:.1f} of the {s.ranked} regions "
                    f"that have it",
            "present": f"present: rank {s.rank} of {s.ranked} by size, LQ {s.lq:.2f}"}[s.label]
    if s.label != s.own_label:
        head += f" (raised from {s.own_label}: every sub-segment it has here is {s.label} or better)"
    return head + f"; {s.count} firm(s), size {s.size:.1f}, {s.share:.0%} of its level"


def node_row(s: Strength) -> dict[str, Any]:
    """The strength fields a chain-map node carries."""
    return {"count": s.count, "size": round(s.size, 2), "share": round(s.share, 4), "rank": s.rank,
            "ranked": s.ranked, "lq": round(s.lq, 3), "lq_count": round(s.lq_count, 3),
            "specialised": s.specialised, "label": s.label,
            "strong": s.strong, "lq_p75": round(s.lq_p75, 3), "size_p25": round(s.size_p25, 3)}
