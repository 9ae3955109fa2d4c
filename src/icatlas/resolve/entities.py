"""Mentions to entities within a document: regions by code, organisations by name and abbreviation,
people by name with all their posts. Sets ``attrs['canonical']`` on each mention."""
from __future__ import annotations

import re

from ..model import NON_ORG_LABELS, QUANTITY_LABELS, Entity, Mention
from ..reference.orgs import RefOrg
from ..reference.regions import RegionIndex
from .names import is_abbreviation

_NON_ORG = NON_ORG_LABELS
_LOCATED = re.compile(r"\s*(?:位于|落户于?|地处|坐落于|总部位于|总部设在|is based in|based in|located in|in)\s*$")


def build_entities(mentions: list[Mention], index: RegionIndex, text: str = "") -> list[Entity]:
    """The entities behind ``mentions``, in order of first mention."""
    entities: dict[tuple[str, str], Entity] = {}
    orgs = [m for m in mentions if m.label not in _NON_ORG]
    canon = _org_canon([m.surface for m in orgs])
    for m in mentions:
        if m.label in (*QUANTITY_LABELS, "address"):
            continue
        if m.label == "region":
            r = index.get(str(m.attrs.get("code")))
            if r is None:
                continue
            etype = "park" if r.level == "zone" and r.kind == "industrial_park" else "region"
            key = ("org", r.name) if etype == "park" else (etype, r.code)
            parent = index.parent(r)
            e = entities.setdefault(key, Entity(type=etype, name=r.name, region=parent.name if parent else None,
                                                attrs={"code": r.code, "level": r.level}))
            if not e.aliases and r.level in ("zone", "group"):
                # the other written forms of a zone or group (成都高新技术产业开发区 for 成都高新区)
                e.aliases = [n for n in r.names() if n != r.name]
            m.attrs["canonical"] = r.name
        elif m.label == "person":
            key = ("person", m.surface)
            e = entities.setdefault(key, Entity(type="person", name=m.surface))
            for p in m.attrs.get("all_positions", []):
                if p not in e.positions:
                    e.positions.append(p)
            m.attrs["canonical"] = m.surface
        else:
            ref = _reference(m)
            # a bare body read with the page's one city (市政府 → 吉林市政府) is named in full
            name = ref.name if ref else str(m.attrs.get("full_name") or canon.get(m.surface, m.surface))
            key = ("org", name)
            e = entities.setdefault(key, Entity(type=ref.type if ref else m.label, name=name))
            m.attrs["canonical"] = name
            if ref is not None:
                r = index.get(ref.region)
                e.attrs["ref_id"] = ref.id
                e.segments = list(dict.fromkeys([*e.segments, *ref.segments]))
                e.region = e.region or (r.name if r else None)
                for alias in (ref.name_en, *ref.aliases):
                    if alias and alias not in e.aliases and alias != e.name:
                        e.aliases.append(alias)
            if e.region is None:
                e.region = _stated_or_named(m, mentions, text, index)
        if m.surface not in e.aliases and m.surface != e.name:
            e.aliases.append(m.surface)
        e.mentions.append((m.start, m.end))
    return list(entities.values())


def _org_canon(names: list[str]) -> dict[str, str]:
    """Each organisation name to the longest name it abbreviates, or that writes it with a place before it and a
    company form after it (连橙时代半导体 of 湖南连橙时代半导体有限公司). Of two such names of one length, the one the
    page names first (not the one a set happens to give first: the same page resolves alike in every process)."""
    uniq = sorted(dict.fromkeys(names), key=len, reverse=True)
    out: dict[str, str] = {}
    longer = 0  # the names before this one in uniq that are longer than it: the only ones it can abbreviate
    for k, n in enumerate(uniq):
        if k and len(uniq[k - 1]) > len(n):
            longer = k
        full = next((f for f in uniq[:longer] if is_abbreviation(n, f) or _placed_and_formed(n, f)), None)
        out[n] = out.get(full, full) if full else n
    return out


_FORMS = ("股份有限公司", "有限责任公司", "有限公司", "集团有限公司", "集团", "公司")


def _placed_and_formed(short: str, full: str) -> bool:
    """``full`` is ``short`` with a place of up to three characters before it and a company form after it."""
    i = full.find(short) if len(short) >= 4 else -1
    if not (0 < i <= 3 and full[i + len(short):] in _FORMS):
        return False
    from ..reference.regions import regions

    return bool(regions().lookup(full[:i]))  # 湖南 of 湖南连橙时代半导体, not 连橙 of 连橙时代半导体 (时代半导体)


def _reference(m: Mention) -> RefOrg | None:
    """The reference organisation a mention names: by the id a gazetteer match carries, or by its surface."""
    from ..reference.orgs import org_by_form, org_by_id

    ref_id = m.attrs.get("ref_id")
    if ref_id:
        return org_by_id().get(str(ref_id))
    return org_by_form(m.surface)


def _stated_or_named(org: Mention, mentions: list[Mention], text: str, index: RegionIndex) -> str | None:
    """Where an organisation is: the place a sentence says it lies in (位于苏州工业园区, based in Wuxi) when that is
    inside the region its name carries (苏州… is in 苏州市) or the name carries none; else the name's region."""
    named = _region_in(org, mentions)
    stated = _region_after(org, mentions, text) or _region_before(org, mentions, text)
    if stated is None or named is None or stated == named:
        return stated or named
    inner = next(iter(index.lookup(stated)), None)
    outer = {r.code for r in index.lookup(named)}
    if inner is not None:
        above = {inner.parent or ""} | {a.code for a in index.ancestors(inner)}
        if above & outer:
            return stated
    return named


def _region_after(org: Mention, mentions: list[Mention], text: str) -> str | None:
    """The region an organisation is said to be in: 某公司位于合肥市, X is based in Wuxi."""
    after = [m for m in mentions if m.start >= org.end and m.label == "region" and m.start - org.end <= 14]
    # the nearest place, and of places starting there the longest (苏州工业园区 rather than its 苏州)
    nxt = min(after, key=lambda m: (m.start, -m.end), default=None)
    if nxt is None or not text or not _LOCATED.match(text[org.end:nxt.start]):
        return None
    return str(nxt.attrs.get("name"))


_LOCATED_BEFORE = re.compile(r"(?:位于|地处|坐落于|坐落在|落户)\s*$")
_OF_PLACE = re.compile(r"[^，。；、\s]{0,10}的\s*$")
_BASED = re.compile(r"-based\s+(?:the\s+)?")


def _region_before(org: Mention, mentions: list[Mention], text: str) -> str | None:
    """The region an organisation is said to lie in before its name: 位于浦东新区康桥镇的浦江芯谷…产业园."""
    if not text:
        return None
    prev = [m for m in mentions if m.label == "region" and m.end <= org.start and org.start - m.end <= 12]
    for m in reversed(prev):
        if _OF_PLACE.fullmatch(text[m.end:org.start]) and _LOCATED_BEFORE.search(text, max(0, m.start - 4), m.start):
            return str(m.attrs.get("name"))
        if _BASED.fullmatch(text[m.end:org.start]):  # Shanghai-based GTA Semiconductor
            return str(m.attrs.get("name"))
    return None


def _region_in(org: Mention, mentions: list[Mention]) -> str | None:
    # a park's generic name at the end of another park's name (集成电路设计产业园 in 浦江芯谷集成电路设计产业园) is not
    # where that park lies
    inside = [m for m in mentions if m.label == "region" and org.start <= m.start and m.end <= org.end
              and not (m.start > org.start and m.end == org.end and str(m.attrs.get("code", "")).startswith("Z-"))]
    return str(inside[0].attrs.get("name")) if inside else None
