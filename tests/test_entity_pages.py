"""Entity extraction on the frozen entity sentences (tests/data/entities, written from the rules in its README by
someone who had not seen the extractor). Floors per kind over all languages; they only go up.

Measured when set (2026-11-24), all languages: orgs R .93 P .93, people R .98 P 1.00, positions R .93 P .94,
regions R .85 P .91, money R .94, counts R .84 P .88, percents R 1.00. The floors are in tests/quality_baseline.json.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
from .baseline import floors


def _evaluator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("eval_entities", ROOT / "benchmarks" / "eval_entities.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_entity_sentences_floors() -> None:
    ev = _evaluator()
    import json

    items = [json.loads(x) for x in ev.ITEMS.read_text(encoding="utf-8").splitlines() if x.strip()]
    assert len(items) >= 120
    res = ev.evaluate(items)["all"]
    for name, low in floors("entities.").items():
        kind, figure = name.split(".")
        assert res[kind][figure] >= low, (name, res[kind])
