"""Exports of the knowledge graph: CSV (a folder, one file per table), XLSX (one formatted sheet per table), JSON
(one object of tables) and GraphML (entities and events as nodes, relations and event participation as edges).

Only facts of IC-relevant documents are exported unless ``include_off_topic``; with ``region``, the events of the
region, the organisations located there or taking part in them, and the documents and facts behind those.
"""
from __future__ import annotations

import csv
import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..money import to_cny
from ..store.read_analytics import table_rows
from ..store.reading import StoreLike
from .timelines import load

FORMATS = ("csv", "xlsx", "json", "graphml")
XLSX_CELL = 32767  # Excel's limit on the characters of one cell
XLSX_WIDTH = 60

_COLUMNS: dict[str, list[str]] = {
    "documents": ["id", "source", "url", "title", "published", "language", "relevant", "relevance", "duplicate_of",
                  "text"],
    "entities": ["id", "type", "name", "aliases", "region", "segments", "positions", "origin", "ref_id", "extractor"],
    "mentions": ["id", "doc_id", "entity_id", "start", "end", "label", "surface", "confidence", "extractor"],
    "events": ["id", "doc_id", "type", "date", "date_precision", "place", "name", "amount_value", "amount_currency",
               "amount_cny", "participants", "evidence_start", "evidence_end", "extractor"],
    "event_sources": ["event_id", "doc_id", "evidence_start", "evidence_end"],
    "figures": ["id", "doc_id", "subject", "what", "value", "unit", "qualifier", "date", "evidence_start",
                "evidence_end", "extractor"],
    "relations": ["id", "type", "source_id", "source_name", "target", "doc_id", "evidence_start", "evidence_end",
                  "extractor"],
    # alliances, members and director units, shared resources, talent, policies, targets and the figures they are
    # measured by (see icatlas.analytics.collab); ``attrs`` holds each kind's fields
    "collab_records": ["id", "doc_id", "kind", "subject", "entity_id", "region", "date", "attrs", "evidence_start",
                       "evidence_end", "curated", "extractor"],
}


def tables(store: StoreLike, region: str | None = None, include_off_topic: bool = False
           ) -> dict[str, list[dict[str, Any]]]:
    """The knowledge graph as tables of plain rows (documents, entities, mentions, events, event_sources, figures,
    relations, collab_records), filtered as the module says."""
    docs, raw = table_rows(store, _COLUMNS["documents"])
    keep_docs = {x["id"] for x in docs if include_off_topic or x["relevant"]}
    if region:
        g = load(store)
        code = g.region(region).code
        evs = {e.id for e in g.events_in(code)}
        ents = {e.id for e in g.entities.values() if code in e.lineage}
        ents |= {p.id for e in g.events if e.id in evs for p in e.parties}
        by_entity = {m["doc_id"] for m in raw["mentions"] if m["entity_id"] in ents}
        keep_docs &= {e["doc_id"] for e in raw["events"] if e["id"] in evs} | by_entity
        raw["events"] = [e for e in raw["events"] if e["id"] in evs]
        raw["entities"] = [e for e in raw["entities"] if e["id"] in ents]
        raw["mentions"] = [m for m in raw["mentions"] if m["entity_id"] in ents]
        raw["relations"] = [x for x in raw["relations"] if x["source_id"] in ents]
    else:
        mentioned = {m["entity_id"] for m in raw["mentions"] if m["doc_id"] in keep_docs}
        raw["entities"] = [e for e in raw["entities"] if e["origin"] or e["id"] in mentioned]
    names = {e["id"]: e["name"] for e in raw["entities"]}
    out: dict[str, list[dict[str, Any]]] = {"documents": [x for x in docs if x["id"] in keep_docs]}
    out["entities"] = raw["entities"]
    for name in ("mentions", "events", "figures", "collab_records"):
        out[name] = [x for x in raw[name] if x["doc_id"] in keep_docs]
    event_ids = {e["id"] for e in out["events"]}
    out["event_sources"] = [x for x in raw["event_sources"] if x["event_id"] in event_ids and x["doc_id"] in keep_docs]
    out["relations"] = [x | {"source_name": names.get(x["source_id"])} for x in raw["relations"]
                        if (x["doc_id"] is None or x["doc_id"] in keep_docs) and x["source_id"] in names]
    for e in out["events"]:
        e["amount_cny"] = to_cny(e["amount_value"], e["amount_currency"])
    for e in out["entities"]:
        e.setdefault("extractor", None)
    return {name: [{c: x.get(c) for c in cols} for x in out[name]] for name, cols in _COLUMNS.items()}


def _cell(v: Any) -> Any:
    if isinstance(v, (list, dict)):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, bool) or v is None or isinstance(v, (int, float, str)):
        return v
    return str(v)


def export(store: StoreLike, fmt: str, out: str | os.PathLike[str], region: str | None = None,
           include_off_topic: bool = False) -> dict[str, Any]:
    """Writes the knowledge graph to ``out`` in ``fmt`` (csv, xlsx, json, graphml); what was written."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown export format {fmt!r}", "use csv, xlsx, json or graphml")
    data = tables(store, region, include_off_topic)
    path = Path(out)
    if fmt == "csv":
        path.mkdir(parents=True, exist_ok=True)
        for name, rows in data.items():
            with open(path / f"{name}.csv", "w", encoding="utf-8", newline="") as f:
                w = csv.writer(f)
                w.writerow(_COLUMNS[name])
                w.writerows([_cell(r[c]) for c in _COLUMNS[name]] for r in rows)
        files = [str(path / f"{n}.csv") for n in data]
    elif fmt == "xlsx":
        write_xlsx(data, path)
        files = [str(path)]
    elif fmt == "json":
        path.write_text(json.dumps({"tables": data}, ensure_ascii=False, default=str), encoding="utf-8")
        files = [str(path)]
    else:
        nodes, edges = write_graphml(data, path)
        files = [str(path)]
        return {"format": fmt, "files": files, "region": region, "nodes": nodes, "edges": edges,
                "tables": {n: len(r) for n, r in data.items()}}
    return {"format": fmt, "files": files, "region": region, "tables": {n: len(r) for n, r in data.items()}}


def write_xlsx(data: dict[str, list[dict[str, Any]]], path: Path) -> None:
    """One sheet per table: bold header, first row frozen, columns as wide as their content (up to 60)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)  # type: ignore[arg-type]
    for name, rows in data.items():
        ws = wb.create_sheet(name[:31])
        cols = _COLUMNS[name]
        ws.append(cols)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        widths = [len(c) for c in cols]
        for r in rows:
            values = []
            for i, c in enumerate(cols):
                v = _cell(r[c])
                if isinstance(v, str):
                    v = v[:XLSX_CELL]
                    widths[i] = max(widths[i], max((len(x) for x in v.splitlines()), default=0))
                elif v is not None:
                    widths[i] = max(widths[i], len(str(v)))
                values.append(v)
            ws.append(values)
        ws.freeze_panes = "A2"
        for i, w in enumerate(widths, 1):
            ws.column_dimensions[get_column_letter(i)].width = min(w + 2, XLSX_WIDTH)
    wb.save(path)


GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
_NODE_KEYS = ("kind", "name", "type", "region", "segments", "date", "place", "amount_cny", "doc_id")
_EDGE_KEYS = ("kind", "type", "role", "doc_id", "evidence_start", "evidence_end")


def write_graphml(data: dict[str, list[dict[str, Any]]], path: Path) -> tuple[int, int]:
    """GraphML: entities (``e<id>``) and events (``v<id>``) as nodes, names a relation points at that are no entity
    (regions, unknown organisations) as ``n:<name>``; relations and participation (entity → event) as edges."""
    ET.register_namespace("", GRAPHML_NS)
    root = ET.Element(f"{{{GRAPHML_NS}}}graphml")
    for domain, keys in (("node", _NODE_KEYS), ("edge", _EDGE_KEYS)):
        for k in keys:
            ET.SubElement(root, f"{{{GRAPHML_NS}}}key", {"id": f"{domain[0]}_{k}", "for": domain, "attr.name": k,
                                                       "attr.type": "string"})
    graph = ET.SubElement(root, f"{{{GRAPHML_NS}}}graph", {"id": "icatlas", "edgedefault": "directed"})
    ids: set[str] = set()

    def add_node(nid: str, attrs: dict[str, Any]) -> None:
        ids.add(nid)
        n = ET.SubElement(graph, f"{{{GRAPHML_NS}}}node", {"id": nid})
        for k in _NODE_KEYS:
            if attrs.get(k) is not None:
                ET.SubElement(n, f"{{{GRAPHML_NS}}}data", {"key": f"n_{k}"}).text = str(_cell(attrs[k]))

    edges = 0

    def add_edge(a: str, b: str, attrs: dict[str, Any]) -> None:
        nonlocal edges
        edges += 1
        x = ET.SubElement(graph, f"{{{GRAPHML_NS}}}edge", {"id": f"x{edges}", "source": a, "target": b})
        for k in _EDGE_KEYS:
            if attrs.get(k) is not None:
                ET.SubElement(x, f"{{{GRAPHML_NS}}}data", {"key": f"e_{k}"}).text = str(attrs[k])

    by_name: dict[str, str] = {}
    for e in data["entities"]:
        add_node(f"e{e['id']}", {"kind": "entity", **e})
        for n in [e["name"], *(e["aliases"] or [])]:
            by_name.setdefault(str(n), f"e{e['id']}")
    for v in data["events"]:
        add_node(f"v{v['id']}", {"kind": "event", **v})

    def target(name: str) -> str:
        if name in by_name:
            return by_name[name]
        nid = f"n:{name}"
        if nid not in ids:
            add_node(nid, {"kind": "name", "name": name})
        return nid

    for r in data["relations"]:
        add_edge(f"e{r['source_id']}", target(str(r["target"])), {"kind": "relation", **r})
    for v in data["events"]:
        for p in v["participants"] or []:
            if p.get("name"):
                add_edge(target(str(p["name"])), f"v{v['id']}", {"kind": "participation", "type": v["type"],
                                                                  "role": p.get("role"), "doc_id": v["doc_id"]})
    ET.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)
    return len(ids), edges
