"""The collaboration layer: alliances and their director units, shared resources, talent, policies and targets, found
on the seeds (the issue's done-when) and on pages written in other words."""
from __future__ import annotations

from typing import Any

import pytest

from icatlas.extract.collab import visible
from icatlas.model import CollabRecord, Document
from icatlas.normalise import normalise
from icatlas.pipeline import extract


def _page(text: str, published: str | None = "2024-05-20") -> Document:
    doc = Document(source="t.txt", raw="标题\n" + text, original="标题\n" + text)
    if published:
        doc.meta["published_default"] = published
    return extract(normalise(doc))


def _recs(doc: Document, kind: str) -> list[CollabRecord]:
    return [r for r in doc.collab if r.kind == kind and visible(r.attrs, doc.relevant)]


def _one(doc: Document, kind: str, **want: Any) -> CollabRecord:
    for r in _recs(doc, kind):
        if all((r.attrs.get(k) if k not in ("subject", "region", "date") else getattr(r, k)) == v
               for k, v in want.items()):
            return r
    raise AssertionError(f"no {kind} with {want} in {[(r.subject, r.region, r.attrs) for r in _recs(doc, kind)]}")


# -- the seeds -------------------------------------------------------------------------------------------------------
def test_seed_001_yrd_alliance_with_shanghai_association_among_first_director_units(seed_docs) -> None:
    doc = seed_docs["001"]
    alliance = next(r for r in _recs(doc, "alliance") if "integrated circuit" in (r.subject or "").lower())
    assert alliance.attrs["founded"] and alliance.region == "长三角"
    seat = _one(doc, "member", subject="上海市集成电路行业协会", alliance=alliance.subject)
    assert seat.attrs["rank"] == "director" and seat.attrs["first"]
    assert doc.text[seat.evidence[0]:seat.evidence[1]].count("Director Unit")
    # the electric-car alliance named beside it is not an IC alliance
    assert not any("Automobile" in (r.subject or "") for r in _recs(doc, "alliance"))


def test_seed_002_suzhou_policy_release_and_talent_award(seed_docs) -> None:
    doc = seed_docs["002"]
    policy = _one(doc, "policy", region="苏州市")
    assert policy.date and policy.date.startswith("2023")
    assert "政策" in doc.text[policy.evidence[0]:policy.evidence[1]]
    award = _one(doc, "talent", talent_kind="award", region="苏州市")
    assert "人才" in award.attrs["name"]


def test_seed_003_design_park_targets(seed_docs) -> None:
    doc = seed_docs["003"]
    got = {(r.attrs["metric"], r.attrs["value"], r.attrs["unit"]) for r in _recs(doc, "target")
           if r.subject == "上海集成电路设计产业园"}
    assert got >= {("talent", 100000, "人"), ("space", 1000000, "平方米"), ("revenue", 1e11, "CNY")}, got
    # 这里 stands for the park, not for 张江科学城 the park lies in: the figures say so too
    assert {f.subject for f in doc.figures if f.qualifier == "target"} == {"上海集成电路设计产业园"}


def test_seed_004_sichuan_talent_and_chengdu_xinhuo_platform(seed_docs) -> None:
    doc = seed_docs["004"]
    talent = _one(doc, "talent", talent_kind="figure", subject="四川省")
    assert talent.attrs["value"] == 30000 and talent.attrs["qualifier"] == "nearly" and talent.region == "四川省"
    base = next(r for r in _recs(doc, "resource") if "芯火" in (r.subject or ""))
    assert base.attrs["resource_kind"] == "innovation_base" and base.region == "成都市"
    lab = _one(doc, "resource", resource_kind="national_key_lab")
    assert lab.subject == "电子薄膜与集成器件国家重点实验室"


def test_contract_carries_collab_records(seed_docs) -> None:
    out = seed_docs["004"].as_contract()
    assert out["collab"] and {"kind", "subject", "region", "date", "attrs", "evidence"} <= set(out["collab"][0])
    for r in out["collab"]:
        assert out["text"][r["evidence"][0]:r["evidence"][1]]


# -- the same facts in other words ---------------------------------------------------------------------------------
def test_alliance_seats_founding_initiators_and_count() -> None:
    doc = _page("5月18日，合肥市集成电路产业创新联盟在合肥高新区揭牌成立。该联盟由合肥晶合集成电路股份有限公司牵头，"
                "中国科学技术大学共同发起，首批会员单位62家。会议选举合肥晶合集成电路股份有限公司为理事长单位，"
                "长鑫存储技术有限公司、通富微电子股份有限公司为副理事长单位，合肥市半导体行业协会为秘书长单位。")
    alliance = _one(doc, "alliance", subject="合肥市集成电路产业创新联盟")
    assert alliance.attrs["founded"] and alliance.date == "2024-05-18"
    assert alliance.attrs["member_count"]["value"] == 62
    assert "合肥晶合集成电路股份有限公司" in alliance.attrs["initiators"]
    ranks = {r.subject: r.attrs["rank"] for r in _recs(doc, "member")}
    assert ranks["合肥晶合集成电路股份有限公司"] == "director"
    assert ranks["长鑫存储技术有限公司"] == ranks["通富微电子股份有限公司"] == "vice_director"
    assert ranks["合肥市半导体行业协会"] == "secretary_general"


def test_english_alliance_seats_bind_to_their_own_cue() -> None:
    doc = _page("The alliance, whose chair unit is Wuhan Xinchen Microelectronics Co., Ltd., named Hubei Lightwave "
                "Semiconductor Co. and Wuhan Optics Valley IC Service Center as vice-chair units. The Hubei IC Design "
                "Alliance was founded in Wuhan on May 10.", published="2024-05-12")
    ranks = {r.subject: r.attrs["rank"] for r in _recs(doc, "member")}
    assert ranks.get("Wuhan Xinchen Microelectronics Co., Ltd.") == "director", ranks
    assert ranks.get("Hubei Lightwave Semiconductor Co.") == "vice_director", ranks


def test_resource_with_host_kind_and_segments() -> None:
    doc = _page("6月2日，依托东南集成电路研究院建设的江苏集成电路公共设计服务平台在南京江北新区启用。"
                "平台主要为中小设计企业提供EDA工具、IP核和多项目晶圆流片服务。"
                "同日，由苏芯检测技术有限公司承建的无锡集成电路可靠性测试平台通过验收。")
    design = _one(doc, "resource", resource_kind="design_platform")
    assert design.attrs["host"] == "东南集成电路研究院" and design.region in ("南京市", "南京江北新区")
    assert {"design", "design_tools"} & {s.split(".")[0] for s in design.attrs["segments"]}
    test = _one(doc, "resource", resource_kind="test_platform")
    assert test.attrs["host"] == "苏芯检测技术有限公司"


def test_talent_items_training_with_size_competition_award() -> None:
    doc = _page("无锡市集成电路产业从业人员已超过8万人。当天，无锡启动“芯才计划”实训项目，计划每年培训工程师2000人次；"
                "第三届太湖集成电路设计大赛同期开幕。会上还表彰了20名集成电路优秀人才。")
    fig = _one(doc, "talent", talent_kind="figure", value=80000.0)
    assert fig.attrs["qualifier"] == "more than" and fig.region == "无锡市"
    training = _one(doc, "talent", talent_kind="training")
    assert training.attrs["value"] == 2000 and training.attrs["unit"] == "人次"
    assert any("大赛" in (r.attrs.get("name") or "") for r in _recs(doc, "talent") if r.attrs["talent_kind"] == "competition")
    award = _one(doc, "talent", talent_kind="award")
    assert award.attrs.get("value") == 20


def test_policy_title_issuer_measures_amounts_across_paragraphs() -> None:
    doc = _page("3月1日，杭州市人民政府印发《杭州市促进集成电路产业发展的若干政策》（以下简称《若干政策》）。\n"
                "在设计环节，《若干政策》提出，对首次流片的企业给予最高500万元补贴。\n"
                "此外，对新建晶圆制造项目优先保障用地，并对贷款给予贴息。\n"
                "业内人士认为，新政力度较大。")
    policy = _one(doc, "policy", title="杭州市促进集成电路产业发展的若干政策")
    assert policy.attrs["issuer"] == "杭州市人民政府" and policy.region == "杭州市" and policy.date == "2024-03-01"
    assert {"subsidy", "land", "finance"} <= set(policy.attrs["measures"])
    assert 5e6 in [a["value"] for a in policy.attrs["amounts"]]
    assert len(_recs(doc, "policy")) == 1, "the short title is the same policy"


def test_off_topic_policy_and_alliance_are_not_shown() -> None:
    doc = _page("2月19日，常州市光伏产业联盟成立，晶阳新能源股份有限公司为理事长单位。同日，常州市文化广电和旅游局发布"
                "《常州市文旅消费补贴实施办法》，每团最高奖励5000元。")
    assert not _recs(doc, "policy") and not _recs(doc, "alliance") and not _recs(doc, "member")


def test_more_pages_in_other_words() -> None:
    en = _page("The Jiangsu Semiconductor Equipment Alliance was established in Wuxi on Monday to link chip equipment "
               "makers, wafer fabs and integrated circuit packaging firms across the province. Wuxi Huaying "
               "Microelectronics Co., Ltd. was elected as the chairman unit, while Suzhou Jingrui Materials Co. and "
               "Nanjing Xinchip Technology Co. became vice-chairman units. Over 60 semiconductor companies have joined "
               "the alliance, which will share test equipment and train chip engineers.", published="2024-05-15")
    alliance = _one(en, "alliance", subject="Jiangsu Semiconductor Equipment Alliance")
    assert alliance.date == "2024-05-13" and alliance.attrs["member_count"]["value"] == 60
    assert {r.subject: r.attrs["rank"] for r in _recs(en, "member")} == {
        "Wuxi Huaying Microelectronics Co., Ltd.": "director", "Suzhou Jingrui Materials Co.": "vice_director",
        "Nanjing Xinchip Technology Co.": "vice_director"}
    lab = _page("The State Key Laboratory of ASIC and System at Fudan University in Shanghai will open its 28nm process "
                "platform to member companies of the Shanghai Integrated Circuit Industry Association. The lab focuses "
                "on chip design and EDA research.")
    host = _one(lab, "resource", resource_kind="national_key_lab").attrs["host"]
    assert host == "复旦大学" or host.startswith("Fudan University"), host  # the registry's name, or as written
    gd = _page("近日，广东省工业和信息化厅印发《广东省培育半导体及集成电路战略性新兴产业集群行动计划（2023—2025年）》，"
               "提出到2025年，全省半导体及集成电路产业营业收入突破4000亿元。对集成电路设计企业给予研发费用补助，"
               "最高不超过1000万元。")
    policy = _one(gd, "policy", issuer="广东省工业和信息化厅")
    assert policy.attrs["title"].endswith("（2023—2025年）") and policy.date == "2024-05-20"
    assert [a["value"] for a in policy.attrs["amounts"]] == [1e7], "the revenue goal is not a subsidy"
    goal = _one(gd, "target", subject="广东省")
    assert goal.attrs["value"] == 4e11 and goal.attrs["year"] == "2025"
    cq = _page("由华润微电子有限公司牵头建设的国家功率半导体创新中心在重庆西永微电园揭牌。该中心将建设一条8英寸功率器件"
               "中试线，为集成电路行业提供工艺验证服务。")
    assert _one(cq, "resource", resource_kind="innovation_center").attrs["host"] == "华润微电子有限公司"
    assert _one(cq, "resource", resource_kind="pilot_line").subject == "8英寸功率器件中试线"


def test_a_company_plan_is_not_a_policy() -> None:
    doc = _page("6月1日，芯澜科技（成都）有限公司发布了2024年扩产计划，拟投资20亿元建设12英寸晶圆封装测试产线，"
                "达产后年产值有望达到50亿元。苏州工业园区管委会日前出台《关于支持集成电路设计企业发展的若干措施》，"
                "对新设立的设计企业给予最高300万元开办补贴，并提供三年免租办公场地。")
    assert [p.attrs["issuer"] for p in _recs(doc, "policy")] == ["苏州工业园区管委会"]
    assert set(_recs(doc, "policy")[0].attrs["measures"]) == {"subsidy", "rent"}
    assert _one(doc, "target", metric="investment").subject == "芯澜科技（成都）有限公司"


@pytest.mark.parametrize("text, subject", [
    ("位于临港新片区的东海芯城集成电路产业园日前公布目标。到2025年，东海芯城将新增载体空间50万平方米，"
     "园区产业规模力争达到500亿元。", "东海芯城集成电路产业园"),
    ("华芯微电子有限公司12英寸集成电路晶圆生产线项目开工，主要生产功率半导体芯片，规划月产能4万片，计划于2026年实现满产。",
     "华芯微电子有限公司"),
])
def test_targets_keep_their_subject_and_year(text: str, subject: str) -> None:
    doc = _page(text)
    targets = _recs(doc, "target")
    assert targets and all(t.subject == subject for t in targets), [(t.subject, t.attrs) for t in targets]
    assert all(t.attrs["year"] in ("2025", "2026") for t in targets)
    if "月产能" in text:
        assert targets[0].attrs["unit"] == "片/月" and targets[0].attrs["metric"] == "capacity"


# -- the store and the query layer ---------------------------------------------------------------------------------
from pathlib import Path  # noqa: E402

from icatlas.analytics import collab  # noqa: E402
from icatlas.pipeline import Report, reprocess, run  # noqa: E402
from icatlas.store import Store  # noqa: E402

COLLAB_PAGES = Path(__file__).parent / "data" / "collab" / "pages"


def _fill(store: Store, seeds: Path) -> Store:
    for d in run([seeds, COLLAB_PAGES], report=Report(), progress=False):
        store.ingest(d)
    return store


@pytest.fixture(scope="module")
def kg(tmp_path_factory: pytest.TempPathFactory) -> Store:
    from .conftest import SEEDS, need_shared

    need_shared()
    return _fill(Store.open(tmp_path_factory.mktemp("collab") / "kg.db"), SEEDS)


def test_store_answers_the_done_when(kg: Store) -> None:
    yrd = collab.alliance(kg, "integrated circuit integration innovation industry alliance")
    assert yrd is not None and yrd["founded"] is not None and "长三角" in yrd["regions"]
    sica = next(u for u in yrd["director_units"] if u["name"] == "上海市集成电路行业协会")
    assert sica["rank"] == "director" and sica["first"] and sica["evidence"][0]["sentence"]
    suzhou = collab.policies(kg, region="苏州")
    assert any(p["date"] and p["date"].startswith("2023") and p["evidence"][0]["doc_id"] for p in suzhou)
    assert any(x["kind"] == "award" for x in collab.talent(kg, region="苏州"))
    park = collab.targets(kg, subject="上海集成电路设计产业园")
    assert {(t["metric"], t["value"]) for t in park[0]["targets"]} >= {("talent", 1e5), ("space", 1e6), ("revenue", 1e11)}
    sichuan = [x for x in collab.talent(kg, region="四川") if x["kind"] == "figure"]
    assert any(x["value"] == 30000 and x["qualifier"] == "nearly" for x in sichuan)
    chengdu = collab.resources(kg, region="成都")
    assert any("芯火" in r["name"] and r["kind"] == "innovation_base" for r in chengdu)


def test_alliance_page_data(kg: Store) -> None:
    a = collab.alliance(kg, "浙江省集成电路产业创新联盟")
    assert a is not None and a["founded"]["date"] == "2019-11"
    assert {u["name"]: u["rank"] for u in a["director_units"]}["浙江之江芯科技有限公司"] == "director"
    assert a["member_count"]["value"] == 130 and a["member_count"]["qualifier"] == "more than"
    assert any("安徽省半导体产业促进会" in [p["name"] for p in e["participants"]] for e in a["agreements"])
    assert all(e["evidence"] and e["evidence"][0]["sentence"] for e in a["agreements"])
    wuxi = collab.alliance(kg, "无锡市集成电路设计创新联盟")
    assert wuxi is not None and {i["name"] for i in wuxi["initiators"]} >= {"无锡锡芯微电子有限公司", "蠡湖理工学院"}
    assert collab.alliance(kg, "no such alliance") is None
    listed = collab.alliances(kg)
    assert {"浙江省集成电路产业创新联盟", "厦门市集成电路产业协会"} <= {x["name"] for x in listed}
    assert not any("光伏" in x["name"] for x in listed), "an alliance of another industry is not listed"
    assert [x["name"] for x in collab.alliances(kg, region="厦门")] == ["厦门市集成电路产业协会"]


def test_resources_filter_by_region_segment_and_alliance(kg: Store) -> None:
    hefei = collab.resources(kg, region="合肥")
    assert {r["kind"] for r in hefei} == {"innovation_base", "test_platform"}
    base = next(r for r in hefei if r["kind"] == "innovation_base")
    assert base["host"] == "合肥芯源集成电路创新研究院" and base["evidence"][0]["sentence"]
    design = {r["name"] for r in collab.resources(kg, segment="design")}
    assert base["name"] in design
    tools = {r["name"] for r in collab.resources(kg, segment="EDA")}  # a term names its node
    assert any("EDA" in n for n in tools)
    assert all(r["region"] in ("武汉市", "武汉东湖新技术开发区") or r["region"].startswith("武汉")
               for r in collab.resources(kg, region="湖北"))


def test_policies_by_segment_and_side_by_side(kg: Store) -> None:
    sip = collab.policies(kg, region="苏州", segment="design")
    assert any(p["title"] and "苏州工业园区" in p["title"] for p in sip)
    assert any(p["chain_wide"] for p in sip), "a policy naming no segment applies to the whole chain"
    cmp = collab.compare_policies(kg, "深圳", "苏州工业园区")
    assert cmp["a"]["region"] == "深圳市" and cmp["b"]["policies"] >= 1
    assert "rent" in cmp["only_b"] and [m["measure"] for m in cmp["measures"]][:2] == ["subsidy", "fund"]


def test_targets_against_later_figures(kg: Store) -> None:
    park = collab.targets(kg, subject="浦江芯谷")[0]
    got = {t["metric"]: t["progress"] for t in park["targets"]}
    assert got["revenue"] == pytest.approx(0.82) and got["talent"] == pytest.approx(0.72)
    line = collab.targets(kg, subject="鹭芯")[0]
    cap = next(t for t in line["targets"] if t["metric"] == "capacity")
    assert cap["year"] == "2025" and cap["latest"]["value"] == 32000 and cap["progress"] == pytest.approx(0.64)
    assert collab.targets(kg, region="厦门") and not collab.targets(kg, region="四川")


def test_curated_records_survive_reprocess(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import icatlas.extract as ex
    from icatlas.store.collab import curate_record

    store = Store.open(tmp_path / "c.db")
    for d in run([COLLAB_PAGES / "02_hefei_xinhuo_base.txt", COLLAB_PAGES / "05_hubei_roundup_hant.txt"],
                 report=Report(), progress=False):
        store.ingest(d)
    recs = collab.records(store, kind="resource")
    lab = next(r for r in recs if "国家重点实验室" in (r["subject"] or ""))
    line = next(r for r in recs if "中试线" in (r["subject"] or ""))
    from typer.testing import CliRunner

    from icatlas.cli import app

    curate_record(store.engine, lab["id"], "attrs", {"host": "楚天科技大学微电子学院"}, who="analyst")
    res = CliRunner().invoke(app, ["curate", "record", str(line["id"]), "rejected", "--db", str(tmp_path / "c.db"),
                                   "--who", "analyst", "--json"])
    assert res.exit_code == 0, res.output
    before = len(collab.records(store, include_hidden=True))
    monkeypatch.setattr(ex, "VERSION", "extract.v-next")
    reprocess(store)
    after = {r["id"]: r for r in collab.records(store, include_hidden=True)}
    assert len(after) == before, "nothing duplicated, nothing lost"
    assert after[lab["id"]]["attrs"]["host"] == "楚天科技大学微电子学院"
    assert line["id"] in after and not any(r["id"] == line["id"] for r in collab.records(store))
    hubei = collab.resources(store, region="湖北")
    assert [r["host"] for r in hubei if "实验室" in r["name"]] == ["楚天科技大学微电子学院"]
    with pytest.raises(Exception):
        curate_record(store.engine, lab["id"], "colour", "red", who="x")
    from sqlalchemy import select

    from icatlas.store import schema as t

    with store.engine.connect() as conn:
        log = conn.execute(select(t.curation.c.action, t.curation.c.target_table, t.curation.c.who)).all()
    assert ("correct", "collab_records", "analyst") in log and ("reject", "collab_records", "analyst") in log


def test_collab_round_trip_on_postgresql(seeds_dir: Path) -> None:
    import uuid

    from sqlalchemy import create_engine, text

    from icatlas.store import resolve_url

    from .conftest import PG_URL
    from .test_store import _pg_available

    if not _pg_available():
        pytest.skip(f"PostgreSQL at {PG_URL} is not reachable")
    schema = "t_" + uuid.uuid4().hex[:10]
    admin = create_engine(resolve_url(PG_URL))
    with admin.begin() as c:
        c.execute(text(f"create schema {schema}"))
    try:
        url = PG_URL + ("&" if "?" in PG_URL else "?") + f"options=-csearch_path%3D{schema}"
        store = _fill(Store.open(url), seeds_dir)
        yrd = collab.alliance(store, "integrated circuit integration innovation industry alliance")
        assert yrd is not None and any(u["name"] == "上海市集成电路行业协会" for u in yrd["director_units"])
        assert collab.targets(store, subject="浦江芯谷")[0]["targets"]
        assert collab.compare_policies(store, "深圳", "苏州工业园区")["only_b"]
        assert collab.alliance(store, "浙江省集成电路产业创新联盟")["agreements"]  # type: ignore[index]
        reprocess(store)
        assert len(collab.talent(store)) >= 8
        store.engine.dispose()
    finally:
        with admin.begin() as c:
            c.execute(text(f"drop schema {schema} cascade"))
        admin.dispose()


# -- the command line -------------------------------------------------------------------------------------------------
def test_cli_commands(kg: Store) -> None:
    import json

    from typer.testing import CliRunner

    from icatlas.cli import app
    from icatlas.errors import NotFound

    db = str(kg.engine.url.database)
    runner = CliRunner()

    def js(*args: str) -> Any:
        res = runner.invoke(app, [*args, "--db", db, "--json"])
        assert res.exit_code == 0, res.output
        return json.loads(res.stdout)

    def table(*args: str) -> str:
        res = runner.invoke(app, [*args, "--db", db])
        assert res.exit_code == 0, res.output
        return res.stdout

    assert js("alliances") == json.loads(json.dumps(collab.alliances(kg), ensure_ascii=False, default=str))
    assert js("alliance", "浙江省集成电路产业创新联盟")["director_units"]
    out = table("alliance", "浙江省集成电路产业创新联盟")
    assert "理事长单位  浙江之江芯科技有限公司" in out and "[doc " in out and "签署跨省协同发展合作协议" in out
    assert {r["kind"] for r in js("resources", "--region", "合肥")} == {"innovation_base", "test_platform"}
    assert js("resources", "--segment", "design", "--alliance", "不存在的联盟") == []
    assert "芯火" in table("resources", "--region", "成都")
    assert any(x["kind"] == "figure" and x["value"] == 30000 for x in js("talent", "--region", "四川"))
    sz = js("policies", "--region", "苏州", "--segment", "design")
    assert sz and all(p["region"] in ("苏州市", "苏州工业园区") for p in sz)
    cmp = js("policies", "--region", "苏州", "--compare", "深圳")
    assert cmp["a"]["region"] == "苏州市" and cmp["b"]["region"] == "深圳市"
    assert "rent" in table("policies", "--region", "苏州", "--compare", "深圳")
    goals = js("goals", "--subject", "浦江芯谷")
    assert goals[0]["subject"] == "浦江芯谷集成电路设计产业园"
    assert "82%" in table("goals", "--region", "上海")
    bad = runner.invoke(app, ["alliance", "火星联盟", "--db", db])
    assert bad.exit_code != 0 and isinstance(bad.exception, NotFound)
    assert runner.invoke(app, ["policies", "--compare", "深圳", "--db", db]).exit_code != 0


def test_python_api(kg: Store) -> None:
    import icatlas

    atlas = icatlas.open(str(kg.engine.url.database))
    suzhou = atlas.region("苏州")
    assert len(suzhou.policies()) >= 2 and "award" in set(suzhou.talent()["kind"])
    assert set(atlas.region("合肥").resources()["kind"]) == {"innovation_base", "test_platform"}
    goals = atlas.region("上海").goals()
    assert 0.82 in [round(x, 2) for x in goals["progress"].dropna()]
    zj = atlas.alliance("浙江省集成电路产业创新联盟")
    assert list(zj.director_units()["rank"]) == ["director", "vice_director", "vice_director"]
    assert len(zj.agreements()) == 1 and not atlas.region("浙江").alliances().empty


# -- the frozen set (tests/data/collab, written from the rules by someone who had not seen the code) ---------
# First measurement (2026-12-04, the first rules, before the pages were read; records of off-topic pages not yet left
# out): found/expected and extra per kind: alliances 5/5 +1, members 21/24 +6, director units 16/17, resources 5/5 +1,
# talent 7/8 +2, policies 3/4 +4, targets 2/7 +8; hard false positives 3. After rule fixes drawn from its errors (so
# these are measured on a set that informed the rules; tests above in other words check they carry over): the
# figures below. Floors only go up.
# the floors (found per kind; ceilings on extras and false positives; the share of every scored field: founded,
# regions, roles, hosts, measures, amounts, years ...) are in tests/quality_baseline.json


def test_frozen_collab_set_floors() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("eval_collab", Path(__file__).resolve().parents[1] / "benchmarks"
                                                  / "eval_collab.py")
    assert spec and spec.loader
    ev = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ev)
    res = ev.evaluate()
    from .baseline import floor, floors

    for kind, low in floors("collab.found.").items():
        assert res["kinds"][kind]["found"] >= low, (kind, res["kinds"][kind])
    for kind, high in floors("collab.extra.").items():
        assert res["kinds"][kind]["extra"] <= high, (kind, res["kinds"][kind])
    assert res["hard_false_positives"] + res["soft_false_positives"] <= floor("collab.false_positives")
    for name, f in res["fields"].items():
        assert f["correct"] >= floor("collab.field_share") * f["checked"], (name, f)


def test_export_carries_the_collaboration_records(kg: Store, tmp_path: Path) -> None:
    import json

    from icatlas.analytics.export import export

    res = export(kg, "json", tmp_path / "kg.json")
    rows = json.loads((tmp_path / "kg.json").read_text(encoding="utf-8"))["tables"]["collab_records"]
    assert res["tables"]["collab_records"] == len(rows) == len(collab.records(kg, include_hidden=True)) - sum(
        1 for r in collab.records(kg, include_hidden=True) if r["evidence"]["doc_id"] not in
        {d["id"] for d in json.loads((tmp_path / "kg.json").read_text(encoding="utf-8"))["tables"]["documents"]})
    assert {"alliance", "policy", "resource", "talent", "target"} <= {r["kind"] for r in rows}
    assert all(isinstance(r["attrs"], dict) and r["evidence_end"] > r["evidence_start"] for r in rows)
    export(kg, "csv", tmp_path / "csv", region="苏州")
    text = (tmp_path / "csv" / "collab_records.csv").read_text(encoding="utf-8")
    assert text.startswith("id,doc_id,kind") and "policy" in text


def test_stats_count_the_collaboration_records(kg: Store) -> None:
    n = kg.stats()["collab_records"]
    assert n > 0
    with kg.engine.connect() as conn:
        assert n == conn.exec_driver_sql("SELECT count(*) FROM collab_records").scalar_one()
