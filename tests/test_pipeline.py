"""The pipeline: registered components in a checked order, the tagger as an option, versions from the components,
documents in batches with a failing one reported and the rest going on, and one ingest path (ingest, re-extraction)
built on it."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import icatlas.extract.figures as figures_module
from icatlas.model import Document
from icatlas.normalise import normalise
from icatlas.pipeline import DEFAULT, Pipeline, Report, extract, ingest, read, reprocess
from icatlas.read import Item
from icatlas.resolve import name_key
from icatlas.store import Store

TAGGED = "浙商银行企业信贷部叶老桂博士认为，北京市海淀区的发展很快。"


def _doc(text: str, source: str = "t.txt") -> Document:
    return Document(source=source, raw=text, original=text)


def test_default_order_is_checked_and_names_every_step() -> None:
    pipe = Pipeline.default()
    assert pipe.names == list(DEFAULT)
    assert pipe.names.index("entities") < pipe.names.index("segments") < pipe.names.index("collab")
    with pytest.raises(ValueError, match="requires"):
        Pipeline(["normalise", "mentions"])  # nothing before it finds places, organisations or people
    with pytest.raises(ValueError, match="unknown"):
        Pipeline(["normalise", "no_such_step"])


def test_versions_come_from_the_components_in_the_stored_order() -> None:
    doc = next(Pipeline.default().pipe([Item(doc=_doc("合肥市集成电路产业发展很快。"))]))
    assert list(doc.versions) == ["normalise", "segments", "relations", "relevance", "extract", "places", "orgs",
                                  "people", "events", "figures", "collab", "icatlas"]
    again = extract(normalise(_doc("合肥市集成电路产业发展很快。")))
    assert "icatlas" not in again.versions and again.versions["collab"] == doc.versions["collab"]


def test_tagger_is_a_pipeline_option() -> None:
    assert "tagger" not in Pipeline.default(tagger=False).names
    with_tagger = extract(normalise(_doc(TAGGED)))
    without = extract(normalise(_doc(TAGGED)), tagger=False)
    assert any(m.surface == "叶老桂" and m.extractor.startswith("tagger.") for m in with_tagger.mentions)
    assert not any(m.extractor.startswith("tagger.") for m in without.mentions)


def _boom_on(marker: str, monkeypatch: pytest.MonkeyPatch) -> None:
    real = figures_module.find_figures

    def find_figures(text: str, mentions: list[Any]) -> Any:
        if marker in text:
            raise RuntimeError("figure finder broke")
        return real(text, mentions)

    monkeypatch.setattr(figures_module, "find_figures", find_figures)


def test_a_failing_document_is_reported_and_the_batch_goes_on(monkeypatch: pytest.MonkeyPatch) -> None:
    _boom_on("坏", monkeypatch)
    texts = ["合肥市集成电路产业发展很快。", "坏页面：无锡市集成电路产业。", "", "苏州工业园区新增企业30家。"]
    report = Report()
    docs = list(Pipeline.default().pipe([Item(doc=_doc(t, f"{i}.txt")) for i, t in enumerate(texts)], report,
                                        batch_size=2))
    assert [d.source for d in docs] == ["0.txt", "3.txt"]
    assert [p.source for p in report.errors] == ["1.txt", "2.txt"]
    assert "RuntimeError: figure finder broke" in report.errors[0].reason
    assert report.errors[1].reason == "no article text left after removing page noise"
    assert report.documents == 2


def test_reprocess_reports_a_failing_document_and_goes_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name, text in (("a.txt", "合肥市集成电路产业发展很快，新增企业30家。"), ("b.txt", "坏消息：无锡市集成电路企业40家。"),
                       ("c.txt", "苏州工业园区集成电路企业50家。")):
        (tmp_path / name).write_text(text, encoding="utf-8")
    store = Store.open(tmp_path / "p.db")
    stored = [r.status for _d, r in ingest(store, read([tmp_path], progress=False), Report())]
    assert stored == ["stored"] * 3
    _boom_on("坏", monkeypatch)
    report, told = Report(), []
    counts = reprocess(store, report, progress=lambda done, total: told.append((done, total)))
    assert counts["documents"] == 2 and [p.source.endswith("b.txt") for p in report.errors] == [True]
    assert told[-1] == (3, 3)
    assert store.stats()["documents"] == 3


def test_one_name_normaliser_with_the_three_kinds() -> None:
    assert name_key("長鑫存儲 (合肥)") == "长鑫存储合肥"
    assert name_key("“芯火”基地", "entity") == "“芯火”基地"
    assert name_key("“芯火”基地", "record") == "芯火基地"
    assert name_key("长鑫存储技术有限公司", "party") == "长鑫存储技术"
    assert name_key("SMIC-Beijing", "party") == "smic-beijing" and name_key("SMIC-Beijing") == "smicbeijing"
