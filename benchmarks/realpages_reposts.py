"""Cross-document merging on the real-page set: does each story printed on two sites become one event with both
pages as its sources?

    .venv/bin/python benchmarks/realpages_reposts.py /tmp/realpages/text [--part dev|test|all]

For every story of the gold (``story``: a repost, or one press release printed by two outlets) with at least two
pages in the part, the pages are ingested into a fresh store (``icatlas ingest``, as a user would), and each event
the gold requires on *both* pages (same type, date and place) is looked up in the store: an event of that type,
date and place whose sources include every page of the story counts as merged; one found only with some of the
pages as sources, or split in two, counts as not merged; one not found at all is an extraction miss, reported
apart. Texts come from ``realpages_restore.py``; nothing of them is kept.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "data" / "realpages" / "gold.json"
SCORER = ROOT.parent / "shared" / "eval" / "score.py"


def scorer() -> Any:
    spec = importlib.util.spec_from_file_location("icatlas_score", SCORER)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def shared_events(docs: list[dict[str, Any]], norm: Any) -> list[dict[str, Any]]:
    """The required events every page of the story has (type, date, place as the gold writes them)."""
    keys = [{(e["type"], e.get("date"), norm(e.get("place"))) for e in d["events"]["required"]} for d in docs]
    common = set.intersection(*keys) if keys else set()
    first = docs[0]["events"]["required"]
    return [e for e in first if (e["type"], e.get("date"), norm(e.get("place"))) in common]


def stored_events(db: Path) -> list[dict[str, Any]]:
    sys.path.insert(0, str(ROOT / "src"))
    import icatlas

    atlas = icatlas.open(str(db))
    try:
        return list(atlas.events(include_off_topic=True, limit=10_000))
    finally:
        atlas.engine.dispose()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("textdir", type=Path)
    ap.add_argument("--part", default="all", choices=["dev", "test", "all"])
    args = ap.parse_args()
    sc = scorer()
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    stories: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for d in gold["docs"]:
        if d.get("story") and (args.part == "all" or d["part"] == args.part) and (args.textdir / d["doc"]).exists():
            stories[d["story"]].append(d)
    exe = str(Path(sys.executable).with_name("icatlas"))
    merged = split = missed = 0
    for story, docs in sorted(stories.items()):
        if len(docs) < 2:
            continue
        want = shared_events(docs, sc.norm_region)
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "kg.db"
            res = subprocess.run([exe, "ingest", *[str(args.textdir / d["doc"]) for d in docs], "--db", str(db),
                                  "--no-progress"], capture_output=True, text=True)
            if res.returncode != 0:
                print(f"{story}: ingest failed: {res.stderr[-500:]}", file=sys.stderr)
                return 1
            events = stored_events(db)
            names = {d["doc"] for d in docs}
            for item in want:
                found = [e for e in events if e["type"] == item["type"]
                         and (not item.get("date") or str(e.get("date") or "").startswith(item["date"]))
                         and (not item.get("place") or sc.norm_region(e.get("place")) == sc.norm_region(item["place"]))]
                whole = [e for e in found if {Path(s["source"] or "").name for s in e["sources"]} >= names]
                state = "merged" if whole else ("split" if found else "not found")
                merged += bool(whole)
                split += bool(found) and not whole
                missed += not found
                print(f"{story}: {item['type']} {item.get('date')} {item.get('place')}: {state}"
                      f" ({len(found)} stored event(s))")
    total = merged + split + missed
    print(f"shared events of the reposted stories: {total}; merged into one event with every page as a source: "
          f"{merged}; found but not merged: {split}; not found: {missed}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
