"""What the collaboration rules share: the page they read (:class:`Page`), the chain stages a text names, and the
patterns several of them use."""
from __future__ import annotations

from bisect import bisect_right

import re
from collections.abc import Mapping
from typing import Any

from ...model import NON_ORG_LABELS, QUANTITY_LABELS, Entity, Mention
from ...reference.regions import RegionIndex
from ..events import clauses
from ..scan import occurrences
from ..segments import find_terms

VERSION = "collab.rules.v2"

CN_CLAUSE = re.compile(r"[，,；;：:]")
NATION = {"中国", "全国", "我国"}
TARGET_CUE = re.compile(r"有望|目标|力争|计划|预计|争取|将|到\d{4}年|至\d{4}年|by 20\d\d|aim|target|expected to|plan|will",
                        re.I)
SCALE_WORDS = re.compile(r"产值|营收|营业收入|销售额|销售收入|收入|产业规模|规模|产能|投资|revenue|output|sales|capacity|"
                         r"investment|turnover", re.I)
FOR_YEAR = re.compile(r"(?:到|至|截至|截止|力争|争取|计划|预计|by|in|until)\s*((?:19|20)\d\d)\s*年?(?:底|末|前|年底)?|"
                      r"((?:19|20)\d\d)年(?:底|末|前)", re.I)
NAME_CHARS = re.compile(r"[\u4e00-\u9fffA-Za-z0-9“”\"「」()（）·\-]")
LEFT_STOPS = re.compile(r"(?:建成|建有|拥有|设有|依托|建设|打造|搭建|举办|举行|开展|组织|启动|实施|开设|开办|参加|获得|荣获|组建|获批|成立|设立|启用|揭牌|落户|入选|认定为?|作为|还有|以及|"
                        r"包括|其中|已有|共有|新增|推动|支持|加快|布局|围绕|面向|聚焦|引进|培育|牵头|承建|运营|开放|"
                        r"共建|联合|携手|形成|发挥|是|为|在|于|的|了|和|与|及|等|有|将|由|对|向|把|被|并|还|也)$")
IC_WORDS = re.compile(r"集成电路|半导体|芯片|微电子|晶圆|封测|封装|光刻|EDA|integrated circuit|semiconductor|chip|"
                      r"microelectronic|\bICs?\b|wafer|foundry|fab\b", re.I)
# bare chain stages in a list (围绕设计、制造、封测和设备材料等环节): each names its stage
_STAGES = {"设计": ("design",), "制造": ("manufacturing",), "晶圆制造": ("manufacturing",), "封测": ("packaging_test",),
           "封装测试": ("packaging_test",), "封装": ("packaging_test",), "装备": ("equipment",), "设备": ("equipment",),
           "材料": ("materials",), "装备材料": ("equipment", "materials"), "设备材料": ("equipment", "materials"),
           "EDA": ("design_tools",)}
_STAGE_WORD = "|".join(sorted(map(re.escape, _STAGES), key=len, reverse=True))
_STAGE_LIST = re.compile(rf"(?:{_STAGE_WORD})(?:(?:、|和|及|与|到|至|，|,)(?:{_STAGE_WORD}))+")
_GENERIC_START = re.compile(r"集成|半导|芯片|微电|电子|科技|国家|中国|全国|产业|园区|公司|企业|研究|[A-Za-z]")
_SAME_DAY = re.compile(r"同日|同一天|当天|当日|会上|现场|活动中|at the same (?:event|ceremony|meeting)|on the same day|the same day",
                       re.I)


def visible(attrs: dict[str, Any], relevant: bool | None) -> bool:
    """Whether a record belongs in listings: its page is judged IC-relevant (the call in force) and the record itself
    is about ICs (``attrs['ic']``; alliances and policies of other industries named on an IC page are not)."""
    return relevant is not False and bool(attrs.get("ic", True))


def stage_terms(text: str) -> list[str]:
    """Chain nodes named in ``text``: chain terms, and bare stage words in a list of two or more (设计、制造)."""
    nodes = [node for _s, _e, node in find_terms(text)]
    for m in _STAGE_LIST.finditer(text):
        for w in re.findall(_STAGE_WORD, m.group(0)):
            nodes += _STAGES[w]
    return list(dict.fromkeys(nodes))


def _hold(taken: bytearray, start: int, end: int) -> None:
    """Mark the characters from ``start`` to ``end`` as held."""
    start, end = max(0, start), min(len(taken), end)
    if start < end:
        taken[start:end] = b"\x01" * (end - start)


class Page:
    """What the rules look up on one page: mentions by span, the entity of each, sentences, regions."""

    def __init__(self, text: str, mentions: list[Mention], entities: list[Entity], index: RegionIndex,
                 doc_date: tuple[str | None, str | None], doc_place: str | None, full_names: Mapping[str, str]) -> None:
        self.text, self.index = text, index
        self.doc_date, self.doc_place = doc_date[0], (None if doc_place in NATION else doc_place)
        self.entity_of = {span: e for e in entities for span in e.mentions}
        self.by_name = {e.name: e for e in entities}
        self.orgs = [m for m in mentions if m.label not in NON_ORG_LABELS]
        self.places = [m for m in mentions if m.label == "region"]
        self.dates = [m for m in mentions if m.label == "date" and m.attrs.get("value")]
        self.sentences = clauses(text)
        self._starts: list[int] | None = None
        self._dates_at: dict[tuple[int, int], str | None] = {}
        self.full = dict(full_names)
        self.mentions = sorted(mentions + self._short_mentions(entities, mentions), key=lambda m: (m.start, m.end))
        self.orgs = [m for m in self.mentions if m.label not in NON_ORG_LABELS]

    def _short_mentions(self, entities: list[Entity], mentions: list[Mention]) -> list[Mention]:
        """Occurrences of an organisation's short form that no extractor marked (浦江芯谷 for 浦江芯谷集成电路设计产业园):
        the first 3 to 6 characters of its name after any leading place name, when they are written on their own."""
        taken = bytearray(len(self.text) + 1)  # 1 where a mention (not a quantity) or a short form found holds
        for m in mentions:
            if m.label not in QUANTITY_LABELS:
                _hold(taken, m.start, m.end)
        out: list[Mention] = []
        for e in sorted(entities, key=lambda x: x.mentions[0] if x.mentions else (len(self.text), 0)):
            if e.type in ("person", "region") or not e.mentions or not re.match(r"[\u4e00-\u9fff]", e.name):
                continue
            s0, s1 = e.mentions[0]
            if any(o.start <= s0 and s1 <= o.end and (o.start, o.end) != (s0, s1) for o in self.orgs):
                continue  # a name inside another's (集成电路设计产业园 in 浦江芯谷集成电路设计产业园)
            lead = max([m.end for m in self.places if m.start == s0 and m.end < s1] or [s0])
            core = self.text[lead:s1]
            for k in range(min(6, len(core) - 2), 2, -1):
                short = core[:k]
                if _GENERIC_START.match(short) or self.index.lookup(short):
                    continue
                hits = [h for h in occurrences(self.text, short) if not taken[h]]
                if hits:
                    out += [Mention(h, h + k, e.type, short, 0.5, VERSION, {"canonical": e.name}) for h in hits]
                    for h in hits:  # a short form shared by two names goes to the first named
                        _hold(taken, h, h + k)
                    break
        return out

    def name(self, m: Mention) -> str:
        e = self.entity_of.get((m.start, m.end))
        n = e.name if e is not None else str(m.attrs.get("canonical") or m.surface)
        return self.full.get(n, n)

    def sentence(self, pos: int) -> tuple[int, int, tuple[int, int]]:
        if self._starts is None:
            self._starts = [c.start for c in self.sentences]
        i = bisect_right(self._starts, pos) - 1
        if i >= 0 and self.sentences[i].start <= pos < self.sentences[i].end:
            c = self.sentences[i]
            return c.start, c.end, c.paragraph
        return pos, pos + 1, (pos, pos + 1)

    def full_sentence(self, pos: int) -> tuple[int, int]:
        """The sentence around ``pos`` up to 。！？ or a line end (clauses also split at ；)."""
        t = self.text
        a = max(t.rfind(x, 0, pos) for x in "。！？!?\n") + 1
        ends = [i for i in (t.find(x, pos) for x in "。！？!?\n") if i >= 0]
        return a, (min(ends) + 1 if ends else len(t))

    def orgs_in(self, start: int, end: int) -> list[Mention]:
        """The outermost organisation mentions inside [start, end)."""
        inside = [m for m in self.orgs if start <= m.start and m.end <= end]
        return [m for m in inside if not any(o is not m and o.start <= m.start and m.end <= o.end
                                             and (o.end - o.start) > (m.end - m.start) for o in inside)]

    def region_name(self, m: Mention) -> str | None:
        r = self.index.get(str(m.attrs.get("code")))
        if r is None:
            return str(m.attrs.get("name")) if m.attrs.get("name") else None
        if r.code in ("G-CN",):
            return None
        return r.name

    def region_in(self, start: int, end: int, outside_orgs: bool = True) -> str | None:
        """The first region named in [start, end) that is not part of an organisation's name."""
        for m in self.places:
            if start <= m.start and m.end <= end:
                if outside_orgs and any(o.start <= m.start and m.end <= o.end and (o.start, o.end) != (m.start, m.end)
                                        for o in self.orgs):
                    continue
                name = self.region_name(m)
                if name:
                    return name
        return None

    def region_of(self, name: str | None) -> str | None:
        e = self.by_name.get(name or "")
        if e is None:
            return None
        if e.type == "region":
            return e.name
        return e.region

    def date_in(self, start: int, end: int) -> str | None:
        """The first date named in [start, end)."""
        return next((str(m.attrs["value"]) for m in self.dates if start <= m.start < end), None)

    def date_at(self, start: int, end: int) -> str | None:
        """The date of what [start, end) reports: a date it names; for 同日/当天/at the same event, the last date named
        before it; else the page's date. Read once per span (the records of one sentence share it)."""
        key = (start, end)
        if key not in self._dates_at:
            self._dates_at[key] = self._date_at(start, end)
        return self._dates_at[key]

    def _date_at(self, start: int, end: int) -> str | None:
        found = self.date_in(start, end)
        if found:
            return found
        if _SAME_DAY.search(self.text, start, end):
            before = [m for m in self.dates if m.end <= start and m.attrs.get("unit") == "day"]
            if before:
                return str(before[-1].attrs["value"])
        return self.doc_date

    def zone_named(self, name: str | None) -> str | None:
        """The zone or park an organisation is (苏州工业园区, or its 管理委员会): a policy it issues is the zone's own."""
        e = self.by_name.get(name or "")
        if e is None or e.type not in ("park", "region", "government"):
            return None
        for m in self.places:
            if m.start == e.mentions[0][0] and str(m.attrs.get("code", "")).startswith("Z-"):
                return self.region_name(m)
        return None

    def within(self, inner: str, outer: str) -> bool:
        """Whether region ``inner`` lies inside region ``outer`` (or is it)."""
        r = next((x for x in self.index.lookup(inner) if x.name == inner), None)
        if r is None:
            return False
        return inner == outer or any(a.name == outer for a in self.index.ancestors(r)) or any(
            outer == g.name for g in self.index.by_code.values() if g.level == "group" and
            (self.index.province_of(r) or r).code in g.members)

    def clause_region(self, s0: int, start: int) -> str | None:
        """The last region named before ``start`` since ``s0`` and outside organisation names (四川建成…: 四川省)."""
        names = [self.region_name(m) for m in self.places if s0 <= m.start and m.end <= start
                 and not any(o.start <= m.start and m.end <= o.end for o in self.orgs)]
        names = [n for n in names if n]
        return names[-1] if names else None

    def ic(self, *spans: tuple[int, int], extra: str = "") -> bool:
        return any(IC_WORDS.search(self.text, a, b) for a, b in spans) or bool(IC_WORDS.search(extra))


def region_names(page: Page) -> set[str]:
    return {n for n in (page.region_name(m) for m in page.places) if n}


def norm_unit(unit: str | None) -> str | None:
    if unit in ("空间", "平米"):
        return "平方米"
    if unit in ("名", "位"):
        return "人"
    return unit


def masked(page: Page, a: int, b: int, keep: tuple[int, int] = (0, 0)) -> str:
    """``text[a:b]`` with the organisation names blanked (but the span ``keep``), so that 晶测检测技术有限公司 does not
    make a segment of what it hosts."""
    chars = list(page.text[a:b])
    for m in page.orgs:
        if a <= m.start and m.end <= b and not (keep[0] <= m.start and m.end <= keep[1]):
            for i in range(m.start - a, m.end - a):
                chars[i] = "□"
    return "".join(chars)
