"""Derive src/icatlas/data/streets.csv (township-level divisions: streets, towns, townships) from the national
division codes (modood/Administrative-divisions-of-China, WTFPL), for the address gazetteer.

    python scripts/build_streets.py --ref ../shared/ref/regions --out src/icatlas/data
"""
from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--ref", type=Path, required=True, help="folder holding streets.csv")
    ap.add_argument("--out", type=Path, required=True, help="folder to write streets.csv into")
    args = ap.parse_args()
    districts = set()
    regions_csv = args.out / "regions.csv"
    if regions_csv.is_file():
        districts = {r["code"] for r in csv.DictReader(regions_csv.open(encoding="utf-8"))}
    rows, skipped = [], 0
    with (args.ref / "streets.csv").open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            if districts and r["areaCode"] not in districts:
                skipped += 1
                continue
            rows.append((r["code"], r["name"].strip(), r["areaCode"]))
    rows.sort()
    with (args.out / "streets.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["code", "name", "district_code"])
        w.writerows(rows)
    print(f"streets.csv: {len(rows)} rows ({skipped} skipped: district not in regions.csv)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
