"""Strength of a region in a chain node, on two axes, and one plain label per node.

- **Size**: the region's chain firms in the node, each weighted by its scale (:func:`scale`), a corporate group as
  one firm whose members' scale adds up to at most that of one large firm; reported with the region's share of its
  level's total and its rank among the regions of its level.
- **Specialisation**: the location quotient of sizes, LQ(r, s) = (size(r, s) / size(r)) / (SIZE(s) / SIZE) with the
  totals taken over the regions of the level, and the US Cluster Mapping rule: among the regions of the level that
  have the node, LQ ≥ 1, LQ at or above the 75th percentile (read among those above the size bar) and a size above
  the 25th percentile.

Labels, in this order of precedence: **leading** (among the top regions of its level by size: the top 5, or the
top decile of the regions that have the node when that holds more; and larger than every region outside that top,
so that a tie across the edge leads nowhere), **specialised** (the US rule), **present**, or **thin** (present, but
below the median size of the regions that have the node, when more regions have it than the leading top holds),
**absent**. A parent node whose children present in the region are all leading or specialised is raised to the
weakest of them (one such child alone raises it to present at most): it is never thin or absent under them.
See docs/methods.md.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from ..reference.regions import MUNICIPALITIES
from .snapshot import INVESTMENT_TYPES, Org, Snapshot

LQ_PERCENTILE = 0.75
SIZE_PERCENTILE = 0.25
LQ_FLOOR = 1.0
LEADING_TOP = 5  # the top regions of a level by size are leading ...
LEADING_DECILE = 0.10  # ... or its top decile, whichever holds more
THIN_PERCENTILE = 0.5  # thin: present, below the median size of the regions where the node is present
#: Groups this broad (中国, 中国大陆) hold every firm: they are no peers of the other groups.
COUNTRY_WIDE = 20
#: The labels from strongest to weakest.
LABELS = ("leading", "specialised", "present", "thin", "absent")
RANK = {label: i for i, label in enumerate(LABELS)}
STRONG = ("leading", "specialised")
#: What each label means, in plain words (``map``, ``compare``, the region page and the brief show these).
MEANING = {
    "leading": "among the largest clusters of its level by size (top 5, or top decile)",
    "specialised": "more concentrated here than nationally (US Cluster Mapping rule: LQ ≥ 1, at or above the "
                   "75th percentile, size above the 25th percentile)",
    "present": "firms present, neither leading nor specialised",
    "thin": "present, but smaller than most regions that have it (below the median size)",
    "absent": "no chain firm here",
}
#: Scale of a firm: 1, plus 0.5 when listed, plus its annual revenue in units of the registry's median firm revenue
#: (13亿元; at most 10 units; a band alone counts at its middle), plus up to 1.5 for the investment it took part in
#: up to the as-of date (half the log10 of 1 + the CNY billions).
LISTED_BONUS = 0.5
MEDIAN_REVENUE_YI = 13.0  # the median annual revenue of the bundled registry's companies that publish one (亿元)
REVENUE_CAP = 10.0  # revenue counts up to ten median firms
BAND_REVENUE_YI = {"100+": 200.0, "10-100": 30.0, "1-10": 3.0, "<1": 0.4}  # a band alone: its middle, in 亿元
INVEST_CAP = 1.5
#: The largest scale one firm can have: a group's members in one region add up to no more.
GROUP_CAP = 1.0 + LISTED_BONUS + REVENUE_CAP + INVEST_CAP


def percentile(values: list[float], q: float) -> float:
    """The ``q`` quantile (0..1) with linear interpolation between order statistics (NumPy's default)."""
    if not values:
        return 0.0
    xs = sorted(values)
    pos = q * (len(xs) - 1)
    lo = int(pos)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def location_quotient(count: float, total: float, national: float, national_total: float) -> float:
    """(count / total) / (national / national_total); 0 when any part is 0."""
    if count <= 0 or total <= 0 or national <= 0 or national_total <= 0:
        return 0.0
    return (count / total) / (national / national_total)


@dataclass
class Strength:
    count: int  # chain firms, a group once
    lq: float  # the location quotient of sizes (scale-weighted firm counts)
    strong: bool  # leading or specialised
    lq_p75: float  # the LQ bar: the 75th percentile among the peers that have the node and pass the size bar
    size_p25: float  # the size bar: the 25th percentile of sizes among the peers that have the node
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


def peers(snap: Snapshot, level: str) -> list[str]:
    """Regions of ``level`` that hold at least one chain firm. Cities are compared with the four municipalities too
    (上海, 北京, 天津, 重庆 are cities as much as provinces); groups with the groups that are not country-wide."""
    key = ("peers", level)
    hit = snap.memo.get(key)
    if hit is None:
        hit = []
        for code, n in snap.totals.items():
            if n <= 0:
                continue
            r = snap.index.get(code)
            if r is None:
                continue
            if r.level == level or (level == "city" and code in MUNICIPALITIES):
                if r.level == "group" and len(r.members) >= COUNTRY_WIDE:
                    continue
                hit.append(code)
        snap.memo[key] = hit
    return list(hit)


def scale(snap: Snapshot, oid: int, as_of: str | None = None) -> float:
    """The scale weight of a firm: 1, +0.5 when listed, + its annual revenue over the registry's median (13亿元, at
    most 10), + half the log10 of 1 + the CNY billions of investment it took part in up to ``as_of`` (at most 1.5)."""
    w = _base(snap.orgs[oid])
    cny = snap.investment_until(oid, as_of)
    if cny > 0:
        w += min(INVEST_CAP, 0.5 * math.log10(1.0 + cny / 1e9))
    return w


def revenue_yi(o: Org) -> float:
    """A firm's annual revenue in 亿元: stated, else the middle of its band; a bundled registry company whose revenue
    is not public counts at the registry's median (it lists established firms); a firm known only from pages, 0."""
    if o.revenue_yi is not None and o.revenue_yi >= 0:
        return o.revenue_yi
    if o.revenue_band:
        return BAND_REVENUE_YI.get(o.revenue_band, 0.0)
    return MEDIAN_REVENUE_YI if o.origin == "reference" and o.ref_id else 0.0


def _base(o: Org) -> float:
    """The scale a firm has without news: 1, the listing bonus and its revenue in median-firm units."""
    return 1.0 + (LISTED_BONUS if o.listed else 0.0) + min(REVENUE_CAP, revenue_yi(o) / MEDIAN_REVENUE_YI)


def _weights(snap: Snapshot, as_of: str | None = None) -> dict[int, float]:
    memo = snap.at(as_of)
    hit = memo.get("scale")
    if hit is None:
        hit = memo["scale"] = {oid: scale(snap, oid, as_of) for oid, o in snap.orgs.items()
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
    """The region's size in ``node`` (``""``: in every node): each group of firms once, at the scale of its members
    there added up, up to the largest scale one firm can have (three fabs of one group in a city weigh more than one;
    a group head and its subsidiaries, whose revenue the head's already holds, no more than one large firm)."""
    groups = snap.groups_at.get(code, {}).get(node, {})
    return sum(min(GROUP_CAP, sum(weight(snap, i, as_of) for i in members)) for members in groups.values())


class _Level:
    """The peer statistics of one level for every node: the sizes of the regions that have it, their LQs (on totals
    over the level), the size and LQ bars, the median, each region's rank by size and the size a leading region must
    exceed."""

    def __init__(self, snap: Snapshot, level: str, as_of: str | None = None) -> None:
        codes = peers(snap, level)
        self.n = len(codes)
        totals = {c: size_of(snap, c, "", as_of) for c in codes}
        level_total = sum(totals.values())
        self.lqs: dict[str, dict[str, float]] = {}
        self.lq_p75: dict[str, float] = {}
        self.size_p25: dict[str, float] = {}
        self.sizes: dict[str, dict[str, float]] = {}
        self.total_size: dict[str, float] = {}
        self.median: dict[str, float] = {}
        self.ranks: dict[str, dict[str, int]] = {}
        self.top: dict[str, int] = {}
        self.cutoff: dict[str, float] = {}
        for nid in snap.chain.nodes:
            present = [c for c in codes if snap.counts[c].get(nid, 0)]
            sizes = {c: size_of(snap, c, nid, as_of) for c in present}
            node_total = sum(sizes.values())
            lqs = {c: location_quotient(sizes[c], totals[c], node_total, level_total) for c in present}
            p25 = percentile(list(sizes.values()), SIZE_PERCENTILE)
            # the LQ bar is read among the clusters of some size: the LQ of a tiny cluster in a small region is noise
            sized = [lqs[c] for c in present if sizes[c] > p25] or list(lqs.values())
            self.lqs[nid], self.sizes[nid], self.total_size[nid] = lqs, sizes, node_total
            self.size_p25[nid], self.lq_p75[nid] = p25, percentile(sized, LQ_PERCENTILE)
            self.median[nid] = percentile(list(sizes.values()), THIN_PERCENTILE)
            order = sorted(sizes.values(), reverse=True)
            first: dict[float, int] = {}  # rank: 1 + the regions strictly larger (ties share a rank)
            for i, v in enumerate(order):
                first.setdefault(v, i + 1)
            self.ranks[nid] = {c: first[v] for c, v in sizes.items()}
            top = max(LEADING_TOP, math.ceil(LEADING_DECILE * len(order)))
            self.top[nid] = top
            # a leading region is larger than every region outside the top: a tie across the edge leads nowhere
            self.cutoff[nid] = order[top] if len(order) > top else 0.0


def level_stats(snap: Snapshot, level: str, as_of: str | None = None) -> _Level:
    """The peer statistics of ``level`` at ``as_of``, computed once per snapshot and date."""
    memo = snap.at(as_of)
    key = ("level", level)
    hit = memo.get(key)
    if hit is None:
        with snap._lock:
            hit = memo.get(key)
            if hit is None:
                hit = memo[key] = _Level(snap, level, as_of)
    return hit  # type: ignore[no-any-return]


def _own(snap: Snapshot, lv: _Level, code: str, node: str, as_of: str | None = None) -> Strength:
    count = snap.counts.get(code, {}).get(node, 0)
    lq_count = location_quotient(count, snap.totals.get(code, 0), snap.national.get(node, 0), snap.national_total)
    p75, p25 = lv.lq_p75.get(node, 0.0), lv.size_p25.get(node, 0.0)
    size = lv.sizes.get(node, {}).get(code)
    if size is None:  # a region outside the peers (a country-wide group)
        size = size_of(snap, code, node, as_of) if count else 0.0
    lq = lv.lqs.get(node, {}).get(code, 0.0)
    specialised = count > 0 and lq >= LQ_FLOOR and lq >= p75 and size > p25
    rank = lv.ranks.get(node, {}).get(code, 0)
    ranked = len(lv.sizes.get(node, {}))
    median = lv.median.get(node, 0.0)
    top = lv.top.get(node, LEADING_TOP)
    few = ranked <= top  # every region that has the node is within the top: none is thin
    if count == 0:
        label = "absent"
    elif rank and rank <= top and size > lv.cutoff.get(node, 0.0):
        label = "leading"
    elif specialised:
        label = "specialised"
    elif size < median and not few:
        label = "thin"
    else:
        label = "present"
    total = lv.total_size.get(node, 0.0)
    return Strength(count=count, lq=lq, lq_count=lq_count, strong=label in STRONG, lq_p75=p75, size_p25=p25,
                    peers=lv.n, size=size, share=size / total if total else 0.0, rank=rank, ranked=ranked,
                    specialised=specialised, label=label, own_label=label, leading_top=top, size_median=median)


def labels(snap: Snapshot, code: str, as_of: str | None = None, level: str | None = None) -> dict[str, Strength]:
    """The strength of every chain node in region ``code`` at ``as_of``, among the regions of its own level (or of
    ``level``: a municipality is a city as much as a province); a parent agrees with its children."""
    level = level or snap.level_of(code)
    memo = snap.at(as_of)
    key = ("labels", code, level)
    hit = memo.get(key)
    if hit is not None:
        return hit  # type: ignore[no-any-return]
    lv = level_stats(snap, level, as_of)
    out = {nid: _own(snap, lv, code, nid, as_of) for nid in snap.chain.nodes}
    # deepest nodes first, so that a parent sees its children's final labels
    depth = {nid: len(snap.chain.ancestors(nid)) for nid in snap.chain.nodes}
    for nid in sorted(snap.chain.nodes, key=lambda n: -depth[n]):
        kids = [out[c] for c in snap.chain.children.get(nid, []) if c in out and out[c].count]
        if not kids or any(k.label not in STRONG for k in kids):
            continue
        # every present child is leading or specialised: the node is not below the weakest of them (one child alone
        # lifts it to present at most), so a segment is never thin or absent under strong sub-segments
        floor = max(RANK[k.label] for k in kids) if len(kids) >= 2 else RANK["present"]
        s = out[nid]
        if floor < RANK[s.label]:
            s.label = LABELS[floor]
            s.strong = s.label in STRONG
    memo[key] = out
    return out


def strength(snap: Snapshot, code: str, node: str, as_of: str | None = None) -> Strength:
    """The size, LQ and label of ``node`` in the region ``code``."""
    got = labels(snap, code, as_of).get(node)
    if got is None:
        return _own(snap, level_stats(snap, snap.level_of(code), as_of), code, node, as_of)
    return got


def node_row(s: Strength) -> dict[str, object]:
    """The strength fields a chain-map node carries."""
    return {"count": s.count, "size": round(s.size, 2), "share": round(s.share, 4), "rank": s.rank,
            "ranked": s.ranked, "lq": round(s.lq, 3), "lq_count": round(s.lq_count, 3),
            "specialised": s.specialised, "label": s.label, "strong": s.strong, "lq_p75": round(s.lq_p75, 3),
            "size_p25": round(s.size_p25, 3)}


__all__ = ["INVESTMENT_TYPES", "LABELS", "MEANING", "Strength", "labels", "level_stats", "location_quotient",
           "node_row", "peers", "percentile", "revenue_yi", "scale", "size_of", "strength", "weight"]
