"""The views of one thing: an organisation (its segments with evidence, events, relations, sources and
collaboration), an event (its sources with their sentences, its participants' organisations), the anchors of a
document (the starts of the evidence it holds) and the sentences of events' evidence."""
from __future__ import annotations

import copy
from typing import Any

from ..analytics.chainmap import evidence, sentence
from ..analytics.snapshot import snapshot
from ..errors import NotFound
from ..store import Store
from ..store.read_brief import event_windows
from ..store.read_pages import (add_event_sources, entity, event_record, events_in_force, record_starts,
                                relations_from, relations_to, sources_naming)
from ..store.state import per_version
from .base import joined
from .collaboration import org_collab

#: The fields of an organisation its view shows.
ORG_FIELDS = ("id", "type", "name", "aliases", "region", "ref_id", "origin", "attrs")


def _all_events(store: Store) -> list[dict[str, Any]]:
    """The events in force (relevant documents), newest first, without their sources, as ``Store.events`` orders
    them, each with its participants' names joined (``_names``); read once per store version."""
    def read() -> list[dict[str, Any]]:
        rows = events_in_force(store.engine)
        for r in rows:
            r["_names"] = joined(n for p in r.get("participants") or [] for n in (p.get("name", ""), p.get("canonical"))
                                 if n)
        return rows
    return per_version(store, "events", read)  # type: ignore[no-any-return]


def events_of(store: Store, participant: str, limit: int = 50, also: list[str] | None = None) -> list[dict[str, Any]]:
    """``store.events(participant=…, limit=…)`` from the per-version event list: only the matches' sources are read.
    ``also`` (an organisation's aliases) match a participant's whole name."""
    needle = participant.lower().replace("\0", "")
    exact = [f"\0{a.lower()}\0" for a in also or []]
    out = []
    for r in _all_events(store):
        names = r["_names"]
        if (needle and needle in names) or any(a in names for a in exact):
            out.append({k: copy.deepcopy(v) for k, v in r.items() if k != "_names"})
            if len(out) >= limit:
                break
    if out:
        add_event_sources(store.engine, out)
    return out


def org_row(store: Store, org_id: int) -> dict[str, Any]:
    """The stored row of organisation ``org_id``; not found for anything else (a person, a region, no entity)."""
    row = entity(store.engine, org_id)
    if row is None or row["type"] in ("person", "region"):
        raise NotFound(f"no organisation {org_id}", "search for it at /search")
    return row


def org_page(store: Store, org_id: int) -> dict[str, Any]:
    """Organisation ``org_id``: its fields, its segments with the sentences that show them, its evidence, events,
    relations both ways, the documents naming it and its collaboration."""
    e = org_row(store, org_id)
    rel_out = relations_from(store.engine, org_id)
    rel_in = relations_to(store.engine, [e["name"], *(e["aliases"] or [])])
    sources = sources_naming(store.engine, org_id)
    ev = evidence(store.engine, [org_id], per_org=20).get(org_id, [])
    snap = snapshot(store)
    segs = []
    for sid in e["segments"] or []:
        node = snap.chain.nodes.get(sid)
        words = [w for w in ([node.name, *node.terms] if node else [sid]) if w]
        found = [x for x in ev if any(w in x["sentence"] for w in words)]
        segs.append({"id": sid, "name": node.name if node else sid, "name_en": node.name_en if node else None,
                     "evidence": found[:5], "registry": e["origin"]})
    return {"organization": {k: e[k] for k in ORG_FIELDS},
            "segments": segs, "evidence": ev, "events": events_of(store, e["name"], limit=50, also=e["aliases"] or []),
            "relations": rel_out, "related_from": rel_in, "sources": sources, "collab": org_collab(store, org_id)}


def event_page(store: Store, event_id: int) -> dict[str, Any]:
    """Event ``event_id``: ``{"event", "sources"}``, each source with the sentence that reports the event, each
    participant with the id of the organisation of that name (``org_id``)."""
    rec = event_record(store.engine, event_id)
    if rec is None:
        raise NotFound(f"no event {event_id}", "see the events on the home page")
    ev = rec.event
    ev["participants"] = [{**p, "org_id": org_id}
                          for p, org_id in zip(ev["participants"] or [], rec.participant_orgs)]
    return {"event": ev, "sources": rec.sources}


def evidence_anchors(store: Store, doc: dict[str, Any]) -> set[int]:
    """The offsets the page of document ``doc`` (as ``Store.document`` gives it) anchors: the starts of the
    evidence of its events, figures and collaboration records."""
    anchors = {int(e["evidence_start"]) for e in doc["events"] if e.get("evidence_start") is not None}
    anchors |= {int(f["evidence"][0]) for e in doc["events"] for f in e.get("facets") or []
                if isinstance(f, dict) and len(f.get("evidence") or []) == 2}
    anchors |= {int(f["evidence_start"]) for f in doc["figures"] if f.get("evidence_start") is not None}
    return anchors | record_starts(store.engine, doc["duplicate_of"] or doc["id"])


def event_sentences(store: Store, event_ids: list[int]) -> dict[int, tuple[int, str]]:
    """Per event of ``event_ids`` that exists: (its document, the sentence of its evidence span; "" without one)."""
    out: dict[int, tuple[int, str]] = {}
    for r in event_windows(store, event_ids):
        start, end, base = r.evidence_start, r.evidence_end, r.lo
        if start is None or end is None:
            out[r.id] = (r.doc_id, "")
            continue
        out[r.id] = (r.doc_id, sentence(r.window, int(start) - base, max(int(start), int(end) - 1) - base))
    return out
