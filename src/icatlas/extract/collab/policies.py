"""Policies: a release (发布/印发/出台 《title》, and the ``policy_released`` events) with its issuer, title, measures,
chain segments and amounts."""
from __future__ import annotations

import re
from typing import Any

from ...model import CollabRecord, Event, Mention
from ..events import PLANNED, TRIGGERS
from .page import CN_CLAUSE, FOR_YEAR, SCALE_WORDS, Page, masked, stage_terms

_POLICY_WORDS = r"政策|办法|措施|意见|方案|规划|条例|细则|通知|计划|规定|纲要|指南|实施意见|行动计划"
POLICY = re.compile(
    rf"(?:发布|印发|出台|公布|颁布|推出|制定|发出|下发|审议通过|正式实施|施行|release|issue|unveil|publish|introduc|roll)"
    rf"[^，。；;.]{{0,30}}?(?:《[^》]{{2,60}}》|{_POLICY_WORDS}|polic(?:y|ies)|measures|opinions|regulations|guidelines|plan\b)"
    rf"|《[^》]{{2,60}}(?:{_POLICY_WORDS})》[^，。；]{{0,10}}(?:发布|印发|出台|公布|颁布|实施|施行)"
    r"|(?:polic(?:y|ies)|measures|opinions|regulations|guidelines)[^.;]{0,40}(?:were|was|been|are|is) "
    r"(?:issued|released|unveiled|published|introduced)", re.I)
_TITLE = re.compile(rf"《([^》]{{2,80}}(?:{_POLICY_WORDS}|若干|意见|措施)[^》]{{0,16}})》|"
                    r"[\"“]([^\"”]{4,120}?(?:Measures|Policies|Policy|Plan|Opinions|Regulations|Guidelines|Rules)"
                    r"[^\"”]{0,80})[\"”]")
_NOT_POLICY_TRIGGER = re.compile(r"发布会|新品|产品|芯片|报告|榜单|白皮书|指数|成果|product|chip|report", re.I)
#: Measures of a policy and the words that name them.
MEASURES: dict[str, re.Pattern[str]] = {
    "subsidy": re.compile(r"补贴|补助|奖励|资助|奖补|subsid|grants?\b|rewards?\b|bonus", re.I),
    "fund": re.compile(r"基金|(?<![-\w])funds?\b", re.I),
    "land": re.compile(r"用地|土地|\bland\b", re.I),
    "talent": re.compile(r"人才|talent", re.I),
    "tax": re.compile(r"税收|减免|免征|减征|退税|所得税|\btax", re.I),
    "finance": re.compile(r"贷款|融资|贴息|担保|信贷|\bloans?\b|financ|interest subsid", re.I),
    "rent": re.compile(r"租金|房租|免租|减租|租赁补贴|\brent", re.I),
}
_OTHER_TRIGGERS = [(t, p) for t, p, _r in TRIGGERS if t not in ("policy_released", "investment", "financing",
                                                                   "organization_founded")]

_SHORT_TITLE = re.compile(r"(?:以下)?简称[“\"《]?$|以下称[“\"《]?$")
_PAST_REF = re.compile(r"(?:此前|之前|以前|过去|曾经?|先前|已)(?:出台|发布|印发|实施)的")
_PARA_BACKREF = re.compile(r"^\s*(?:【[^】]{0,6}】)?\s*(?:《|该政策|该措施|该办法|该方案|政策|措施|办法|意见|方案|细则|文件|新政|"
                           r"按照|根据|对于|对|针对|此外|另外|同时|其中|在[^，。；]{1,10}(?:环节|方面|领域)|[^，。；]{1,6}方面|"
                           r"under the (?:plan|policy|measures)|the (?:plan|policy|measures)|in addition|also)", re.I)


def find_policies(page: Page, events: list[Event]) -> list[CollabRecord]:
    text = page.text
    out: list[CollabRecord] = []
    covered: list[tuple[int, int]] = []
    released = {ev.evidence: ev for ev in events if ev.type == "policy_released"}
    for c in page.sentences:
        hits = [m for m in POLICY.finditer(text, c.start, c.end) if not _NOT_POLICY_TRIGGER.search(m.group(0))]
        ev = released.get((c.start, c.end))
        if not hits and ev is None:
            continue
        trig = hits[0].start() if hits else (ev.trigger[0] if ev else c.start)
        sent = page.full_sentence(c.start)
        titles = [t.group(1) or t.group(2) for t in _TITLE.finditer(text, c.start, c.end)
                  if not _SHORT_TITLE.search(text, max(0, t.start() - 6), t.start())]
        if ev is None and PLANNED.search(text, sent[0], trig) and not re.search(
                r"已|正式|日前|近日|印发了|发布了|出台了", text[c.start:c.end]):
            continue
        if _PAST_REF.search(text, max(c.start, trig - 4), trig + 8) and not titles:
            continue
        if any(a <= c.start < b for a, b in covered) and not titles:
            continue  # more about a policy already found
        issuer_m = _issuer_mention(page, c.start, c.end, trig)
        if issuer_m is not None and issuer_m.label == "company":
            continue  # a company's plan or scheme (扩产计划, 股权激励方案) is not a policy
        if (issuer_m is None or issuer_m.label not in _ISSUERS) and not titles and not _STRICT_POLICY.search(
                text, trig, c.end):
            continue  # without a public issuer or a title, only 政策/措施/办法 … make a policy, not 计划/方案
        scope = _policy_scope(page, c.start, c.end, trig)
        issuer = page.name(issuer_m) if issuer_m is not None else None
        region = page.zone_named(issuer) or page.region_of(issuer) or page.clause_region(c.start, trig) or (ev.place if ev else None) \
            or page.region_in(c.start, c.end) or page.doc_place
        date = _issued_on(page, c.start, trig) or (ev.date if ev and ev.date != page.doc_date else None) \
            or page.date_at(c.start, trig)
        measures, segments, amounts = _policy_content(page, scope, titles)
        ic = page.ic(*scope, extra=" ".join(titles)) or bool(segments)
        for title in titles or [None]:
            out.append(CollabRecord("policy", title or issuer or region, (c.start, c.end), region=region, date=date,
                                    attrs={"title": title, "issuer": issuer, "measures": measures,
                                           "segments": segments, "amounts": amounts, "ic": ic,
                                           "scope": [scope[0][0], scope[-1][1]]}))
        covered.append((scope[0][0], scope[-1][1]))
    return out


def _issued_on(page: Page, s0: int, trig: int) -> str | None:
    """The date a policy was issued: one named before its verb (11月6日发布), not a year inside its title or a
    target year (到2025年)."""
    for m in page.dates:
        if s0 <= m.start < trig and not FOR_YEAR.match(page.text, max(s0, m.start - 3)) \
                and page.text.count("《", s0, m.start) == page.text.count("》", s0, m.start):
            return str(m.attrs["value"])
    return None


_ISSUERS = ("government", "association", "park", "organization")
_STRICT_POLICY = re.compile(r"政策|措施|办法|条例|意见|细则|通知|规定|纲要|指南|行动计划|若干|polic(?:y|ies)|measures|"
                            r"regulations|guidelines", re.I)


def _issuer_mention(page: Page, s0: int, s1: int, trig: int) -> Mention | None:
    orgs = page.orgs_in(s0, s1)
    gov = [m for m in orgs if m.end <= trig and m.label in ("government", "association", "park")]
    if gov:
        return gov[-1]
    before = [m for m in orgs if m.end <= trig and m.label not in ("media",)]
    if before:
        return before[-1]
    by = re.search(r"\bby (?:the )?", page.text[trig:s1])
    if by:
        after = [m for m in orgs if m.start >= trig + by.end() and m.start - (trig + by.end()) <= 2]
        if after:
            return after[0]
    return None


def _policy_scope(page: Page, s0: int, s1: int, trig: int) -> list[tuple[int, int]]:
    """The spans a policy's content is read from: its comma clauses from the trigger to the first clause that reports
    something else (表彰, 签约 ...), the rest of its paragraph, and the following paragraphs that open by referring to
    it (《若干措施》提出, 按照新政, 此外, 人才方面 …) until one that does not."""
    text = page.text
    seps = [s0, *(x.end() for x in CN_CLAUSE.finditer(text, s0, s1)), s1]
    start = max(x for x in seps if x <= trig)
    end = s1
    for a, b in zip(seps, seps[1:]):
        if a <= trig:
            continue
        if any(p.search(text, a, b) for _t, p in _OTHER_TRIGGERS) and not POLICY.search(text, a, b):
            end = a
            break
    out = [(start, end)]
    if end < s1:
        return out
    para = page.sentence(s0)[2]
    for c in page.sentences:
        if c.start >= s1 and c.end <= para[1]:
            if POLICY.search(text, c.start, c.end) and _TITLE.search(text, c.start, c.end):
                return out
            out.append((c.start, c.end))
    paras: dict[tuple[int, int], list[Any]] = {}
    for c in page.sentences:
        if c.start >= para[1]:
            paras.setdefault(c.paragraph, []).append(c)
    for sents in paras.values():
        if not _PARA_BACKREF.match(sents[0].text):
            break
        for c in sents:
            if POLICY.search(text, c.start, c.end) and _TITLE.search(text, c.start, c.end):
                return out
            out.append((c.start, c.end))
    return out


def _policy_content(page: Page, scope: list[tuple[int, int]], titles: list[str]
                    ) -> tuple[list[str], list[str], list[dict[str, Any]]]:
    plain = "\n".join([page.text[a:b] for a, b in scope] + titles)
    measures = [k for k, rx in MEASURES.items() if rx.search(plain)]
    segments = stage_terms("\n".join([masked(page, a, b) for a, b in scope] + titles))
    amounts = []
    for m in page.mentions:
        if m.label == "money" and any(a <= m.start and m.end <= b for a, b in scope) and not goal(page, m):
            amounts.append({"value": m.attrs.get("value"), "currency": m.attrs.get("unit"), "text": m.surface})
    return measures, segments, amounts


_SUPPORT = re.compile(r"基金|资金|补贴|补助|奖励|资助|支持|给予|贴息|fund|subsid|grant|support", re.I)


def goal(page: Page, m: Mention) -> bool:
    """An amount a policy sets as a goal (营业收入突破4000亿元), not one it gives."""
    text = page.text
    c0 = max([page.sentence(m.start)[0], *(x.end() for x in CN_CLAUSE.finditer(text, page.sentence(m.start)[0],
                                                                                  m.start))])
    stop = re.compile(r"[，,；;。！？\n]").search(text, m.end)
    c1 = stop.start() if stop else len(text)
    return bool(SCALE_WORDS.search(text, c0, m.start)) and not _SUPPORT.search(text, c0, c1)


