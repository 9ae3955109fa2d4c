"""Projects on events: their names, the firm they are named after, their sums; running totals are not happenings."""
from __future__ import annotations

from tests.test_extract import run_text
from tests.test_occurrences import events


def test_a_project_named_before_where_it_starts_takes_its_firm() -> None:
    evs = events("9月3日，江苏恒芯精密制造年产2.5亿件半导体零部件项目在淮阴区开工。区长李明宣布项目开工。"
                 "江苏恒芯精密制造有限公司总经理王强致辞。", published="2024-09-05")
    start = [e for e in evs if e.type == "production_milestone"]
    assert len(start) == 1
    ev = start[0]
    assert ev.name == "江苏恒芯精密制造年产2.5亿件半导体零部件项目", "a place after 在 stands between the name and its act"
    assert ev.place == "淮阴区" and ev.date == "2024-09-03"
    assert "江苏恒芯精密制造有限公司" in [p.get("canonical", p["name"]) for p in ev.participants], \
        "the firm is matched without the province both names open with"


def test_who_announces_a_start_is_not_part_of_the_projects_name() -> None:
    evs = events("市长张华宣布项目开工。")
    assert all(not e.name or "张华" not in e.name for e in evs)


def test_the_bar_of_a_class_of_projects_is_not_an_amount() -> None:
    evs = events("6月2日，华芯科技12英寸晶圆项目在合肥高新区开工，其中5亿元以上项目3个。")
    ev = next(e for e in evs if e.type == "production_milestone")
    assert ev.amount is None


def test_a_running_total_of_projects_is_not_a_happening() -> None:
    assert events("自专项行动开展以来，共开工项目18个，协议总投资超60亿元。") == []
    assert events("今年以来，全区累计签约项目32个，总投资120亿元。") == []
    one = events("4月9日，全区集中签约项目12个，总投资80亿元。")
    assert [e.type for e in one] == ["project_signed"], "a batch signed on one day is still one happening"


def test_a_verb_after_a_place_does_not_open_a_body_name() -> None:
    doc = events("项目开工是淮阴区落实市委全会精神的实际行动。")
    assert all("落实" not in p["name"] for e in doc for p in e.participants)


def test_a_groundbreaking_takes_the_total_a_later_paragraph_gives_its_project_by_name() -> None:
    evs = events("3月26日，由华光电子投资建设的12英寸晶圆项目——华光集成电路制造项目，在厦门火炬高新区举行动土典礼。\n"
                 "华光集成电路制造项目总投资50亿美元，项目计划2026年试生产。", published="2024-03-27")
    start = next(e for e in evs if e.type == "production_milestone" and e.status == "done")
    assert start.name == "华光集成电路制造项目"
    assert start.amount == {"value": 5e9, "currency": "USD"}
    assert start.date == "2024-03-26" and start.place == "厦门火炬高新区"


def test_the_firm_of_someone_who_attends_is_an_attendee() -> None:
    evs = events("3月26日，华光电子12英寸晶圆项目在厦门火炬高新区举行动土典礼。华光电子董事长王明、北辰科技公司总裁李强参加了动土典礼。",
                 published="2024-03-27")
    roles = {p["name"]: p["role"] for e in evs if e.type == "production_milestone" for p in e.participants}
    assert roles.get("北辰科技公司") == "attendee"


def test_what_already_happened_is_done_whatever_plan_came_before() -> None:
    evs = events("园区推动扩建二期计划，公共工程已于2023年6月动工。")
    assert [(e.type, e.status, e.date) for e in evs] == [("production_milestone", "done", "2023-06")]
    assert events("该项目计划于2025年6月动工。")[0].status == "planned"


def test_a_start_of_fab_building_and_its_output_value() -> None:
    evs = events("台光电子新厂于10月启动建厂，完工后初期可创造逾500亿元年产值。", published="2024-12-01")
    ev = next(e for e in evs if e.type == "production_milestone")
    assert ev.amount is None, "output value is a figure, never the event's amount"


def test_a_zone_keeps_the_short_standard_name_the_page_uses() -> None:
    doc = run_text("标题\n10月26日，东湖高新区集中开工31个重大项目，总投资278.7亿元。\n", published="2023-10-27")
    assert {f.subject for f in doc.figures if f.value in (31, 2.787e10)} == {"东湖高新区"}
    assert {e.place for e in doc.events} == {"东湖高新区"}


def test_figures_said_respectively_go_to_the_parties_named_before() -> None:
    doc = run_text("标题\n星河半导体股份有限公司公布，与全资子公司星河微电子有限公司、国家集成电路产业投资基金及无锡锡创投资有限公司订立合营协议，"
                   "以现金方式分别向合营公司投资8.8亿美元、11.7亿美元、11.66亿美元及8.04亿美元。\n", published="2023-01-18")
    got = {round(f.value / 1e6): f.subject for f in doc.figures if f.unit == "USD"}
    assert got == {880: "星河半导体股份有限公司", 1170: "星河微电子有限公司", 1166: "国家集成电路产业投资基金",
                   804: "无锡锡创投资有限公司"}
    assert "合营公司" not in {e.name for e in doc.entities}, "a firm named by its relation to another is no name"


def test_relation_names_are_not_organisations_but_electronics_firms_are() -> None:
    from icatlas.extract.org_names import is_name

    for bad in ("合营公司", "星河半导体非全资子公司", "母公司", "合资公司"):
        assert not is_name(bad), bad
    for good in ("聚芯微电子", "台湾联华电子股份有限公司", "西安电子科技大学微电子学院"):
        assert is_name(good), good


def test_names_opened_by_a_joiner_and_lines_of_business_that_name_no_firm() -> None:
    ents = lambda t: {e.name for e in run_text("标题\n" + t + "\n").entities if e.type != "person"}  # noqa: E731
    assert "和大集团" in ents("去年引进的厂商包括：和大集团转投资的和大芯科技。"), "a joiner after a colon opens the name"
    assert "和舰芯片制造(苏州)股份有限公司" in ents("和舰公司成立于2001年。"), "whole, and the registry's firm"
    found = ents("终端应用企业与IC制造厂商共同参与项目投资，使IC设计公司拥有专属产能，同时IC制造厂得到市场保障。")
    assert not found & {"共同参", "使IC设计公司", "IC制造厂"}, found
    assert "晶圆专工及IC" not in ents("晶圆代工大厂联电今日宣布，将整合晶圆专工及IC设计服务。")
    assert {"中华人民共和国工业和信息化部", "江苏省人民政府"} <= ents("工业和信息化部与江苏省人民政府签署协议。")


def test_a_visit_is_where_the_organisation_visited_is_and_today_is_the_datelines_day() -> None:
    doc = run_text("标题\n本报9月14日讯 今天上午，市长于海田到山东大学调研半导体产业。\n", published="2022-09-15")
    visit = next(e for e in doc.events if e.type == "official_visit")
    assert visit.place == "济南市", "the registry's city of the university, inside the province its name gives"
    assert visit.date == "2022-09-14", "today in a report filed on the 14th"


def test_a_citys_short_name_that_is_an_everyday_word_needs_its_province_in_view() -> None:
    regions = lambda t: [e.name for e in run_text("标题\n" + t + "\n").entities if e.type == "region"]  # noqa: E731
    assert regions("向出席活动的各位来宾表示诚挚欢迎。") == []
    assert regions("游客登上黄山。") == []
    assert "来宾市" in regions("广西来宾新项目开工。") and "黄山市" in regions("安徽黄山的半导体项目开工。")
    assert "来宾市" in regions("来宾市举行项目签约。"), "the full name always names the city"


def test_people_elected_to_posts_assistants_and_names_that_run_into_a_word() -> None:
    from icatlas.extract.people import find_people

    posts = lambda t: {m.surface: m.attrs["positions"] for m in find_people(t) if m.attrs["positions"]}  # noqa: E731
    assert posts("会议选举叶春生为首届理事会理事长，雷明、夏红为副理事长，王文为秘书长。") == {
        "叶春生": ["理事长"], "雷明": ["副理事长"], "夏红": ["副理事长"], "王文": ["秘书长"]}
    assert posts("研究院院长助理、星河半导体董事长助理林华英参与洽谈。") == {
        "林华英": ["研究院院长助理", "星河半导体董事长助理"]}
    assert posts("高新区党工委书记、管委会主任耿云山首先进行汇报。") == {"耿云山": ["高新区党工委书记", "管委会主任"]}
    assert posts("星河半导体有限公司总经理周华闻讯赶来。") == {"周华": ["星河半导体有限公司总经理"]}
    assert posts("财政司司长陈明波今日表示。") == {"陈明波": ["财政司司长"]}


def test_a_datelines_city_and_domestic_are_never_what_a_figure_is_about() -> None:
    doc = run_text("标题\n（中央社记者张三台北25日电）朋程科技股份有限公司今天宣布，持股比重达17.88%。\n", published="2022-11-25")
    assert {f.subject for f in doc.figures if f.value == 0.1788} == {"朋程科技股份有限公司"}
    doc = run_text("标题\n联盟由国内从事集成电路测试的20家单位发起成立。\n")
    assert "中国" not in {f.subject for f in doc.figures if f.value == 20}


def test_names_glossed_in_brackets_and_generic_listed_firms() -> None:
    ents = lambda t: {e.name for e in run_text("标题\n" + t + "\n").entities if e.type != "person"}  # noqa: E731
    assert ents("星光龙珠(星光产业基金)及关联公司双双入股半导体公司。") == {"星光龙珠"}
    assert "星河半导体(无锡)有限公司" in ents("星河半导体(无锡)有限公司投产。"), "a city in brackets is part of the name"
    assert not ents("开盘时公司股价上涨。国家政策鼓励上市公司并购，预计公司利润增长。")


def test_a_parks_nickname_that_opens_other_names_needs_its_province() -> None:
    regions = lambda t: [e.name for e in run_text("标题\n" + t + "\n").entities if e.type == "region"]  # noqa: E731
    assert "中部科学园区" not in regions("中科飞测与中科院合作研发检测设备。")
    assert "中部科学园区" in regions("台中市的中科园区营业额创新高。")


def test_the_place_of_a_byline_is_not_where_things_happened() -> None:
    doc = run_text("标题\n中国江苏网讯(记者李明)6日，市科技局公布了2015年度南通市科技进步奖获奖名单。"
                   "星河微电子股份有限公司的生产线已于去年4月实现量产。\n", published="2016-01-07")
    assert {e.place for e in doc.events} == {"南通市"}
    assert "于小米公司" not in {e.name for e in run_text("标题\n原因在于小米公司采用了国产芯片。\n").entities}


def test_a_place_abroad_stays_abroad_and_a_firms_home_is_not_the_pages_place() -> None:
    doc = run_text("标题\n环球晶圆在美国德州谢尔曼市的新厂开幕。该厂在德州北部创造了1200个工作机会。\n")
    assert "德州市" not in [e.name for e in doc.entities if e.type == "region"]
    doc = run_text("标题\n星光科技股份有限公司董事会今日通过决议，公开收购台湾茂源电子股份有限公司股份。\n",
                   published="2022-11-25")
    assert all(e.place != "台湾省" for e in doc.events), [(e.type, e.place) for e in doc.events]


def test_a_party_named_by_a_short_form_takes_the_firms_name_on_the_page() -> None:
    from icatlas.extract.projects import fuller_names
    from icatlas.model import Event, Mention

    ev = Event(type="production_milestone", trigger=(30, 32), evidence=(20, 40),
               participants=[{"name": "星电", "role": "producer"}, {"name": "王明", "role": "attendee"}])
    page = [Mention(0, 4, "company", "星电科技", 0.7, "t"), Mention(50, 54, "company", "星电科技", 0.7, "t"),
            Mention(60, 66, "company", "星电科技集团", 0.7, "t")]
    fuller_names([ev], page)
    assert [p["name"] for p in ev.participants] == ["星电科技", "王明"], "the form the page writes most"


def test_the_project_and_a_part_of_it_take_the_firm_just_told() -> None:
    evs = run_text("Chip news\n\nAcme Semiconductor, the country's biggest chip maker, is building a new plant in Tianjin. "
                   "The project, with a total investment of US$7.5 billion, began construction last Saturday.\n",
                   published="2022-09-28").events
    start = next(e for e in evs if e.type == "production_milestone")
    assert "Acme Semiconductor" in [p["name"] for p in start.participants]
    evs = events("2016年12月12日，成都市政府与恒光集团签订《恒光芯城项目合作框架协议》，规划总投资约200亿元。"
                 "其中，存储器制造基地已于2018年10月在成都市双流区开工建设。")
    part = next(e for e in evs if e.type == "production_milestone")
    names = [p["name"] for p in part.participants]
    assert "恒光集团" in names and "成都市政府" not in names, "the firm of the project builds, not the city"
    assert part.place == "双流区"


def test_a_figure_nobody_is_named_for_is_the_place_the_page_names_most() -> None:
    opening = "发展改革委副主任朱云介绍，半导体与集成电路是支撑经济社会发展的基础性、先导性产业。" * 9
    doc = run_text("标题\n" + opening + "\n"
                   "近年来，深圳市加大对产业的支持，深圳市已设立集成电路相关基金38只、总规模超过1000亿元。\n"
                   "这几年，产业产值年均增速保持在20%以上。\n", published="2024-10-15")
    growth = next(f for f in doc.figures if abs(f.value - 0.2) < 1e-9)
    assert growth.subject == "深圳市", "the lede names no place: the page's most named place is the figure's"


def test_an_event_at_a_province_is_at_the_one_city_of_it_the_page_names() -> None:
    from icatlas.extract.projects import city_of_province
    from icatlas.model import Event, Mention
    from icatlas.reference.regions import regions

    index = regions()
    jinan, qingdao = index.lookup("济南市")[0], index.lookup("青岛市")[0]
    lixia = next(r for r in index.lookup("历下区") if index.city_level(r).code == jinan.code)

    def placed(etype: str, *named: tuple[object, int, str]) -> str | None:
        ev = Event(type=etype, trigger=(0, 2), evidence=(0, 10), place="山东省")
        ms = [Mention(at, at + 2, "region", r.name, attrs={"code": r.code}) for r, at, _ in named]  # type: ignore
        ms += [Mention(at - 1, at + 6, label, "x") for _, at, label in named if label != "region"]
        city_of_province([ev], ms, index)
        return ev.place

    assert placed("meeting", (lixia, 20, "region")) == "济南市"  # a district names its city
    assert placed("project_signed", (jinan, 20, "region"), (lixia, 40, "region")) == "济南市"
    assert placed("meeting", (jinan, 20, "region"), (qingdao, 40, "region")) == "山东省"  # two cities: not said
    assert placed("meeting", (qingdao, 20, "company")) == "山东省"  # a firm's name is not a site
    assert placed("policy_released", (jinan, 20, "region")) == "山东省"  # the province's own policy


def test_a_site_and_an_exchange_are_where_it_happens_not_parties() -> None:
    doc = run_text("签约\n\n11月3日，无锡市政府与甲乙集团签署战略合作协议，双方将在无锡高新区共建12英寸特色工艺生产线，"
                   "项目总投资100亿美元。\n2023年7月16日，丙丁半导体股份有限公司在上海证券交易所科创板上市，募集资金25亿元。\n",
                   published="2023-11-04")
    signed = next(e for e in doc.events if e.type == "project_signed")
    assert {p["name"] for p in signed.participants} == {"无锡市政府", "甲乙集团"} and signed.place == "无锡高新区"
    listed = next(e for e in doc.events if e.type == "financing")
    assert [p["name"] for p in listed.participants] == ["丙丁半导体股份有限公司"]


def test_a_price_per_share_is_not_the_deal_and_a_bare_yuan_after_new_taiwan_dollars_is_one() -> None:
    doc = run_text("收購\n\n聯發科技昨（27）日公告，以每股新台幣22元收購九暘電子全部股權，交易總金額約15.1億元。\n",
                   published="2020-12-28")
    deal = next(e for e in doc.events if e.type == "acquisition")
    assert deal.amount and deal.amount["value"] == 1.51e9 and deal.amount["currency"] == "TWD"


def test_the_head_of_a_body_attends_and_spending_on_a_plant_is_an_investment() -> None:
    doc = run_text("落成\n\n力積電銅鑼新廠今（19）日舉行落成典禮，總投資金額達2780億元，行政院長出席致詞。\n"
                   "2023年，甲乙公司斥资20亿元在合肥建设封装测试基地。\n", published="2024-03-19")
    opened = next(e for e in doc.events if e.type == "production_milestone")
    assert ("行政院", "attendee") in {(p["name"], p["role"]) for p in opened.participants}
    spent = next(e for e in doc.events if e.type == "investment")
    assert spent.place == "合肥市" and spent.amount and spent.amount["value"] == 2e9
    assert [p["name"] for p in spent.participants] == ["甲乙公司"]


def test_who_told_the_reporter_who_leads_a_round_and_who_publishes_a_list() -> None:
    doc = run_text("动态\n\n记者从市发改委获悉，总投资30亿元的戊己功率半导体项目日前在常州开工建设。\n"
                   "近日，丙丁半导体股份有限公司宣布完成数亿元B轮融资，本轮融资由深创投领投，元禾璞华跟投。\n"
                   "日前，工业和信息化部公布第五批国家级专精特新“小巨人”企业名单，甲乙微电子股份有限公司入选。\n",
                   published="2024-03-01")
    started = next(e for e in doc.events if e.type == "production_milestone")
    assert "市发改委" not in {p["name"] for p in started.participants}
    round_ = next(e for e in doc.events if e.type == "financing")
    assert round_.amount is None, "数亿元 says no sum"
    assert {p["name"] for p in round_.participants if p["role"] == "investor"} == {"深创投", "元禾璞华"}
    award = next(e for e in doc.events if e.type == "award")
    assert {(p["name"], p["role"]) for p in award.participants} == {
        ("工业和信息化部", "awarder"), ("甲乙微电子股份有限公司", "awardee")}


def test_a_zone_named_with_its_grade_is_named_by_its_place() -> None:
    doc = run_text("开工\n\n3月1日，戊己半导体项目在常州武进国家高新区开工建设。\n", published="2024-03-02")
    assert [(e.type, e.place) for e in doc.events] == [("production_milestone", "武进高新区")]


def test_a_centre_that_opens_a_visit_by_touring_and_a_groups_member_named_after_it() -> None:
    doc = run_text("動態\n\n香港科技園公司今日宣布，位於元朗創新園的微電子中心正式開幕。\n"
                   "國科會主委吳政忠昨（3）日率團訪問台南科學園區，參觀台積電18廠。\n"
                   "鴻海集團旗下的鴻揚半導體與新加坡商簽訂合資協議。\n第十屆半導體大會今日在南京開幕。\n",
                   published="2024-03-04")
    kinds = [e.type for e in doc.events]
    assert kinds.count("organization_founded") == 1 and kinds.count("meeting") == 1, kinds
    visit = next(e for e in doc.events if e.type == "official_visit")
    assert ("台积电", "visited") in {(p["name"], p["role"]) for p in visit.participants}
    signed = next(e for e in doc.events if e.type == "agreement_signed")
    assert "鸿扬半导体" in {p["name"] for p in signed.participants}


def test_a_sentence_that_says_where_the_plant_is_places_its_events() -> None:
    doc = run_text("标题\n星辰半导体7日宣布南京12吋晶圆厂今天动土。星辰南京12吋晶圆厂位于南京浦口经济开发区，采独资方式。\n",
                   published="2016-07-07")
    start = next(e for e in doc.events if e.type == "production_milestone")
    assert start.place == "浦口经济开发区", start.place
    # two plants in two cities: each event keeps the site inside its own place
    doc = run_text("标题\n星月光投控24日宣布购入桃园市的新建厂房。该厂房坐落于桃园市中坜区自强四路26号。"
                   "另一基地座落于高雄市楠梓区楠都段。\n", published="2025-10-24")
    buy = next(e for e in doc.events if e.type in ("investment", "acquisition"))
    assert buy.place == "中坜区", buy.place


def test_the_project_a_clause_speaks_of_without_naming_it_is_the_last_named_one() -> None:
    doc = run_text("标题\n10月8日，星辰精密制造年产1.8亿件半导体元器件项目在淮阴区开工。\n"
                   "区长表示，项目从8月26日签约到正式开工建设，仅用时42天，体现了淮安高效的政务服务。\n", published="2024-10-10")
    signing = next(e for e in doc.events if e.type == "project_signed")
    assert signing.date == "2024-08-26" and signing.place == "淮阴区", (signing.date, signing.place)
    assert any(p["name"].startswith("星辰精密") for p in signing.participants), signing.participants
    # a clause about a batch of projects is no one project's
    doc2 = run_text("标题\n5月8日，星电科技先进封装项目在江阴开工。5月9日，项目集中签约仪式在南京举行，共签约项目20个，总投资300亿元。\n",
                    published="2024-05-10")
    batch = next(e for e in doc2.events if e.type == "project_signed")
    assert not batch.participants, batch.participants
    # the start the span closes is not dated by the span's start
    assert not any(e.type == "production_milestone" and e.date == "2024-08-26" for e in doc.events)


def test_a_party_named_by_a_character_of_each_word_is_named_as_its_firm() -> None:
    doc = run_text("標題\n力晶積成電子製造股份有限公司銅鑼新廠今天落成，力積電投資2780億元。\n", published="2021-03-25")
    ev = next(e for e in doc.events if e.type in ("production_milestone", "investment"))
    assert any(p["name"] == "力晶积成电子制造股份有限公司" for p in ev.participants), ev.participants


def test_a_project_takes_the_firm_a_later_sentence_says_it_is_by() -> None:
    evs = events("近日，华芯精密零部件产业园项目在合肥高新区正式开工。该项目总投资12亿元。园区占地80亩。"
                 "该项目由合肥城投集团下属合肥华芯精密科技有限公司策划打造，主要生产刻蚀设备零部件。",
                 published="2025-10-21")
    ev = next(e for e in evs if e.type == "production_milestone")
    names = [p["name"] for p in ev.participants]
    assert "合肥华芯精密科技有限公司" in names, "the firm nearest the verb: the subsidiary, not its parent"
    assert "合肥城投集团" not in names and not any(n.startswith("下属") for n in names)


def test_the_owner_of_the_next_project_is_not_the_owner_of_the_one_before() -> None:
    evs = events("5月8日，甲项目在锡北镇开工。6月1日，乙芯片封装项目在新吴区开工。"
                 "该项目由无锡乙芯封装科技有限公司投资建设。", published="2024-07-01")
    first = next(e for e in evs if e.type == "production_milestone" and e.place == "锡北镇")
    second = next(e for e in evs if e.type == "production_milestone" and e.place == "新吴区")
    assert "无锡乙芯封装科技有限公司" not in [p["name"] for p in first.participants]
    assert "无锡乙芯封装科技有限公司" in [p.get("canonical", p["name"]) for p in second.participants]


def test_who_builds_a_project_for_its_owner_is_not_its_firm() -> None:
    evs = events("5月8日，甲芯封装项目在新吴区开工。该项目由中建三局集团有限公司承建。", published="2024-07-01")
    start = next(e for e in evs if e.type == "production_milestone")
    assert not any("中建三局" in p["name"] for p in start.participants)
