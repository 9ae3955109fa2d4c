"""English pages: construction starts and openings in the words the press uses, firms named in apposition or by a
short head word, Taiwanese names written given name first, and zones however their English name is capitalised."""
from __future__ import annotations

import pytest

from tests.test_extract import run_text


def _doc(text: str, published: str = "2017-03-21"):
    return run_text("Chip news\n\n" + text + "\n", published=published)


def test_started_building_a_plant_in_a_zone_is_a_groundbreaking_there() -> None:
    doc = _doc("The US semiconductor manufacturer NovaFoundries started building a new plant in the Chengdu Hi-Tech "
               "Industrial Development Zone on Feb 10.")
    starts = [e for e in doc.events if e.type == "production_milestone"]
    assert len(starts) == 1
    ev = starts[0]
    assert ev.date == "2017-02-10" and ev.place == "成都高新区"
    assert [p["name"] for p in ev.participants] == ["NovaFoundries"], "a firm named in apposition to what it is"


def test_breaking_ground_and_launching_construction() -> None:
    for sentence in ("Acme Semiconductor broke ground on its wafer plant in Wuxi on Monday.",
                     "Acme Semiconductor launched construction of its wafer plant in Wuxi on Monday.",
                     "Acme Semiconductor kicked off construction of its wafer plant in Wuxi on Monday."):
        assert [e.type for e in _doc(sentence).events] == ["production_milestone"], sentence


def test_opening_a_fab_is_a_production_milestone_with_its_operator() -> None:
    doc = _doc("Lumen Microelectronics has opened Lumen Semi, its 12-inch wafer fab in Xiamen.", published="2016-11-17")
    ev = next(e for e in doc.events if e.type == "production_milestone")
    names = {p["name"] for p in ev.participants}
    assert {"Lumen Microelectronics", "Lumen Semi"} <= names and ev.place == "厦门市"


def test_an_ampersand_joins_the_words_of_one_name() -> None:
    doc = _doc("The venture is owned by Fujian Electronics & Information Group and two other partners.")
    names = {m.surface for m in doc.mentions if m.label not in ("region", "person", "date", "money", "count")}
    assert "Fujian Electronics & Information Group" in names
    assert "Information Group" not in names


def test_a_taiwanese_name_written_given_name_first() -> None:
    doc = _doc("Po-Wen Yen, CEO of Lumen Microelectronics, said the fab had reached volume production.")
    people = [m.surface for m in doc.mentions if m.label == "person"]
    assert people == ["Po-Wen Yen"], "the whole name, never its second half"


def test_the_dateline_city_is_the_last_place_an_event_falls_back_to() -> None:
    doc = _doc("CHONGQING, Feb. 14 (Xinhua) -- Acme Group and Beta Capital have signed a strategic agreement to set up "
               "an investment firm.", published="2018-02-14")
    assert {e.place for e in doc.events} == {"重庆市"}
    stated = _doc("CHONGQING, Feb. 14 (Xinhua) -- Acme Group signed an agreement in Chengdu on Tuesday.",
                  published="2018-02-14")
    assert {e.place for e in stated.events} == {"成都市"}, "a place the sentence states outranks the dateline"


def test_press_release_datelines_are_no_party_and_give_the_city() -> None:
    doc = _doc("BEIJING, Nov. 25, 2024 /PRNewswire/ -- Acme Group signed a cooperation agreement with Beta Capital.",
               published="2024-11-25")
    assert {e.place for e in doc.events} == {"北京市"}
    assert all("PRNewswire" not in p["name"] for e in doc.events for p in e.participants)


def test_people_named_after_their_post_or_by_where_they_come_from() -> None:
    doc = _doc("\u201cThe plant will help us,\u201d said the company\u2019s chief executive, Sanjay Jha.\n"
               "Wang Xinsheng, from the Harbin Institute of Technology, shared his views at the meeting.")
    people = {m.surface: m.attrs.get("positions") for m in doc.mentions if m.label == "person"}
    assert people.get("Sanjay Jha") == ["chief executive"]
    assert "Wang Xinsheng" in people


def test_a_transliterated_foreign_name_and_a_name_before_a_written_statement() -> None:
    doc = run_text("标题\n美国高通公司总裁德里克·阿博利参加了动土典礼。联电总经理王石透过书面表示，需求激增。\n")
    people = {m.surface: m.attrs.get("positions") for m in doc.mentions if m.label == "person"}
    assert people.get("德里克·阿博利") == ["美国高通公司总裁"]
    assert "王石" in people


def test_latin_and_japanese_names_after_chinese_posts() -> None:
    from icatlas.extract.people import find_people

    posts = lambda t: {m.surface: m.attrs["positions"] for m in find_people(t) if m.attrs["positions"]}  # noqa: E731
    assert posts("宾客包括投资办公室执行长Michael Grimes、谢尔曼市市长 Shawn Teamann，以及来宾。") == {
        "Michael Grimes": ["投资办公室执行长"], "Shawn Teamann": ["谢尔曼市市长"]}
    assert posts("JASM社长堀田祐一在签约后表示。日本内阁官房长官木原稔24日表示。") == {
        "堀田祐一": ["JASM社长"], "木原稔": ["日本内阁官房长官"]}


def test_a_list_of_officers_and_a_sentence_an_excerpt_cut_off() -> None:
    from icatlas.extract.people_en import find_english_people

    got = find_english_people("Officers include:\n  • President: Ding Wenwu, president of the National IC Fund\n"
                              "  • Deputy president: Zhao Weiguo, Board chairman of Acme Group\n")
    assert [(n, p) for _, _, n, p in got] == [("Ding Wenwu", ["president of the National IC Fund"]),
                                               ("Zhao Weiguo", ["Board chairman of Acme Group"])]
    doc = _doc("Acme raised money in a new round led by three funds, the company said on Monday.\n\n"
               "SEE ALSO: Beta Technology and Gamma Invest in Delta\n\n"
               "Wang Lixin, Chairman of Bohai Industrial Fund Management, said: \u201cChips are the future, and")
    assert "Wang Lixin" in [m.surface for m in doc.mentions if m.label == "person"], \
        "the last line of a stored excerpt, cut mid-sentence, is part of the article"


def test_a_year_on_its_own_after_in_or_end_of_dates_an_english_event() -> None:
    from icatlas.extract.quantities import find_quantities

    years = lambda t: [m.attrs["value"] for m in find_quantities(t, "2024-05-28") if m.label == "date"]  # noqa: E731
    assert years("The first phase, established in 2014, had a scale of RMB 130 billion.") == ["2014"]
    assert years("It broke ground at the end of 2016.") == ["2016"]
    assert years("The 2023 Summit drew 500 firms.") == [] and years("Output rose in 2024 percent terms.") == []
    doc = _doc("Acme Fund's third phase has been established with a registered capital of RMB 344 billion.\n"
               "The first phase of Acme Fund, established in 2014, had a scale of RMB 130 billion.",
               published="2024-05-28")
    founded = [e for e in doc.events if e.type == "organization_founded"]
    assert any(e.amount and e.amount["value"] == 3.44e11 for e in founded), "phase 1's 2014 founding is another event"


def test_a_month_and_day_without_a_year_take_the_publish_dates_year() -> None:
    from icatlas.extract.quantities import find_quantities

    dates = lambda t: [m.attrs["value"] for m in find_quantities(t, "2021-12-22") if m.label == "date"]  # noqa: E731
    assert dates("Plans gained traction Dec 20 with the opening of two funds.") == ["2021-12-20"]
    assert dates("The deal is subject to a meeting on Feb. 23.") == ["2021-02-23"]
    assert dates("Output rose May 5 percent.") == [] and dates("Top 10 firms") == []


def test_a_place_written_after_a_foreign_country_is_abroad() -> None:
    regions = lambda t: [e.name for e in run_text("标题\n" + t + "\n").entities if e.type == "region"]  # noqa: E731
    assert "德州市" not in regions("环球晶圆在美国德州谢尔曼市的新厂开幕。"), "美国德州 is Texas"
    assert regions("德州市举行项目签约。") == ["德州市"]


def test_a_round_of_financing_and_the_investors_of_this_round() -> None:
    doc = _doc("Acme Threads announced on Thursday that it had completed an A round of financing in which it raised "
               "2 billion yuan ($313 million).\n\nThis round of fundraising was jointly led by Beta Group, 5Y Capital "
               "and Gamma Industrial Fund.", published="2021-11-26")
    rounds = [e for e in doc.events if e.type == "financing"]
    assert len(rounds) == 1, [e.participants for e in rounds]
    names = {p["name"] for p in rounds[0].participants}
    assert {"Beta Group", "5Y Capital", "Gamma Industrial Fund"} <= names
    assert rounds[0].amount == {"value": 2e9, "currency": "CNY"}


def test_names_of_any_origin_with_a_post_right_before_or_after() -> None:
    doc = _doc("Acme Foundry chairman Mark Porter said the fab would open in May. Dr. Lena Okafor, chief executive of "
               "Beta Microsystems, visited the site. K.T. Lam, founder of Gamma Semi, spoke at the forum.\n"
               "Gan Lei, Chairman of Jiangxi Delta Power Group and Chairman of Jiangxi Omega Composite Materials "
               "Technology Co., Ltd., attended.")
    people = {m.surface: m.attrs.get("positions") for m in doc.mentions if m.label == "person"}
    assert people.get("Mark Porter") == ["Acme Foundry chairman"]
    assert people.get("Lena Okafor") == ["chief executive of Beta Microsystems"]
    assert people.get("K.T. Lam") == ["founder of Gamma Semi"]
    assert not any("Jiangxi" in p for p in people), "a post that ends in a firm's name names no one"


def test_english_acts_with_decimal_sums_takeovers_and_plans() -> None:
    doc = _doc("Lumen Memory Co raised 12.9 billion yuan in a funding round led by Beta Capital, records show.\n"
               "Nexcore, owned by Wingate Technology, has agreed to buy Newport Wafer Works for 63 million pounds, "
               "a deal that makes Nexcore the owner of Britain's largest fab.\n"
               "They raised prices last year.\n"
               "Shanghai released an action plan on Thursday to support the integrated circuit industry.\n"
               "Chipmaker Silvan Microelectronics broke ground on a 12-inch fab in Xiamen on May 18.",
               published="2023-06-05")
    by_type = {e.type: e for e in doc.events}
    fin = by_type["financing"]
    assert fin.amount == {"value": 12.9e9, "currency": "CNY"}, "a decimal point does not end the sentence"
    acq = by_type["acquisition"]
    roles = {(p["name"], p["role"]) for p in acq.participants}
    assert ("Nexcore", "acquirer") in roles and ("Newport Wafer Works", "target") in roles
    assert acq.amount == {"value": 63e6, "currency": "GBP"}
    assert "policy_released" in by_type
    assert "They" not in {e.name for e in doc.entities}, "a common word opening a sentence names no firm"
    start = by_type["production_milestone"]
    assert [p["name"] for p in start.participants] == ["Silvan Microelectronics"], "no descriptor opens a name"


def test_an_investment_agreement_signed_is_one_signing_in_the_district_written_in_lower_case() -> None:
    doc = _doc("The Nanjing government and Lumen Semiconductor signed an investment agreement in March 2016 to build "
               "a wafer fab in Nanjing's Pukou district.")
    assert [e.type for e in doc.events] == ["project_signed"], "an investment agreement is what is signed"
    ev = doc.events[0]
    assert ev.place == "浦口区" and ev.date == "2016-03"
    assert {p["name"] for p in ev.participants} == {"Nanjing government", "Lumen Semiconductor"}


def test_a_city_with_a_possessive_is_the_place_of_its_governments_founding() -> None:
    doc = _doc("Hefei's municipal government and Acme Devices jointly set up Acme Memory Technologies in 2016.")
    founded = [e for e in doc.events if e.type == "organization_founded"]
    assert len(founded) == 1 and founded[0].place == "合肥市" and founded[0].date == "2016"
    assert "Hefei's municipal government" in {p["name"] for p in founded[0].participants}


def test_the_investors_listed_after_led_by_and_a_place_that_opens_a_firms_name() -> None:
    doc = _doc("Acme Semiconductor completed a 1 billion yuan Series C financing round led by China Mobile and "
               "Legend Capital.")
    (ev,) = [e for e in doc.events if e.type == "financing"]
    assert {(p["name"], p["role"]) for p in ev.participants} == {
        ("Acme Semiconductor", "financed"), ("China Mobile", "investor"), ("Legend Capital", "investor")}
    assert ev.place is None, "China of China Mobile is a firm's name, not where it happened"
    assert ev.amount and ev.amount["value"] == 1e9


def test_a_listing_that_raises_money_is_a_financing() -> None:
    doc = _doc("Acme Semiconductor was listed on the STAR Market of the Shanghai Stock Exchange on July 16, raising "
               "2.5 billion yuan.")
    (ev,) = [e for e in doc.events if e.type == "financing"]
    assert ev.amount and ev.amount["value"] == 2.5e9 and ev.date == "2016-07-16"
    assert [p["name"] for p in ev.participants] == ["Acme Semiconductor"]


def test_a_forum_is_no_firm_and_a_zones_administrative_committee_organises_it() -> None:
    doc = _doc("The 2023 China Semiconductor Forum was held in Chengdu on Oct 12, organized by the Chengdu Hi-tech "
               "Zone administrative committee.", published="2023-10-13")
    (ev,) = [e for e in doc.events if e.type == "meeting"]
    assert [p["name"] for p in ev.participants] == ["Chengdu Hi-tech Zone administrative committee"]
    assert ev.place == "成都市" and ev.date == "2023-10-12"
    assert not [e for e in doc.entities if e.name == "China Semiconductor"]


def test_the_signing_ceremony_of_a_project_and_its_investor_told_next_are_one_signing() -> None:
    doc = _doc("On March 5, the signing ceremony of the Jiayi semiconductor packaging project was held in Chongchuan "
               "District, Nantong. The project, invested by Jiayi Semiconductor Co., Ltd., has a total investment of "
               "5 billion yuan.")
    assert [(e.type, e.place, e.date) for e in doc.events] == [("project_signed", "崇川区", "2017-03-05")]
    ev = doc.events[0]
    assert ev.amount and ev.amount["value"] == 5e9
    assert [p["name"] for p in ev.participants] == ["Jiayi Semiconductor Co., Ltd."]


def test_what_a_figure_measures_starts_at_a_word() -> None:
    doc = _doc("On March 5, a total of 18 projects were signed at the Wuxi investment conference, with a total "
               "investment of 9.5 billion yuan.")
    whats = {f.value: f.what for f in doc.figures}
    assert whats[9.5e9] == "a total investment of"


def test_a_firm_acquired_by_another_is_the_target_in_both_scripts() -> None:
    for text in ("Shanghai Huali Microelectronics was acquired by Hua Hong Semiconductor for 8.3 billion yuan in "
                 "August 2016.", "2016年8月，上海华力微电子被华虹半导体收购。"):
        (ev,) = [e for e in _doc(text).events if e.type == "acquisition"]
        roles = {p["role"]: p["name"] for p in ev.participants}
        assert "Hua" in roles["acquirer"] or "华虹" in roles["acquirer"], (text, roles)
        assert "Huali" in roles["target"] or "华力" in roles["target"], (text, roles)


def test_a_firms_local_arm_named_with_the_country_is_no_place() -> None:
    doc = _doc("Acme raised $20 million in a round led by Sequoia China, with participation from Hillhouse Capital.")
    (ev,) = [e for e in doc.events if e.type == "financing"]
    assert ev.place is None and "Sequoia China" in {p["name"] for p in ev.participants}
    from icatlas.extract.places import find_regions
    from icatlas.reference.regions import regions

    assert [m.surface for m in find_regions("The plant is the largest in China.", regions())] == ["China"]
    assert [m.surface for m in find_regions("Intel China and Sequoia China led it.", regions())] == []


def test_investors_listed_in_their_own_sentences_are_the_rounds() -> None:
    doc = _doc("Acme Semiconductor has raised 2 billion yuan in a new funding round to expand its fab. The chipmaker "
               "secured the capital from investors including Bright Capital, the venture unit of Star Holdings. Other "
               "investors in the deal include Delta Ventures and Orion Fund, a state-guided fund that manages over 30 "
               "billion yuan.")
    assert [e.type for e in doc.events] == ["financing"], "the backers' sentences are no happenings of their own"
    ev = doc.events[0]
    assert ev.amount == {"value": 2e9, "currency": "CNY"}, "a fund's size is not the round's sum"
    investors = {p["name"] for p in ev.participants if p["role"] == "investor"}
    assert investors == {"Bright Capital", "Delta Ventures", "Orion Fund"}, "an owner named with its unit is not one"


def test_one_of_the_backers_and_the_capital_reached() -> None:
    doc = _doc("Three state-backed funds injected 20 billion yuan into Nova Memory Co, doubling its registered capital "
               "to over 45 billion yuan. One of the backers was Hubei Chip Investment Fund. Another new investor of Nova "
               "Memory, Jiangcheng Industry Investment Group, was set up in 2022.")
    ev = next(e for e in doc.events if e.type == "investment")
    assert ev.amount == {"value": 2e10, "currency": "CNY"}
    roles = {p["name"]: p["role"] for p in ev.participants}
    assert roles.get("Hubei Chip Investment Fund") == "investor"
    assert roles.get("Jiangcheng Industry Investment Group") == "investor"
    assert roles.get("Nova Memory Co") == "investee", "the firm that gets the money is no backer"
    assert not [e for e in doc.events if e.amount and e.amount["value"] == 4.5e10], "the capital reached is no sum put in"


def test_a_fund_that_led_a_lettered_round_for_a_firm_and_who_also_took_part() -> None:
    doc = _doc("A guidance fund under the Star Development Corp led the 150 million yuan B round for Lumenchip, according "
               "to Orbit Ventures, a venture capital firm founded by a former search executive. Orbit also participated "
               "in the funding round.")
    assert [e.type for e in doc.events] == ["financing"], "a firm founded by someone, said in passing, is no founding"
    roles = {p["name"]: p["role"] for p in doc.events[0].participants}
    assert roles.get("Star Development Corp") == "investor" and roles.get("Lumenchip") == "financed"
    assert roles.get("Orbit") == "investor", "who also took part in the round, by its name without its head word"
    assert doc.events[0].amount == {"value": 1.5e8, "currency": "CNY"}


def test_a_machine_translated_batch_signing_and_agreements_reached_on_projects() -> None:
    doc = _doc("On July 7, Chengdu held a centralized signing ceremony for major projects. 25 major projects settled in "
               "Chengdu with a total amount of 83.8 billion yuan.", published="2022-07-08")
    assert [e.type for e in doc.events][:1] == ["project_signed"]
    assert doc.events[0].place == "成都市" and doc.events[0].amount == {"value": 8.38e10, "currency": "CNY"}
    doc = _doc("At the inauguration ceremony, enterprises reached agreements with the Lingang Special Area Administrative "
               "Committee on 14 key projects.", published="2020-10-28")
    signing = next(e for e in doc.events if e.type == "project_signed")
    assert "Lingang Special Area Administrative Committee" in {p["name"] for p in signing.participants}


def test_the_firms_and_total_of_the_facility_just_opened() -> None:
    doc = _doc("CHONGQING, Feb. 27 (Xinhua) -- A new 8-inch silicon carbide device manufacturing facility officially "
               "commenced operations on Thursday in Chongqing.\n\nThe project, which was established in 2023 by Sanan "
               "Optoelectronics, is expected to achieve mass production in the fourth quarter of this year.\n\nThe new "
               "facility has a total investment of about 23 billion yuan.", published="2025-02-28")
    opened = next(e for e in doc.events if e.type == "production_milestone" and e.status == "done")
    assert opened.date == "2025-02-27" and opened.place == "重庆市"
    assert opened.amount == {"value": 2.3e10, "currency": "CNY"}, "the facility's total is the opening's, not the plan's"
    assert "Sanan Optoelectronics" in {p["name"] for p in opened.participants}


def test_a_fund_launched_or_started_and_a_plaque_unveiled_for_a_park_are_foundings() -> None:
    doc = _doc("Xinhe Semiconductor Fund was launched with a first-phase scale of 10 billion yuan on Monday. Beside it, "
               "Ruiguang Integrated Circuit Equity Investment Fund also was officially started with initial capital of "
               "5 billion yuan. A plaque was unveiled for Guangdong-Macao IC Design Industrial Park in Hengqin.",
               published="2021-12-22")
    founded = [e for e in doc.events if e.type == "organization_founded"]
    assert len(founded) == 3
    assert founded[0].amount == {"value": pytest.approx(1e10), "currency": "CNY"}
    assert founded[1].amount == {"value": pytest.approx(5e9), "currency": "CNY"}
    assert not [e for e in _doc("The company launched a new chip in Shanghai.", published="2021-12-22").events
                if e.type == "organization_founded"], "a product launched is no founding"


def test_an_english_zone_written_after_its_district_or_city_is_that_zone() -> None:
    doc = _doc("Under the agreement with the Tianjin Xiqing Economic and Technology Development Area Management "
               "Committee, the company will invest 7.5 billion US dollars. A plaque was unveiled for a base in the "
               "Zhuhai National Hi-Tech Industrial Development Zone.", published="2020-08-29")
    regions = {e.name for e in doc.entities if e.type == "region"} | {
        a for e in doc.entities if e.type == "region" for a in e.aliases}
    assert "西青经济技术开发区" in regions and "珠海高新区" in regions
    founded = next(e for e in doc.events if e.type == "organization_founded")
    assert founded.place == "珠海高新区"
    assert not [e for e in _doc("Xiqing is a district of Tianjin.").entities if e.name == "西青区"], \
        "a district's bare English name alone is no place"


def test_a_firms_home_written_before_its_name_is_no_part_of_it_and_places_its_round() -> None:
    doc = _doc("Chip makers in the Yangtze River Delta keep raising money. Zhejiang-based NovaSemi secured financing "
               "in April 2023. China-based Orion Semiconductor raised CNY13.5 billion in financing. In September 2023, "
               "Shanghai-based Orion Semiconductor received strategic investments from state funds.",
               published="2023-10-05")
    names = {p["name"] for e in doc.events for p in e.participants}
    assert "NovaSemi" in names and not [n for n in names if "-based" in n], "the home is not part of the name"
    rounds = {p["name"]: e.place for e in doc.events if e.type == "financing" for p in e.participants
              if p.get("role") == "financed"}
    assert rounds.get("NovaSemi") == "浙江省"
    assert rounds.get("Orion Semiconductor") == "上海市", "the most precise home the page gives, not a region group"


def test_a_country_after_a_place_qualifies_it_and_the_plants_site_places_the_signing() -> None:
    doc = _doc("Nova Semiconductor yesterday said it has signed a US$3 billion investment agreement with the government "
               "of Nanjing city in China to produce 16-nanometer chips. The company's new 12-inch plant, located in "
               "Nanjing's Pukou Economic Development Zone, would have a capacity of 20,000 wafers per month.",
               published="2016-03-29")
    signing = next(e for e in doc.events if e.type in ("project_signed", "agreement_signed"))
    assert signing.place == "浦口经济开发区", "not China: the city it qualifies, then the plant's zone inside it"
    doc = _doc("Taiwan's government approved plans by four chip packaging firms to invest in China, an official said.",
               published="2016-03-29")
    assert next(e for e in doc.events if e.type == "investment").place == "中国", "invest in China: China itself"


def test_english_names_of_registry_firms_without_their_trade_word_and_a_government_of_a_city() -> None:
    doc = _doc("Taiwan's government approved plans by Siliconware Precision to invest in China. Nova Chips signed an "
               "agreement with the government of Hefei city.", published="2016-03-29")
    orgs = {e.name: e.type for e in doc.entities if e.type != "region"}
    assert orgs.get("矽品精密工业股份有限公司") == "company", "Siliconware Precision is SPIL"
    assert orgs.get("government of Hefei city") == "government"
    from icatlas.reference.orgs import org_forms
    assert "Semiconductor Manufacturing" not in org_forms(), "trade words alone name no firm"


def test_a_cloud_signing_ceremony_and_projects_established_in_a_zone_are_one_batch_signing() -> None:
    doc = _doc("A cloud signing ceremony was held in Liangjiang New Area on Aug 18. A total of 25 projects were "
               "established in Liangjiang during the event, involving 46.3 billion yuan in total investment.",
               published="2021-08-19")
    assert [e.type for e in doc.events] == ["project_signed"], "projects established in a zone are signed, not founded"
    assert doc.events[0].amount == {"value": pytest.approx(4.63e10), "currency": "CNY"}
    assert doc.events[0].place == "两江新区"


def test_a_listed_zone_written_in_english_takes_its_chinese_name_of_the_same_kind() -> None:
    doc = _doc("A national memory base is being built. Construction started Monday in the East Lake High-tech Zone.",
               published="2016-03-30")
    assert next(e for e in doc.events if e.type == "production_milestone").place == "东湖高新区"
    doc = _doc("The industrial base was inaugurated on Tuesday in the Lingang Special Area of the China (Shanghai) "
               "Pilot Free Trade Zone.", published="2020-10-28")
    assert doc.events[0].place == "临港新片区"


def test_a_base_whose_construction_started_is_no_founding() -> None:
    doc = _doc("Construction of the memory base started Monday in Wuhan.", published="2016-03-30")
    assert not [e for e in doc.events if e.type == "organization_founded"], "a base started is built, not founded"


def test_a_month_opening_a_sentence_dates_its_event_and_etown_is_the_beijing_zone() -> None:
    doc = _doc("Beijing ETown has started a new chapter. In October, a national integrated circuit industry fund was "
               "set up in ETown.", published="2014-11-10")
    founded = next(e for e in doc.events if e.type == "organization_founded")
    assert founded.date == "2014-10", "In October, capitalised, is this year's October"
    assert founded.place == "北京经济技术开发区"


def test_a_fund_raising_a_sum_is_a_financing_and_its_running_record_of_investments_is_none() -> None:
    doc = _doc("The Xinghe Integrated Circuit Industry Investment Fund has increased its capital, raising 5.5 billion "
               "yuan to a total of 6 billion yuan. New investors include Orion Capital. The fund has invested in over "
               "20 local companies, including SMIC.", published="2026-02-10")
    assert [e.type for e in doc.events] == ["financing"]
    assert doc.events[0].amount == {"value": pytest.approx(5.5e9), "currency": "CNY"}
    assert "Orion Capital" in {p["name"] for p in doc.events[0].participants}


def test_a_taiwan_dollar_sum_written_t_and_a_facility_at_a_park_place_the_start() -> None:
    doc = _doc("Nova Foundry and two other chipmakers began work on Tuesday on new plants for a T$450 billion ($14.7 "
               "billion) complex in Taiwan. The Nova facility at the Hsinchu Science Park will include a 12-inch plant.",
               published="2010-05-05")
    start = next(e for e in doc.events if e.type == "production_milestone")
    assert start.amount == {"value": pytest.approx(4.5e11), "currency": "TWD"}, "the sum as stated, not its conversion"
    assert start.place == "新竹科学园区"


def test_a_committee_inside_an_officials_post_is_no_party() -> None:
    doc = _doc("The second phase of the memory project of Nova Semiconductor Dalian Co., Ltd. was officially put into "
               "operation yesterday. Tang Ming, vice secretary of Provincial Party Committee and Provincial Governor, "
               "and Tan Hua, member of the Standing Committee of the Provincial Party Committee and Secretary of the "
               "Municipal Party Committee, attended the opening ceremony.", published="2018-09-21")
    names = {e.name for e in doc.entities if e.type != "region" and e.type != "person"}
    assert not [n for n in names if "Committee" in n], names


def test_the_items_of_an_english_list_going_on_from_a_firm_are_firms() -> None:
    doc = _doc("The park said that TSMC, Powerchip Semiconductor and NovaSemi were investing a total T$450 billion. "
               "Investors include China Development Bank Capital, Industrial and Commercial Bank of China. Members "
               "are Geely Holding Group, and Science, Metropolitan Division. TSMC and Chairman Mark Liu attended on "
               "Tuesday.", published="2010-05-05")
    firms = {e.name for e in doc.entities if e.type == "company"} | {
        a for e in doc.entities if e.type == "company" for a in e.aliases}
    assert {"Powerchip Semiconductor", "NovaSemi"} <= firms
    assert not firms & {"Industrial", "Science", "Chairman Mark Liu", "Tuesday"}


def test_people_named_with_a_member_post_a_lower_case_title_or_their_characters() -> None:
    doc = run_text("Title\nThe meeting was attended by Tan Zhiyuan, member of the Standing Committee of the Provincial "
                   "Party Committee, and by vice mayor Jin Haoran. Acme Group (星力集團) chairman Frank Hwang (黃星仁) "
                   "told reporters the plant would open.\n", published="2024-05-10")
    people = {e.name: e.positions for e in doc.entities if e.type == "person"}
    assert {"Tan Zhiyuan", "Jin Haoran", "Frank Hwang"} <= set(people), people
    assert any("member" in p for p in people["Tan Zhiyuan"]) and any("mayor" in p for p in people["Jin Haoran"])


@pytest.mark.parametrize("zone", ["Xi'an Hi-tech Industry Development Zone", "Xi'an hi-tech development zone",
                                  "Xi'an High and New Technology Industrial Development Zone"])
def test_a_high_tech_zone_however_its_english_name_is_written(zone: str) -> None:
    doc = _doc(f"Lumen Devices opened a packaging plant in the {zone} on Monday.")
    assert "西安高新区" in [e.name for e in doc.entities if e.type == "region"]


def test_the_company_signing_with_a_zone_signs_with_it_there() -> None:
    doc = _doc("Lumen Devices Co Ltd will invest $300 million in Xi'an to set up a test plant.\n"
               "On Thursday, the company signed an agreement with the Xi'an hi-tech development zone for the "
               "$300 million project.", published="2017-03-18")
    signed = [e for e in doc.events if e.type == "project_signed"]
    assert len(signed) == 1
    ev = signed[0]
    names = [p["name"] for p in ev.participants]
    assert "Lumen Devices Co Ltd" in names, "the company: the firm the page spoke of"
    assert "Xi'an hi-tech development zone" in names, "the zone the sentence says it signed with"
    assert ev.place == "西安高新区" and ev.date == "2017-03-16"


def test_acts_of_one_sentence_each_take_their_own_date_and_follow_the_project_told_before() -> None:
    doc = _doc("Lumen Devices will invest USD 2 billion in Nanjing Jiangbei New Area to build a 12-inch wafer fab. "
               "The project contract was signed in March 2016, the company was registered in May 2016, and "
               "construction began in July 2016.", published="2017-06-29")
    signed = next(e for e in doc.events if e.type == "project_signed")
    started = next(e for e in doc.events if e.type == "production_milestone")
    assert signed.date == "2016-03" and started.date == "2016-07", "each act its own part's date"
    for ev in (signed, started):
        assert ev.place == "南京江北新区" and ev.place_stated, "the project told in the sentence before"
        assert ev.amount == {"value": 2e9, "currency": "USD"}, "the project's sum"


def test_an_english_sentence_starts_after_the_full_stop_before_it() -> None:
    from icatlas.extract.events import sentence_start_at

    text = "Lumen Co. opened a plant in the U.S. last year. The project cost $2 billion."
    assert text[sentence_start_at(text, text.index("cost")):].startswith("The project")
    assert sentence_start_at(text, text.index("last")) == 0, "Co. and U.S. close no sentence"


def test_a_firms_figure_is_named_as_the_page_names_the_firm_in_full() -> None:
    doc = _doc("Lumen Devices Corp. opened its wafer plant in Dalian in 2010. The plant, which Lumen Devices runs, "
               "employs more than 1,100 people.", published="2016-07-27")
    staff = [f for f in doc.figures if f.value == 1100]
    assert staff and staff[0].subject == "Lumen Devices Corp", "the firm's full name on the page, not a short form"


def test_opinions_delivered_and_an_establishment_announced() -> None:
    doc = _doc("Chip design firms get subsidies, as noted in the Opinions on Promoting the Development of the "
               "Semiconductor Industry lately delivered by the General Office of the Lumen Municipal Government.")
    assert "policy_released" in [e.type for e in doc.events]
    doc = _doc("Member units gathered to announce the official establishment of the Lumen Integrated Circuit "
               "Industry Alliance on September 26.")
    assert "organization_founded" in [e.type for e in doc.events]
    doc = _doc("Other provinces have also announced the establishment of industrial funds.")
    assert "organization_founded" not in [e.type for e in doc.events], "funds in general: no body founded"


def test_completing_a_sum_written_as_an_adjective_project_is_its_milestone() -> None:
    doc = _doc("Lumen Corp. announced Tuesday that it had completed a 5.5-billion-U.S. dollar project to upgrade its "
               "chip plant in Dalian.", published="2016-07-27")
    done = [e for e in doc.events if e.type == "production_milestone"]
    assert done and done[0].amount == {"value": 5.5e9, "currency": "USD"} and str(done[0].date).startswith("2016-07")
    assert done[0].place == "大连市"


def test_an_attempt_to_buy_is_no_acquisition() -> None:
    doc = _doc("The group has tried to make global acquisitions, including attempts to buy some or all of U.S. memory "
               "makers Lumen Technology Inc. and Orbit Digital Corp.")
    assert "acquisition" not in [e.type for e in doc.events if e.status == "done"]


def test_what_the_new_english_triggers_leave_alone() -> None:
    def types(text: str) -> list[str]:
        return [e.type for e in _doc(text).events]

    said = _doc('Lumen said its new line "will be ready next year." The company signed an agreement with Orbit Corp '
                'on March 3.', published="2017-03-21")
    assert [(e.type, e.status) for e in said.events] == [("agreement_signed", "done")], \
        "a full stop before a closing quote ends the sentence"
    assert "organization_founded" not in types("Lumen announced the launch of the Nova 5 processor.")
    assert "production_milestone" not in types("Lumen completed a feasibility study for the project.")
    assert "policy_released" not in types("Lumen took measures for cost control after it released weak earnings.")
    assert "financing" not in types("Lumen is a listed company that debuted on the STAR Market in 2019.")


def test_each_part_of_a_sentence_with_us_style_dates_keeps_its_date() -> None:
    doc = _doc("Lumen signed the contract for the fab on March 3, 2016, and construction began on July 5, 2016.",
               published="2017-01-01")
    assert {(e.type, e.date) for e in doc.events} == {("agreement_signed", "2016-03-03"),
                                                      ("production_milestone", "2016-07-05")}
