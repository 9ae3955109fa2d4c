"""Projects on events: a project's name, the firm its name opens with, and the site a later sentence gives it.

Projects are not entities; they live on the events about them (a signing, a groundbreaking, a start of production).
Three things recur on Chinese project news:

- **the name** stands right before the act, after whatever introduces it (中国能建葛洲坝集团承建的梁溪矽谷…产业基地项目现场宣布
  开工; 紫光芯城项目开工仪式21日举行; …项目在淮阴区开工): the run of characters ending in 项目, 基地, 工厂 or 产线 that ends
  at most a few characters (or a place after 在) before the trigger, after the last 的 and after whoever announces it;
- **the firm** a project is named after (紫光芯城项目 of 紫光集团): when the event names no organisation, the one the
  page names whose name opens with the project's first two characters (not a place's);
- **the site**: a sentence that says where the project is (梁溪矽谷…施工总承包项目位于江苏省无锡市梁溪区…) places every event
  of that project there, when that place lies inside the place the event has (a district of its city).
"""
from __future__ import annotations

import re

from ..model import NON_ORG_LABELS, Entity, Event, Mention
from ..reference.regions import Region, RegionIndex
from .event_facts import named_place
from .events import PER_UNIT, amount_of, as_written, sentence_start_at, sentences_between

#: a project's name ending at most a few characters before its act
_NAME = re.compile(r"([\u4e00-\u9fffA-Za-z0-9.]{2,30}?(?:项目|基地|工厂|产线|生产线)(?:项目)?)"
                   r"(?:[，,]?在[^，。,；;、\s]{2,24}?)?"
                   r"(?:正式|顺利|现场|宣布|隆重|集中|全面|如期|今天|昨天|今日|昨日|举行|举办|的|一期|二期){0,3}$")
_NOT_A_NAME = re.compile(r"^(?:该|本|此|这|其|各|多个|一批|首批|重大|重点|当天|当日|同日)")
#: a batch or a list of projects, not one project (首批重大项目, …等209个重大项目)
_BATCH = re.compile(r"\d+个|等|批|重大|重点|季度|(?:19|20)\d\d年")
_TYPES = ("production_milestone", "project_signed", "investment")
_PARTY_ROLE = {"production_milestone": "producer", "project_signed": "party", "investment": "investor"}
#: a sentence that says where a project is
_SITE = re.compile(r"位于|坐落于|落户于|选址于?|建于|located in")


def name_projects(events: list[Event], text: str) -> None:
    """Give each project event without a name the project named right before its act."""
    for ev in events:
        if ev.name or ev.type not in _TYPES:
            continue
        # the event's own act first, then the same act again in its sentence (…集中开工仪式，…项目现场宣布开工), then the
        # acts of the same kind joined into it
        word = text[ev.trigger[0]:ev.trigger[1]]
        again = [k.start() for k in re.finditer(re.escape(word), text[ev.trigger[1]:ev.evidence[1]])] if word else []
        acts = [ev.trigger[0], *(ev.trigger[1] + k for k in again),
                *(int(f["trigger"][0]) for f in ev.facets if f.get("type") == ev.type and len(f.get("trigger") or []) == 2)]
        for at in acts:
            name = _name_before(text, at)
            if name:
                ev.name = name
                break


def _name_before(text: str, at: int) -> str | None:
    lo = max(sentence_start_at(text, at), at - 60)
    m = _NAME.search(text, lo, at)
    if m is None:
        return None
    # who announced it is not part of it (市长顾坤宣布项目开工)
    name = re.split(r"的|在|由|对|将|了|是|举行|举办|召开|宣布|宣告|标志|出席|见证|启动", m.group(1))[-1]
    return name if len(name) >= 4 and not _NOT_A_NAME.match(name) and not _BATCH.search(name) else None


def firm_of_project(events: list[Event], mentions: list[Mention], index: RegionIndex | None) -> None:
    """An event that names no organisation takes the firm its project's name opens with, among the firms the page
    names (the one it names most)."""
    counts: dict[str, int] = {}
    for m in mentions:
        if m.label in ("company", "group") and len(m.surface) >= 3:
            counts[m.surface] = counts.get(m.surface, 0) + 1
    for ev in events:
        if not ev.name or ev.type not in _TYPES or len(ev.name) < 4:
            continue
        if any(p.get("role") not in ("attendee", "witness", "participant") for p in ev.participants):
            continue
        name = _without_places(ev.name, index)  # 四川天府新区紫光芯城项目 → 紫光芯城项目
        head = name[:2]
        if len(name) < 4 or index is not None and index.lookup(head):
            continue  # 无锡…项目: a place, not a brand
        # 江苏汉道精密制造年产…项目 of 江苏汉道精密制造有限公司: both without the places they open with
        firms = [f for f in counts if _without_places(f, index).startswith(head)]
        if firms:
            best = max(firms, key=lambda f: (counts[f], len(f)))
            ev.participants.append({"name": best, "role": _PARTY_ROLE[ev.type]})


#: the project a clause speaks of without naming it (项目从8月26日签约到…开工, 该项目于…投产): a bare 项目 at the head of
#: the clause, or after a word that points back
_THE_PROJECT = re.compile(r"(?:^|[，,：:；;“])\s*(?:该|此|这个|这一|本|上述|这些|其)?项目(?!部|组|负责|方|建设单位)")
_FIRM_ROLES = frozenset({"producer", "party", "investor", "signer", "organization"})
#: a clause about many projects (项目集中签约, 共签约项目20个, 一批项目): no one project's
_A_BATCH = re.compile(r"集中|一批|批次|\d+\s*个|[一二两三四五六七八九十百]+个|共签约|共开工")


def bare_projects(events: list[Event], text: str, index: RegionIndex | None = None) -> None:
    """An event whose clause speaks of the project without naming it, and names no firm, is about the project of the
    last named project event before it that names its firm: it takes that firm (not a government that signed) and
    that project's name, and its place where that lies inside the one the clause gave (项目从8月26日签约到…开工，体现了
    淮安… → the firm of …年产1.8亿件半导体元器件项目, started in 淮阴区 just before)."""
    done: list[Event] = []
    for ev in sorted(events, key=lambda e: e.evidence[0]):
        firms = [p for p in ev.participants if p.get("role") in _FIRM_ROLES]
        if ev.type in _TYPES and not firms and done:
            head = text[sentence_start_at(text, ev.trigger[0]):ev.trigger[1]]
            if _THE_PROJECT.search(head) and not _A_BATCH.search(text, ev.evidence[0], ev.evidence[1]):
                last = done[-1]
                role = _PARTY_ROLE[ev.type]
                ev.participants += [{"name": p["name"], "role": role} for p in last.participants
                                    if p.get("role") in _FIRM_ROLES and not _GOVERNMENT_END.search(p["name"])]
                ev.name = ev.name or last.name
                if index is not None and ev.place and last.place and _holds(ev.place, last.place, index):
                    ev.place = last.place  # 淮安 of its clause holds 淮阴区, where the project is
        if ev.type in _TYPES and ev.name and any(p.get("role") in _FIRM_ROLES for p in ev.participants):
            done.append(ev)


#: a sentence that says whose the project just told is: 该项目由X投资建设, 项目由A集团下属B公司策划打造, 由X负责运营
#: (not who builds it for the owner: 承建, 施工, 设计, 监理)
_OWNED_BY = re.compile(r"(?:该|此|这个|这一|本|上述)?项目[^，。；]{0,12}?由([^，。；]{2,48}?)(?:共同|联合|独资|全资|整体)?"
                       r"(?:投资建设|投资兴建|投资|出资|建设|兴建|策划打造|打造|开发|运营|负责建设|负责运营|负责投资)")
#: the kinds of organisation that own a project (not a zone, a government or a school)
_OWNER_LABELS = ("company", "group", "organization")


def project_owners(events: list[Event], text: str, mentions: list[Mention]) -> None:
    """A project's act that names no firm takes the firm that a sentence after it, at most three sentences on and
    before the next project's act, says the project is by (该项目由成都高投电子集团下属成都高新电子科服公司策划打造:
    the firm nearest the verb, the subsidiary rather than its parent)."""
    orgs = sorted((m for m in mentions if m.label in _OWNER_LABELS), key=lambda m: m.start)
    starts = sorted(e.evidence[0] for e in events if e.type in _TYPES)
    for ev in events:
        if ev.type not in _TYPES or any(p.get("role") in _FIRM_ROLES for p in ev.participants):
            continue
        end = ev.evidence[1]
        stop = min([s for s in starts if s >= end] + [len(text), end + 400])  # up to the next project's act
        for m in _OWNED_BY.finditer(text, end, stop):
            if sentences_between(text, end, m.start()) > 3:
                break
            inside = [o for o in orgs if m.start(1) <= o.start and o.end <= m.end(1)]
            if inside:
                ev.participants.append(as_written(inside[-1], _PARTY_ROLE[ev.type]))
                break


def _holds(outer: str, inner: str, index: RegionIndex) -> bool:
    """Whether the place named ``outer`` holds the place named ``inner``."""
    codes = {r.code for r in index.lookup(outer)}
    return any(codes & {a.code for a in index.ancestors(r)} for r in index.lookup(inner))


_GOVERNMENT_END = re.compile(r"(?:政府|管委会?|委员会|局|厅|办)$")


def _without_places(name: str, index: RegionIndex | None) -> str:
    """``name`` without the places written at its start."""
    while index is not None:
        n = next((n for n in range(min(8, len(name) - 2), 1, -1) if index.lookup(name[:n])), 0)
        if not n:
            break
        name = name[n:]
    return name


def project_sites(events: list[Event], text: str, mentions: list[Mention], index: RegionIndex | None) -> None:
    """Place the events of a project where a sentence of the page says the project is, when that is inside the
    place they have."""
    if index is None:
        return
    places = [m for m in mentions if m.label == "region" and m.attrs.get("code")]
    for ev in events:
        if not ev.name or len(ev.name) < 6 or ev.type not in _TYPES:
            continue
        stem = ev.name[:6]
        at = text.find(stem, ev.evidence[1])
        while at >= 0:
            end = min((k for k in (text.find(c, at) for c in "。；;\n") if k >= 0), default=len(text))
            site = _SITE.search(text, at, end)
            if site is not None and site.start() - at <= 40:
                run = _run_after(places, site.end(), end)
                if run is not None:
                    _refine(ev, run, index)
                break
            at = text.find(stem, end)


#: an English sentence that says where a plant or project is (TSMC's new plant, located in Nanjing's Pukou Economic
#: Development Zone, would …)
_EN_SITE = re.compile(r"\b(?:the|its|this|that|new|[A-Z][\w&-]*(?:['’]s?)?)\s+(?:new\s+)?(?:[\w-]+\s+){0,3}?"
                      r"(?:plant|fab|factory|facility|project|base|production line)\b(?:[^.;\n]{0,40}?\b(?:located|sited|"
                      r"situated|based|to be built|will be built|being built))?\s+(?:in|at)\s+(?:the\s+)?(?=[A-Z])")
_EN_SITE_REACH = 1500


def english_sites(events: list[Event], text: str, mentions: list[Mention], index: RegionIndex | None) -> None:
    """Place a project's signing, start or investment where a later English sentence says its plant is, when that
    is inside the place it has."""
    if index is None:
        return
    places = [m for m in mentions if m.label == "region" and m.attrs.get("code")]
    for ev in events:
        if ev.type not in _TYPES or not ev.place or not _english(text[ev.evidence[0]:ev.evidence[1]]):
            continue
        site = _EN_SITE.search(text, ev.evidence[0], min(len(text), ev.evidence[1] + _EN_SITE_REACH))
        near = [m for m in places if site is not None and site.end() <= m.start <= site.end() + 30]
        if near:
            _refine(ev, max(near, key=lambda m: (m.start, m.end)), index)


#: a Chinese sentence that says where the plant or the project is (台积电南京12吋晶圆厂位于南京浦口经济开发区, 该厂房坐落于
#: 桃园市中坜区…): a plant's or project's word, then the word for where it lies
_CN_SITE = re.compile(r"(?:厂房|工厂|晶圆厂|新厂|厂区|项目|基地|产线|生产线|[\d一二三四五六七八九十]厂)"
                      r"(?:[(（][^)）]{0,12}[)）])?(?:将|拟|则|已|目前|就)?(?:位于|坐落于|座落于|坐落在|落户于?|选址于?|建于|设于)")


def plant_sites(events: list[Event], text: str, mentions: list[Mention], index: RegionIndex | None) -> None:
    """Place a page's project events where its plant or project is, when a sentence says where that is (…晶圆厂
    位于南京浦口经济开发区) and the place lies inside the one the event has (南京市); an event whose place holds two of the
    page's sites stays where it is."""
    if index is None:
        return
    places = [m for m in mentions if m.label == "region" and m.attrs.get("code")]
    sites: dict[str, Region] = {}  # the site as the text names it (浦口经济开发区 after 南京), and its region
    for cue in _CN_SITE.finditer(text):
        end = min((k for k in (text.find(c, cue.end()) for c in "，,。；;\n") if k >= 0), default=len(text))
        run = _run_after(places, cue.end(), end)
        region = index.get(str(run.attrs["code"])) if run is not None else None
        if run is not None and region is not None:
            sites.setdefault(named_place(run, text, index) or region.name, region)
    for ev in events:
        if ev.type not in _TYPES or not ev.place:
            continue
        holders = {r.code for r in index.lookup(ev.place)}
        inside = [name for name, r in sites.items() if name != ev.place
                  and holders & {r.code, *(a.code for a in index.ancestors(r))}]
        if len(inside) == 1:
            ev.place, ev.place_stated = inside[0], True


def _english(sentence: str) -> bool:
    """Mostly English (a Chinese name in brackets allowed)."""
    return sum(c.isascii() for c in sentence) >= 0.9 * len(sentence)


def _run_after(places: list[Mention], start: int, end: int) -> Mention | None:
    """The last place of the run of places right after ``start`` (江苏省无锡市梁溪区 → 梁溪区)."""
    run: list[Mention] = []
    for m in places:
        if start <= m.start < end and (not run and m.start - start <= 2 or run and 0 <= m.start - run[-1].end <= 1):
            run.append(m)
        elif run:
            break
    return run[-1] if run else None


def _refine(ev: Event, site: Mention, index: RegionIndex) -> None:
    region = index.get(str(site.attrs["code"]))
    if region is None or region.name == ev.place:
        return
    holders = {r.code for r in index.lookup(ev.place or "")} if ev.place else set()
    if ev.place and not holders & {a.code for a in index.ancestors(region)}:
        return  # a site outside the event's place is another story's
    ev.place = str(site.attrs.get("zone_name") or region.name)
    ev.place_stated = True


#: a project's total, right after its name (联芯…项目总投资62亿美元)
_TOTAL_AFTER_NAME = re.compile(r"(?:的)?(?:总投资(?:额)?|投资总额|计划总投资|总投资约|总投资超)")


def project_totals(events: list[Event], text: str, money: list[Mention]) -> None:
    """A project's groundbreaking, signing or start of production without a sum takes the total a later sentence
    gives the project by its name (…项目在…举行动土典礼。…项目总投资62亿美元), when no other done event has it."""
    taken = {(e.amount or {}).get("value") for e in events if e.amount and e.status == "done"}
    for ev in events:
        if ev.amount is not None or ev.status != "done" or not ev.name or len(ev.name) < 6 or ev.type not in _TYPES:
            continue
        at = text.find(ev.name, ev.evidence[1])
        if at < 0 or at - ev.evidence[1] > 400:
            continue
        cue = _TOTAL_AFTER_NAME.match(text, at + len(ev.name))
        if cue is None:
            continue
        m = next((m for m in money if cue.end() <= m.start <= cue.end() + 4), None)
        if m is not None and m.attrs.get("value") not in taken and not PER_UNIT.match(text, m.end):
            ev.amount = amount_of(m)
            taken.add(m.attrs.get("value"))


def visit_sites(events: list[Event], mentions: list[Mention], index: RegionIndex | None) -> None:
    """A visit happens where the organisation visited is: a visit placed at a province (or nowhere) that names a
    registry organisation whose city lies in that province is placed at the city (市长到山东大学调研 → 济南市)."""
    if index is None:
        return
    from ..reference.orgs import reference_orgs

    home = {o.id: o.district or o.region for o in reference_orgs()}
    by_canonical = {str(m.attrs.get("canonical")): str(m.attrs["ref_id"]) for m in mentions if m.attrs.get("ref_id")}
    for ev in events:
        if ev.type != "official_visit":
            continue
        held = index.lookup(ev.place or "")
        if ev.place and not any(r.level == "province" for r in held):
            continue
        for p in ev.participants:
            ref = by_canonical.get(p.get("canonical") or p["name"])
            region = index.get(home.get(ref or "", "") or "")
            if p.get("role") != "visited" or region is None:
                continue
            city = index.city_level(region)
            if not ev.place or {r.code for r in held} & {a.code for a in index.ancestors(city)}:
                ev.place = city.name
                break


def fuller_names(events: list[Event], mentions: list[Mention], index: RegionIndex | None = None) -> None:
    """A party named by a short form that opens a longer name of a firm on the same page (长电 of 长电科技), opens a
    firm's full legal name after its place (华微电子 of 吉林华微电子股份有限公司), or takes a character of each of its
    words (力积电 of 力晶积成电子制造股份有限公司), is named as the page names that firm (the form it writes most), so
    that one firm has one name across the page's facts."""
    counts: dict[str, int] = {}
    for m in mentions:
        if m.label in ("company", "group") and not m.surface.isascii():
            counts[m.surface] = counts.get(m.surface, 0) + 1
    for ev in events:
        for p in ev.participants:
            name = p["name"]
            if len(name) > 6 or name.isascii() or p.get("role") in ("attendee", "witness", "visitor", "participant"):
                continue
            longer = [f for f in counts if len(f) > len(name) and (
                len(name) <= 3 and f.startswith(name)
                or f.endswith(("有限公司", "集团")) and _without_places(f, index).startswith(name))]
            # 力积电 of 力晶积成电子制造股份有限公司: a short form of three taking a character of each word, the only
            # legal name on the page it reads in
            legal = [f for f in counts if len(name) == 3 and f.endswith("有限公司") and f[0] == name[0]
                     and _in_order(name, f)]
            if longer:
                p["name"] = max(longer, key=lambda f: (counts[f], -len(f)))
            elif len(legal) == 1:
                p["name"] = legal[0]


def _in_order(short: str, full: str) -> bool:
    """Whether the characters of ``short`` appear in ``full`` in order."""
    it = iter(full)
    return all(c in it for c in short)


def city_of_province(events: list[Event], mentions: list[Mention], index: RegionIndex | None) -> None:
    """An event placed at a province is placed at the one city of that province the page names (a prefecture or
    county-level city, or a place inside one: the city it lies in): the page says where in the province it happens.
    When the page names several cities of the province, the event stays where it is. A place inside an
    organisation's name (济南高新区管委会, 青岛澳柯玛) is that organisation's, not a site. A province's policy stays
    the province's, and a visit is placed by what is visited (:func:`visit_sites`)."""
    if index is None:
        return
    orgs = [(m.start, m.end) for m in mentions if m.label not in NON_ORG_LABELS]
    named = [r for r in (index.get(str(m.attrs["code"])) for m in mentions if m.label == "region"
                         and m.attrs.get("code") and not any(a <= m.start and m.end <= b for a, b in orgs))
             if r is not None]
    for ev in events:
        if not ev.place or ev.type in ("policy_released", "official_visit"):
            continue
        provinces = {r.code for r in index.lookup(ev.place) if r.level == "province"}
        cities = {index.city_level(r).name for r in named if provinces & {a.code for a in index.ancestors(r)}}
        if len(cities) == 1 and ev.place not in cities:
            ev.place = cities.pop()


def home_of_financed(events: list[Event], entities: list[Entity], text: str = "",
                     index: RegionIndex | None = None) -> None:
    """A financing, or money put into a company (its ``investee``), that the page places nowhere, or only at a group
    of regions or the country, happens where the company is: the most precise home the page writes before its name
    (Shanghai-based X), else its registry seat or the home the page gives it (总部位于…). An investor's home is never
    the place (RULES 4.4: a company's home city is not the place of its project elsewhere)."""
    home: dict[str, str] = {}
    for e in entities:
        if e.type not in ("region", "person", "park") and e.region:
            for name in (e.name, *e.aliases):
                home.setdefault(name, e.region)
    for ev in events:
        if ev.type not in ("financing", "investment") or (ev.place and not _broad(ev.place, index)):
            continue
        firms = [p for p in ev.participants if p.get("role") in ("financed", "investee")]
        based = {_based_in(p["name"], text, index) for p in firms}
        places = based if len(based) == 1 and None not in based else \
            {home.get(str(p.get("canonical") or p["name"])) or home.get(p["name"]) for p in firms}
        if len(places) == 1 and None not in places:
            ev.place = places.pop()


def _broad(place: str, index: RegionIndex | None) -> bool:
    """A place no single financing happens in: a group of regions (长三角), the country among them (中国 is a group)."""
    return index is not None and any(r.level == "group" for r in index.lookup(place))


def _based_in(name: str, text: str, index: RegionIndex | None) -> str | None:
    """The home the page writes before a firm's name (Shanghai-based GTA Semiconductor): that place's name."""
    if index is None or not name.isascii():
        return None
    rank = {"district": 0, "city": 1, "zone": 1, "province": 2}
    found = [r for m in re.finditer(r"\b([A-Z][a-z]+(?: [A-Z][a-z]+)?)-based\s+(?:the\s+)?" + re.escape(name), text)
             for r in index.lookup(m.group(1))[:1] if r.level in rank]
    return min(found, key=lambda r: rank[r.level]).name if found else None  # Shanghai-based over Anhui-based


#: the parties whose own name may say where a happening with no place of its own was (a local firm's city)
_HOME_ROLES = ("producer", "investee", "financed", "party", "signer", "organization", "visited")
#: the happenings that take place somewhere a page names (a policy or an award may be about anywhere)
_PLACED_TYPES = ("production_milestone", "project_signed", "investment", "organization_founded", "official_visit",
                 "agreement_signed", "financing", "acquisition", "meeting")


def unplaced(events: list[Event], page_place: str | None, index: RegionIndex | None) -> None:
    """A signing, start, investment, founding, visit, meeting or deal that neither its sentence, its project, the lede nor
    the dateline places is placed at the city in its own firm's name (Intel Semiconductor Dalian, 矽品电子(福建); never
    an investor's or a buyer's) when the page names no place of its own or that city lies in it, else where the page
    is about (the place it names most, at least twice): the last places it can have, never the country."""
    if index is None:
        return
    page = next(iter(index.lookup(page_place)), None) if page_place else None
    for ev in events:
        if ev.place or ev.type not in _PLACED_TYPES:
            continue
        home = _firm_home(ev, index)
        if home is not None and (page is None or page.code in {a.code for a in index.ancestors(home)}):
            ev.place, ev.place_stated = home.name, False
        elif page_place:
            ev.place, ev.place_stated = page_place, False


def _firm_home(ev: Event, index: RegionIndex) -> Region | None:
    """The city, district or province named inside one of the event's firms' names."""
    from .places import find_regions

    for p in ev.participants:
        if p.get("role") not in _HOME_ROLES:
            continue
        found = [index.get(str(m.attrs.get("code"))) for m in find_regions(p["name"], index)]
        home = next((r for r in found if r is not None and r.level in ("city", "district", "province")
                     and r.code not in ("G-CN", "G-ML")), None)
        if home is not None:
            return home
    return None
