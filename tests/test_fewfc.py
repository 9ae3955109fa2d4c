"""The FewFC event models: features, decoding helpers, the shipped models and the annotate entry points."""
from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest

from icatlas.annotate_events import annotate_events, annotate_fewfc, annotate_texts
from icatlas.extract import fewfc_features as F
from icatlas.extract.fewfc_model import FewfcModel, _share_price, fewfc_model
from icatlas.extract.fewfc_model import sentence_pieces as fewfc_pieces

MODEL_DIR = Path(str(resources.files("icatlas") / "data" / "events"))


def test_fold_keeps_offsets() -> None:
    text = "ＡＢＣ公司（中国）以１００％股权，签约。"
    folded = F.fold(text)
    assert len(folded) == len(text)
    assert folded == "ABC公司(中国)以100%股权,签约。"


def test_bio_round_trip() -> None:
    spans = [(0, 4, "sub"), (6, 8, "obj"), (8, 9, "money")]
    labels = F.bio_labels(10, spans)
    assert labels[:5] == ["B-sub", "I-sub", "I-sub", "I-sub", "O"]
    assert F.spans_from_bio(labels) == spans
    # overlapping spans after the first are left out; a stray I- starts a run
    assert F.bio_labels(4, [(0, 3, "a"), (1, 2, "b")]) == ["B-a", "I-a", "I-a", "O"]
    assert F.spans_from_bio(["O", "I-x", "I-x", "B-y"]) == [(1, 3, "x"), (3, 4, "y")]


def test_trigger_lexicon_prefers_longest() -> None:
    lex = {"签署": 3, "签署合同": 5, "收购": 9}
    text = "双方签署合同后收购完成"
    assert F.trigger_lexicon_tags(text, lex) == ["O", "O", "B", "I", "I", "I", "O", "B", "I", "O", "O"]
    assert F.lexicon_spans(text, lex) == [(2, 6), (7, 9)]


def test_analysis_and_argument_features() -> None:
    text = "2019年3月20日，金马股份收购众泰汽车100%股权，交易金额116亿元。"
    sent = F.analyse([text])[0]
    assert len(sent.text) == len(text) and len(sent.base) == len(text)
    # LAC's words tile the sentence
    assert sent.word_of[0][0] == 0 and all(sent.word_of[i][0] <= i < sent.word_of[i][1] for i in range(len(text)))
    assert sent.quantity[text.index("116")].endswith("money")
    feats = F.argument_features(sent, 15, 17)
    assert "side=L" in feats[11] and "side=T" in feats[15] and "side=R" in feats[20]
    assert "tw=收购R" in feats[20]
    dense = F.argument_features(sent, 15, 17, "投资", context=True, dense=True)
    assert len(dense) == len(text) and dense[20]["tw=收购R"] == 1.0 and "T=投资" in dense[20]
    assert sum(k.startswith("h") and k[1:].isdigit() for k in dense[20]) == F.HIDDEN
    assert any(k.startswith("s|pw=") for k in dense[20])
    assert F.analyse([""])[0].base == []


def test_word_shapes() -> None:
    text = "北京华远意通热力科技股份有限公司(下称“华通热力”)收购和然节能,和然节能为节能企业。"
    sent = F.analyse([text])[0]
    shapes = F._word_shapes(sent)
    assert len(shapes) == len(text)
    alias = text.index("华通热力")
    # inside the brackets of an alias (下称 ...); the brackets' own characters and the name before are outside
    assert shapes[alias][0] == "ba" and shapes[text.index("(")][0] == "" and shapes[0][0] == ""
    assert shapes[0][1] == "公司"  # the last characters of the name's word
    trigger = text.index("收购")
    feats = F.argument_features(sent, trigger, trigger + 2, context=True)
    assert "m=Lba" in feats[alias] and "m=R" in feats[trigger + 2]
    assert "suf2=公司" in feats[0] and "crank=L0" in feats[0]
    s, e = sent.word_of[trigger + 2]
    if text.count(text[s:e]) > 1 and e - s >= 2:
        assert "rep=RTrue" in feats[trigger + 2]


def test_spread_repeats_and_aliases() -> None:
    text = "浙江华通医药股份有限公司（以下简称“华通医药”）称,华通医药拟收购浙农股份,浙农股份作价26.5亿元。"
    full = (0, 12)
    alias = text.index("“华通医药") + 1
    again = text.index("华通医药", alias + 1)
    assert F.alias_after(text, 12) == (alias, alias + 4)
    assert F.repeats(text, alias, alias + 4) == [(2, 6), (again, again + 4)]  # in the full name, and after 称
    obj = text.index("浙农股份")
    money = text.index("26.5亿元")
    trigger = text.index("收购")
    args = [(*full, "sub"), (obj, obj + 4, "obj"), (money, money + 6, "money"), (trigger, trigger + 2, "trigger")]
    got = F.spread(text, args, again=True, aliases=True)
    # the alias takes the name's role, the second 浙农股份 the first one's; sums and the trigger are not spread
    assert sorted(got) == [(alias, alias + 4, "sub"), (obj + 5, obj + 9, "obj")]
    assert F.spread(text, args, again=False, aliases=False) == []
    # a place overlapping an argument is left out
    assert F.spread(text, [(*full, "sub"), (alias, alias + 2, "obj")], again=False, aliases=True) == []


def test_spread_follows_the_training_data() -> None:
    groups = {g.name: g for g in fewfc_model().groups}
    assert groups["base"].again and groups["base"].aliases
    assert not groups["trans"].again and not groups["trans"].aliases


def test_lac_decodes_names() -> None:
    words = F.lac().words(["张三在北京市工作", "华为"])
    first = [("张三在北京市工作"[s:e], tag) for s, e, tag in words[0]]
    assert ("张三", "PER") in first and ("北京市", "LOC") in first
    assert words[1] and words[1][-1][1] == 2
    (w, hidden), (w2, empty) = F.lac().encode(["张三在北京市工作", ""])
    assert hidden.shape == (8, F.HIDDEN) and w2 == [] and empty.shape == (0, F.HIDDEN)


def test_shipped_model_records_its_training() -> None:
    meta = json.loads((MODEL_DIR / "fewfc.json").read_text(encoding="utf-8"))
    assert meta["version"].startswith("fewfc.")
    assert set(meta["training"]) == {"base", "trans"}
    for rec in meta["training"].values():
        assert rec["file"].startswith("fewfc/train_") and len(rec["sha256"]) == 64 and "held out" in rec["lines"]
    types = {t for g in meta["groups"] for t in g["types"]}
    assert {"投资", "收购", "签署合同", "中标"} <= types
    size = sum(p.stat().st_size for p in MODEL_DIR.iterdir())
    assert size < 20 * 2 ** 20


def test_acquisition_yields_both_types() -> None:
    text = "2019年3月20日,金马股份收购众泰汽车100%股权,交易金额116亿元。"
    events = annotate_events(text)
    by_type = {e["type"]: e for e in events}
    assert {"投资", "收购"} <= set(by_type)
    acq = {m["role"]: m["word"] for m in by_type["收购"]["mentions"]}
    inv = {m["role"]: m["word"] for m in by_type["投资"]["mentions"]}
    assert acq["trigger"] == "收购" and acq["sub-org"] == "金马股份" and acq["obj-org"] == "众泰汽车"
    assert inv["trigger"] == "收购" and inv["sub"] == "金马股份" and inv["obj"] == "众泰汽车"
    assert inv["money"] == "116亿元"


def test_spans_index_the_input() -> None:
    texts = ["华为中标某市政务云项目，中标金额3000万元。", "ＡＢＣ公司与深圳市某某科技有限公司签约，合同金额1.2亿元。",
             "今天天气很好。", ""]
    got = annotate_texts(texts)
    assert len(got) == 4 and got[2] == [] and got[3] == []
    bid = next(e for e in got[0] if e["type"] == "中标")
    assert {m["role"] for m in bid["mentions"]} >= {"trigger", "sub", "amount"}
    assert any(e["type"] == "签署合同" for e in got[1])
    for text, events in zip(texts, got):
        for e in events:
            assert e["type"] in {"投资", "收购", "签署合同", "中标"}
            assert sum(m["role"] == "trigger" for m in e["mentions"]) == 1
            for m in e["mentions"]:
                assert text[m["span"][0]:m["span"][1]] == m["word"] and m["span"][0] < m["span"][1]


def test_batch_equals_single() -> None:
    texts = ["公司拟以7700万元收购洛阳蓝宝氟业有限公司70%的股权。", "中国移动山西分公司中标太原市雪亮工程项目,金额2697万元。"]
    assert annotate_texts(texts) == [annotate_events(t) for t in texts]


def test_engines() -> None:
    records = [{"id": "a", "content": "华为中标某市政务云项目，中标金额3000万元。", "events": [{"type": "x"}]}]
    for engine in ("model", "rules"):
        out = annotate_fewfc(records, engine)
        assert out[0]["id"] == "a" and any(e["type"] == "中标" for e in out[0]["events"])
    with pytest.raises(ValueError):
        annotate_texts(["x"], "neural")


def test_share_price() -> None:
    trig = {"word": "收购", "span": [2, 4], "role": "trigger"}
    money = {"word": "5亿元", "span": [8, 11], "role": "money"}
    events = [{"type": "投资", "mentions": [dict(trig), dict(money)]}, {"type": "收购", "mentions": [dict(trig)]}]
    out = _share_price(events)
    assert [m["role"] for m in out[1]["mentions"]] == ["trigger", "money"]
    # a 收购 event that has its price, or another trigger, is left alone
    other = [{"type": "投资", "mentions": [dict(trig), dict(money)]},
             {"type": "收购", "mentions": [{"word": "并购", "span": [20, 22], "role": "trigger"}]}]
    assert len(_share_price(other)[1]["mentions"]) == 1


def test_model_loads_from_a_folder() -> None:
    model = FewfcModel(MODEL_DIR)
    assert model.version == fewfc_model().version
    assert [g.name for g in model.groups] == ["base", "trans"]


def test_sentence_pieces() -> None:
    short = "甲公司收购乙公司。丙公司中标。"
    assert fewfc_pieces(short) == [(0, len(short))]
    text = "甲公司收购乙公司。\n\n丙公司中标;" + "很" * 30
    pieces = fewfc_pieces(text, limit=10)
    assert pieces[0] == (0, 9) and all(e - s <= 10 for s, e in pieces)
    assert "".join(text[s:e] for s, e in pieces).replace("\n", "") == text.replace("\n", "")


def test_long_texts_are_tagged_by_sentence() -> None:
    one = "2019年3月20日,金马股份收购众泰汽车100%股权,交易金额116亿元。"
    text = "\n".join([one] * 20)
    events = annotate_texts([text])[0]
    starts = {m["span"][0] for e in events if e["type"] == "收购" for m in e["mentions"] if m["role"] == "trigger"}
    assert len(starts) == 20
    for e in events:
        for m in e["mentions"]:
            assert text[m["span"][0]:m["span"][1]] == m["word"]


def test_arguments_are_not_blank_padded() -> None:
    for events in annotate_texts(["\t华为\n收购某公司", "甲公司  收购  乙公司 "]):
        for e in events:
            for m in e["mentions"]:
                assert m["word"] == m["word"].strip() and m["word"]
