"""Relations between organisations, each with its evidence sentence.

- signed_with: the organisations that sign one agreement or project (every pair);
- invests_in: an investor and what it invests in, from investment and acquisition events;
- member_of: the organisations a sentence gives seats in an alliance or association (理事长单位, 副理事长单位,
  秘书长单位, 理事单位, 成员单位, 会员单位; "director unit", "member unit"), each bound to the nearest seat word of its
  clause; the alliance is named in the sentence or just before it (``collab.bind_members``);
- partner_of: two organisations joined by 与/和/携手 before a cooperation verb (共建, 合作, 联合) in one sentence;
- subsidiary_of: an organisation whose name is a reference organisation's name or short name followed by a place in
  brackets or a branch word (中芯国际集成电路制造(北京)有限公司, 安靠封装测试(上海)有限公司 of 安靠).
``located_in`` comes from the entities' regions and is written by the store.
"""
from __future__ import annotations

import re
from functools import lru_cache
from itertools import combinations

from ..model import NON_ORG_LABELS, Entity, Event, Mention, Relation, party_key
from ..reference.orgs import org_forms

VERSION = "relations.rules.v2"
_SENTENCE = re.compile(r"[^。！？；!?;\n]+[。！？；!?;]?")
_PARTNER = re.compile(r"(?:与|和|同|携手)[^，。；]{0,40}?(?:共建|合作|联合|共同|携手|战略合作)")
_BRANCH = re.compile(r"^[(（][\u4e00-\u9fff]{2,6}[)）]|^[\u4e00-\u9fff]{0,12}(?:分公司|子公司|分厂|分院)")


def find_relations(text: str, mentions: list[Mention], entities: list[Entity], events: list[Event]) -> list[Relation]:
    canon = {(m.start, m.end): str(m.attrs.get("canonical") or m.surface) for m in mentions}
    orgs = [m for m in mentions if m.label not in NON_ORG_LABELS]
    out: list[Relation] = []
    people = {e.name for e in entities if e.type in ("person", "region")}
    out += _from_events(events, people)
    for s in _SENTENCE.finditer(text):
        here = [m for m in orgs if s.start() <= m.start and m.end <= s.end()]
        if not here:
            continue
        out += _members(text, s, here, canon, [m for m in orgs if m.end <= s.start()])
        if len(here) >= 2:
            out += _partners(text, s, here, canon)
    out += _subsidiaries(entities)
    seen: set[tuple[str, str, str]] = set()
    unique = []
    for r in out:
        key = (r.type, r.source, r.target)
        if r.source != r.target and key not in seen:
            seen.add(key)
            unique.append(r)
    return unique


def _from_events(events: list[Event], not_orgs: set[str]) -> list[Relation]:
    out = []
    for ev in events:
        names = [p for p in ev.participants if p.get("name") and p["name"] not in not_orgs]
        if ev.type in ("agreement_signed", "project_signed"):
            for a, b in combinations([party_key(p) for p in names], 2):
                out.append(Relation("signed_with", a, b, ev.evidence))
        elif ev.type in ("investment", "acquisition"):
            givers = [party_key(p) for p in names if p.get("role") in ("investor", "acquirer")]
            takers = [party_key(p) for p in names if p.get("role") in ("investee", "target")]
            for a in givers:
                for b in takers:
                    out.append(Relation("invests_in", a, b, ev.evidence, {"event": ev.type}))
    return out


def _members(text: str, s: re.Match[str], here: list[Mention], canon: dict[tuple[int, int], str],
             earlier: list[Mention]) -> list[Relation]:
    """The units a sentence gives seats in an alliance or association (see ``collab.bind_members``), each with its
    seat as written (``role``), its rank (director, vice_director, secretary_general, council, member ...) and
    whether the sentence calls the seat the first (首届, 首批, first)."""
    from .collab import bind_members

    out = []
    for m, g, cue in bind_members(text, s.start(), s.end(), here, earlier):
        out.append(Relation("member_of", canon[(m.start, m.end)], canon[(g.start, g.end)], (s.start(), s.end()),
                            {"role": cue.written, "rank": cue.rank, "first": cue.first}))
    return out


def _partners(text: str, s: re.Match[str], here: list[Mention], canon: dict[tuple[int, int], str]) -> list[Relation]:
    out = []
    for a, b in zip(here, here[1:]):
        between = text[a.end:b.start]
        if len(between) <= 3 and re.fullmatch(r"\s*(?:与|和|同|携手)\s*", between) and _PARTNER.match(text, a.end):
            out.append(Relation("partner_of", canon[(a.start, a.end)], canon[(b.start, b.end)], (s.start(), s.end())))
    return out


_CITY_IN_BRACKETS = re.compile(r"[(（][\u4e00-\u9fff]{2,6}[)）]|\b(?:Shanghai|Beijing|Suzhou|Wuxi|Shenzhen|Chengdu|"
                               r"Xi'an|Nanjing|Hefei|Wuhan|Tianjin|Dalian|Chongqing|Hangzhou|Guangzhou|Xiamen)\b")


def _subsidiaries(entities: list[Entity]) -> list[Relation]:
    forms, order = org_forms(), _form_order()
    out = []
    orgs = [e for e in entities if e.type not in ("person", "region") and e.mentions]
    for e in orgs:
        # 安靠封装测试(上海)有限公司 (Amkor Technology Shanghai) and AMKOR on one page: the local company of a brand
        names = [e.name, *e.aliases]
        if not any(_CITY_IN_BRACKETS.search(n) for n in names):
            continue
        lowered = [(n.lower(), len(n)) for n in names]
        for p in orgs:
            if p is e or len(p.name) < 3 or p.name in names:
                continue
            brand = p.name.lower()
            if any(low.startswith(brand) and size > len(brand) + 2 for low, size in lowered):
                out.append(Relation("subsidiary_of", e.name, p.name, e.mentions[0]))
    for e in entities:
        if e.type in ("person", "region") or e.attrs.get("ref_id") or not e.mentions:
            continue
        # the reference forms the name begins with, in the order of org_forms(): the first that leaves a branch
        heads = sorted((order[f], f) for f in (e.name[:k] for k in range(2, len(e.name) + 1)) if f in order)
        for _, form in heads:
            ref = forms[form]
            if e.name != ref.name and _BRANCH.match(e.name[len(form):]):
                out.append(Relation("subsidiary_of", e.name, ref.name, e.mentions[0]))
                break
    return out


@lru_cache(maxsize=1)
def _form_order() -> dict[str, int]:
    """Each reference form's place in :func:`org_forms`."""
    return {form: k for k, form in enumerate(org_forms())}
