"""Merge or check the place and scale columns of the bundled organisations (src/icatlas/data/organizations.csv).

``district`` is the county-level code (regions.csv) of an organisation's main site and ``zone`` the park or zone
(zones.csv) it sits in; ``place_basis`` says where that comes from (a prospectus, a listing notice, a company
profile). Both are left empty where public sources were not clear: a wrong district is worse than none.
``revenue_band`` is a company's annual revenue band in 亿元 (100+, 10-100, 1-10, <1) in a recent year (2022-2024)
from annual reports, prospectuses and published rankings, with ``scale_basis``; empty where no figure is public.
``revenue_yi`` is the approximate revenue in 亿元 that the basis states ("~21亿元"), where it states one.

Run:
  python scripts/registry_places.py --check            # every district lies in the row's region, every zone exists
  python scripts/registry_places.py --merge FILE.csv   # FILE: id,district_code,zone_code,basis (one row per id)
  python scripts/registry_places.py --merge-scale FILE.csv   # FILE: id,revenue_band,basis
"""
from __future__ import annotations

import argparse
import csv
import io
import re
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "src" / "icatlas" / "data"
ORGS = DATA / "organizations.csv"
BANDS = ("100+", "10-100", "1-10", "<1")


def _rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def _in_band(yi: float, band: str) -> bool:
    lo, hi = {"100+": (100, 1e9), "10-100": (10, 100), "1-10": (1, 10), "<1": (0, 1)}.get(band, (0, 0))
    return lo * 0.85 <= yi <= hi * 1.15  # a band is for the latest year; the figure may be the year before


def check() -> list[str]:
    regions = {r["code"]: r for r in _rows(DATA / "regions.csv")}
    zones = {r["code"]: r for r in _rows(DATA / "zones.csv")}
    problems = []
    for r in _rows(ORGS):
        d, z = r.get("district", ""), r.get("zone", "")
        if d:
            chain, cur = [], regions.get(d)
            while cur is not None:
                chain.append(cur["code"])
                cur = regions.get(cur["parent_code"]) if cur["parent_code"] else None
            if d not in regions or r["region"] not in chain:
                problems.append(f"{r['id']}: district {d} is not in region {r['region']}")
        if z and z not in zones:
            problems.append(f"{r['id']}: no zone {z}")
        if (d or z) and not r.get("place_basis"):
            problems.append(f"{r['id']}: a place without a basis")
        band = r.get("revenue_band", "")
        if band and (band not in BANDS or r["type"] != "company" or not r.get("scale_basis")):
            problems.append(f"{r['id']}: revenue band {band!r} needs a company, one of {BANDS} and a basis")
        yi = r.get("revenue_yi", "")
        if yi and not _in_band(float(yi), band):
            problems.append(f"{r['id']}: revenue {yi}亿 is outside its band {band!r}")
    return problems


def merge(src: Path) -> None:
    rows = _rows(ORGS)
    got = {r["id"]: r for r in _rows(src)}
    fields = list(rows[0].keys())
    for name in ("district", "zone", "place_basis"):
        if name not in fields:
            fields.insert(fields.index("source"), name)
    for r in rows:
        g = got.get(r["id"], {})
        r["district"], r["zone"], r["place_basis"] = (g.get("district_code", ""), g.get("zone_code", ""),
                                                      g.get("basis", ""))
    _write(rows, fields)


def _write(rows: list[dict[str, str]], fields: list[str]) -> None:
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    ORGS.write_text(out.getvalue(), encoding="utf-8")


def merge_scale(src: Path) -> None:
    rows = _rows(ORGS)
    got = {r["id"]: r for r in _rows(src)}
    fields = list(rows[0].keys())
    for name in ("revenue_band", "revenue_yi", "scale_basis"):
        if name not in fields:
            fields.insert(fields.index("source"), name)
    for r in rows:
        g = got.get(r["id"], {})
        r["revenue_band"], r["scale_basis"] = g.get("revenue_band", ""), g.get("basis", "")
        m = re.search(r"~\s*([\d.]+)\s*亿", r["scale_basis"])
        r["revenue_yi"] = m.group(1) if m and r["revenue_band"] else ""
    _write(rows, fields)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--merge", type=Path)
    ap.add_argument("--merge-scale", type=Path)
    ap.add_argument("--check", action="store_true")
    a = ap.parse_args()
    if a.merge:
        merge(a.merge)
    if a.merge_scale:
        merge_scale(a.merge_scale)
    problems = check()
    for p in problems:
        print(p)
    rows = _rows(ORGS)
    print(f"{sum(1 for r in rows if r.get('district'))} organisations with a district, "
          f"{sum(1 for r in rows if r.get('zone'))} with a zone, {sum(1 for r in rows if r.get('revenue_band'))} "
          f"with a revenue band; {len(problems)} problem(s)")
    raise SystemExit(1 if problems else 0)


if __name__ == "__main__":
    main()
