"""Add or refresh the ``group`` column of the bundled organisations (src/icatlas/data/organizations.csv).

A group names the corporate family an organisation belongs to, by the registry id of its head (or of the best-known
member where the head is not in the registry). Members come from public company structure (annual reports and
company profiles): a subsidiary named as its parent plus a city, or a fab or plant the parent owns. Analyses count a
group once per region and segment, and list one member per group among attraction targets and partners.

Run: python scripts/registry_groups.py   (rewrites the CSV in place; other columns unchanged)
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

GROUPS: dict[str, list[str]] = {
    "smic": ["smic", "smic-south", "smic-north", "smic-beijing", "smic-tianjin", "smic-shenzhen", "smic-jingcheng",
             "smic-dongfang"],
    "huahong-group": ["huahong-group", "hua-hong-semiconductor", "huahong-grace", "hua-hong-wuxi", "hlmc",
                      "huali-ic"],
    "silan": ["silan", "silan-jike", "silan-jixin"],
    "crmicro": ["crmicro", "csmc", "crmicro-chongqing"],
    "jcet": ["jcet", "jcap", "stats-chippac-jiangyin"],
    "tongfu": ["tongfu", "tf-amd-suzhou"],
    "huatian": ["huatian", "huatian-kunshan"],
    "sanan-optoelectronics": ["sanan-optoelectronics", "sanan-ic", "hunan-sanan"],
    "unigroup": ["unigroup", "unigroup-guoxin", "unisoc", "tongxin-micro", "pango"],
    "tsmc": ["tsmc", "tsmc-nanjing", "tsmc-china"],
    "umc": ["umc", "hejian", "united-semi-xiamen"],
    "samsung-xian": ["samsung-xian", "samsung-suzhou"],
    "sk-hynix-wuxi": ["sk-hynix-wuxi", "sk-hynix-chongqing", "hynix-system-ic-wuxi"],
    "ase-holding": ["ase-holding", "ase-shanghai", "ase-kunshan", "spil", "spil-suzhou"],
    "cetc": ["cetc-chip-technology", "cetc-equipment", "cetc-13", "cetc-55"],
}

PATH = Path(__file__).resolve().parents[1] / "src" / "icatlas" / "data" / "organizations.csv"


def main() -> None:
    text = PATH.read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    fields = list(rows[0].keys())
    if "group" not in fields:
        fields.insert(fields.index("segments") + 1, "group")
    member_of = {m: g for g, ms in GROUPS.items() for m in ms}
    ids = {r["id"] for r in rows}
    missing = sorted(set(member_of) - ids)
    if missing:
        raise SystemExit(f"not in the registry: {', '.join(missing)}")
    for r in rows:
        r["group"] = member_of.get(r["id"], "")
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    PATH.write_text(out.getvalue(), encoding="utf-8")
    print(f"{sum(1 for r in rows if r['group'])} organisations in {len(GROUPS)} groups")


if __name__ == "__main__":
    main()
