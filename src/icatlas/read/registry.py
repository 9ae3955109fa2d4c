"""Users' own organisation registries: CSV or Excel rows with name, region, segments, aliases, type, website, and
optionally the corporate group, a stock code (a listed company), an annual revenue band (100+, 10-100, 1-10, <1
亿元) and the revenue itself (revenue_yi, 亿元), which weigh the firm's scale on the map.

Rows are validated one by one; a bad row is reported with its line and reason and the others go in.
"""
from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..reference import ORG_TYPES, RefOrg, chain, regions

COLUMNS = ("name", "region", "segments", "aliases", "type", "website", "group", "stock_code", "revenue_band",
           "revenue_yi")
#: Annual revenue bands (亿元) a registry may give; they weigh a firm's scale on the map.
REVENUE_BANDS = ("100+", "10-100", "1-10", "<1")
_SPLIT = re.compile(r"[|;；、,，]")
_URL = re.compile(r"^(https?://)?[\w.-]+\.[a-z]{2,}(/\S*)?$", re.I)


@dataclass
class RegistryRows:
    """The valid organisations of a registry file, and (line, reason) for each rejected row."""

    orgs: list[tuple[int, RefOrg]] = field(default_factory=list)
    rejected: list[tuple[int, str]] = field(default_factory=list)


def read_rows(path: Path) -> list[tuple[int, dict[str, Any]]]:
    """(line number, row) pairs of a CSV (UTF-8, with or without BOM) or .xlsx file with a header row."""
    if not path.is_file():
        raise InputError(f"{path}: no such file", "check the path")
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        ws = load_workbook(path, read_only=True, data_only=True).active
        if ws is None:
            raise InputError(f"{path}: the workbook has no sheet", "put the table on the first sheet")
        it = ws.iter_rows(values_only=True)
        header = [str(h or "").strip().lower() for h in next(it, [])]
        return [(n, {h: ("" if v is None else str(v)).strip() for h, v in zip(header, row)})
                for n, row in enumerate(it, start=2) if any(v not in (None, "") for v in row)]
    if path.suffix.lower() != ".csv":
        raise InputError(f"{path}: not a .csv or .xlsx file", "save the registry as CSV (UTF-8) or Excel .xlsx")
    text = path.read_bytes().decode("utf-8-sig")
    reader = csv.DictReader(text.splitlines())
    reader.fieldnames = [f.strip().lower() for f in reader.fieldnames or []]
    return [(n, {k: (v or "").strip() for k, v in row.items() if k}) for n, row in enumerate(reader, start=2)]


def validate(path: Path) -> RegistryRows:
    """The registry's rows checked one by one against the reference regions and chain."""
    rows = read_rows(path)
    out = RegistryRows()
    if rows and "name" not in rows[0][1]:
        raise InputError(f"{path}: no 'name' column", f"the header needs the columns {', '.join(COLUMNS)}")
    idx, ch = regions(), chain()
    for line, row in rows:
        name = row.get("name", "")
        if not name:
            out.rejected.append((line, "no name"))
            continue
        region = idx.get(row.get("region", "")) or idx.resolve(row.get("region", ""))
        if region is None:
            out.rejected.append((line, f"region {row.get('region', '')!r} is not a known region"))
            continue
        segments: list[str] = []
        unknown: list[str] = []
        for s in (x.strip() for x in _SPLIT.split(row.get("segments", "")) if x.strip()):
            node = ch.find(s)
            (segments if node else unknown).append(node.id if node else s)
        if unknown:
            out.rejected.append((line, f"unknown segment(s) {', '.join(unknown)} (see `icatlas chain`)"))
            continue
        otype = (row.get("type") or "company").lower()
        if otype not in ORG_TYPES:
            out.rejected.append((line, f"type {otype!r} is not one of {', '.join(ORG_TYPES)}"))
            continue
        website = row.get("website", "")
        if website and not _URL.match(website):
            out.rejected.append((line, f"website {website!r} is not a web address"))
            continue
        band = row.get("revenue_band", "")
        if band and band not in REVENUE_BANDS:
            out.rejected.append((line, f"revenue_band {band!r} is not one of {', '.join(REVENUE_BANDS)}"))
            continue
        try:
            revenue = float(row["revenue_yi"]) if row.get("revenue_yi") else None
        except ValueError:
            out.rejected.append((line, f"revenue_yi {row.get('revenue_yi')!r} is not a number (亿元)"))
            continue
        aliases = [a.strip() for a in re.split(r"[|;；、]", row.get("aliases", "")) if a.strip()]
        oid = "user:" + hashlib.sha1(f"{otype}|{name}".encode()).hexdigest()[:12]
        out.orgs.append((line, RefOrg(id=oid, name=name, type=otype, region=region.code, segments=segments,
                                      aliases=aliases, source=f"imported from {path.name}" +
                                      (f"; website {website}" if website else ""),
                                      group=row.get("group") or None, stock_code=row.get("stock_code") or None,
                                      revenue_band=band or None, revenue_yi=revenue)))
    return out
