"""What each page shows, as JSON-ready dicts: the HTML page and its ``.json`` twin render the same data."""
from __future__ import annotations

import bisect
import copy
import re
from collections import Counter
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy import text as sql_text

from ..errors import NotFound, UsageError
from ..store import Store
from ..store import schema as t
from ..store.queries import add_sources
from .cache import per_version, store_version
from .collab_pages import org_collab, region_collab

DEFAULT_SEGMENT = "manufacturing"


def _snap(store: Store) -> Any:
    from ..analytics.snapshot import snapshot

    return snapshot(store)


def t2s(text: str) -> str:
    from ..normalise.script import converter

    return str(converter("t2s").convert(text))


def segments(store: Store) -> list[dict[str, Any]]:
    """Every chain node (id, name, name_en, stage, depth) in tree order, for the segment select."""
    ch = _snap(store).chain
    out: list[dict[str, Any]] = []

    def walk(parent: str | None, depth: int) -> None:
        for nid in ch.children.get(parent, []):
            n = ch.nodes[nid]
            out.append({"id": nid, "name": n.name, "name_en": n.name_en, "stage": n.stage, "depth": depth})
            walk(nid, depth + 1)
    walk(None, 0)
    return out


def province_strength(store: Store, node: str) -> list[dict[str, Any]]:
    """Per province: its map name (short form), count, LQ and status in chain node ``node``."""
    from ..analytics.strength import strength

    snap = _snap(store)
    if node not in snap.chain.nodes:
        raise NotFound(f"no chain segment {node!r}", "pick one from the list on the home page")
    out = []
    for r in snap.index.by_code.values():
        if r.level != "province":
            continue
        s = strength(snap, r.code, node)
        out.append({"code": r.code, "name": r.name, "short": r.short or r.name, "name_en": r.name_en,
                    "count": s.count, "lq": round(s.lq, 3), "strong": s.strong,
                    "status": "strong" if s.strong else ("weak" if s.count else "absent"),
                    "organizations": snap.totals.get(r.code, 0)})
    out.sort(key=lambda p: (-p["count"], -p["organizations"], p["code"]))
    return out


def home(store: Store, segment: str | None) -> dict[str, Any]:
    segs = segments(store)
    ids = {s["id"] for s in segs}
    seg = segment if segment in ids else (DEFAULT_SEGMENT if DEFAULT_SEGMENT in ids else (segs[0]["id"] if segs else ""))
    # the counts and the newest events change only with the store: read once per store version
    return {"stats": copy.deepcopy(per_version(store, "stats", store.stats)), "segment": seg, "segments": segs,
            "provinces": province_strength(store, seg) if seg else [],
            "events": copy.deepcopy(per_version(store, "events10", lambda: store.events(limit=10))),
            "documents": document_list(store, {})["documents"][:20]}


def _joined(names: Any) -> str:
    """Names in lower case, each between NULs: ``q in joined`` finds a name holding ``q``, ``f"\0{q}\0" in joined``
    a name that is ``q``; one substring test per row instead of one per name."""
    return "\0" + "\0".join(str(n).lower() for n in names) + "\0"


def _all_events(store: Store) -> list[dict[str, Any]]:
    """The events in force (relevant documents), newest first, without their sources, as ``Store.events`` orders
    them; read once per store version."""
    from ..store.queries import in_force_relevant

    def read() -> list[dict[str, Any]]:
        ev, doc = t.events, t.documents
        q = (select(ev, doc.c.title.label("doc_title"), doc.c.source.label("doc_source"))
             .join(doc, doc.c.id == ev.c.doc_id).where(in_force_relevant())
             .order_by(ev.c.date.desc().nulls_last(), ev.c.id.desc()))
        with store.engine.connect() as conn:
            rows = [dict(r) for r in conn.execute(q).mappings()]
        for r in rows:
            r["_names"] = _joined(p.get("name", "") for p in r.get("participants") or [])
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
        with store.engine.connect() as conn:
            add_sources(conn, out)
    return out


def find_orgs(store: Store, query: str, limit: int = 20) -> list[dict[str, Any]]:
    """``store.lookups.find_orgs`` over the organisations read once per store version; [] when none matches."""
    from ..reference.orgs import ORG_TYPES
    from ..store.lookups import chain_nodes

    def read() -> tuple[list[tuple[str, dict[str, Any]]], dict[str, dict[str, Any]]]:
        with store.engine.connect() as conn:
            rows = [dict(r) for r in conn.execute(select(t.entities).where(t.entities.c.type.in_(ORG_TYPES))).mappings()]
        return [(_joined([e["name"], *(e["aliases"] or [])]), e) for e in rows], chain_nodes(store.engine)
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


def _org_row(o: Any) -> dict[str, Any]:
    return {"id": o.id, "name": o.name, "type": o.type, "region": o.region, "segments": o.segments,
            "documents": o.documents, "evidence": "documents" if o.mentioned else "registry"}


def region(store: Store, name: str) -> dict[str, Any]:
    from ..analytics import chain_map, gaps
    from ..analytics.timelines import region_events, timeline

    snap = _snap(store)
    r = snap.region(name)
    cmap = chain_map(store, r.code, evidence_per_org=1)
    g = gaps(store, r.code, limit=10)
    # complementary regions: strong where this region has its top gaps
    comp: Counter[str] = Counter()
    fills: dict[str, list[str]] = {}
    for gap in g["gaps"]:
        for c in gap.get("strong_elsewhere", []):
            comp[c["name"]] += 1
            fills.setdefault(c["name"], []).append(gap["name"])
    complements = [{"name": n, "gaps_filled": k, "segments": fills[n]} for n, k in comp.most_common(10)]
    orgs = sorted((snap.orgs[i] for i in snap.by_region.get(r.code, [])),
                  key=lambda o: (not o.mentioned, -o.documents, o.name))
    return {"region": cmap["region"], "nodes": cmap["nodes"], "gaps": g["gaps"], "recent_since": g["recent_since"],
            "complements": complements, "timeline": timeline(store, r.code)["periods"],
            "events": region_events(store, r.code, limit=30), "organizations": [_org_row(o) for o in orgs[:100]],
            "organizations_total": len(orgs), "collab": region_collab(store, r.name)}


def segment(store: Store, node: str) -> dict[str, Any]:
    snap = _snap(store)
    n = snap.chain.nodes.get(node)
    if n is None:
        raise NotFound(f"no chain segment {node!r}", "see the segment list on the home page")
    spread = [p for p in province_strength(store, node) if p["count"]]
    orgs = sorted((o for o in snap.orgs.values() if node in o.nodes and o.region_code),
                  key=lambda o: (not o.mentioned, -o.documents, o.name))
    named = lambda i: snap.chain.nodes[i].name if i in snap.chain.nodes else i  # noqa: E731
    return {"segment": {"id": node, "name": n.name, "name_en": n.name_en, "stage": n.stage, "parent": n.parent,
                        "stage_name": named(n.stage), "parent_name": named(n.parent) if n.parent else None,
                        "children": [{"id": c, "name": snap.chain.nodes[c].name}
                                     for c in snap.chain.children.get(node, [])],
                        "national": snap.national.get(node, 0)},
            "spread": spread, "organizations": [_org_row(o) for o in orgs[:50]], "organizations_total": len(orgs)}


def org_row(store: Store, org_id: int) -> dict[str, Any]:
    """The stored row of organisation ``org_id``; not found for anything else (a person, a region, no entity)."""
    with store.engine.connect() as conn:
        row = conn.execute(select(t.entities).where(t.entities.c.id == org_id)).mappings().first()
    if row is None or row["type"] in ("person", "region"):
        raise NotFound(f"no organisation {org_id}", "search for it at /search")
    return dict(row)


def org(store: Store, org_id: int) -> dict[str, Any]:
    from ..analytics.chainmap import evidence

    e = org_row(store, org_id)
    with store.engine.connect() as conn:
        rel_out = [dict(r) for r in conn.execute(
            select(t.relations.c.id, t.relations.c.type, t.relations.c.target, t.relations.c.doc_id,
                   t.relations.c.evidence_start, t.relations.c.evidence_end)
            .where(t.relations.c.source_id == org_id).limit(100)).mappings()]
        names = [e["name"], *(e["aliases"] or [])]
        rel_in = [dict(r) for r in conn.execute(
            select(t.relations.c.id, t.relations.c.type, t.entities.c.name.label("source"),
                   t.relations.c.source_id, t.relations.c.doc_id, t.relations.c.evidence_start)
            .join(t.entities, t.entities.c.id == t.relations.c.source_id)
            .where(t.relations.c.target.in_(names)).limit(100)).mappings()]
        sources = [dict(r) for r in conn.execute(
            select(t.documents.c.id, t.documents.c.title, t.documents.c.source, t.documents.c.published,
                   func.count().label("mentions"))
            .join(t.mentions, t.mentions.c.doc_id == t.documents.c.id)
            .where(t.mentions.c.entity_id == org_id).group_by(t.documents.c.id)
            .order_by(t.documents.c.id.desc()).limit(50)).mappings()]
    ev = evidence(store.engine, [org_id], per_org=20).get(org_id, [])
    snap = _snap(store)
    segs = []
    for sid in e["segments"] or []:
        node = snap.chain.nodes.get(sid)
        words = [w for w in ([node.name, *node.terms] if node else [sid]) if w]
        found = [x for x in ev if any(w in x["sentence"] for w in words)]
        segs.append({"id": sid, "name": node.name if node else sid, "name_en": node.name_en if node else None,
                     "evidence": found[:5], "registry": e["origin"]})
    e.pop("curated", None)
    return {"organization": {k: e[k] for k in ("id", "type", "name", "aliases", "region", "ref_id", "origin", "attrs")},
            "segments": segs, "evidence": ev, "events": events_of(store, e["name"], limit=50, also=e["aliases"] or []),
            "relations": rel_out, "related_from": rel_in, "sources": sources, "collab": org_collab(store, org_id)}


def event(store: Store, event_id: int) -> dict[str, Any]:
    with store.engine.connect() as conn:
        row = conn.execute(select(t.events).where(t.events.c.id == event_id)).mappings().first()
        if row is None:
            raise NotFound(f"no event {event_id}", "see the events on the home page")
        ev = dict(row)
        srcs = [dict(r) for r in conn.execute(
            select(t.event_sources.c.doc_id, t.event_sources.c.evidence_start, t.event_sources.c.evidence_end,
                   t.documents.c.title, t.documents.c.source, t.documents.c.published)
            .join(t.documents, t.documents.c.id == t.event_sources.c.doc_id)
            .where(t.event_sources.c.event_id == event_id).order_by(t.event_sources.c.doc_id)).mappings()]
        if not any(s["doc_id"] == ev["doc_id"] for s in srcs):
            d = conn.execute(select(t.documents.c.title, t.documents.c.source, t.documents.c.published)
                             .where(t.documents.c.id == ev["doc_id"])).mappings().first()
            srcs.insert(0, {"doc_id": ev["doc_id"], "evidence_start": ev["evidence_start"],
                            "evidence_end": ev["evidence_end"], **dict(d or {})})
        for s in srcs:
            if s.get("evidence_start") is not None:
                text = conn.execute(select(func.substr(t.documents.c.text, s["evidence_start"] + 1,
                                                       s["evidence_end"] - s["evidence_start"]))
                                    .where(t.documents.c.id == s["doc_id"])).scalar()
                s["sentence"] = text
        parts = []
        for p in ev["participants"] or []:
            name = str(p.get("name", ""))
            ent = conn.execute(select(t.entities.c.id).where(t.entities.c.name == name,
                                                             t.entities.c.type.not_in(("person", "region")))).first()
            parts.append({**p, "org_id": int(ent[0]) if ent else None})
        ev["participants"] = parts
    return {"event": ev, "sources": srcs}


def search(store: Store, q: str, limit: int = 50) -> dict[str, Any]:
    q = (q or "").replace("\0", "").strip()[:200]  # no stored text holds a NUL
    if not q:
        return {"q": "", "q_simplified": "", "documents": [], "organizations": [], "regions": [], "segments": []}
    qs = t2s(q)
    d = t.documents
    forms = list(dict.fromkeys([q, qs]))
    pattern = [f"%{_like(x)}%" for x in forms]
    cond = or_(*[d.c.text.like(p, escape="\\") for p in pattern], *[d.c.title.like(p, escape="\\") for p in pattern])
    if min(len(x) for x in forms) < 3 and store_version(store) is not None:
        # too short for the trigram index: the documents' text kept in memory per store state, scanned there
        cond = d.c.id.in_(_scan(store, forms, limit))
    elif min(len(x) for x in forms) >= 3 and _has_fts(store):
        # the trigram index finds the candidates (any substring of 3+ characters, case-insensitive like LIKE)
        match = " OR ".join('"' + x.replace('"', '""') + '"' for x in forms)
        cond = d.c.id.in_(sql_text(f"SELECT rowid FROM {t.DOCUMENTS_FTS} WHERE {t.DOCUMENTS_FTS} MATCH :m")
                          .bindparams(m=match))
    with store.engine.connect() as conn:
        rows = conn.execute(select(d.c.id, d.c.title, d.c.source, d.c.published, d.c.text)
                            .where(cond, d.c.duplicate_of.is_(None)).order_by(d.c.id.desc()).limit(limit)).mappings().all()
    docs = []
    for r in rows:
        text = r["text"] or ""
        pos = text.find(qs)
        if pos < 0:
            pos = text.find(q)
        docs.append({"id": r["id"], "title": r["title"], "source": r["source"], "published": r["published"],
                     "start": pos if pos >= 0 else None,
                     "snippet": text[max(0, pos - 40): pos + len(qs) + 60] if pos >= 0 else text[:100]})
    orgs: dict[int, dict[str, Any]] = {}
    for form in dict.fromkeys([q, qs]):
        for o in find_orgs(store, form, 30):
            orgs.setdefault(int(o["id"]), o)
    snap = _snap(store)
    regs: list[dict[str, Any]] = []
    for form in dict.fromkeys([q, qs]):
        for r in snap.index.lookup(form):
            if r.code not in {x["code"] for x in regs}:
                regs.append({"code": r.code, "name": r.name, "level": r.level})
    segs = [s for s in segments(store) if qs in s["name"] or q.lower() in str(s["name_en"] or "").lower()]
    return {"q": q, "q_simplified": qs, "documents": docs, "organizations": list(orgs.values()), "regions": regs,
            "segments": segs}


#: SQL's LIKE folds the case of ASCII letters only; the in-memory scan does the same.
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _scan_text(store: Store) -> tuple[str, list[int], list[int]]:
    """Every document that is not a duplicate, newest first, as one string (title NUL text NUL, ASCII letters in
    lower case), with each document's offset in it and its id; built once per store state."""
    def read() -> tuple[str, list[int], list[int]]:
        d = t.documents
        parts: list[str] = []
        starts: list[int] = []
        ids: list[int] = []
        pos = 0
        with store.engine.connect() as conn:
            rows = conn.execute(select(d.c.id, d.c.title, d.c.text).where(d.c.duplicate_of.is_(None))
                                .order_by(d.c.id.desc()))
            for doc_id, title, text in rows:
                part = f"{(title or '').replace(chr(0), ' ')}\0{(text or '').replace(chr(0), ' ')}\0"
                parts.append(part)
                starts.append(pos)
                ids.append(int(doc_id))
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


def _has_fts(store: Store) -> bool:
    """Whether the store has the documents' trigram index (migration 5 on an SQLite with FTS5)."""
    def read() -> bool:
        if store.engine.dialect.name != "sqlite":
            return False
        with store.engine.connect() as conn:
            return conn.execute(sql_text("SELECT 1 FROM sqlite_master WHERE name = :n"), {"n": t.DOCUMENTS_FTS}).first() is not None
    return bool(per_version(store, "has_fts", read))


def _like(s: str) -> str:
    return re.sub(r"([\\%_])", r"\\\1", s)


def compare(store: Store, a: str | None, b: str | None) -> dict[str, Any]:
    from ..analytics import compare as cmp

    if not a or not b:
        return {"a": None, "b": None, "a_strong_b_weak": [], "b_strong_a_weak": []}
    return cmp(store, a, b)


def curation_log(store: Store, limit: int = 500) -> dict[str, Any]:
    with store.engine.connect() as conn:
        rows = [dict(r) for r in conn.execute(select(t.curation).order_by(t.curation.c.id.desc()).limit(limit)).mappings()]
    for r in rows:
        r["at"] = str(r["at"]) if r["at"] is not None else None
    return {"entries": rows}


#: File kinds an upload may be, by the file name's ending; the name is a label, never a path.
UPLOAD_FORMATS = {".txt": "txt", ".text": "txt", ".md": "txt", ".html": "html", ".htm": "html"}


def upload(store: Store, title: str, text: Any, published: Any) -> dict[str, Any]:
    """Run the ingest pipeline on one text and store it: ``{"id", "url", "status"}``."""
    from ..read.sources import ReadOptions, _record_item

    if not isinstance(text, str) or not text.strip():
        raise UsageError("the document has no text", 'send {"title", "text", "published"} with a non-empty text')
    rec: dict[str, Any] = {"text": text}
    if title:
        rec["title"] = str(title)
    if published:
        rec["published"] = str(published)
    return _ingest_item(store, _record_item(f"upload:{(title or 'untitled')[:60]}", rec, ReadOptions()))


def upload_file(store: Store, filename: str, raw: bytes, title: str = "", published: Any = None) -> dict[str, Any]:
    """Ingest an uploaded file (plain text or an HTML page, any common Chinese encoding): ``{"id", "url", ...}``."""
    from ..read.decode import decode
    from ..read.sources import ReadOptions, make_document

    label = re.sub(r"[\x00-\x1f]", "", re.split(r"[/\\]", filename.strip())[-1])[-80:] or "file"
    suffix = ("." + label.rsplit(".", 1)[-1].lower()) if "." in label else ""
    fmt = UPLOAD_FORMATS.get(suffix)
    if fmt is None:
        raise UsageError(f"cannot read a {suffix or 'nameless'} file",
                         "upload a .txt, .md, .html or .htm file, or paste the text")
    if not raw.strip():
        raise UsageError("the file is empty", "choose a file with the article's text")
    dec = decode(raw, label)
    meta: dict[str, Any] = {}
    if title:
        meta["title"] = str(title)
    if published:
        meta["published"] = str(published)
    return _ingest_item(store, make_document(f"upload:{label}", dec.text, fmt, ReadOptions(), meta, dec.encoding))


def _ingest_item(store: Store, item: Any) -> dict[str, Any]:
    from ..pipeline import Report, ingest

    report = Report()
    done = next(ingest(store, [item], report), None)
    if done is None:
        problem = report.errors[0] if report.errors else None
        raise UsageError(f"the document could not be processed: {problem.reason if problem else 'unknown'}",
                         (problem.hint or None) if problem else None)
    res = done[1]
    return {"id": res.doc_id, "url": f"/documents/{res.doc_id}", "status": res.status,
            "duplicate_of": res.duplicate_of}




PAGE_SIZE = 50


def _page(value: Any) -> int:
    text = str(value or "1").strip()
    if not text.isdigit() or int(text) < 1:
        raise UsageError(f"page {text!r} is not a page number", "pages are numbered from 1")
    return min(int(text), 10_000)


def event_list(store: Store, params: Any) -> dict[str, Any]:
    """Events in force, newest first, ``PAGE_SIZE`` a page, filtered by type, region, participant and date range
    (``since``/``until``: a year, month or day)."""
    from ..extract.events import EVENT_TYPES

    types = [x for x in str(params.get("type") or "").split(",") if x]
    unknown = [x for x in types if x not in EVENT_TYPES]
    if unknown:
        raise UsageError(f"no event type {unknown[0]!r}", "types: " + ", ".join(EVENT_TYPES))
    for key in ("since", "until"):
        v = params.get(key)
        if v and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", str(v)):
            raise UsageError(f"{key} {v!r} is not a date", "write 2024, 2024-06 or 2024-06-01")
    page = _page(params.get("page"))
    filters = {k: (str(params.get(k)).strip() or None) if params.get(k) else None
               for k in ("region", "participant", "since", "until")}
    rows = store.events(since=filters["since"], until=filters["until"], types=types or None,
                        region=filters["region"], participant=filters["participant"], limit=PAGE_SIZE + 1,
                        offset=(page - 1) * PAGE_SIZE)
    return {"events": rows[:PAGE_SIZE], "page": page, "has_next": len(rows) > PAGE_SIZE, "types": list(EVENT_TYPES),
            "filters": {**filters, "type": ",".join(types) or None}}


def document_list(store: Store, params: Any) -> dict[str, Any]:
    """Documents, newest first, ``PAGE_SIZE`` a page; each with a label: its title, else the opening of its text."""
    page = _page(params.get("page"))
    d = t.documents
    cols = [d.c[c] for c in ("id", "url", "title", "published", "language", "duplicate_of", "relevant",
                             "relevance_override")]
    with store.engine.connect() as conn:
        rows = [dict(r) for r in conn.execute(
            select(*cols, func.substr(d.c.text, 1, 60).label("opening")).order_by(d.c.id.desc())
            .limit(PAGE_SIZE + 1).offset((page - 1) * PAGE_SIZE)).mappings()]
        total = int(conn.execute(select(func.count()).select_from(d)).scalar_one())
    for r in rows:
        opening = re.split(r"[。！？\n]", str(r.pop("opening") or "").strip())[0]
        opening = opening[:40] + "…" if len(opening) > 40 else opening
        r["label"] = r["title"] or opening or None
        override = r.pop("relevance_override")
        r["relevant"] = bool(override if override is not None else r["relevant"])
    return {"documents": rows[:PAGE_SIZE], "page": page, "has_next": len(rows) > PAGE_SIZE, "total": total}


def record_anchors(store: Store, doc_id: int) -> set[int]:
    """The evidence starts of a document's collaboration records: the document page anchors each one."""
    c = t.collab_records
    with store.engine.connect() as conn:
        return {int(x) for x in conn.execute(select(c.c.evidence_start).where(c.c.doc_id == doc_id)).scalars()}
