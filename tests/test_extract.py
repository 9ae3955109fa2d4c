"""The first extraction pass on sentences written for these tests (not the seeds' wording)."""
from __future__ import annotations

from functools import partial

import pytest

from icatlas.extract.quantities import cn_value, find_quantities
from icatlas.model import Document
from icatlas.normalise import normalise
from icatlas.pipeline import extract


def run_text(text: str, published: str | None = None) -> Document:
    doc = Document(source="t.txt", raw=text, original=text)
    if published:
        doc.meta["published_default"] = published
    return extract(normalise(doc))


def names(doc: Document, *types: str) -> list[str]:
    return [e.name for e in doc.entities if e.type in types]


def test_people_get_every_post_in_a_chain() -> None:
    doc = run_text("标题\n会上，省委常委、市委书记刘海峰和副市长陈明出席活动。江苏省工业和信息化厅一级巡视员赵倩介绍了情况。\n")
    people = {e.name: e.positions for e in doc.entities if e.type == "person"}
    assert people["刘海峰"] == ["省委常委", "市委书记"]
    assert people["陈明"] == ["副市长"]
    assert people["赵倩"] == ["江苏省工业和信息化厅一级巡视员"]


def test_organisations_split_at_joiners_but_keep_inner_and() -> None:
    doc = run_text("标题\n无锡华润微电子有限公司与江苏省半导体行业协会签署合作协议，并共建功率器件与集成电路国家工程研究中心。\n")
    orgs = names(doc, "company", "association", "institute", "platform")
    assert "无锡华润微电子有限公司" in orgs and "江苏省半导体行业协会" in orgs
    assert not any(o.startswith(("与", "并")) for o in orgs)
    types = {e.name: e.type for e in doc.entities}
    assert types["江苏省半导体行业协会"] == "association"


def test_region_of_an_organisation_and_abbreviations() -> None:
    doc = run_text("标题\n长鑫存储技术有限公司位于合肥市。随后，考察组来到长鑫存储公司参观生产线。\n")
    ent = next(e for e in doc.entities if e.name == "长鑫存储技术有限公司")
    assert "长鑫存储公司" in ent.aliases and ent.region == "合肥市"


@pytest.mark.parametrize("text,label,value,unit,qual", [
    ("项目总投资35亿元", "money", 3.5e9, "CNY", None),
    ("计划投入2000亿美元", "money", 2e11, "USD", None),
    ("捐赠3000万港元物资", "money", 3e7, "HKD", None),
    ("集聚人才近3万人", "count", 30000, "人", "nearly"),
    ("拥有2700多项专利", "count", 2700, "项", "more than"),
    ("已有超150家企业入驻", "count", 150, "家", "more than"),
    ("销售额占全国60%以上", "percent", 0.6, "percent", None),
    ("accounts for more than 60% of sales", "percent", 0.6, "percent", "more than"),
    ("公开收购不超过1900万股", "count", 1.9e7, "股", None),
    ("bought 100,240,000 shares of the distributor", "count", 100240000, "shares", None),
    ("issued 1.5 million new shares", "count", 1.5e6, "shares", None),
    ("a capacity of 50,000 8-inch wafers per month", "count", 50000, "wafers", None),
])
def test_quantities(text: str, label: str, value: float, unit: str, qual: str | None) -> None:
    got = [m for m in find_quantities(text, None) if m.label == label]
    assert got, text
    assert abs(float(got[0].attrs["value"]) - value) < 1e-6 * value
    assert got[0].attrs["unit"] == unit
    if qual:
        assert got[0].attrs["qualifier"] == qual


def test_chinese_numbers() -> None:
    assert cn_value("十万") == 100000 and cn_value("三千") == 3000 and cn_value("1,234.5") == 1234.5


def test_dates_relative_to_the_publish_date() -> None:
    ms = {m.surface: m.attrs["value"] for m in find_quantities("昨天举行，今天(21日)开幕，去年投产，3月30日签约，2022年5月", "2019-03-21")
          if m.label == "date"}
    assert ms["昨天"] == "2019-03-20" and ms["今天(21日)"] == "2019-03-21" and ms["去年"] == "2018"
    assert ms["3月30日"] == "2019-03-30" and ms["2022年5月"] == "2022-05"


def test_events_in_one_sentence_and_place_from_the_lede() -> None:
    text = ("标题\n12日，2024无锡集成电路产业发展大会在无锡举行。市委副书记、市长王进出席并致辞。\n"
            "会上，无锡高新区集成电路设计服务平台揭牌成立；一批封装测试项目集中签约，总投资120亿元。"
            "现场还发布了支持集成电路设计企业发展的政策措施，并为一批企业授牌。\n")
    doc = run_text(text, published="2024-04-13")
    types = [e.type for e in doc.events]
    for t in ("meeting", "organization_founded", "project_signed", "policy_released", "award"):
        assert t in types, (t, types)
    meeting = next(e for e in doc.events if e.type == "meeting")
    assert meeting.date == "2024-04-12" and meeting.place == "无锡市"
    assert meeting.name and meeting.name.startswith("2024无锡集成电路产业发展大会")
    assert any(p["name"] == "王进" for p in meeting.participants)
    signed = next(e for e in doc.events if e.type == "project_signed")
    assert signed.amount == {"value": 1.2e10, "currency": "CNY"} and signed.place == "无锡市"


def test_plans_are_not_events_that_happened() -> None:
    doc = run_text("标题\n根据协议，双方将联合举办产业峰会，并共同设立产业基金，推动项目落地。\n", published="2023-01-05")
    assert not [e for e in doc.events if e.type == "meeting"]
    assert all(e.status == "planned" and e.date is None for e in doc.events if e.type == "organization_founded")


def test_english_page() -> None:
    text = ("Title\nThe Jiangsu Semiconductor Industry Association and the Wuxi government signed an agreement in "
            "Wuxi on Tuesday. Vice Mayor Zhou Min said the Yangtze River Delta accounts for more than 60% of the "
            "country's chip sales.\n")
    doc = run_text(text)
    assert doc.language == "en"
    assert any("Jiangsu Semiconductor Industry Association" in [e.name, *e.aliases] for e in doc.entities
               if e.type == "association")
    assert "长三角" in names(doc, "region") and "无锡市" in names(doc, "region")
    assert any(e.type == "agreement_signed" and e.place == "无锡市" for e in doc.events)
    assert any(f.value == 0.6 and f.subject == "长三角" for f in doc.figures)


def test_townships_come_from_the_street_gazetteer() -> None:
    doc = run_text("标题\n昨天，位于张江镇的一家芯片设计企业举行新品发布会，发布了新一代处理器。\n", published="2024-05-10")
    addr = [m for m in doc.mentions if m.label == "address"]
    assert [(m.surface, m.attrs["name"]) for m in addr] == [("张江镇", "浦东新区")]
    assert not [e for e in doc.entities if e.name in ("张江高科技园区", "张江镇")], "a township is not a zone entity"
    meeting = next(e for e in doc.events if e.type == "meeting")
    assert meeting.place == "张江镇", "the most specific place the sentence states"


def test_a_township_name_shared_by_districts_needs_context() -> None:
    text = "标题\n城关镇的企业代表参加了会议，这是一句足够长的正文。\n"
    assert not [m for m in run_text(text).mentions if m.label == "address"]


def test_roles_follow_the_trigger() -> None:
    doc = run_text("标题\n无锡华润微电子有限公司宣布投资75.5亿元建设重庆华润微电子有限公司新产线。"
                   "中国建设银行与长江存储科技有限责任公司签署战略合作协议。\n")
    inv = next(e for e in doc.events if e.type == "investment")
    assert inv.participants == [{"name": "无锡华润微电子有限公司", "role": "investor"},
                                {"name": "重庆华润微电子有限公司", "role": "investee"}]
    assert inv.amount == {"value": 7.55e9, "currency": "CNY"}
    signed = next(e for e in doc.events if e.type == "agreement_signed")
    assert [p["name"] for p in signed.participants][0] == "中国建设银行"


def test_a_fabless_designer_gets_the_design_node_not_the_fab() -> None:
    """A firm that designs devices and makes no wafers is a designer: 功率器件 goes to design.discrete; a firm that
    builds a wafer line keeps the manufacturing node."""
    def segs(text: str, name: str) -> list[str]:
        doc = run_text("标题\n" + text + "\n")
        return next(e.segments for e in doc.entities if e.name == name)

    assert segs("苏州明芯功率半导体设计有限公司专注于功率器件与IGBT芯片的研发设计。", "苏州明芯功率半导体设计有限公司") == [
        "design.discrete"]
    assert segs("深圳芯源科技是一家专注于碳化硅功率器件的无晶圆厂设计公司。", "深圳芯源科技") == ["design.discrete"]
    assert segs("无锡华微功率半导体有限公司建设12英寸功率器件晶圆生产线。", "无锡华微功率半导体有限公司") == [
        "manufacturing.power"]


def test_no_registry_designer_is_filed_as_a_fab() -> None:
    """In the bundled registry, a company with the design node of discrete devices has no power-device manufacturing
    node unless it also runs a line (an IDM or a foundry)."""
    from icatlas.reference import reference_orgs

    for o in reference_orgs():
        if o.type == "company" and "design.discrete" in o.segments:
            fab = {"manufacturing.idm", "manufacturing.foundry"} & set(o.segments)
            device = {"manufacturing.power", "manufacturing.igbt", "manufacturing.mosfet"} & set(o.segments)
            assert fab or not device, (o.id, o.segments)


def test_the_country_is_a_region_of_the_page_only_when_the_page_is_about_it() -> None:
    def regions(text: str) -> set[str]:
        return {e.name for e in run_text(text).entities if e.type == "region"}

    # mentioned in passing (国内领先, 华东地区最大的): no region of the page
    got = regions("苏州晶圆项目开工\n苏州工业园区的晶圆项目今天开工，建成后将成为国内领先、华东地区最大的特色工艺产线。\n")
    assert "苏州市" in got and "中国" not in got and "华东地区" not in got
    # the title names the country, or the page speaks of it more than of any narrower region: a region of the page
    assert "中国" in regions("中国集成电路产量创新高\n今年前十个月，全国集成电路产量同比增长两成，上海等地增幅居前。\n")
    assert "中国" in regions("大基金三期成立\n大基金三期注册资本3440亿元，将投向中国半导体产业链，支持中国芯片企业，"
                             "其中一家在上海。\n")


def test_shareholders_are_no_shares_and_a_magnitude_is_never_a_count_word() -> None:
    assert not [m for m in find_quantities("公司有5股东和3名董事", None) if m.attrs.get("unit") == "股"]
    counts = [m for m in find_quantities("holds 5 million shares", None) if m.label == "count"]
    assert [m.attrs["value"] for m in counts] == [5e6], "5 million shares, never 5 shares"


def test_a_small_count_after_what_it_counts_is_a_figure() -> None:
    doc = run_text("标题\n滁州市集中开工项目36个，总投资850.9亿元，其中，50亿元以上项目6个。\n", published="2024-02-19")
    assert 6.0 in [f.value for f in doc.figures]


def _found(label: str, text: str, published: str) -> list[tuple[object, object]]:
    """The dates (as written, value) or sums (value, currency) that the quantity finder reads in ``text``."""
    found = [m for m in find_quantities(text, published=published) if m.label == label]
    return [(m.surface, m.attrs["value"]) if label == "date" else (m.attrs["value"], m.attrs["unit"]) for m in found]


def test_this_years_month_and_day_are_one_date() -> None:
    dates = partial(_found, "date", published="2022-11-25")

    assert dates("今年7月，措施印发") == [("今年7月", "2022-07")]
    assert dates("去年10月底力成宣布") == [("去年10月底", "2021-10")]
    assert dates("今年7月18日举行") == [("今年7月18日", "2022-07-18")]
    assert dates("今年大会召开") == [("今年", "2022")]
    assert dates("今年1月至10月，产值增长20%") == [("今年", "2022")], "a span of months is not its first month"


def test_a_sum_set_apart_with_spaces_in_three_parts() -> None:
    sums = partial(_found, "money", published="2026-01-09")

    assert sums("去年12月营收 新台币 3,350 亿 300 万元，月减2.5%。") == [(335003000000.0, "TWD")]
    assert sums("累计2025年营收 新台币 3 兆 8,090 亿 5,400 万元，年增31.6%。") == [(3809054000000.0, "TWD")]
    assert sums("项目投资3亿5000万元。") == [(350000000.0, "CNY")]


def test_dates_with_spaces_and_in_the_republic_of_chinas_years() -> None:
    dates = partial(_found, "date", published="2025-03-11")

    assert dates("2025 年 3 月 3 日，双方签署协议。") == [("2025 年 3 月 3 日", "2025-03-03")]
    assert dates("2023 年 7 月投产。") == [("2023 年 7 月", "2023-07")]
    assert dates("经投审会于103年12月31日审查后同意。") == [("103年12月31日", "2014-12-31")]
    assert dates("民国99年5月设厂。") == [("民国99年5月", "2010-05")]
    assert dates("公司成立103年来首次亏损。") == [], "a count of years is no date"
    assert dates("公司成立110年 5月上市。") == [], "a bare Republic year only with a whole day"
    assert dates("2023 年 7 月 3 家企业投产。") == [("2023 年 7 月", "2023-07")], "3 家 is no day"


def test_a_list_of_firms_and_lists_of_sums_and_shares_pair_in_order() -> None:
    doc = run_text("标题\n合资企业注册资本为50亿元，甲芯控股有限公司、乙芯投资有限公司和丙芯科技有限公司分别出资25.5亿元、12.3亿元和"
                   "12.2亿元，分别持股51%、24.6%和24.4%。\n", published="2020-12-05")
    got = {(f.subject, round(f.value, 4)) for f in doc.figures}
    assert {("甲芯控股有限公司", 2.55e9), ("乙芯投资有限公司", 1.23e9), ("丙芯科技有限公司", 1.22e9)} <= got
    assert {("甲芯控股有限公司", 0.51), ("乙芯投资有限公司", 0.246), ("丙芯科技有限公司", 0.244)} <= got


def test_firms_that_each_hold_one_share_each_have_it() -> None:
    doc = run_text("标题\n新公司由甲芯控股有限公司持股70%，乙芯投资有限公司、丙芯科技有限公司及丁芯电子有限公司则各持有10%股权。\n",
                   published="2023-08-09")
    tenth = {f.subject for f in doc.figures if abs(f.value - 0.1) < 1e-9}
    assert tenth == {"乙芯投资有限公司", "丙芯科技有限公司", "丁芯电子有限公司"}


def test_a_state_platform_named_by_its_place_and_a_word_of_finance() -> None:
    doc = run_text("标题\n由光谷金控、江城基金、长江产投按40%、40%、20%比例持股的新公司已经成立。\n", published="2025-01-01")
    assert "光谷金控" in names(doc, "fund", "company")
    assert {(f.subject, f.value) for f in doc.figures} >= {("光谷金控", 0.4), ("长江产投", 0.2)}


def test_english_sums_written_as_adjectives() -> None:
    sums = partial(_found, "money", published="2016-07-27")

    assert sums("a 5.5-billion-U.S. dollar project") == [(5.5e9, "USD")]
    assert sums("a 2-billion-dollar plant") == [(2e9, "USD")]
    assert sums("a $1.2-billion fab") == [(1.2e9, "USD")]
    assert sums("a 30 billion Hong Kong dollar park") == [(3e10, "HKD")]
    assert sums("growth in 2016 dollar terms") == [], "a year before a currency's word is no sum"


def test_a_firms_own_figure_is_not_taken_by_a_list_after_it() -> None:
    doc = run_text("标题\n丁芯电子有限公司出资3亿元，甲芯控股有限公司、乙芯投资有限公司分别出资5亿元、3亿元。\n", published="2020-01-01")
    assert sorted((f.subject, f.value) for f in doc.figures) == [
        ("丁芯电子有限公司", 3e8), ("乙芯投资有限公司", 3e8), ("甲芯控股有限公司", 5e8)]
    doc = run_text("标题\n甲芯控股有限公司持股20%，乙芯投资有限公司及丙芯科技有限公司各持有20%股权。\n", published="2020-01-01")
    assert sorted(f.subject for f in doc.figures) == ["丙芯科技有限公司", "乙芯投资有限公司", "甲芯控股有限公司"]
