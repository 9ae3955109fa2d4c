"""Read and change the quality floors in tests/quality_baseline.json (the one place they live).

    python scripts/floors.py show
    python scripts/floors.py set NAME VALUE [--measured X] [--data GROUP]     raise a floor (or add a new check)
    python scripts/floors.py set NAME VALUE --lower --reason "why"          lower one: the reason goes into
                                                                            docs/quality.md, "Floors lowered"
    python scripts/floors.py rehash GROUP --reason "why"                    the data of GROUP changed on purpose
    python scripts/floors.py group GROUP FILE_OR_GLOB...                    declare a data group (new checks)

Every change records the date and the commit it was measured at (HEAD).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.baseline import BASELINE, data_sha256  # noqa: E402

QUALITY = Path(os.environ.get("ICATLAS_QUALITY_DOC") or ROOT / "docs" / "quality.md")
LOWERED = "## Floors lowered"


def head() -> str:
    res = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    return res.stdout.strip() or "unknown"


def load() -> dict:
    return json.loads(BASELINE.read_text(encoding="utf-8"))


def save(data: dict) -> None:
    data["checks"] = dict(sorted(data["checks"].items()))
    BASELINE.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def log_lowering(line: str) -> None:
    text = QUALITY.read_text(encoding="utf-8")
    if LOWERED not in text:
        text = text.rstrip("\n") + f"\n\n{LOWERED}\n\nEvery lowered floor, with its reason (`scripts/floors.py`).\n\n"
    QUALITY.write_text(text.rstrip("\n") + "\n" + line + "\n", encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    sub.add_parser("show")
    s = sub.add_parser("set")
    s.add_argument("name")
    s.add_argument("value", type=float)
    s.add_argument("--measured", type=float)
    s.add_argument("--data", help="the data group of a new check")
    s.add_argument("--lower", action="store_true")
    s.add_argument("--reason")
    r = sub.add_parser("rehash")
    r.add_argument("group")
    r.add_argument("--reason", required=True)
    g = sub.add_parser("group")
    g.add_argument("group")
    g.add_argument("files", nargs="+")
    a = ap.parse_args()
    data = load()
    today = dt.date.today().isoformat()
    if a.cmd == "show":
        for name, c in data["checks"].items():
            print(f"{name:44} floor {c['floor']:<8} measured {c.get('measured')!s:<8} {c['date']} {c['commit']} "
                  f"[{c['data']}]")
        return
    if a.cmd == "group":
        data["data"][a.group] = {"files": a.files, "sha256": data_sha256(a.files), "date": today, "commit": head()}
        save(data)
        print(f"{a.group}: {data['data'][a.group]['sha256'][:12]}…")
        return
    if a.cmd == "rehash":
        spec = data["data"][a.group]
        old, spec["sha256"] = spec["sha256"], data_sha256(spec["files"])
        spec.update(date=today, commit=head())
        save(data)
        log_lowering(f"- {today} ({head()}): data of `{a.group}` changed ({old[:12]}… → {spec['sha256'][:12]}…): "
                     f"{a.reason}")
        return
    check = data["checks"].get(a.name)
    if check is None:
        if not a.data or a.data not in data["data"]:
            sys.exit(f"{a.name} is a new check: give --data with one of {', '.join(data['data'])}")
        check = data["checks"][a.name] = {"floor": a.value, "data": a.data}
    elif (a.value > check["floor"]) if check.get("direction") == "max" else (a.value < check["floor"]):
        # a ceiling (direction max) is loosened by raising it, a floor by lowering it
        if not (a.lower and a.reason):
            sys.exit(f"{a.name}: {a.value} loosens the bound {check['floor']}; that takes --lower --reason")
        log_lowering(f"- {today} ({head()}): `{a.name}` {check['floor']} → {a.value}: {a.reason}")
    check.update(floor=a.value, date=today, commit=head())
    if a.measured is not None:
        check["measured"] = a.measured
    save(data)
    print(f"{a.name}: floor {a.value}")


if __name__ == "__main__":
    main()
