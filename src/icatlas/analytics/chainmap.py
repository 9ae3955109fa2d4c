"""The chain map of a region: per chain node, the chain firms present there with the evidence for each, the research
and support organisations beside them, the size, the location quotient and the node's label."""
from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from ..reference.regions import Region
from ..store.read_analytics import MentionWindow, first_mention_windows, mention_windows
from ..store.reading import StoreLike
from .snapshot import Org, Snapshot, snapshot
from .snapshot import check_as_of
from .strength import MEANING, labels, node_row, peers

_SENTENCE_END = re.compile(r"[。！？!?；;\n]")
#: Organisations whose evidence is read in one query.
_CHUNK = 400


def region_brief(snap: Snapshot, r: Region) -> dict[str, Any]:
    """The region as the analyses show it: code, names, level, parent, members, and its organisation count."""
    parent = snap.index.parent(r)
    return {"code": r.code, "name": r.name, "name_en": r.name_en, "level": r.level,
            "parent": parent.name if parent else None,
            "members": [m.name for m in (snap.index.get(c) for c in r.members) if m is not None],
            "organizations": snap.totals.get(r.code, 0), "support": _support_total(snap, r.code),
            "peers": len(peers(snap, r.level)), "lon": r.lon, "lat": r.lat}


def _support_total(snap: Snapshot, code: str) -> int:
    return sum(1 for i in snap.by_region.get(code, []) if not snap.orgs[i].firm)


def sentence(window: str, start: int, end: int) -> str:
    """The sentence of ``window`` that holds ``[start, end)``."""
    left = max((m.end() for m in _SENTENCE_END.finditer(window, 0, start)), default=0)
    m = _SENTENCE_END.search(window, end)
    right = m.end() if m else len(window)
    return window[left:right].strip()


def _org_evidence(store: StoreLike, oid: int, per_org: int) -> list[dict[str, Any]]:
    """Up to ``per_org`` sentences naming organisation ``oid`` in IC-relevant documents, one per document first (the
    first mention in each of its first documents, then later mentions in those documents), read a few rows at a time
    in (document, position) order."""
    limit = max(4 * per_org, 8)
    while True:
        rows = mention_windows(store, oid, limit)
        done, picked = _pick(rows, per_org, limit)
        if done:
            return picked
        limit *= 4


def _pick(rows: list[MentionWindow], per_org: int, limit: int) -> tuple[bool, list[dict[str, Any]]]:
    """From an organisation's first ``limit`` mention rows in (document, position) order: whether they settle its
    evidence, and the evidence (one sentence per document first)."""
    first: list[dict[str, Any]] = []
    later: list[dict[str, Any]] = []
    seen: set[int] = set()
    for r in rows:
        item: dict[str, Any] = {"kind": "document", "doc_id": r.doc_id, "title": r.title, "source": r.source,
                "span": [r.start, r.end], "surface": r.surface,
                "sentence": sentence(r.window, r.start - r.lo, r.end - r.lo)}
        if item["doc_id"] in seen:
            later.append(item)
        else:
            seen.add(item["doc_id"])
            first.append(item)
    # enough once ``per_org`` documents are seen (later documents cannot come before them) or all rows are read
    return len(first) >= per_org or len(rows) < limit, (first + later)[:per_org]


def _orgs_evidence(store: StoreLike, oids: list[int], per_org: int) -> dict[int, list[dict[str, Any]]]:
    """:func:`_org_evidence` for many organisations, a few hundred per query; an organisation those rows do not
    settle is read on its own."""
    limit = max(4 * per_org, 8)
    out: dict[int, list[dict[str, Any]]] = {}
    for i in range(0, len(oids), _CHUNK):
        chunk = oids[i:i + _CHUNK]
        rows = first_mention_windows(store, chunk, limit)
        for oid in chunk:
            done, picked = _pick(rows.get(oid, []), per_org, limit)
            out[oid] = picked if done else _org_evidence(store, oid, per_org)
    return out


def evidence(store: StoreLike, org_ids: list[int], per_org: int = 3,
             cache: dict[tuple[int, int], list[dict[str, Any]]] | None = None) -> dict[int, list[dict[str, Any]]]:
    """Up to ``per_org`` sentences per organisation from IC-relevant documents, one per document first. With
    ``cache`` (kept per store state), each organisation is read from the store once."""
    out: dict[int, list[dict[str, Any]]] = defaultdict(list)
    if per_org <= 0 or not org_ids:
        return out
    cache = {} if cache is None else cache
    missing = [oid for oid in dict.fromkeys(org_ids) if (oid, per_org) not in cache]
    if missing:
        for oid, items in _orgs_evidence(store, missing, per_org).items():
            cache[(oid, per_org)] = items
    for oid in org_ids:
        if cache[(oid, per_org)]:
            out[oid] = cache[(oid, per_org)]
    return out


def preload_evidence(store: StoreLike, per_org: int = 3) -> int:
    """Read the evidence of every organisation named in the store in one pass (a few queries of 400 organisations),
    into the snapshot's per-state cache that :func:`chain_map` reads; afterwards no region page reads evidence of
    its own until the store changes. Returns how many organisations were read."""
    snap = snapshot(store)
    cache = snap.memo.setdefault("evidence", {})
    ids = [i for i, o in snap.orgs.items() if o.mentioned and (i, per_org) not in cache]
    evidence(store, ids, per_org, cache=cache)
    return len(ids)


def org_sources(o: Org, docs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The evidence for an organisation's presence: sentences of documents, then its registry row."""
    out = list(docs)
    if o.origin:
        out.append({"kind": "registry", "origin": o.origin, "ref_id": o.ref_id, "note": o.note,
                    "region": o.region, "segments": o.segments})
    return out


def _support_entry(o: Org) -> dict[str, Any]:
    """A research or support organisation beside a node: named and typed, its evidence on its own page."""
    return {"name": o.name, "id": o.id, "type": o.type, "region": o.region}


def org_entry(o: Org, docs: list[dict[str, Any]]) -> dict[str, Any]:
    return {"name": o.name, "id": o.id, "type": o.type, "region": o.region, "segments": o.segments,
            "sources": org_sources(o, docs)}


Layout = tuple[dict[str, list[int]], dict[str, int], dict[str, list[int]], dict[str, list[int]], dict[str, int]]


def _layout(snap: Snapshot, code: str, orgs_per_node: int | None) -> Layout:
    """Per chain node of region ``code``: the chain firms listed (best evidenced first), how many are left out, all
    of them, the research and support organisations listed and how many of those are left out; computed once per
    store state."""
    key = ("layout", code, orgs_per_node)
    hit = snap.memo.get(key)
    if hit is None:
        orgs = sorted((snap.orgs[i] for i in snap.by_region.get(code, [])),
                      key=lambda o: (not o.mentioned, -o.documents, o.name))
        under: dict[str, list[int]] = defaultdict(list)
        support: dict[str, list[int]] = defaultdict(list)
        for o in orgs:
            for n in o.nodes:
                (under if o.firm else support)[n].append(o.id)
        shown = {nid: lst[:orgs_per_node] if orgs_per_node is not None else lst for nid, lst in under.items()}
        more = {nid: len(lst) - len(shown[nid]) for nid, lst in under.items()}
        sup = {nid: lst[:orgs_per_node] if orgs_per_node is not None else lst for nid, lst in support.items()}
        sup_more = {nid: len(lst) - len(sup[nid]) for nid, lst in support.items()}
        hit = snap.memo[key] = (shown, more, dict(under), sup, sup_more)
    return hit


def _investment(snap: Snapshot, code: str, every: dict[str, list[int]], as_of: str | None) -> dict[str, float]:
    """Per chain node of region ``code``, the CNY its firms put into investment events up to ``as_of``."""
    memo = snap.at(as_of)
    key = ("investment", code)
    hit = memo.get(key)
    if hit is None:
        per_org: dict[int, float] = {}
        hit = memo[key] = {nid: sum(per_org.setdefault(i, snap.investment_until(i, as_of)) for i in lst)
                           for nid, lst in every.items()}
    return hit  # type: ignore[no-any-return]


#: Organisations listed per chain node by default (the best evidenced first); the node's count holds them all.
ORGS_PER_NODE = 5


def chain_map(store: StoreLike, region: str, evidence_per_org: int = 3, orgs_per_node: int | None = ORGS_PER_NODE,
              as_of: str | None = None) -> dict[str, Any]:
    """For ``region`` (any level), each chain node with its chain firms and their evidence, its research and support
    organisations, its size, LQ and label; JSON ``{"region": {...}, "labels": {label: meaning}, "nodes": [{"id",
    "name", "stage", "count", "size", "share", "rank", "lq", "label", "strong", "organizations": [{"name",
    "sources"}], "more", "support", "support_more"}]}``. Firms named in IC-relevant documents come first, the most
    often named first, then registry rows; each node lists at most ``orgs_per_node`` of them (None: all) and
    ``more`` says how many it leaves out. ``count`` counts chain firms (companies, a group once), ``firms`` is the
    number of firms listed or left out (each member of a group); ``support`` lists universities, institutes,
    platforms, parks and funds, which are shown and never counted (as many as the firms, ``support_more`` the
    number left out)."""
    as_of = check_as_of(as_of)
    snap = snapshot(store)
    r = snap.region(region)
    shown, more, every, sup, sup_more = _layout(snap, r.code, orgs_per_node)
    invest = _investment(snap, r.code, every, as_of)
    listed = list(dict.fromkeys(i for lst in shown.values() for i in lst))
    docs = evidence(store, [i for i in listed if snap.orgs[i].mentioned], evidence_per_org,
                    cache=snap.memo.setdefault("evidence", {}))
    entries = {i: org_entry(snap.orgs[i], [dict(d) for d in docs.get(i, [])]) for i in listed}
    mine = labels(snap, r.code, as_of)
    nodes = []
    for nid, node in snap.chain.nodes.items():
        s = mine[nid]
        nodes.append({"id": nid, "name": node.name, "name_en": node.name_en, "stage": node.stage,
                      "parent": node.parent, **node_row(s),
                      "investment_cny": invest.get(nid) or None,
                      "firms": len(shown.get(nid, [])) + more.get(nid, 0),
                      "organizations": [entries[i] for i in shown.get(nid, [])],
                      "more": more.get(nid, 0),
                      "support": [_support_entry(snap.orgs[i]) for i in sup.get(nid, [])],
                      "support_more": sup_more.get(nid, 0)})
    return {"region": region_brief(snap, r), "as_of": as_of or snap.as_of, "labels": dict(MEANING), "nodes": nodes}
