"""Alliances and associations named on a page, and the seats units hold in them (理事长单位, 成员单位, director unit)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ...model import CollabRecord, Event, Mention
from .page import CN_CLAUSE, IC_WORDS, Page

ALLIANCE_WORDS = re.compile(r"联盟|协会|商会|联合会|促进会|共同体|Alliance|Association|League|Consortium|Federation",
                            re.I)
_UNION = re.compile(r"联盟|Alliance|League|Consortium", re.I)
_BOGUS_EN = re.compile(r"^(?:the\s+)?(?:first|founding|inaugural|new|this|that)\s+(?:alliance|association|league)$", re.I)
# (regex, rank): the seats of an alliance's governing body, most specific first
_RANKS: list[tuple[str, str]] = [
    (r"常务副理事长|副理事长|副会长|副主席|执行理事长", "vice_director"),
    (r"理事长|会长|主席", "director"),
    (r"副秘书长|秘书长", "secretary_general"),
    (r"常务理事", "executive_council"),
    (r"监事长|监事", "supervisor"),
    (r"理事", "council"),
    (r"发起", "founder"),
    (r"成员|会员", "member"),
]
CUE = re.compile(
    r"(?P<first>首届|首批|第一届|首任)?(?:联盟|协会)?(?P<seat>常务副理事长|副理事长|执行理事长|理事长|副会长|会长|副主席|主席|"
    r"副秘书长|秘书长|常务理事|监事长|监事|理事|发起|成员|会员)单位"
    r"|(?P<first2>首批|第一批)(?P<seat2>成员|会员)"
    r"|\b(?P<first3>first|founding|inaugural)?\s*(?:(?:alliance|association)\s+)?(?P<seat3>(?:executive\s+)?vice[- ]?"
    r"(?:director|chairman|chair|president)|director|chairman|chair|president|secretary[- ]general|council|member|"
    r"founding member)s?\s+units?\b"
    r"|\b(?P<first4>founding)\s+(?P<seat4>members?)\b", re.I)
_EN_RANKS = [(r"vice", "vice_director"), (r"director|chair|president", "director"), (r"secretary", "secretary_general"),
             (r"council", "council"), (r"founding", "founder"), (r"member", "member")]
_AFTER_CUE = re.compile(r"\s*(?:为|是|：|:|有|包括|分别为|分别是|则为|依次为|由|are|is|were|include|includes|including|went to)",
                        re.I)
_NOT_MEMBER = re.compile(r"指导单位|主管单位|主办单位|承办单位|支持单位|协办单位|guided by|under the guidance", re.I)
_RESPECTIVELY = re.compile(r"分别|respectively", re.I)
_EN_CLAUSE = re.compile(r"[;:]")
_DOMAINS = {
    "ic": re.compile(r"集成电路|半导体|芯片|微电子|晶圆|封装|光刻|integrated circuit|semiconductor|chip|microelectronic|"
                     r"\bIC\b|wafer", re.I),
    "auto": re.compile(r"汽车|整车|新能源车|automobile|automotive|vehicle|\bauto\b|\bcars?\b", re.I),
    "bio": re.compile(r"医药|生物|药|医疗|pharmac|biomedic|biolog|medic|drug", re.I),
    "ai": re.compile(r"人工智能|智能|artificial intelligence|intelligen|\bAI\b", re.I),
    "energy": re.compile(r"光伏|储能|新能源|电池|photovolt|solar|battery|energy storage", re.I),
}


@dataclass
class Cue:
    start: int
    end: int
    written: str
    rank: str
    first: bool


def find_cues(text: str, start: int, end: int) -> list[Cue]:
    """The seat words (理事长单位, 首批成员, "director unit") in ``text[start:end]``."""
    out = []
    for m in CUE.finditer(text, start, end):
        seat = m.group("seat") or m.group("seat2")
        first = bool(m.group("first") or m.group("first2") or m.group("first3") or m.group("first4"))
        if seat:
            rank = next(r for pat, r in _RANKS if re.search(pat, seat))
        else:
            en = (m.group("seat3") or m.group("seat4") or "").lower()
            rank = "founder" if m.group("first4") else next(r for pat, r in _EN_RANKS if re.search(pat, en))
        out.append(Cue(m.start(), m.end(), m.group(0).strip(), rank, first))
    return out


def is_alliance(m: Mention) -> bool:
    return m.label in ("association", "organization") and bool(ALLIANCE_WORDS.search(m.surface)) \
        and not _BOGUS_EN.match(m.surface.strip())


def _domains(name: str, known_ic: bool = False) -> set[str]:
    out = {d for d, rx in _DOMAINS.items() if rx.search(name)}
    if known_ic:
        out.add("ic")
    return out


def bind_members(text: str, s_start: int, s_end: int, orgs: list[Mention], earlier: list[Mention]
                 ) -> list[tuple[Mention, Mention, Cue]]:
    """(member, alliance, seat) for the units a sentence gives seats in an alliance. A unit takes the first seat word
    after it in its own clause (A、B为副理事长单位), else the seat word before it that introduces a list
    (理事长单位为A); the alliance is the one named in the sentence (several: the one of the unit's field, or in order
    after 分别), else the last one named before the sentence (``earlier``)."""
    cues = find_cues(text, s_start, s_end)
    if not cues:
        return []
    english = sum(c.isascii() for c in text[s_start:s_end]) > 0.8 * max(1, s_end - s_start)
    splitter = _EN_CLAUSE if english else CN_CLAUSE
    cands = [m for m in orgs if not any(c.start < m.end and m.start < c.end for c in cues)]
    seps = [s_start, *(x.end() for x in splitter.finditer(text, s_start, s_end)), s_end + 1]
    # an association given a seat itself (合肥市半导体行业协会为秘书长单位) is a unit here, not the alliance
    alliances = [m for m in cands if is_alliance(m) and not _seated(text, m, cues, cands, seps)]
    unions = [m for m in alliances if _UNION.search(m.surface)]
    targets = unions or alliances
    if not targets:
        prev = [m for m in earlier if is_alliance(m) and s_start - m.end <= 400]
        if not prev:
            return []
        targets = [prev[-1]]
    out: list[tuple[Mention, Mention, Cue]] = []
    units = [m for m in cands if m not in targets]
    for i, m in enumerate(units):
        if _NOT_MEMBER.search(text, m.end, min(s_end, m.end + 8)):
            continue
        c0 = max(x for x in seps if x <= m.start)
        c1 = min(x for x in seps if x > m.start)
        cue = _list_cue(text, m, cues, units, c0)
        if cue is None:
            cue = next((c for c in cues if m.end <= c.start and c.end <= c1), None)
        if cue is None:
            before = [c for c in cues if c0 <= c.start and c.end <= m.start and _AFTER_CUE.match(text, c.end)]
            cue = before[-1] if before else None
        if cue is None and _INCLUDES.match(_strip(text[c0:m.start], units, c0, m.start)):
            # 首批成员单位超过80家，包括A、B: the list after a count of seats takes that seat
            before = [c for c in cues if c.end <= c0 and c0 - c.end <= 30]
            cue = before[-1] if before else None
        if cue is None:
            nxt = next((c for c in cues if c.start >= m.end), None)
            gap = text[m.end:nxt.start] if nxt else ""
            for o in units:
                if m.end <= o.start and o.end <= (nxt.start if nxt else m.end):
                    gap = gap.replace(o.surface, "")
            if nxt is not None and (english or (len(gap) <= 14 and not re.search(r"[，,]", gap))) \
                    and not re.search(r"[。；;]", gap):
                cue = nxt
        if cue is None:
            continue
        target = _pick_alliance(m, targets, units, i, text, s_start, s_end)
        if target is not None:
            out.append((m, target, cue))
    return out


_INCLUDES = re.compile(r"\s*(?:其中)?(?:包括|包含|主要有|有|如|涵盖|including|includes?)[\s、，,和及与]*", re.I)


def _seated(text: str, m: Mention, cues: list[Cue], cands: list[Mention], seps: list[int]) -> bool:
    c0 = max(x for x in seps if x <= m.start)
    c1 = min(x for x in seps if x > m.start)
    after = next((c for c in cues if m.end <= c.start and c.end <= c1), None)
    if after is not None and len(re.sub(r"[\s、，,和及与]", "", _strip(text[m.end:after.start], cands, m.end, after.start))) <= 4:
        return True
    return _list_cue(text, m, cues, cands, c0) is not None


def _strip(gap: str, ms: list[Mention], a: int, b: int) -> str:
    for o in ms:
        if a <= o.start and o.end <= b:
            gap = gap.replace(o.surface, "")
    return gap


_LIST_GAP = re.compile(r"\s*(?:为|是|：|:|有|包括|分别为|分别是|则为|依次为|由|are|is|were|include|includes|including)?"
                       r"(?:[\s、，,和及与]|and\b|as well as)*", re.I)


def _list_cue(text: str, m: Mention, cues: list[Cue], units: list[Mention], floor: int) -> Cue | None:
    """The seat word that introduces the list ``m`` stands in (理事长单位为A、B; chair unit is A): nothing but the
    list's other units, joiners and 为/是/is between them."""
    before = [c for c in cues if floor <= c.end <= m.start]
    if not before:
        return None
    c = before[-1]
    gap = text[c.end:m.start]
    for o in units:
        if c.end <= o.start and o.end <= m.start:
            gap = gap.replace(o.surface, " ")
    lead = _LIST_GAP.match(gap)
    if lead is None or lead.end() != len(gap) or not (_AFTER_CUE.match(text, c.end) or gap.strip(" 、，,") == ""):
        return None
    return c


def _pick_alliance(m: Mention, targets: list[Mention], units: list[Mention], i: int, text: str, s_start: int,
                   s_end: int) -> Mention | None:
    if len(targets) == 1:
        return targets[0]
    if _RESPECTIVELY.search(text, s_start, s_end) and len(units) == len(targets):
        return targets[i]
    mine = _domains(m.surface, bool(m.attrs.get("ref_id")))
    fits = [t for t in targets if _domains(t.surface) & mine]
    return fits[0] if len(fits) == 1 else None


_RANK_ORDER = ("director", "vice_director", "secretary_general", "executive_council", "council", "supervisor",
               "founder", "member")


_INITIATE = re.compile(r"牵头|共同发起|联合发起|发起成立|发起|倡议|initiated|launched by|led by|co-founded|founded by|"
                       r"set up by", re.I)
_ALLIANCE_REF = re.compile(r"^\s*(?:该联盟|联盟|该协会|协会|该促进会|该商会|the alliance|the association|it\b)", re.I)
_ALLIANCE_NAMED = re.compile(r"该联盟|该协会|该促进会|the alliance|the association", re.I)
_FOUNDED = re.compile(r"成立于|于[^，。；]{0,16}成立|成立大会|正式成立|揭牌成立|宣告成立|宣布成立|在[^，。；]{0,12}成立|成立(?!以来|之初|后)|"
                      r"揭牌|(?:was |were |been )?(?:founded|established|inaugurated|formed|launched|set up)\b", re.I)
_MEMBER_COUNT = re.compile(
    r"(?:成员单位|会员单位|会员企业|成员企业|成员|会员)[^，。；\d]{0,8}?(?:达到?|共|有|超过|超|逾|近|约)?\s*"
    r"(\d+|[一二三四五六七八九十百]+)\s*(多|余)?\s*(?:家|个|名)"
    r"|(?:首批|共有|汇聚|聚集|吸纳|集聚|拥有|涵盖|覆盖)?\s*((?<!\d)\d+|(?<![一二三四五六七八九十百])[一二三四五六七八九十百]+)\s*(多|余)?\s*家(?:会员|成员)(?:单位|企业)?"
    r"|(?:成员|会员)(?:单位|企业)?[^，。；]{0,4}?(\d+)\s*(多|余)?\s*家"
    r"|(more than|over|nearly|about|some)?\s*(\d+)\s+(?:[a-z,-]+\s+){0,10}?(?:have |has )?(?:formed|joined|founded|set up)",
    re.I)


def find_alliances(page: Page, events: list[Event], relations: list[Any]) -> list[CollabRecord]:
    out: list[CollabRecord] = []
    founded: dict[str, Event] = {}
    for ev in events:
        if ev.type != "organization_founded":
            continue
        for p in ev.participants:
            founded.setdefault(page.full.get(p.get("name", ""), p.get("name", "")), ev)
    by_name: dict[str, list[Mention]] = {}
    for m in page.orgs:
        if is_alliance(m):
            by_name.setdefault(page.name(m), []).append(m)
    ic_of: dict[str, bool] = {}
    founders: dict[str, tuple[list[str], list[tuple[int, int]]]] = {}
    for name, ms in by_name.items():
        e = page.by_name.get(name)
        refs = _references(page, ms)
        fev = founded.get(name)
        attrs: dict[str, Any] = {"type": e.type if e else ms[0].label, "founded": False,
                                 "aliases": [a for a in (e.aliases if e else []) if a != name]}
        region = (e.region if e else None) or page.region_in(ms[0].start, ms[0].end, outside_orgs=False)
        date, evidence, place = _founding(page, ms, refs)
        if fev is not None and evidence is None:
            date, evidence, place = fev.date, fev.evidence, fev.place
        if evidence is not None:
            attrs["founded"] = True
            region = region or place
        initiators = _initiators(page, refs, name)
        if initiators:
            attrs["initiators"] = initiators
            founders[name] = (initiators, refs)
        count = _member_count(page, refs)
        if count:
            attrs["member_count"] = count
        other = _domains(name) - {"ic"}
        attrs["ic"] = ic_of[name] = bool(IC_WORDS.search(name)) or (
            not other and page.ic(*refs))
        s0, s1, _p = page.sentence(ms[0].start)
        out.append(CollabRecord("alliance", name, evidence or (s0, s1), region=region, date=date, attrs=attrs))
    seats: dict[tuple[str, str], CollabRecord] = {}
    for r in relations:
        if r.type != "member_of":
            continue
        member, alliance = page.full.get(r.source, r.source), page.full.get(r.target, r.target)
        rank = r.attrs.get("rank", "member")
        rec = CollabRecord("member", member, r.evidence, region=page.region_of(member) or page.region_of(r.source),
                           date=page.date_at(*r.evidence),
                           attrs={"alliance": alliance, "role": r.attrs.get("role"), "rank": rank,
                                  "first": bool(r.attrs.get("first")), "ic": ic_of.get(alliance, True)})
        key = (member, alliance)
        old = seats.get(key)
        if old is None or _RANK_ORDER.index(rank) < _RANK_ORDER.index(old.attrs["rank"]):
            seats[key] = rec
    # the units that led or co-founded an alliance are its founding members
    for alliance, (names, refs) in founders.items():
        for member in names:
            if (member, alliance) not in seats:
                span = next((r for r in refs if member in page.text[r[0]:r[1]]), refs[0])
                seats[(member, alliance)] = CollabRecord(
                    "member", member, span, region=page.region_of(member), date=page.date_at(*span),
                    attrs={"alliance": alliance, "role": "发起单位", "rank": "founder", "first": True,
                           "ic": ic_of.get(alliance, True)})
    return out + list(seats.values())


def _references(page: Page, ms: list[Mention]) -> list[tuple[int, int]]:
    """The sentences that speak of an alliance: those naming it, and the following ones of the same paragraph that
    open with 该联盟/联盟/the alliance."""
    spans: list[tuple[int, int]] = []
    for m in ms:
        s0, s1, para = page.sentence(m.start)
        if (s0, s1) not in spans:
            spans.append((s0, s1))
        for c in page.sentences:
            if c.start >= s1 and c.end <= para[1] + 400 and (c.start, c.end) not in spans and (
                    (_ALLIANCE_REF.match(c.text) and c.end <= para[1]) or _ALLIANCE_NAMED.search(c.text)):
                spans.append((c.start, c.end))
    return sorted(spans)


def _founding(page: Page, ms: list[Mention], refs: list[tuple[int, int]]
              ) -> tuple[str | None, tuple[int, int] | None, str | None]:
    """When and where an alliance was founded, from a clause that names it (or refers to it) with 成立 (成立于2019年11月,
    则于2017年在合肥成立, 成立大会在…举行, was inaugurated … on May 10)."""
    text = page.text
    for s0, s1 in refs:
        names = [m for m in ms if s0 <= m.start < s1]
        start = names[0].end if names else s0
        seps = [x.start() for x in re.finditer(r"[；;。]|，(?=[^，]{0,3}(?:并|同时|此外|副|秘书|理事|会员|成员))", text[start:s1])]
        stop = start + seps[0] if seps else s1
        f = _FOUNDING_CUE.search(text, start if names else s0, stop)
        if not f:
            continue
        if _PLANNED_FOUNDING.search(text, max(s0, f.start() - 6), f.start()):
            continue
        sent = page.full_sentence(s0)
        date = page.date_in(max(sent[0], start - 30) if names else s0, stop) or page.date_in(*sent)
        place = page.clause_region(start, stop) or page.region_in(start, stop)
        return date or page.doc_date, (s0, s1), place
    return None, None, None


_FOUNDING_CUE = _FOUNDED
_PLANNED_FOUNDING = re.compile(r"将|拟|计划|筹备|筹建|will|plan", re.I)


def _initiators(page: Page, refs: list[tuple[int, int]], alliance: str) -> list[str]:
    """The units that led or co-founded an alliance: the organisations of the clauses with 牵头/发起 (由A牵头，B和C共同发起
    成立; initiated by A)."""
    text = page.text
    names: list[str] = []
    for s0, s1 in refs:
        seps = [s0, *(x.end() for x in CN_CLAUSE.finditer(text, s0, s1)), s1 + 1]
        for a, b in zip(seps, seps[1:]):
            cue = _INITIATE.search(text, a, b)
            if not cue or find_cues(text, a, b):
                continue
            for m in page.orgs_in(a, b):
                n = page.name(m)
                if n != alliance and not is_alliance(m) and m.label not in ("government",):
                    names.append(n)
    return list(dict.fromkeys(names))


def _member_count(page: Page, refs: list[tuple[int, int]]) -> dict[str, Any] | None:
    from ..quantities import cn_value

    for s0, s1 in refs:
        for x in _MEMBER_COUNT.finditer(page.text, s0, s1):
            digits = x.group(1) or x.group(3) or x.group(5) or x.group(8)
            more = x.group(2) or x.group(4) or x.group(6) or x.group(7)
            v = cn_value(digits) if digits else None
            if v is None or v < 2:
                continue
            qual = {"多": "more than", "余": "more than", "more than": "more than", "over": "more than",
                    "nearly": "nearly", "about": "about", "some": "about"}.get((more or "").lower())
            return {"value": v, "qualifier": qual, "evidence": [x.start(), x.end()]}
    return None


