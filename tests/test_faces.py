"""benchmarks/faces.py, the recorder of every output a user sees: two records of one tree are byte-identical (run
paths and the day's timestamps normalised), and a changed or missing output shows in the comparison.

Runs the tool itself (``record --quick`` on one demo article: a few web twins and commands), two records side by
side, so it takes a few seconds."""
from __future__ import annotations

import datetime as dt
import hashlib
import importlib.util
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FACES = ROOT / "benchmarks" / "faces.py"
ARTICLE = ROOT / "examples" / "demo" / "hefei_cxmt_dram.txt"


def load_faces():
    spec = importlib.util.spec_from_file_location("faces", FACES)
    mod = importlib.util.module_from_spec(spec)
    sys.modules["faces"] = mod
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def records(tmp_path_factory):
    base = tmp_path_factory.mktemp("faces")
    procs = [subprocess.Popen([sys.executable, str(FACES), "record", str(base / n), "--quick", "--jobs", "2",
                               "--corpus", str(ARTICLE)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for n in ("a", "b")]
    for p in procs:
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0, out + err
    return base / "a", base / "b"


def test_two_records_of_one_tree_are_identical(records) -> None:
    a, b = records
    ma = json.loads((a / "manifest.json").read_text(encoding="utf-8"))
    mb = json.loads((b / "manifest.json").read_text(encoding="utf-8"))
    assert ma == mb
    assert {rel.split("/")[0] for rel in ma} == {"store", "web", "cli"} and len(ma) >= 10
    for rel, digest in ma.items():
        assert hashlib.sha256((a / rel).read_bytes()).hexdigest() == digest
    faces = load_faces()
    assert faces.compare(a, b, stream=io.StringIO()) == 0


def test_run_specific_values_are_normalised(records) -> None:
    a, _ = records
    ingest = json.loads((a / "store" / "ingest-hefei_cxmt_dram.txt.json").read_text(encoding="utf-8"))
    assert ingest["exit"] == 0 and ingest["stdout"]["db"] == "sqlite:///<TMP>/store.db"
    doc = json.loads((a / "web" / "documents~1.json").read_text(encoding="utf-8"))
    assert doc["status"] == 200 and doc["body"]["created_at"] == "<TIMESTAMP>"
    assert doc["body"]["source"] == "corpus/hefei_cxmt_dram.txt" and doc["body"]["published"] == "2023-09-07"
    status = json.loads((a / "web" / "api~status.json").read_text(encoding="utf-8"))["body"]
    assert status["warm"] is None or status["warm"]["seconds"] == "<SECONDS>"
    for p in a.rglob("*.json"):
        assert "/faces-" not in p.read_text(encoding="utf-8"), p


def test_a_changed_or_missing_output_is_reported(records, tmp_path) -> None:
    a, b = records
    c = tmp_path / "c"
    shutil.copytree(b, c)
    region = c / "web" / "regions~合肥.json"
    data = json.loads(region.read_text(encoding="utf-8"))
    data["body"]["organizations_total"] += 1
    region.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (c / "cli" / "documents.json").unlink()
    p = subprocess.run([sys.executable, str(FACES), "compare", str(a), str(c)], capture_output=True, text=True)
    assert p.returncode == 1
    assert "only in" in p.stdout and "cli/documents.json" in p.stdout
    assert "differ: 1" in p.stdout and "web/regions~合肥.json" in p.stdout
    assert f'-  "organizations_total": {data["body"]["organizations_total"] - 1},' in p.stdout
    assert f'+  "organizations_total": {data["body"]["organizations_total"]},' in p.stdout


def test_normalisation_touches_only_the_run() -> None:
    faces = load_faces()
    norm = faces.Norm({"/tmp/faces-xyz": "<TMP>", "/work/tree": "<ROOT>", "/work/tree/.venv": "<VENV>"})
    today = dt.datetime.now(dt.timezone.utc).date()
    assert norm.text(f"{today.isoformat()} 04:05:24") == "<TIMESTAMP>"
    assert norm.text("2023-10-19 09:00:00 and 2023-10-19") == "2023-10-19 09:00:00 and 2023-10-19"
    assert norm.text(f"{today.year}年{today.month}月{today.day}日 / 2023年10月19日") == "<TODAY> / 2023年10月19日"
    assert norm.text("sqlite:////tmp/faces-xyz/store.db /work/tree/.venv/lib /work/tree/src") == \
        "sqlite:///<TMP>/store.db <VENV>/lib <ROOT>/src"
    assert faces.seconds_out({"seconds": 0.4, "steps": {"home": 0.01}}) == \
        {"seconds": "<SECONDS>", "steps": {"home": "<SECONDS>"}}
    assert faces.raw_style('{"a":"苏州"}', {"a": "苏州"}) == "compact-utf8"
    assert faces.raw_style('{"a": "\\u82cf"}', {"a": "苏"}) == "spaced-ascii"
