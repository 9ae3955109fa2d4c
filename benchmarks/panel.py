"""Score the map against the expert panel (tests/data/panel.yaml): leading strengths and acknowledged weak links.

Builds a store from the bundled reference data plus the demo corpus (examples/demo), then for each panel entry reads
the label of the segment in the region at the panel's level, and the region's gaps:

- strengths labelled leading or specialised (target: at least 90 %);
- panel strengths that appear among their region's gaps (target: none);
- weak links that appear among the region's gaps (target: at least 80 %).

The panel's held-out third (``holdout: true``) is scored apart and only when asked (``--holdout``).

Run: .venv/bin/python benchmarks/panel.py [--holdout] [--db PATH] [--misses]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
PANEL = ROOT / "tests" / "data" / "panel.yaml"
DEMO = ROOT / "examples" / "demo"
AS_OF = "2026-12-01"  # a fixed as-of date, so that the figures do not move with the calendar
LEVELS = {"province": "province", "city": "city", "county": "district"}


def build_store(db: Path) -> Any:
    """The store a user gets from `icatlas ingest examples/demo` (the CLI, as run from the README)."""
    import subprocess

    from icatlas.atlas import Atlas

    cli = Path(sys.executable).with_name("icatlas")
    subprocess.run([str(cli), "ingest", str(DEMO), "--db", str(db)], check=True, capture_output=True)
    return Atlas.open(str(db))


def score(atlas: Any, entries: dict[str, list[dict[str, Any]]], holdout: bool) -> dict[str, Any]:
    from icatlas.analytics.gaps import _gap_rows
    from icatlas.analytics.snapshot import snapshot
    from icatlas.analytics.strength import labels

    snap = snapshot(atlas)
    out: dict[str, Any] = {"strengths": [], "weak": []}
    for kind in ("strengths", "weak"):
        for e in entries[kind]:
            if bool(e.get("holdout")) != holdout:
                continue
            r = snap.region(str(e["region"]))
            level = LEVELS[e["level"]]
            lab = labels(snap, r.code, AS_OF, level)
            s = lab[e["segment"]]
            gap_ids = [g["id"] for g in _gap_rows(snap, r, None, AS_OF, level)]
            out[kind].append({"region": e["region"], "code": r.code, "level": level, "segment": e["segment"],
                              "label": s.label, "count": s.count, "rank": s.rank, "lq": round(s.lq, 2),
                              "gap": e["segment"] in gap_ids,
                              "gap_rank": gap_ids.index(e["segment"]) + 1 if e["segment"] in gap_ids else None})
    st, wk = out["strengths"], out["weak"]
    out["figures"] = {
        "strengths": len(st), "strong_share": sum(x["label"] in ("leading", "specialised") for x in st) / max(1, len(st)),
        "strengths_in_gaps": sum(x["gap"] for x in st),
        "weak": len(wk), "weak_in_gaps": sum(x["gap"] for x in wk) / max(1, len(wk)),
    }
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--holdout", action="store_true", help="score the held-out third instead of the rest")
    ap.add_argument("--db", help="an existing store built from the demo corpus (default: a new one in /tmp)")
    ap.add_argument("--misses", action="store_true", help="list the entries that miss")
    a = ap.parse_args()
    entries = yaml.safe_load(PANEL.read_text(encoding="utf-8"))
    if a.db:
        from icatlas.atlas import Atlas

        atlas = Atlas.open(a.db)
    else:
        atlas = build_store(Path(tempfile.mkdtemp()) / "panel.db")
    res = score(atlas, entries, a.holdout)
    f = res["figures"]
    part = "held-out third" if a.holdout else "development two thirds"
    print(f"panel ({part}): {f['strengths']} strengths, {f['strong_share']:.0%} leading or specialised, "
          f"{f['strengths_in_gaps']} among their region's gaps; {f['weak']} weak links, "
          f"{f['weak_in_gaps']:.0%} among the gaps")
    if a.misses:
        for x in res["strengths"]:
            if x["label"] not in ("leading", "specialised") or x["gap"]:
                print("  strength miss:", x)
        for x in res["weak"]:
            if not x["gap"]:
                print("  weak miss:", x)
    return 0


if __name__ == "__main__":
    sys.exit(main())
