"""The statistical entity tagger: its BIOES helpers, features, the shipped model and the annotate command."""
from __future__ import annotations

import gzip
import json
from importlib import resources

import numpy as np

from icatlas.annotate import annotate_records
from icatlas.extract.ner_features import BASE_GROUPS, Featurizer, base_gazetteer, fold
from icatlas.extract.tagger import (CLUENER_ALL, MAX_LEN, _windows, allowed_transitions, spans_from_tags, tag_names,
                                    tagger)


def test_bioes_spans_and_transitions() -> None:
    tags = ["B-company", "I-company", "E-company", "O", "S-name", "B-address", "O", "I-name", "E-name"]
    assert spans_from_tags(tags) == [("company", 0, 2), ("name", 4, 4)]  # broken runs give nothing
    names = tag_names(["a", "b"])
    ok = allowed_transitions(names)
    idx = {t: i for i, t in enumerate(names)}
    assert ok[idx["B-a"], idx["E-a"]] and not ok[idx["B-a"], idx["E-b"]] and not ok[idx["O"], idx["I-a"]]
    assert ok[idx["E-a"], idx["B-b"]] and ok[idx["S-a"], idx["O"]] and not ok[idx["I-a"], idx["O"]]


def test_windows_cover_long_text_at_punctuation() -> None:
    text = ("这是一个很长的句子，" * 60)[:-1] + "。"
    wins = _windows(text)
    assert wins[0][0] == 0 and wins[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(wins, wins[1:]))
    assert all(e - s <= MAX_LEN for s, e in wins)
    assert all(text[e - 1] in "，。" for s, e in wins)


def test_gazetteer_walk_finds_every_listed_word() -> None:
    fz = Featurizer([], [], {"OOV": 0}, {"长鑫存储": 1 << CLUENER_ALL.index("company")}, CLUENER_ALL)
    text = "合肥市长鑫存储技术有限公司位于合肥"
    flags = fz.gaz_flags(text)
    # brute force over every substring agrees with the prefix walk
    expected = np.zeros_like(flags)
    for i in range(len(text)):
        for j in range(i + 1, len(text) + 1):
            bits = fz.gaz.get(text[i:j], 0)
            for k in range(len(fz.groups)):
                if bits >> k & 1:
                    if j - i == 1:
                        expected[i, 4 * k + 3] = 1
                    else:
                        expected[i, 4 * k] = 1
                        expected[i + 1:j - 1, 4 * k + 1] = 1
                        expected[j - 1, 4 * k + 2] = 1
    assert (flags == expected).all()
    region = BASE_GROUPS.index("region")
    assert flags[0, 4 * region] == 1 and flags[2, 4 * region + 2] == 1  # 合肥市 begins and ends
    lex = fz.groups.index("lex_company")
    assert flags[3, 4 * lex] == 1 and flags[6, 4 * lex + 2] == 1  # 长鑫存储 from the training lexicon
    assert "有限公司" in base_gazetteer() and "市长" in base_gazetteer()


def test_fold_keeps_length() -> None:
    for s in ["ＡＢＣ１２３　公司", "İstanbul", "Straße", "ǅ"]:
        assert len(fold(s)) == len(s)
    assert fold("ＡＢＣ") == "abc"


def test_shipped_model_records_its_training_and_tags_a_sentence() -> None:
    root = resources.files("icatlas") / "data" / "ner"
    with gzip.open(str(root / "tagger.json.gz"), "rt", encoding="utf-8") as f:
        meta = json.load(f)
    assert meta["version"].startswith("tagger.") and "CLUENER" in meta["training_data"]
    assert meta["validation"]["macro_f1"] > 70
    assert meta["command"].startswith("python scripts/train_ner.py")
    size = sum(p.stat().st_size for p in (root / "tagger.onnx", root / "tagger.json.gz"))  # type: ignore[attr-defined]
    assert size < 100e6
    spans = tagger().tag(["浙商银行企业信贷部叶老桂博士认为，北京市海淀区的发展很快。", ""])
    got = {(lab, s, e) for lab, s, e in spans[0]}
    assert ("company", 0, 4) in got and ("name", 9, 12) in got
    assert any(lab == "address" and s == 17 for lab, s, e in got)
    assert spans[1] == []


def test_annotate_model_maps_traditional_input_back_to_its_offsets() -> None:
    recs = annotate_records([{"text": "浙商銀行企業信貸部葉老桂博士認為，北京市海淀區的發展很快。", "label": {"x": {}}}, {"text": ""}])
    lab = recs[0]["label"]
    assert "x" not in lab
    assert lab["company"] == {"浙商銀行": [[0, 3]]}
    assert lab["name"] == {"葉老桂": [[9, 11]]}
    assert recs[1]["label"] == {}
    # a long line is tagged in windows and every span stays inside the text
    long = "；".join(["华为技术有限公司在深圳市龙岗区设立研发中心"] * 30)
    out = annotate_records([{"text": long}])[0]["label"]
    spans = [(s, e) for forms in out.values() for pos in forms.values() for s, e in pos]
    assert len(out.get("company", {}).get("华为技术有限公司", [])) == 30
    assert all(0 <= s <= e < len(long) for s, e in spans)
