"""Organisation mentions by suffix rules: a name ends in a typed suffix (有限公司, 协会, 大学, 厅 ...) and
starts after the last clause boundary before it, at a region, or at a capitalised word in English."""
from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate

from . import org_names as _org_names
from ..model import Mention
from .lexicon import (EN_ORG_HEADS, EN_ORG_TYPES, GENERIC_CORE_ENDS, LEADING_VERBS, ORG_GENERIC, ORG_STOP_EXCEPTIONS,
                      ORG_STOPS, ORG_SUFFIXES, POSTS, WEAK_JOINERS)
from .scan import run_start

VERSION = "orgs.rules.v42"  # v2: names that name no organisation dropped; v3: companies named by their role; v4: no currency in a name
_NAME_CHAR = re.compile(r"[\u3400-\u9fffA-Za-z0-9()（）·&\-“”]")
_ALL_SUFFIX_END = tuple(s for s, _, _ in ORG_SUFFIXES)
_SUFFIX_RE = re.compile("|".join(re.escape(s) for s, _, _ in ORG_SUFFIXES))
_SUFFIX_INFO = {s: (t, strong) for s, t, strong in ORG_SUFFIXES}
_EN_CAP = r"(?:[A-Z][\w&'-]*|\d+[A-Z][\w&'-]*|\([A-Z][a-z]+\))"  # 5Y Capital
_EN_WHEN = (r"(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June"
            r"|July|August|September|October|November|December)\b)")
# (a capitalised word before a currency sign is a currency: "… for HK$6.9b", "… for US$2 billion")
_EN_OF = (r"\s+(?:of|for|on)(?:\s+the)?(?:\s+" + _EN_WHEN + r"[A-Z][\w'-]*+(?![$€¥£]))(?:\s+(?:" + _EN_WHEN
          + r"[A-Z][\w'-]*|and(?=\s+[A-Z])))*")
# "and" inside a name joins common nouns of an institution's field (Science and Technology), never two brands
_EN_AND = r"(?:(?:Science|Industry|Commerce|Information|Research|Development|Trade|Innovation|Technology|Education" \
          r"|Finance|Planning|Reform|Culture|Economic|Economy|Components|Circuits|Devices|Equipment|Materials|Systems" \
          r"|Services|Products|Engineering|Energy|Environment|Communications|Telecommunications|Electronics)\s+and\s+)"
_EN_ORG = re.compile(
    rf"\b(?:(?:{_EN_AND}|{_EN_CAP}\s+(?:&\s+)?)){{0,8}}(?:{EN_ORG_HEADS})(?:\b|(?<=\.))"
    rf"(?:{_EN_OF}(?:{_EN_OF})?)?"
    r"(?:\s+Phase\s+[IVX]+\b)?"
    r"(?:\s*\([A-Z][a-z]+\))?(?:,?\s+(?:Co\.?,?\s*Ltd\b\.?|Company\s+Limited|Co\.|Co\b(?![-'])|Ltd\b\.?|Limited|Inc\b\.?"
    r"|Corporation|Corp\b\.?))*"
)
_EN_POST_OF = re.compile(r"\b(?:Secretary|Director|Head|Chairman|Member|Deputy Secretary)\s+of\s+(?:the\s+)?$", re.I)
_EN_LEAD = re.compile(r"^(?:The|A|An|At|In|On|By|With|From|And|Of|For|As|To|This|That|Its|It|[A-Z][a-z]+-based"
                      r"|Chipmaker|Chip maker|Chip-maker|Startup|Start-up|Rival)\s+")
_MAX_NAME = 30
_PARENTS = {"university", "institute"}
_UNITS = {"university", "institute", "platform"}
_JOINED_ENDS = ("部", "署", "区", "县", "市", "省", "校", "所", "院", "会", "局", "厅", "委")
_PARTY_POSTS = ("书记", "副书记", "常委", "委员")
# A name does not start with "and" or "there is": 与无锡市…协会, (还)有中微…公司
LEADING_JOINERS = (*WEAK_JOINERS, "有")


def find_orgs(text: str, regions: list[Mention]) -> list[Mention]:
    """Organisation mentions (label = the organisation type) in ``text``."""
    region_starts = {m.start for m in regions}
    # the regions by start, with the furthest end reached so far: "is this inside a region" by bisection
    spans = sorted((m.start, m.end) for m in regions)
    span_starts = [a for a, _b in spans]
    reach = list(accumulate((b for _a, b in spans), max))
    out: list[Mention] = []
    last_end = 0
    pos = 0
    while True:
        m = _SUFFIX_RE.search(text, pos)
        if m is None:
            break
        end = _extend_suffix(text, m.end())
        pos = end
        k = bisect_right(span_starts, m.start()) - 1
        if k >= 0 and reach[k] > end:
            continue  # 工业园 inside the zone name 苏州工业园区
        suffix = text[m.start():end] if text[m.start():end] in _SUFFIX_INFO else _last_suffix(text, m.start(), end)
        start = _left_edge(text, m.start(), max(last_end, m.start() - _MAX_NAME), region_starts)
        if start is None:
            continue
        name = text[start:end]
        otype, strong = _SUFFIX_INFO[suffix]
        gloss = _open_gloss(name, text, end)
        if gloss is not None:
            # 美团龙珠（美团产业基金）: the name before the bracket, glossed by what the bracket says it is
            if gloss >= 2 and _org_names.is_name(name[:gloss]):
                out.append(Mention(start, start + gloss, "company", name[:gloss], 0.6, VERSION))
            last_end = end
            continue
        if not _acceptable(name, suffix, strong, start in region_starts, text, start):
            continue
        prev = out[-1] if out else None
        if prev is not None and prev.end == start and prev.label in _PARENTS and otype in _UNITS:
            # a unit written with its parent is one organisation: 西安电子科技大学微电子学院, 中国科学院微电子研究所
            out[-1] = Mention(prev.start, end, otype, text[prev.start:end], prev.confidence, VERSION)
        else:
            out.append(Mention(start, end, otype, name, 0.7 if strong else 0.6, VERSION))
        last_end = end
    out += _english(text)
    out += _english_described(text)
    out += _english_government(text)
    out += _latin_brands(text)
    return _drop_nested(out)


_PHASE = re.compile(r"[一二三四五六七八九十]期")
_CAMPUS = re.compile(r"[(（][\u4e00-\u9fff]{2,4}[)）]")


def _extend_suffix(text: str, end: int) -> int:
    """The end of a run of suffixes: 上海微电子装备(集团)股份有限公司 does not stop at (集团); a fund's phase
    (国家集成电路产业投资基金二期) is part of its name."""
    if text.endswith("基金", 0, end) and _PHASE.match(text, end):
        end += 2
    if text.endswith(("大学", "学院"), 0, end):
        campus = _CAMPUS.match(text, end)  # 香港科技大学（广州）
        if campus:
            end = campus.end()
    while True:
        at = end + 1 if text[end:end + 1] in (")", "）") and text.rfind("（", 0, end) > text.rfind("）", 0, end) else end
        m = _SUFFIX_RE.match(text, at)
        if m is None or m.group(0) not in ("股份有限公司", "有限公司", "有限责任公司", "公司", "集团", "集团公司"):
            return end
        end = m.end()


def _last_suffix(text: str, start: int, end: int) -> str:
    if _PHASE.match(text, end - 2) and text.endswith("基金", start, end - 2):
        return "基金"
    campus = re.search(r"(大学|学院)[(（][\u4e00-\u9fff]{2,4}[)）]$", text[start:end])
    if campus:
        return campus.group(1)
    for s, _, _ in ORG_SUFFIXES:
        if text.endswith(s, start, end):
            return s
    return text[start:end]


_STOPS_BY_FIRST: dict[str, list[str]] = {}
for _stop in ORG_STOPS:
    _STOPS_BY_FIRST.setdefault(_stop[0], []).append(_stop)


def _left_edge(text: str, suffix_start: int, floor: int, region_starts: set[int] | frozenset[int] = frozenset()
               ) -> int | None:
    i = run_start(text, suffix_start, _NAME_CHAR, floor)
    window = text[i:suffix_start]
    cut = 0
    # the stop words written in the window (each begins with one of its characters); the cut is the furthest end
    for stop in (w for c in set(window) for w in _STOPS_BY_FIRST.get(c, ())):
        pos = window.rfind(stop)
        while pos >= 0:
            if _is_boundary(text, window, i, pos, stop, region_starts):
                cut = max(cut, pos + len(stop))
                break
            pos = window.rfind(stop, 0, pos)
    start = i + cut
    # an unmatched closing bracket ends a byline or an aside, not a name: 记者 孙悦）北京…产业园
    for k in range(suffix_start - 1, start - 1, -1):
        if text[k] in ")）" and not any(c in "(（" for c in text[start:k]):
            start = k + 1
            break
    if text[start:start + 1] in ("（", "("):  # （中央社记者…台北25日电）朋程科技…: a bracket opening a name is an aside
        close = next((k for k in range(start + 1, suffix_start) if text[k] in "）)"), -1)
        if close > 0:
            start = close + 1
    while start < suffix_start and (text[start] in "“”" or (text[start] in LEADING_JOINERS and suffix_start - start > 4)):
        start += 1
    for verb in LEADING_VERBS:
        if text.startswith(verb, start) and suffix_start - start - len(verb) >= 2:
            start += len(verb)
            break
    return start if start < suffix_start or window == "" else None


_OPENERS = "：:，,、。；;！？!?（(“\"《「\n "


def _open_gloss(name: str, text: str, end: int) -> int | None:
    """Where a bracket opens inside ``name`` that closes right after it (美团龙珠(美团产业基金) ends at 基金 with its
    bracket still open): the length of the name before the bracket; None when the name has no such bracket."""
    at = max(name.rfind("("), name.rfind("（"))
    if at < 0 or ")" in name[at:] or "）" in name[at:] or text[end:end + 1] not in (")", "）"):
        return None
    return at


def _is_boundary(text: str, window: str, offset: int, pos: int, stop: str,
                 region_starts: set[int] | frozenset[int] = frozenset()) -> bool:
    at = offset + pos
    for exc in ORG_STOP_EXCEPTIONS:
        k = exc.find(stop)
        if k >= 0 and text.startswith(exc, at - k):
            return False
    if stop in WEAK_JOINERS and (at == 0 or text[at - 1] in _OPENERS):
        return False  # ：和大集团, 。和舰公司: a joiner with nothing before it opens a name (和舰, 和大)
    if stop in WEAK_JOINERS:
        # 与 joins two names when an organisation or a place ends before it, or a place name starts after it
        # (工业和信息化部与江苏省人民政府; 嘉兴市南湖区与上海交通大学); not inside 技术与产业促进中心
        return (pos == 0 or text.endswith(_ALL_SUFFIX_END, 0, at) or text.endswith(_JOINED_ENDS, 0, at)
                or at + len(stop) in region_starts)
    return True


def _acceptable(name: str, suffix: str, strong: bool, at_region: bool, text: str, start: int) -> bool:
    core = name[: len(name) - len(suffix)]
    if name in ORG_GENERIC or len(core) < 2 or core.isdigit() or core.endswith(GENERIC_CORE_ENDS):
        return False
    # 上海市委副书记, 市委常委: the organisation word is part of a post
    if name.endswith(tuple(POSTS)) or (suffix == "委" and text.startswith(_PARTY_POSTS, start + len(name))):
        return False
    if not strong:
        # 厅, 局, 委, 中心, 基地 ... only after a region (四川省经济和信息化厅) or a short administrative prefix (市经信委).
        return at_region or core[0] in "市省区县" or (core[:1].isascii() and core[:1].isupper())
    return True


#: a company's legal form at the end of its name outranks the kind its other words suggest (… Trading Centre Co.)
_EN_LEGAL_END = re.compile(r"\b(?:Co\.?,?\s*Ltd\.?|Company\s+Limited|Co\.|Ltd\.?|Limited|Inc\.?|Corp\.?|Corporation)$")


_EN_EVENT_AFTER = re.compile(r"\s+(?:Forum|Summit|Conference|Expo|Exhibition|Congress|Symposium|Fair|Week|Awards?|"
                             r"Contest|Competition|Challenge|Festival|Convention)\b")


def _english(text: str) -> list[Mention]:
    out = []
    for m in _EN_ORG.finditer(text):
        s, name = m.start(), m.group(0)
        if "\n" in name:  # a name never runs across lines (a heading, "Shenzhen", before the sentence's name)
            s += name.rfind("\n") + 1
            name = name[name.rfind("\n") + 1:]
        lead = _EN_LEAD.match(name)
        while lead:
            s += lead.end()
            name = name[lead.end():]
            lead = _EN_LEAD.match(name)
        if len(name.split()) < 2 or not (name[0].isupper() or (name[0].isdigit() and name.split()[0][-1:].isupper())):
            continue
        name = name.rstrip(",")
        if (name.endswith("Committee") or " Committee of " in name or " Committee and " in name) \
                and _EN_POST_OF.search(text[max(0, s - 40):s]):
            continue  # Secretary of the Jiangning District Committee: the committee is part of a post
        if re.fullmatch(r"(?:[A-Z][a-z]+\s+)?Municipal Party Committee", name):
            continue
        if all(w in _EN_GOV_WORDS or w in ("Government", "People's") for w in name.split()):
            continue  # Municipal Government, the Provincial People's Government: no place, no name
        if _EN_EVENT_AFTER.match(text, s + len(name)):
            continue  # the China Semiconductor Forum, the Semicon China Expo: the name of a meeting, not a firm
        otype = "company" if _EN_LEGAL_END.search(name) else next(
            (t for t, heads in EN_ORG_TYPES if any(re.search(rf"\b{h}\b", name.split(" of ")[0]) for h in heads)), "company")
        out.append(Mention(s, s + len(name), otype, name, 0.6, VERSION))
    return out


def _drop_nested(ms: list[Mention]) -> list[Mention]:
    ms.sort(key=lambda m: (m.start, -(m.end - m.start)))
    out: list[Mention] = []
    for m in ms:
        if out and m.start < out[-1].end:
            continue
        out.append(m)
    return out


_BRAND = re.compile(r"(?<=[商司业厂头团])([A-Z][A-Za-z0-9&.-]{2,20}(?:\s[A-Z][A-Za-z0-9&.-]+){0,2})(?=[\u3400-\u9fff，。、,]|$)")
_NOT_BRANDS = {"IC", "AI", "GDP", "EDA", "CMP", "MEMS", "CEO", "CPU", "GPU", "IGBT", "LED", "OLED", "USB", "NUC", "IPO", "FAB"}


def _latin_brands(text: str) -> list[Mention]:
    """Latin names of companies inside Chinese text, right after 服务商/公司/企业/巨头 (…服务商AMKOR的…)."""
    if len(re.findall(r"[\u3400-\u9fff]", text[:2000])) < 50:
        return []
    return [Mention(m.start(1), m.end(1), "company", m.group(1), 0.6, VERSION)
            for m in _BRAND.finditer(text) if m.group(1).upper() not in _NOT_BRANDS]


_EN_DESCRIBED = re.compile(
    r"\b(?:established|set up|founded|launched|formed|inaugurated)\s+(?:a|an|the)\s+"
    r"((?:[a-z][\w-]*\s+){1,8}?(?:alliance|association|league|consortium|federation|fund|platform|institute|centre|center))\b"
)
_EN_DESCRIBED_TYPES = {"alliance": "association", "association": "association", "league": "association",
                       "consortium": "association", "federation": "association", "fund": "fund", "platform": "platform",
                       "institute": "institute", "centre": "platform", "center": "platform"}


# a government written in lower case: "the Beijing municipal government", "the municipal government of Chengdu",
# "Beijing's city government", "the provincial government", "the Nanjing government", "the government of Nanjing city"
_EN_GOVERNMENT = re.compile(
    r"\b((?:(?!(?:The|A|An|This|That|Its|Their|Our|Every|Each|No|Any)\s)(?:[A-Z][a-z]+\s+){0,3}[A-Z][a-z]+(?:['’]s)?\s+)"
    r"(?:(?:municipal|city|provincial|county|district|local)\s+)?government(?!-)(?:\s+of\s+[A-Z][a-z]+)?"
    r"|(?:municipal|city|provincial|county|district|local)\s+government(?!-)(?:\s+of\s+[A-Z][a-z]+)?"
    # the government of Nanjing city
    r"|government\s+of\s+[A-Z][a-z]+(?:\s+(?:[Cc]ity|[Pp]rovince|[Mm]unicipality|[Cc]ounty|[Dd]istrict))?)\b")


# a zone's administration written in lower case: "the Chengdu Hi-tech Zone administrative committee"
_EN_COMMITTEE = re.compile(r"\b((?:[A-Z][\w'’-]*\s+){1,6}(?:administrative|management)\s+committee)\b")


#: the words of a government's name that name no place (the local government, Municipal Government)
_EN_GOV_WORDS = {"Municipal", "Provincial", "City", "County", "District", "Local", "Central", "State", "National", "The"}


def _english_government(text: str) -> list[Mention]:
    """A government or a zone's administration named in lower case, with its place when the text gives it; one
    that names no place (the local government, Municipal Government) is none."""
    return [Mention(m.start(1), m.end(1), "government", m.group(1), 0.5, VERSION)
            for rx in (_EN_GOVERNMENT, _EN_COMMITTEE) for m in rx.finditer(text)
            if not m.group(1).startswith(("The ", "A ")) and any(
                w[:1].isupper() and w not in _EN_GOV_WORDS for w in m.group(1).split())]


def _english_described(text: str) -> list[Mention]:
    """An organisation named in lower case by its founding: "established a ... industry alliance"."""
    out = []
    for m in _EN_DESCRIBED.finditer(text):
        name = m.group(1)
        if len(name.split()) >= 3:
            out.append(Mention(m.start(1), m.end(1), _EN_DESCRIBED_TYPES[name.split()[-1]], name, 0.5, VERSION))
    return out
