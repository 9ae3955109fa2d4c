"""Regions: provinces, cities, districts, region groups and development zones, with their aliases.

Loaded from ``icatlas/data/regions.csv``, ``region_groups.csv``, ``zones.csv`` and ``foreign.csv`` (each row carries
its source; ``scripts/build_regions.py`` rebuilds the first from the national division codes). The places abroad
(level ``country``, and ``abroad`` for a state, prefecture or town under its country) are there so that a plant in
熊本县 or Arizona is placed there; they are never compared with the regions of China.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

MUNICIPALITIES = {"110000", "120000", "310000", "500000", "810000", "820000"}
LEVEL_RANK = {"group": 0, "province": 1, "city": 2, "zone": 3, "district": 4, "country": 5, "abroad": 6}
#: the levels of places outside China
ABROAD_LEVELS = frozenset({"country", "abroad"})


_EN_SWAPS = (("Technological", "Technology"), ("Technology", "Technological"), ("Development Zone", "Development Area"),
             ("Development Area", "Development Zone"), ("Hi-tech", "High-tech"), ("High-tech", "Hi-tech"),
             ("Hi-Tech", "High-Tech"), ("High-Tech", "Hi-Tech"), ("Hi-tech", "Hi-Tech"), ("High-tech", "High-Tech"))


def english_variants(name: str) -> list[str]:
    """An English zone name with the spellings pages use for the same words (Economic and Technology Development Area
    for …Technological Development Area; Hi-tech and High-tech)."""
    out = [name]
    if name.isascii():
        for a, b in _EN_SWAPS:
            out += [v.replace(a, b) for v in list(out) if a in v]
    return out


@dataclass
class Region:
    code: str
    name: str
    level: str
    parent: str | None = None
    short: str | None = None
    name_hant: str | None = None
    name_en: str | None = None
    aliases: list[str] = field(default_factory=list)
    members: list[str] = field(default_factory=list)
    context_aliases: list[str] = field(default_factory=list)
    kind: str | None = None
    lon: float | None = None
    lat: float | None = None

    def names(self) -> list[str]:
        out = [self.name, self.short or "", self.name_hant or "", self.name_en or "", *self.aliases]
        return [n for n in dict.fromkeys(out) if n]


class RegionIndex:
    """All regions by code, and every written form (Simplified, Traditional, English, short) to regions."""

    def __init__(self, rows: list[Region]) -> None:
        self.by_code = {r.code: r for r in rows}
        self.by_form: dict[str, list[Region]] = {}
        for r in rows:
            for form in {v for name in r.names() for v in english_variants(name)}:
                if self._usable(form, r):
                    self.by_form.setdefault(form, []).append(r)
        # forms that name a group only where the group is already in view (三省一市 next to 长三角)
        self.contextual: dict[str, list[Region]] = {}
        for r in rows:
            for form in r.context_aliases:
                self.contextual.setdefault(form, []).append(r)
        # a county-level city's stem (晋江, 江阴, 昆山) names it only where its province or its prefecture is in view:
        # alone, a stem is as often a river, a newspaper or a word
        for r in rows:
            if r.level == "district" and r.name.endswith("市") and not r.code.startswith(("71", "81", "82")):
                stem = r.short or r.name[:-1]
                if len(stem) >= 2 and all(x.code == r.code for x in self.by_form.get(stem, [])):
                    self.contextual.setdefault(stem, []).append(r)
        self.max_len = max((len(k) for k in [*self.by_form, *self.contextual]), default=0)
        # the lengths of the forms (by_form's and contextual's) that begin with each pair of characters, longest first
        self._lengths: dict[str, tuple[int, ...]] = {}
        for form in [*self.by_form, *self.contextual]:
            self._note(form)

    def _note(self, form: str) -> None:
        if len(form) >= 2 and len(form) not in self._lengths.get(form[:2], ()):
            self._lengths[form[:2]] = tuple(sorted({*self._lengths.get(form[:2], ()), len(form)}, reverse=True))

    def lengths_at(self, text: str, i: int) -> tuple[int, ...]:
        """The lengths, longest first, of the written forms (:meth:`lookup`'s and :attr:`contextual`'s) that begin
        with the two characters of ``text`` at ``i``: the only lengths at which a form can start there."""
        return self._lengths.get(text[i:i + 2], ())

    @staticmethod
    def _usable(form: str, r: Region) -> bool:
        if form.isascii():
            return len(form) >= 3 or form.isupper()
        # One-character forms (沪, 苏, 川) stand for provinces only inside group words, handled by groups.
        return len(form) >= 2

    def get(self, code: str | None) -> Region | None:
        return self.by_code.get(code) if code else None

    def parent(self, r: Region) -> Region | None:
        return self.get(r.parent)

    def ancestors(self, r: Region) -> list[Region]:
        out: list[Region] = []
        cur = self.parent(r)
        while cur is not None and cur not in out:
            out.append(cur)
            cur = self.parent(cur)
        return out

    def province_of(self, r: Region) -> Region | None:
        for x in [r, *self.ancestors(r)]:
            if x.level == "province":
                return x
        return None

    def city_level(self, r: Region) -> Region:
        """The prefecture-level city a region lies in (a municipality for its districts); itself if higher."""
        if r.level in ("province", "group", "city"):
            return r
        for a in self.ancestors(r):
            if a.level == "city" or (a.level == "province" and a.code in MUNICIPALITIES):
                return a
        return r

    def smallest_group(self, codes: set[str]) -> Region | None:
        """The region group with the fewest members that holds every province in ``codes``."""
        groups = [g for g in self.by_code.values() if g.level == "group" and codes <= set(g.members)]
        return min(groups, key=lambda g: (len(g.members), g.code)) if groups else None

    # development zones named after their city or county (珠海高新区), for places the zone list does not hold
    ZONE_SUFFIXES = {"高新技术产业开发区": "high_tech_zone", "高新技术开发区": "high_tech_zone", "高新区": "high_tech_zone",
                     "经济技术开发区": "economic_zone",
                     "经开区": "economic_zone", "经济开发区": "economic_zone"}

    def generic_zone(self, place: Region, suffix: str) -> Region:
        """The zone ``place`` + ``suffix`` (珠海 + 高新区), made once from the place when not in the zone list."""
        kind = self.ZONE_SUFFIXES[suffix]
        short = "高新区" if kind == "high_tech_zone" else "经开区"
        long_ = "高新技术产业开发区" if kind == "high_tech_zone" else "经济技术开发区"
        stem = place.short or place.name
        for form in (stem + short, stem + long_, place.name + short, place.name + suffix):
            known = [r for r in self.by_form.get(form, []) if r.level == "zone"]
            if known:
                return known[0]
        code = f"Z-{place.code}-{'HT' if kind == 'high_tech_zone' else 'ED'}"
        if code in self.by_code:
            return self.by_code[code]
        en = "Hi-tech Industrial Development Zone" if kind == "high_tech_zone" else "Economic Development Zone"
        zone = Region(code=code, name=stem + short, level="zone", parent=place.code, kind=kind,
                      name_en=f"{place.name_en} {en}" if place.name_en else None,
                      aliases=list(dict.fromkeys([stem + long_, place.name + short, place.name + suffix])),
                      lon=place.lon, lat=place.lat)
        self.by_code[code] = zone
        for form in zone.names():
            self.by_form.setdefault(form, []).append(zone)
            self._note(form)
        return zone

    def lookup(self, form: str) -> list[Region]:
        return self.by_form.get(form, [])

    def in_context(self, r: Region, context: set[str]) -> bool:
        """True when a group or one of its members is among the region codes in ``context``."""
        return r.code in context or any(m in context for m in r.members)

    def resolve(self, form: str, context: set[str] | None = None) -> Region | None:
        """The region a written form most likely means, given the codes of regions already in context."""
        cands = self.lookup(form)
        if not cands:
            ctx = [r for r in self.contextual.get(form, []) if context and (self.in_context(r, context) or (
                r.level == "district" and any(a.code in context for a in self.ancestors(r)
                                              if a.level in ("province", "city"))))]
            return ctx[0] if ctx else None
        if len(cands) == 1:
            return cands[0]
        # a name shared by a place at home and one abroad (德州) is the one at home: the one abroad only where a
        # foreign country is written right before it, which the place finder reads
        cands = [r for r in cands if r.level not in ABROAD_LEVELS] or cands
        if form.isascii():
            # an English name a city shares with a county (Nanjing: 南京市 and 南靖县) is the city; the county is
            # written with its word (Nanjing County)
            cands = [r for r in cands if r.level not in ("district", "street")] or cands
        if len(cands) == 1:
            return cands[0]
        context = context or set()

        def score(r: Region) -> tuple[int, int, int, str]:
            in_ctx = any(a.code in context for a in self.ancestors(r))
            exact = form in (r.name, r.name_hant)
            return (-int(in_ctx), -int(exact), LEVEL_RANK.get(r.level, 9), r.code)

        return min(cands, key=score)


def _floats(row: dict[str, str]) -> tuple[float | None, float | None]:
    try:
        return float(row["lon"]), float(row["lat"])
    except (KeyError, TypeError, ValueError):
        return None, None


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split("|") if v.strip()]


def _rows(name: str) -> list[dict[str, str]]:
    try:
        text = resources.files("icatlas.data").joinpath(name).read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    return list(csv.DictReader(text.splitlines()))


@lru_cache(maxsize=1)
def regions() -> RegionIndex:
    """The bundled region index (loaded once)."""
    rows: list[Region] = []
    for row in _rows("regions.csv"):
        lon, lat = _floats(row)
        rows.append(Region(code=row["code"], name=row["name"], level=row["level"], parent=row.get("parent_code") or None,
                           short=row.get("short_name") or None, name_hant=row.get("name_hant") or None,
                           name_en=row.get("name_en") or None, aliases=_split(row.get("aliases")), lon=lon, lat=lat))
    for row in _rows("region_groups.csv"):
        rows.append(Region(code=row["code"], name=row["name"], level="group", name_hant=row.get("name_hant") or None,
                           name_en=row.get("name_en") or None, aliases=_split(row.get("aliases")),
                           members=_split(row.get("members")), context_aliases=_split(row.get("context_aliases"))))
    for row in _rows("zones.csv"):
        lon, lat = _floats(row)
        rows.append(Region(code=row["code"], name=row["name"], level="zone", parent=row.get("parent_code") or None,
                           name_hant=row.get("name_hant") or None, name_en=row.get("name_en") or None,
                           aliases=_split(row.get("aliases")), kind=row.get("kind") or None, lon=lon, lat=lat))
    for row in _rows("foreign.csv"):
        rows.append(Region(code=row["code"], name=row["name"], level=row["level"], parent=row.get("parent_code") or None,
                           name_hant=row.get("name_hant") or None, name_en=row.get("name_en") or None,
                           aliases=_split(row.get("aliases"))))
    return RegionIndex(rows)


@dataclass(frozen=True)
class Street:
    code: str
    name: str
    district: str


@lru_cache(maxsize=1)
def streets() -> dict[str, list[Street]]:
    """Township-level divisions (streets, towns, townships) by name, for the address gazetteer."""
    out: dict[str, list[Street]] = {}
    for row in _rows("streets.csv"):
        out.setdefault(row["name"], []).append(Street(row["code"], row["name"], row["district_code"]))
    return out
