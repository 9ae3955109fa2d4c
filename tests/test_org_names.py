"""Phrases that look like organisations and name none (icatlas.extract.org_names), and that real names pass."""
from __future__ import annotations

import pytest

from icatlas.extract.org_names import is_name

from .test_extract import names, run_text


@pytest.mark.parametrize("phrase", [
    "2家研究院", "1个国防重点实验室", "多家芯片企业", "一家公司",  # counted
    "其控股子公司", "该研究院", "这家公司",  # pointing
    "基于公司", "委员们就公司", "自2005年获评首批国家集成电路产业园", "苏州八个地区集成电路产业基地",  # a clause
    "芯片设计公司", "科技公司", "投资基金", "项目公司", "集成电路产业公司",  # no trade name
    "物联网", "汽车电子", "新能源", "EDA",  # a sector
    "重庆布局", "浦东计划", "陕西半导体产业展厅", "铜锣新厂", "date",  # a common word
    "区管理局", "市会议中心",  # a fragment
])
def test_phrases_that_name_no_organisation(phrase: str) -> None:
    assert not is_name(phrase)


@pytest.mark.parametrize("name", [
    "中芯国际集成电路制造有限公司", "长电科技", "华为", "台积电", "本源量子", "上海华虹(集团)有限公司",
    "中国半导体行业协会", "中国集成电路创新联盟", "国家集成电路产业投资基金股份有限公司", "高空风能实验室",
    "市经信委", "市政协", "city government",
])
def test_real_names_pass(name: str) -> None:
    assert is_name(name)


def test_a_region_before_the_line_of_business_makes_a_name() -> None:
    assert not is_name("集成电路行业协会") and is_name("集成电路行业协会", after_region=True)


def test_the_pipeline_drops_them_and_keeps_the_names_around_them() -> None:
    doc = run_text("标题\n该市已引进2家研究院和多家芯片设计公司，其控股子公司苏州明芯微电子有限公司与中芯国际签约。\n")
    got = names(doc, "company", "institute", "organization")
    assert "苏州明芯微电子有限公司" in got and "中芯国际集成电路制造有限公司" in got
    assert not {"2家研究院", "芯片设计公司", "其控股子公司"} & set(got)


def test_english_short_forms_link_to_the_registry() -> None:
    """Hua Hong, NAURA, Taiwan Semiconductor and SMIC Beijing are registry organisations in English text; a place
    (Taiwan) or one plain word (Yangtze) never stands alone for one."""
    from icatlas.reference.orgs import english_short_forms, org_by_id

    forms = {i: english_short_forms(org_by_id()[i]) for i in ("hua-hong-semiconductor", "naura", "tsmc", "ymtc",
                                                             "smic-beijing")}
    assert "Hua Hong" in forms["hua-hong-semiconductor"] and "NAURA" in forms["naura"]
    assert "Taiwan Semiconductor" in forms["tsmc"] and "Taiwan" not in forms["tsmc"]
    assert "Yangtze Memory" in forms["ymtc"] and "Yangtze" not in forms["ymtc"]
    assert forms["smic-beijing"] == ["SMIC Beijing"]
    doc = run_text("Title\nChipmaker Hua Hong rose on its debut, while SMIC Beijing expanded its 12-inch fab.\n")
    got = {e.name: e for e in doc.entities if e.type == "company"}
    assert "华虹半导体有限公司" in got and "Hua Hong" in got["华虹半导体有限公司"].aliases
    assert "中芯国际集成电路制造(北京)有限公司" in got


def test_english_names_with_and_or_a_place_in_front() -> None:
    doc = run_text("Title\nThe Hong Kong Science and Technology Parks Corp signed a memorandum with Shanghai-based J2 "
                   "Semiconductor on Friday. Intel and Samsung Electronics reported.\n")
    ents = [e for e in doc.entities if e.type not in ("region", "person")]
    got = {e.name for e in ents}
    assert {"J2 Semiconductor", "Samsung Electronics"} <= got
    hkstp = next(e for e in ents if e.name == "香港科技园公司")  # the registry's Hong Kong park company
    assert "Hong Kong Science and Technology Parks Corp" in hkstp.aliases
    assert not any("Friday" in n or n.startswith("Intel and") for n in got)


def test_companies_named_by_their_role() -> None:
    """The investors of a round (由…领投, …跟投, …等老股东) and the firm a listed project opens with are companies, though
    their names carry no form; a verb opening a project (推动…项目) is none."""
    doc = run_text("标题\n近日，聚芯微电子完成一笔数亿元D轮融资，由五源资本领投，字节跳动、聚华传新跟投，华业天成、源码资本等老股东"
                   "亦持续加码。现场签约项目分别是显鋆晶圆测试及晶圆重构生产线项目、本诺电子级粘合剂产品研发及制造基地项目、"
                   "欧智通半导体封测项目。会议提出推动集成电路项目建设。\n")
    got = set(names(doc, "company"))
    assert {"五源资本", "字节跳动", "聚华传新", "华业天成", "源码资本", "显鋆", "本诺", "欧智通"} <= got
    assert "推动" not in got and not any(n.startswith("由") for n in got)


def test_a_registry_organisation_in_any_script_is_one_entity() -> None:
    doc = run_text("Title\nSemiconductor Manufacturing International Corp (SMIC) said its fab in Beijing, run by SMIC "
                   "Beijing, will expand its lines this year.\n中芯国际也表示将扩产。\n")
    smic = [e for e in doc.entities if e.attrs.get("ref_id") == "smic"]
    assert len(smic) == 1 and smic[0].name == "中芯国际集成电路制造有限公司"
    assert not [e for e in doc.entities if e.type == "company" and not e.attrs.get("ref_id")
                and e.name.startswith("Semiconductor Manufacturing")]


def test_the_firm_bought_and_the_firm_written_after_its_trade_with_a_region_opening_its_name() -> None:
    from tests.test_extract import run_text

    doc = run_text("标题\n5月20日，恒远科技以约268亿元收购安世微芯的交易完成交割。\n"
                   "二极体厂朋远今天董事会决议公开收购功率元件晶圆代工厂台湾茂顺电子不超过1900万股。"
                   "收购完成后，公司将推进并购重组第二步。\n", published="2022-11-25")
    acq = [e for e in doc.events if e.type == "acquisition"]
    parties = {(p["name"], p["role"]) for e in acq for p in e.participants}
    assert ("安世微芯", "target") in parties
    assert ("朋远", "acquirer") in parties and ("台湾茂顺电子", "target") in parties
    orgs = {e.name for e in doc.entities if e.type not in ("person", "region")}
    assert not any(o.startswith(("完成", "重组")) or o.endswith("完成后") for o in orgs), orgs


def test_an_alliance_named_by_its_field_is_a_name_and_a_sector_is_not() -> None:
    assert is_name("集成电路特色工艺联盟") and is_name("半导体投资联盟")
    assert not is_name("产业联盟") and not is_name("半导体企业")


def test_the_items_of_a_ranking_after_a_known_firm_are_firms() -> None:
    doc = run_text("标题\n紫光展锐(超60亿元)、芯远科技(数十亿元)、晟星半导体(21亿元)、曜光微电子(10亿元)位列前十。\n")
    found = names(doc, "company")
    assert {"芯远科技", "晟星半导体", "曜光微电子"} <= set(found)


def test_a_ministrys_unit_written_onto_its_name_is_that_unit_and_going_somewhere_to_invest_is_no_firm() -> None:
    doc = run_text("標題\n經濟部投資審議會今（28）日召開會議，經濟部投審會核准台積電赴上海投資，經濟部工業局表示支持。"
                   "行政院政務委員兼國科會主委出席。\n")
    found = names(doc, "government")
    assert {"经济部投资审议会", "经济部工业局"} <= set(found)
    assert "经济部投审会" in {m.surface for m in doc.mentions}, "its short form, the same body"
    assert not [n for n in found if "兼" in n], "a post held with another is no unit"
    assert "上海投资" not in names(doc, "company")


def test_a_clause_opening_on_a_function_word_names_nothing() -> None:
    assert not is_name("以扩充中坜分公司") and not is_name("把握公司")
    assert is_name("以色列塔尔半导体公司") and is_name("将军澳科技公司")


def test_a_bare_party_committee_or_government_that_acts_is_an_organisation_and_a_title_is_not() -> None:
    doc = run_text("标题\n3月5日上午，市委、市政府在天元区举行重大项目集中开工仪式。市委书记张明宣布项目开工。株洲的项目多。\n",
                   published="2024-03-06")
    assert names(doc, "government").count("株洲市委") == 1, "the body that holds the ceremony, of the page's one city"
    assert "株洲市政府" in names(doc, "government")
    start = next(e for e in doc.events if e.type == "production_milestone")
    assert {"市委", "市政府"} <= {p["name"] for p in start.participants}
    assert not names(run_text("标题\n区委书记李华出席。区政府办公室发布通知。\n"), "government").count("区委")
    assert not names(run_text("标题\n市委、市政府在星河区举行开工仪式。南京、苏州的项目多。\n"), "government"), \
        "a bare 市委 of a page naming several cities names none"


def test_a_firm_named_after_its_line_of_business_in_taiwans_press_and_a_dateline_above_the_article() -> None:
    doc = run_text(" date 2025-09-24 快訊\n\n中央社／ 新竹24日電\n被動元件廠星巨9月11日宣布，以每股229.8元公開收購電源管理晶片廠"
                   "辰達28.5%股權，所需現金對價總計新台幣48.89億元。\n", published="2025-09-24")
    assert {"星巨", "辰达"} <= set(names(doc, "company"))
    deal = next(e for e in doc.events if e.type == "acquisition")
    assert {"星巨", "辰达"} <= {p["name"] for p in deal.participants}
    assert deal.place == "新竹市", "the city the report was filed from, when nothing else places it"
    found = set(names(run_text("標題\n南京12吋晶圓廠今天動土，晶圓廠建設加速。\n"), "company"))
    assert not found & {"今天", "今天动", "建设", "建设加"}, "a day or a verb after 厂 is no firm"


def test_descriptors_times_and_placeless_governments_name_no_organisation() -> None:
    assert not is_name("持股子公司") and not is_name("南京建厂") and not is_name("今年一季度生产经营情况及电子科技产业园")
    doc = run_text("Title\n\nThe local government and the Municipal Government welcomed the Nanjing municipal "
                   "government's plan.\n")
    govs = names(doc, "government")
    assert "Nanjing municipal government" in govs
    assert not [g for g in govs if g.lower() in ("local government", "municipal government")], govs


def test_a_trade_maker_name_is_read_on_traditional_pages_only_and_never_a_common_word() -> None:
    assert not names(run_text("标题\n该晶圆厂项目于去年开工，芯片厂员工表示满意。\n"), "company")
    doc = run_text("標題\n晶片廠員工表示，面板廠附近的設備廠家表示滿意。\n")
    assert not [m for m in doc.mentions if m.extractor == "rules.trade_maker"]


def test_a_reporters_byline_above_the_article_gives_the_city_it_was_filed_from() -> None:
    doc = run_text(" date 2025-10-28 鉅亨網記者張某某 台北 2025-10-28 20:17\n\n經濟部投資審議會今（28）日召開第 25 次會議，"
                   "會中核准重大投資案件計 5 件。\n", published="2025-10-28")
    assert doc.events and doc.events[0].place == "台北市"
    assert doc.title != doc.dateline


@pytest.mark.parametrize("found,name", [
    ("持有星舰公司", "星舰公司"), ("用于星华集团", "星华集团"),  # a verb or preposition run into the name
    ("全球半导体封测龙头星月光集团", "星月光集团"), ("12吋晶圆厂三重星士通公司", "三重星士通公司"),  # a description
    ("中国电子科技集团公司第五十八研究所", "中国电子科技集团公司第五十八研究所"),  # a group's unit keeps its group
    ("联合微电子中心", "联合微电子中心"), ("和舰科技", "和舰科技"),  # names that open on such characters stay whole
])
def test_a_verb_or_a_description_before_a_name_is_not_part_of_it(found: str, name: str) -> None:
    from icatlas.extract.org_names import after_deal_verb
    from icatlas.model import Mention

    assert after_deal_verb(Mention(0, len(found), "company", found, 0.5, "t", {})).surface == name


def test_a_registry_short_name_with_a_bare_word_for_a_firm_or_group_is_that_organisation() -> None:
    from icatlas.reference.orgs import org_by_form

    assert org_by_form("和舰公司").id == "hejian" and org_by_form("日月光集团").id == "ase-holding"  # (an alias)
    assert org_by_form("华天集团") is None, "a group is its parent as often as its listed firm"
    assert org_by_form("南通富士通微电子").id == "tongfu", "a former name"
    assert org_by_form("公司") is None and org_by_form("星辰集团") is None


def test_a_park_or_base_that_is_a_project_is_no_organisation_and_names_its_firm() -> None:
    doc = run_text("标题\n三安光电第三代半导体产业园项目20日在长沙高新区开工。星辰集团南京测试中心项目计划投资2千万美元。\n",
                   published="2020-07-21")
    found = names(doc, "park", "platform", "company")
    assert "三安光电第三代半导体产业园" not in found and "南京测试中心" not in found, found
    assert "三安光电股份有限公司" in found, found
    doc = run_text("标题\n上海临港基地：2022年1月4日，中芯国际在临港基地举行开工仪式。\n", published="2022-01-05")
    assert "上海临港基地" not in names(doc, "park", "platform", "company")


def test_a_body_of_a_government_abroad_is_named_after_its_country() -> None:
    doc = run_text("标题\n日本政府承诺提供补助。日本经济产业省已承诺提供1.2兆日圆补助。日本先进半导体制造公司扩产。\n",
                   published="2024-05-10")
    found = names(doc, "government")
    assert "日本政府" in found and "日本经济产业省" in found, found
    assert not any(n.startswith("日本先进") for n in found), "a firm named after its country is no government"
    doc = run_text("标题\n美国与日本签署半导体合作协议。美国中西部的工厂开工。美国正在部署新规。\n", published="2024-05-10")
    assert names(doc, "government") == [], "a clause or a compass part after a country is no body of it"


def test_place_investors_are_platforms_named_by_their_place() -> None:
    from icatlas.extract.org_names import place_investors
    from icatlas.extract.places import find_regions
    from icatlas.reference.regions import regions

    text = "合资公司由亦庄国投、某某公司共同出资，北京投资环境持续改善。"
    places = find_regions(text, regions())
    found = [m.surface for m in place_investors([], places, text)]
    assert found == ["亦庄国投"], "a word of finance after a place, where a list goes on; not 北京投资环境"
