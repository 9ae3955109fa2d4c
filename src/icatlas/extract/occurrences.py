"""The document pass that joins the acts of one happening into one event (an occurrence).

Sentence-level triggers (:mod:`icatlas.extract.events`) propose one event per act and sentence: a project signing
sentence that states the total investment gives a ``project_signed`` and an ``investment``; a groundbreaking with
its total gives a ``production_milestone`` and an ``investment``. This pass joins them:

- **In one clause** (a sentence, or its part up to a ；) the main act absorbs its facets (:data:`ABSORBS`): the signing takes the investment's amount
  and parties, the groundbreaking its total, the founding its capital. An agreement signed with an investment sum
  for a project is the project's signing (``project_signed``).
- **In the next sentence** a bare total (该项目总投资50亿元: an ``investment`` with an amount and no organisation)
  is the amount of the event just before it in the paragraph, when that one has none.
- **Across the page** two events of one type with the same amount, or the same name, or told again on the same
  day at a compatible place by the same parties, are one (the title and the lede telling the same signing).
- **An agreement for a project** (项目投资协议, "… to launch the … Project") is the project's signing.
- **A step of "the project" just told** (该项目预计2026年投产) takes that project's place and name.

:func:`fill_amounts` then gives an event that carries a sum and has none the sum its sentence or the next one names
as the happening's own (注册资本…, 总投资…, "registered capital of").

Each joined act is kept in the occurrence's ``facets`` with its own sentence, so a reader sees every source
sentence.
"""
from __future__ import annotations

import re
from dataclasses import replace

from ..model import Event, Mention, party_key
from ..reference.regions import Region, regions
from .batches import join_batch_tellings
from .events import PER_UNIT, SENTENCE_ENDS, amount_of, sentence_start_at
from .events import sentences_between as _sentences_between

#: The main act of a sentence, first to last: it absorbs the acts it lists.
ABSORBS: dict[str, tuple[str, ...]] = {
    "project_signed": ("investment", "agreement_signed", "meeting", "organization_founded"),
    "production_milestone": ("investment", "meeting", "organization_founded"),
    "acquisition": ("investment", "agreement_signed", "meeting"),
    "organization_founded": ("investment", "meeting"),
    "financing": ("investment",),
    "bid_won": ("investment",),
    "agreement_signed": ("meeting",),
    "official_visit": ("meeting",),
    "award": ("meeting",),
    "policy_released": ("meeting",),
}
_CARRIES_AMOUNT = ("project_signed", "production_milestone", "organization_founded", "acquisition", "financing",
                   "investment", "bid_won")


def join(events: list[Event], text: str) -> list[Event]:
    """The page's events with the acts of each happening joined into one."""
    for ev in events:
        if not ev.facets:
            ev.facets = [_facet(ev)]
    _project_agreements(events, text)  # first, so that the project's signing takes the acts of its clause
    out = _join_clauses(events)
    out = join_batch_tellings(out, text, absorb, _inside)
    out = _join_project_totals(out, text)
    out = _join_totals(out, text)
    out = _join_plant_investments(out, text)
    out = _join_the_same(out, text)
    out = _join_this_round(out, text)
    out = _join_repeats(out)
    out = _join_the_new_body(out, text)
    for ev in out:
        if ev.type == "agreement_signed" and ev.amount is not None:
            _as_project_signing(ev)  # an agreement with an investment sum is a project's (a framework has none)
    _follow_projects(out, text)
    return [ev for ev in out if not _described_total(ev, text)]


#: a project's total written as a noun (项目总投资15亿元, 总投资100亿美元的…项目, with a total investment of 40 billion yuan):
#: what the project is, not an act of investing
_TOTAL_NOUN = re.compile(r"(?:计划)?总投资(?:额|规模)?|投资总额|(?i:total\s+investment|construction\s+investment|"
                         r"investment\s+size)")


_INVEST_AGAIN = re.compile(r"(?<!总)(?:投资|出资|注资)(?!额|总额|规模)|\binvest(?:s|ed)?\b", re.I)


def _described_total(ev: Event, text: str) -> bool:
    """An investment that is only a project's total, told on its own (joined to no signing or start): no happening."""
    if ev.type != "investment" or len(ev.facets) > 1:
        return False
    s, e = ev.trigger
    before = _TOTAL_NOUN.search(text, max(0, s - 12), e)
    total = _TOTAL_NOUN.fullmatch(text, s, e) is not None or (
        before is not None and before.end() == e and text[s:e].lower() in ("investment", "投资"))
    # 该项目总投资50亿元，其中长电科技投资30亿元: a firm's own act told after the total is a happening
    return total and _INVEST_AGAIN.search(text, e, ev.evidence[1]) is None


def one_per_visited(events: list[Event]) -> list[Event]:
    """A visit to several organisations (李强先后来到中微、中芯国际、华力调研) is one visit per organisation visited,
    each with the visitors (RULES: one event per organisation)."""
    out: list[Event] = []
    for ev in events:
        visited = [p for p in ev.participants if p.get("role") == "visited"]
        if ev.type != "official_visit" or len(visited) < 2:
            out.append(ev)
            continue
        others = [p for p in ev.participants if p.get("role") != "visited"]
        for p in visited:
            out.append(replace(ev, participants=[dict(x) for x in others] + [dict(p)],
                               facets=[dict(f) for f in ev.facets]))
    return out


#: a sentence that opens on the body just founded (该基金由…共同发起设立, The fund is backed by …)
_THE_NEW_BODY = re.compile(r"\s*(?:该|此|这一|这个|該|這一|這個)(?:基金|公司|联盟|聯盟|平台|中心|研究院|协会|協會|企业|企業)"
                           r"|\s*(?:The|This) (?:fund|company|alliance|platform|centre|center|institute|venture)\b", re.I)


def _join_the_new_body(events: list[Event], text: str) -> list[Event]:
    """A founding told of "the fund" or "the company" just founded, in the next sentence or the one after
    (…基金于18日正式设立。该基金由A、B、C等共同发起设立), is that founding: its founders join it, its date stays."""
    out: list[Event] = []
    prev: Event | None = None  # the last founding kept
    for ev in events:
        start = sentence_start_at(text, ev.evidence[0])
        if (prev is not None and ev.type == "organization_founded" and _THE_NEW_BODY.match(text, start)
                and prev.evidence[1] <= start and _same_paragraph_or_next(text, prev.evidence[1], start)
                and _sentences_between(text, prev.evidence[1], start) <= 2):
            date, precision, stated = prev.date, prev.date_precision, prev.date_stated
            absorb(prev, ev)
            if stated or not ev.date_stated:
                prev.date, prev.date_precision, prev.date_stated = date, precision, stated
            continue
        out.append(ev)
        if ev.type == "organization_founded":
            prev = ev
    return out


def _same_paragraph_or_next(text: str, a: int, b: int) -> bool:
    """Whether ``b`` lies in the paragraph of ``a`` or the one after it."""
    return text.count("\n", a, b) <= 1


def _facet(ev: Event) -> dict[str, object]:
    return {"type": ev.type, "evidence": list(ev.evidence), "trigger": list(ev.trigger)}


def _join_clauses(events: list[Event]) -> list[Event]:
    by_clause: dict[int, list[Event]] = {}
    for ev in events:
        by_clause.setdefault(ev.evidence[0], []).append(ev)  # one clause (a ； ends one)
    out: list[Event] = []
    for group in by_clause.values():
        _promote(group)
        absorbed: set[int] = set()
        for main in group:
            if id(main) in absorbed:
                continue
            for other in group:
                if other is not main and id(other) not in absorbed and other.type in ABSORBS.get(main.type, ()) \
                        and not (other.type == "meeting" and other.name):  # a named summit is its own event
                    absorb(main, other)
                    absorbed.add(id(other))
        out += [ev for ev in group if id(ev) not in absorbed]
    return sorted(out, key=lambda e: e.evidence[0])


def _promote(group: list[Event]) -> None:
    """An agreement signed in a sentence that states an investment sum is a project's signing."""
    has_sum = any(e.type == "investment" and e.amount for e in group)
    for ev in group:
        if ev.type == "agreement_signed" and has_sum and not any(e.type == "project_signed" for e in group):
            _as_project_signing(ev)


def _as_project_signing(ev: Event) -> None:
    """The agreement ``ev`` becomes the signing of its project; its first facet stays the agreement."""
    ev.type = "project_signed"
    ev.facets[0]["type"] = "agreement_signed"


# an agreement for a project: 项目投资协议, 项目合资合同; "… to launch the Second Phase Expansion Project"
_FOR_A_PROJECT = re.compile(r"项目[^，。；]{0,8}(?:协议|合同)|\bprojects?\b"
                            # …, SMIC intends to build a 12-inch wafer production line; 双方将合作建设12英寸晶圆生产线
                            r"|\b(?:build|construct|set up|establish)\b[^.;]{0,60}\b(?:production lines?|fabs?|plants?|"
                            r"factor(?:y|ies)|wafer lines?)\b"
                            r"|(?:建设|新建|投资建设|兴建|投建)[^，。；]{0,20}(?:生产线|产线|工厂|晶圆厂|厂房)", re.I)


_CEREMONY = re.compile(r"\bsigning ceremony\b|签约仪式", re.I)


def _project_agreements(events: list[Event], text: str) -> None:
    """An agreement signed for a project (its sentence names the project) is the project's signing; a framework
    agreement with no project stays an agreement."""
    signed = {ev.evidence[0] for ev in events if ev.type == "project_signed"}
    for ev in events:
        # (a signing ceremony held …. 25 projects were established there: the sentence after it says what was signed)
        upto = _sentence_end(text, ev.evidence[1] + 1) if _CEREMONY.search(text, ev.evidence[0], ev.evidence[1]) \
            else ev.evidence[1]
        if ev.type == "agreement_signed" and ev.evidence[0] not in signed \
                and _FOR_A_PROJECT.search(text, ev.evidence[0], upto):
            _as_project_signing(ev)  # (a clause that has its project signing already keeps the agreement a facet)


def absorb(main: Event, other: Event) -> None:
    """``other``'s parties, amount, name, date and place fill what ``main`` lacks; its facets join ``main``'s."""
    have = {party_key(p) for p in main.participants}
    for p in other.participants:
        if party_key(p) not in have:
            main.participants.append(_role_for(main.type, p))
            have.add(party_key(p))
    if main.amount is None and other.amount is not None and main.type in _CARRIES_AMOUNT:
        main.amount = other.amount
    main.name = main.name or other.name
    if (main.date is None or (not main.date_stated and other.date_stated)) and other.date is not None \
            and other.status == main.status:
        main.date, main.date_precision, main.date_stated = other.date, other.date_precision, other.date_stated
    if main.expected_date is None:
        main.expected_date = other.expected_date
    if other.place_stated and not main.place_stated:
        main.place, main.place_stated = other.place, True
    elif other.place_stated and main.place != other.place and _inside(other.place, main.place) \
            and not _city_then_district(main.place, other.place):
        # the same place told more precisely (台湾, then 铜锣; 楠梓区, then its 楠梓科技产业园区); a city's happening
        # told again of one of its districts (a city's batch, then a district's share of it) stays the city's
        main.place = other.place
    main.place = main.place or other.place
    main.facets += [f for f in other.facets if f not in main.facets]


# an investor of a joined investment signs the project, produces at the site, founds the company
_JOINED_ROLE = {("project_signed", "investor"): "party", ("production_milestone", "investor"): "producer",
                ("production_milestone", "party"): "producer", ("production_milestone", "signer"): "producer",
                ("investment", "party"): "investor", ("investment", "signer"): "investor",
                ("investment", "producer"): "investor",
                ("organization_founded", "investor"): "founder", ("project_signed", "signer"): "party",
                ("acquisition", "investor"): "acquirer"}


def _role_for(main_type: str, p: dict[str, str]) -> dict[str, str]:
    role = _JOINED_ROLE.get((main_type, p.get("role", "")))
    return {**p, "role": role} if role else dict(p)


# a sentence that opens on the project just told: 该项目…, The facility involves a … investment from X
_OF_THE_PROJECT = re.compile(r"\s*(?:该项目|此项目|本项目|项目|The (?:new )?(?:facility|plant|project|fab|factory|line)\b)", re.I)


def _join_totals(events: list[Event], text: str) -> list[Event]:
    """A bare total in the sentence after an event (该项目总投资50亿元) is that event's amount."""
    out: list[Event] = []
    for ev in events:
        prev = out[-1] if out else None
        told = _OF_THE_PROJECT.match(text, ev.evidence[0]) is not None  # the sentence opens on the project
        if told and prev is not None and prev.status == "planned" and len(out) > 1 and out[-2].status == "done" \
                and out[-2].type in _CARRIES_AMOUNT and out[-2].amount is None \
                and _sentences_between(text, out[-2].evidence[1], ev.evidence[0]) <= 3:
            prev = out[-2]  # the project's total is the happening's told before its plans, not the plan's
        if (prev is not None and ev.type == "investment" and ev.amount is not None
                and (told or not any(p.get("role") in ("investor", "investee") for p in ev.participants))
                and prev.amount is None and prev.type in _CARRIES_AMOUNT
                and (told or (_same_paragraph(text, prev.evidence[1], ev.evidence[0])
                              and _sentences_between(text, prev.evidence[1], ev.evidence[0]) <= 1))):
            absorb(prev, ev)
            continue
        out.append(ev)
    return out


# a clause that gives "the project's" total: 该项目总投资, 项目总投资, the total investment (sum) in the project
#: the total of "the project" (该项目总投资, 项目规划总投资 opening its sentence, 上述项目总占地…，总投资), not of a
#: project named before 项目
_PROJECT_TOTAL = re.compile(r"(?:(?:该|此|本|上述|这一|這一|整个|整個)项目|(?<![\u3400-\u9fff])项目)(?:[^。；;]{0,24}?[，,])?的?"
                            r"(?:[一二三\d]期[、和及与]?){0,3}(?:规划|计划)?(?:总投资(?:额)?|投资总额|投资额|投资规模)"
                            r"|total investment(?: sum)?(?: in| of| for)? the project", re.I)


def _join_project_totals(events: list[Event], text: str) -> list[Event]:
    """The project's total told later on the page (…the total investment sum in the project will be USD 7.5 billion)
    is the amount of the project signing or start told before it that has none; that total, not another sum of its
    sentence (a registered capital), is the amount."""
    from .quantities import _money

    out: list[Event] = []
    for ev in events:
        cue = _PROJECT_TOTAL.search(text, ev.evidence[0], ev.evidence[1]) \
            if ev.type == "investment" or ev.status == "planned" else None
        main = next((e for e in reversed(out) if e.type in ("project_signed", "production_milestone")
                     and e.amount is None and e.status == "done"), None) if cue else None
        if cue is not None and (main is None or main.type != "project_signed"):
            # 四方签约仪式…。该项目…总投资约150亿元: the agreement signed just before is the project's signing
            signed = next((e for e in reversed(out) if e.type == "agreement_signed" and e.amount is None
                           and e.status == "done" and _sentences_between(text, e.evidence[1], ev.evidence[0]) <= 3
                           and (main is None or e.evidence[0] > main.evidence[0])), None)
            main = signed or main
        if main is not None and cue is not None:
            after = [m for m in _money(text[cue.end():ev.evidence[1]]) if m.start <= 12]
            if after:
                if main.type == "agreement_signed":
                    _as_project_signing(main)
                main.amount = amount_of(after[0])
                if ev.type == "investment":
                    absorb(main, ev)
                    continue  # a planned step of the project (开工建设 next year) stays an event of its own
        out.append(ev)
    return out


_PLANT_ROLES = ("producer", "investor", "party", "signer")


def _join_plant_investments(events: list[Event], text: str) -> list[Event]:
    """The firm's investment told right after its groundbreaking or opening (力积电…动土典礼。力晶积成…投资2780亿元在铜锣
    科学园区兴建2座晶圆厂) is what the plant costs: the start takes its sum, place and facet, when the firm is the same
    (by its registry name) and the start has no sum of its own; a byline line may stand between them."""
    out: list[Event] = []
    for ev in events:
        firms = {party_key(p) for p in ev.participants if p.get("role") in _PLANT_ROLES}
        main = next((o for o in reversed(out) if o.type == "production_milestone" and o.amount is None
                     and o.status == "done" and firms & {party_key(p) for p in o.participants
                                                          if p.get("role") in _PLANT_ROLES}), None) \
            if ev.type == "investment" and ev.amount is not None and firms else None
        if main is not None and main.evidence[1] <= ev.evidence[0] and text.count("\n", main.evidence[1], ev.evidence[0]) <= 2 \
                and _sentences_between(text, main.evidence[1], ev.evidence[0]) <= 2:
            absorb(main, ev)
            continue
        out.append(ev)
    return out


# a sentence that opens on the act just told: The investment by …, The deal …, 此次投资, 该笔收购, 本次签约
_THE_ACT = {"investment": re.compile(r"\s*(?:The (?:investment|injection|capital injection)\b|(?:此次|该笔|这笔|本次|该项)投资)", re.I),
            "acquisition": re.compile(r"\s*(?:The (?:acquisition|deal|purchase|takeover)\b|(?:此次|该笔|这笔|本次|该项)(?:收购|并购))",
                                      re.I),
            "financing": re.compile(r"\s*(?:The (?:round|financing|funding)\b|(?:此次|本轮|该轮|本次)融资)", re.I),
            # 此次签订的协议涵盖…两个项目: the agreement just signed, told again
            "agreement_signed": re.compile(r"\s*(?:(?:此次|本次|这次|该次)(?:签订|签署|签约)的?(?:协议|合同)|The (?:agreement|deal)\b)",
                                           re.I)}


def _join_the_same(events: list[Event], text: str) -> list[Event]:
    """An event whose sentence opens on the act just told (The investment by the Big Fund …) is that act again,
    when the two do not disagree."""
    out: list[Event] = []
    for ev in events:
        prev = out[-1] if out else None
        cue = _THE_ACT.get(ev.type)
        if prev is not None and cue is not None and _compatible(prev, ev) \
                and (prev.type == ev.type or ev.type == "agreement_signed" and prev.type == "project_signed") \
                and (cue.match(text, ev.evidence[0]) or cue.match(text, sentence_start_at(text, ev.evidence[0]))):
            absorb(prev, ev)
            continue
        out.append(ev)
    return out


def _same_paragraph(text: str, a: int, b: int) -> bool:
    return "\n" not in text[a:b].strip("\n ") if b >= a else False


def _join_repeats(events: list[Event]) -> list[Event]:
    """Two events of one type and status with the same amount, or the same name, tell one happening."""
    out: list[Event] = []
    for ev in events:
        same = next((o for o in out if o.type == ev.type and o.status == ev.status and _compatible(o, ev) and (
            (ev.amount is not None and o.amount == ev.amount)
            or (ev.name is not None and o.name == ev.name and ev.amount is None)
            or _retold(o, ev))), None)
        if same is not None:
            absorb(same, ev)
            continue
        out.append(ev)
    return out


# a sentence that speaks of the round just told (This round of fundraising was led by …, 本轮融资由…领投)
_THIS_ROUND = re.compile(r"\s*(?:This|The|That) (?:round|financing|funding|fundraising)\b|\s*(?:本轮|此轮|该轮|本次|此次)(?:融资|投资)?")


def _join_this_round(events: list[Event], text: str) -> list[Event]:
    """A financing told of "this round" joins the financing told just before it: its investors are that round's."""
    out: list[Event] = []
    for ev in events:
        prev = next((o for o in reversed(out) if o.type == ev.type), None)
        if (ev.type == "financing" and prev is not None and _THIS_ROUND.match(text, sentence_start_at(text, ev.evidence[0]))
                and _sentences_between(text, prev.evidence[1], ev.evidence[0]) <= 2):
            absorb(prev, ev)
            continue
        out.append(ev)
    return out


_ORG_ROLES_SKIP = ("participant", "attendee", "witness", "visitor")
# the types whose repeated telling on one page, on one day, is one happening (a page tells one groundbreaking in its
# title, its lede and its body)
_RETOLD = ("production_milestone", "project_signed", "organization_founded", "acquisition", "financing", "investment",
           "agreement_signed")


def _retold(a: Event, b: Event) -> bool:
    """The same act on the same day, at the same or an unstated place, by the same or unnamed parties."""
    if a.type not in _RETOLD:
        return False
    # undated tellings join only for a plant's or a body's one start; one investor's undated investments are many
    undated = not a.date and not b.date and a.type in ("production_milestone", "organization_founded")
    if not undated and (not a.date or not b.date or len(a.date) < 10 or len(b.date) < 10):
        return False
    if a.date != b.date and a.date_stated and b.date_stated:
        return False  # a title's undated telling (the page's date stands in) may be the body's dated one
    if a.place_stated and b.place_stated and not _nested(a.place, b.place):
        return False
    pa = {party_key(p) for p in a.participants if p.get("role") not in _ORG_ROLES_SKIP}
    pb = {party_key(p) for p in b.participants if p.get("role") not in _ORG_ROLES_SKIP}
    if undated:  # a page without dates tells its one plant's opening in its title, lede and body: the same parties,
        # or the officials who announce or attend it (宣布项目开工, 出席开工仪式) in a telling that names no firm
        return bool(pa & pb) or not pb and any(p.get("role") in ("attendee", "witness") for p in b.participants)
    return not pa or not pb or bool(pa & pb)


def _nested(a: str | None, b: str | None) -> bool:
    """The same place, or one inside the other (楠梓科技产业园区 in 楠梓区)."""
    if a == b:
        return True
    ra, rb = _region(a), _region(b)
    return ra is not None and rb is not None and (ra.code == rb.code or _inside(a, b) or _inside(b, a))


def _inside(a: str | None, b: str | None) -> bool:
    """Place ``a`` lies inside place ``b``."""
    ra, rb = _region(a), _region(b)
    return ra is not None and rb is not None and rb in regions().ancestors(ra)


def _city_then_district(a: str | None, b: str | None) -> bool:
    ra, rb = _region(a), _region(b)
    return ra is not None and rb is not None and ra.level == "city" and rb.level == "district"


def _region(name: str | None) -> Region | None:
    return regions().resolve(name) if name else None


def _compatible(a: Event, b: Event) -> bool:
    if a.date and b.date and not (a.date.startswith(b.date) or b.date.startswith(a.date)) \
            and a.date_stated and b.date_stated:
        return False
    return not (a.amount and b.amount and a.amount != b.amount)


# the words that say a sum is the happening's own: its total, its capital, the money raised or paid
_SUM_CUE = re.compile(r"(?:总投资(?:额)?|投资总额|计划投资|注册资本|注册资金|募资|募集资金|融资|交易(?:金额|对价)|收购价|"
                      r"registered capital|total investment|an investment of|investment of|raised|raising|worth|"
                      r"valued at|for|totall?ing|at a cost of)[^，。；;,.\n]{0,8}$", re.I)
_FULL_STOP = re.compile(r"\.(?:\s|$)")


def fill_amounts(events: list[Event], text: str, money: list[Mention]) -> None:
    """An event that carries a sum and has none takes the first sum its own sentence or the next one in the paragraph
    names as the happening's own (注册资本…, 总投资…, "with a registered capital of RMB 344 billion", "for NT$4.59
    billion"), when no other event of the page has that sum."""
    taken = {(e.amount or {}).get("value") for e in events if e.amount}
    for ev in events:
        if ev.amount is not None or ev.type not in _CARRIES_AMOUNT or ev.status != "done":
            continue
        start = sentence_start_at(text, ev.evidence[0])
        end = _sentence_end(text, ev.evidence[1])
        if end < len(text) and text[end - 1] != "\n" and text[end:end + 1] != "\n":
            end = _sentence_end(text, end + 1)  # and the next sentence of the paragraph
        for m in money:
            if start <= m.start < end and m.attrs.get("value") not in taken \
                    and _SUM_CUE.search(text, max(start, m.start - 30), m.start) \
                    and not PER_UNIT.match(text, m.end) \
                    and not _RUNNING.search(text, sentence_start_at(text, m.start), m.start):
                ev.amount = amount_of(m)
                taken.add(m.attrs["value"])
                break


#: a running total (今年以来全市累计签约项目56个，总投资300亿元; 全年新开工项目120个): many happenings, no one's sum
_RUNNING = re.compile(r"以来|累计|全年|年初至今|so far this year|to date", re.I)


def _sentence_end(text: str, at: int) -> int:
    ends = [i for i in (text.find(c, at) for c in SENTENCE_ENDS) if i >= 0]
    dot = _FULL_STOP.search(text, at)
    if dot is not None:
        ends.append(dot.start())
    return min(ends) + 1 if ends else len(text)


# a sentence that speaks of the project just told (该项目预计2026年投产, The project is expected to …)
_THE_PROJECT = re.compile(r"\s*(?:[^，。,]{0,12}[，,])?\s*(?:该|此|这一|这个|上述|該|這一|這個)(?:项目|項目|基地|工厂|工廠|产线|產線)"
                          r"|\s*(?:The|This) (?:new )?(?:project|plant|fab|facility|factory)\b", re.I)


def _follow_projects(events: list[Event], text: str) -> None:
    """An event told of "the project" just named, without a place of its own, is at that project's place and
    carries its name and, without a sum of its own, its sum (the later steps of its life cycle: 该项目预计2026年投产);
    one that names no firm of its own is that project's firm's (该项目…开工; 其中，存储器制造基地…开工: a part of the
    project just told). Several acts of one such sentence (The project contract was signed in March, and
    construction began in July) all follow the project told before that sentence."""
    prev: Event | None = None
    before: Event | None = None  # the last event told before the sentence of ``prev``
    for ev in events:
        start = sentence_start_at(text, ev.evidence[0])
        if prev is not None and before is not None and prev.evidence[0] == ev.evidence[0]:
            prev = before  # another act of the same sentence: what it follows is what the first one followed
        near = prev is not None and _sentences_between(text, prev.evidence[1], start) <= 2
        if (prev is not None and near and not ev.place_stated and prev.place_stated and _THE_PROJECT.match(text, start)
                and _same_paragraph(text, prev.evidence[1], start)):
            ev.place, ev.place_stated = prev.place, True
            ev.name = ev.name or prev.name
            if ev.amount is None and prev.type in _PROJECT_SUMS and ev.type in _PROJECT_SUMS:
                ev.amount = prev.amount  # the project's sum: its groundbreaking's and its signing's too
        if (prev is not None and near and ev.type in _FIRM_STEPS and not _firms(ev)
                and (_THE_PROJECT.match(text, start) or _PART_OF.match(text, start))):
            ev.participants += [_role_for(ev.type, p) for p in _firms(prev)]
        elif (prev is not None and near and prev.type in _FIRM_STEPS and prev.status == "done" and not _firms(prev)
              and _firms(ev) and _THE_PROJECT.match(text, start)):
            # A facility opened. The project, established by X and Y, …: the firms of the project are the opening's
            prev.participants += [_role_for(prev.type, p) for p in _firms(ev)]
        if prev is None or prev.evidence[0] != ev.evidence[0]:
            before = prev
        prev = ev


#: the acts of one project that carry its sum
_PROJECT_SUMS = ("investment", "project_signed", "production_milestone")
#: the acts a project's firm carries out at its site
_FIRM_STEPS = ("production_milestone", "investment")
#: a sentence that tells a part of what was just told (其中，…基地…开工)
_PART_OF = re.compile(r"\s*(?:其中|其中之一)[，,]")
#: the roles a firm plays in a project's acts (not the officials who attend or a government that signs)
_FIRM_ROLES = ("producer", "investor", "party", "signer", "founder", "organization", "acquirer")
_GOVERNMENT = re.compile(r"(?:政府|管委会|管理委员会|委员会|市委|省委|区委|县委|办公室|局|厅|government|committee|council|bureau)$", re.I)


def _firms(ev: Event) -> list[dict[str, str]]:
    """The event's participants that are firms in one of the project roles."""
    return [p for p in ev.participants if p.get("role") in _FIRM_ROLES and not _GOVERNMENT.search(party_key(p))]
