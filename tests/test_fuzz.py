"""Fuzzed inputs mixed with good ones (benchmarks/fuzz.py, 300 files a run): the ingest never aborts, every error
line names its input, and every good article is stored. ``ICATLAS_FUZZ_SEED`` picks another seed; the 5,000-file
run is documented in benchmarks/README.md."""
from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _fuzz():
    spec = importlib.util.spec_from_file_location("fuzz", ROOT / "benchmarks" / "fuzz.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # its dataclasses look their module up
    spec.loader.exec_module(mod)
    return mod


def test_three_hundred_fuzzed_files(tmp_path: Path) -> None:
    fuzz = _fuzz()
    seed = int(os.environ.get("ICATLAS_FUZZ_SEED", "22"))
    folder = tmp_path / "in"
    folder.mkdir()
    plan = fuzz.generate(folder, 300, seed, longest_run=8_000)
    assert len(plan.good) >= 50 and len(plan.kinds) >= 15  # the mix is there
    db = str(tmp_path / "fuzz.db")
    res, _wall = fuzz.ingest(folder, db, budget=5, timeout=900)
    missing = fuzz.check(db, plan)
    assert fuzz.verdict(res, missing) == [], f"seed {seed}"
    assert res.returncode == 1  # the bad inputs were reported, and the exit status says so
