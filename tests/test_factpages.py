"""The frozen fact pages (tests/data/factpages): pages in our own words that show the phenomena found failing on
the development part of the real-page set, with gold written under tests/data/realpages/RULES.md by writers who had
not seen the extractor. Scored with the maintainers' scorer, per language; floors in tests/quality_baseline.json.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from .baseline import floors
from .conftest import SHARED, benchmark_module, need_shared

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "factpages"
LANGS = ("zh-Hans", "zh-Hant", "en")


def _runner():  # type: ignore[no-untyped-def]
    """benchmarks/realpages.py, whose ``score`` runs the maintainers' scorer on a slice of gold."""
    return benchmark_module("realpages")


@pytest.fixture(scope="module")
def scored(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    need_shared()
    tmp = tmp_path_factory.mktemp("factpages")
    gold = json.loads((DATA / "gold.json").read_text(encoding="utf-8"))
    exe = Path(sys.executable).with_name("icatlas")
    pages = [str(DATA / "pages" / d["doc"]) for d in gold["docs"]]
    pred = tmp / "pred.jsonl"
    with pred.open("w", encoding="utf-8") as f:
        res = subprocess.run([str(exe), "extract", *pages, "--json"], stdout=f, stderr=subprocess.PIPE, text=True,
                             timeout=600)
    assert res.returncode == 0, res.stderr[-2000:]
    realpages = _runner()
    out = {}
    for lang in (*LANGS, "all"):
        docs = [d for d in gold["docs"] if lang in ("all", d["language"])]
        res = realpages.score(docs, pred, SHARED / "eval" / "score.py", gold["about"])
        head = {"recall": res["recall"], "precision": res["precision"]}
        for kind, figures in res["kinds"].items():
            for figure, (found, total) in figures.items():
                head[f"{figure}.{kind}"] = found / total if total else 1.0
        out[lang] = head
    return out


def test_the_set_is_large_and_in_three_scripts() -> None:
    gold = json.loads((DATA / "gold.json").read_text(encoding="utf-8"))
    docs = gold["docs"]
    assert len(docs) >= 150
    for lang in LANGS:
        assert sum(d["language"] == lang for d in docs) >= 30, lang
    for d in docs:
        assert (DATA / "pages" / d["doc"]).is_file(), d["doc"]


@pytest.mark.parametrize("lang", (*LANGS, "all"))
def test_factpages_floors(scored: dict[str, dict], lang: str) -> None:
    got = scored[lang]
    checked = 0
    for name, low in floors(f"factpages.{lang}.").items():
        assert got[name] >= low, (lang, name, got[name], low)
        checked += 1
    assert checked >= 2, f"no floors recorded for {lang}"
