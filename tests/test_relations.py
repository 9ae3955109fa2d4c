"""Relations with evidence: member_of, signed_with, invests_in, partner_of, subsidiary_of (and located_in in the
store)."""
from __future__ import annotations

from icatlas.model import Document
from icatlas.normalise import normalise
from icatlas.pipeline import extract


def rels(text: str) -> set[tuple[str, str, str]]:
    doc = extract(normalise(Document(source="t.txt", raw="标题\n" + text, original="标题\n" + text)))
    for r in doc.relations:
        assert doc.text[r.evidence[0]:r.evidence[1]]  # every relation points at its sentence
    return {(r.type, r.source, r.target) for r in doc.relations}


def test_members_of_an_alliance() -> None:
    got = rels("成渝地区集成电路产业联盟在成都成立，电子科技大学、重庆大学等单位为首批理事长单位。")
    assert ("member_of", "电子科技大学", "成渝地区集成电路产业联盟") in got
    assert ("member_of", "重庆大学", "成渝地区集成电路产业联盟") in got


def test_signers_and_investors() -> None:
    got = rels("3月15日，合肥市人民政府与长鑫存储技术有限公司签署战略合作协议。")
    assert ("signed_with", "合肥市人民政府", "长鑫存储技术有限公司") in got
    got = rels("国家集成电路产业投资基金二期投资长江存储科技有限责任公司，金额为50亿元。")
    assert any(t == "invests_in" and "长江存储" in b for t, a, b in got), got


def test_partners_and_subsidiaries() -> None:
    got = rels("苏州工业园区管委会与南京大学共建集成电路创新研究院。")
    assert any(t == "partner_of" and "南京大学" in b for t, a, b in got), got
    got = rels("华虹半导体（无锡）有限公司第二条12英寸生产线今天开工。")
    assert ("subsidiary_of", "华虹半导体（无锡）有限公司", "华虹半导体有限公司") in got
    assert not any(t == "member_of" for t, _, _ in rels("江苏长电科技股份有限公司与无锡市签约。"))


def test_segments_inferred_with_evidence() -> None:
    text = "光刻机制造商芯光精密装备有限公司在临港投产，另一家企业芯测微电子封装测试有限公司落户无锡。"
    doc = extract(normalise(Document(source="t.txt", raw="标题\n" + text, original="标题\n" + text)))
    ents = {e.name: e for e in doc.entities}
    litho = ents["芯光精密装备有限公司"]
    assert "equipment.lithography" in litho.segments
    ev = next(x for x in litho.attrs["segment_evidence"] if x["segment"] == "equipment.lithography")
    assert doc.text[ev["evidence"][0]:ev["evidence"][1]] == ev["term"] == "光刻机"
    assert any(s.startswith("packaging_test") for s in ents["芯测微电子封装测试有限公司"].segments)


def test_local_company_of_a_brand_named_on_the_page() -> None:
    got = rels("安靠封装测试(上海)有限公司是全球第二大封测服务商AMKOR的独资企业。该公司位于浦东新区，"
               "主要从事集成电路封装测试业务，近年来持续扩大先进封装产能，并与本地设计企业开展合作。")
    assert ("subsidiary_of", "安靠封装测试(上海)有限公司", "AMKOR") in got
