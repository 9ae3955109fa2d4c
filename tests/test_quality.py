"""Quality gate: the seeds scored by the maintainers' scorer (../shared/eval/score.py).

The floors only go up. Lowering one needs a stated reason in the commit that does it.
Measured when set (2026-11-23): recall 1.000, precision 0.925.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from .conftest import SHARED, need_shared

RECALL_FLOOR = 0.95
PRECISION_FLOOR = 0.88
# per kind (the entity extraction targets: recall >= .90, precision >= .85 for organisations and people)
KIND_FLOORS = {("recall", "organizations"): 0.94, ("recall", "people"): 0.95, ("recall", "positions"): 0.9,
               ("recall", "regions"): 0.95, ("precision", "organizations"): 0.88, ("precision", "people"): 0.9}


def test_seeds_gold_floors(tmp_path: Path) -> None:
    need_shared()
    exe = Path(sys.executable).with_name("icatlas")
    seeds = sorted(str(p) for p in (SHARED / "corpus" / "seeds").glob("*.txt"))
    out = subprocess.run([str(exe), "extract", *seeds, "--json"], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    pred = tmp_path / "seeds.jsonl"
    pred.write_text(out.stdout, encoding="utf-8")
    res = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), "seeds",
                          str(SHARED / "eval" / "seeds_gold.json"), str(pred)], capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    figures = json.loads(res.stdout.strip().splitlines()[-1])
    assert figures["recall"] >= RECALL_FLOOR, res.stdout
    assert figures["precision"] >= PRECISION_FLOOR, res.stdout
    kinds = {(m[1], m[2]): int(m[3]) / max(1, int(m[4]))
             for m in re.finditer(r"^(recall|precision)\s+(\w+)\s+(\d+)/(\d+)", res.stdout, re.M)}
    for kind, floor in KIND_FLOORS.items():
        assert kinds[kind] >= floor, (kind, res.stdout)


def _score(mode: str, gold: Path, pred: Path, *extra: str) -> dict:
    res = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), mode, str(gold), str(pred), *extra],
                         capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr
    return json.loads(res.stdout.strip().splitlines()[-1])


# Measured when set (2026-11-23), rule-based first passes:
#   FewFC base 投资: type 82.9, trigger 60.1, argument 23.0; trans 签署合同/收购/中标: type 96.6, trigger 81.7, argument 25.9
#   (whole train files); on the held-out last 20 % of each file: base 79.0, 59.3, 20.9; trans 95.7, 75.3, 21.2.
#   The trained CRF models (scripts/train_fewfc.py, 2026-11-24), trained on the first 80 % and scored on the last
#   20 % of each file: base 87.3, 70.4, 58.2; trans 98.6, 89.3, 65.6 (the held-out trans lines hold
#   no 收购 event: the file lists its types in blocks; 5-fold on the training lines, 收购 scores trigger 91.8,
#   argument 68.4).
#   CLUENER validation (last 1,000 lines of train), six-label macro-F1: 17.1 (rules); 74.54 with the first trained
#   tagger (2026-11-24); 76.27 with the distilled, jieba-assisted one (2026-11-24)
FEWFC_FLOORS = {"train_base.json": ("投资", 87.0, 70.0, 57.5), "train_trans.json": ("签署合同,收购,中标", 98.0, 89.0, 65.0)}
CLUENER_FLOOR = 75.5


def test_fewfc_floors(tmp_path: Path) -> None:
    """The held-out last 20 % of each FewFC train file (the event models train on the first 80 %)."""
    need_shared()
    from icatlas.annotate_events import annotate_fewfc

    for name, (types, type_f1, trigger_f1, arg_f1) in FEWFC_FLOORS.items():
        lines = [x for x in (SHARED / "data" / "fewfc" / name).read_text(encoding="utf-8").splitlines() if x.strip()]
        held = lines[len(lines) * 4 // 5:]
        gold = tmp_path / f"{name}.heldout.json"
        gold.write_text("\n".join(held) + "\n", encoding="utf-8")
        pred = tmp_path / f"{name}.pred.jsonl"
        records = annotate_fewfc([json.loads(x) for x in held])
        pred.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")
        got = _score("fewfc", gold, pred, "--types", types)
        assert got["type_f1"] >= type_f1 and got["trigger_f1"] >= trigger_f1 and got["argument_f1"] >= arg_f1, got


def test_cluener_validation_floor(tmp_path: Path) -> None:
    need_shared()
    from icatlas.annotate import annotate_records

    lines = (SHARED / "data" / "cluener" / "train.jsonl").read_text(encoding="utf-8").splitlines()[-1000:]
    gold = tmp_path / "val.jsonl"
    gold.write_text("\n".join(lines) + "\n", encoding="utf-8")
    pred = tmp_path / "pred.jsonl"
    pred.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in annotate_records([json.loads(x) for x in lines]))
                    + "\n", encoding="utf-8")
    assert _score("cluener", gold, pred)["macro_f1"] >= CLUENER_FLOOR
