"""Events as they happened: the acts of one happening joined, status and time, place, numbers in every form."""
from __future__ import annotations

import pytest

from icatlas.extract.quantities import cn_value, find_quantities
from tests.test_extract import run_text


def events(text: str, published: str | None = "2024-05-10") -> list:
    return run_text("标题\n" + text + "\n", published=published).events


def test_a_signing_with_its_total_is_one_project_signing() -> None:
    evs = events("5月8日，总投资50亿元的芯片封装项目在无锡市新吴区签约落户。")
    assert [e.type for e in evs] == ["project_signed"]
    ev = evs[0]
    assert ev.amount == {"value": 5e9, "currency": "CNY"}
    assert ev.date == "2024-05-08" and ev.place == "新吴区" and ev.status == "done"
    assert {f["type"] for f in ev.facets} == {"project_signed", "investment"}


def test_a_groundbreaking_takes_the_total_of_the_next_sentence() -> None:
    evs = events("5月8日，某半导体设备项目在锡北镇开工。该项目总投资30亿元，建成后年产值超百亿元。")
    groundbreaking = [e for e in evs if e.type == "production_milestone"]
    assert len(groundbreaking) == 1 and groundbreaking[0].amount == {"value": 3e9, "currency": "CNY"}
    assert groundbreaking[0].place == "锡北镇"
    assert not [e for e in evs if e.type == "investment"], "the total is the groundbreaking's, not an investment"


def test_a_planned_start_is_not_dated_as_happened() -> None:
    evs = events("该项目预计2026年投产。")
    assert evs and all(e.status == "planned" and e.date is None for e in evs)
    assert evs[0].expected_date == "2026"


def test_no_event_is_dated_after_its_publish_date() -> None:
    for ev in events("12月20日，芯片产业园在合肥高新区举行奠基仪式。", published="2024-01-05"):
        assert ev.date is None or ev.date <= "2024-01-05"
    ev = events("12月20日，芯片产业园在合肥高新区举行奠基仪式。", published="2024-01-05")[0]
    assert ev.date == "2023-12-20", "a month and day take the year nearest the publish date"


def test_a_day_without_its_month_after_a_name() -> None:
    ev = events("厦门海沧半导体产业基地28日顺利封顶。", published="2020-12-29")[0]
    assert ev.type == "production_milestone" and ev.date == "2020-12-28" and ev.place == "海沧区"


def test_a_zone_stays_a_zone_and_is_named_as_written() -> None:
    ev = events("5月8日，6个重大项目在中国(上海)自由贸易试验区临港新片区集中签约。")[0]
    assert ev.place == "临港新片区"
    ev = events("5月8日，南京浦口经济开发区举行集成电路项目签约仪式，9个项目签约。")[0]
    assert ev.place == "浦口经济开发区"


def test_a_place_said_to_host_outranks_the_places_named() -> None:
    evs = events("5月8日，在成都举行的2024成渝集成电路产业峰会上，四川省集成电路产业联盟与重庆市半导体行业协会签订合作协议。")
    meeting = next(e for e in evs if e.type == "meeting")
    assert meeting.place == "成都市" and meeting.name and "峰会" in meeting.name
    assert next(e for e in evs if e.type == "agreement_signed").place == "成都市"


def test_witnesses_are_not_signers() -> None:
    ev = next(e for e in events("5月8日，市长王明见证下，无锡市政府与华虹半导体有限公司签署战略合作协议。")
              if e.type == "agreement_signed")
    roles = {p["name"]: p["role"] for p in ev.participants}
    assert roles.get("王明") == "witness"
    assert roles.get("华虹半导体有限公司") == "signer"


def test_numbers_in_every_form() -> None:
    assert cn_value("一六六") == 166
    assert cn_value("卅") == 30 and cn_value("廿五") == 25
    assert cn_value("三点五亿") == 3.5e8
    assert cn_value("2 700") == 2700
    money = {m.surface.strip(): m.attrs for m in find_quantities(
        "It will invest RMB 5 billion and sold the fab for US$1.8bn; revenue hit NT$1.51 trillion. 营收一六六亿元。",
        "2024-05-10") if m.label == "money"}
    assert money["RMB 5 billion"] == {"value": 5e9, "unit": "CNY", "qualifier": None}
    assert money["US$1.8bn"]["value"] == 1.8e9 and money["US$1.8bn"]["unit"] == "USD"
    assert money["NT$1.51 trillion"]["unit"] == "TWD" and money["NT$1.51 trillion"]["value"] == 1.51e12
    assert money["一六六亿元"]["value"] == 1.66e10


def test_a_bare_yuan_on_a_taiwan_page_is_the_new_taiwan_dollar() -> None:
    doc = run_text("標題\n力積電位於苗栗縣銅鑼科學園區的新廠今日啟用，總投資金額達3000億元。\n", published="2024-05-10")
    money = [m for m in doc.mentions if m.label == "money"]
    assert money and all(m.attrs["unit"] == "TWD" for m in money)
    mainland = run_text("标题\n该项目在无锡市新吴区开工，总投资3000亿元。\n", published="2024-05-10")
    assert all(m.attrs["unit"] == "CNY" for m in mainland.mentions if m.label == "money")


def _store_with(tmp_path, text: str, published: str = "2024-05-10"):
    from icatlas.atlas import Atlas

    atlas = Atlas.open(tmp_path / "kg.db")
    atlas.upload_text("芯片项目新闻", text, published)
    return atlas


OCCURRENCE = ("5月8日，在江苏省副省长王伟见证下，长电科技与无锡市新吴区签约，总投资50亿元的芯片封装项目落户新吴区。"
              "该项目预计2026年投产。")


def test_the_store_keeps_status_expected_date_and_facets(tmp_path) -> None:
    atlas = _store_with(tmp_path, OCCURRENCE)
    rows = atlas.events(include_off_topic=True)
    signed = next(r for r in rows if r["type"] == "project_signed")
    assert signed["status"] == "done" and len(signed["facets"]) >= 2
    assert {"project_signed", "investment"} <= {f["type"] for f in signed["facets"]}
    planned = [r for r in rows if r["status"] == "planned"]
    assert planned and planned[0]["date"] is None and planned[0]["expected_date"] == "2026"
    page = atlas.event_page(signed["id"])["event"]
    assert all(f["sentence"] and f["sentence"] in OCCURRENCE for f in page["facets"])


def test_icatlas_events_shows_status_and_the_officials_present(tmp_path) -> None:
    from typer.testing import CliRunner

    from icatlas.cli import app

    _store_with(tmp_path, OCCURRENCE)
    out = CliRunner().invoke(app, ["events", "--db", str(tmp_path / "kg.db"), "--all"]).stdout
    signed = next(line for line in out.splitlines() if "project_signed" in line)
    assert " done " in signed and "present: 王伟 (witness)" in signed
    planned = next(line for line in out.splitlines() if " planned " in line)
    assert "~2026" in planned


def test_the_event_page_shows_the_occurrence_with_its_facets(tmp_path) -> None:
    from fastapi.testclient import TestClient

    from icatlas.serve import create_app

    atlas = _store_with(tmp_path, OCCURRENCE)
    signed = next(r for r in atlas.events(include_off_topic=True) if r["type"] == "project_signed")
    with TestClient(create_app(tmp_path / "kg.db", warm=False)) as c:
        html = c.get(f"/events/{signed['id']}").text
        assert 'id="event-status"' in html and "已发生" in html
        assert 'id="event-facets"' in html and html.count('class="evidence"') >= 3
        assert "见证" in html  # the witness's role
        doc = c.get(f"/documents/{signed['doc_id']}").text
        for f in signed["facets"]:
            assert f'id="m-{f["evidence"][0]}"' in doc  # every facet's sentence is anchored on its page


def test_a_dateline_and_a_byline_are_not_the_event() -> None:
    ev = events("某某在线嘉兴频道6月2日讯（某某在线通讯员 陈一 林二 见习记者 吴三）6月1日上午，南湖区举行芯片封装项目签约仪式。",
                published="2022-06-02")[0]
    assert ev.type == "project_signed" and ev.date == "2022-06-01"
    assert ev.place == "南湖区", "the publisher's name is not the place"
    assert not [p for p in ev.participants if p["name"] in ("陈一", "林二", "吴三")], "reporters are not participants"


def test_a_relative_day_yields_to_the_date_glossed_after_it() -> None:
    ev = events("今天（9月5日）上午，总投资20亿元的8个半导体项目在合肥高新区集中签约。", published="2021-09-06")[0]
    assert ev.date == "2021-09-05"


def test_the_date_of_a_report_is_not_the_date_of_what_it_reports() -> None:
    ev = events("9月6日，某公司官方微博发文称，合肥高新区与该公司于9月3日举行签约仪式，芯片测试项目正式落户。",
                published="2021-09-07")[0]
    assert ev.type == "project_signed" and ev.date == "2021-09-03"


def test_a_batch_signing_and_each_project_it_names() -> None:
    evs = events("5月8日，共有4个项目现场签约落户新吴区。它们分别是甲芯晶圆测试生产线项目、乙诺电子材料研发基地项目、"
                 "丙成半导体装备核心部件制造基地项目，以及丁景传感无锡封装基地项目。")
    signed = [e for e in evs if e.type == "project_signed"]
    parties = [p["name"] for e in signed[1:] for p in e.participants]
    assert parties == ["甲芯", "乙诺", "丙成", "丁景传感"]
    assert all(e.date == "2024-05-08" and e.place == "新吴区" for e in signed)
    assert all(any(f["type"] == "batch" for f in e.facets) for e in signed[1:]), "each project links to its batch"


def test_a_list_goes_on_past_a_name_that_is_no_project() -> None:
    evs = events("5月8日，甲通半导体封测项目、乙鑫精工伺服电机驱动器研发生产基底、丙扬芯片湖南研发中心项目共3个企业项目"
                 "与长沙高新区进行签约，总投资额达18亿元。")
    signed = [e for e in evs if e.type == "project_signed"]
    assert signed[0].amount == {"value": 1.8e9, "currency": "CNY"}
    assert signed[0].place == "长沙高新区", "the province inside a project's name only says where the zone lies"
    assert {"甲通", "丙扬"} <= {p["name"] for e in signed[1:] for p in e.participants}


def test_two_places_in_one_list_are_parallel() -> None:
    ev = events("会上，苏州市集成电路重点项目、苏州工业园区集成电路项目成功签约。")[0]
    assert ev.type == "project_signed" and ev.place == "苏州市"


def test_a_project_headed_paragraph_after_a_batch_is_its_own_signing() -> None:
    text = ("5月8日，总投资超过50亿元的9个集成电路项目集中签约仪式在浦口经济开发区举行。\n"
            "某某集团南京测试中心项目，计划先投资2000万美元设立集成电路测试服务中心。\n"
            "据悉，这些项目建成后年产值可观。")
    evs = [e for e in events(text) if e.type == "project_signed"]
    item = next(e for e in evs if e.name == "某某集团南京测试中心项目")
    assert item.participants[0]["name"].startswith("某某集团") and item.amount == {"value": 2e7, "currency": "USD"}


def test_taiwan_places_at_the_level_the_page_names_them() -> None:
    ev = events("某封测公司3日于高雄楠梓科技产业园区举行新厂动土典礼，投资金额达新台币176亿元。", published="2025-10-03")[0]
    assert ev.type == "production_milestone" and ev.place == "楠梓科技产业园区"
    assert ev.amount == {"value": 1.76e10, "currency": "TWD"}
    ev = events("某晶圆厂位于苗栗县铜锣乡的新厂今日举行投产典礼。", published="2025-10-03")[0]
    assert ev.place == "铜锣乡"


def test_the_gazetteer_knows_taiwan_by_its_own_names_and_not_by_common_words() -> None:
    from icatlas.reference.regions import regions

    index = regions()
    kaohsiung = index.resolve("Kaohsiung")
    assert kaohsiung is not None and kaohsiung.name == "高雄市" and index.parent(kaohsiung).name == "台湾省"
    nanzi = index.resolve("楠梓区")
    assert nanzi is not None and index.parent(nanzi) is kaohsiung
    assert index.resolve("臺北") is index.resolve("台北市")
    zone = index.resolve("Hsinchu Science Park")
    assert zone is not None and zone.level == "zone" and index.parent(zone).name == "新竹市"
    for word in ("中和", "中正", "树林", "新店"):  # stems of Taiwan districts that are everyday words
        assert index.resolve(word) is None, word
    assert index.resolve("和平区").code.startswith("12"), "a mainland district keeps its name against a namesake"


def test_english_yesterday_and_a_park_named_after_at_the() -> None:
    text = ("date 2024-03-05 Officials yesterday attended a groundbreaking ceremony at the Nanzih Technology "
            "Industrial Park in Kaohsiung, where a chipmaker is to build a packaging plant.")
    ev = [e for e in events(text, published="2024-03-05") if e.type == "production_milestone"][0]
    assert ev.date == "2024-03-04", "yesterday, not the page's own date stamp"
    assert ev.place == "楠梓科技产业园区"


def test_an_english_organisation_does_not_run_on_over_in_and_a_place() -> None:
    doc = run_text("Title\nThe ceremony was held at the Hsinchu Science Park Bureau in Hsinchu on Monday.\n",
                   published="2024-03-05")
    assert not [m for m in doc.mentions if m.label not in ("region", "date") and " in " in m.surface]


def test_the_count_and_total_of_a_batch_are_its_places_figures() -> None:
    doc = run_text("标题\n5月8日，总投资超150亿元的15个半导体产业项目现场签约落户海沧。\n", published="2024-05-10")
    figs = {(f.value, f.subject) for f in doc.figures}
    assert (15, "海沧区") in figs and (1.5e10, "海沧区") in figs


def test_a_park_known_as_a_zone_is_the_figure_subject_by_its_zone_name() -> None:
    doc = run_text("Title\nRevenue at the Hsinchu Science Park rose 6.66 percent to NT$1.51 trillion last year.\n",
                   published="2025-03-13")
    subjects = {f.subject for f in doc.figures if f.value in (1.51e12, 0.0666)}
    assert subjects == {"新竹科学园区"}


def test_a_title_told_without_a_date_is_the_bodys_dated_happening() -> None:
    text = ("标题\n发布日期：2019-04-22\n某某芯城项目正式开工，投资500亿元。\n"
            "某某芯城项目开工仪式21日在成都科学城举行，该项目投资额约500亿元。")
    evs = [e for e in run_text(text + "\n", published="2019-04-22").events if e.type == "production_milestone"]
    assert [e.date for e in evs] == ["2019-04-21"], "one groundbreaking, on the day the body says"


def test_the_lede_day_told_relative_to_the_page_outranks_its_stamp() -> None:
    text = "2017-05-11 来源：某某日报 昨日上午，市长徐立毅调研集成电路产业。\n徐立毅一行来到杭州士兰微电子股份有限公司调研。"
    doc = run_text(text + "\n", published="2017-05-11")
    assert doc.events and all(e.date == "2017-05-10" for e in doc.events)


def test_a_sum_keeps_its_currency_and_gains_its_value_in_cny_at_its_years_rate() -> None:
    from icatlas.money import PER_USD_BY_YEAR, to_cny_in

    ev = events("2023年5月8日，总投资50亿美元的芯片项目在无锡市新吴区签约落户。", published="2023-05-10")[0]
    amount = ev.as_contract()["amount"]
    assert amount["currency"] == "USD" and amount["value"] == 5e9
    assert amount["value_cny"] == 5e9 * PER_USD_BY_YEAR[2023]["CNY"]
    doc = run_text("标题\n某晶圆厂在新竹科学园区投资新台币100亿元建设新厂。\n", published="2020-05-10")
    fig = next(f.as_contract() for f in doc.figures if f.unit == "TWD")
    assert fig["value_cny"] == to_cny_in(1e10, "TWD", 2020) == 1e10 / 29.5 * 6.90
    assert to_cny_in(100, "USD", 1990) == 710.0, "a year without its rates takes the fixed rate"


def test_words_that_hold_yao_are_not_plans() -> None:
    ev = events("摘要：5月8日，总投资20亿元的8个半导体项目在合肥高新区集中签约。")[0]
    assert ev.status == "done" and ev.date == "2024-05-08"


def test_a_paragraph_per_project_takes_its_sum_and_its_named_organisation() -> None:
    text = ("5月8日，总投资超过50亿元的9个集成电路项目集中签约仪式在浦口经济开发区举行。\n"
            "某开发区集成电路产业促进中心项目，总投资5亿元，由上海市集成电路技术与产业促进中心为技术支撑。\n"
            "某某集团南京测试中心项目，计划先设立测试服务中心。首期投资2000万美元。\n")
    evs = [e for e in events(text) if e.type == "project_signed"]
    by_name = {e.name: e for e in evs}
    centre = by_name["某开发区集成电路产业促进中心项目"]
    assert centre.participants[0]["name"] == "上海市集成电路技术与产业促进中心"
    assert centre.amount == {"value": 5e8, "currency": "CNY"}
    assert by_name["某某集团南京测试中心项目"].amount == {"value": 2e7, "currency": "USD"}


def test_one_project_reported_by_two_sites_is_one_event_with_both_sources(tmp_path) -> None:
    from icatlas.atlas import Atlas

    atlas = Atlas.open(tmp_path / "kg.db")
    atlas.upload_text("某芯片封装项目签约落户新吴区",
                      "某某网5月9日讯（记者 陈一）5月8日，长电科技与无锡市新吴区签约，芯片封装项目落户新吴区。"
                      "该项目总投资50亿元。", "2024-05-09")
    atlas.upload_text("总投资50亿元封装项目落户无锡",
                      "【某某新闻网5月10日讯】5月8日上午，在副市长王伟见证下，总投资50亿元的长电科技芯片封装项目"
                      "在新吴区签约落户。", "2024-05-10")
    signed = [e for e in atlas.events(include_off_topic=True) if e["type"] == "project_signed"]
    assert len(signed) == 1, signed
    ev = signed[0]
    assert ev["date"] == "2024-05-08" and ev["place"] == "新吴区" and ev["amount_value"] == 5e9
    assert len(ev["sources"]) == 2 and any(p.get("canonical", p["name"]).startswith("江苏长电") for p in ev["participants"])


def test_a_sum_said_to_be_the_happenings_own_in_the_next_sentence() -> None:
    doc = run_text("Title\nThe third phase of the national chip fund was established on Friday. The legal representative "
                   "is Zhang San, with a registered capital of RMB 344 billion.\n", published="2024-05-27")
    founded = next(e for e in doc.events if e.type == "organization_founded")
    assert founded.amount == {"value": 3.44e11, "currency": "CNY"}


def test_a_price_per_share_is_not_the_sum_of_a_deal() -> None:
    doc = run_text("Title\nA Holdings Co yesterday acquired B Electronics Co Ltd, paying an offer price of NT$45.8 per "
                   "share.\n", published="2020-01-16")
    assert all(e.amount is None for e in doc.events if e.type == "acquisition")


def test_a_sale_to_a_buyer_is_an_acquisition_on_the_day_inside_the_word() -> None:
    ev = [e for e in events("甲公司今(17)日宣布与乙科技签署意向书，将旧厂以十八亿美元现金售予乙科技。", published="2026-01-19")
          if e.type == "acquisition"][0]
    assert ev.date == "2026-01-17" and ev.status == "done", "将…以…售予 is the disposal, not a plan"
    assert ev.amount == {"value": 1.8e9, "currency": "USD"}
    assert {"乙科技"} <= {p["name"] for p in ev.participants} or any("乙科技" in p["name"] for p in ev.participants)


def test_a_participant_is_named_as_written_with_its_full_name_beside(tmp_path) -> None:
    ev = events("5月8日，长电科技与无锡市新吴区签约，总投资50亿元的芯片封装项目落户新吴区。")[0]
    party = next(p for p in ev.participants if p["role"] == "party")
    assert party["name"] == "长电科技" and party["canonical"] == "江苏长电科技股份有限公司"
    from icatlas.atlas import Atlas

    atlas = Atlas.open(tmp_path / "kg.db")
    atlas.upload_text("芯片封装项目签约", "5月8日，长电科技与无锡市新吴区签约，总投资50亿元的芯片封装项目落户新吴区。", "2024-05-10")
    stored = next(e for e in atlas.events(include_off_topic=True) if e["type"] == "project_signed")
    page = atlas.event_page(stored["id"])["event"]
    linked = next(p for p in page["participants"] if p["name"] == "长电科技")
    assert linked["org_id"] is not None, "the event page links the participant to its organisation"
    assert atlas.events_of("江苏长电科技股份有限公司"), "the organisation's events find it by its full name"


def test_a_more_news_teaser_inside_the_article_does_not_end_it() -> None:
    from icatlas.normalise.structure import find_structure

    text = ("甲公司新厂今天启用\n甲公司今天举行新厂启用典礼，新厂总投资额超过新台币3000亿元，已完成首批设备安装。\n"
            "更多新闻: 乙餐饮首季每股赚1.24元 中央厨房扩建\n"
            "甲公司指出，新厂厂区土地面积逾11万平方公尺，第1期厂房拥有2万8000平方公尺的无尘室，预计建置月产能5万片的生产线。\n"
            "更多新闻: 丙海运调涨运费\n")
    st = find_structure(text)
    body = text[st.body[0]:st.body[1]]
    assert "2万8000平方公尺" in body and "丙海运" not in body
    assert any(text[a:b].startswith("更多新闻: 乙餐饮") for a, b in st.cut), "the teaser line is cut from the body"


def test_areas_written_with_wan_and_digits_and_in_square_gongchi() -> None:
    doc = run_text("标题\n甲公司指出，新厂厂区土地面积逾11万平方公尺，第1期厂房拥有2万8000平方公尺的无尘室。\n",
                   published="2024-05-10")
    areas = {(f.value, f.unit) for f in doc.figures}
    assert (110000, "平方米") in areas and (28000, "平方米") in areas


def test_a_figure_about_an_organisation_names_it_as_written() -> None:
    doc = run_text("标题\n长电科技去年营收达到300亿元，同比增长12%。\n", published="2024-05-10")
    assert {f.subject for f in doc.figures} == {"长电科技"}


def test_a_reposts_source_and_original_title_lines_do_not_end_the_article() -> None:
    from icatlas.normalise.structure import find_structure

    text = ("甲产业园昨奠基 一口气签下4个项目\n某某网 2021-01-19 09:21:27\n"
            "11月16日上午，我市举行了甲产业园项目奠基仪式。\n【来源：某某晚报】\n【原标题：甲产业园昨奠基 一口气签下4个项目】\n"
            "11月16日上午，我市举行了甲产业园项目奠基仪式。据悉，该项目计划总投资不低于600亿元，将建设8英寸晶圆生产线。\n"
            "接着是集成电路项目集中签约。记者数了下，共有4个项目现场签约，涉及晶圆测试、封装和材料等领域。\n")
    st = find_structure(text)
    assert "共有4个项目现场签约" in text[st.body[0]:st.body[1]]


def test_a_batch_groundbreaking_and_a_project_told_later() -> None:
    text = ("15日，总投资约288亿元的12个重点产业项目在临港新片区集中开工。\n"
            "当日开工的甲芯汽车芯片成品制造封测一期项目位于临港新片区重装备产业区。\n")
    evs = [e for e in events(text, published="2023-08-18") if e.type == "production_milestone"]
    item = next(e for e in evs if e.name == "甲芯汽车芯片成品制造封测一期项目")
    assert item.participants[0]["name"] == "甲芯" and item.place == "临港新片区" and item.date == "2023-08-15"
    assert any(f["type"] == "batch" for f in item.facets)


def test_english_sums_put_in_and_a_business_licence() -> None:
    doc = run_text("Title\nThe trading centre received its business license on December 30, 2022. Shenzhen Investment "
                   "Holdings put in 760 million yuan to get a 35.7% ownership in the trading center.\n",
                   published="2023-01-04")
    types = {e.type: e for e in doc.events}
    assert types["organization_founded"].date == "2022-12-30"
    assert types["investment"].amount == {"value": 7.6e8, "currency": "CNY"}


def test_the_project_just_told_lends_its_place_to_its_next_step() -> None:
    evs = events("5月8日，在江苏省副省长王伟见证下，长电科技与无锡市新吴区签约，总投资50亿元的芯片封装项目落户新吴区。"
                 "该项目预计2026年投产。")
    planned = next(e for e in evs if e.status == "planned")
    assert planned.place == "新吴区" and planned.expected_date == "2026"


def test_an_agreement_for_a_project_is_the_projects_signing() -> None:
    doc = run_text("Title\nAcme Semiconductor Corporation signed a cooperation framework document with the Beijing "
                   "municipal government to launch its Second Phase Expansion Project.\n", published="2012-05-18")
    assert [e.type for e in doc.events if e.type in ("agreement_signed", "project_signed")] == ["project_signed"]
    evs = events("5月8日，甲公司与某区管委会签署集成电路封测项目投资协议。")
    assert "project_signed" in [e.type for e in evs] and "agreement_signed" not in [e.type for e in evs]
    evs = events("5月8日，甲公司与乙大学签署战略合作协议。")
    assert [e.type for e in evs] == ["agreement_signed"], "a framework agreement with no project stays one"


def test_a_government_written_in_lower_case_is_an_organisation() -> None:
    doc = run_text("Title\nAcme Corp signed a deal with the Beijing municipal government on Monday. The municipal "
                   "government of Chengdu also released a policy.\n", published="2024-05-10")
    govs = [m.surface for m in doc.mentions if m.label == "government"]
    assert "Beijing municipal government" in govs and "municipal government of Chengdu" in govs


def test_a_listed_zone_is_named_by_its_standard_name() -> None:
    ev = events("4月15日，青岛西海岸新区与富士康科技集团开展云签约活动，富士康半导体高端封测项目正式落户。",
                published="2020-04-17")[0]
    assert ev.place == "青岛西海岸新区", "a new area keeps its city, as its standard name does"
    ev = events("5月8日，6个重大项目在中国(上海)自由贸易试验区临港新片区集中签约。")[0]
    assert ev.place == "临港新片区", "the inner zone of a free-trade zone by its own name"


def test_an_english_sum_with_a_decimal_point_and_the_firm_told_in_april() -> None:
    text = ("Taiwan approves Acme's plan to expand in Nanjing\nThe Investment Commission has approved a plan by Acme "
            "Semiconductor Manufacturing Co to expand production at its plant in Nanjing, China. The chipmaker's board "
            "approved the expansion plan at a special meeting in April, allowing the firm to invest US$2.89 billion "
            "in the project.\n")
    doc = run_text(text, published="2021-07-31")
    inv = next(e for e in doc.events if e.type == "investment" and e.amount)
    assert inv.amount == {"value": 2.89e9, "currency": "USD"} and inv.date == "2021-04"
    assert inv.participants and inv.place == "南京市"


def test_a_traditional_page_about_the_mainland_that_names_taiwan_keeps_the_yuan() -> None:
    doc = run_text("標題\n福建晉江擬在新塘街道建設集成電路產業園，晉華項目總投資370億元，通過引進臺灣和全球技術與人才，"
                   "打造福建省的存儲器製造基地。\n", published="2024-05-10")
    money = [m for m in doc.mentions if m.label == "money"]
    assert money and all(m.attrs["unit"] == "CNY" for m in money)


def test_a_taiwan_unit_named_by_its_stem_after_its_city() -> None:
    doc = run_text("標題\n公司投入逾3億元在既有桃園蘆竹廠區擴充設備，苗栗銅鑼新廠也將啟用，南京浦口經濟開發區另有項目。\n",
                   published="2024-05-10")
    names = [m.attrs.get("name") for m in doc.mentions if m.label == "region"]
    assert "芦竹区" in names and "铜锣乡" in names
    assert "浦口区" not in names, "a zone named after the place stays for the zone reading"


def test_a_later_clause_goes_on_from_its_sentences_subject() -> None:
    doc = run_text("標題\n耀穎光電為半導體光學元件製造商，此次再度申請第2案，投入逾3億元在既有桃園蘆竹廠區擴充設備。\n",
                   published="2023-04-14")
    inv = next(e for e in doc.events if e.type == "investment")
    assert inv.participants and inv.participants[0]["name"].startswith("耀颖光电")
    assert inv.place == "芦竹区" and inv.amount == {"value": 3e8, "currency": "TWD"}


def test_an_english_plant_that_started_operating() -> None:
    doc = run_text("Title\nInner Mongolia achieved a milestone on Oct 29 when the chip plant was completed and started "
                   "operating in Baotou city.\n", published="2023-10-31")
    ev = next(e for e in doc.events if e.type == "production_milestone")
    assert ev.date == "2023-10-29" and ev.place == "包头市"


def test_the_ledes_zone_is_the_place_of_events_that_name_none() -> None:
    # the lede names a zone; later sentences say only 园区: their events happen in the zone, not in its city
    evs = events("5月8日，苏州工业园区召开集成电路产业推进会议。\n3月，园区发布支持集成电路产业发展的若干政策。")
    policy = next(e for e in evs if e.type == "policy_released")
    assert policy.place == "苏州工业园区" and not policy.place_stated
    # a city in the lede stays the city for them (a district there may be a firm's home)
    evs = events("5月8日，无锡市召开集成电路产业推进会议。\n3月，该市发布支持集成电路产业发展的若干政策。")
    assert next(e for e in evs if e.type == "policy_released").place == "无锡市"


def test_a_projects_launch_is_its_start_and_a_firms_state_is_no_event() -> None:
    evs = events("1月22日，某芯片公司三期项目启动仪式在合肥高新区举行。作为省内唯一实现量产的12英寸晶圆企业，"
                 "该公司此次项目总投资约120亿元。")
    assert [(e.type, e.place) for e in evs] == [("production_milestone", "合肥高新区")]
    assert evs[0].amount == {"value": 1.2e10, "currency": "CNY"}
    assert not events("该公司拥有两条已量产的生产线和一条量产线。")


def test_a_name_before_kanlai_ends_there() -> None:
    people = [m.surface for m in run_text("标题\n在某芯片公司总裁王卫看来，项目启动意义重大。\n").mentions if m.label == "person"]
    assert people == ["王卫"]


def test_a_taiwan_site_named_by_its_townships_stem() -> None:
    # Taiwan's news names a plant or a park by the township's stem (銅鑼新廠, 楠梓科技第三園區)
    ev = events("某晶圓廠今天舉行銅鑼新廠啟用典禮，新廠總投資額超過新台幣2000億元。", published=None)[0]
    assert ev.type == "production_milestone" and ev.place == "铜锣乡"
    assert ev.amount == {"value": 2e11, "currency": "TWD"}
    ev = events("某封測廠今（11）日舉行楠梓科技第三園區動土典禮。", published="2026-03-11")[0]
    assert ev.place == "楠梓科技产业园区" and ev.date == "2026-03-11"
    # the stem alone, with no site after it, is not read as the place
    assert not [m for m in run_text("標題\n銅鑼聲響起。\n").mentions if m.label == "region"]


def test_undated_tellings_of_one_plants_start_are_one_event() -> None:
    evs = events("華芯晶圓股份有限公司舉行銅鑼新廠啟用典禮。華芯晶圓股份有限公司表示，銅鑼新廠已投入試產。", published=None)
    assert [e.type for e in evs] == ["production_milestone"]
    # an opening still to come is not one that happened
    assert not [e for e in events("新廠啟用後可創造1000個就業機會。", published=None)
                if e.type == "production_milestone"]


def test_a_county_level_citys_stem_counts_where_its_province_is_in_view() -> None:
    def places(text: str) -> list[str]:
        return [str(m.attrs.get("name")) for m in run_text("标题\n" + text + "\n").mentions if m.label == "region"]

    assert "晋江市" in places("福建省提出，该省的晋江将建设集成电路产业园。")
    assert "江阴市" in places("无锡江阴的封测企业扩产。")
    # alone, the stem is not read (a river, a newspaper, a word), nor inside a township's name (北镇 in 锡北镇)
    assert "晋江市" not in places("他说晋江将建设集成电路产业园。")
    assert "北镇市" not in places("大连一家企业的项目在锡山区锡北镇开工。")


def test_a_figure_that_names_nothing_is_the_pages() -> None:
    doc = run_text("标题\n5月8日，华岭晶圆股份有限公司公布第一季财报。华岭晶圆股份有限公司表示，需求稳健。\n"
                   "第一季合并营收120亿元，年增5%，毛利率达到30%。\n", published="2024-05-10")
    figures = {f.value: f.subject for f in doc.figures}
    assert figures[1.2e10] == "华岭晶圆股份有限公司" and figures[0.3] == "华岭晶圆股份有限公司"
    doc = run_text("标题\n5月8日，苏州工业园区召开集成电路产业推进会议。\n去年，园区集成电路产业规模达800亿元，同比增长14%。\n",
                   published="2024-05-10")
    figures = {f.value: f.subject for f in doc.figures}
    assert figures[8e10] == "苏州工业园区" and figures[0.14] == "苏州工业园区"


def test_a_plant_named_by_its_place_gives_its_figures_to_its_owner() -> None:
    doc = run_text("標題\n華岭晶圓股份有限公司指出，銅鑼新廠廠區土地面積逾11萬平方公尺，無塵室面積達2萬平方公尺。\n",
                   published="2024-05-10")
    subjects = {f.value: f.subject for f in doc.figures}
    assert subjects.get(110000) == "华岭晶圆股份有限公司", subjects


def test_numbers_with_a_part_after_their_scale() -> None:
    def read(text: str) -> list[tuple[str, float]]:
        return [(m.label, m.attrs["value"]) for m in find_quantities(text, "2024-01-01") if m.label != "date"]

    assert read("总投资3亿5000万元") == [("money", 3.5e8)]
    assert read("出口值达新台币3兆4400亿元") == [("money", 3.44e12)]
    assert read("营收3.44兆元") == [("money", 3.44e12)]
    assert read("共有1万2千名员工") == [("count", 12000)]
    assert read("无尘室2万8000平方公尺") == [("count", 28000)]
    assert read("5亿5亿元") == [("money", 5e8)]  # no part after all: the sum is read again where it starts


def test_an_agreement_to_build_a_plant_is_a_project_signing_with_the_projects_total() -> None:
    text = ("On May 8, Hualing Semiconductor Co. signed a cooperation agreement with the Wuxi municipal government, "
            "under which it intends to build a 12-inch wafer production line.\n"
            "The new company will have a registered capital of USD 2 billion and the total investment sum in the "
            "project will be USD 3.5 billion.")
    signed = [e for e in run_text("Title\n" + text + "\n", published="2024-05-10").events if "signed" in e.type]
    assert [(e.type, e.amount) for e in signed] == [("project_signed", {"value": 3.5e9, "currency": "USD"})]


def test_a_deal_inked_for_a_sum_is_a_project_signing() -> None:
    evs = run_text("Title\nThe park corporation inks deal with Hualing Semiconductor for HK$2.5b facility.\n",
                   published="2024-05-10").events
    assert [(e.type, e.amount) for e in evs] == [("project_signed", {"value": 2.5e9, "currency": "HKD"})]


def test_a_page_known_to_the_month_dates_its_days(tmp_path) -> None:
    from icatlas.pipeline import Pipeline, Report
    from icatlas.read.sources import read_inputs

    page = tmp_path / "p.txt"
    page.write_text("标题\n3月2日，无锡市举行重大项目集中开工仪式，共开工20个项目。\n11月16日，某项目在锡山区签约。\n",
                    encoding="utf-8")
    (tmp_path / "p.txt.meta.json").write_text('{"published": "2018-03"}', encoding="utf-8")
    report = Report()
    doc = next(iter(Pipeline.default().pipe(list(read_inputs([page])), report)))
    assert doc.published is None and not report.warnings
    assert {e.date for e in doc.events} >= {"2018-03-02", "2017-11-16"}


def test_who_receives_who_gives_and_who_invests() -> None:
    ev = next(e for e in events("华岭晶圆股份有限公司近期荣获经济部颁发的节能标竿奖。") if e.type == "award")
    roles = {p["name"]: p["role"] for p in ev.participants}
    assert roles.get("华岭晶圆股份有限公司") == "awardee" and roles.get("经济部") == "awarder"
    evs = run_text("Title\nOn Oct 29, the Hualing chip plant was completed and started operating in Baotou city.\n"
                   "It is the region's first chip plant.\n"
                   "The facility involves a 1.5-billion-yuan investment from the Weill Holding Group.\n",
                   published="2023-10-30").events
    assert [(e.type, e.amount) for e in evs] == [("production_milestone", {"value": 1.5e9, "currency": "CNY"})]
    assert {"name": "Weill Holding Group", "role": "producer"} in evs[0].participants


def test_a_firm_a_sentence_defines_by_its_business() -> None:
    from icatlas.extract.role_orgs import find_role_orgs

    assert [m.surface for m in find_role_orgs("耀芯光电为半导体光学元件制造商，近年持续扩产。", [])] == ["耀芯光电"]
    assert not find_role_orgs("该公司为半导体制造商，近年持续扩产。", [])


def test_a_ceremony_joined_to_a_promotion_meeting_is_two_events() -> None:
    evs = events("近日，记者从某省集成电路产业投资基金揭牌仪式暨半导体产业招商推介会上获悉，该省将建设集成电路产业园。")
    kinds = {e.type: e for e in evs}
    assert set(kinds) >= {"organization_founded", "meeting"}
    assert kinds["meeting"].name and kinds["meeting"].name.endswith("招商推介会") and "记者" not in kinds["meeting"].name


def test_a_firm_written_after_its_line_of_business() -> None:
    from icatlas.extract.role_orgs import find_role_orgs

    assert [m.surface for m in find_role_orgs("近日，芯片设计公司华岭微电子完成一笔数亿元融资。", [])] == ["华岭微电子"]
    assert not find_role_orgs("国内芯片设计企业纷纷将目光投向车规芯片。12吋晶圆厂投资案已耗资800亿元。", [])


def test_domestic_and_compass_areas_are_no_site() -> None:
    evs = run_text("某芯片项目开工\n5月8日，市委书记在杭州调研。\n华岭晶圆股份有限公司的国内首条12英寸产线5月8日在国内正式投产。\n",
                   published="2024-05-10").events
    milestone = next(e for e in evs if e.type == "production_milestone")
    assert milestone.place == "杭州市", "国内 is no site: the page's opening names the city"


def test_weekdays_told_against_the_publish_date() -> None:
    def dates(text: str) -> list[str]:
        return [str(m.attrs["value"]) for m in find_quantities(text, "2026-01-19") if m.label == "date"]

    assert dates("某公司上周六宣布收购") == ["2026-01-17"]  # 2026-01-19 is a Monday
    assert dates("周五举行签约仪式") == ["2026-01-16"]
    assert dates("下周一开工，每周五例会") == []


def test_a_stake_bought_is_an_acquisition_and_a_proposed_one_is_not() -> None:
    evs = run_text("Title\nHualing Holdings Co yesterday purchased a 16.5 percent stake in rival Jinxin Electronics Co Ltd "
                   "for about NT$4.2 billion.\nIts board last year approved the proposed acquisition of 100 million "
                   "Jinxin shares.\n", published="2020-01-16").events
    assert [(e.type, e.date, e.amount) for e in evs] == [
        ("acquisition", "2020-01-15", {"value": 4.2e9, "currency": "TWD"})]
    roles = {p["name"]: p["role"] for p in evs[0].participants}
    assert roles == {"Hualing Holdings Co": "acquirer", "Jinxin Electronics Co Ltd": "target"}


def test_the_act_told_again_and_a_name_given_again() -> None:
    evs = run_text("Title\nChina's state-backed chip fund invested 10 billion yuan in Hualing Memory Co. in Hefei.\n"
                   "The investment by the China Integrated Circuit Industry Investment Fund, commonly called the Big "
                   "Fund, accounts for 30% of the firm's registered capital.\n", published=None).events
    invest = [e for e in evs if e.type == "investment"]
    assert len(invest) == 1 and invest[0].amount == {"value": 1e10, "currency": "CNY"} and invest[0].place == "合肥市"
    assert "Big Fund" not in {p["name"] for p in invest[0].participants}


def test_a_wish_is_no_event() -> None:
    assert not events("副省长强调，要加快推进项目建设，促项目早投产、早见效，力争尽快签约。")


def test_a_visit_a_meeting_is_about_is_no_visit() -> None:
    evs = events("5月8日，市政协主席王明主持召开委员视察“华岭晶圆股份有限公司发展情况”专题会，听取工作汇报。")
    assert [e.type for e in evs] == ["meeting"]


def test_counts_with_a_space_and_rounds_and_long_project_nouns() -> None:
    def read(text: str) -> list[tuple[float, str]]:
        return [(m.attrs["value"], m.attrs["unit"]) for m in find_quantities(text, "2024-01-01") if m.label == "count"]

    assert read("今年成功促成 166 件投资案") == [(166, "件")]
    assert read("该公司已完成了6轮融资") == [(6, "轮")]
    figures = run_text("标题\n5月8日，总投资超过50亿元的9个集成电路产业重大项目在浦口经济开发区集中签约。\n",
                       published="2024-05-10").figures
    assert 9 in {f.value for f in figures}


def test_english_counts_of_firms_without_a_qualifier() -> None:
    def read(text: str) -> list[tuple[float, str]]:
        return [(m.attrs["value"], m.attrs["unit"]) for m in find_quantities(text, "2024-01-01") if m.label == "count"]

    assert read("The fund is jointly held by 19 shareholders.") == [(19, "shareholders")]
    assert read("It has 12 state-owned and private shareholders.") == [(12, "shareholders")]
    assert read("In 2022 companies raised more.") == []


def test_posts_before_and_after_a_name() -> None:
    def posts(text: str) -> dict[str, list[str]]:
        doc = run_text("标题\n" + text + "\n")
        return {e.name: list(e.positions) for e in doc.entities if e.type == "person"}

    assert "处长" in " ".join(posts("管委会高科处处长王瑜当日接受记者采访时表示，项目进展顺利。").get("王瑜", []))
    assert "副主席" in " ".join(posts("省政协副主席李强带领调研组考察项目。").get("李强", []))
    assert "总统" in posts("新厂启用典礼由董事长主持，总统蔡明、县长到场致辞。").get("蔡明", [])


def test_an_english_name_with_an_aside_before_its_post() -> None:
    from icatlas.extract.people_en import find_english_people

    found = find_english_people("They signed in the presence of Sun Ming (back row, center), secretary for innovation, "
                                "technology and industry; "
                                "Hua Hong (华虹) said it would expand.")
    assert [(name, posts) for _s, _e, name, posts in found] == [("Sun Ming", ["secretary for innovation"])]


def test_english_companies_named_in_a_role() -> None:
    from icatlas.extract.role_orgs import find_role_orgs

    text = ("The state fund invested 14 billion yuan in a memory chip firm, Hualing Xinqiao. In January it bought a "
            "stake in rival Jinxin Electronics. The company, Jinxin and others.")
    assert [m.surface for m in find_role_orgs(text, [])] == ["Hualing Xinqiao", "Jinxin Electronics", "Jinxin"]
    assert not find_role_orgs("The firm, China's largest, invested in January in the city.", [])


def test_a_reposted_story_keeps_its_own_year_and_day() -> None:
    """A local site reposts a paper's story a year later: the story's own year (from a year-named summit it calls
    yesterday's) and its day (the lede's) date its events, not the page's date."""
    from icatlas.extract.quantities import story_reference

    text = ("11月16日上午，我市举行了芯片产业园项目奠基仪式。昨天的2019中国(滨江)第三届集成电路产业峰会上，"
            "市政府与甲乙投资有限公司签署战略合作协议。")
    assert story_reference(text, "2021-01-19") == "2019-11-17"
    assert story_reference(text, "2019-11-17") == "2019-11-17", "a page of that year keeps its own date"
    assert story_reference("11月16日，芯片产业园奠基。", "2021-01-19") == "2021-01-19"
    evs = events(text, published="2021-01-19")
    assert evs and all(str(e.date).startswith("2019-11-16") for e in evs), [(e.type, e.date) for e in evs]


def test_a_signing_with_each_party_is_one_agreement_per_pair() -> None:
    evs = events("5月8日，苏州市政府与华芯投资管理有限责任公司、浙江金控投资管理有限公司等单位分别签署战略合作协议。"
                 "吴中区政府与西安电子科技大学、苏州大学共同签署人才培养合作协议。")
    pairs = [tuple(p["name"] for p in e.participants) for e in evs if e.type == "agreement_signed"]
    assert pairs == [("苏州市政府", "华芯投资管理有限责任公司"), ("苏州市政府", "浙江金控投资管理有限公司"),
                     ("吴中区政府", "西安电子科技大学", "苏州大学")], pairs


def test_our_city_is_a_place_the_sentence_states() -> None:
    """我市举行了…奠基仪式: the page's city is where it happened, over a place a later sentence of the same
    occurrence names for something else."""
    evs = events("无锡市融媒体中心消息 5月8日上午，我市举行了两岸芯片产业园项目奠基仪式。该项目将导入台湾科学园区管理团队。")
    ground = [e for e in evs if e.type == "production_milestone"]
    assert ground and ground[0].place == "无锡市", [(e.type, e.place) for e in evs]


def test_a_project_list_names_its_firms_over_the_taggers_guess() -> None:
    """The firm a listed project opens with, also after 以及 and before a city (华景传感绍兴封装基地项目), is the
    company, and its reading outranks a statistical guess at the same characters."""
    doc = run_text("标题\n它们分别是显鋆晶圆测试及晶圆重构生产线项目、本诺电子级粘合剂产品研发及制造基地项目,"
                   "以及华景传感绍兴封装基地项目。\n")
    firms = [m.surface for m in doc.mentions if m.label == "company"]
    assert firms == ["显鋆", "本诺", "华景传感"], firms


def test_english_names_as_taiwan_and_hong_kong_write_them() -> None:
    """Taiwan's hyphenated given names (Wade-Giles), Hong Kong's Western given names before a Cantonese surname,
    the name's own characters in brackets, a post in apposition up to a semicolon or a full stop; a title before
    the next person of a list is not this one's post, and a title word is no given name."""
    from icatlas.extract.people import find_people

    text = ("Attending were Science Council Deputy Minister Kuo Ming-hsien, council Minister Tsai Wen-liang (蔡文良) "
            "and Park Bureau Director-General Hsieh Po-jung. The deal was signed in the presence of Martin Lau "
            "(front row, left), chairman of the science park; and Carol Chan Wai-ling, under secretary for innovation. "
            "\"We will go on,\" said Zhou Ming, deputy head of the Department of Science and Technology of Guizhou "
            "province and a CPPCC member.\n")
    found = {m.surface: m.attrs["all_positions"] for m in find_people(text)}
    assert set(found) == {"Kuo Ming-hsien", "Tsai Wen-liang", "Hsieh Po-jung", "Martin Lau", "Carol Chan Wai-ling",
                          "Zhou Ming"}, found
    assert found["Kuo Ming-hsien"] == ["Science Council Deputy Minister"], "the next person's title is not a post"
    assert found["Martin Lau"] == ["chairman of the science park"]
    assert "member" in found["Zhou Ming"][0] and found["Zhou Ming"][0].startswith("deputy head")
    assert not [m for m in find_people("Director-General Lau Po-man said so.") if m.surface.startswith("General")]


def test_figures_of_a_list_go_to_the_names_of_its_list_in_order() -> None:
    doc = run_text("标题\n合资公司注册资本金为55亿美元，其中甲芯控股、国家大基金二期和上海乙微电子有限公司各自同意出资36.55亿美元、"
                   "9.22亿美元和9.23亿美元，分别占合资公司注册资本66.45%、16.77%和16.78%。\n")
    got = {(f.subject, round(f.value, 4)) for f in doc.figures}
    for pair in [("甲芯控股", 3.655e9), ("国家大基金二期", 9.22e8), ("上海乙微电子有限公司", 9.23e8),
                 ("甲芯控股", 0.6645), ("国家大基金二期", 0.1677), ("上海乙微电子有限公司", 0.1678)]:
        assert pair in got, (pair, got)
    shares = [f for f in doc.figures if f.kind == "percent"]
    assert len({f.what for f in shares}) == 1, "a list's figures share what they are of"
    # without 分别/各自 the names are not paired in order
    plain = run_text("标题\n甲芯控股、国家大基金二期和上海乙微电子有限公司出资36.55亿美元、9.22亿美元和9.23亿美元。\n")
    assert len({f.subject for f in plain.figures}) == 1


def test_a_project_is_named_placed_by_its_site_and_tied_to_the_firm_it_is_named_after() -> None:
    evs = events("2月10日，江苏省无锡市举行一季度重大产业项目集中开工仪式，甲建集团承建的梁溪芯谷半导体装备产业基地项目现场宣布开工。"
                 "梁溪芯谷半导体装备产业基地施工总承包项目位于江苏省无锡市梁溪区光电园。")
    ground = [e for e in evs if e.type == "production_milestone"]
    assert ground and ground[0].name == "梁溪芯谷半导体装备产业基地项目", [(e.name, e.place) for e in ground]
    assert ground[0].place == "梁溪区", "the site a later sentence gives, inside the city the act names"
    evs = events("2016年，成都市政府与紫光集团签订合作框架协议。4月21日，四川天府新区紫光芯城项目开工仪式在科学城举行。")
    ground = [e for e in evs if e.type == "production_milestone"]
    assert ground and [p["name"] for p in ground[0].participants] == ["紫光集团"], ground
    # a project named after a place has no firm of its own
    evs = events("华虹集团在无锡设厂。4月21日，无锡芯谷项目开工。")
    assert all(not e.participants for e in evs if e.type == "production_milestone" and e.name == "无锡芯谷项目")


def test_a_word_of_a_name_is_not_an_act_and_english_names_keep_to_their_line() -> None:
    doc = run_text("Title\nShenzhen\nThe National Development and Reform Commission approved the plan. The largest "
                   "shareholder is the local financing vehicle Shenzhen Investment Holdings.\nThe new Electronic "
                   "Components and Integrated Circuits International Trading Centre Co. is based in Qianhai.\n")
    orgs = {e.name: e.type for e in doc.entities if e.type not in ("region", "person")}
    assert "National Development and Reform Commission" in orgs, orgs
    assert not [n for n in orgs if "\n" in n]
    assert orgs.get("Electronic Components and Integrated Circuits International Trading Centre Co.") == "company"
    assert not [e for e in doc.events if e.type == "investment"], "Investment in a firm's name is no investment"


def test_taiwan_numbers_with_grouped_digits_after_the_scale() -> None:
    got = {m.surface: m.attrs["value"] for m in find_quantities("投资约1兆1,729亿元，创造8万6,234个就业机会。", "2023-04-14")}
    assert got == {"1兆1,729亿元": 1.1729e12, "8万6,234个": 86234.0}


def test_an_investment_by_a_count_of_firms_is_a_statistic_not_an_event() -> None:
    evs = events("「欢迎台商回台投资行动方案」有286家台商投资约1兆1,729亿元。本次增补省重点建设项目135个，总投资3675亿元。"
                 "甲乙光电公司投入逾3亿元在桃园芦竹厂区扩充产线。", published="2023-04-14")
    assert [e.type for e in evs if e.type == "investment"] == ["investment"], [(e.type, e.amount) for e in evs]


def test_an_english_meeting_takes_this_monday_and_the_zone_its_name_holds() -> None:
    doc = run_text("Title\nThis Monday, the 2024 Suzhou Industrial Park Integrated Circuit Innovation Conference was "
                   "held in the Jinji Lake Conference Center.\nYesterday, the 4th Nanjing Jiangbei New Area Integrated "
                   "Circuit Design Conference opened in the Nanjing Integrated Circuit Service Center.\n",
                   published="2024-01-10")
    meetings = [e for e in doc.events if e.type == "meeting"]
    assert [(e.date, e.place) for e in meetings] == [("2024-01-08", "苏州工业园区"), ("2024-01-09", "南京江北新区")], \
        [(e.date, e.place, e.name) for e in meetings]
    assert meetings[0].name == "2024 Suzhou Industrial Park Integrated Circuit Innovation Conference"
    assert not [m for m in find_quantities("this Friday it opens", "2024-01-10") if m.label == "date"], "to come"


def test_an_organisation_named_later_by_the_acronym_its_name_opens_with() -> None:
    doc = run_text("Title\nChip distributor ABX Holdings Co yesterday bought a stake in a rival. The regulator said "
                   "ABX is not required to apply. The rival accused ABX of seeking to monopolize the local market, "
                   "in which ABX holds a 70 percent share.\n", published="2024-01-10")
    later = [m for m in doc.mentions if m.surface == "ABX"]
    assert len(later) == 3 and all(m.attrs.get("canonical") == "ABX Holdings Co" for m in later)
    share = [f for f in doc.figures if abs(f.value - 0.7) < 1e-9]
    assert share and share[0].subject == "ABX Holdings Co"
    assert len({e.name for e in doc.entities if "ABX" in e.name}) == 1, "one organisation"


def test_taiwan_posts_surnames_and_a_name_before_its_post() -> None:
    from icatlas.extract.people import find_people

    text = ("园区管理局杨志明局长在典礼中指出，新厂明年完工。甲光公司资深副总经理洪松林表示，将扩大投资。"
            "联电共同总经理王岩补充说，需求回升。建筑师张刚等代表与会。该局局长表示欢迎。")
    found = {m.surface: m.attrs["all_positions"] for m in find_people(text)}
    assert found == {"杨志明": ["局长"], "洪松林": ["甲光公司资深副总经理"], "王岩": ["联电共同总经理"],
                     "张刚": ["建筑师"]}, found


def test_a_page_plainly_about_something_else_adds_no_events_or_figures() -> None:
    from icatlas.extract.relevance import OFF_TOPIC

    solar = ("光伏电池与储能电池项目签约\n5月8日，某新能源公司与双流区人民政府签订太阳能光伏电池片项目投资协议，总投资105亿元，"
             "建设年产25GW光伏电池片和20GWh储能锂电池生产线，预计2024年建成投产，光伏组件产能占全国10%。\n")
    doc = run_text(solar, published="2024-05-10")
    assert doc.relevance <= OFF_TOPIC, (doc.relevance, doc.relevance_reasons)
    out = doc.as_contract()
    assert not out["events"] and not out["figures"], "the extraction lists none"
    assert doc.events, "the document keeps them, for a user's call that the page is relevant after all"
    chip = run_text("芯片项目签约\n5月8日，某芯片公司与无锡市新吴区签订12英寸晶圆制造项目投资协议，总投资105亿元。\n",
                    published="2024-05-10")
    assert chip.as_contract()["events"]


def test_the_store_keeps_the_events_of_a_plainly_off_topic_page(tmp_path) -> None:
    import sqlite3
    import subprocess
    import sys
    from pathlib import Path

    page = tmp_path / "solar.txt"
    page.write_text("光伏电池与储能电池项目签约\n5月8日，某新能源公司与双流区人民政府签订太阳能光伏电池片项目投资协议，总投资105亿元，"
                    "建设年产25GW光伏电池片和20GWh储能锂电池生产线，预计2024年建成投产。\n", encoding="utf-8")
    exe = Path(sys.executable).with_name("icatlas")
    db = tmp_path / "s.db"
    res = subprocess.run([str(exe), "ingest", str(page), "--db", str(db)], capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr[-1000:]
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM events").fetchone()[0] >= 1


def test_an_organisation_found_once_is_found_wherever_the_page_writes_it() -> None:
    doc = run_text("标题\n近日，芯片设计公司聚芯微电子完成一笔数亿元D轮融资，由五源资本领投。\n"
                   "而从2016年创立至今，聚芯微电子几乎以一年一轮的速度，完成了6轮融资。\n", published="2024-05-10")
    spans = [m.start for m in doc.mentions if m.surface == "聚芯微电子"]
    assert len(spans) == 2, spans
    rounds = [f for f in doc.figures if f.value == 6.0]
    assert rounds and rounds[0].subject == "聚芯微电子"


def test_a_count_of_a_firm_and_others_is_not_that_firms() -> None:
    doc = run_text("标题\n海沧区今年签约15个半导体项目。甲乙电子科技等9个首批入驻项目总投资超30亿元。\n", published="2024-05-10")
    group = [f for f in doc.figures if f.value in (9.0, 3e9)]
    assert group and all(f.subject != "甲乙电子科技" for f in group), [(f.subject, f.value) for f in group]


def test_page_noise_before_the_lede_does_not_date_the_events() -> None:
    page = ("标题\n“网络敲诈和有偿删帖”专项整治工作责任状承诺书 举报电话:0571—87828327,举报邮箱:abc@163.com! 中国互联网违法和不良信息"
            "举报中心 网络关爱青少年行动专题\n当前位置\n2017-05-11 10:12:48 来源: 杭州日报\n"
            "昨日上午，市长徐立毅在调研集成电路产业发展时强调，要抢抓机遇。\n徐立毅首先来到杭州士兰微电子股份有限公司调研。\n")
    evs = run_text(page, published="2017-05-11").events
    visits = [e for e in evs if e.type == "official_visit"]
    assert visits and all(e.date == "2017-05-10" for e in visits), [(e.type, e.date) for e in evs]


def test_english_posts_in_lower_case_analysts_and_a_vice_mayor_of_a_city() -> None:
    from icatlas.extract.people import find_people

    text = ("Zhou Ping, Vice Mayor of Nanjing, and Hao Qing, Deputy Director of the committee, witnessed the signing. "
            "Xinhe chairman Lin Weiming spoke. \"Supply stays onshore,\" said Kelvin Ho, a semiconductor analyst at "
            "Mirae Asset Securities.\n")
    found = {m.surface: m.attrs["all_positions"] for m in find_people(text)}
    assert found["Zhou Ping"] == ["Vice Mayor of Nanjing"], found
    assert found["Lin Weiming"] == ["Xinhe chairman"]
    assert found["Kelvin Ho"] == ["a semiconductor analyst at Mirae Asset Securities"]


def test_the_visitors_own_body_is_not_visited_and_an_approver_does_not_invest() -> None:
    evs = events("8月9日，工业和信息化部部长金强到恒芯集成电路制造有限公司调研。")
    visit = next(e for e in evs if e.type == "official_visit")
    roles = {p["name"]: p["role"] for p in visit.participants}
    assert roles.get("恒芯集成电路制造有限公司") == "visited" and roles.get("工业和信息化部") != "visited"
    evs = events("经济部投资审议会今日核准恒光科技增资新台币450亿元。")
    inv = next(e for e in evs if e.type == "investment")
    roles = {p["name"]: p["role"] for p in inv.participants}
    assert roles.get("经济部投资审议会") == "approver" and roles.get("恒光科技") == "investor"


def test_a_founding_told_again_of_the_fund_just_founded_is_one_founding() -> None:
    evs = events("总规模300亿元的恒江省集成电路产业投资基金于18日正式设立。\n"
                 "该基金由国家集成电路产业投资基金、恒江省投资集团等共同发起设立，将重点投资晶圆制造。",
                 published="2017-05-19")
    founded = [e for e in evs if e.type == "organization_founded"]
    assert len(founded) == 1, [(e.date, e.participants) for e in founded]
    names = {p["name"] for p in founded[0].participants}
    assert "恒江省投资集团" in names and founded[0].date == "2017-05-18"


def test_a_plans_next_item_after_a_semicolon_is_planned_too() -> None:
    evs = events("该项目投资额约500亿元，计划2019年开工建设28个地块，建筑面积约176万平方米；"
                 "2020年开工建设19个地块，建筑面积约95万平方米。", published="2019-04-21")
    assert all(e.status == "planned" for e in evs if e.type == "production_milestone")
    done = events("一期工程已于2018年投产；2019年二期工程开工建设。", published="2019-05-01")
    assert any(e.status == "done" for e in done if e.type == "production_milestone"), "no plan before the semicolon"


def test_who_else_took_part_in_the_round_joins_it() -> None:
    evs = events("星辰微电子完成5亿元B轮融资，由红杉资本领投。参与本轮融资的还有深创投、元禾原点等机构。")
    assert [e.type for e in evs] == ["financing"]
    roles = {p["name"]: p["role"] for p in evs[0].participants}
    assert roles == {"星辰微电子": "financed", "红杉资本": "investor", "深创投": "investor", "元禾原点": "investor"}


def test_a_financing_placed_nowhere_happens_at_the_firms_home() -> None:
    # the registry's seat of the firm that gets the money (长鑫存储: 合肥, 长江存储: 武汉); never the investor's home
    assert [(e.type, e.place) for e in events("长鑫存储完成108亿元融资。")] == [("financing", "合肥市")]
    assert [(e.type, e.place) for e in events("近日，长江存储获得490亿元增资。")] == [("investment", "武汉市")]
    evs = events("近日，长江存储投资20亿元建设新产线。")
    assert all(e.place != "武汉市" for e in evs), "an investor's home is not where its project is"


def test_a_batch_list_reads_names_with_a_city_in_brackets_and_and_inside() -> None:
    evs = events("3月13日，15个重大产业化项目在成都高新区集中开工。本次集中开工的重大产业化项目包括星海(成都)芯片封装测试公司"
                 "生产线改造和三期新厂项目、明远连接器(成都)公司扩产项目、深圳长河半导体公司第二运营总部及研发中心项目等。")
    firms = {p["name"] for e in evs[1:] for p in e.participants}
    assert {"星海(成都)芯片封装测试公司", "明远连接器(成都)公司", "深圳长河半导体公司"} <= firms
    assert all(len(e.participants) == 1 for e in evs[1:]), "each listed project is an event of its own firm"


def test_a_direction_district_inside_a_longer_place_word_is_not_that_district() -> None:
    evs = events("3月13日，北京星海科技有限公司在高新西区开工建设芯片研发基地。")
    assert all(e.place != "西区" for e in evs), "高新西区 is part of a zone, not the district 西区 of 攀枝花 or 台中"
    doc = run_text("标题\n攀枝花市西区举行芯片产业推介活动。\n")
    assert "西区" in [m.surface for m in doc.mentions if m.label == "region"], "after its city it is the district"


def test_a_signing_takes_the_projects_total_told_later_and_a_place_verb_is_no_firm() -> None:
    evs = events("昨日，厦门市人民政府、星海微电子股份有限公司正式签署战略合作协议，决定在海沧投资建设一条12英寸芯片生产线。"
                 "市委书记会见了星海微电子董事长。\n据悉，该生产线采用IDM模式运营。项目规划总投资200亿元人民币，计划分两期建设，"
                 "一期计划今年底前开工建设。")
    signing = [e for e in evs if e.type == "project_signed"]
    assert len(signing) == 1 and signing[0].amount == {"value": 2e10, "currency": "CNY"}
    assert signing[0].place == "海沧区"
    assert "海沧投资" not in {p["name"] for p in signing[0].participants}, "在海沧投资建设: a place and a verb"
    assert not [e for e in evs if e.type == "investment"], "the investment told in the signing's clause is its facet"


def test_a_groundbreaking_told_with_a_bylined_dateline_a_caption_and_its_officials_is_one() -> None:
    doc = run_text("湖南最大芯片基地开工\n长沙7月20日电(张三一 李四二)湖南最大的芯片研发及产业化基地——星海光电第三代半导体产业园"
                   "项目20日在长沙高新技术开发区开工。省委常委、市委书记王五宣布项目开工。\n湖南最大芯片基地开工\n"
                   "据悉，上述项目总占地面积1000亩，总投资160亿元，预计2年内完成一期项目建设并实现投产。\n")
    starts = [e for e in doc.events if e.type == "production_milestone" and e.status == "done"]
    assert len(starts) == 1, "the caption repeating the title and the officials' telling are the same start"
    ev = starts[0]
    assert ev.place == "长沙高新区" and ev.amount == {"value": 1.6e10, "currency": "CNY"}
    names = {p["name"] for p in ev.participants}
    assert not names & {"张三一", "李四二"}, "the reporters of a dateline are no participants"


def test_a_zone_that_signs_is_a_signer_and_a_short_name_inside_a_longer_one_is_the_pages_firm() -> None:
    evs = events("5日，宁乡高新区与连橙时代半导体芯片、模组研发生产基地项目签约仪式在长沙举行。"
                 "湖南连橙时代半导体有限公司董事长介绍了项目。")
    ev = next(e for e in evs if e.type == "project_signed")
    roles = {p["name"]: p for p in ev.participants}
    assert roles["宁乡高新区"]["role"] == "signer"
    assert "模组" not in roles, "a product word is no firm"
    firm = next(p for n, p in roles.items() if "连橙" in n)
    assert firm.get("canonical", firm["name"]) == "湖南连橙时代半导体有限公司", "not the registry's 株洲中车时代半导体"


def test_a_groundbreaking_takes_the_plants_investment_told_next_by_the_same_firm() -> None:
    doc = run_text("新廠動土\n►力積電25日上午舉行的銅科新廠動土開工典禮，經濟部長出席。\n記者某某/苗栗報導\n"
                   "力晶積成電子製造股份有限公司投資2780億元在銅鑼科學園區興建2座12吋晶圓廠。\n", published="2021-03-26")
    starts = [e for e in doc.events if e.type == "production_milestone"]
    assert len(starts) == 1 and not [e for e in doc.events if e.type == "investment"]
    assert starts[0].place == "铜锣科学园区", "銅科 is the park's short name; 竹科管理局's park is not the site"
    assert starts[0].amount == {"value": 2.78e11, "currency": "TWD"}


def test_a_hong_kong_market_page_counts_in_hong_kong_dollars_and_its_listed_firm_acquires() -> None:
    doc = run_text("公告\n<某某通訊> 宏远半導體(06908.HK) 宣布，將斥逾1.14億元收購深圳鎵星半導體12.98%股權。\n")
    deal = next(e for e in doc.events if e.type == "acquisition")
    assert deal.amount == {"value": pytest.approx(1.14e8), "currency": "HKD"}
    roles = {p["name"]: p["role"] for p in deal.participants}
    assert roles.get("宏远半导体") == "acquirer" and roles.get("深圳镓星半导体") == "target"
    assert deal.status == "planned", "将…收购: announced, kept as a planned acquisition"


def test_a_subscription_names_the_firm_after_its_verb_and_a_price_per_unit_is_no_sum() -> None:
    doc = run_text("公告\n台積電今日公告，認購世界先進積體電路股份有限公司現金增資，交易數量為4248萬5831股，"
                   "每單位價格為新台幣88元，交易總金額為37億3900萬元。\n", published="2024-10-08")
    ev = next(e for e in doc.events if e.type == "investment")
    roles = {p["name"]: p["role"] for p in ev.participants}
    assert roles.get("世界先进积体电路股份有限公司") == "investee" and "认购世界先进积体电路股份有限公司" not in roles
    assert ev.amount is not None and ev.amount["value"] == pytest.approx(3.739e9)


def test_a_firm_written_with_its_investing_verb_and_sum_is_the_firm() -> None:
    doc = run_text("公告\n其中，辛耘投資1426萬8388美元，持股比重約50%。\n")
    names = [m.surface for m in doc.mentions if m.label not in ("money", "percent", "date", "count")]
    assert "辛耘投资" not in names


def test_a_city_paper_says_our_city_and_a_place_inside_a_persons_name_is_none() -> None:
    doc = run_text("投资说明会\n昨日，我市在大会举行专场投资说明会，现场累计签约项目13个，总合同额985亿元。市委书记张江汀出席相关活动。"
                   "其中，青岛国际芯片产业园项目总投资30亿元。\n", published="2018-09-30")
    assert "张江" not in [m.surface for m in doc.mentions if m.label == "region"], "张江汀 is a person"
    signed = next(f for f in doc.figures if f.value == 13)
    assert signed.subject == "青岛市", "我市 is the one city the page names"


def test_a_country_wide_page_counts_deals_and_writes_falls_as_negative() -> None:
    doc = run_text("白皮书\n根据白皮书，我国半导体行业2024年共计产生融资事件677起，同比下降35.9%，年度合计融资规模为806亿元。\n",
                   published="2024-12-20")
    deals = next(f for f in doc.figures if f.value == 677)
    assert deals.unit == "起" and deals.subject == "中国"
    assert any(f.value == pytest.approx(-0.359) for f in doc.figures), "同比下降35.9% is a fall"
    assert [q.attrs["value"] for q in find_quantities("营收年减6.7%，增长5%", None)] == [pytest.approx(-0.067), 0.05]
    assert not [q for q in find_quantities("自2019起实施", None) if q.label == "count"], "2019起 is a year"


def test_a_taiwan_byline_gives_the_city_a_report_was_filed_from() -> None:
    doc = run_text("標題\n►經濟部長出席活動，會場冠蓋雲集。\n記者王小明／高雄報導\n經濟部投資審議會今（28）日召開第25次會議，"
                   "顯示僑外資對台灣高科技產業的高度信心。\n", published="2025-10-28")
    meeting = next(e for e in doc.events if e.type == "meeting")
    assert meeting.place == "高雄市", "Taiwan in passing, the report filed from Kaohsiung: the city is more precise"
    assert "王小明" not in {p["name"] for e in doc.events for p in e.participants}


def test_buying_a_share_of_a_plant_is_an_investment_not_an_acquisition() -> None:
    doc = run_text("公告\n子公司日月光半導體經由董事會決議，購入宏璟建設所持有中壢第二園區之新建廠房72.15%產權，"
                   "交易金額為新台幣42.31億元。\n")
    assert [e.type for e in doc.events] == ["investment"]
    assert doc.events[0].amount == {"value": pytest.approx(4.231e9), "currency": "TWD"}
    assert "日月光半导体" in {p["name"] for p in doc.events[0].participants}, "a member firm, not the registry's holding"
    doc = run_text("Title\nBOE Technology has committed to investing 2 billion yuan to acquire a 10% share in the "
                   "facility.\n")
    assert [e.type for e in doc.events] == ["investment"]


def test_a_first_round_of_tape_out_is_no_financing() -> None:
    evs = events("在重大项目招引方面，《实施细则》提出，对完成全掩膜首轮工程产品流片的集成电路设计企业给予最高1000万元补助。")
    assert "financing" not in [e.type for e in evs]
    assert [e.type for e in events("星辰微电子完成数亿元B轮融资。")] == ["financing"]


def test_a_round_told_with_its_investors_keeps_them_and_ranges_and_years_are_not_misread() -> None:
    doc = run_text("Title\nAcme Semiconductor raised 10 million dollars in a Series A round led by Bright Capital. In 2025 "
                   "Acme raised 50 million dollars in a Series B from investors including Delta Ventures and Orion Fund.\n",
                   published="2025-06-01")
    rounds = [e for e in doc.events if e.type == "financing"]
    assert len(rounds) == 2, "the second round, told with its investors, is a round of its own"
    b = next(e for e in rounds if e.amount and e.amount["value"] == 5e7)
    assert {"Delta Ventures", "Orion Fund"} <= {p["name"] for p in b.participants}
    assert not [e for e in run_text("Title\nThe two sides held a round of talks on chips.\n").events
                if e.type == "financing"], "a round of talks is no financing"
    assert [q.attrs["value"] for q in find_quantities("预计增长3%-5%", None)] == [0.03, 0.05]
    names = [m.surface for m in run_text("标题\n会议发布了《年度报告(2024)》。\n").mentions]
    assert "年度报告" not in names, "a year in brackets is no stock code"


def test_a_zone_named_after_its_city_keeps_the_city_in_its_name_and_the_projects_sum_reaches_its_start() -> None:
    doc = run_text("标题\n4月21日，星河芯城项目开工仪式在成都市科学城产业功能区举行。该项目投资额约300亿元，计划明年开工建设12个地块。\n",
                   published="2019-04-22")
    start = next(e for e in doc.events if e.type == "production_milestone" and e.status == "done")
    assert start.place == "成都科学城", "the city written before the zone's own word is part of its name"
    assert start.amount == {"value": pytest.approx(3e10), "currency": "CNY"}, "the project's sum, not its plan's"
    doc = run_text("标题\n10月29日，星辰芯片项目在包头钢铁冶金开发区竣工投产。\n", published="2020-10-30")
    assert doc.events[0].place == "包头钢铁冶金开发区"
    doc = run_text("标题\n11月23日，9个项目在南京浦口经济开发区集中签约。\n", published="2018-11-23")
    assert doc.events[0].place == "浦口经济开发区", "a zone named after a district keeps the district's name"


def test_a_signing_ceremony_for_an_agreement_followed_by_the_projects_total_is_the_projects_signing() -> None:
    doc = run_text("标题\n3月30日，南京江北新区管委会、星辰芯片有限公司战略合作协议签约仪式在江北新区举行。市领导出席签约仪式。\n"
                   "项目选址在星海产业园，一期、二期总投资约150亿元，项目建成后可以实现12英寸芯片的量产。\n",
                   published="2018-03-31")
    signing = doc.events[0]
    assert signing.type == "project_signed", "an agreement whose project's total follows is the project's signing"
    assert signing.amount == {"value": pytest.approx(1.5e10), "currency": "CNY"}
    assert {"南京江北新区管委会", "星辰芯片有限公司"} <= {p["name"] for p in signing.participants}
    assert not [e for e in doc.events if e.type == "production_milestone" and e.status == "done"], \
        "what the project can do once built is a projection, not a start"
    doc = run_text("标题\n据介绍，该项目投产后年产值可达20亿元。\n", published="2020-01-01")
    assert not [e for e in doc.events if e.type == "production_milestone"], "投产后: a time clause, no happening"


def test_a_visit_to_several_organisations_is_one_visit_per_organisation() -> None:
    doc = run_text("标题\n8月9日，市委书记张明先后来到星辰科技有限公司、银河半导体有限公司调研。\n", published="2018-08-09")
    visits = [e for e in doc.events if e.type == "official_visit"]
    assert len(visits) == 2
    assert [sorted(p["name"] for p in v.participants) for v in visits] == [["张明", "星辰科技有限公司"],
                                                                           ["张明", "银河半导体有限公司"]]
    assert all(v.date == "2018-08-09" for v in visits)


def test_a_batch_start_told_again_by_its_venue_and_its_total_is_one_event_there() -> None:
    doc = run_text("标题\n5月30日，株洲市委、市政府举行株洲市5月份项目集中开工活动。主会场设在株洲高新区星辰芯片封装基地开工项目现场。"
                   "株洲市委书记张明宣布：株洲市5月份项目集中开工启动！本次集中开工星辰芯片封装基地等60个项目，总投资189亿元。"
                   "其中，株洲高新区共集中开工12个项目，总投资45亿元。\n", published="2024-05-31")
    starts = [e for e in doc.events if e.type == "production_milestone" and e.status == "done"]
    batch = starts[0]
    assert batch.place == "株洲高新区", "the main venue lies in the city: the more precise place"
    assert batch.amount == {"value": pytest.approx(1.89e10), "currency": "CNY"}, "the batch's own total"
    assert {"株洲市委", "市政府"} <= {p["name"] for p in batch.participants}
    assert len(batch.facets) >= 3, "venue, declaration and total are facets of the one batch"
    assert not [e for e in starts[1:] if e.amount and e.amount["value"] == pytest.approx(1.89e10)]


def test_an_event_no_sentence_places_is_where_the_page_is_or_where_its_local_firm_is() -> None:
    doc = run_text("Title\n\nThe second phase of the memory project of Nova Semiconductor Dalian Co., Ltd. was officially "
                   "put into operation yesterday.\n", published="2012-06-01")
    assert doc.events[0].place == "大连市", "the city in the local firm's own name"
    doc = run_text("本报讯\n3月24日，市委书记张明带领相关部门负责人赴星辰电子集团调研。星辰电子集团在天水发展了数十年，"
                   "为天水经济和社会发展做出了贡献。\n", published="2010-03-25")
    visit = next(e for e in doc.events if e.type == "official_visit")
    assert visit.place == "天水市", "the place the page is about"


def test_a_district_named_in_full_and_then_by_its_stem_after_a_locative_is_that_district() -> None:
    doc = run_text("标题\n6月6日，星河集团与大足区政府正式签订协议，星河电子信息产业园项目正式落户大足。\n", published="2020-06-07")
    assert doc.events[0].place == "大足区"
    assert not [m for m in run_text("标题\n他的大足球队赢了。\n").mentions if m.label == "region"], "no district named"


def test_the_whole_projects_phase_total_and_the_agreement_told_again_join_the_signing() -> None:
    doc = run_text("标题\n6月6日，星河集团与大足区政府正式签订协议，星河电子信息产业园项目正式落户大足。此次签订的协议涵盖两个项目。"
                   "整个项目占地1000亩，一期总投资200亿元，将于今年9月正式开工建设。\n", published="2020-06-07")
    signing = doc.events[0]
    assert signing.type == "project_signed"
    assert signing.amount == {"value": pytest.approx(2e10), "currency": "CNY"}
    assert not [e for e in doc.events if e.type == "agreement_signed"], "此次签订的协议 is the signing told again"


def test_a_titled_plan_published_is_a_policy_and_what_it_supports_is_no_happening() -> None:
    doc = run_text("标题\n6月30日公布的《星海省电子信息制造业2020年行动计划》显示，推动重大项目建设。\n", published="2020-07-02")
    assert [e.type for e in doc.events] == ["policy_released"]
    doc = run_text("标题\n特区政府昨公布《创新科技发展蓝图》，支持具实力的企业在港设立先进制造生产线。\n", published="2022-12-26")
    assert [e.type for e in doc.events] == ["policy_released"], "设立 that the policy supports is its aim"


def test_an_act_the_sentence_says_did_not_happen_is_no_event() -> None:
    assert not [e for e in run_text("标题\n该项目目前尚未开工。\n", published="2020-01-01").events
                if e.type == "production_milestone"]
    doc = run_text("Title\n\nA Nova spokesman declined to give his company's investment figure.\n", published="2020-01-01")
    assert not [e for e in doc.events if e.type == "investment"]
    assert [e.type for e in run_text("标题\n3月1日，星辰芯片项目正式开工。\n", published="2020-03-02").events] \
        == ["production_milestone"]


def test_a_project_named_before_a_long_place_takes_the_firm_its_name_opens_with() -> None:
    doc = run_text("标题\n10月29日，首个芯片制造项目——星兰芯智能制造新一代集成电路芯片项目在包头钢铁冶金开发区金属深加工产业园区竣工投产。"
                   "2022年7月，包头市星兰芯电子科技有限公司成立。\n", published="2022-10-30")
    start = next(e for e in doc.events if e.type == "production_milestone")
    assert "包头市星兰芯电子科技有限公司" in {p["name"] for p in start.participants}


def test_review_cases_a_time_clause_an_aim_a_negation_and_a_running_total_keep_what_happened() -> None:
    def types(text: str) -> list[str]:
        return [e.type for e in run_text("标题\n" + text + "\n", published="2024-05-01").events]
    assert "investment" in types("4月1日，星辰公司投资后道封测基地10亿元。"), "后道 is the back end, not 'after'"
    assert "project_signed" in types("4月1日，星辰芯片项目去年签约后迅速开工。")
    doc = run_text("标题\n该项目去年建成投产后，星辰公司又追加投资5亿元。\n", published="2024-05-01")
    assert [e.status for e in doc.events if e.type == "investment"] == ["done"], "a past act after 建成投产后 is done"
    assert "financing" in types("星辰半导体获国家大基金支持完成B轮融资。"), "support received is no aim"
    doc = run_text("Title\n\nNova declined to comment, but said it signed an agreement with Orion Chips.\n",
                   published="2024-05-01")
    assert "agreement_signed" in [e.type for e in doc.events], "a negation stops at the comma"
    doc = run_text("Title\n\nThe project was established in 2018 as a joint venture.\n", published="2024-05-01")
    assert "project_signed" not in [e.type for e in doc.events]
    doc = run_text("Title\n\nConstruction of the logistics base was started. Zhangjiang Science Park unveiled a new "
                   "policy.\n", published="2024-05-01")
    assert "organization_founded" not in [e.type for e in doc.events]
    doc = run_text("标题\n5月30日，株洲市委、市政府举行株洲市5月份项目集中开工活动。今年以来全市累计签约项目56个，总投资300亿元。\n",
                   published="2024-05-31")
    batch = next(e for e in doc.events if e.type == "production_milestone")
    assert batch.amount is None or batch.amount["value"] != pytest.approx(3e10), "a running total is not the batch's"
    assert "株洲市政府" in {e.name for e in doc.entities if e.type == "government"}, "a bare 市政府 of the page's one city"


def test_a_happening_the_sentence_places_abroad_is_placed_there() -> None:
    doc = run_text("标题\n星辰晶圆于12月2日在美国德州谢尔曼市举行开工典礼。\n", published="2022-12-05")
    assert doc.events[0].place == "谢尔曼市"
    doc = run_text("標題\n台積電在日本熊本縣菊陽町的二廠今天動工。\n", published="2025-10-24")
    assert doc.events[0].place == "菊阳町"
    doc = run_text("标题\n3月1日，星辰芯片项目在无锡市正式开工，日本客户出席。\n", published="2020-03-02")
    assert doc.events[0].place == "无锡市", "a country named in passing does not move a happening placed at home"


def test_a_party_named_short_is_named_as_the_page_names_its_firm_in_full() -> None:
    doc = run_text("标题\n5月30日，星微电子封装基地项目开工，吉林星微电子股份有限公司出席。吉林星微电子股份有限公司是本地企业。\n",
                   published="2024-05-31")
    start = next(e for e in doc.events if e.type == "production_milestone")
    assert {p["name"] for p in start.participants} == {"吉林星微电子股份有限公司"}, "the firm in full, not 星微电子"


def test_a_signing_with_a_government_abroad_is_placed_where_it_governs() -> None:
    # the clause names the country only inside a firm's name; the government it signs with names its town
    doc = run_text("標題\n星辰電子公司日本星辰製造（JSM）24日與日本熊本縣菊陽町政府正式簽署建廠協定。\n", published="2025-10-24")
    signing = next(e for e in doc.events if e.type in ("project_signed", "agreement_signed"))
    assert signing.place == "菊阳町" and signing.date == "2025-10-24", (signing.place, signing.date)
    # a signing the clause places in a province-level city stays there when the government lies elsewhere
    doc = run_text("标题\n华虹半导体在上海与无锡市政府签署合作协议。\n", published="2024-05-10")
    assert next(e for e in doc.events if e.type == "agreement_signed").place == "上海市"


def test_a_day_of_the_month_before_whom_it_acts_with_is_a_date() -> None:
    doc = run_text("标题\n星辰科技8日与无锡市政府签署投资协议。\n", published="2024-05-10")
    assert doc.events and doc.events[0].date == "2024-05-08"


def test_a_figure_made_at_a_place_abroad_is_the_firms() -> None:
    doc = run_text("标题\n星辰晶圆于2022年在美国德州谢尔曼市开工，迄今已在德州北部创造1,200个工作机会。\n", published="2024-05-10")
    jobs = next(f for f in doc.figures if f.value == 1200)
    assert jobs.subject == "星辰晶圆", jobs.subject


def test_a_stakes_subject_is_its_holder_not_the_firm_held() -> None:
    doc = run_text("标题\n合营公司将由集团持有约51%，其中21.9%将由华虹半导体直接持有，29.1%将透过华虹宏力间接持有。\n",
                   published="2024-05-10")
    subjects = {round(f.value, 3): f.subject for f in doc.figures if f.unit == "percent"}
    assert subjects.get(0.219) == "华虹半导体" and subjects.get(0.291) == "华虹宏力", subjects
    doc = run_text("标题\n星耘科技今天公告，增资星亿半导体1426万美元，持股比重约50%。\n", published="2024-05-10")
    assert next(f.subject for f in doc.figures if f.unit == "percent") == "星耘科技"
    doc = run_text("标题\n星电目前持有三重星士通半导体有限公司15.9%股权。\n", published="2024-05-10")
    assert next(f.subject for f in doc.figures if f.unit == "percent") == "星电"


def test_the_alliance_a_clause_opens_with_is_the_one_named_before() -> None:
    doc = run_text("标题\n集成电路特色工艺联盟今天在北京成立。该联盟由近40家企业共同发起。\n", published="2024-05-10")
    members = next(f for f in doc.figures if f.value == 40)
    assert members.subject == "集成电路特色工艺联盟", members.subject


def test_a_zone_name_two_cities_share_is_the_one_of_the_city_in_view() -> None:
    from icatlas.extract.places import find_regions
    from icatlas.reference.regions import regions

    text = "Shaoxing is a city in Zhejiang. The city's Binhai New Area is home to 98 chip firms."
    assert "绍兴滨海新区" in {m.attrs["name"] for m in find_regions(text, regions())}
    assert regions().resolve("滨海新区").name == "滨海新区", "alone, the Tianjin district"


def test_a_projects_total_told_on_its_own_is_no_investment() -> None:
    doc = run_text("标题\n星辰项目总投资370亿元，通过引进全球技术，打造内存制造项目。\n", published="2024-05-10")
    assert not any(e.type == "investment" for e in doc.events), [(e.type, e.amount) for e in doc.events]
    assert any(f.value == 3.7e10 for f in doc.figures), "the total stays a figure"
    doc = run_text("Title\nWith a total investment of 40 billion yuan, the plant will make memory chips.\n",
                   published="2024-05-10")
    assert not any(e.type == "investment" for e in doc.events)
    # a firm's own act told after the total is a happening
    doc = run_text("标题\n该项目总投资50亿元，其中长电科技投资30亿元。\n", published="2024-05-10")
    assert any(e.type == "investment" for e in doc.events)
    # a total joined to its project's start stays that start's amount
    doc = run_text("标题\n5月8日，星辰芯片项目在无锡市开工。该项目总投资50亿元。\n", published="2024-05-10")
    start = next(e for e in doc.events if e.type == "production_milestone")
    assert start.amount and start.amount["value"] == 5e9, start.amount


def test_a_production_word_that_names_a_thing_is_no_milestone() -> None:
    doc = run_text("标题\n社长在记者会上表示，正式量产时程将依市场需求审慎评估。越来越多的车企开始加大年量产。\n",
                   published="2025-10-24")
    assert not any(e.type == "production_milestone" for e in doc.events)
    doc = run_text("Title\nThe fab will use UMC's mass production 55nm and 40nm technologies.\n", published="2025-10-24")
    assert not any(e.type == "production_milestone" for e in doc.events)
    doc = run_text("Title\nTSMC began mass production targeting AI customers in May.\n", published="2024-06-10")
    assert any(e.type == "production_milestone" for e in doc.events), "targeting is no target"
    doc = run_text("标题\n该项目计划2019年开工建设28个地块。\n", published="2019-04-21")
    assert any(e.type == "production_milestone" for e in doc.events), "a year before the act is its date"


@pytest.mark.parametrize("sentence", [
    "今年7月，《某市促进集成电路产业发展若干措施》正式印发，提出12条具体措施。",
    "近日，《某市人民政府办公厅关于促进集成电路产业高质量发展的实施意见》（以下简称《实施意见》）正式印发。",
    "市发展改革委出台培育发展半导体与集成电路产业集群三年行动计划。",
    "行政院会通过「芯片驱动产业创新方案」报告案。",
])
def test_a_titled_policy_issued_in_either_order_is_a_policy_release(sentence: str) -> None:
    evs = events(sentence, published="2022-11-25")
    assert "policy_released" in [e.type for e in evs]


def test_an_outline_released_by_a_body_in_english_and_dated_by_this_years_month() -> None:
    from tests.test_extract import run_text

    doc = run_text("Chip news\n\nIn response to an outline on the development of the country's integrated circuit "
                   "industry released by the State Council in June 2014, the city set up a fund.\n",
                   published="2014-09-01")
    assert "policy_released" in [e.type for e in doc.events]
    evs = events("今年7月，《某区促进集成电路产业发展若干措施》正式印发。", published="2022-11-25")
    policy = next(e for e in evs if e.type == "policy_released")
    assert policy.date == "2022-07", "今年7月: the month of the page's year"


def test_a_listing_on_an_exchange_is_a_financing_and_a_listed_company_is_not() -> None:
    evs = events("今日（5月19日），国产半导体检测设备厂商华测精工登陆科创板上市。", published="2023-05-19")
    listing = [e for e in evs if e.type == "financing"]
    assert len(listing) == 1 and listing[0].date == "2023-05-19"
    assert not [e for e in events("华测精工是科创板上市公司，上市前已完成备案。") if e.type == "financing"]


def test_a_batch_item_names_its_firm_as_the_page_writes_it() -> None:
    evs = events("11月23日，共有3个项目现场签约落户浦口经济开发区。它们分别是日月光集团南京测试中心项目、"
                 "乙诺电子材料研发基地项目和丙成半导体装备核心部件制造基地项目。", published="2018-11-23")
    item = next(e for e in evs if e.name and e.name.startswith("日月光"))
    party = item.participants[0]
    assert party["name"] == "日月光集团", "the name as written links the fact to its sentence"
    assert party.get("canonical") == "日月光投资控股股份有限公司", "the registry's full name beside it"


def test_a_place_at_the_head_of_a_committee_post_is_not_where_it_happened() -> None:
    evs = events("长沙经开区党工委书记、长沙县委书记、长沙高铁新城党工委书记王明称，14个项目集中开工。", published="2020-05-12")
    assert [e.place for e in evs if e.type == "production_milestone"] == ["长沙经开区"], \
        "the zone the page speaks for, not the city at the head of another committee's name"


def test_the_pages_stamp_before_a_bar_yields_to_the_acts_date() -> None:
    evs = events("2019/10/29 | 来自:综合办2019年10月17日，市政协主席王德胜带领调研组莅临华微电子调研。", published="2019-10-29")
    visit = next(e for e in evs if e.type == "official_visit")
    assert visit.date == "2019-10-17"
    # a date in words at the head of a line is the act's own
    evs = events("2019年10月29日，华微电子2018年签约的项目正式投产。", published="2019-10-29")
    assert next(e for e in evs if e.type == "production_milestone").date == "2019-10-29"


@pytest.mark.parametrize("sentence", [
    "通过《某市集成电路产业发展规划》的实施，产业快速增长。",  # 通过 as "through"
    "自《某市集成电路行动计划》印发以来，产业快速增长。",  # since it was issued
    "会议审议通过了《公司章程修正方案》。",  # a firm's own articles
])
def test_a_titled_document_that_was_not_released_here(sentence: str) -> None:
    assert "policy_released" not in [e.type for e in events(sentence)]


@pytest.mark.parametrize("sentence", ["华测精工已在科创板上市多年。", "中芯国际在港交所上市股价今日上涨5%。"])
def test_a_firm_long_listed_raises_nothing(sentence: str) -> None:
    assert "financing" not in [e.type for e in events(sentence)]
