"""Bad inputs: each gets one clear line in the report, the batch goes on, the exit status tells."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from icatlas.pipeline import Report, run
from icatlas.read import ReadOptions

GOOD = "标题\n苏州工业园区集成电路产业投资发展有限公司揭牌成立，现场发布了最新集成电路产业相关政策。\n"
OTHER = ["标题二\n合肥市长鑫存储技术有限公司的新一期项目昨天在合肥经济技术开发区开工建设，总投资约百亿元。\n",
         "标题三\n无锡高新区举行集成电路重点项目集中签约仪式，涉及封装测试、设备和材料等多个环节。\n",
         "标题四\n武汉东湖新技术开发区发布支持集成电路设计企业发展的若干措施，对流片给予补贴。\n"]


def make_bad_dir(root: Path) -> Path:
    d = root / "mixed"
    d.mkdir()
    (d / "good.txt").write_text(GOOD, encoding="utf-8")
    (d / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    (d / "empty.txt").write_bytes(b"")
    (d / "huge.txt").write_text(GOOD * 2000, encoding="utf-8")  # over the 0.05 MB limit used below
    (d / "invalid.txt").write_bytes(OTHER[0].encode("utf-8")[:40] + b"\xff\xfe\xfa" + OTHER[0].encode("utf-8")[40:])
    (d / "truncated.html").write_text(
        "<html><head><title>截断</title></head><body><article><p>" + OTHER[1] * 3 + "</p><p>还有", encoding="utf-8")
    (d / "records.jsonl").write_text('{"text": "' + OTHER[2].strip().replace("\n", " ") + '"}\n{not json\n', encoding="utf-8")
    os.symlink(d / "missing-target.txt", d / "unreadable.txt")
    return d


def test_mixed_directory_stores_good_and_names_each_bad(tmp_path: Path) -> None:
    d = make_bad_dir(tmp_path)
    report = Report()
    docs = list(run([d], ReadOptions(max_bytes=50_000), report, progress=False))
    names = sorted(Path(x.source.split("#")[0]).name for x in docs)
    assert names == ["good.txt", "invalid.txt", "records.jsonl", "truncated.html"]
    errors = {Path(p.source.split("#")[0]).name + ("#" + p.source.split("#")[1] if "#" in p.source else ""): p.reason
              for p in report.errors}
    assert "binary" in errors["binary.txt"]
    assert "empty" in errors["empty.txt"]
    assert "over the limit" in errors["huge.txt"]
    assert "not JSON" in errors["records.jsonl#2"]
    assert "cannot read" in errors["unreadable.txt"]
    warnings = {Path(p.source).name: p.reason for p in report.warnings}
    assert "invalid bytes" in warnings["invalid.txt"]
    assert "truncated HTML" in warnings["truncated.html"]
    assert all(p.hint for p in report.problems), "every line says what to do"


def test_one_huge_jsonl_record_fails_alone(tmp_path: Path) -> None:
    f = tmp_path / "big.jsonl"
    f.write_text('{"text": "' + "芯" * 30000 + '"}\n{"text": "' + GOOD.strip().replace("\n", " ") + '"}\n',
                 encoding="utf-8")
    report = Report()
    docs = list(run([f], ReadOptions(max_bytes=50_000), report, progress=False))
    assert [x.source for x in docs] == [f"{f}#2"]
    assert len(report.errors) == 1 and "over the limit" in report.errors[0].reason


def test_cli_reports_on_stderr_and_exits_nonzero(tmp_path: Path) -> None:
    d = make_bad_dir(tmp_path)
    db = tmp_path / "t.db"
    exe = Path(sys.executable).with_name("icatlas")
    res = subprocess.run([str(exe), "ingest", str(d), "--db", str(db), "--max-size", "0.05", "--json"],
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 1
    lines = [ln for ln in res.stderr.splitlines() if ln.startswith("icatlas: error:")]
    assert len(lines) == 5, res.stderr
    for name in ("binary.txt", "empty.txt", "huge.txt", "records.jsonl#2", "unreadable.txt"):
        assert sum(name in ln for ln in lines) == 1, name
    assert "Traceback" not in res.stderr
    import json
    out = json.loads(res.stdout)
    assert out["stored"] == 4 and out["failed"] == 5


@pytest.mark.parametrize("args", [["extract", "/nonexistent/path.txt"], ["ingest", "/nonexistent/dir", "--db", "{db}"]])
def test_missing_path_is_one_line(tmp_path: Path, args: list[str]) -> None:
    exe = Path(sys.executable).with_name("icatlas")
    args = [a.replace("{db}", str(tmp_path / "x.db")) for a in args]
    res = subprocess.run([str(exe), *args], capture_output=True, text=True, timeout=60)
    assert res.returncode == 1
    assert "no such file or directory" in res.stderr and "Traceback" not in res.stderr


def test_progress_goes_to_stderr(tmp_path: Path) -> None:
    for i, text in enumerate(OTHER):
        (tmp_path / f"p{i}.txt").write_text(text, encoding="utf-8")
    exe = Path(sys.executable).with_name("icatlas")
    res = subprocess.run([str(exe), "extract", str(tmp_path), "--json", "--progress"], capture_output=True, text=True,
                         timeout=120)
    assert res.returncode == 0
    assert "read 3/3 files" in res.stderr and "read" not in res.stdout.split("\n")[0][:5]
    assert len(res.stdout.splitlines()) == 3
