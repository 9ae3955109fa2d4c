"""The collaboration layer: alliances and their director units, shared resources, talent, policies and targets, found
on the seeds (the issue's done-when) and on pages written in other words."""
from __future__ import annotations

from typing import Any

import pytest

from icatlas.extract import extract
from icatlas.extract.collab import visible
from icatlas.model import CollabRecord, Document
from icatlas.normalise import normalise


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
