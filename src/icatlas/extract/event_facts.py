"""What an event's sentence says about its place, its status and the part each named person plays.

- **Place**: the most specific place the sentence states (a township, a zone, a district, then a city), as the text
  names it; a region inside an organisation's name (苏州工业园区…有限公司) is that organisation's, not the event's.
- **Status**: ``planned`` (计划, 拟, 预计, 将, "will", "is expected to"), ``ongoing`` (在建, 正在, "under
  construction"), else ``done``.
- **People**: an official who witnesses (见证) is a ``witness``; one who attends, speaks or meets (出席, 致辞, 会见)
  an ``attendee``: never a signer or investor.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..model import Mention
from ..reference.regions import Region, RegionIndex

# the more specific a place, the earlier it ranks
_RANK = {"street": 0, "zone": 1, "district": 2, "abroad": 2, "city": 3, "province": 4, "group": 5, "country": 6}
# a zone named as the text writes it: 浦口经济开发区, 临港新片区, 楠梓科技产业园区, 西海岸新区
ZONE_SUFFIX = re.compile(r"(?:经济技术开发区|经济开发区|高新技术产业开发区|高新区|经开区|开发区|新片区|保税区|综合保税区"
                         r"|科技产业园区|科技园区|科学园区|科学工业园区|工业园区|产业园区|科学城|新区)")
_GRADE = re.compile(r"(?:国家级?|省级|市级)")
_INNER_ZONE = re.compile(r".*(?:自由贸易试验区|自贸试验区|自贸区)")
# (no word that joins or links two names in between: 赛罕区和金山高新区 names two places, not one zone)
_ZONE_AFTER_PLACE = re.compile(r"(?:(?![和与及同跟的在、])[\u4e00-\u9fff]){0,4}?" + ZONE_SUFFIX.pattern)

PLANNED = re.compile(r"将(?![^，。；]{0,12}(?:作为|视为|列为)|[^，。；以]{1,12}以)|(?<![摘重主需纲提概必只不还纪])要(?![求素闻点是])|拟|计划|预计|力争|争取|有望|希望|准备|下一步|未来|根据[^，。；]{0,10}协议"
                     # what a project will do once built (建成后可以实现量产, 达产后可实现年产值): a projection
                     r"|(?:建成|投产|达产|满产|竣工|落成)(?:投产|运营)?(?:之|以)?后[^，。；]{0,4}(?:可|将|能|预计|有望)"
                     r"|\bwill\b|\bwould\b|plans? to|planned|aims? to|is (?:set|expected|scheduled) to|expects? to"
                     # an attempt is not the act (attempts to buy, tried to acquire, sought to take over)
                     r"|\battempt(?:s|ed)? to|\btrie[sd] to|\bsought to|\bseeks? to"
                     r"|\bproposed\b|\bintends? to\b", re.I)
ONGOING = re.compile(r"在建|正在(?:建设|施工|推进|加快)|建设中|施工中|under construction|is being built", re.I)
WITNESS = re.compile(r"见证|witness", re.I)
# (an official who declares the start open, 宣布项目开工, attends it)
ATTEND = re.compile(r"出席|参加|致辞|讲话|主持|会见|陪同|宣布[^，。；]{0,6}(?:开工|启动|开幕|投产|成立|开园)|按下启动"
                    r"|attend|spoke|delivered|met with", re.I)


#: the act's own phrase says it has happened (…扩建二期计划，公共工程已于2025年6月动工): done, whatever plan came before
_ALREADY = re.compile(r"(?:已经?|业已|已然)(?:于|在)?[^，。；,;将拟要]{0,14}$|\b(?:has|have|had) (?:already )?(?:been )?\w*$")


def status(before_trigger: str, clause: str) -> str:
    """``planned``, ``ongoing`` or ``done`` from the clause's words before the trigger (and 在建 anywhere in it)."""
    if PLANNED.search(before_trigger) and not _ALREADY.search(before_trigger):
        return "planned"
    if ONGOING.search(clause):
        return "ongoing"
    return "done"


#: a sentence part after a semicolon that goes on with a plan's list by its time (2020年…, 二期…, 到2025年…)
_TIME_LED = re.compile(r"\s*(?:(?:19|20)\d\d年|[一二三四五六七八九十\d]+期|到|至|明年|后年|下一阶段)")


def plan_goes_on(text: str, start: int, before: str) -> bool:
    """Whether the part of a sentence from ``start`` (right after a ；) goes on with the plan its earlier part states:
    it opens with a time or a phase and says nothing of its own about having happened."""
    if start == 0 or text[start - 1] not in "；;" or not _TIME_LED.match(text, start) or _ALREADY.search(before):
        return False
    head = max(text.rfind(c, 0, start - 1) for c in "。！？!?\n") + 1
    earlier = text[head:start - 1]
    return PLANNED.search(earlier) is not None and _ALREADY.search(earlier) is None


def person_role(clause: str, default: str) -> str:
    """``witness`` or ``attendee`` where the clause says its people witness or attend, else ``default``."""
    if WITNESS.search(clause):
        return "witness"
    if ATTEND.search(clause):
        return "attendee"
    return default


_LOCATIVE = re.compile(r"(?:在|于|落户|落地|落户于|位于|选址|\b(?:in|at)(?:\s+the)?)\s*$")
# a region that reports or signs is a party (市经信委和浦东新区分别汇报), not where it happened
_ACTOR = re.compile(r"(?:分别|共同|也|还|等)?(?:汇报|签署|签订|介绍|表示|发言|提出|交流发言)")
# the words between two items of one list: a 、 with no clause break or other link
_COORDINATED = re.compile(r"[^，。；,;与和及在于\n]{0,14}、[^，。；,;与和及在于\n]{0,14}")
# a region at the head of an official's post (在江苏省副省长王伟见证下, 市委书记) is the official's jurisdiction, not
# where it happened
_POST = re.compile(r"(?:人民政府|政府|省委|市委|区委|县委|党委|人大常委会|政协)?(?:党组)?(?:常务)?副?"
                   r"(?:省长|市长|区长|县长|州长|书记|厅长|局长|部长|主席|秘书长)"
                   # 长沙县委书记, 长沙经开区党工委书记, 长沙高铁新城党工委书记, …管委会主任: a committee of the place or of an
                   # area named after it
                   r"|[\u4e00-\u9fff]{0,6}?(?:党工委|工委|管委会|委)(?:常务)?副?(?:书记|主任)"
                   # Yinchuan Municipal Party Secretary, Shaanxi Vice Governor, … Economic Development Zone Director
                   r"|(?:\s+(?:Municipal|Provincial|District|County|City|Autonomous Region|Hui Autonomous Region|Party|"
                   r"Government|People's|Economic Development Zone|High-tech Zone|New Area))*\s+(?:Executive\s+)?"
                   r"(?:Vice\s+|Deputy\s+)?(?:Party Secretary|Secretary|Mayor|Governor|Chairman|Director|Head|Vice Chairman)\b")


def place_of(places: list[Mention], text: str, index: RegionIndex | None,
             name_span: tuple[int, int] | None = None) -> str | None:
    """The most specific place among a sentence's place mentions, named as the text names it; a place inside the
    event's own name (2023苏州市…推进会暨苏州工业园区…大会) is its host, the first one named."""
    places = [m for m in places if not _ACTOR.match(text, m.end) and not _POST.match(text, m.end)]
    # a place the sentence says it happened in (在成都举行, 落户海沧, held in Chengdu) outranks the places it names
    located = [m for m in places if _LOCATIVE.search(text, max(0, m.start - 8), m.start)]
    for m in places:  # 在无锡市新吴区, in Nanjing's Pukou district: the run of places after the word
        if m not in located and any(0 <= m.start - x.end <= 1 or text[x.end:m.start] in ("'s ", "’s ")
                                    and index is not None and _inside(m, [x], index) for x in located):
            located.append(m)
    if index is not None:  # (the government of) Nanjing city in China: the country qualifies the place before it
        for m in [m for m in located if _country(m, index)]:
            unit = _UNIT_BEFORE.search(text, max(0, m.start - 40), m.start)
            qualified = [r for r in index.lookup(unit.group(1)) if r.level in ("city", "province", "district")] if unit else []
            if qualified:
                return qualified[0].name
            if any(not _country(o, index) and o.end <= m.start and _QUALIFIED.fullmatch(text, o.end, m.start)
                   for o in places):
                located.remove(m)
    if located:
        if name_span is not None and index is not None:
            # held in the Nanjing … Service Center, at the … Jiangbei New Area … Conference: the place in the event's
            # own name that lies inside the place it was held in is the more precise of the two
            located += [m for m in places if name_span[0] <= m.start and m.end <= name_span[1] and m not in located
                        and _inside(m, located, index)][:1]
        places = located
    elif name_span is not None:
        in_name = [m for m in places if name_span[0] <= m.start and m.end <= name_span[1]]
        # Suzhou Industrial Park, not the Suzhou inside it
        in_name = [m for m in in_name if not any(o is not m and o.start <= m.start and m.end <= o.end for o in in_name)]
        if in_name:
            places = in_name[:1]
    # a city written as the head of a zone's name (厦门 in 厦门海沧) is not a place of its own
    places = [m for m in places if not any(o is not m and o.start <= m.start and m.end <= o.end
                                           and o.end - o.start > m.end - m.start for o in places)]
    if not places:
        return None
    if index is None:
        return str(places[0].attrs.get("name") or places[0].surface)
    named: list[tuple[Mention, str, str]] = []
    for m in places:
        n, level = _named(m, text, index)
        if n is not None:
            named.append((m, n, level))
    if not named:
        return None
    chains = [_chain(m, n, level, index) for m, n, level in named]
    # a region that holds another place of the sentence only says where that place lies (无锡市新吴区: the city
    # written before it; 湖南 … 与长沙高新区签约); two items of one list (苏州市重点项目、苏州工业园区项目) are parallel
    # places all the same
    keep = [k for k in range(len(named)) if not any(
        j != k and chains[k][:1] and chains[k][0] in chains[j][1:]
        and not _COORDINATED.fullmatch(text[min(named[j][0].end, named[k][0].end):max(named[j][0].start, named[k][0].start)])
        for j in range(len(named)))]
    named, chains = [named[k] for k in keep], [chains[k] for k in keep]
    common = next((key for key in chains[0] if all(key in c for c in chains[1:])), None)
    if common is not None:
        own = next(((n, level) for (m, n, level), c in zip(named, chains) if c[0] == common), None)
        if own is not None:
            return own[0]
        r = index.get(common)
        return r.name if r is not None else None
    provinces = {p for c in chains for p in c if (r := index.get(p)) is not None and r.level == "province"}
    group = index.smallest_group(provinces) if len(provinces) >= 2 else None
    if group is not None:
        return group.name
    return min(((_RANK.get(level, 9), m.start, n) for m, n, level in named))[2]


_UNIT_BEFORE = re.compile(r"\b([A-Z][a-z]+)\s+(?:[Cc]ity|[Pp]rovince|[Mm]unicipality|[Dd]istrict|[Cc]ounty),?\s+in\s+(?:the\s+)?$")
_QUALIFIED = re.compile(r"(?:\s+(?:city|province|municipality|district|county))?,?\s+in\s+(?:the\s+)?", re.I)


def _country(m: Mention, index: RegionIndex) -> bool:
    """China or its mainland (the groups G-CN, G-ML: the gazetteer holds no country of its own)."""
    r = index.get(str(m.attrs.get("code")))
    return r is not None and r.code in ("G-CN", "G-ML")


def _inside(m: Mention, others: list[Mention], index: RegionIndex) -> bool:
    """Whether the region of ``m`` lies inside the region of one of ``others``."""
    r = index.get(str(m.attrs.get("code")))
    if r is None:
        return False
    up = {a.code for a in index.ancestors(r)}
    return any(str(o.attrs.get("code")) in up for o in others)


def _chain(m: Mention, name: str, level: str, index: RegionIndex) -> list[str]:
    """The place and every region it lies in, most specific first (keys: region codes; a township or a zone the
    gazetteer does not know by its own name first)."""
    r = index.get(str(m.attrs.get("code")))
    up = [r.code] + [a.code for a in index.ancestors(r)] if r is not None else []
    if level == "street" or (level == "zone" and (r is None or r.level != "zone")):
        return [f"{level}:{name}", *up]
    return up


def named_place(m: Mention, text: str, index: RegionIndex) -> str | None:
    """A place mention named as the text names it (临港新片区 for the gazetteer's longer name)."""
    return _named(m, text, index)[0]


def _named(m: Mention, text: str, index: RegionIndex) -> tuple[str | None, str]:
    if m.label == "address":
        return m.surface, "street"
    r = index.get(str(m.attrs.get("code")))
    if r is None:
        return None, "country"
    after = _ZONE_AFTER_PLACE.match(text, m.end)
    if r.level in ("city", "district", "province") and after and not any(
            z.level == "zone" for z in index.lookup(after.group(0))):
        # 南京浦口经济开发区: a zone the gazetteer does not know, named after the place before it; 常州武进国家高新区:
        # a grade (国家, 省级) is no name, the place's own is, in the short standard form (武进高新区)
        grade = _GRADE.match(after.group(0))
        rest = after.group(0)[grade.end():] if grade else after.group(0)
        if grade or not _opens_on_place(rest, index):
            return (r.short or r.name) + rest, "zone"  # 包头钢铁冶金开发区, 成都(市)科学城: the place is part of its name
        return rest, "zone"
    if r.level == "zone":
        return _zone_name(m, r, index), "zone"
    if r.level == "country" or r.code == "CN":
        return r.name, "country"
    return r.name, r.level


def _opens_on_place(name: str, index: RegionIndex) -> bool:
    """Whether a zone's name opens on a place of its own (浦口 in 南京浦口经济开发区)."""
    return any(index.lookup(name[:k]) for k in (2, 3))


def _generic(r: Region) -> bool:
    """A zone the index made up from its place (:meth:`RegionIndex.generic_zone`), not one of the zone list."""
    return r.code.endswith(("-HT", "-ED")) and r.code[2:-3].isdigit()


def _suffix(name: str) -> str:
    m = ZONE_SUFFIX.search(name)
    return m.group(0) if m else ""


def short_zone_form(written: str, r: Region) -> bool:
    """Whether ``written`` is one of zone ``r``'s own short standard names (东湖高新区, 北京经开区), shorter than the
    gazetteer's official one (武汉东湖新技术开发区, 北京经济技术开发区)."""
    return (written != r.name and len(written) < len(r.name) and written.endswith(("高新区", "经开区"))
            and written in r.aliases)


def _english_zone_name(written: str, r: Region) -> str | None:
    """A zone written in English by its Chinese name of the kind the English says (East Lake High-tech Zone →
    东湖高新区, the shortest such name); None when the English says no kind."""
    tail = "高新区" if re.search(r"\bHi(?:gh)?[- ]?[Tt]ech\b", written) else \
        "经济技术开发区" if re.search(r"\bEconomic(?:[- ]and[- ]|-)Technolog", written) else None
    names = [n for n in (r.name, *r.aliases) if tail and n.endswith(tail) and not n.isascii()]
    return min(names, key=len) if names else None


def _zone_name(m: Mention, r: Region, index: RegionIndex) -> str:
    """A zone as the text names it, without the city written before it (南京江北新区 → 江北新区); a bare stem
    that is a district's (厦门海沧) is that district."""
    if m.attrs.get("zone_name"):
        return str(m.attrs["zone_name"])  # an English zone by its Chinese name of the same kind (西青经济技术开发区)
    english = _english_zone_name(m.surface, r) if m.surface.isascii() else None
    if english:
        return english
    full = m.surface
    inner = _INNER_ZONE.search(full)  # 中国(上海)自由贸易试验区临港新片区 → 临港新片区
    if inner and len(full) - inner.end() >= 3:
        full = full[inner.end():]
    surface = full
    for k in range(min(len(surface) - 2, 6), 1, -1):
        if any(c.level in ("city", "province", "district") for c in index.lookup(surface[:k])):
            surface = surface[k:]
            break
    if ZONE_SUFFIX.fullmatch(surface):
        return full  # 北京经开区, 广州开发区: the city is the zone's only name
    for tail in ("区", "县", "市"):
        district = next((c for c in index.lookup(surface + tail) if c.level == "district"), None)
        if district is not None and not ZONE_SUFFIX.search(surface):
            return district.name
    if not r.code.startswith("Z-") or r.code.count("-") > 2 or _generic(r):
        # a zone made up from its place (珠海高新区) or not in the zone list: as the text names it
        return surface if ZONE_SUFFIX.search(surface) and surface.endswith(_suffix(surface)) else r.name
    if short_zone_form(full, r):
        return full  # 东湖高新区 for 武汉东湖新技术开发区: the short standard name the page uses
    # a zone of the list by its standard name (南京江北新区, 青岛西海岸新区), the inner zone of a free-trade zone
    # by its own (临港新片区)
    inner_std = _INNER_ZONE.search(r.name)
    return r.name[inner_std.end():] if inner_std and len(r.name) - inner_std.end() >= 3 else r.name


# Datelines, bylines and sources: the publisher, its reporters and the date of the report, never a party, a place or
# the date of what happened (浙江在线绍兴频道3月2日讯, 【中国白银网12月29日讯】, 新华社南京10月16日电, 本报讯,
# （记者 张三 通讯员 李四）, 据新华社报道, "(Reuters) -", "BEIJING, Oct 16 (Xinhua) --").
_METADATA = re.compile(
    r"【[^】\n]{0,40}(?:讯|电)】"
    r"|[^\s，。,；;：:（）()【】“”\n]{0,24}?\d{1,2}月\d{1,2}日(?:讯|电)(?:\s*[（(][^()（）\n，。,]{1,30}[)）])?"  # (向一鹏 何清隆)
    r"|(?:^|(?<=[\s】]))[^\s，。,；;：:（）()“”\n]{1,12}讯(?=[\s（(:：])"
    # an agency, a slash and the city with the day (中央社／ 新竹24日电)
    r"|[^\s，。,；;：:（）()【】“”\n]{2,12}[／/]\s*[^\s，。,；;：:（）()\d\n]{2,4}\d{1,2}日(?:电|讯)"
    r"|[（(][^()（）\n]{0,60}?(?:记者|通讯员|编辑|摄影|实习生|特约撰稿)[^()（）\n]{0,60}[)）]"
    r"|据[^，。,；;\n]{1,24}?(?:报道|消息)"
    # a byline with the city it was filed from: 记者黄某某/苗栗报导, 鉅亨网记者张某某 台北 2025-10-28
    r"|记者[^\s，。,；;/／\n]{2,4}\s*[/／]\s*[^\s，。,；;\n]{2,4}报[导道]"
    r"|记者[^\s，。,；;/／\n]{2,4}\s+[^\s，。,；;\d\n]{2,4}\s+\d{4}[-/]\d{1,2}[-/]\d{1,2}"
    r"|(?:^|(?<=\n))[A-Z][A-Za-z .,]{0,40}\d{1,2}\s*\((?:Xinhua|Reuters|AP|AFP|Bloomberg|[A-Z][A-Za-z]+ News)\)\s*[-–—]+"
    r"|\((?:Xinhua|Reuters|AP|AFP|Bloomberg)\)\s*[-–—]+"
    # press-release and wire datelines: "BEIJING, Nov. 25, 2024 /PRNewswire/ --", "TAIPEI (Taiwan News) —"
    r"|(?:^|(?<=\n)|(?<=\d\s))[A-Z][A-Za-z0-9 .,]{0,40}?/\s*PRNewswire\s*/\s*[-–—]+"
    r"|(?:^|(?<=\n)|(?<=\d\s))[A-Z]{3,}(?:\s[A-Z]{2,})*\s*\([A-Z][A-Za-z ]+\)\s*[-–—]+")


def metadata_spans(text: str) -> list[tuple[int, int]]:
    """The spans of the text that say who reports and when, not what happened."""
    return list(_metadata_spans(text))


@lru_cache(maxsize=8)
def _metadata_spans(text: str) -> tuple[tuple[int, int], ...]:
    # several steps read the same page (or the same opening of it): the spans are found once
    return tuple(m.span() for m in _METADATA.finditer(text))


# the date a report was made (4月16日，某公司官方微信号发文称，…于4月15日签约): said before a verb of saying
_REPORTED = re.compile(r"[，,]?[^，。,；;\n]{0,20}?(?:发文|发布消息|报道|消息|宣布|透露|表示|公告)?(?:称|说|指出|报道|获悉|透露|宣布)[，,:：]")


_STAMP_END = re.compile(r"\s*[|｜]")
_NUMERIC_DATE = re.compile(r"\d{4}[-/.]\d")


def event_dates(dates: list[Mention], text: str, published: str | None = None) -> list[Mention]:
    """A clause's dates that may be when it happened, the most precise first: a date glossed in brackets (今天（11月23日）)
    outranks the relative word, the date of a report (X日，某某发文称) yields to any other date of the clause, and so
    does the page's own date stamp written beside a relative day ("date 2022-08-08 Officials yesterday …")."""
    said = [m for m in dates if _REPORTED.match(text, m.end)]
    if len(said) < len(dates):
        dates = [m for m in dates if m not in said]
    relative = [m for m in dates if m.attrs.get("qualifier") == "relative"]
    stamp = [m for m in dates if published and m.attrs.get("qualifier") != "relative"
             and str(m.attrs["value"]) == published[:10] and (
                 any(r.attrs["value"] != m.attrs["value"] for r in relative)
                 # the page's own stamp, in figures at the head of a line or before a bar (2019/10/29 | 来自:…
                 # 2019年10月17日,…): another full date of the clause is the act's
                 or (_STAMP_END.match(text, m.end) or (m.start == 0 or text[m.start - 1] == "\n")
                     and _NUMERIC_DATE.match(m.surface))
                 and any(o.attrs.get("unit") == "day" and str(o.attrs.get("value")) != published[:10] for o in dates))]
    dates = [m for m in dates if m not in stamp]
    return sorted(dates, key=lambda m: (-len(str(m.attrs["value"])), m.attrs.get("qualifier") == "relative"))


#: a place abroad the sentence says it happened in (在日本熊本县菊阳町, 于美国德州谢尔曼市, 在新加坡): the country, then
#: its state or prefecture and its town as written, by their administrative endings
_ABROAD_AT = re.compile(r"(?:在|于|落户|赴|到|位于)(?:(?:日本|美国|韩国|德国|英国|法国|新加坡|马来西亚|越南|印度|荷兰|以色列|"
                        r"墨西哥|加拿大|澳大利亚|意大利|泰国|菲律宾|印尼|爱尔兰))"
                        r"((?:[\u4e00-\u9fff]{1,5}?(?:县|州|省|都|府|道))?)((?:[\u4e00-\u9fff]{1,5}?(?:市|町|村|郡|城))?)")
_ABROAD_COUNTRY = re.compile(r"日本|美国|韩国|德国|英国|法国|新加坡|马来西亚|越南|印度|荷兰|以色列|墨西哥|加拿大|澳大利亚|意大利|"
                             r"泰国|菲律宾|印尼|爱尔兰")


def place_abroad(clause: str) -> str | None:
    """The most precise place abroad a clause says its act happened in (菊阳町 of 在日本熊本县菊阳町), else None."""
    m = _ABROAD_AT.search(clause)
    if m is None:
        return None
    country = _ABROAD_COUNTRY.search(m.group(0))
    return m.group(2) or m.group(1) or (country.group(0) if country else None)

