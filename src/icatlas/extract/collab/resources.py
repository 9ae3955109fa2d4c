"""Shared research resources: key laboratories, engineering centres, pilot lines, public test and design platforms,
芯火 bases and innovation centres, with their host, region and chain segments."""
from __future__ import annotations

import re

from ...model import QUANTITY_LABELS, CollabRecord, Mention
from .alliances import is_alliance
from .page import CN_CLAUSE, LEFT_STOPS, NAME_CHARS, Page, masked, stage_terms

# (kind, head pattern), most specific first; the kinds follow the test sets' vocabulary where they can
_RESOURCE_HEADS: list[tuple[str, str]] = [
    ("national_key_lab", r"国家重点实验室|全国重点实验室|State Key Lab(?:oratory)?"),
    ("key_lab", r"重点实验室|Key Lab(?:oratory)?"),
    ("engineering_center", r"工程(?:技术)?研究中心|工程中心|工程实验室|Engineering (?:Research |Technology )?Cent(?:er|re)"),
    ("innovation_base", r"芯火[”\"」』]?(?:双创基地|双创平台|创新基地|平台|基地)|双创基地|Xinhuo[^.;,]{0,40}?(?:Base|Platform)"),
    ("pilot_line", r"中试(?:线|平台|基地)|试验线|pilot(?:[- ]scale)? (?:production )?line|pilot platform"),
    ("test_platform", r"(?:公共)?(?:测试|检测|验证|可靠性|失效分析)(?:[\u4e00-\u9fff]{0,6}?)(?:服务)?平台|"
                      r"(?:testing|test|verification) (?:and [a-z]+ )?(?:service )?platform"),
    ("design_platform", r"(?:公共)?(?:设计|EDA|IP|MPW|流片)(?:[\u4e00-\u9fffA-Za-z]{0,6}?)(?:服务)?平台|"
                        r"(?:design|EDA) (?:service |support )?platform"),
    ("service_platform", r"公共(?:技术)?(?:服务|研发|创新)平台|(?:功能型|功能性|共性技术)平台|public (?:service |technology )?platform"),
    ("innovation_center", r"(?:制造业|技术|产业)?创新中心|Innovation Cent(?:er|re)"),
    ("lab", r"实验室|Laborator(?:y|ies)|\bLab\b"),
]
_RESOURCE = re.compile("|".join(f"(?P<{k}>{p})" for k, p in _RESOURCE_HEADS), re.I)
_GENERIC_RES = re.compile(r"^(?:国家级?|省级?|市级?|区级?|省部共建|部省共建|一批|一个|多个|各类|各级|重点|公共|新型|高水平|"
                          r"[一二三四五六七八九十两\d]+(?:个|家|所)|首个|全国|国内|相关|该|这个|这一|其|等|和|与|及|的|\s)*$")
_QUANTIFIER = re.compile(r"(?:一|两|二|三|四|五|多|几|数|首|(?<!\d)\d+)(?:条|个|座|家|所|批|处|期)")
_LIST_PLATFORMS = re.compile(r"等(?:一批|多个|[\d一二三四五六七八九十]+个|多家)?(?:国家级|省级)?(?:重大)?(?:创新|研发|公共|科研|"
                             r"服务|技术|产业|功能型)?(?:平台|载体)")
_HOST_VERBS = r"(?:牵头)?(?:建设|组建|打造|设立|承建|共建|建立|运营|牵头)"
_HOST_BEFORE = re.compile(rf"(?:{_HOST_VERBS}的|的|旗下的?|下属的?|所属的?)\s*$")
_YITUO = re.compile(r"依托|relying on|hosted by|built by|operated by|run by|led by", re.I)
_YOU = re.compile(rf"由\s*$")
_YOU_AFTER = re.compile(rf"\s*(?:等单位)?(?:牵头|负责)?(?:承建|牵头|建设|组建|运营|设立|共建|发起|打造|负责)")
_SUBJECT_VERB = re.compile(r"\s*(?:已|还|也|先后|相继|共|目前)?(?:建有|拥有|设有|建成|获批|牵头|获得|成立|组建|建设|打造|"
                           r"承建|运营|has|hosts|built|runs|operates|launched|set up)", re.I)

_RESOURCE_REF = re.compile(r"^\s*(?:该|这个|这一|此)?(?:基地|平台|实验室|中心|中试线|试验线|产线|the (?:base|platform|lab|laboratory|"
                           r"centre|center|line)|it\b)", re.I)


def find_resources(page: Page) -> list[CollabRecord]:
    text = page.text
    found: dict[str, CollabRecord] = {}
    for h in _RESOURCE.finditer(text):
        kind = h.lastgroup or "other"
        if kind == "lab" and re.match(r"重点|国家", text[max(0, h.start() - 2):h.start()]):
            continue
        span = _resource_span(page, h.start(), h.end())
        if span is None:
            continue
        start, end, name, _mention = span
        if name in found or _shortened(name, found):
            continue
        found[name] = _resource_record(page, name, _refine_kind(kind, name), start, end)
    for lst in _LIST_PLATFORMS.finditer(text):
        s0, _s1, _p = page.sentence(lst.start())
        pos = lst.start()
        for m in reversed(page.orgs_in(s0, lst.start())):
            if m.end < pos - 1 or not re.fullmatch(r"[、和及与,，\s]*", text[m.end:pos]):
                break
            pos = m.start
            name = page.name(m)
            if name not in found and m.label in ("institute", "platform", "organization") and not is_alliance(m):
                found[name] = _resource_record(page, name, "other", m.start, m.end)
    return list(found.values())


def _shortened(name: str, found: dict[str, CollabRecord]) -> bool:
    """A short way of writing a resource already found (“芯火”基地 for 合肥国家“芯火”双创基地)."""
    core = re.sub(r"[“”\"「」『』\s]", "", name)
    for other in found:
        o = re.sub(r"[“”\"「」『』\s]", "", other)
        it = iter(o)
        if len(core) < len(o) and all(c in it for c in core):
            return True
    return False


def _refine_kind(kind: str, name: str) -> str:
    if kind == "service_platform":
        if re.search(r"测试|检测|验证|test", name, re.I):
            return "test_platform"
        if re.search(r"设计|EDA|MPW|流片|design", name, re.I):
            return "design_platform"
    return kind


def _resource_span(page: Page, hs: int, he: int) -> tuple[int, int, str, Mention | None] | None:
    """The resource whose name ends with the head at [hs, he): an organisation mention covering it, else the name
    read leftwards from the head to a boundary or a verb."""
    text = page.text
    english = text[hs:he].isascii()
    cover = [m for m in page.orgs if m.start <= hs and he <= m.end and m.end - he <= (60 if english else 12)
             and m.confidence > 0.5]
    if cover:
        m = max(cover, key=lambda x: x.end - x.start)
        name = page.name(m)
        # what tells it from any other: the words before its head (and in English the "of …" after it)
        core = m.surface[:hs - m.start] + (m.surface[he - m.start:] if english else "")
        if _GENERIC_RES.match(core) and not re.search(r"芯火|xinhuo", m.surface, re.I):
            return None
        return m.start, m.end, name, m
    if text[hs:he].isascii():
        return None  # English names come from the organisation finder
    i = hs
    floor = max(0, hs - 24)
    while i > floor and NAME_CHARS.match(text[i - 1]):
        stop = LEFT_STOPS.search(text, max(0, i - 4), i)
        if stop and stop.end() == i:
            break
        i -= 1
    # an organisation or region mention the name starts inside is taken whole
    for m in page.mentions:
        if m.start < i < m.end and m.end <= hs and m.label not in QUANTITY_LABELS:
            i = m.start
    lead = _QUANTIFIER.match(text, i, hs)
    if lead:
        i = lead.end()  # 建设一条8英寸功率器件中试线: the line, not 一条
    name = text[i:he].strip("“”\"「」 ")
    core = text[i:hs]
    if len(name) < 4 or (_GENERIC_RES.match(core) and not re.search(r"芯火", name)):
        return None
    return i, he, name, None


def _resource_scope(page: Page, start: int) -> list[tuple[int, int]]:
    """Where a resource is described: its sentence from its name on, and the following sentences of the paragraph
    that speak of it (基地…, 该平台…, 平台负责人介绍…)."""
    s0, s1, para = page.sentence(start)
    nxt = [m.start() for m in _RESOURCE.finditer(page.text, start + 1, s1)]
    own_end = s1
    for n in nxt:
        if n > start + 1 and not any(o.start <= n < o.end and o.start <= start for o in page.orgs):
            head_start = max((o.start for o in page.orgs if o.start <= n < o.end), default=n)
            if head_start > start:
                own_end = min(own_end, head_start)
                break
    out = [(start, own_end)]
    for c in page.sentences:
        if c.start >= s1 and c.end <= para[1]:
            if _RESOURCE_REF.match(c.text):
                out.append((c.start, c.end))
            else:
                break
    return out


def _resource_record(page: Page, name: str, kind: str, start: int, end: int) -> CollabRecord:
    s0, s1, _para = page.sentence(start)
    scope = _resource_scope(page, start)
    host = _host(page, start, end, scope, name)
    e = page.by_name.get(name)
    segs = stage_terms(name)
    for a, b in scope:
        segs += stage_terms(masked(page, a, b, keep=(start, end)))
    if not segs and e is not None:
        segs = list(e.segments)
    segs = list(dict.fromkeys(segs))
    region = (e.region if e is not None and e.type != "region" else None) or page.region_in(start, end, outside_orgs=False)
    here = _located(page, scope)
    if here is not None and (region is None or page.within(here, region)):
        region = here  # 在南京江北新区启用: where it is, finer than the province in its name
    region = region or page.clause_region(s0, start) or page.region_in(start, scope[0][1]) or page.region_of(host) \
        or page.doc_place
    return CollabRecord("resource", name, (s0, s1), region=region, date=page.date_at(s0, s1),
                        attrs={"resource_kind": kind, "host": host, "segments": segs, "span": [start, end],
                               "scope": [scope[0][0], scope[-1][1]]})


_LOCATED_AT = re.compile(r"(?:在|于|位于|落户|落地|地处)([^，。；在于]{2,18}?)(?:正式|顺利|同步)?(?:启用|揭牌|运营|投入运营|落户|建成|成立|"
                         r"上线|开工|通线|投用|开园|开放|揭幕|落地|设立)?(?=[，。；]|正式|顺利|启用|揭牌|运营|投入|落户|建成|"
                         r"成立|上线|开工|通线|投用|开园|开放|揭幕)|\b(?:in|at)\s+([A-Z][\w' -]{2,40}?)(?=[,.;]| on | was| is)")


def _located(page: Page, scope: list[tuple[int, int]]) -> str | None:
    """The region a resource is said to be in or opened in (在合肥高新区正式投入运营, 位于东湖高新区)."""
    for a, b in scope:
        for m in _LOCATED_AT.finditer(page.text, a, b):
            g = 1 if m.group(1) else 2
            name = page.region_in(m.start(g), m.end(g), outside_orgs=True) or page.region_in(m.start(g), m.end(g), False)
            if name:
                return name
    return None


def _host(page: Page, start: int, end: int, scope: list[tuple[int, int]], name: str) -> str | None:
    text = page.text
    s0, s1, _p = page.sentence(start)
    spans = [(s0, s1), *scope[1:]]
    for a, b in spans:
        orgs = [m for m in page.orgs_in(a, b) if not (start <= m.start and m.end <= end) and page.name(m) != name
                and m.label not in ("government",)]
        # 依托X建设 / relying on X: the first organisation after the cue
        for cue in _YITUO.finditer(text, a, b):
            after = [m for m in orgs if cue.end() <= m.start <= cue.end() + 4]
            if after:
                return page.name(after[0])
        # 由X承建 / 由X牵头建设
        for m in orgs:
            if _YOU.search(text, max(a, m.start - 2), m.start) and _YOU_AFTER.match(text, m.end):
                return page.name(m)
    orgs = [m for m in page.orgs_in(s0, s1) if not (start <= m.start and m.end <= end) and page.name(m) != name]
    # the State Key Laboratory of … at Fudan University
    after = [m for m in orgs if m.start >= end and re.fullmatch(r"\s*,?\s*(?:at|of|under|hosted by)\s+(?:the\s+)?",
                                                                 text[end:m.start], re.I)]
    if after and after[0].label in ("university", "institute", "company"):
        return page.name(after[0])
    # X(牵头)建设的 / X的 / X旗下 right before the resource
    before = [m for m in orgs if m.end <= start and start - m.end <= 8]
    if before:
        m = before[-1]
        gap = text[m.end:start]
        if gap.strip() and (_HOST_BEFORE.search(text, m.end, start) or re.fullmatch(rf"\s*{_HOST_VERBS}?的?\s*", gap)):
            return page.name(m)
    # a host named at the head of the resource's name (复旦大学专用集成电路与系统国家重点实验室)
    inner = [m for m in page.orgs if m.start == start and m.end < end and m.label in ("university", "company", "institute")]
    if inner:
        return page.name(inner[0])
    # the organisation that opens the clause and 建有/拥有/获批 it
    seps = [s0, *(x.end() for x in CN_CLAUSE.finditer(text, s0, start))]
    c0 = seps[-1]
    lead = [m for m in orgs if c0 <= m.start < start and m.end <= start and m.label != "government"]
    if lead and re.fullmatch(r"\s*", text[c0:lead[0].start]) and _SUBJECT_VERB.match(text, lead[-1].end):
        return page.name(lead[-1])
    return None


