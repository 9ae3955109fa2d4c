"""Region mentions: every written form in the gazetteer, longest match first, ambiguity settled by context."""
from __future__ import annotations

import re

from ..model import Mention
from ..reference.regions import ABROAD_LEVELS, MUNICIPALITIES, Region, RegionIndex

VERSION = "places.gazetteer.v29"
_EN_TOKEN = re.compile(r"[A-Za-z][A-Za-z'-]*")
_CJK = re.compile(r"[\u3400-\u9fff]")
# A district's short form (浦东 for 浦东新区) is used only where the district is a new area; other
# district short forms (城关, 和平, 新华 ...) collide with ordinary words too often.
_SHORT_OK_LEVELS = {"province", "city", "group", "zone"}


#: a foreign country written right before a place name: the place is abroad (美国德州, 美國德州 = Texas)
_ABROAD = re.compile(r"(?:美国|美國|日本|韩国|韓國|德国|德國|英国|英國|法国|法國|新加坡|马来西亚|馬來西亞|越南|印度|荷兰|荷蘭|"
                     r"以色列|墨西哥|加拿大|澳大利亚|澳洲|意大利|义大利)(?:的|之)?$")
#: prefecture cities whose short name is an everyday word (guests, a mountain, silver, harmony, well-being), and
#: parks' nicknames that open other names: they name the place only when its province is in view
WORD_STEMS = frozenset({"来宾", "黄山", "白银", "大同", "安康",
                        # and parks' nicknames that open other names (中科院, 中科飞测; 南科大)
                        "中科", "南科"})


def _allowed(form: str, r: Region) -> bool:
    if form in (r.name, r.name_hant, r.name_en) or form in r.aliases:
        return True
    return r.level in _SHORT_OK_LEVELS or r.name.endswith("新区")


def _in_view(r: Region, context: set[str], index: RegionIndex) -> bool:
    """A county-level city written by its stem (晋江, 江阴) counts where its province or prefecture is in view."""
    return r.level == "district" and any(a.code in context for a in index.ancestors(r) if a.level in ("province", "city"))


_ZONE_WORD = re.compile(r"经济|开发|高新|新区|新片区|科学|科技|工业园|产业园|保税|综合保税|自贸")


def _unit_after(text: str, at: int, city: Region, index: RegionIndex) -> tuple[Region, int] | None:
    """A district or township of ``city`` written by its stem right after the city's name (桃园芦竹厂区 → 芦竹区,
    苗栗铜锣 → 铜锣乡), with where its stem ends; None when the words after the city are no unit of it."""
    for length in (3, 2):
        stem = text[at:at + length]
        if len(stem) < length or not _CJK.match(stem[0]):
            continue
        if _ZONE_WORD.match(text, at + length):
            return None  # 南京浦口经济开发区: a zone named after the place, read as a zone elsewhere
        for tail in ("区", "乡", "镇", "市", "县"):
            unit = next((u for u in index.lookup(stem + tail) if u.level == "district" and u.parent == city.code), None)
            if unit is not None:
                end = at + length + (1 if text.startswith(tail, at + length) else 0)
                return unit, end
    return None


#: an English zone written after its place, by kind: economic and technological, economic, high-tech
#: (in any case: the Xi'an hi-tech development zone; Industry, Industrial or Industries; High and New Technology)
EN_ZONE_AFTER = re.compile(r"\s+(?:National\s+)?(?:(Economic(?:[- ]and[- ]|-|\s+&\s+)Technolog(?:y|ical)\s+Development\s+(?:Area|Zone))"
                           r"|(Economic\s+Development\s+(?:Area|Zone))"
                           r"|((?:High|Hi)[- ]?tech(?:nology)?(?:\s+Industr(?:y|ial|ies))?(?:\s+Development)?\s+Zone"
                           r"|High[- ]and[- ]New[- ]Tech(?:nology)?\s+(?:Industr(?:y|ial|ies)\s+)?(?:Development\s+)?Zone))",
                           re.I)
_EN_ZONE_KINDS = ("经济技术开发区", "经济开发区", "高新区")


def _zone_after(text: str, e: int, form: str, r: Region, index: RegionIndex) -> tuple[Region, int, dict[str, str]]:
    """The zone a city's or district's name ending at ``e`` opens (珠海 + 高新区; Xiqing + Economic and Technology
    Development Area), with where it ends and, for an English one, its Chinese name of the same kind; else the
    place itself."""
    suffix = next((x for x in index.ZONE_SUFFIXES if text.startswith(x, e)), None)
    if suffix:
        return index.generic_zone(r, suffix), e + len(suffix), {}
    en = EN_ZONE_AFTER.match(text, e) if not _CJK.match(form[0]) else None
    if en is None:
        return r, e, {}
    suffix = next(cn for k, cn in enumerate(_EN_ZONE_KINDS, 1) if en.group(k))
    return index.generic_zone(r, suffix), en.end(), {"zone_name": (r.short or r.name) + suffix}


#: a district named by a direction alone (东区, 西区, 中西区): a city's district only after that city or on its own
_DIRECTION_DISTRICT = re.compile(r"[东西南北中]{1,2}区")


#: a word that goes on with a firm's name after a place (德州仪器 of 美国德州仪器: Texas Instruments, not Texas)
_FIRM_WORD = re.compile(r"仪器|儀器|电子|電子|半导体|半導體|科技|集团|集團|公司|银行|銀行|大学|大學|航空|能源|汽车|汽車|电力|電力|通信|控股")


def _opens_a_firm(form: str, text: str, e: int, index: RegionIndex) -> bool:
    """A name shared with a place abroad that opens a firm's name (德州仪器, 美国德州仪器: Texas Instruments, neither
    Texas nor 德州市)."""
    return _FIRM_WORD.match(text, e) is not None and _abroad(form, index) is not None


def _abroad(form: str, index: RegionIndex) -> Region | None:
    """A place named after a foreign country is that country's (美国德州 is Texas, 日本熊本): the gazetteer's place
    abroad of that name, or None where it knows only a Chinese place of that name."""
    return next((x for x in index.lookup(form) if x.level in ABROAD_LEVELS), None)


def _longest_form(text: str, i: int, lengths: tuple[int, ...], limit: int, index: RegionIndex) -> int:
    """The length of the longest form of at most ``limit`` characters written at ``i`` that may name a place there
    (0: none); only ``lengths``, those of the forms that begin with the characters at ``i``, are tried."""
    for length in lengths:
        if length > limit:
            continue
        form = text[i:i + length]
        cands = index.lookup(form)
        if (cands and any(_allowed(form, r) for r in cands)) or form in index.contextual:
            return length
    return 0


def find_regions(text: str, index: RegionIndex) -> list[Mention]:
    """Region mentions in ``text`` (label ``region``, ``attrs['code']`` the region's code)."""
    found: list[tuple[int, int, str]] = []
    i, n, max_len = 0, len(text), min(index.max_len, 24)
    while i < n:
        if not _CJK.match(text[i]):
            i += 1
            continue
        lengths = index.lengths_at(text, i)
        hit = _longest_form(text, i, lengths, min(max_len, n - i), index) if lengths else 0
        if hit and _is_township(text, i, i + hit):
            i += hit  # 张江镇 is a township, not the zone 张江: the address gazetteer takes it
        elif hit and _DIRECTION_DISTRICT.fullmatch(text, i, i + hit) and i and _CJK.match(text[i - 1]) \
                and not (found and found[-1][1] == i):
            i += hit  # 高新西区, 园区东区: a part of what is named before it, not the district 西区 of another city
        elif hit:
            found.append((i, i + hit, text[i:i + hit]))
            i += hit
        else:
            i += 1
    found += _find_english(text, index)
    context = {r.code for s, e, form in found for r in index.lookup(form)
               if len(index.lookup(form)) == 1 and (form not in index.contextual or _allowed(form, r))
               and form not in WORD_STEMS}
    context |= {a.code for code in list(context) for a in index.ancestors(index.by_code[code])}
    mentions = []
    abroad: set[str] = set()  # a form the page writes after a foreign country is that country's all over the page
    starts = {s for s, _e, _f in found}  # a unit the gazetteer finds by itself needs no help from its city
    for s, e, form in sorted(found):
        r = index.resolve(form, context)
        if r is None or not (_allowed(form, r) or form not in index.contextual or (
                _in_view(r, context, index) and not _in_street_name(text, s, e))) or _opens_a_firm(form, text, e, index):
            continue
        if form in abroad or _ABROAD.search(text, max(0, s - 6), s):
            abroad.add(form)
            r = _abroad(form, index)
            if r is None:
                continue
        if form in WORD_STEMS and not any(a.code in context for a in index.ancestors(r) if a.level == "province"):
            continue  # 来宾 (guests), 黄山 (a mountain): a city's stem that is an ordinary word names it only in view
        written: dict[str, str] = {}
        if r.level in ("city", "district"):
            r, end, written = _zone_after(text, e, form, r, index)
            form, e = (text[s:end], end) if end != e else (form, e)
        if (r.level == "city" or r.level == "province" and r.code in MUNICIPALITIES) and e not in starts:
            unit = _unit_after(text, e, r, index)
            if unit is not None:  # 桃园芦竹, 重庆沙坪坝: a unit named by its stem right after its city, which it names too
                mentions.append(Mention(s, e, "region", form, 0.8, VERSION,
                                        {"code": r.code, "name": r.name, "level": r.level}))
                r, e = unit
                form = text[s:e]
        mentions.append(Mention(s, e, "region", form, 0.9, VERSION,
                                {"code": r.code, "name": r.name, "level": r.level, **written}))
        if r.level == "zone":
            # a zone named after its city names the city too: 西安高新区 → 西安市
            for k in range(min(e - s - 1, 6), 1, -1):
                city = next((c for c in index.lookup(text[s:s + k]) if c.level in ("city", "province", "district")
                             and (c.code == r.parent or c.code in {a.code for a in index.ancestors(r)})), None)
                if city is not None:
                    mentions.append(Mention(s, s + k, "region", text[s:s + k], 0.8, VERSION,
                                            {"code": city.code, "name": city.name, "level": city.level}))
                    break
    taken = [(m.start, m.end) for m in mentions]
    for m in _taiwan_sites(index).finditer(text):
        if any(a < m.end(1) and m.start(1) < b for a, b in taken):
            continue
        r, end = _taiwan_stems(index)[m.group(1)], m.end(1)
        zones = [z for z in index.by_code.values() if z.level == "zone" and z.parent == r.code]
        if "园区" in m.group(0) and len(zones) == 1:
            r, end = zones[0], m.end()  # 楠梓科技第三园区: a part of the district's one park is that park
        mentions.append(Mention(m.start(1), end, "region", text[m.start(1):end], 0.8, VERSION,
                                {"code": r.code, "name": r.name, "level": r.level}))
    mentions += _stems_of_named(text, mentions, index)
    mentions += _one_character_names(text, index)
    return sorted(mentions, key=lambda x: x.start)


#: a province written by its one-character name where the sentence says someone is there or goes there (在沪举行,
#: 赴渝考察, 来京投资): read only between such a word and what is done there, as the character alone is a word too
_ONE_CHARACTER = re.compile(r"(?<=在|赴|来|抵|到|返|驻)([京津沪渝冀晋辽浙皖闽赣鲁豫鄂湘粤桂琼川黔滇陕])"
                            r"(?=举行|举办|召开|开幕|闭幕|考察|调研|参观|访问|出席|参加|投资|兴业|发展|落户|签约|期间|工作|[，。；,;])")


def _one_character_names(text: str, index: RegionIndex) -> list[Mention]:
    out = []
    provinces: dict[str, Region] = {}  # each one-character name's province, made at the first such name written
    for m in _ONE_CHARACTER.finditer(text):
        if not provinces:
            for p in index.by_code.values():
                if p.level == "province":
                    for a in p.aliases:
                        provinces.setdefault(a, p)
        r = provinces.get(m.group(1))
        if r is not None:
            out.append(Mention(m.start(1), m.end(1), "region", m.group(1), 0.8, VERSION,
                               {"code": r.code, "name": r.name, "level": r.level}))
    return out


#: the words that make a district's bare stem a place (落户大足, 在江宁): a place the happening is in
_TO_PLACE = re.compile(r"(?:在|落户|落地|位于|于|赴|到|来)$")


def _stems_of_named(text: str, found: list[Mention], index: RegionIndex) -> list[Mention]:
    """A district the page names in full (大足区政府), written again by its bare stem after a locative (…落户大足):
    that district."""
    taken = [(m.start, m.end) for m in found]
    out: list[Mention] = []
    codes = dict.fromkeys(str(m.attrs.get("code")) for m in found if m.attrs.get("level") == "district")
    for r in (index.get(code) for code in codes):
        stem = (r.short or r.name[:-1]) if r is not None and r.name.endswith(("区", "县")) else ""
        at = text.find(stem) if len(stem) >= 2 else -1
        while at >= 0 and r is not None:
            end = at + len(stem)
            if _TO_PLACE.search(text, max(0, at - 2), at) and not _CJK.match(text, end) \
                    and not any(s < end and at < e for s, e in taken):
                out.append(Mention(at, end, "region", stem, 0.8, VERSION, {"code": r.code, "name": r.name, "level": r.level}))
            at = text.find(stem, end)
    return out


# a plant or a park written after a Taiwan township's or district's stem (銅鑼新廠, 楠梓科技園區, 路竹廠): Taiwan's
# news names its sites so; the stem alone is not read elsewhere, where it is an ordinary word as often as a place
_SITE_AFTER = r"(?:新厂|厂区|厂房|[一二三四五六七八九十\d]*厂|科学园区|科技产业园区|科技[第一二三四五六七八九十]*园区|园区|基地)"
_TW_CACHE: dict[int, tuple[dict[str, Region], re.Pattern[str]]] = {}


def _taiwan_stems(index: RegionIndex) -> dict[str, Region]:
    return _taiwan(index)[0]


def _taiwan_sites(index: RegionIndex) -> re.Pattern[str]:
    return _taiwan(index)[1]


def _taiwan(index: RegionIndex) -> tuple[dict[str, Region], re.Pattern[str]]:
    key = id(index)
    if key not in _TW_CACHE:
        stems: dict[str, list[Region]] = {}
        for r in index.by_code.values():
            if r.code.startswith("71") and r.level == "district" and len(r.name) >= 3 and r.name[-1] in "区乡镇市":
                stem = r.name[:-1]
                if not index.lookup(stem):
                    stems.setdefault(stem, []).append(r)
        unique = {k: v[0] for k, v in stems.items() if len(v) == 1}
        alternatives = "|".join(sorted(map(re.escape, unique), key=len, reverse=True)) or "(?!)"
        _TW_CACHE[key] = (unique, re.compile(f"({alternatives}){_SITE_AFTER}"))
    return _TW_CACHE[key]


def _in_street_name(text: str, start: int, end: int) -> bool:
    """The span lies inside a longer township's or street's name (北镇 in 锡北镇)."""
    from ..reference.regions import streets

    table = streets()
    return any(text[a:b] in table for a in range(max(0, start - 4), start + 1)
               for b in range(end, min(len(text), end + 3) + 1) if (a, b) != (start, end))


def _is_township(text: str, start: int, end: int) -> bool:
    from ..reference.regions import streets

    for suffix in ("镇", "乡", "街道"):
        if text.startswith(suffix, end) and text[start:end] + suffix in streets():
            return True
    return False


_LOWER_UNIT = re.compile(r"(?<= )(?:district|county)$")


#: capitalised words after a place that do not make it part of a name: designations, days, months, joiners
_NOT_A_NAME_WORD = frozenset(
    "Province Provincial Municipality Municipal City Region Autonomous Special Administrative District County New "
    "Area Government People's Party Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March "
    "April May June July August September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov "
    "Dec And Or On In At For From To With By Of".split())


def _opens_a_name(text: str, end: int) -> bool:
    """Whether the country's or a province's name ending at ``end`` opens a longer capitalised name (China Mobile,
    Shanghai Guosheng Group, China Semiconductor Forum): a firm's or a forum's, not a place of its own."""
    m = re.match(r" ([A-Z][A-Za-z'’-]*)", text[end:end + 40])
    return m is not None and m.group(1) not in _NOT_A_NAME_WORD


_NOT_A_NAME_BEFORE = _NOT_A_NAME_WORD | frozenset(
    "The A An In At Across Throughout Within Into About Around Outside Inside North South East West Northern Southern "
    "Eastern Western Central Mainland Greater Inland Coastal Rural Modern Today Made".split())


def _closes_a_name(text: str, start: int) -> bool:
    """Whether the country's name starting at ``start`` closes a capitalised name (Sequoia China, Intel China): the
    firm's local arm, not a place of its own."""
    m = re.search(r"(?:^|[^A-Za-z'’-])([A-Z][A-Za-z'’-]*) $", text[max(0, start - 40):start])
    return m is not None and m.group(1) not in _NOT_A_NAME_BEFORE


def _find_english(text: str, index: RegionIndex) -> list[tuple[int, int, str]]:
    tokens = list(_EN_TOKEN.finditer(text))
    out: list[tuple[int, int, str]] = []
    k = 0
    while k < len(tokens):
        if not tokens[k].group(0)[0].isupper():
            k += 1
            continue
        hit = 0
        for width in range(min(5, len(tokens) - k), 0, -1):
            s, e = tokens[k].start(), tokens[k + width - 1].end()
            owner = text.endswith("'s", s, e)
            if owner:
                e -= 2  # Hefei's municipal government, Nanjing's Pukou district: the place without the possessive
            span = text[s:e]
            if "\n" in span:
                continue
            form = " ".join(span.split())
            # Pukou district, Kunshan county: the designation written in lower case
            form = _LOWER_UNIT.sub(lambda u: u.group(0).title(), form) if width > 1 else form
            cands = index.lookup(form)
            # a district's bare English name (Taihu, Xinhua) is a lake or an agency as often as a place
            if (cands and any(r.level != "district" or form.endswith(("District", "County")) for r in cands)) \
                    or form in index.contextual or (cands and EN_ZONE_AFTER.match(text, e)):
                country = bool(cands) and all(r.code in ("G-CN", "G-ML") for r in cands)
                if not (cands and all(r.level in ("province", "country", "abroad") or r.code in ("G-CN", "G-ML")
                                      for r in cands)
                        and _opens_a_name(text, e)) and not (owner and country) \
                        and not (country and _closes_a_name(text, s)):
                    out.append((s, e, form))  # China's largest chipmaker: a description, not a place named
                hit = width
                break
        k += hit or 1
    return out


_STREET_SUFFIX = re.compile(r"街道|镇|乡")


def find_addresses(text: str, index: RegionIndex, regions_found: list[Mention]) -> list[Mention]:
    """Township-level places (张江镇, 东华门街道) from the street gazetteer, as ``address`` mentions that carry
    their district; a name shared by several districts counts only where one of them is already in view."""
    from ..reference.regions import streets

    table = streets()
    context = {str(m.attrs.get("code")) for m in regions_found}
    taken = [(m.start, m.end) for m in regions_found]
    out: list[Mention] = []
    for m in _STREET_SUFFIX.finditer(text):
        for start in range(max(0, m.start() - 7), m.start() - 1):
            name = text[start:m.end()]
            cands = table.get(name)
            if not cands or any(s < m.end() and start < e for s, e in taken):
                continue
            if len(cands) > 1:
                cands = [c for c in cands if c.district in context or any(
                    a.code in context for a in index.ancestors(index.by_code[c.district]) if c.district in index.by_code)]
            if len(cands) == 1 and cands[0].district in index.by_code:
                d = index.by_code[cands[0].district]
                out.append(Mention(start, m.end(), "address", name, 0.7, VERSION,
                                   {"code": d.code, "name": d.name, "level": d.level, "street": cands[0].code}))
                break
    return out
