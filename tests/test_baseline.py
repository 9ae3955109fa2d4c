"""The floors' baseline file: complete, consistent, and changed only through scripts/floors.py."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from .baseline import BASELINE, ROOT, baseline, data_sha256

FLOORS = ROOT / "scripts" / "floors.py"


def test_every_check_is_complete_and_below_its_measure() -> None:
    data = baseline()
    assert data["checks"]
    for name, c in data["checks"].items():
        assert {"floor", "data", "date", "commit"} <= set(c), name
        assert c["data"] in data["data"], name
        if c.get("measured") is not None:
            if c.get("direction") == "max":
                assert c["floor"] >= c["measured"], name
            else:
                assert c["floor"] <= c["measured"], name


def test_the_repository_data_is_what_the_floors_were_measured_on() -> None:
    for group, spec in baseline()["data"].items():
        if any(f.startswith("../") for f in spec["files"]):
            continue  # ../shared: checked by the tests that read it
        assert data_sha256(spec["files"]) == spec["sha256"], group


def _run(tmp: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, ICATLAS_BASELINE=str(tmp / "b.json"), ICATLAS_QUALITY_DOC=str(tmp / "q.md"))
    return subprocess.run([sys.executable, str(FLOORS), *args], capture_output=True, text=True, env=env, cwd=ROOT)


def test_lowering_a_floor_takes_the_flag_and_leaves_a_reason(tmp_path: Path) -> None:
    shutil.copy(BASELINE, tmp_path / "b.json")
    (tmp_path / "q.md").write_text("# Quality\n", encoding="utf-8")
    before = json.loads((tmp_path / "b.json").read_text())["checks"]["seeds.recall"]["floor"]
    res = _run(tmp_path, "set", "seeds.recall", str(before - 0.1))
    assert res.returncode != 0 and "--lower" in res.stderr
    assert json.loads((tmp_path / "b.json").read_text())["checks"]["seeds.recall"]["floor"] == before
    res = _run(tmp_path, "set", "seeds.recall", str(before - 0.1), "--lower", "--reason", "a changed rule")
    assert res.returncode == 0, res.stderr
    assert json.loads((tmp_path / "b.json").read_text())["checks"]["seeds.recall"]["floor"] == before - 0.1
    doc = (tmp_path / "q.md").read_text(encoding="utf-8")
    assert "Floors lowered" in doc and "seeds.recall" in doc and "a changed rule" in doc
    # raising needs nothing; loosening a ceiling is a lowering too
    assert _run(tmp_path, "set", "seeds.recall", "0.99").returncode == 0
    assert _run(tmp_path, "set", "collab.extra.members", "5").returncode != 0
