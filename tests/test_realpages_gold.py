"""The real-page gold keeps its promises: one entry per page and address, no reserved page, a story in one part,
every page identified by the length and hash of the text it was written on, and gold the maintainers' scorer reads."""
from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

from .conftest import SHARED, need_shared

GOLD = Path(__file__).parent / "data" / "realpages" / "gold.json"
DOCS = json.loads(GOLD.read_text(encoding="utf-8"))["docs"]


def test_every_page_and_address_is_listed_once() -> None:
    assert len({d["doc"] for d in DOCS}) == len(DOCS)
    assert len({d["url"] for d in DOCS}) == len(DOCS)
    for d in DOCS:
        assert d["language"] in ("zh-Hans", "zh-Hant", "en"), d["doc"]
        assert d["part"] in ("dev", "test"), d["doc"]
        assert isinstance(d["length"], int) and d["length"] > 0, d["doc"]
        assert re.fullmatch(r"[0-9a-f]{64}", d["sha256"]), d["doc"]
        assert d["query"].strip(), d["doc"]


def test_a_story_stays_in_one_part_and_both_parts_hold_every_language() -> None:
    parts: dict[str, set[str]] = defaultdict(set)
    for d in DOCS:
        if d.get("story"):
            parts[d["story"]].add(d["part"])
    assert all(len(p) == 1 for p in parts.values()), {s: p for s, p in parts.items() if len(p) > 1}
    for lang in ("zh-Hans", "zh-Hant", "en"):
        in_lang = [d for d in DOCS if d["language"] == lang]
        test_share = sum(d["part"] == "test" for d in in_lang) / len(in_lang)
        assert 0.25 <= test_share <= 0.42, (lang, test_share)


def test_no_page_is_reserved_for_the_maintainers() -> None:
    need_shared()
    spec = importlib.util.spec_from_file_location("reserved", SHARED / "eval" / "reserved.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    assert [d["url"] for d in DOCS if mod.reserved(d["url"])] == []


def test_the_maintainers_scorer_reads_the_gold(tmp_path: Path) -> None:
    need_shared()
    pred = tmp_path / "empty.jsonl"
    pred.write_text("".join(json.dumps({"doc": d["doc"]}) + "\n" for d in DOCS), encoding="utf-8")
    res = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), "seeds", str(GOLD), str(pred)],
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr[-2000:]
    assert "recall" in res.stdout.lower()
