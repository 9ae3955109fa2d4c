"""Reference organisations of the IC industry: canonical name, short and English names, type, region,
segments, corporate family (group), district and park where known, and a source note. Loaded from ``icatlas/data/organizations.csv``."""
from __future__ import annotations

import csv
import re
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
    """Every written form (name, short names, English, Traditional) of the reference organisations, then the English
    short forms derived from them (:func:`english_short_forms`) where no other organisation is written so."""
    out: dict[str, RefOrg] = {}
    for org in reference_orgs():
        for form in org.names():
            out.setdefault(form, org)
    for org in reference_orgs():
        for form in english_short_forms(org):
            out.setdefault(form, org)
    return out


def org_by_form(form: str) -> RefOrg | None:
    """The reference organisation written ``form``, or written so less an English legal form (…International Corp is
    …International Corporation)."""
    forms = org_forms()
    hit = forms.get(form)
    if hit is None and form.isascii():
        bare = _LEGAL.sub("", form).strip()
        hit = forms.get(bare) if bare != form else None
    elif hit is None:
        # 和舰公司: a short name with a bare word for a firm is that organisation
        bare = _CN_FORM.sub("", form)
        hit = forms.get(bare) if bare != form and len(bare) >= 2 else None
    return hit


_CN_FORM = re.compile(r"公司$")  # (集团 names a parent group as often: listed as an alias where it is the firm)


_LEGAL = re.compile(r"(?:,?\s+(?:Co\.,?\s*Ltd\.?|Co\.|Co\b|Ltd\.?|Limited|Inc\.?|Corporation|Corp\.?|Company|Group|Holdings?|"
                    r"PLC|LLC|S\.A\.|AG|GmbH|N\.V\.|B\.V\.))+\s*$")
_TRADE = {"Semiconductor", "Semiconductors", "Technology", "Technologies", "Microelectronics", "Electronics",
          "Electronic", "Manufacturing", "Memory", "Circuit", "Circuits", "Integrated", "Industries", "Industrial",
          "International"}


def english_short_forms(org: RefOrg) -> list[str]:
    """The shorter English names people write for a registry organisation: its English name less its legal form
    (NAURA Technology Group Co., Ltd. → NAURA Technology), then less one trailing line-of-business word at a time
    (→ NAURA; Hua Hong Semiconductor Limited → Hua Hong; Taiwan Semiconductor Manufacturing → Taiwan Semiconductor),
    stopping before a form that is a place or one plain word (Yangtze; NAURA and ChangXin stand alone); and a
    subsidiary named as its group plus a city (中芯北京) is also its group's short form plus the city (SMIC Beijing)."""
    from .regions import regions

    out: list[str] = []
    name = (org.name_en or "").strip()
    if name:
        base = _LEGAL.sub("", name).strip()
        forms = [base]
        while " " in base and base.rsplit(" ", 1)[1] in _TRADE:
            base = base.rsplit(" ", 1)[0].strip()
            forms.append(base)
        idx = regions()
        for k, f in enumerate(forms):
            if f == name or "(" in f:
                continue
            one_word = " " not in f
            if k and all(w in _TRADE for w in f.split()):
                break  # Semiconductor Manufacturing (of … International): trade words alone name no one
            if idx.lookup(f) or not f[:1].isupper() or (one_word and len(f) < 3) or (one_word and not f.isupper()
                                                        and not any(c.isupper() for c in f[1:])):
                break  # a place (Taiwan), or one plain word (Yangtze): not a name on its own
            out.append(f)
    out += _city_forms(org)
    return list(dict.fromkeys(out))


def _city_forms(org: RefOrg) -> list[str]:
    """SMIC Beijing for 中芯北京: the group's Latin short name and the city's English name, when a Chinese short name
    is the group's Chinese short name plus the city."""
    from .regions import regions

    head = org_by_id().get(org.group or "")
    if head is None or head.id == org.id:
        return []
    idx = regions()
    city = idx.get(org.district or org.region)
    while city is not None and city.level not in ("city", "province"):
        city = idx.parent(city)
    if city is None or not city.name_en:
        return []
    short = city.short or city.name
    cn_heads = [a for a in head.aliases if not a.isascii()]
    en_heads = [a for a in head.aliases if a.isascii() and a[:1].isupper()]
    if not any(a == h + short for a in org.aliases for h in cn_heads):
        return []
    return [f"{h} {city.name_en}" for h in en_heads]


@lru_cache(maxsize=1)
def org_by_id() -> dict[str, RefOrg]:
    return {o.id: o for o in reference_orgs()}
