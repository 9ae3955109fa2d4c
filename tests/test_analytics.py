"""The industrial map on small stores whose right answers are worked out by hand (docs/methods.md has the rules).

The hand store holds eleven located chain organisations (a registry import plus one extracted from a relevant
page), one organisation seen only on an off-topic page and one government body:

    江苏省 4: 苏州 甲封测 (packaging_test.traditional), 吴中测试 (packaging_test.testing, equipment.handler);
              无锡 锡山封装 (packaging_test.traditional); 南京 金陵微控 (design.mcu)
    四川省 3: 成都 天府微控 (design.mcu), 蓉芯模拟 (design.analog, from a relevant page); 绵阳 绵州晶圆 (foundry)
    重庆市 2: 山城封装 (packaging_test.traditional), 渝北刻蚀 (equipment.etch)
    上海市 2: 浦江光刻 (equipment.lithography), 黄浦微控 (design.mcu)
    not counted: 锦江无关 (成都, design.analog, only on an off-topic page), 成都市经济和信息化局 (government)

So N = 11 and, at province level, the peers are 江苏 (4), 四川 (3), 重庆 (2) and 上海 (2).
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from icatlas import analytics
from icatlas.errors import NotFound
from icatlas.model import Document, Entity, Event, Mention
from icatlas.store import Store

REGISTRY = """name,region,segments,type
苏州甲封测有限公司,苏州,packaging_test.traditional,company
吴中测试有限公司,苏州,packaging_test.testing|equipment.handler,company
锡山封装有限公司,无锡,packaging_test.traditional,company
金陵微控有限公司,南京,design.mcu,company
天府微控有限公司,成都,design.mcu,company
绵州晶圆有限公司,绵阳,manufacturing.foundry,company
山城封装有限公司,重庆,packaging_test.traditional,company
渝北刻蚀设备有限公司,重庆,equipment.etch,company
浦江光刻有限公司,上海,equipment.lithography,company
黄浦微控有限公司,上海,design.mcu,company
"""


def _doc(source: str, sentences: list[tuple[str, list[tuple[str, str, str | None, list[str]]]]],
         relevant: bool, events: list[Event] | None = None) -> Document:
    """A processed document written by hand: sentences, each with (name, type, region, segments) entities."""
    text, ents = "", []
    for sentence, entities in sentences:
        for name, etype, region, segments in entities:
            start = len(text) + sentence.index(name)
            ents.append((Entity(type=etype, name=name, mentions=[(start, start + len(name))], region=region,
                                segments=list(segments)), Mention(start, start + len(name), etype, name)))
        text += sentence
    d = Document(source=source, raw=text, original=text, text=text, offsets=list(range(len(text))),
                 language="zh-Hans", title=source, published="2024-05-02")
    d.entities = [e for e, _m in ents]
    d.mentions = [m for _e, m in ents]
    d.events = events or []
    d.relevant, d.relevance = relevant, 1.0 if relevant else 0.0
    return d


def build_hand_store(path: Path) -> Store:
    store = Store.open(path, reference=False)
    reg = path.parent / "registry.csv"
    reg.write_text(REGISTRY, encoding="utf-8")
    assert store.import_orgs(reg)["added"] == 10
    page = [("苏州甲封测有限公司是一家封装测试企业。", [("苏州甲封测有限公司", "company", None, [])]),
            ("蓉芯模拟电子有限公司在成都设计模拟芯片。", [("蓉芯模拟电子有限公司", "company", "成都市", ["design.analog"])]),
            ("成都市经济和信息化局发布芯片设计扶持政策。", [("成都市经济和信息化局", "government", "成都市", ["design"])]),
            ("吴中测试有限公司投资1亿元扩建测试产线。", [("吴中测试有限公司", "company", None, [])])]
    invest = Event(type="investment", trigger=(len("".join(s for s, _ in page[:3])) + 6,) * 2,
                   evidence=(0, 10), date="2024-05-01", place="苏州市", amount={"value": 1e8, "currency": "CNY"},
                   participants=[{"name": "吴中测试有限公司", "role": "investor"}], name="测试产线扩建")
    assert store.ingest(_doc("relevant.txt", page, True, [invest])).status == "stored"
    off = [("锦江无关科技有限公司今天开业，主营模拟芯片设计和餐饮。", [("锦江无关科技有限公司", "company", "成都市",
                                                         ["design.analog"])])]
    assert store.ingest(_doc("offtopic.txt", off, False)).status == "stored"
    return store


@pytest.fixture(scope="module")
def hand(tmp_path_factory: pytest.TempPathFactory) -> Store:
    return build_hand_store(tmp_path_factory.mktemp("hand") / "hand.db")


def node(data: dict, nid: str) -> dict:
    return next(n for n in data["nodes"] if n["id"] == nid)


def names(items: list[dict]) -> set[str]:
    return {o["name"] for o in items}


# -- strength ---------------------------------------------------------------------------------------------------
def test_percentile_and_location_quotient() -> None:
    assert analytics.percentile([0, 0, 1.375, 2.0625], 0.75) == pytest.approx(1.546875)
    assert analytics.percentile([0, 0, 1, 3], 0.25) == 0
    assert analytics.percentile([], 0.5) == 0
    assert analytics.location_quotient(3, 4, 4, 11) == pytest.approx(2.0625)
    assert analytics.location_quotient(0, 4, 4, 11) == 0


def test_specialisation_and_labels_at_province_level(hand: Store) -> None:
    # as of the day before 吴中测试's investment, every firm weighs 1 and sizes are firm counts
    js = analytics.chain_map(hand, "江苏", as_of="2024-04-30")
    assert js["region"]["level"] == "province" and js["region"]["organizations"] == 4 and js["region"]["peers"] == 4
    # packaging_test: 江苏 3 of 4, nationally 4 of 11 -> LQ 2.0625; among the provinces that have it, sizes [1, 3]
    # -> P25 1.5, and the LQ bar is read among those above it (江苏 alone) -> P75 2.0625: the US rule holds
    pt = node(js, "packaging_test")
    assert (pt["count"], pt["lq"], pt["specialised"]) == (3, 2.062, True)
    assert pt["lq_p75"] == pytest.approx(2.062, abs=1e-3) and pt["size_p25"] == 1.5
    assert pt["label"] == "leading" and pt["rank"] == 1 and pt["strong"] is True
    # 重庆: one firm, LQ 1.375 below P75: not specialised; but only two provinces have the node, so both are among
    # the top five by size, and it leads
    cq = node(analytics.chain_map(hand, "重庆", as_of="2024-04-30"), "packaging_test")
    assert (cq["count"], cq["lq"], cq["specialised"], cq["label"], cq["rank"]) == (1, 1.375, False, "leading", 2)
    # design.mcu: 上海 LQ 1.833 ≥ P75 1.528, but its size 1 is not above the size P25 of 1: never specialised alone
    sh = node(analytics.chain_map(hand, "上海", as_of="2024-04-30"), "design.mcu")
    assert sh["lq"] == 1.833 and sh["specialised"] is False
    assert node(js, "design.mcu")["lq"] == 0.917 and node(js, "design.mcu")["specialised"] is False
    assert js["labels"]["thin"].startswith("present, but smaller")
    # after the investment, 吴中测试 weighs a little more (half the log10 of 1.1) and so does 江苏's size
    later = node(analytics.chain_map(hand, "江苏", as_of="2024-06-30"), "packaging_test")
    assert later["size"] == pytest.approx(3 + 0.5 * 0.0414, abs=1e-2) and later["count"] == 3


def test_cities_are_compared_with_cities_and_municipalities(hand: Store) -> None:
    sz = analytics.chain_map(hand, "苏州", as_of="2024-04-30")
    # peers: 苏州 2, 无锡 1, 南京 1, 成都 2, 绵阳 1, 重庆 2, 上海 2; packaging_test LQ (2/2)/(4/11) = 2.75; among the
    # cities that have it (苏州 2.75, 无锡 2.75, 重庆 1.375) P75 is 2.75 and the size P25 is 1
    assert sz["region"]["level"] == "city" and sz["region"]["peers"] == 7
    pt = node(sz, "packaging_test")
    assert (pt["count"], pt["lq"], pt["specialised"], pt["lq_p75"], pt["label"]) == (2, 2.75, True, 2.75, "leading")


def test_a_province_is_the_sum_of_its_cities(hand: Store) -> None:
    prov = analytics.chain_map(hand, "江苏省")
    cities = [analytics.chain_map(hand, c) for c in ("苏州", "无锡", "南京")]
    assert prov["region"]["organizations"] == sum(c["region"]["organizations"] for c in cities) == 4
    for n in prov["nodes"]:
        assert n["count"] == sum(node(c, n["id"])["count"] for c in cities), n["id"]
        assert names(n["organizations"]) == set().union(*(names(node(c, n["id"])["organizations"]) for c in cities))
    # and a group is the sum of its member provinces
    group = analytics.chain_map(hand, "成渝")
    assert group["region"]["organizations"] == 5
    assert node(group, "packaging_test.traditional")["count"] == 1 and node(group, "design")["count"] == 2


def test_only_relevant_pages_and_chain_organisations_count(hand: Store) -> None:
    cd = analytics.chain_map(hand, "成都")
    analog = node(cd, "design.analog")
    assert names(analog["organizations"]) == {"蓉芯模拟电子有限公司"}  # not the off-topic page's 锦江无关
    assert "成都市经济和信息化局" not in names(node(cd, "design")["organizations"])  # governments are no link
    src = analog["organizations"][0]["sources"]
    assert src[0]["kind"] == "document" and src[0]["sentence"] == "蓉芯模拟电子有限公司在成都设计模拟芯片。"


def test_relevance_override_brings_a_page_in(tmp_path: Path) -> None:
    store = build_hand_store(tmp_path / "kg.db")
    assert node(analytics.chain_map(store, "成都"), "design.analog")["count"] == 1
    off = next(d for d in store.documents() if d["source"] == "offtopic.txt")
    store.set_relevance(off["id"], True, "test")
    assert node(analytics.chain_map(store, "成都"), "design.analog")["count"] == 2


def test_map_json_shape_and_evidence(hand: Store) -> None:
    data = analytics.chain_map(hand, "苏州")
    assert set(data) == {"region", "nodes", "as_of", "labels"} and {"code", "name", "level"} <= set(data["region"])
    assert len(data["nodes"]) == 112
    for n in data["nodes"]:
        assert {"id", "name", "stage", "count", "size", "rank", "lq", "label", "strong", "organizations",
                "support"} <= set(n)
        assert n["count"] == len(n["organizations"]) and n["label"] in ("leading", "specialised", "present", "thin",
                                                                        "absent")
        for o in n["organizations"]:
            assert {"name", "sources"} <= set(o) and o["sources"]
    org = next(o for o in node(data, "packaging_test.traditional")["organizations"] if o["name"] == "苏州甲封测有限公司")
    kinds = [s["kind"] for s in org["sources"]]
    assert kinds == ["document", "registry"]
    assert org["sources"][0]["sentence"] == "苏州甲封测有限公司是一家封装测试企业。"
    assert org["sources"][1]["origin"] == "import:registry.csv"
    assert node(data, "equipment.handler")["investment_cny"] == 1e8


def test_unknown_region_is_not_found(hand: Store) -> None:
    with pytest.raises(NotFound):
        analytics.chain_map(hand, "火星")


# -- gaps, compare, partners, targets ---------------------------------------------------------------------------
def test_gaps_are_missing_links_the_region_needs(hand: Store) -> None:
    data = analytics.gaps(hand, "四川", as_of="2024-06-30")
    assert set(data) >= {"region", "gaps", "as_of"} and data["recent_since"] == "2022-06-30"
    gaps = {g["id"]: g for g in data["gaps"]}
    prios = [g["priority"] for g in data["gaps"]]
    assert prios == sorted(prios, reverse=True)
    for g in data["gaps"]:
        assert {"id", "name", "priority", "reason", "needed_by"} <= set(g) and g["reason"] and g["needed_by"]
        assert g["stage"] != "applications" and g["status"] in ("absent", "thin")
    # what 四川 holds (design, MCU, analog, the foundry) is no gap
    assert not {"design", "design.mcu", "design.analog", "manufacturing", "manufacturing.foundry"} & set(gaps)
    # packaging is needed by the foundry (it goes into packaging; the foundry and wafer manufacturing above it are
    # one link), and 江苏 leads it
    pt = gaps["packaging_test"]
    assert pt["status"] == "absent" and {x["id"] for x in pt["needed_by"]} == {"manufacturing.foundry"}
    assert pt["strong_elsewhere"][0]["name"] == "江苏省"
    assert "needed by 1 link(s) 四川省 holds" in pt["reason"]
    assert "leading suppliers elsewhere, largest first: 江苏省" in pt["reason"]
    # the handler feeds only testing, which 四川 lacks: nothing of its own chain needs it, so it is no gap
    assert "equipment.handler" not in gaps and "equipment.prober" not in gaps
    # 吴中测试's investment of 2024-05-01 is recent activity of testing; a year later it is not
    assert gaps["packaging_test.testing"]["components"]["activity"] == 1.0
    later = {g["id"]: g for g in analytics.gaps(hand, "四川", as_of="2026-07-01")["gaps"]}
    assert later["packaging_test.testing"]["components"]["activity"] == 0
    assert analytics.gaps(hand, "四川", limit=3, as_of="2024-06-30")["gaps"] == data["gaps"][:3]


def test_a_leading_link_is_never_a_gap(hand: Store) -> None:
    for region in ("江苏", "四川", "重庆", "上海", "苏州", "成都"):
        snap_labels = {n["id"]: n["label"] for n in analytics.chain_map(hand, region)["nodes"]}
        for g in analytics.gaps(hand, region)["gaps"]:
            assert snap_labels[g["id"]] in ("absent", "thin"), (region, g["id"])


def test_compare_both_directions(hand: Store) -> None:
    data = analytics.compare(hand, "四川", "重庆")
    assert set(data) == {"a", "b", "as_of", "labels", "a_strong_b_weak", "b_strong_a_weak"}
    assert {x["id"] for x in data["a_strong_b_weak"]} == {"design", "design.mcu", "design.analog", "manufacturing",
                                                         "manufacturing.foundry"}
    # only 江苏 and 重庆 have packaging: both lead it, and 四川 has none
    assert {x["id"] for x in data["b_strong_a_weak"]} == {"equipment", "equipment.etch", "packaging_test",
                                                         "packaging_test.traditional"}
    foundry = next(x for x in data["a_strong_b_weak"] if x["id"] == "manufacturing.foundry")
    assert names(foundry["a"]["organizations"]) == {"绵州晶圆有限公司"} and foundry["b"]["label"] == "absent"
    etch = next(x for x in data["b_strong_a_weak"] if x["id"] == "equipment.etch")
    assert names(etch["b"]["organizations"]) == {"渝北刻蚀设备有限公司"} and etch["b"]["meaning"]
    swapped = analytics.compare(hand, "重庆", "四川")
    assert [x["id"] for x in swapped["a_strong_b_weak"]] == [x["id"] for x in data["b_strong_a_weak"]]


def test_partners_follow_the_flow(hand: Store) -> None:
    # a design house pairs with the foundry only (design goes into manufacturing, not into packaging)
    mcu = analytics.partners(hand, "天府微控有限公司")
    assert [p["name"] for p in mcu["partners"]] == ["绵州晶圆有限公司"]
    assert mcu["partners"][0]["relation"] == "customer"
    assert "customer: MCU goes into 晶圆代工" in mcu["partners"][0]["reason"]
    # the foundry pairs with design houses (suppliers of designs), packagers and equipment makers
    fab = analytics.partners(hand, "绵州晶圆", as_of="2024-06-30")
    got = {p["name"]: p for p in fab["partners"]}
    assert set(got) == {"苏州甲封测有限公司", "吴中测试有限公司", "锡山封装有限公司", "金陵微控有限公司", "天府微控有限公司",
                        "蓉芯模拟电子有限公司", "山城封装有限公司", "渝北刻蚀设备有限公司", "浦江光刻有限公司",
                        "黄浦微控有限公司"}
    assert got["浦江光刻有限公司"]["relation"] == "supplier" and got["山城封装有限公司"]["relation"] == "customer"
    assert "光刻设备 goes into 晶圆代工" in got["浦江光刻有限公司"]["reason"]
    # 吴中测试 expanded in the 24 months before the as-of date: it ranks first, and its score says why
    assert fab["partners"][0]["name"] == "吴中测试有限公司"
    assert fab["partners"][0]["factors"]["expansion"] > 0 and "1 expansion event(s)" in fab["partners"][0]["reason"]
    only = analytics.partners(hand, "绵州晶圆", region="重庆")
    assert names(only["partners"]) == {"山城封装有限公司", "渝北刻蚀设备有限公司"}
    with pytest.raises(NotFound):
        analytics.partners(hand, "没有这家公司")


def test_targets_are_outside_and_carry_events(hand: Store) -> None:
    data = analytics.targets(hand, "四川", gap_count=200, limit=50, as_of="2024-06-30")
    sichuan = {"天府微控有限公司", "蓉芯模拟电子有限公司", "绵州晶圆有限公司"}
    assert data["targets"] and not sichuan & names(data["targets"])
    top = data["targets"][0]
    assert top["name"] == "吴中测试有限公司" and top["recent_events"] == 1 and top["expansion_events"] == 1
    assert top["events"][0]["type"] == "investment" and top["events"][0]["date"] == "2024-05-01"
    assert "fills" in top["reason"] and "1 expansion event(s) in the last 24 months" in top["reason"]
    assert set(top["factors"]) == {"fit", "scale", "expansion"}
    for t in data["targets"]:
        assert set(t["gaps"]) <= {g["id"] for g in data["gaps"]}
        assert t["type"] == "company"  # research and support organisations are never targets


# -- command line and web ---------------------------------------------------------------------------------------
def test_cli_runs_each_command(tmp_path: Path) -> None:
    from icatlas.cli import app

    db = tmp_path / "copy.db"
    build_hand_store(db)
    runner = CliRunner()

    def run(*args: str) -> dict:
        res = runner.invoke(app, [*args, "--db", str(db), "--json"])
        assert res.exit_code == 0, res.output
        return json.loads(res.stdout)

    m = run("map", "苏州")
    assert {"region", "nodes", "as_of", "labels"} == set(m) and "苏州甲封测有限公司" in names(node(m, "packaging_test")["organizations"])
    store = Store.open(db)  # the command loaded the reference data into the copy: compare like with like
    assert m == json.loads(json.dumps(analytics.chain_map(store, "苏州"), ensure_ascii=False, default=str))
    assert run("gaps", "成都", "--limit", "5")["gaps"] and len(run("gaps", "成都", "--limit", "5")["gaps"]) == 5
    c = run("compare", "四川", "重庆")
    assert c["a_strong_b_weak"] and c["b_strong_a_weak"]
    p = run("partners", "绵州晶圆", "--in", "重庆")
    assert "山城封装有限公司" in names(p["partners"])
    assert run("targets", "四川", "--limit", "3")["targets"]
    dated = run("gaps", "四川", "--as-of", "2024-06-30")
    assert dated["as_of"] == "2024-06-30" and dated["recent_since"] == "2022-06-30"
    bad_date = runner.invoke(app, ["gaps", "四川", "--db", str(db), "--as-of", "soon"])
    from icatlas.errors import UsageError

    assert bad_date.exit_code != 0 and isinstance(bad_date.exception, UsageError)
    assert "YYYY-MM-DD" in bad_date.exception.hint
    text = runner.invoke(app, ["gaps", "四川", "--db", str(db), "--limit", "2"])
    assert text.exit_code == 0 and "priority" in text.stdout
    bad = runner.invoke(app, ["map", "火星", "--db", str(db)])
    assert bad.exit_code != 0 and isinstance(bad.exception, NotFound)


def test_rest_endpoints(tmp_path: Path) -> None:
    import asyncio

    import httpx

    from icatlas.serve import create_app

    db = tmp_path / "web.db"
    build_hand_store(db)
    app = create_app(db)

    async def get(path: str) -> httpx.Response:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as c:
            return await c.get(path)

    for path, keys in (("/api/map/苏州", {"region", "nodes"}), ("/api/gaps/成都?limit=3", {"region", "gaps"}),
                       ("/api/compare/四川/重庆", {"a", "b", "a_strong_b_weak", "b_strong_a_weak"}),
                       ("/api/partners/绵州晶圆?in=重庆", {"org", "region", "partners"}),
                       ("/api/targets/四川", {"region", "gaps", "targets"})):
        r = asyncio.run(get(path))
        assert r.status_code == 200 and keys <= set(r.json()), path
    r = asyncio.run(get("/api/gaps/四川?as_of=2024-06-30"))
    assert r.status_code == 200 and r.json()["recent_since"] == "2022-06-30" and r.json()["as_of"] == "2024-06-30"
    assert asyncio.run(get("/api/gaps/四川?as_of=yesterday")).status_code in (400, 422)
    r = asyncio.run(get("/api/map/火星"))
    assert r.status_code == 404 and r.json()["error"] == "E404"
    assert asyncio.run(get("/api/partners/没有这家公司")).status_code == 404


# -- the seeds ---------------------------------------------------------------------------------------------------
def test_seeds_map_of_shanghai(seed_docs: dict, tmp_path: Path) -> None:
    from icatlas.cli import app

    db = tmp_path / "seeds.db"
    store = Store.open(db)
    for d in seed_docs.values():
        store.ingest(d)
    res = CliRunner().invoke(app, ["map", "上海", "--json", "--db", str(db)])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)

    def under(prefix: str, org: str) -> dict:
        for n in data["nodes"]:
            if n["id"] == prefix or n["id"].startswith(prefix + "."):
                for o in n["organizations"]:
                    if o["name"] == org:
                        return o
        raise AssertionError(f"{org} not under {prefix}")

    for prefix, org, word in (("packaging_test", "安靠封装测试(上海)有限公司", "封测"),
                              ("equipment.lithography", "上海微电子装备(集团)股份有限公司", "光刻机")):
        o = under(prefix, org)
        sentences = [s["sentence"] for s in o["sources"] if s["kind"] == "document"]
        assert sentences and org in sentences[0] and word in sentences[0], sentences
