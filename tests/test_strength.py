"""Strength on two axes and the labels (docs/methods.md), on a registry built for it, with answers worked by hand.

The ladder registry puts analog design firms in seven cities: 甲市 6, 乙市 4, 丙市 3, 丁市 2, 戊市 2, 己市 1 and 庚市 1
(the cities are real ones: 苏州, 无锡, 南京, 常州, 南通, 扬州, 镇江). With seven cities that have the node, the
leading bar is the top 5 (the top decile of 7 is 1), and a leading city must be larger than the 6th city (size 1).
So 苏州 … 南通 lead, and 扬州 and 镇江 (size 1, below the median 2) are thin.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from icatlas import analytics
from icatlas.analytics.snapshot import snapshot
from icatlas.analytics.strength import labels
from icatlas.store import Store

LADDER = {"苏州": 6, "无锡": 4, "南京": 3, "常州": 2, "南通": 2, "扬州": 1, "镇江": 1}


def _registry(extra: str = "") -> str:
    rows = ["name,region,segments,type,group,stock_code,revenue_band"]
    for city, n in LADDER.items():
        for i in range(n):
            rows.append(f"{city}模拟{i}号有限公司,{city},design.analog,company,,,")
    return "\n".join(rows) + "\n" + extra


def _store(tmp: Path, extra: str = "") -> Store:
    store = Store.open(tmp / "ladder.db", reference=False)
    reg = tmp / "ladder.csv"
    reg.write_text(_registry(extra), encoding="utf-8")
    got = store.import_orgs(reg)
    assert not got["rejected"], got["rejected"]
    return store


def node(data: dict, nid: str) -> dict:
    return next(n for n in data["nodes"] if n["id"] == nid)


def test_size_rank_leading_and_thin(tmp_path: Path) -> None:
    store = _store(tmp_path)
    got = {c: node(analytics.chain_map(store, c), "design.analog") for c in LADDER}
    assert [got[c]["rank"] for c in LADDER] == [1, 2, 3, 4, 4, 6, 6]
    assert [got[c]["label"] for c in LADDER] == ["leading"] * 5 + ["thin", "thin"]
    assert got["苏州"]["share"] == pytest.approx(6 / 19, abs=1e-4) and got["苏州"]["ranked"] == 7
    # a city with no analog firm is absent there
    assert node(analytics.chain_map(store, "泰州"), "design.analog")["label"] == "absent"


def test_a_tie_across_the_leading_edge_leads_nowhere(tmp_path: Path) -> None:
    extra = "".join(f"{c}模拟{i}号有限公司,{c},design.analog,company,,,\n"
                    for c in ("泰州", "宿迁", "淮安", "盐城") for i in range(4))
    store = _store(tmp_path, extra)
    # sizes now 6, 4, 4, 4, 4, 4, 3, 2, 2, 1, 1: the 5th and 6th are both 4, so only 苏州 is larger than the 6th
    lab = {c: node(analytics.chain_map(store, c), "design.analog")["label"] for c in ("苏州", "无锡", "泰州", "南京")}
    assert lab["苏州"] == "leading" and lab["无锡"] != "leading" and lab["泰州"] != "leading"


def test_a_group_counts_once_and_scale_weighs(tmp_path: Path) -> None:
    # two fabs of one group in 合肥 count as one firm, and their scale adds up; a listed firm with a large revenue
    # weighs more than two small ones
    extra = ("合肥晶圆一厂有限公司,合肥,manufacturing.foundry,company,合晶集团,,\n"
             "合肥晶圆二厂有限公司,合肥,manufacturing.foundry,company,合晶集团,,\n"
             "芜湖大晶圆有限公司,芜湖,manufacturing.foundry,company,,600001.SH,100+\n"
             "宣城小晶圆甲有限公司,宣城,manufacturing.foundry,company,,,\n"
             "宣城小晶圆乙有限公司,宣城,manufacturing.foundry,company,,,\n")
    store = _store(tmp_path, extra)
    hf = node(analytics.chain_map(store, "合肥"), "manufacturing.foundry")
    wh = node(analytics.chain_map(store, "芜湖"), "manufacturing.foundry")
    xc = node(analytics.chain_map(store, "宣城"), "manufacturing.foundry")
    assert hf["count"] == 1 and len(hf["organizations"]) == 2  # both shown, one counted
    # 1 + 0.5 listed + revenue in median-firm units: the band 100+ counts at 200亿, 15 units, capped at 10
    assert (wh["count"], wh["size"]) == (1, 11.5)
    assert xc["count"] == 2 and xc["size"] == 2.0 and hf["size"] == 2.0
    assert wh["rank"] == 1 and xc["rank"] == hf["rank"] == 2


def test_research_and_support_are_shown_not_counted(tmp_path: Path) -> None:
    extra = ("苏州微电子研究院,苏州,design.analog,institute,,,\n"
             "苏州芯片大学,苏州,design.analog,university,,,\n")
    store = _store(tmp_path, extra)
    sz = analytics.chain_map(store, "苏州")
    analog = node(sz, "design.analog")
    assert analog["count"] == 6 and {o["name"] for o in analog["support"]} == {"苏州微电子研究院", "苏州芯片大学"}
    assert sz["region"]["organizations"] == 6 and sz["region"]["support"] == 2
    # and they are never attraction targets or partners
    for t in analytics.targets(store, "泰州", limit=100)["targets"]:
        assert t["type"] == "company"


def test_a_parent_is_never_below_what_every_child_is(tmp_path: Path) -> None:
    store = _store(tmp_path)
    snap = snapshot(store)
    for code in snap.by_region:
        lab = labels(snap, code)
        for nid, s in lab.items():
            kids = [lab[c] for c in snap.chain.children.get(nid, []) if lab[c].count]
            if len(kids) >= 2 and all(k.label in ("leading", "specialised") for k in kids):
                assert s.label in ("leading", "specialised"), (code, nid)
            if kids:
                assert s.label not in ("absent",), (code, nid)


def test_as_of_bounds_recent_and_rejects_bad_dates(tmp_path: Path) -> None:
    from icatlas.errors import UsageError

    store = _store(tmp_path)
    # recent: the 24 months after 2023-03-15, up to 2025-03-15
    assert analytics.gaps(store, "苏州", as_of="2025-03-15")["recent_since"] == "2023-03-15"
    assert analytics.gaps(store, "苏州", as_of="2025")["as_of"] == "2025-12-31"
    assert analytics.gaps(store, "苏州", as_of="2024-02")["as_of"] == "2024-02-29"  # a month means its last day
    assert analytics.gaps(store, "苏州", as_of="2024-02-29")["recent_since"] == "2022-02-28"
    for bad in ("last year", "2024-13-45", "2023-02-29"):
        with pytest.raises(UsageError):
            analytics.gaps(store, "苏州", as_of=bad)


def test_planned_and_future_events_are_not_recent(tmp_path: Path) -> None:
    from icatlas.analytics.snapshot import Event

    store = _store(tmp_path)
    snap = snapshot(store)

    def ev(date: str, status: str) -> Event:
        return Event(id=1, type="investment", date=date, place=None, name=None, amount=None, currency=None, doc_id=1,
                     doc_title=None, participants=[], status=status, stated=True)

    assert snap.is_recent(ev("2024-06-01", "done"), "2025-01-01")
    assert not snap.is_recent(ev("2024-06-01", "planned"), "2025-01-01")  # a plan is not activity
    assert not snap.is_recent(ev("2025-02-01", "done"), "2025-01-01")  # nothing after the as-of date counts
    assert not snap.is_recent(ev("2022-06-01", "done"), "2025-01-01")  # older than 24 months
    # exactly 24 months: the day after 2023-01-01 is recent, 2023-01-01 itself and December 2022 are not
    assert snap.is_recent(ev("2023-01-02", "done"), "2025-01-01")
    assert not snap.is_recent(ev("2023-01-01", "done"), "2025-01-01")
    assert not snap.is_recent(ev("2022-12-15", "done"), "2025-01-01")


def test_targets_rank_expansion_first_and_one_per_group(tmp_path: Path) -> None:
    from icatlas.model import Document, Entity, Event, Mention

    extra = ("合肥封测甲有限公司,合肥,packaging_test.traditional,company,封测集团,,\n"
             "合肥封测乙有限公司,合肥,packaging_test.traditional,company,封测集团,,\n"
             "芜湖封测有限公司,芜湖,packaging_test.traditional,company,,,\n"
             "宣城封测有限公司,宣城,packaging_test.traditional,company,,,\n"
             "苏州晶圆有限公司,苏州,manufacturing.foundry,company,,,\n")
    store = _store(tmp_path, extra)
    # the same other things (one firm, unlisted, one segment) for 芜湖 and 宣城; only 芜湖 expanded recently
    text = "芜湖封测有限公司投资5亿元扩建封装产线。"
    d = Document(source="news.txt", raw=text, original=text, text=text, offsets=list(range(len(text))),
                 language="zh-Hans", title="news", published="2026-03-02")
    name = "芜湖封测有限公司"
    d.entities = [Entity(type="company", name=name, mentions=[(0, len(name))], region="芜湖市",
                         segments=["packaging_test.traditional"])]
    d.mentions = [Mention(0, len(name), "company", name)]
    d.events = [Event(type="investment", trigger=(8, 10), evidence=(0, len(text)), date="2026-03-01",
                      place="芜湖市", amount={"value": 5e8, "currency": "CNY"},
                      participants=[{"name": name, "role": "investor"}])]
    d.relevant, d.relevance = True, 1.0
    assert store.ingest(d).status == "stored"
    data = analytics.targets(store, "苏州", gap_count=50, limit=50, as_of="2026-06-30")
    order = [t["name"] for t in data["targets"]]
    assert order.index("芜湖封测有限公司") < order.index("宣城封测有限公司")
    wuhu = next(t for t in data["targets"] if t["name"] == "芜湖封测有限公司")
    assert wuhu["factors"]["expansion"] > 0 and "1 expansion event(s) in the last 24 months" in wuhu["reason"]
    # one member of the 封测集团 is listed; the other is named under it
    group = [t for t in data["targets"] if t.get("group") == "封测集团"]
    assert len(group) == 1 and group[0]["group_members"]
    # before the investment, 芜湖 has no edge over 宣城
    early = analytics.targets(store, "苏州", gap_count=50, limit=50, as_of="2025-06-30")
    wuhu_early = next(t for t in early["targets"] if t["name"] == "芜湖封测有限公司")
    assert wuhu_early["factors"]["expansion"] == 0


def test_a_page_that_says_where_a_firm_is_places_it_in_the_district(tmp_path: Path) -> None:
    """位于苏州工业园区: the firm is placed in the park's district, below the city its name carries, so the district's
    map lists it."""
    from icatlas.model import Document
    from icatlas.normalise import normalise
    from icatlas.pipeline import extract

    text = "标题\n苏州明芯微电子有限公司位于苏州工业园区，主要从事模拟芯片设计，去年营收超过两亿元。\n"
    doc = extract(normalise(Document(source="p.txt", raw=text, original=text)))
    firm = next(e for e in doc.entities if e.name == "苏州明芯微电子有限公司")
    assert firm.region == "苏州工业园区"
    # a place outside the region the name carries does not move it (a 苏州 firm "located in" 无锡 stays in 苏州)
    other = "标题\n苏州明芯微电子有限公司位于无锡市，主要从事模拟芯片设计。\n"
    doc2 = extract(normalise(Document(source="q.txt", raw=other, original=other)))
    assert next(e for e in doc2.entities if e.name == "苏州明芯微电子有限公司").region == "苏州市"
    firm.segments = ["design.analog"]
    doc.relevant, doc.relevance = True, 1.0
    store = _store(tmp_path)
    assert store.ingest(doc).status == "stored"
    park = analytics.chain_map(store, "苏州工业园区")
    assert "苏州明芯微电子有限公司" in {o["name"] for o in node(park, "design.analog")["organizations"]}


def test_a_revenue_a_page_states_weighs_a_firm_the_registry_does_not_know(tmp_path: Path) -> None:
    from icatlas.model import Document
    from icatlas.normalise import normalise
    from icatlas.pipeline import extract

    text = ("标题\n苏州明芯微电子有限公司位于苏州工业园区，主要从事模拟芯片设计。2023年，苏州明芯微电子有限公司营业收入达到"
            "26亿元。\n")
    doc = extract(normalise(Document(source="p.txt", raw=text, original=text,
                                     meta={"published_default": "2024-03-01"})))
    next(e for e in doc.entities if e.name == "苏州明芯微电子有限公司").segments = ["design.analog"]
    doc.relevant, doc.relevance = True, 1.0
    store = _store(tmp_path)
    assert store.ingest(doc).status == "stored"
    # scale 1 + 26亿 / 13亿 (the registry's median firm) = 3
    assert node(analytics.chain_map(store, "苏州工业园区"), "design.analog")["size"] == 3.0


def test_a_firm_abroad_counts_in_no_region_of_china_nor_the_country(tmp_path: Path) -> None:
    store = _store(tmp_path, "东京模拟株式会社,日本,design.analog,company,,,\n亚利桑那模拟公司,Arizona,design.analog,company,,,\n")
    snap = snapshot(store)
    assert snap.national["design.analog"] == sum(LADDER.values()), snap.national
    assert snap.national_total == sum(LADDER.values())
    assert node(analytics.chain_map(store, "苏州"), "design.analog")["share"] == pytest.approx(6 / 19, abs=1e-4)
