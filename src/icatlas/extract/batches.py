"""Batch signings: one event for the batch, and one for each project the page names in it.

A batch signing (集中签约18个项目，总投资95亿元; 6个项目签约落地) is one ``project_signed`` event with its total. The
projects it lists are events of their own, each with the company that carries it as its party and the batch's date,
place and status; each links back to the batch in its facets (``{"type": "batch", "evidence": …}``). The list is
read where pages write it:

- **inline**, in the batch's sentence or the two after it: names that end in 项目, 基地, 中心 or 产线, separated by
  、 ， 以及 和 (它们分别是A项目、B基地…; A项目、B项目等6个项目签约);
- **a paragraph each**, in the paragraphs after the batch: a paragraph that opens with a project's name and a comma
  (某集团南京测试中心项目，计划…), with the first sum of that paragraph as its amount.

The company is the organisation named at the start of the project's name, else the words before the first word of
what the project makes or does, or before a place (显鋆 in 显鋆晶圆测试…项目, 华景传感 in 华景传感绍兴封装基地项目).
A project named after a place or after its product alone (脑机接口验证平台项目) has no party of its own and is
left to the batch.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from ..model import NON_ORG_LABELS, Event, Figure, Mention
from .events import SENTENCE_ENDS, amount_of, as_written, sentence_start_at
from .known_orgs import named_by_head

#: a project's name: up to 30 characters ending in what is built
_ITEM = re.compile(r"(?:[^、，,；;。：:\s（）()“”\"]|[（(][^、，,；;。：:\s（）()“”\"]{1,8}[）)]){3,30}?"
                   r"(?:项目|基地|中心|产线|生产线|工厂)(?:项目)?(?=[、，,；;。：:\s）)]|以及|及|和|与|等|$)")
# (宇芯(成都)…项目: a city in brackets is the name's; …生产线改造和三期新厂项目: the name ends where the list goes on)
#: a name in the list that does not end like a project's, up to the next 、
_OTHER = re.compile(r"[^、，,；;。：:\s]{2,30}、")
_SEPARATORS = re.compile(r"\s*(?:、|，|,|以及|及|和|与)\s*")
#: the words that open what a project makes or does, after its company's name
_WHAT = re.compile(r"晶圆|芯片|半导体|集成电路|电子|封装|封测|测试|装备|设备|材料|三维|光刻|研发|制造|生产|产业|总部|"
                   r"重型|燃气|伺服|金融|全球|运营|新能源|汽车|智能制造|传感器|模组|显示|存储|功率|射频|第三代|化合物")
#: a batch: a count of projects (6个项目, 9大…项目), 集中签约 or 集中开工
_BATCH = re.compile(r"(?:(?<!\d)\d+|(?<![一二两三四五六七八九十])[一二两三四五六七八九十]+)(?:个|大|项)[^，。；]{0,20}?项目|集中签约|批量签约|集中开工|集中投产|集中竣工")
#: the batches whose projects are events of their own, with how a later sentence names one of them (当日开工的…项目)
_BATCH_TYPES = {etype: re.compile(rf"(?:当日|当天|同日|此次|本次|集中)?(?:{verbs})的([^，,。；;、“”\s]{{3,30}}?(?:项目|基地|工厂))")
                for etype, verbs in (("project_signed", "签约|落户|签下"), ("production_milestone", "开工|投产|竣工|动工"))}
_LEAD = re.compile(r"[^、，,]{0,12}?(?:分别是|分别为|包括|包含|涵盖|共有|其中)[:：]?|以及|及|和|与")


def split(events: list[Event], text: str, mentions: list[Mention]) -> list[Event]:
    """``events`` with, after each batch signing or groundbreaking, one event of its type per project of its list."""
    out: list[Event] = []
    taken: set[tuple[int, int]] = set()
    orgs = [m for m in mentions if m.label in ("company", "organization", "group", "fund", "institute", "university")]
    any_org = [m for m in mentions if m.label not in NON_ORG_LABELS]
    places = [m for m in mentions if m.label == "region"]
    money = [m for m in mentions if m.label == "money" and m.attrs.get("value")]
    for ev in events:
        out.append(ev)
        # the batch's own sentence, and each sentence of the page that told it again (its facets)
        starts = sorted({ev.evidence[0], *(int(f["evidence"][0]) for f in ev.facets
                                           if f.get("type") == ev.type and len(f.get("evidence") or []) == 2)})
        starts = [a for a in starts if _BATCH.search(text, *_sentence(text, a))]
        if ev.type not in _BATCH_TYPES or not starts:
            continue
        in_paragraphs = _paragraphs(text, ev) if ev.type == "project_signed" else []
        paragraph_items = {(a, b) for a, b, _ in in_paragraphs}
        later = _told_later(text, ev, _BATCH_TYPES[ev.type])
        for start, end, amount in [x for a in starts for x in _listed(text, a)] + in_paragraphs + later:
            if (start, end) in taken:
                continue
            party = _party(text, start, end, orgs, places)
            para = _paragraph(text, start) if (start, end) in paragraph_items else None
            if party is None and para is not None:
                # a project named after its place (某开发区集成电路产业促进中心项目，由某中心为技术支撑): the first
                # organisation its paragraph names
                named = [m for m in any_org if end <= m.start < para[1]]
                party = as_written(named[0], "party") if named else None
            if party is None:
                continue
            if amount is None and para is not None:
                sums = [m for m in money if para[0] <= m.start < para[1]]
                amount = amount_of(sums[0]) if sums else None
            taken.add((start, end))
            item = Event(type=ev.type, trigger=(start, end), evidence=_sentence(text, start),
                         date=ev.date, date_precision=ev.date_precision, place=ev.place,
                         participants=[party], amount=amount, name=text[start:end],
                         status=ev.status, expected_date=ev.expected_date)
            item.place_stated = ev.place_stated
            item.facets = [{"type": ev.type, "evidence": list(item.evidence), "trigger": [start, end]},
                           {"type": "batch", "evidence": list(ev.evidence), "trigger": list(ev.trigger)}]
            out.append(item)
    return out


#: signing with each one (A与B、C、D等单位分别签署…协议; A、B分别与C签约): one agreement per pair, not one of all
_RESPECTIVELY = re.compile(r"分别(与|同|和)?[^，,。；;]{0,20}?(?:签署|签订|签约|签下|缔结)")
_PAIR_ROLES = ("signer", "party")


def respectively(events: list[Event], text: str) -> list[Event]:
    """A signing "with each" (分别) of three or more parties becomes one signing per pair: the party written alone
    (before 与, or after 分别与) with each of the others. Signings done together (共同签署) stay one."""
    out: list[Event] = []
    for ev in events:
        people = [p for p in ev.participants if p.get("role") in _PAIR_ROLES]
        a, b = ev.evidence
        m = _RESPECTIVELY.search(text, a, b) if ev.type in ("agreement_signed", "project_signed") else None
        if m is None or len(people) < 3 or not m.start() <= ev.trigger[0] <= m.end():
            out.append(ev)
            continue
        where = {p["name"]: text.find(p["name"], a, b) for p in people}
        after = [p for p in people if where[p["name"]] >= m.end(1)] if m.group(1) else []
        common = after[0] if len(after) == 1 else min(people, key=lambda p: (where[p["name"]] < 0, where[p["name"]]))
        rest = [p for p in ev.participants if p is not common]
        for other in [p for p in rest if p.get("role") in _PAIR_ROLES]:
            keep = [p for p in rest if p.get("role") not in _PAIR_ROLES]
            out.append(replace(ev, participants=[common, other, *keep], facets=list(ev.facets)))
    return out


def _sentence(text: str, at: int) -> tuple[int, int]:
    ends = [i for i in (text.find(c, at) for c in SENTENCE_ENDS) if i >= 0]
    return sentence_start_at(text, at), (min(ends) + 1 if ends else len(text))


def _told_later(text: str, ev: Event, pattern: re.Pattern[str]) -> list[tuple[int, int, dict[str, object] | None]]:
    """Projects of the batch named after it in a sentence of their own (当日开工的某某一期项目位于…)."""
    return [(m.start(1), m.end(1), None) for m in pattern.finditer(text, ev.evidence[1])]


def _paragraph(text: str, at: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return start, (len(text) if end < 0 else end)


def _listed(text: str, at: int) -> list[tuple[int, int, dict[str, object] | None]]:
    """Project names enumerated in the batch's sentence (the one at ``at``) and the two after it (at least two in a
    row)."""
    start, end = _sentence(text, at)
    for _ in range(2):
        if end < len(text) and text[end:end + 1] not in "\n":
            end = _sentence(text, end)[1]
    found: list[tuple[int, int, dict[str, object] | None]] = []
    run: list[tuple[int, int]] = []
    at = start
    while at < end:
        m = _ITEM.match(text, at)
        other = _OTHER.match(text, at, end) if m is None and run else None
        if other is not None:
            at = other.end()  # a name of the list that is no project's (某精工伺服电机驱动器研发生产基底): the list goes on
            continue
        if m is None or m.end() > end:
            if len(run) >= 2:
                found += [(a, b, None) for a, b in run]
            run = []
            at += 1
            continue
        a = m.start()
        lead = _LEAD.match(text, a, m.end())
        if lead is not None:
            a = lead.end()  # 它们分别是X项目, 以及Y项目: the name starts after the words that open the list
        run.append((a, m.end()))
        sep = _SEPARATORS.match(text, m.end())
        if sep is None or sep.end() == m.end():
            if len(run) >= 2:
                found += [(a, b, None) for a, b in run]
            run = []
            at = m.end()
        else:
            at = sep.end()
    if len(run) >= 2:
        found += [(a, b, None) for a, b in run]
    return found


def _paragraphs(text: str, ev: Event) -> list[tuple[int, int, dict[str, object] | None]]:
    """Paragraphs after the batch's that each open with a project's name and a comma."""
    found: list[tuple[int, int, dict[str, object] | None]] = []
    at = text.find("\n", ev.evidence[1] - 1)
    misses = 0
    while at >= 0 and misses < 2 and len(found) < 30:
        para_start = at + 1
        para_end = text.find("\n", para_start)
        para_end = len(text) if para_end < 0 else para_end
        at = para_end if para_end < len(text) else -1
        para = text[para_start:para_end]
        if not para.strip():
            continue
        m = _ITEM.match(para)
        if m is None or not re.match(r"\s*[，,：:]", para[m.end():]):
            misses += 1
            continue
        found.append((para_start + m.start(), para_start + m.end(), None))
    return found


def _party(text: str, start: int, end: int, orgs: list[Mention], places: list[Mention]) -> dict[str, str] | None:
    """The company that carries the project named at ``text[start:end]``: an organisation named at its start, else the
    words before what it makes or before a place; None when the name opens with those."""
    at_start = [m for m in orgs if m.start == start and m.end < end]
    if at_start:
        return as_written(max(at_start, key=lambda m: m.end), "party")
    name = text[start:end]
    cuts = [m.start() for m in [_WHAT.search(name)] if m is not None]
    cuts += [p.start - start for p in places if start < p.start < end]
    head = name[:min(cuts)] if cuts else ""
    if not 2 <= len(head) <= 8 or re.search(r"[省市区县镇]$|^(?:该|此|这|其|上述|首批|重大|重点|其他|其它|相关)", head):
        return None
    return {"name": named_by_head(head) or head, "role": "party"}


#: the units of a count of projects
_COUNT_UNITS = ("个", "项", "家")


def batch_figures(figures: list[Figure], events: list[Event], text: str) -> None:
    """The count and the total of a batch (15个项目签约落户海沧，总投资超150亿元) are the figures of the place the
    batch went to: their subject becomes the batch event's stated place."""
    for ev in events:
        if ev.type not in ("project_signed", "production_milestone") or not ev.place_stated or not ev.place:
            continue
        start, end = _sentence(text, ev.evidence[0])
        if not _BATCH.search(text, start, end):
            continue
        for f in figures:
            if not (start <= f.evidence[0] < end):
                continue
            if f.kind == "money" or (f.unit in _COUNT_UNITS and "项目" in text[f.evidence[0]:f.evidence[1]]):
                f.subject = ev.place


#: a sentence that tells the batch itself: 集中开工, 集中签约 (not a count of projects alone, which a page also gives
#: for its running totals)
_BATCH_ACT = re.compile(r"集中(?:开工|签约|投产|竣工)|批量签约")
#: a later sentence about the same batch: its venue (主会场设在…), its count and total (本次集中开工…60个项目，总投资189
#: 亿元), or the official who declares it started (宣布：…集中开工启动)
_VENUE = re.compile(r"主会场")
_THIS_BATCH = re.compile(r"(?:(?:本次|此次|这次|本批|此批|当天|当日)(?:集中)?|集中)(?:开工|签约|投产|竣工)[^。；;]{0,80}?"
                         r"(?:(?:\d+|[一二两三四五六七八九十百]+)(?:个|项)(?:重大|重点)?(?:产业)?项目"
                         r"|项目(?:\d+|[一二两三四五六七八九十百]+)个)")
_DECLARED = re.compile(r"宣布[^。；;]{0,20}集中(?:开工|签约|投产|竣工)")


def join_batch_tellings(events: list[Event], text: str, absorb: Callable[[Event, Event], None],
                        inside: Callable[[str | None, str | None], bool]) -> list[Event]:
    """The later sentences that tell a batch start or signing again (its main venue, its count and total, its
    declaration) are that batch: the batch takes the venue as its place where the venue lies in it, and the batch's
    count and total as its amount."""
    batch: Event | None = None
    out: list[Event] = []
    for ev in events:
        head = sentence_start_at(text, ev.evidence[0])
        sentence = text[head:ev.evidence[1]]
        if batch is None:
            if ev.status == "done" and ev.type in ("production_milestone", "project_signed") \
                    and _BATCH_ACT.search(sentence):
                batch = ev
            out.append(ev)
            continue
        if ev.type != batch.type or ev.status != "done" or (ev.date and batch.date and ev.date != batch.date):
            out.append(ev)
            continue
        venue, total, declared = _VENUE.search(sentence), _THIS_BATCH.search(sentence), _DECLARED.search(sentence)
        part = not venue and ev.place_stated and ev.place != batch.place  # 新吴区…共集中开工45个项目: a part of it
        if part or not (venue or total or declared):
            out.append(ev)
            continue
        if venue and ev.place and inside(ev.place, batch.place):
            batch.place = ev.place
        if total and ev.amount is not None:
            batch.amount = ev.amount
            ev.amount = None
        absorb(batch, ev)
    return out
