"""The organisations of the store as a list: every one, or those whose name or alias holds a query, filtered by
where the row comes from (``origin``), type, chain segment and region. ``icatlas org``, ``Atlas.org_list`` and the
web app's ``/orgs`` page (and ``/orgs.json``) all answer from :func:`org_list`."""
from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from ..analytics.collab.base import segment_nodes
from ..analytics.snapshot import located, resolve_region
from ..errors import UsageError
from ..reference.orgs import ORG_TYPES
from ..reference.regions import regions
from ..store import Store
from ..store.lookups import chain_nodes
from ..store.read_analytics import documents_naming
from ..store.read_pages import organisations
from ..store.state import per_version
from .base import joined, segments
from .lists import PAGE_SIZE, page_number

#: What ``origin`` takes: ``news`` (found in pages only: the stored ``origin`` is null), ``registry`` (a registry row:
#: the bundled one or an imported one), ``reference`` (the bundled registry: ``origin`` is ``"reference"``) and
#: ``import`` (a registry the user imported: ``origin`` is ``"import:FILE"``).
ORIGINS = ("news", "registry", "reference", "import")
#: The fields of an organisation in the list.
LIST_FIELDS = ("id", "type", "name", "aliases", "region", "segments", "ref_id", "origin", "attrs", "documents")


@dataclass(frozen=True)
class _Row:
    """An organisation as the list reads it: its fields, its names joined (:func:`joined`), the region codes it
    counts in, and the documents naming it."""
    fields: dict[str, Any]
    names: str
    lineage: frozenset[str]
    documents: int


def _rows(store: Store) -> list[_Row]:
    """Every organisation with its segments' names and where it is; read once per store version."""
    def read() -> list[_Row]:
        nodes = chain_nodes(store.engine)
        docs = documents_naming(store.engine)
        index = regions()
        groups = [g for g in index.by_code.values() if g.level == "group"]
        cache: dict[str, tuple[str, ...]] = {}
        out = []
        for e in organisations(store.engine):
            attrs = e["attrs"] if isinstance(e["attrs"], dict) else {}
            _code, lin = located(index, groups, e["region"], attrs, cache)
            segs = [{"id": s, "name": nodes[s]["name"] if s in nodes else None,
                     "name_en": nodes[s]["name_en"] if s in nodes else None} for s in e["segments"] or []]
            fields = {**{k: e[k] for k in LIST_FIELDS if k in e}, "segments": segs,
                      "documents": docs.get(int(e["id"]), 0)}
            out.append(_Row(fields, joined([e["name"], *(e["aliases"] or [])]), frozenset(lin), fields["documents"]))
        return out
    return per_version(store, "org_list", read)  # type: ignore[no-any-return]


def _origin_test(origin: str | None) -> Any:
    """Whether a stored ``origin`` is of the kind ``origin`` names (every one for None)."""
    if origin in (None, ""):
        return lambda o: True
    if origin not in ORIGINS:
        raise UsageError(f"no origin {origin!r}", "origins: " + ", ".join(ORIGINS))
    return {"news": lambda o: not o, "registry": lambda o: bool(o), "reference": lambda o: o == "reference",
            "import": lambda o: bool(o) and str(o).startswith("import:")}[origin]


def org_list(store: Store, query: str | None = None, origin: str | None = None, segment: str | None = None,
             region: str | None = None, type: str | None = None,  # noqa: A002
             limit: int | None = None, offset: int = 0) -> dict[str, Any]:
    """The organisations whose name or alias holds ``query`` (whole names first, then the shorter; without a query,
    every one, those named in the most IC-relevant documents first, then by name), of the ``origin`` (one of
    :data:`ORIGINS`), ``type``, chain ``segment`` (an id, name or term: that node and the nodes under it; ``any``:
    under some node; ``none``: under none) and
    ``region`` (that region and every region inside it) asked for; from ``offset``, at most ``limit`` (None: all).
    ``{"q", "filters", "total", "offset", "count", "organizations": [{LIST_FIELDS}]}``, ``total`` counting every
    match, ``count`` those given."""
    written = (query or "").replace("\0", "").strip()[:200]
    q = written.lower()
    keep_origin = _origin_test(origin)
    if type and type not in ORG_TYPES:
        raise UsageError(f"no organisation type {type!r}", "types: " + ", ".join(ORG_TYPES))
    placed = {"any": True, "none": False}.get((segment or "").strip().lower())  # under some node, or under none
    nodes = segment_nodes(segment) if placed is None else None
    code = resolve_region(regions(), region).code if region else None
    hits = [r for r in _rows(store) if (not q or q in r.names) and keep_origin(r.fields["origin"])
            and (not type or r.fields["type"] == type) and (code is None or code in r.lineage)
            and (nodes is None or any(s["id"] in nodes for s in r.fields["segments"]))
            and (placed is None or bool(r.fields["segments"]) == placed)]
    if q:
        whole = f"\0{q}\0"
        hits.sort(key=lambda r: (whole not in r.names, len(r.fields["name"]), r.fields["name"]))
    else:
        hits.sort(key=lambda r: (-r.documents, r.fields["name"], r.fields["id"]))
    offset = max(0, int(offset))
    page = hits[offset:] if limit is None else hits[offset:offset + max(0, int(limit))]
    return {"q": written, "filters": {"origin": origin or None, "type": type or None, "segment": segment or None,
                                "region": region or None},
            "total": len(hits), "offset": offset, "count": len(page),
            "organizations": [copy.deepcopy(r.fields) for r in page]}


def orgs_page(store: Store, q: str | None = None, origin: str | None = None, segment: str | None = None,
              region: str | None = None, type: str | None = None,  # noqa: A002
              page: str | int | None = None) -> dict[str, Any]:
    """What ``/orgs`` shows: :func:`org_list` ``PAGE_SIZE`` a page (``page`` from 1), with ``page`` and ``has_next``,
    and what the filter form offers: ``origins``, ``types`` and the chain's ``segments`` (two levels)."""
    number = page_number(page)
    given = {k: (str(v).strip() or None) if v else None
             for k, v in (("q", q), ("origin", origin), ("segment", segment), ("region", region), ("type", type))}
    data = org_list(store, given["q"], origin=given["origin"], segment=given["segment"], region=given["region"],
                    type=given["type"], limit=PAGE_SIZE, offset=(number - 1) * PAGE_SIZE)
    return {**data, "page": number, "has_next": data["offset"] + data["count"] < data["total"],
            "origins": list(ORIGINS), "types": list(ORG_TYPES),
            "segments": [s for s in segments(store) if s["depth"] <= 1]}
