"""Exports of the knowledge graph: CSV (a folder, one file per table), XLSX (a workbook for people: one sheet per kind
of fact, with names instead of ids and the evidence sentence instead of offsets), JSON (one object of tables) and
GraphML (entities and events as nodes, relations and event participation as edges).

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
    "events": ["id", "doc_id", "type", "date", "date_precision", "status", "expected_date", "place", "name",
               "amount_value", "amount_currency", "amount_cny", "participants", "evidence_start", "evidence_end",
               "extractor"],
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
    return _tables(store, region, include_off_topic)[0]


def _tables(store: StoreLike, region: str | None, include_off_topic: bool
            ) -> tuple[dict[str, list[dict[str, Any]]], dict[str, int]]:
    """:func:`tables`, and how many rows each table holds in the store."""
    docs, raw = table_rows(store, _COLUMNS["documents"])
    held = {"documents": len(docs), **{name: len(raw[name]) for name in _COLUMNS if name in raw}}
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
    elif not include_off_topic:
        # the registry's rows, and the entities the exported documents name
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
    return {name: [{c: x.get(c) for c in cols} for x in out[name]] for name, cols in _COLUMNS.items()}, held


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
    data, held = _tables(store, region, include_off_topic)
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
        write_workbook(data, path, region, include_off_topic)
        files = [str(path)]
    elif fmt == "json":
        path.write_text(json.dumps({"tables": data}, ensure_ascii=False, default=str), encoding="utf-8")
        files = [str(path)]
    else:
        nodes, edges = write_graphml(data, path)
        return {"format": fmt, "files": [str(path)], "region": region, "nodes": nodes, "edges": edges,
                **_written(data, held, region, include_off_topic)}
    return {"format": fmt, "files": files, "region": region, **_written(data, held, region, include_off_topic)}


def _written(data: dict[str, list[dict[str, Any]]], held: dict[str, int], region: str | None,
             include_off_topic: bool) -> dict[str, Any]:
    """``{"tables": rows written per table, "left_out": rows of the store left out per table (those with some),
    "why": why they were left out, or None}``."""
    written = {n: len(r) for n, r in data.items()}
    left = {n: held[n] - k for n, k in written.items() if n in held and held[n] > k}
    reasons = ([f"they do not concern {region}"] if region else []) + (
        [] if include_off_topic else ["they are off-topic documents, their facts, or entities no IC-relevant document "
                                      "names (--all keeps them)"])
    why = "; ".join(reasons) if left else None
    return {"tables": written, "left_out": left, "why": why}


#: The names people read for event types, roles and entity types in the workbook.
EVENT_NAMES = {"meeting": "会议活动", "agreement_signed": "签署协议", "project_signed": "项目签约", "investment": "投资",
               "organization_founded": "机构成立", "production_milestone": "投产进展", "policy_released": "政策发布",
               "official_visit": "考察调研", "award": "获奖授牌", "acquisition": "并购", "bid_won": "中标",
               "financing": "融资"}
ROLE_NAMES = {"signer": "签约方", "party": "一方", "investor": "投资方", "investee": "被投资方", "visitor": "调研方",
              "visited": "被调研方", "producer": "生产方", "acquirer": "收购方", "target": "收购标的",
              "bidder": "中标方", "founder": "发起方", "organization": "成立机构", "issuer": "发布方",
              "awardee": "获奖方", "awarder": "颁奖方", "financed": "融资方", "project": "项目", "attendee": "出席",
              "witness": "见证", "participant": "参与"}
TYPE_NAMES = {"company": "企业", "government": "政府", "association": "协会联盟", "university": "高校",
              "institute": "研究院所", "park": "园区", "fund": "基金", "platform": "平台", "media": "媒体",
              "organization": "机构", "person": "人物", "region": "地区"}
STATUS_NAMES = {"done": "已发生", "planned": "计划中", "ongoing": "进行中"}
RELATION_NAMES = {"located_in": "位于", "member_of": "成员单位", "subsidiary_of": "子公司", "partner_of": "合作伙伴",
                  "invests_in": "投资", "signed_with": "签约"}
RECORD_NAMES = {"alliance": "联盟/协会", "member": "成员", "resource": "共享资源", "talent": "人才", "policy": "政策",
                "target": "目标", "figure": "数据"}


def _evidence(text: str | None, start: Any, end: Any) -> str:
    """The sentence an evidence span covers, whitespace collapsed."""
    if not text or start is None or end is None:
        return ""
    return " ".join(text[int(start):int(end)].split())


def _joined(items: Any) -> str:
    return "、".join(str(x) for x in items or [] if x)


def people_sheets(data: dict[str, list[dict[str, Any]]], region: str | None = None, everything: bool = False
                  ) -> list[tuple[str, list[str], list[list[Any]]]]:
    """The workbook for people: (sheet name, header, rows) per kind of fact, names instead of ids, participants as
    names with their roles, and the evidence sentence with its document's title instead of offsets."""
    from ..reference import chain

    nodes = chain().nodes
    docs = {d["id"]: d for d in data["documents"]}
    ents = {e["id"]: e for e in data["entities"]}

    def title(doc_id: Any) -> str:
        d = docs.get(doc_id)
        return str((d or {}).get("title") or (d or {}).get("source") or doc_id or "")

    def said(row: dict[str, Any]) -> str:
        d = docs.get(row.get("doc_id"))
        return _evidence((d or {}).get("text"), row.get("evidence_start"), row.get("evidence_end"))

    def segs(ids: Any) -> str:
        return _joined(nodes[s].name if s in nodes else s for s in ids or [])

    mentioned: dict[Any, set[Any]] = {}
    for m in data["mentions"]:
        mentioned.setdefault(m["entity_id"], set()).add(m["doc_id"])
    sheets: list[tuple[str, list[str], list[list[Any]]]] = []
    sheets.append(("说明 About", ["项目 Item", "内容 Content"], [
        ["导出 Export", "icatlas 知识图谱（" + ("全部文档及其事实，含判为无关者" if everything else "只含集成电路相关文档及其事实")
         + "）" + (f"，地区：{region}" if region else "")],
        ["机构 Organisations", "每行一家机构：名称、类型、所在地、产业链环节、别名、依据（名录或文档篇数）"],
        ["事件 Events", "每行一起事件：日期、状态、类型、名称、地点、参与方（名称与角色）、金额、出处文档与原句"],
        ["数据 Figures", "每行一个数据：主体、指标、数值、单位、限定、出处文档与原句"],
        ["关系 Relations", "每行一条关系：主体、关系、对象、出处文档与原句"],
        ["合作 Collaboration", "联盟、成员、共享资源、人才、政策与目标：类型、主体、地区、日期、内容、出处与原句"],
        ["文档 Documents", "每行一篇文档：标题、发布日期、来源、语言"],
        ["机器可读 Machine-readable", "完整表格（含编号与字符位置）请用 icatlas export csv 或 json"],
    ]))
    sheets.append(("机构 Organisations", ["名称", "类型", "所在地", "产业链环节", "别名", "依据"], [
        [e["name"], TYPE_NAMES.get(e["type"], e["type"]), e.get("region") or "", segs(e.get("segments")),
         _joined(e.get("aliases")),
         (f"名录 {e['origin']}" if e.get("origin") else "") + (
             (("；" if e.get("origin") else "") + f"文档 {len(mentioned[e['id']])} 篇") if e["id"] in mentioned else "")]
        for e in sorted(data["entities"], key=lambda e: (e["type"] != "company", str(e["name"])))
        if e["type"] not in ("person", "region")]))
    rows = []
    for v in sorted(data["events"], key=lambda v: (str(v.get("date") or ""), v["id"]), reverse=True):
        parts = _joined(f"{p.get('name')}（{ROLE_NAMES.get(str(p.get('role')), p.get('role') or '参与')}）"
                        for p in v.get("participants") or [] if p.get("name"))
        amount = ""
        if v.get("amount_value"):
            amount = f"{v['amount_value']:,.0f} {v.get('amount_currency') or ''}".strip()
        rows.append([v.get("date") or "", STATUS_NAMES.get(str(v.get("status") or "done"), v.get("status") or ""),
                     EVENT_NAMES.get(v["type"], v["type"]), v.get("name") or "", v.get("place") or "", parts,
                     amount, v.get("amount_cny"), title(v["doc_id"]), said(v)])
    sheets.append(("事件 Events", ["日期", "状态", "类型", "名称", "地点", "参与方", "金额", "折合人民币（元）",
                                    "出处文档", "原句"], rows))
    sheets.append(("数据 Figures", ["主体", "指标", "数值", "单位", "限定", "日期", "出处文档", "原句"], [
        [f["subject"], f.get("what") or "", f.get("value"), f.get("unit") or "", f.get("qualifier") or "",
         f.get("date") or "", title(f["doc_id"]), said(f)] for f in data["figures"]]))
    sheets.append(("关系 Relations", ["主体", "关系", "对象", "出处文档", "原句"], [
        [r.get("source_name") or ents.get(r["source_id"], {}).get("name", ""), RELATION_NAMES.get(r["type"], r["type"]),
         r.get("target") or "",
         title(r.get("doc_id")) if r.get("doc_id") else "名录", said(r)] for r in data["relations"]]))
    sheets.append(("合作 Collaboration", ["类型", "主体", "地区", "日期", "内容", "出处文档", "原句"], [
        [RECORD_NAMES.get(c["kind"], c["kind"]), c.get("subject") or "", c.get("region") or "", c.get("date") or "",
         "；".join(f"{k}: {_cell(v)}" for k, v in (c.get("attrs") or {}).items() if v not in (None, "", [])),
         title(c["doc_id"]), said(c)] for c in data["collab_records"]]))
    sheets.append(("文档 Documents", ["标题", "发布日期", "来源", "语言", "集成电路相关"], [
        [d.get("title") or "", d.get("published") or "", d.get("url") or d.get("source") or "", d.get("language"),
         "是" if d.get("relevant") else "否"] for d in data["documents"]]))
    return sheets


def write_workbook(data: dict[str, list[dict[str, Any]]], path: Path, region: str | None = None,
                   everything: bool = False) -> None:
    """The workbook for people (:func:`people_sheets`): bold header, first row frozen, filters on, columns as wide
    as their content (up to 60), long text wrapped."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)  # type: ignore[arg-type]
    for name, header, rows in people_sheets(data, region, everything):
        ws = wb.create_sheet(name[:31])
        ws.append(header)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        widths = [len(h) * 2 for h in header]
        for r in rows:
            values = []
            for i, v in enumerate(r):
                v = _cell(v)
                if isinstance(v, str):
                    v = v[:XLSX_CELL]
                    widths[i] = max(widths[i], max((_width(x) for x in v.splitlines()), default=0))
                elif v is not None:
                    widths[i] = max(widths[i], len(str(v)))
                values.append(v)
            ws.append(values)
        ws.freeze_panes = "A2"
        if rows:
            ws.auto_filter.ref = ws.dimensions
        for i, w in enumerate(widths, 1):
            ws.column_dimensions[get_column_letter(i)].width = min(w + 2, XLSX_WIDTH)
            if w > XLSX_WIDTH:
                for row in ws.iter_rows(min_row=2, min_col=i, max_col=i):
                    row[0].alignment = Alignment(wrap_text=True, vertical="top")
    wb.save(path)


def _width(s: str) -> int:
    """Display width in Excel's character units: a CJK character takes two."""
    return sum(2 if ord(c) > 0x2E80 else 1 for c in s)


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
