"""Reference organisations of the IC industry: canonical name, short and English names, type, region,
segments, corporate family (group), district and park where known, and a source note. Loaded from ``icatlas/data/organizations.csv``."""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

ORG_TYPES = ("company", "government", "association", "university", "institute", "park", "fund", "platform", "media",
             "organization")


@dataclass
class RefOrg:
    id: str
    name: str
    type: str
    region: str
    segments: list[str]
    aliases: list[str] = field(default_factory=list)
    name_en: str | None = None
    name_hant: str | None = None
    stock_code: str | None = None
    source: str = ""
    group: str | None = None  # the registry id that names its corporate family
    district: str | None = None  # the county-level code of its main site, when public knowledge vouches for it
    zone: str | None = None  # the park or zone (zones.csv) it sits in, when known
    revenue_band: str | None = None  # annual revenue band in 亿元 (100+, 10-100, 1-10, <1), when public sources tell
    revenue_yi: float | None = None  # the approximate annual revenue in 亿元, when public sources state it

    def names(self) -> list[str]:
        return [n for n in dict.fromkeys([self.name, *self.aliases, self.name_en or "", self.name_hant or ""]) if n]


def _split(v: str | None) -> list[str]:
    return [x.strip() for x in (v or "").split("|") if x.strip()]


@lru_cache(maxsize=1)
def reference_orgs() -> list[RefOrg]:
    """The bundled organisations (loaded once)."""
    try:
        text = resources.files("icatlas.data").joinpath("organizations.csv").read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    out = []
    for row in csv.DictReader(text.splitlines()):
        out.append(RefOrg(id=row["id"], name=row["name"], type=row.get("type") or "company", region=row["region"],
                          segments=_split(row.get("segments")), aliases=_split(row.get("short_names")),
                          name_en=row.get("name_en") or None, name_hant=row.get("name_hant") or None,
                          stock_code=row.get("stock_code") or None, source=row.get("source") or "",
                          group=row.get("group") or None, district=row.get("district") or None,
                          zone=row.get("zone") or None, revenue_band=row.get("revenue_band") or None,
                          revenue_yi=float(row["revenue_yi"]) if row.get("revenue_yi") else None))
    return out


@lru_cache(maxsize=1)
def org_forms() -> dict[str, RefOrg]:
    """Every written form (name, short names, English, Traditional) of the reference organisations."""
    out: dict[str, RefOrg] = {}
    for org in reference_orgs():
        for form in org.names():
            out.setdefault(form, org)
    return out


@lru_cache(maxsize=1)
def org_by_id() -> dict[str, RefOrg]:
    return {o.id: o for o in reference_orgs()}
