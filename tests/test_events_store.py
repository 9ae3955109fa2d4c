"""Events across documents: one signing reported by two pages is one event with two sources; two signings on the
same day by different parties stay apart; listing by date, type, region and participant; relevance overrides."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from icatlas.model import Event
from icatlas.store.merge import dates_compatible, is_same_event, same_party

MERGE = Path(__file__).parent / "data" / "merge"
EXE = str(Path(sys.executable).with_name("icatlas"))


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([EXE, *args], capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("merge") / "m.db")
    out = run("ingest", str(MERGE), "--db", path)
    assert out.returncode == 0, out.stderr
    return path


def _events(db: str, *args: str) -> list[dict]:
    out = run("events", "--db", db, "--json", *args)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_same_signing_from_two_pages_is_one_event(db: str) -> None:
    evs = _events(db, "--type", "agreement_signed")
    assert len(evs) == 3
    hefei = [e for e in evs if any("长鑫" in p["name"] for p in e["participants"])]
    assert len(hefei) == 1 and len(hefei[0]["sources"]) == 2
    assert hefei[0]["date"] == "2024-03-15"  # 昨天 on a page of 03-16
    wuxi = [e for e in evs if any(p["name"] == "无锡市人民政府" for p in e["participants"])]
    assert len(wuxi) == 2 and all(len(e["sources"]) == 1 for e in wuxi)


def test_listing_filters(db: str) -> None:
    assert {e["place"] for e in _events(db, "--region", "合肥")} == {"合肥市"}
    assert len(_events(db, "--region", "长三角")) == 3  # 合肥 and 无锡 lie in the group
    assert _events(db, "--since", "2024-04") == []
    assert len(_events(db, "--since", "2024-03", "--until", "2024-03")) == 3
    assert len(_events(db, "--participant", "华虹")) == 1
    bad = run("events", "--db", db, "--type", "party")
    assert bad.returncode != 0 and "unknown event type" in bad.stderr
    unknown = run("events", "--db", db, "--region", "不存在的地方")
    assert unknown.returncode != 0 and "no region" in unknown.stderr


def test_relevance_override_hides_and_restores(db: str) -> None:
    shown = run("relevance", "3", "--db", db, "--json")
    info = json.loads(shown.stdout)
    assert info["in_force"] is True and info["reasons"]
    assert json.loads(run("relevance", "3", "--db", db, "--set", "off-topic", "--json").stdout)["in_force"] is False
    assert len(_events(db)) == 2 and len(_events(db, "--all")) == 3
    assert json.loads(run("relevance", "3", "--db", db, "--set", "auto", "--json").stdout)["in_force"] is True
    assert len(_events(db)) == 3
    assert run("relevance", "3", "--db", db, "--set", "maybe").returncode != 0


def test_merge_rules() -> None:
    assert same_party("合肥市政府", "合肥市人民政府") and same_party("長鑫存儲", "长鑫存储技术有限公司")
    assert not same_party("华虹半导体有限公司", "长电科技")
    assert dates_compatible("2024-03-15", "2024-03-17") and not dates_compatible("2024-03-15", "2024-03-25")
    assert dates_compatible("2024-03", "2024-03-15") and not dates_compatible("2024-02", "2024-03-15")
    a = Event("agreement_signed", (0, 2), (0, 10), "2024-03-15", "day",
              participants=[{"name": "甲公司", "role": "signer"}, {"name": "乙市人民政府", "role": "signer"}])
    row = {"type": "agreement_signed", "date": "2024-03-16", "amount_value": None, "amount_currency": None,
           "name": None, "participants": [{"name": "乙市人民政府"}, {"name": "甲公司"}]}
    assert is_same_event(a, row)
    assert not is_same_event(a, {**row, "participants": [{"name": "乙市人民政府"}, {"name": "丙公司"}]})
    assert not is_same_event(a, {**row, "type": "meeting"})
    a.amount = {"value": 1e9, "currency": "CNY"}
    assert not is_same_event(a, {**row, "amount_value": 5e9, "amount_currency": "CNY"})


def test_a_limit_of_zero_lists_everything(db: str) -> None:
    every = _events(db, "--limit", "0")
    assert len(every) > 2 and len(_events(db, "--limit", "2")) == 2
    docs = run("documents", "--db", db, "--json", "--limit", "0")
    assert docs.returncode == 0 and len(json.loads(docs.stdout)) >= 2
    assert run("documents", "--db", db, "--limit", "-1").returncode != 0
