"""Talent: people figures (人才, 工程师, 从业人员 with a people unit), training programmes, competitions and talent
awards."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ...model import CollabRecord, Figure
from ..events import PLANNED
from .page import LEFT_STOPS, NAME_CHARS, TARGET_CUE, Page, norm_unit, region_names

TALENT_WORDS = re.compile(r"人才|技术人员|从业人员|工程师|研发人员|科研人员|专业人员|技术工人|产业工人|员工|职工|就业|毕业生|"
                          r"专家|院士|博士|硕士|学员|人次|talents?|engineers?|employees|staff|professionals|researchers|"
                          r"workers|graduates|technicians|people employed|jobs", re.I)
PEOPLE_UNITS = {"人", "名", "位", "人次", "talent", "talents", "engineers", "engineer", "employees", "staff",
                "professionals", "researchers", "workers", "graduates", "technicians", "people", "jobs"}
TRAINING = re.compile(r"培训(?:班|计划|项目|课程|基地|平台|服务平台|营|活动|工程)?|实训(?:基地|平台|中心)?|研修班|训练营|"
                      r"training(?: programmes?| programs?| courses?| bases?| platforms?| camps?| sessions?)?", re.I)
_TRAINING_ACT = re.compile(r"举办|举行|开展|组织|启动|实施|搭建|建设|建立|开设|开办|推出|联合|共建|设立|完成|参加|参训|培训了|"
                           r"开班|结业|办班|提供|held|launch|organi[sz]|run|host|provid|offer|start|open|set up|complet", re.I)
_COMPETITION = re.compile(r"大赛|竞赛|挑战赛|创新赛|设计赛|技能赛|competition|contest|hackathon|challenge cup", re.I)
_AWARD = re.compile(r"表彰[^，。；]{0,24}人才|人才奖|(?:优秀|杰出|领军|青年|高层次|创新|紧缺|卓越)[^，。；]{0,8}人才[^，。；]{0,6}"
                    r"(?:称号|奖|表彰|荣誉)|(?:授予|颁发|评选出?|认定|表彰)[^，。；]{0,20}(?:人才|工程师|专家)|"
                    r"talent awards?|awards? (?:to|for)[^.;]{0,40}(?:talent|engineers|researchers)|"
                    r"(?:honou?red|recogni[sz]ed|awarded)[^.;]{0,40}(?:talent|engineers|researchers)", re.I)
_QUOTED = re.compile(r"《([^》]{2,60})》|“([^”]{2,40})”|\"([^\"]{2,40})\"")
# a number starts where no digit, comma or point precedes it (else every place inside a long run of digit groups
# would read the run again)
_EN_PEOPLE = re.compile(r"(more than|over|nearly|almost|about|around|some)?\s*\b(?<![\d,.])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*"
                        r"(thousand|million)?\s+((?:[A-Za-z-]+\s+){0,3}?)(engineers|professionals|researchers|employees|"
                        r"workers|technicians|talents?|staff|graduates|people|specialists|experts)\b", re.I)
_GENERIC_ITEM = re.compile(r"^(?:the|this|that|these|its|该|本|此|这个|这一|上述|其)?\s*(?:contest|competition|award|training|"
                           r"programs?|programmes?|大赛|竞赛|比赛|培训|奖项?)?$", re.I)


@dataclass
class _People:
    start: int
    end: int
    value: float
    unit: str
    qualifier: str | None


def _people_counts(page: Page) -> list[_People]:
    text = page.text
    out = []
    for q in page.mentions:
        if q.label != "count":
            continue
        unit = str(q.attrs.get("unit") or "")
        if unit.lower() not in PEOPLE_UNITS:
            continue
        s0, s1, _p = page.sentence(q.start)
        near = text[max(s0, q.start - 16):min(s1, q.end + 10)]
        if not TALENT_WORDS.search(near):
            continue
        if text.startswith("次", q.end):
            unit = "人次"
        out.append(_People(q.start, q.end, float(q.attrs["value"]), norm_unit(unit) or unit, q.attrs.get("qualifier")))
    for m in _EN_PEOPLE.finditer(text):
        if any(p.start <= m.start(2) < p.end for p in out):
            continue
        v = float(m.group(2).replace(",", "")) * {"thousand": 1e3, "million": 1e6}.get((m.group(3) or "").lower(), 1)
        qual = {"more than": "more than", "over": "more than", "nearly": "nearly", "almost": "nearly",
                "about": "about", "around": "about", "some": "about"}.get((m.group(1) or "").lower())
        out.append(_People(m.start(2) if not m.group(1) else m.start(), m.end(), v, "人", qual))
    return sorted(out, key=lambda p: p.start)


def find_talent(page: Page, figures: list[Figure]) -> list[CollabRecord]:
    text = page.text
    out: list[CollabRecord] = []
    items: list[CollabRecord] = []
    seen: set[tuple[str, str]] = set()
    named = {"competition": False, "award": False, "training": False}
    for c in page.sentences:
        sent = page.full_sentence(c.start)
        planned = bool(PLANNED.search(text, sent[0], c.end))
        for kind, rx in (("award", _AWARD), ("competition", _COMPETITION), ("training", TRAINING)):
            for m in rx.finditer(text, c.start, c.end):
                if kind == "training" and not _TRAINING_ACT.search(text, c.start, c.end):
                    continue
                if any(i.attrs["span"][0] <= m.start() < i.attrs["span"][1] for i in items):
                    continue
                name = _item_name(page, m.start(), m.end(), c.start, kind)
                if name is None or _GENERIC_ITEM.match(name) and named[kind]:
                    continue
                key = (kind, name)
                if key in seen:
                    continue
                seen.add(key)
                named[kind] = True
                region = page.clause_region(c.start, m.start()) or page.region_in(c.start, c.end) or page.doc_place
                items.append(CollabRecord("talent", region, (c.start, c.end), region=region,
                                          date=page.date_at(c.start, c.end),
                                          attrs={"talent_kind": kind, "name": name, "planned": planned,
                                                 "qualifier": "target" if planned else None,
                                                 "span": [m.start(), m.end()]}))
                break
    counts = _people_counts(page)
    for q in counts:
        s0, s1, _p = page.sentence(q.start)
        mine = [i for i in items if i.evidence == (s0, s1)]
        if mine:
            # a count in the sentence of a training, an award or a competition is its size (培训工程师1500人次)
            item = mine[-1]
            item.attrs.setdefault("value", q.value)
            item.attrs.setdefault("unit", q.unit)
            if q.qualifier and not item.attrs.get("qualifier"):
                item.attrs["qualifier"] = q.qualifier
            continue
        fig = next((f for f in figures if f.evidence[0] <= q.start < f.evidence[1] and f.value == q.value), None)
        subject = fig.subject if fig else None
        subject = page.full.get(subject or "", subject)
        qual = (fig.qualifier if fig else None) or q.qualifier
        if fig is None and TARGET_CUE.search(text, s0, q.start):
            qual = "target"
        region = page.region_of(subject) if subject else None
        if subject and region is None and subject in region_names(page):
            region = subject
        region = region or page.clause_region(page.full_sentence(q.start)[0], q.start) or page.doc_place
        out.append(CollabRecord("talent", subject or region, (s0, s1), region=region, date=page.date_at(s0, s1),
                                attrs={"talent_kind": "figure", "value": q.value, "unit": q.unit,
                                       "qualifier": qual, "what": fig.what if fig else text[max(s0, q.start - 24):q.start],
                                       "span": [q.start, q.end]}))
    return items + out


def _item_name(page: Page, hs: int, he: int, floor: int, kind: str) -> str | None:
    """The name of a programme, competition or award at [hs, he): a 《title》 or quoted name around it, else the words
    before the head back to a boundary or a verb (capitalised words in English)."""
    text = page.text
    for q in _QUOTED.finditer(text, max(floor, hs - 60), min(len(text), he + 40)):
        if q.start() <= he and q.end() >= hs - 1:
            return next(g for g in q.groups() if g)
    if text[hs:he].isascii():
        if kind == "award" and not re.match(r"(?i)talent award|award", text[hs:he]):
            hs = he  # awarded … talent: no name of its own
        i = hs
        while i > floor and re.match(r"[A-Za-z0-9 '\-()]", text[i - 1]):
            i -= 1
        words = text[i:he].split()
        while words and not words[0][:1].isupper() and not words[0][:1].isdigit():
            words.pop(0)
        while words and words[0].lower() in ("the", "a", "an", "its", "this", "annual", "first"):
            words.pop(0)
        return " ".join(words) or text[hs:he]
    i = hs
    while i > max(floor, hs - 20) and NAME_CHARS.match(text[i - 1]):
        stop = LEFT_STOPS.search(text, max(0, i - 4), i)
        if stop and stop.end() == i:
            break
        i -= 1
    name = text[i:he].strip("“”\"「」 ")
    return name or None


