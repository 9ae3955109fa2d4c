"""kill -9 during ingest loses and duplicates nothing (benchmarks/killtest.py): 10 random kills on SQLite in CI,
each followed by the integrity check and a check that every stored document is whole; then a last ingest must give
exactly the reference store. ``ICATLAS_KILLS`` and ``ICATLAS_KILL_SEED`` change the count and the seed."""
from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _killtest():
    spec = importlib.util.spec_from_file_location("killtest", ROOT / "benchmarks" / "killtest.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


def test_ten_kills_on_sqlite() -> None:
    log: list[str] = []
    wrong = _killtest().run(int(os.environ.get("ICATLAS_KILLS", "10")), int(os.environ.get("ICATLAS_KILL_SEED", "22")),
                            None, corpus_size=8, log=log.append)
    assert wrong == [], "\n".join(log)
    assert sum(line.startswith("kill ") for line in log) == int(os.environ.get("ICATLAS_KILLS", "10"))
