"""Attraction targets ranked with arrays: the scores of every firm in a region's gaps at once.

A region's gaps can hold ten thousand firms or more on a large store; scoring them one by one in Python took most of
a ``targets`` answer. Here the parts of the score that do not depend on the region (each firm's scale, its recent
expansion at an as-of date, the order of the names) are arrays kept with the snapshot, the fit to the gaps is
summed over the gaps' firm lists, and only the firms shown get their words and events. The ranking is the one
:func:`icatlas.analytics.gaps.rank_firms` gives, to the last digit: the same operations on the same doubles, the same
order of ties (score, expansion, name, then the organisations' order).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial
from typing import Any, Callable, TypeVar

import numpy as np

from ..reference.regions import Region
from .snapshot import Event, Org, Snapshot

T = TypeVar("T")


@dataclass
class Firms:
    """The snapshot's organisations in its order, with what the ranking reads of each, as arrays."""
    orgs: list[Org]
    pos: dict[int, int]  # organisation id -> position
    by_node: dict[str, np.ndarray]  # node -> positions of the located chain firms in it
    scale: np.ndarray  # scale score (0..1)
    name_rank: np.ndarray  # rank of the name in sorted order (equal names, equal rank)


def firms(snap: Snapshot, scale_score: Callable[[Org], float]) -> Firms:
    with snap._lock:
        hit = snap.memo.get("firm_arrays")
        if hit is None:
            orgs = list(snap.orgs.values())
            nodes: dict[str, list[int]] = {}
            for p, o in enumerate(orgs):
                if o.firm and o.lineage:
                    for n in o.nodes:
                        nodes.setdefault(n, []).append(p)
            names = sorted({o.name for o in orgs})
            rank = {n: i for i, n in enumerate(names)}
            hit = snap.memo["firm_arrays"] = Firms(
                orgs=orgs, pos={o.id: p for p, o in enumerate(orgs)},
                by_node={n: np.array(ps, dtype=np.int64) for n, ps in nodes.items()},
                scale=np.array([scale_score(o) for o in orgs], dtype=np.float64),
                name_rank=np.array([rank[o.name] for o in orgs], dtype=np.int64))
    return hit  # type: ignore[no-any-return]


def expansion_counts(snap: Snapshot, fs: Firms, as_of: str | None,
                     grown: Callable[[Org], list[Event]]) -> np.ndarray:
    """Per position, the firm's distinct expansion events in the 24 months up to ``as_of`` (kept per date)."""
    memo = snap.at(as_of)
    with snap._lock:
        hit = memo.get("expansion_counts")
        if hit is None:
            hit = memo["expansion_counts"] = np.array(
                [len(grown(o)) if snap.events_of.get(o.id) else 0 for o in fs.orgs], dtype=np.int64)
    return hit  # type: ignore[no-any-return]


def ranked_positions(snap: Snapshot, fs: Firms, r: Region, top: list[dict[str, Any]], exp: np.ndarray,
                     weights: tuple[float, float, float], full: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The positions of the firms outside ``r`` in any of the gaps ``top``, best first, with their fit and score."""
    n = len(fs.orgs)
    best = max((g["priority"] for g in top), default=0.0) or 1.0
    prio = np.full(n, -1.0)
    count = np.zeros(n, dtype=np.int64)
    for g in top:
        ps = fs.by_node.get(g["id"])
        if ps is not None:
            prio[ps] = np.maximum(prio[ps], g["priority"])
            count[ps] += 1
    inside = [fs.pos[i] for i in snap.by_region.get(r.code, ()) if i in fs.pos]
    count[np.array(inside, dtype=np.int64)] = 0
    pos = np.nonzero(count)[0]
    f = prio[pos] / best + 0.05 * np.minimum(count[pos] - 1, 4)
    e = exp[pos]
    w_fit, w_scale, w_exp = weights
    score = w_fit * f + w_scale * fs.scale[pos] + w_exp * (np.minimum(e, full) / full)
    order = np.lexsort((pos, fs.name_rank[pos], -e, -score))
    return pos[order], f[order], score[order]


def fills(top: list[dict[str, Any]], o: Org) -> list[dict[str, Any]]:
    """The gaps of ``top`` the firm fills, highest priority first."""
    return [g for g in top if g["id"] in o.nodes]


def walk(fs: Firms, pos: np.ndarray, fit: np.ndarray, top: list[dict[str, Any]], limit: int | None,
         row: Callable[[Org, tuple[float, Any]], dict[str, Any]], words: Callable[[list[dict[str, Any]]], str]
         ) -> list[dict[str, Any]]:
    """The rows of the best firm of each corporate group, at most ``limit``, the group's other firms named under
    it."""
    return one_per_group(((fs.orgs[p], f) for p, f in zip(pos.tolist(), fit.tolist())), limit,
                         lambda o, f: row(o, (f, partial(words, fills(top, o)))))


def one_per_group(ranked: Iterable[tuple[Org, T]], limit: int | None,
                  row: Callable[[Org, T], dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows of the first firm of each corporate group in ``ranked`` order, at most ``limit``; the group's other
    firms are named under its row (``group_members``), and a group not shown has its members named under no one."""
    out: list[dict[str, Any]] = []
    by_group: dict[str, dict[str, Any] | None] = {}
    for o, item in ranked:
        if o.group in by_group:
            head = by_group[o.group]
            if head is not None:
                head.setdefault("group_members", []).append(o.name)
            continue
        if limit and len(out) >= limit:
            by_group[o.group] = None
            continue
        by_group[o.group] = shown = row(o, item)
        out.append(shown)
    return out
