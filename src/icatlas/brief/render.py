"""The region brief: gather the analyses of a region (chain map, strengths, gaps, complementary regions, attraction
targets, recent events) with the documents and sentences behind each claim, and render them as one HTML page set
for A4 print, or as a PDF through headless Chromium. Everything is read through the atlas
(:class:`icatlas.atlas.Atlas`): its analyses, its snapshot and what a citation shows.
"""
from __future__ import annotations

import datetime as _dt
import os
import shutil
import subprocess
import tempfile
from collections import defaultdict
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from ..errors import UsageError
from ..money import quantity, yi_yuan
from . import svg

if TYPE_CHECKING:
    from ..atlas import Atlas, DocumentRef, Snapshot

LEVELS = {"province": "省级", "city": "市级", "district": "区县级", "zone": "园区", "group": "区域"}
EVENT_TYPES = {"meeting": "会议活动", "agreement_signed": "签署协议", "project_signed": "项目签约",
               "investment": "投资", "organization_founded": "机构成立", "production_milestone": "投产进展",
               "policy_released": "政策发布", "official_visit": "考察调研", "award": "获奖授牌",
               "acquisition": "并购", "bid_won": "中标", "financing": "融资"}
STATUS = dict(svg.NAMES)
#: What each label means, in the brief's words.
MEANING = {"leading": "同级地区中按规模（企业数，按上市与营收规模加权，集团只计一次）排名前 5 或前 10%",
           "specialised": "区位熵 ≥ 1 且不低于同级有该环节地区的 75 分位，规模高于 25 分位（美国集群图谱规则）",
           "present": "已有企业，规模与集聚度居中",
           "thin": "已有企业，但规模低于同级有该环节地区的中位数",
           "absent": "暂无该环节企业"}
MAX_QUOTE = 140  # characters of a quoted sentence
GROUP_MAX_MEMBERS = 8  # groups larger than this (东部地区, 中国) are too broad to pick complementary regions from
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


# -- sources ---------------------------------------------------------------------------------------------------
class Sources:
    """The documents cited by the brief, numbered in order of first citation, each with the sentences quoted."""

    def __init__(self) -> None:
        self.order: list[int] = []
        self.quotes: dict[int, list[str]] = defaultdict(list)
        self.meta: dict[int, DocumentRef] = {}

    def cite(self, doc_id: int, sentence: str | None) -> dict[str, Any]:
        """A citation of ``doc_id`` for ``sentence``: ``{"n", "q"}`` (source number, quote number from 1)."""
        if doc_id not in self.quotes:
            self.order.append(doc_id)
            self.quotes[doc_id] = []
        q = 0
        s = clean_quote(sentence)
        if len(s) > MAX_QUOTE:
            s = s[:MAX_QUOTE - 1] + "…"
        if s:
            quotes = self.quotes[doc_id]
            if s not in quotes:
                quotes.append(s)
            q = quotes.index(s) + 1
        return {"n": self.order.index(doc_id) + 1, "q": q}

    def load(self, atlas: Atlas) -> list[dict[str, Any]]:
        """The numbered list of cited documents with title, date, source and quotes."""
        self.meta.update(atlas.document_refs(self.order))
        out = []
        for n, doc_id in enumerate(self.order, 1):
            m = self.meta.get(doc_id)
            out.append({"n": n, "doc_id": doc_id, "title": (m.title if m else None) or f"文档 {doc_id}",
                        "published": m.published if m else None, "source": (m.url or m.source if m else None) or "",
                        "quotes": self.quotes[doc_id]})
        return out


def clean_quote(sentence: str | None) -> str:
    """A sentence for quoting: whitespace collapsed, stray quotation marks and commas trimmed."""
    return " ".join((sentence or "").split()).strip("“”\"'「」『』,，、 ")


def event_sentences(atlas: Atlas, event_ids: list[int]) -> dict[int, tuple[int, str]]:
    """Per event id, (document id, the sentence of its evidence span, ready to quote)."""
    return {i: (doc_id, clean_quote(s)) for i, (doc_id, s) in atlas.event_sentences(event_ids).items()}


# -- gathering -------------------------------------------------------------------------------------------------
def _org_cites(org: dict[str, Any], sources: Sources, per_org: int = 1) -> list[dict[str, Any]]:
    docs = [s for s in org.get("sources", []) if s.get("kind") == "document"][:per_org]
    return [sources.cite(int(s["doc_id"]), s.get("sentence")) for s in docs]


def _org_item(org: dict[str, Any], sources: Sources) -> dict[str, Any]:
    cites = _org_cites(org, sources)
    registry = any(s.get("kind") == "registry" for s in org.get("sources", []))
    return {"name": org["name"], "cites": cites, "registry": registry and not cites}


def _gap_reason(atlas: Atlas, snap: Snapshot, region: str, g: dict[str, Any], node: dict[str, Any],
                as_of: str | None = None) -> str:
    parts = []
    if g["status"] == "absent":
        parts.append(f"{region}暂无该环节企业（全国共 {snap.national.get(g['id'], 0)} 家）")
    else:
        parts.append(f"{region}有 {g['count']} 家，规模 {float(g.get('size') or 0):.1f}，"
                     f"低于同级有该环节地区的中位数")
    need = [x["name"] for x in g.get("needed_by", [])]
    if need:
        parts.append(f"本地已有的 {len(need)} 个环节需要它（{'、'.join(need[:3])}{'等' if len(need) > 3 else ''}）")
    if g.get("strong_elsewhere"):
        top = "、".join(f"{c['name']}（{c['count']} 家）" for c in g["strong_elsewhere"][:3])
        parts.append(f"规模领先地区：{top}")
    else:
        parts.append("外地尚无规模领先地区")
    n_recent = len(atlas.recent_activity(as_of).get(g["id"], ()))
    since = snap.since(as_of)
    if since:
        parts.append(f"{since} 以来全国相关事件 {n_recent} 起")
    return "；".join(parts) + "。"


def _candidates(atlas: Atlas, snap: Snapshot, code: str) -> list[str]:
    """Same-level regions in the (not too broad) groups holding the region, largest first."""
    idx = snap.index
    r = idx.get(code)
    prov = idx.province_of(r) if r is not None and r.level not in ("group", "province") else r
    mine = {code}
    if r is not None:
        mine |= {a.code for a in idx.ancestors(r)} | set(r.members)
    level = r.level if r is not None else "city"
    pool = atlas.peers(level)
    if prov is not None and level != "group":
        groups = [g for g in idx.by_code.values()
                  if g.level == "group" and prov.code in g.members and len(g.members) <= GROUP_MAX_MEMBERS]
        members = {m for g in groups for m in g.members}
        if members:
            inside = []
            for c in pool:
                x = idx.get(c)
                if x is None:
                    continue
                p = x if x.level == "province" else idx.province_of(x)
                if p is not None and p.code in members:
                    inside.append(c)
            pool = inside or pool
    pool = [c for c in pool if c not in mine and not (set(getattr(idx.get(c), "members", []) or []) & mine)]
    pool.sort(key=lambda c: (-snap.totals.get(c, 0), c))
    return pool[:30]


def gather(atlas: Atlas, region: str, compare_with: list[str] | None = None, gap_count: int = 8,
           target_count: int = 10, event_count: int = 12, complement_count: int = 4,
           today: _dt.date | None = None, as_of: str | None = None) -> dict[str, Any]:
    """Everything the brief shows about ``region`` as of ``as_of`` (default today), with citations numbered into
    ``sources``; read through the atlas (:class:`icatlas.atlas.Atlas`) alone."""
    snap = atlas.snapshot()
    as_of_given = bool(as_of)
    cm = atlas.chain_map(region, evidence=2, as_of=as_of)
    as_of = cm["as_of"]
    reg = cm["region"]
    sources = Sources()  # numbered in the order of first citation: the order of the sections below
    nodes = {n["id"]: n for n in cm["nodes"]}
    stages = _stages(snap, nodes, sources)
    strengths = _strengths(snap, cm["nodes"], sources)
    gap_rows = _gaps(atlas, snap, region, reg["name"], nodes, gap_count, sources, as_of)
    complements = _complements(atlas, snap, region, reg["code"], compare_with, complement_count, sources, as_of)
    target_rows = _targets(atlas, region, gap_count, target_count, sources, as_of)
    events = _events(atlas, reg["name"], event_count, sources, as_of)
    collab_part = gather_collab(atlas, reg["name"], sources)
    day = today or _dt.date.today()
    return {
        "region": reg, "level": LEVELS.get(reg["level"], reg["level"]),
        "date": f"{day.year}年{day.month}月{day.day}日",
        "summary": asdict(atlas.summary()), "reference_version": snap.chain.version,
        "recent_since": snap.since(as_of), "as_of": as_of, "as_of_given": as_of_given,
        "national_total": snap.national_total,
        "meaning": MEANING,
        "label_names": STATUS,
        "stages": stages, "strengths": strengths, "gaps": gap_rows, "complements": complements,
        "targets": target_rows, "events": events, "collab": collab_part, "sources": sources.load(atlas),
        "charts": {
            "stages": svg.stage_bars(stages),
            "grid": svg.segment_grid(stages),
            "lq": svg.lq_bars(strengths[:12]) if strengths else "",
            "gaps": svg.priority_bars(gap_rows) if gap_rows else "",
            "gaps_top": svg.priority_bars(gap_rows[:5]) if gap_rows else "",
        },
    }


def _status(n: dict[str, Any]) -> str:
    return str(n["label"])


def _stages(snap: Snapshot, nodes: dict[str, dict[str, Any]], sources: Sources) -> list[dict[str, Any]]:
    """The chain map: each stage with its segments, and the organisations of the segments present."""
    stages = []
    for sid in snap.chain.children.get(None, []):
        sn = nodes[sid]
        depth = {n.id: d for d, n in snap.chain.subtree(sid)}
        segs = [nodes[n] for n, d in depth.items() if d > 0]  # chain order: a segment, then the ones under it
        present = [s for s in segs if s["count"]]
        stages.append({
            "id": sid, "name": sn["name"], "count": sn["count"], "lq": sn["lq"], "status": _status(sn),
            **{label: sum(1 for s in segs if _status(s) == label) for label in svg.LABELS},
            "segments": [{"id": s["id"], "name": s["name"], "count": s["count"], "lq": s["lq"],
                          "status": _status(s)} for s in segs],
            "rows": [{"id": s["id"], "name": s["name"], "count": s["count"], "lq": s["lq"], "status": _status(s),
                      "sub": depth[s["id"]] > 1,
                      "orgs": [_org_item(o, sources) for o in s["organizations"][:6]],
                      "more": max(0, len(s["organizations"]) - 6)} for s in present],
        })
    return stages


def _strengths(snap: Snapshot, nodes: list[dict[str, Any]], sources: Sources) -> list[dict[str, Any]]:
    """Every leading or specialised node: leading first, the largest first, then the specialised by LQ."""
    strong = sorted((n for n in nodes if n["strong"]),
                    key=lambda n: (n["label"] != "leading", -n["size"] if n["label"] == "leading" else -n["lq"], n["id"]))
    return [{"id": n["id"], "name": n["name"], "stage": snap.chain.nodes[n["stage"]].name, "lq": n["lq"],
             "label": n["label"], "size": n["size"], "rank": n["rank"], "ranked": n["ranked"],
             "count": n["count"], "bar": max(1.0, n["lq_p75"]), "p75": n["lq_p75"], "p25": n["size_p25"],
             "top": n["parent"] is None,
             "orgs": [_org_item(o, sources) for o in n["organizations"][:5]],
             "more": max(0, len(n["organizations"]) - 5)} for n in strong]


def _gaps(atlas: Atlas, snap: Snapshot, region: str, name: str, nodes: dict[str, dict[str, Any]], gap_count: int,
          sources: Sources, as_of: str | None = None) -> list[dict[str, Any]]:
    """The gaps, with reasons in Chinese (``name``: the region's) and the recent events behind their activity."""
    gp = atlas.gaps(region, limit=gap_count, as_of=as_of)
    recent = atlas.recent_activity(as_of)
    by_event = {e.id: e for evs in snap.events_of.values() for e in evs}
    gap_events: dict[str, list[int]] = {}
    for g in gp["gaps"]:
        evs = sorted((by_event[i] for i in recent.get(g["id"], ()) if i in by_event),
                     key=lambda e: (e.date or "", e.id), reverse=True)[:2]
        gap_events[g["id"]] = [e.id for e in evs]
    said = event_sentences(atlas, [i for ids in gap_events.values() for i in ids])
    gap_rows = []
    for g in gp["gaps"]:
        c = g["components"]
        gap_rows.append({
            "id": g["id"], "name": g["name"], "stage": snap.chain.nodes[g["stage"]].name, "status": g["status"],
            "priority": g["priority"], "count": g["count"], "lq": g["lq"],
            "reason": _gap_reason(atlas, snap, name, g, nodes[g["id"]], as_of),
            "cites": [sources.cite(*said[i]) for i in gap_events[g["id"]] if i in said],
            "parts": [(label, c["gap"] * g["weights"][k] * c[k]) for label, k in (
                ("本地需求", "need"), ("链上关联", "centrality"), ("外地集聚", "concentration"), ("近期活跃", "activity"))]})
    return gap_rows


def _complements(atlas: Atlas, snap: Snapshot, region: str, code: str, compare_with: list[str] | None,
                 complement_count: int, sources: Sources, as_of: str | None = None) -> list[dict[str, Any]]:
    """The complementary regions: ``compare_with``, else the ones of the region's groups strong where it is not."""
    codes = compare_with if compare_with else _candidates(atlas, snap, code)
    scored = []
    for other in codes:
        data = atlas.compare(region, other, orgs_per_node=3, as_of=as_of)
        if data["b"]["code"] == code:
            continue
        theirs, ours = data["b_strong_a_weak"], data["a_strong_b_weak"]
        if not compare_with and not theirs:
            continue
        scored.append((len(theirs) + 0.5 * len(ours), data))
    scored.sort(key=lambda x: (-x[0], x[1]["b"]["name"]))
    picked = [d for _s, d in scored[:complement_count if not compare_with else len(scored)]]
    ids = sorted({o["id"] for d in picked for x in d["b_strong_a_weak"] for o in x["b"]["organizations"]})
    ev = atlas.evidence(ids, 1)
    complements = []
    for d in picked:
        theirs = []
        for x in d["b_strong_a_weak"][:6]:
            orgs = []
            for o in x["b"]["organizations"]:
                docs = ev.get(o["id"], [])
                orgs.append({"name": o["name"], "registry": not docs,
                             "cites": [sources.cite(int(s["doc_id"]), s.get("sentence")) for s in docs[:1]]})
            theirs.append({"name": x["name"], "lq": x["b"]["lq"], "count": x["b"]["count"],
                           "label": STATUS[x["b"]["label"]], "mine": STATUS[x["a"]["label"]], "orgs": orgs})
        complements.append({"name": d["b"]["name"], "level": LEVELS.get(d["b"]["level"], d["b"]["level"]),
                            "organizations": d["b"]["organizations"], "theirs": theirs,
                            "theirs_more": max(0, len(d["b_strong_a_weak"]) - 6),
                            "ours": [x["name"] for x in d["a_strong_b_weak"][:8]],
                            "ours_more": max(0, len(d["a_strong_b_weak"]) - 8)})
    return complements


def _targets(atlas: Atlas, region: str, gap_count: int, target_count: int, sources: Sources,
             as_of: str | None = None) -> list[dict[str, Any]]:
    """The attraction targets, each with its recent events."""
    tg = atlas.targets(region, gaps=gap_count, limit=target_count, events_per_org=2, as_of=as_of)
    gap_names = {g["id"]: g["name"] for g in tg["gaps"]}
    said = event_sentences(atlas, [e["id"] for x in tg["targets"] for e in x["events"]])
    target_rows = []
    for x in tg["targets"]:
        shown: list[dict[str, Any]] = []
        for e in x["events"]:
            doc_id, s = said.get(e["id"], (e["doc_id"], ""))
            shown.append({"date": e["date"], "type": EVENT_TYPES.get(e["type"], e["type"]),
                          "cite": sources.cite(doc_id, s)})
        target_rows.append({"name": x["name"], "region": x["region"] or "—", "score": x["score"],
                            "factors": x["factors"], "group_members": x.get("group_members", []),
                            "fills": [gap_names.get(g, g) for g in x["gaps"]], "recent": x["recent_events"],
                            "registry": x["evidence"] == "registry", "events": shown})
    return target_rows


def _events(atlas: Atlas, region: str, event_count: int, sources: Sources, as_of: str | None = None
            ) -> list[dict[str, Any]]:
    """The recent events placed in the region: happened (no plans) in the 24 months up to ``as_of``, newest first."""
    since = atlas.snapshot().since(as_of)
    rows = [r for r in atlas.events(region=region, limit=event_count * 3, since=since, until=as_of)
            if r.get("status") != "planned" and (r.get("date") or "") > (since or "")][:event_count]
    said = event_sentences(atlas, [int(r["id"]) for r in rows])
    events = []
    for r in rows:
        doc_id, s = said.get(int(r["id"]), (int(r["doc_id"]), ""))
        amount = yi_yuan(r["amount_value"], r.get("amount_currency")) if r.get("amount_value") else None
        events.append({"date": r["date"] or "—", "type": EVENT_TYPES.get(r["type"], r["type"]),
                       "place": r["place"] or "", "name": r["name"] or "", "amount": amount,
                       "participants": [p.get("name", "") for p in r.get("participants") or [] if p.get("name")],
                       "summary": (s if len(s) <= 80 else s[:79] + "…") or "—",
                       "cite": sources.cite(doc_id, s)})
    return events


# -- collaboration ---------------------------------------------------------------------------------------------
COLLAB_LIMIT = 10  # items of each kind the brief lists


def _zh(key: str, fallback: str) -> str:
    """The Chinese label the web app gives ``key`` (``rk_…`` resource kinds, ``tk_…`` talent kinds, ``metric_…``)."""
    from ..serve.i18n_collab import COLLAB_STRINGS

    pair = COLLAB_STRINGS.get(key)
    return pair[0] if pair else fallback


def gather_collab(atlas: Atlas, region: str, sources: Sources) -> dict[str, Any]:
    """The region's collaboration: alliances (with director units), shared resources, policies, talent and targets
    with their progress, each cited into ``sources``; ``counts`` holds the totals, the lists at most 10 of each."""
    from ..atlas import MEASURE_ZH, RANK_ZH

    def cite(e: dict[str, Any] | None) -> dict[str, Any] | None:
        return sources.cite(int(e["doc_id"]), e.get("sentence")) if e else None

    alliances = []
    all_alliances = atlas.alliances(region=region)
    for a in all_alliances[:COLLAB_LIMIT]:
        full = atlas.find_alliance(str(a["name"])) or {}
        seats = full.get("director_units") or []
        first = (a["founded"] or {}).get("evidence") or next(iter(full.get("sources") or []), None)
        alliances.append({"name": a["name"], "founded": (a["founded"] or {}).get("date"), "members": a["members"],
                          "regions": a["regions"],
                          "directors": [{"name": m["name"], "rank": RANK_ZH.get(m["rank"]) or m["rank"],
                                         "cite": cite(m["evidence"][0])} for m in seats[:6]],
                          "cite": cite(first)})
    resources = [{"name": r["name"], "kind": _zh(f"rk_{r['kind']}", r["kind"]), "region": r["region"] or "—",
                  "host": r["host"] or "—", "cite": cite(r["evidence"][0] if r["evidence"] else None)}
                 for r in atlas.resources(region=region)]
    policies = [{"title": p["title"] or "（未具名政策）", "issuer": p["issuer"] or "—", "date": p["date"] or "—",
                 "measures": [MEASURE_ZH.get(m, m) for m in p["measures"]],
                 "amount": quantity(p["amount_cny"], "CNY") if p["amount_cny"] else "",
                 "cite": cite(p["evidence"][0] if p["evidence"] else None)}
                for p in atlas.policies(region=region)]
    talent = [{"date": x["date"] or "—", "kind": _zh(f"tk_{x['kind']}", x["kind"] or "其他"),
               "what": x["name"] or x["what"] or "", "region": x["region"] or "—",
               "value": quantity(x["value"], x["unit"], "zh", x["qualifier"]) if x["value"] is not None else "",
               "planned": x["planned"] or x["qualifier"] == "target", "cite": cite(x["evidence"])}
              for x in sorted(atlas.talent(region=region), key=lambda x: x["date"] or "", reverse=True)]
    goals = []
    for s in atlas.goals(region=region):
        for x in s["targets"]:
            latest = x["latest"]
            metric = _zh(f"metric_{x['metric']}", x["metric"]) if x["metric"] else "其他"
            goals.append({"subject": s["subject"], "metric": metric,
                          "target": quantity(x["value"], x["unit"]), "year": x["year"] or "",
                          "latest": quantity(latest["value"], latest["unit"], "zh", latest["qualifier"]) if latest else "",
                          "latest_year": (latest["year"] or (latest["date"] or "")[:4]) if latest else "",
                          "progress": x["progress"],
                          "percent": None if x["progress"] is None else round(100 * x["progress"], 1),
                          "cite": cite(x["evidence"]), "latest_cite": cite(latest["evidence"]) if latest else None})
    goals.sort(key=lambda g: (g["progress"] is None, -(g["progress"] or 0)))
    counts = {"alliances": len(all_alliances), "resources": len(resources),
              "policies": len(policies), "talent": len(talent), "goals": len(goals)}
    return {"counts": counts, "alliances": alliances, "resources": resources[:COLLAB_LIMIT],
            "policies": policies[:COLLAB_LIMIT], "talent": talent[:COLLAB_LIMIT + 2], "goals": goals[:COLLAB_LIMIT],
            "any": any(counts.values())}


# -- rendering -------------------------------------------------------------------------------------------------
def _css_string(s: str) -> str:
    """``s`` as a CSS string literal that cannot close the string or the style element."""
    return '"' + "".join(c if c.isalnum() or c in " ·—-_()（）" or ord(c) > 0x2E80 else f"\\{ord(c):x} "
                         for c in s) + '"'


def render_html(data: dict[str, Any]) -> str:
    """The brief as one self-contained HTML document (inline CSS and SVG, no script)."""
    env = Environment(loader=PackageLoader("icatlas.brief", "templates"), autoescape=select_autoescape(["html", "j2"]),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["css_string"] = _css_string
    charts = {k: Markup(v) for k, v in data["charts"].items()}  # built by svg.py, which escapes every text
    return env.get_template("brief.html.j2").render(**{**data, "charts": charts})


def find_chromium() -> str | None:
    """The headless browser to print with: $ICATLAS_CHROMIUM, else the first of chromium, google-chrome ... on PATH."""
    env = os.environ.get("ICATLAS_CHROMIUM")
    if env:
        return env if (os.path.isfile(env) or shutil.which(env)) else None
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def html_to_pdf(html: str, out: Path, timeout: float = 120) -> None:
    """Print ``html`` to the PDF ``out`` with headless Chromium (A4, the page's own header and footer)."""
    exe = find_chromium()
    if exe is None:
        raise UsageError("Chromium is needed to write a PDF brief and was not found",
                         "install it with `apt-get install -y chromium fonts-noto-cjk` (Debian/Ubuntu) or set "
                         "$ICATLAS_CHROMIUM to the browser; or write HTML with `-o brief.html`")
    out = Path(out).resolve()
    with tempfile.TemporaryDirectory(prefix="icatlas-brief-") as tmp:
        page = Path(tmp) / "brief.html"
        page.write_text(html, encoding="utf-8")
        target = Path(tmp) / "brief.pdf"
        cmd = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-pdf-header-footer",
               "--disable-extensions", "--disable-background-networking", f"--user-data-dir={tmp}/profile",
               f"--print-to-pdf={target}", page.as_uri()]
        try:
            res = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise UsageError(f"Chromium did not finish printing the brief within {timeout:.0f} s",
                             "try again, or write HTML with `-o brief.html`") from None
        if not target.is_file() or target.read_bytes()[:4] != b"%PDF":
            tail = (res.stderr or res.stdout or "").strip().splitlines()[-3:]
            raise UsageError(f"Chromium could not print the brief (exit {res.returncode}): {' | '.join(tail)}",
                             "check that `chromium --headless --print-to-pdf` works on this machine")
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(target, out)


def write_brief(atlas: Atlas, region: str, out: Path, **options: Any) -> Path:
    """Write the brief of ``region`` to ``out``: HTML for ``.html``/``.htm``, PDF for ``.pdf``."""
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in (".html", ".htm", ".pdf"):
        raise UsageError(f"cannot tell the format of {str(out)!r}", "end the file name in .pdf or .html")
    if suffix == ".pdf" and find_chromium() is None:
        html_to_pdf("", out)  # raises the error that says how to install Chromium, before any work
    html = render_html(gather(atlas, region, **options))
    if suffix == ".pdf":
        html_to_pdf(html, out)
    else:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(html, encoding="utf-8")
    return out
