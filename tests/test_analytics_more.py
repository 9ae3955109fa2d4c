"""Timelines, the collaboration network, project life cycles, agreement follow-through, the Python API and the
exports, on a small store whose right answers are worked out by hand (docs/methods.md, "Timelines").

Registry: 甲晶圆 (苏州, foundry), 乙封测 (苏州, traditional packaging), 丙设计 (上海, MCU), 丁设备 (成都, etch).
One page per event (all IC-relevant but the last):

    E1  agreement_signed      2022-03-10 苏州市 甲 乙   "… 共建晶圆代工平台"  (names foundry; 乙's 封测 is its name)
    E2  project_signed        2022-03-15 苏州市 甲      苏州晶圆项目 100亿 CNY
    E3  investment            2022-07-01 苏州市 甲      苏州晶圆项目 10亿 USD = 71亿 CNY
    E4  production_milestone  2023-01-20 苏州市 甲      苏州晶圆项目 开工 -> under construction
    E6  project_signed        2023-02-01 苏州市 乙      苏州封测基地 5亿 CNY
    E10 acquisition           2023-08-01 苏州市 乙      1e6 in "ABC" (no rate: unconverted), "收购一家晶圆代工厂"
    E8  investment            2024-02-01 成都市 丁      3亿 CNY
    E7  financing             2024-05-10 (no place) 乙  2亿 HKD = 1.82亿 CNY (counts in 苏州 through 乙)
    E5  production_milestone  2024-06-30 苏州市 甲      苏州晶圆项目 投产 -> producing  (newest event)
    E9  investment            2024-03-01 苏州市 甲      50亿 CNY on an off-topic page: never counts

Relations (on the agreement page): 甲 member_of 苏州集成电路产业联盟, 乙 partner_of 丙, 甲 signed_with 乙 (the same
sentence as E1); 丙 partner_of 丁 on the off-topic page.
"""
from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import icatlas
from icatlas.analytics.export import export
from icatlas.analytics.network import network
from icatlas.analytics.timelines import followthrough, period, projects, timeline, to_cny
from icatlas.model import Document, Entity, Event, Mention, Relation
from icatlas.store import Store

REGISTRY = """name,region,segments,type
甲晶圆有限公司,苏州,manufacturing.foundry,company
乙封测有限公司,苏州,packaging_test.traditional,company
丙设计有限公司,上海,design.mcu,company
丁设备有限公司,成都,equipment.etch,company
"""
JIA, YI, BING, DING = "甲晶圆有限公司", "乙封测有限公司", "丙设计有限公司", "丁设备有限公司"
ALLIANCE = "苏州集成电路产业联盟"
TYPES = {JIA: "company", YI: "company", BING: "company", DING: "company", ALLIANCE: "association"}


def _page(source: str, text: str, published: str, relevant: bool, event: dict[str, Any] | None,
          relations: list[tuple[str, str, str]] = ()) -> Document:  # type: ignore[assignment]
    names = [n for n in TYPES if n in text]
    ents, ments = [], []
    for n in names:
        s = text.index(n)
        ents.append(Entity(type=TYPES[n], name=n, mentions=[(s, s + len(n))]))
        ments.append(Mention(s, s + len(n), TYPES[n], n))
    d = Document(source=source, raw=text, original=text, text=text, offsets=list(range(len(text))),
                 language="zh-Hans", title=source, published=published)
    d.entities, d.mentions = ents, ments
    if event:
        trig = text.index(event.pop("trigger"))
        word = len(event.pop("word", "签约"))
        d.events = [Event(trigger=(trig, trig + word), evidence=(0, len(text)), **event)]
    d.relations = [Relation(k, a, b, (0, len(text))) for k, a, b in relations]
    d.relevant, d.relevance = relevant, 1.0 if relevant else 0.0
    return d


def _ev(kind: str, date: str, place: str | None, who: list[str], trigger: str, name: str | None = None,
        amount: tuple[float, str] | None = None) -> dict[str, Any]:
    return {"type": kind, "date": date, "place": place, "name": name, "trigger": trigger, "word": trigger,
            "participants": [{"name": w, "role": "party"} for w in who],
            "amount": {"value": amount[0], "currency": amount[1]} if amount else None}


def build(path: Path) -> Store:
    store = Store.open(path, reference=False)
    reg = path.parent / "registry.csv"
    reg.write_text(REGISTRY, encoding="utf-8")
    assert store.import_orgs(reg)["added"] == 4
    pages = [
        ("e1", f"{JIA}与{YI}签署战略合作协议，共建晶圆代工平台，{JIA}加入{ALLIANCE}，{YI}与{BING}合作。", "2022-03-10", True,
         _ev("agreement_signed", "2022-03-10", "苏州市", [JIA, YI], "签署"),
         [("member_of", JIA, ALLIANCE), ("partner_of", YI, BING), ("signed_with", JIA, YI)]),
        ("e2", f"苏州晶圆项目签约，{JIA}将投资100亿元。", "2022-03-15", True,
         _ev("project_signed", "2022-03-15", "苏州市", [JIA], "签约", "苏州晶圆项目", (1e10, "CNY")), []),
        ("e3", f"{JIA}宣布追加投资10亿美元建设苏州晶圆项目。", "2022-07-01", True,
         _ev("investment", "2022-07-01", "苏州市", [JIA], "投资", "苏州晶圆项目", (1e9, "USD")), []),
        ("e4", f"{JIA}苏州晶圆项目今日开工。", "2023-01-20", True,
         _ev("production_milestone", "2023-01-20", "苏州市", [JIA], "开工", "苏州晶圆项目"), []),
        ("e6", f"{YI}封装测试基地项目在苏州签约。", "2023-02-01", True,
         _ev("project_signed", "2023-02-01", "苏州市", [YI], "签约", "苏州封测基地", (5e8, "CNY")), []),
        ("e10", f"{YI}收购一家晶圆代工厂。", "2023-08-01", True,
         _ev("acquisition", "2023-08-01", "苏州市", [YI], "收购", None, (1e6, "ABC")), []),
        ("e8", f"{DING}在成都投资3亿元扩产刻蚀设备。", "2024-02-01", True,
         _ev("investment", "2024-02-01", "成都市", [DING], "投资", None, (3e8, "CNY")), []),
        ("e7", f"{YI}完成2亿港元融资。", "2024-05-10", True,
         _ev("financing", "2024-05-10", None, [YI], "融资", None, (2e8, "HKD")), []),
        ("e5", f"{JIA}苏州晶圆项目正式投产。", "2024-06-30", True,
         _ev("production_milestone", "2024-06-30", "苏州市", [JIA], "投产", "苏州晶圆项目"), []),
        ("e9", f"{JIA}投资50亿元开了一家火锅店，{BING}与{DING}合作经营。", "2024-03-01", False,
         _ev("investment", "2024-03-01", "苏州市", [JIA], "投资", None, (5e9, "CNY")), [("partner_of", BING, DING)]),
    ]
    for source, text, published, relevant, event, rels in pages:
        assert store.ingest(_page(source, text, published, relevant, event, rels)).status == "stored"
    return store


@pytest.fixture(scope="module")
def kg(tmp_path_factory: pytest.TempPathFactory) -> Store:
    return build(tmp_path_factory.mktemp("more") / "kg.db")


# -- timelines --------------------------------------------------------------------------------------------------
def test_periods_and_rates() -> None:
    assert [period("2024-05-10", b) for b in ("year", "quarter", "month")] == ["2024", "2024-Q2", "2024-05"]
    assert period("2024", "month") == "2024" and period(None, "year") is None
    assert to_cny(2e8, "HKD") == pytest.approx(1.82e8) and to_cny(1, "ABC") is None and to_cny(None, "CNY") is None


def test_investment_timeline_by_year_and_quarter(kg: Store) -> None:
    data = timeline(kg, "苏州", by="year")
    rows = {p["period"]: p for p in data["periods"]}
    assert list(rows) == ["2022", "2023", "2024"]
    assert rows["2022"]["total_cny"] == pytest.approx(7.1e9) and rows["2022"]["events"] == 1  # project_signed excluded
    assert (rows["2023"]["total_cny"], rows["2023"]["events"], rows["2023"]["unconverted"]) == (0, 1, 1)
    assert rows["2024"]["total_cny"] == pytest.approx(1.82e8)  # the placeless financing, through 乙; not the 50亿
    assert data["total_cny"] == pytest.approx(7.282e9)
    q = [(p["period"], round(p["total_cny"])) for p in timeline(kg, "苏州", by="quarter")["periods"]]
    assert q == [("2022-Q3", 7_100_000_000), ("2023-Q3", 0), ("2024-Q2", 182_000_000)]
    cd = timeline(kg, "成都", by="month")
    assert [(p["period"], p["total_cny"]) for p in cd["periods"]] == [("2024-02", 3e8)]
    assert timeline(kg, "江苏")["total_cny"] == pytest.approx(7.282e9)  # a province holds its cities


def test_projects_life_cycle_and_stalled(kg: Store) -> None:
    data = projects(kg, "苏州", as_of="2024-06-30")
    assert data["newest"] == "2024-06-30" and data["as_of"] == "2024-06-30"
    got = {p["project"]: p for p in data["projects"]}
    assert set(got) == {"苏州晶圆项目", "苏州封测基地"}
    fab = got["苏州晶圆项目"]
    assert [e["stage"] for e in fab["events"]] == ["signed", "signed", "under construction", "producing"]
    assert (fab["stage"], fab["stalled"], fab["months_quiet"], fab["amount_cny"]) == ("producing", False, 0, 1e10)
    base = got["苏州封测基地"]  # signed 2023-02, nothing since: 16 months before 2024-06
    assert (base["stage"], base["stalled"], base["status"], base["months_quiet"]) == ("signed", True, "stalled", 16)
    assert projects(kg, "苏州", stalled_months=17, as_of="2024-06-30")["projects"][1]["stalled"] is False
    # as of a year later, the fab still produces, and the base has been quiet for 28 months
    later = {p["project"]: p for p in projects(kg, "苏州", as_of="2025-06-30")["projects"]}
    assert later["苏州封测基地"]["months_quiet"] == 28 and later["苏州晶圆项目"]["stalled"] is False
    # as of before the fab's production start, the fab is under construction, and nothing after counts
    early = {p["project"]: p for p in projects(kg, "苏州", as_of="2024-01-31")["projects"]}
    assert early["苏州晶圆项目"]["stage"] != "producing"
    assert all(e["date"] <= "2024-01-31" for p in early.values() for e in p["events"] if e["date"])


def test_agreement_followthrough(kg: Store) -> None:
    data = followthrough(kg, "苏州")
    (a,) = data["agreements"]
    assert a["parties"] == sorted([JIA, YI])
    assert [x["id"] for x in a["areas"]] == ["manufacturing.foundry"]  # not packaging: 封测 is only in 乙's name
    dates = [(f["date"], f["type"], f["areas"][0]["how"]) for f in a["followups"]]
    assert dates == [("2022-03-15", "project_signed", "party segment"), ("2022-07-01", "investment", "party segment"),
                     ("2023-01-20", "production_milestone", "party segment"),
                     ("2023-08-01", "acquisition", "named"),
                     ("2024-06-30", "production_milestone", "party segment")]
    assert a["followed"] is True
    assert followthrough(kg, "成都")["agreements"] == []


def test_collaboration_network(kg: Store) -> None:
    data = network(kg)
    edges = {(e["type"], e["source"], e["target"]): e for e in data["edges"]}
    assert set(edges) == {("member_of", JIA, ALLIANCE), ("partner_of", BING, YI), ("signed_with", YI, JIA)}
    signed = edges[("signed_with", YI, JIA)]
    assert signed["weight"] == 1 and len(signed["evidence"]) == 1  # the relation and the event share one sentence
    assert signed["evidence"][0]["sentence"].startswith(JIA)
    assert {n["id"]: n["degree"] for n in data["nodes"]} == {JIA: 2, YI: 2, BING: 1, ALLIANCE: 1}
    sh = network(kg, "上海")
    assert [(e["type"], e["source"], e["target"]) for e in sh["edges"]] == [("partner_of", BING, YI)]
    assert network(kg, "成都")["edges"] == []  # 丙–丁 only on the off-topic page


# -- Python API ---------------------------------------------------------------------------------------------------
def test_python_api_dataframes(kg: Store) -> None:
    atlas = icatlas.open(str(kg.engine.url.database))
    assert isinstance(atlas, Store)
    sz = atlas.region("苏州")
    assert sz["region"]["name"] == "苏州市"  # still the dict Store.region gave
    m = sz.map()
    assert list(m.columns)[:9] == ["id", "name", "stage", "parent", "label", "count", "size", "rank", "lq"]
    assert set(m["label"]) <= {"leading", "specialised", "present", "thin", "absent"}
    # icatlas.open loads the bundled reference organisations too, so 苏州 has more than 甲 under foundry
    assert JIA in m.set_index("id").loc["manufacturing.foundry", "organizations"]
    assert list(sz.gaps().columns) == ["id", "name", "stage", "status", "count", "size", "lq", "priority", "needed_by",
                                       "reason"]
    assert {"direction", "a_label", "a_lq", "b_label", "b_lq"} <= set(sz.compare("上海").columns)
    tl = sz.timeline()
    assert tl.shape == (3, 4) and list(tl["period"]) == ["2022", "2023", "2024"]
    assert len(sz.events()) == 8 and "type" in sz.events().columns
    assert sz.projects().shape[0] == 2 and sz.followthrough().shape == (1, 7)
    assert sz.network().shape == (3, 4)  # all three edges have an end in 苏州 and list(sz.targets().columns)[:2] == ["name", "region"]
    yi = atlas.org("乙封测")
    assert yi.name == YI and len(yi.events()) == 4
    assert list(yi.timeline()["period"]) == ["2023", "2024"]
    p = yi.partners()
    assert list(p.columns) == ["name", "region", "segments", "score", "relation", "reason"]


# -- exports ------------------------------------------------------------------------------------------------------
def test_exports_read_back(kg: Store, tmp_path: Path) -> None:
    res = export(kg, "csv", tmp_path / "csv")
    with open(tmp_path / "csv" / "events.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 9 == res["tables"]["events"]  # the off-topic page's event is left out
    assert {r["amount_cny"] for r in rows if r["amount_currency"] == "USD"} == {"7100000000.0"}

    from openpyxl import load_workbook

    export(kg, "xlsx", tmp_path / "kg.xlsx", region="苏州")
    wb = load_workbook(tmp_path / "kg.xlsx")
    assert wb.sheetnames == ["说明 About", "机构 Organisations", "事件 Events", "数据 Figures", "关系 Relations",
                             "合作 Collaboration", "文档 Documents"]
    ws = wb["事件 Events"]
    assert ws.freeze_panes == "A2" and ws["A1"].font.bold and ws.max_row == 1 + 8
    assert ws.column_dimensions["A"].width > 0
    header = [c.value for c in ws[1]]
    assert header[:6] == ["日期", "状态", "类型", "名称", "地点", "参与方"] and header[-2:] == ["出处文档", "原句"]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=2)]
    # people read names, roles and sentences: no ids, no character offsets
    from icatlas.analytics.export import tables

    texts = " ".join(" ".join(d["text"].split()) for d in tables(kg, region="苏州")["documents"])
    assert all(r[-1] and r[-1] in texts for r in rows)
    assert any("（" in (r[5] or "") for r in rows)  # a participant with its role
    assert all(r[2] in ("投资", "项目签约", "签署协议", "会议活动", "机构成立", "投产进展", "融资", "并购", "中标", "获奖授牌",
                        "政策发布", "考察调研") for r in rows)
    orgs = wb["机构 Organisations"]
    assert [c.value for c in orgs[1]] == ["名称", "类型", "所在地", "产业链环节", "别名", "依据"]
    assert {r[0].value for r in orgs.iter_rows(min_row=2)} >= {JIA}

    export(kg, "json", tmp_path / "kg.json")
    tables = json.loads((tmp_path / "kg.json").read_text(encoding="utf-8"))["tables"]
    assert {e["name"] for e in tables["entities"]} >= {JIA, YI, BING, DING, ALLIANCE}

    res = export(kg, "graphml", tmp_path / "kg.graphml")
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    root = ET.parse(tmp_path / "kg.graphml").getroot()
    nodes = root.findall(".//g:node", ns)
    edges = root.findall(".//g:edge", ns)
    assert (len(nodes), len(edges)) == (res["nodes"], res["edges"])
    kinds = {d.text for n in nodes for d in n.findall("g:data[@key='n_kind']", ns)}
    assert kinds >= {"entity", "event"}
    ids = {n.get("id") for n in nodes}
    assert all(e.get("source") in ids and e.get("target") in ids for e in edges)
    participation = [e for e in edges if e.find("g:data[@key='e_kind']", ns).text == "participation"]  # type: ignore[union-attr]
    assert len(participation) == 10  # E1 has two parties, the other eight one each


def test_export_all_writes_what_stats_counts_and_says_what_it_leaves_out(tmp_path: Path) -> None:
    """``--all`` writes every row the store holds, an entity no page mentions included (a region a page names only
    as another's place); without it, the export counts what it leaves out and says why."""
    from icatlas.cli import app

    store = build(tmp_path / "all.db")
    text = "无锡高新区召开集成电路产业大会。"
    page = Document(source="region", raw=text, original=text, text=text, offsets=list(range(len(text))),
                    language="zh-Hans", title="region", published="2024-07-01")
    page.entities = [Entity("region", "无锡高新区", region="新吴区")]  # stored, never mentioned
    page.relevant, page.relevance = True, 1.0
    assert store.ingest(page).status == "stored"
    stats = store.stats()
    every = export(store, "csv", tmp_path / "every", include_off_topic=True)
    assert every["left_out"] == {} and every["why"] is None
    for table in ("documents", "entities", "mentions", "events", "figures", "relations", "collab_records"):
        assert every["tables"][table] == stats[table], table
    with open(tmp_path / "every" / "entities.csv", encoding="utf-8") as f:
        assert "无锡高新区" in {r["name"] for r in csv.DictReader(f)}
    from openpyxl import load_workbook

    for everything, scope in ((True, "全部文档及其事实"), (False, "只含集成电路相关文档及其事实")):
        export(store, "xlsx", tmp_path / f"{everything}.xlsx", include_off_topic=everything)
        about = load_workbook(tmp_path / f"{everything}.xlsx")["说明 About"]
        assert any(scope in str(c.value) for row in about.iter_rows() for c in row)
    some = export(store, "json", tmp_path / "some.json")
    assert some["left_out"]["documents"] == 1  # the off-topic page
    assert some["left_out"]["entities"] >= 1 and "--all keeps them" in some["why"]
    assert all(some["tables"][k] + some["left_out"].get(k, 0) == every["tables"][k] for k in every["tables"])
    db = str(store.engine.url.database)
    r = CliRunner().invoke(app, ["export", "csv", str(tmp_path / "cli"), "--db", db])
    assert r.exit_code == 0 and "left out documents 1" in r.stderr and "--all keeps them" in r.stderr
    r = CliRunner().invoke(app, ["export", "csv", str(tmp_path / "cli-all"), "--all", "--db", db])
    held = Store.open(db).stats()["entities"]  # the command loaded the bundled registry as well
    assert r.exit_code == 0 and f"entities {held}" in r.stderr and "left out" not in r.stderr


# -- CLI ----------------------------------------------------------------------------------------------------------
def test_cli_commands(kg: Store, tmp_path: Path) -> None:
    from icatlas.cli import app

    db = str(kg.engine.url.database)
    run = CliRunner().invoke
    r = run(app, ["timeline", "苏州", "--by", "quarter", "--json", "--db", db])
    assert r.exit_code == 0, r.output
    assert [p["period"] for p in json.loads(r.stdout)["periods"]] == ["2022-Q3", "2023-Q3", "2024-Q2"]
    r = run(app, ["timeline", "苏州", "--db", db])
    assert r.exit_code == 0 and "2022" in r.stdout
    r = run(app, ["network", "上海", "--json", "--db", db])
    assert r.exit_code == 0 and len(json.loads(r.stdout)["edges"]) == 1
    r = run(app, ["network", "--db", db])
    assert r.exit_code == 0 and "member_of" in r.stdout
    r = run(app, ["projects", "苏州", "--stalled-months", "12", "--db", db])
    assert r.exit_code == 0 and "stalled" in r.stdout and "苏州晶圆项目" in r.stdout
    r = run(app, ["followthrough", "苏州", "--json", "--db", db])
    assert r.exit_code == 0 and len(json.loads(r.stdout)["agreements"][0]["followups"]) == 5
    r = run(app, ["followthrough", "苏州", "--db", db])
    assert r.exit_code == 0 and "晶圆代工" in r.stdout
    r = run(app, ["export", "json", str(tmp_path / "out.json"), "--region", "苏州", "--db", db])
    assert r.exit_code == 0, r.output
    assert len(json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["tables"]["events"]) == 8
    r = run(app, ["export", "pdf", str(tmp_path / "x"), "--db", db])
    assert r.exit_code != 0 and "csv, xlsx, json or graphml" in str(r.exception)


def test_rest_endpoints(kg: Store) -> None:
    import httpx

    from icatlas.serve.app import create_app

    async def go() -> None:
        transport = httpx.ASGITransport(app=create_app(str(kg.engine.url.database)))
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as c:
            r = await c.get("/api/timeline/苏州", params={"by": "quarter"})
            assert r.status_code == 200 and len(r.json()["periods"]) == 3
            assert len((await c.get("/api/network")).json()["edges"]) == 3
            assert len((await c.get("/api/network", params={"region": "上海"})).json()["edges"]) == 1
            assert len((await c.get("/api/projects/苏州")).json()["projects"]) == 2
            assert (await c.get("/api/followthrough/苏州")).json()["agreements"][0]["followed"] is True
            assert (await c.get("/api/timeline/nowhere")).status_code == 404

    import asyncio

    asyncio.run(go())


def test_chain_evidence_read_together_equals_one_by_one(tmp_path: Path) -> None:
    """The chain map reads its organisations' evidence sentences in one query; the result is what reading each
    organisation alone gives, for one sentence and for three."""
    from icatlas.analytics.chainmap import _org_evidence, _orgs_evidence
    from icatlas.pipeline import Report, run
    from icatlas.store import schema as t

    store = Store.open(str(tmp_path / "ev.db"))
    for doc in run([Path(__file__).resolve().parents[1] / "examples" / "demo"], report=Report(), progress=False):
        store.ingest(doc)
    with store.engine.connect() as conn:
        oids = sorted({int(r[0]) for r in conn.execute(t.mentions.select().with_only_columns(t.mentions.c.entity_id))
                       if r[0] is not None})
        assert len(oids) > 20
        for per_org in (1, 3):
            together = _orgs_evidence(conn, oids, per_org)
            assert together == {oid: _org_evidence(conn, oid, per_org) for oid in oids}
            assert sum(1 for v in together.values() if v) > 10


def test_event_pages_cut_in_the_store(kg: Store) -> None:
    every = kg.events(limit=1000)
    assert len(every) >= 6
    assert kg.events(limit=3, offset=2) == every[2:5]
    assert all(e["sources"] for e in every)
    who = every[0]["participants"][0]["name"]
    named = [e for e in every if any(who.lower() in p["name"].lower() for p in e["participants"])]
    assert kg.events(participant=who, limit=1, offset=len(named) - 1) == named[-1:]


def test_region_event_index_equals_the_scan(kg: Store) -> None:
    from icatlas.analytics.timelines import load

    g = load(kg)
    codes = {c for e in g.events for c in e.lineage} | {c for e in g.events for p in e.parties for c in p.lineage}
    assert len(codes) > 3
    for code in codes:
        assert g.events_in(code) == [e for e in g.events if e.in_region(code)], code
    assert g.events_in("no-such-code") == []
