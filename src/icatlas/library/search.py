"""The search: documents by a text in either script, organisations by name or alias, regions and chain segments.

Documents are found three ways, by the length of the query: three characters or more through the documents'
trigram index when the store has it; shorter ones in the documents' text kept in memory per store state; SQL's
LIKE otherwise (a store without a state stamp). Each finds what ``LIKE '%query%'`` finds."""
from __future__ import annotations

import bisect
import copy
from typing import Any

from ..analytics.snapshot import snapshot
from ..errors import NotFound, UsageError
from ..store import Store
from ..store.lookups import chain_nodes
from ..store.read_pages import organisations
from ..store.search import DocumentHit, find_documents, has_trigram_index, titles_and_texts
from ..store.state import per_version, store_version
from .base import joined, segments


def t2s(text: str) -> str:
    """``text`` in Simplified characters."""
    from ..normalise.script import converter

    return str(converter("t2s").convert(text))


def search(store: Store, q: str, limit: int = 50) -> dict[str, Any]:
    """Documents (newest first, with a snippet around the query), organisations, regions and chain segments matching
    ``q`` as written or in Simplified characters: ``{"q", "q_simplified", "documents", "organizations", "regions",
    "segments"}``."""
    q = (q or "").replace("\0", "").strip()[:200]  # no stored text holds a NUL
    if not q:
        return {"q": "", "q_simplified": "", "documents": [], "organizations": [], "regions": [], "segments": []}
    qs = t2s(q)
    forms = list(dict.fromkeys([q, qs]))
    docs = []
    for hit in _documents(store, forms, limit):
        text = hit["text"] or ""
        pos = text.find(qs)
        if pos < 0:
            pos = text.find(q)
        docs.append({"id": hit["id"], "title": hit["title"], "source": hit["source"], "published": hit["published"],
                     "start": pos if pos >= 0 else None,
                     "snippet": text[max(0, pos - 40): pos + len(qs) + 60] if pos >= 0 else text[:100]})
    orgs: dict[int, dict[str, Any]] = {}
    for form in forms:
        for o in find_orgs(store, form, 30):
            orgs.setdefault(int(o["id"]), o)
    regs: list[dict[str, Any]] = []
    for form in forms:
        for r in snapshot(store).index.lookup(form):
            if r.code not in {x["code"] for x in regs}:
                regs.append({"code": r.code, "name": r.name, "level": r.level})
    segs = [s for s in segments(store) if qs in s["name"] or q.lower() in str(s["name_en"] or "").lower()]
    return {"q": q, "q_simplified": qs, "documents": docs, "organizations": list(orgs.values()), "regions": regs,
            "segments": segs}


def _documents(store: Store, forms: list[str], limit: int) -> list[DocumentHit]:
    shortest = min(len(x) for x in forms)
    if shortest < 3 and store_version(store) is not None:
        # too short for the trigram index: the documents' text kept in memory per store state, scanned there
        return find_documents(store.engine, forms, limit, how="ids", ids=_scan(store, forms, limit))
    if shortest >= 3 and _has_index(store):
        # the trigram index finds the candidates (any substring of 3+ characters, case-insensitive like LIKE)
        return find_documents(store.engine, forms, limit, how="trigram")
    return find_documents(store.engine, forms, limit)


#: SQL's LIKE folds the case of ASCII letters only; the in-memory scan does the same.
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _scan_text(store: Store) -> tuple[str, list[int], list[int]]:
    """Every document that is not a duplicate, newest first, as one string (title NUL text NUL, ASCII letters in
    lower case), with each document's offset in it and its id; built once per store state."""
    def read() -> tuple[str, list[int], list[int]]:
        parts: list[str] = []
        starts: list[int] = []
        ids: list[int] = []
        pos = 0
        for doc_id, title, text in titles_and_texts(store.engine):
            part = f"{(title or '').replace(chr(0), ' ')}\0{(text or '').replace(chr(0), ' ')}\0"
            parts.append(part)
            starts.append(pos)
            ids.append(doc_id)
            pos += len(part)
        return "".join(parts).translate(_ASCII_LOWER), starts, ids
    return per_version(store, "scan_text", read)  # type: ignore[no-any-return]


def _scan(store: Store, forms: list[str], limit: int) -> list[int]:
    """The ids of the newest ``limit`` documents whose title or text holds one of ``forms`` (as ``LIKE '%form%'``
    finds them), from the in-memory text of :func:`_scan_text`."""
    big, starts, ids = _scan_text(store)
    found: set[int] = set()
    for form in forms:
        needle = form.translate(_ASCII_LOWER)  # search() took any NUL out of the query
        n, pos = 0, big.find(needle)
        while pos >= 0 and n < limit:  # each form's first ``limit`` documents; the union's first are the answer
            k = bisect.bisect_right(starts, pos) - 1
            found.add(k)
            n += 1
            pos = big.find(needle, starts[k + 1]) if k + 1 < len(starts) else -1
    return [ids[k] for k in sorted(found)[:limit]]


def _has_index(store: Store) -> bool:
    return bool(per_version(store, "has_fts", lambda: has_trigram_index(store.engine)))


# -- organisations by name ---------------------------------------------------------------------------------------
def find_orgs(store: Store, query: str, limit: int = 20) -> list[dict[str, Any]]:
    """``store.lookups.find_orgs`` over the organisations read once per store version; [] when none matches."""
    def read() -> tuple[list[tuple[str, dict[str, Any]]], dict[str, dict[str, Any]]]:
        rows = organisations(store.engine)
        return [(joined([e["name"], *(e["aliases"] or [])]), e) for e in rows], chain_nodes(store.engine)
    rows, nodes = per_version(store, "orgs", read)
    q = query.strip().lower().replace("\0", "")
    whole = f"\0{q}\0"
    hits = []
    for names, e in rows:
        if q in names:
            hits.append((0 if whole in names else 1, e))
    hits.sort(key=lambda x: (x[0], len(x[1]["name"]), x[1]["name"]))
    out = []
    for _, e in hits[:limit]:
        segs = [{"id": s, "name": nodes[s]["name"] if s in nodes else None,
                 "name_en": nodes[s]["name_en"] if s in nodes else None} for s in e["segments"] or []]
        out.append(copy.deepcopy({**{k: e[k] for k in ("id", "type", "name", "aliases", "region", "ref_id", "origin",
                                                        "attrs")}, "segments": segs}))
    return out


def entity_id_of(store: Store, ref: str) -> int:
    """The id of the entity ``ref`` names: an id, or an exact name or alias (one entity only)."""
    ref = ref.strip()
    if not ref:
        raise UsageError("no organisation given", "write the other organisation's id or full name")
    if ref.isdigit():
        return int(ref)
    hits = [o for o in find_orgs(store, ref, limit=50)
            if ref.lower() in [str(o["name"]).lower(), *(str(a).lower() for a in o["aliases"] or [])]]
    if not hits:
        raise NotFound(f"no organisation named {ref!r}", "write its full name or its id (the number in its address)")
    if len(hits) > 1:
        raise UsageError(f"{len(hits)} organisations are named {ref!r}",
                         "write the id of the one to merge (the number in its address)")
    return int(hits[0]["id"])
