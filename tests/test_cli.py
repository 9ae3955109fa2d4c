"""The command line: --help and --version, the extract contract on the seeds, ingest and stats."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from icatlas.cli import app

EXE = str(Path(sys.executable).with_name("icatlas"))
ROOT = Path(__file__).resolve().parent.parent
COMMANDS = sorted(c.name or c.callback.__name__ for c in app.registered_commands)  # type: ignore[union-attr]
LISTING = ["extract", "ingest", "stats", "documents", "document", "search"]


def sh(*args: str, timeout: int = 180) -> subprocess.CompletedProcess[str]:
    return subprocess.run([EXE, *args], capture_output=True, text=True, timeout=timeout)


def test_version() -> None:
    from icatlas import __version__

    res = sh("--version")
    assert res.returncode == 0 and res.stdout.strip() == f"icatlas {__version__}"


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command: str) -> None:
    res = sh(command, "--help")
    assert res.returncode == 0 and "Usage" in res.stdout and len(res.stdout) > 100


@pytest.mark.parametrize("command", LISTING)
def test_listing_commands_take_json(command: str) -> None:
    assert "--json" in sh(command, "--help").stdout


@pytest.fixture(scope="module")
def seeds_out() -> list[dict]:
    from .conftest import SEEDS, need_shared

    need_shared()
    res = sh("extract", *sorted(str(p) for p in SEEDS.glob("*.txt")), "--json")
    assert res.returncode == 0, res.stderr
    return [json.loads(line) for line in res.stdout.splitlines()]


def test_extract_contract_on_the_seeds(seeds_out: list[dict]) -> None:
    assert len(seeds_out) == 5
    keys = {"source", "language", "published", "title", "text", "entities", "events", "figures"}
    types = {"company", "government", "association", "university", "institute", "park", "fund", "platform", "media",
             "organization", "person", "region"}
    for rec in seeds_out:
        assert keys <= set(rec)
        for e in rec["entities"]:
            assert e["type"] in types and e["name"]
            for s, end in e["mentions"]:
                surface = rec["text"][s:end]
                assert surface in [e["name"], *e["aliases"]], (surface, e)
        for ev in rec["events"]:
            s, end = ev["evidence"]
            assert 0 <= s < end <= len(rec["text"])
        for f in rec["figures"]:
            assert isinstance(f["value"], (int, float))


def test_extract_languages_dates_and_sources(seeds_out: list[dict]) -> None:
    by = {Path(r["source"]).name[:3]: r for r in seeds_out}
    assert {k: r["language"] for k, r in by.items()} == {"000": "en", "001": "en", "002": "zh-Hant", "003": "zh-Hant",
                                                         "004": "zh-Hans"}
    assert by["003"]["published"] == "2019-03-21"
    assert all(Path(r["source"]).is_file() for r in seeds_out)


def test_ingest_twice_and_stats(tmp_path: Path) -> None:
    from .conftest import SEEDS, need_shared

    need_shared()
    db = str(tmp_path / "kg.db")
    for _ in range(2):
        res = sh("ingest", str(SEEDS), "--db", db)
        assert res.returncode == 0, res.stderr
    stats = json.loads(sh("stats", "--db", db, "--json").stdout)
    assert stats["documents"] == 5
    assert {"documents", "entities", "events", "figures"} <= set(stats)
    docs = json.loads(sh("documents", "--db", db, "--json").stdout)
    assert len(docs) == 5
    one = json.loads(sh("document", str(docs[0]["id"]), "--db", db, "--json").stdout)
    assert one["text"] and isinstance(one["mentions"], list)


def test_env_variable_chooses_the_database(tmp_path: Path) -> None:
    import os

    env = dict(os.environ, ICATLAS_DB=str(tmp_path / "env.db"))
    res = subprocess.run([EXE, "stats", "--json"], capture_output=True, text=True, env=env, timeout=60)
    assert res.returncode == 0 and (tmp_path / "env.db").exists()


def test_user_errors_are_one_line(tmp_path: Path) -> None:
    res = sh("extract", str(tmp_path), "--published", "yesterday")
    assert res.returncode == 2 and res.stderr.startswith("icatlas: error:") and "Traceback" not in res.stderr
    res = sh("document", "999", "--db", str(tmp_path / "x.db"))
    assert res.returncode == 2 and "no document 999" in res.stderr


@pytest.mark.parametrize("args,code", [
    ([], 0), (["nosuch"], 2), (["extract"], 2), (["extract", ".", "--jsn"], 2), (["extract", ".", "--max-size", "abc"], 2),
    (["extract", ".", "--max-size", "-1"], 2), (["extract", ".", "--encoding", "nosuch"], 2),
    (["extract", ".", "--published", "2024/01/02"], 2), (["document", "abc"], 2), (["stats", "--db", "mysql://x/y"], 2),
])
def test_usage_errors_never_show_a_traceback(args: list[str], code: int) -> None:
    res = sh(*args)
    assert res.returncode == code, res.stderr
    assert "Traceback" not in res.stderr + res.stdout
    if code:
        assert res.stderr.strip(), "the error is explained on stderr"


def test_annotate_ner_contract(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    lines = [{"text": "四川省经济和信息化厅二级巡视员苏平表示，中芯国际在上海扩产。", "label": {"game": {"x": [[0, 0]]}}},
             {"text": "ＡＢＣ公司的张伟董事长在北京市朝阳区接受采访。"}, {"text": ""}]
    src.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    res = sh("annotate", "ner", "--format", "cluener", str(src), str(out))
    assert res.returncode == 0, res.stderr
    got = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert len(got) == 3 and [g["text"] for g in got] == [x["text"] for x in lines]
    assert "game" not in got[0]["label"]
    for g in got:
        for label, surfaces in g["label"].items():
            assert label in {"company", "government", "organization", "name", "position", "address"}
            for surface, spans in surfaces.items():
                for s, e in spans:
                    assert g["text"][s:e + 1] == surface
    assert got[0]["label"]["name"] == {"苏平": [[15, 16]]}
    assert "二级巡视员" in got[0]["label"]["position"]
    assert "ＡＢＣ公司" in got[1]["label"].get("company", {}), "spans index the input, full-width and all"


def test_annotate_events_contract(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    lines = [{"id": "a", "content": "2019年3月20日，金马股份收购众泰汽车100%股权，交易金额116亿元。", "events": [{"type": "x"}]},
             {"id": "b", "content": "华为中标某市政务云项目，中标金额3000万元。"},
             {"id": "c", "content": "今天天气很好。"}]
    src.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    res = sh("annotate", "events", "--format", "fewfc", str(src), str(out))
    assert res.returncode == 0, res.stderr
    got = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [g["id"] for g in got] == ["a", "b", "c"] and got[2]["events"] == []
    types = {e["type"] for e in got[0]["events"]}
    assert {"收购", "投资"} <= types
    acq = next(e for e in got[0]["events"] if e["type"] == "收购")
    roles = {m["role"]: m["word"] for m in acq["mentions"]}
    assert roles["trigger"] == "收购" and roles["sub-org"] == "金马股份" and roles["obj-org"] == "众泰汽车"
    assert roles["money"] == "116亿元" and roles["proportion"] == "100%"
    for g in got:
        for e in g["events"]:
            for m in e["mentions"]:
                assert g["content"][m["span"][0]:m["span"][1]] == m["word"]
    bid = next(e for e in got[1]["events"] if e["type"] == "中标")
    assert {m["role"] for m in bid["mentions"]} >= {"trigger", "sub", "amount"}


def test_search_finds_the_same_in_both_scripts(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    assert sh("ingest", str(ROOT / "examples" / "demo"), "--db", db).returncode == 0
    simplified = json.loads(sh("search", "长鑫", "--db", db, "--json").stdout)
    traditional = json.loads(sh("search", "長鑫", "--db", db, "--json").stdout)
    assert simplified["documents"] and simplified["organizations"]
    assert traditional["q_simplified"] == "长鑫"
    assert [d["id"] for d in traditional["documents"]] == [d["id"] for d in simplified["documents"]]
    assert all("长鑫" in d["snippet"] for d in simplified["documents"])
    table = sh("search", "长鑫", "--db", db, "--limit", "1")
    assert table.returncode == 0 and table.stdout.count("\ndoc ") + table.stdout.startswith("doc ") <= 1
    assert "organisation(s)" in table.stdout
    assert json.loads(sh("search", "no-such-thing-xyz", "--db", db, "--json").stdout)["documents"] == []
