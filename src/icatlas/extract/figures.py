"""Figures with their subject: 近3万人 of Sichuan's IC talent, 2700多项 patents of a company, a park's targets."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import replace

from ..model import NON_ORG_LABELS, QUANTITY_LABELS, Figure, Mention
from ..reference.regions import ABROAD_LEVELS
from .event_facts import metadata_spans
from .events import DOMESTIC, clauses, sentence_start_at

VERSION = "figures.rules.v21"  # v4: words and subjects looked for within a bounded reach
# a small count is a figure when it counts firms, projects, plants or rounds (4个项目, 3座晶圆厂, 6轮融资)
_COUNTED_UNITS = ("家", "座", "所", "轮")
_COUNTED = re.compile(r"(?:[\u4e00-\u9fff]{0,12}?)(?:项目|企业|公司|晶圆厂|工厂|厂|基地|园区|高校|院所|平台|投资案|案)")
_COUNTED_BEFORE = re.compile(r"(?:项目|企业|公司|晶圆厂|工厂|基地|园区|平台|投资案)$")
_TARGET = re.compile(r"有望|目标|力争|计划|预计|争取|将|aim|target|expected to|plan", re.I)
_NATION = {"中国", "全国", "我国"}
#: How far before a figure its words and its subject are looked for (characters): a figure's clause and paragraph
#: rarely reach further, and a bound keeps the work per figure flat on any page.
CLAUSE_REACH = 300
PARAGRAPH_REACH = 2000


class Named:
    """The mentions a figure's subject can be, in text order, found by position in logarithmic time."""

    def __init__(self, mentions: list[Mention]) -> None:
        # a park also known as a zone (Hsinchu Science Park) is named as the zone: one name in either language
        zones = {(m.start, m.end) for m in mentions if m.label == "region"}
        self.items = sorted((m for m in mentions if m.label not in ("person", "address", *QUANTITY_LABELS)
                             and (m.label == "region" or (m.start, m.end) not in zones)), key=lambda m: m.start)
        self.starts = [m.start for m in self.items]

    def between(self, lo: int, hi: int) -> list[Mention]:
        """The mentions starting in ``[lo, hi)``."""
        return self.items[bisect_left(self.starts, lo):bisect_left(self.starts, hi)]
_ORGISH = NON_ORG_LABELS


def find_figures(text: str, mentions: list[Mention]) -> list[Figure]:
    """Figures (percentages and counts) in ``text``, each tied to the organisation or region it is about."""
    out: list[Figure] = []
    cls = clauses(text)
    starts = [c.start for c in cls]
    # who reports (a dateline's city, a byline) and "domestic" (国内, 境内) are never what a figure is about
    masked = metadata_spans(text)
    named = Named([m for m in mentions if not any(a <= m.start and m.end <= b for a, b in masked)
                   and not (m.label == "region" and m.surface in DOMESTIC)])
    spans: list[tuple[int, int]] = []
    for q in mentions:
        if q.label not in ("percent", "count", "money") or q.attrs.get("value") is None:
            continue
        value = float(q.attrs["value"])
        if q.label == "count" and value < 10 and not q.attrs.get("qualifier") and not _counts_firms(q, value, text):
            continue
        if q.label == "money" and value <= 0:
            continue
        i = bisect_right(starts, q.start) - 1
        cl = cls[i] if i >= 0 and cls[i].start <= q.start < cls[i].end else None
        if cl is None:
            continue
        reach = max(cl.start, q.start - CLAUSE_REACH)
        sentence_start = sentence_start_at(text, q.start)
        subject = figure_subject(q, max(reach, sentence_start), cl.paragraph, mentions, q.label == "percent", text,
                                 named)
        subject = (q.label == "percent" and stake_holder(q, sentence_start, text, named)) or subject
        before = text[reach:q.start]
        what = _what(before) or (q.attrs.get("unit") or "")
        qual = q.attrs.get("qualifier")
        if _TARGET.search(before):
            qual = "target"
        out.append(Figure(subject=subject, what=what, value=value, unit=q.attrs.get("unit"), qualifier=qual,
                          evidence=(cl.start, cl.end), kind=q.label))
        spans.append((q.start, q.end))
    _respective(out, spans, text, named)
    out += _each_holds(out, spans, text, named)
    return out


#: a sentence that pairs a list of names with a list of figures in order
# (由A、B、C按40%、40%、20%比例持股: the shares in the order of the names)
_RESPECTIVE = re.compile(r"分别|各自|各为|respectively|按(?=[^，。；]{0,40}比例)", re.I)
# (a name's aside in brackets may follow it: 英飞凌(Infineon Technologies AG)及恩智浦)
_LIST_SEP = re.compile(r"\s*(?:[(（][^()（）\n]{1,60}[)）])?\s*(?:、|和|及|与|以及|,|，|,?\s*and)\s*")


def _respective(figures: list[Figure], spans: list[tuple[int, int]], text: str, named: Named) -> None:
    """中芯控股、大基金二期和海临微各自出资36.55亿美元、9.22亿美元和9.23亿美元，分别占66.45%、16.77%和16.78%: each figure of a
    list goes to the name in the same place of the list of names before it, when the sentence says 分别, 各自 or
    "respectively" and the two lists are equally long."""
    i = 0
    while i < len(figures):
        j = i + 1
        while j < len(figures) and 0 <= spans[j][0] - spans[j - 1][1] <= 8 \
                and _LIST_SEP.fullmatch(text, spans[j - 1][1], spans[j][0]):
            j += 1
        if j - i >= 2:
            for fig in figures[i + 1:j]:  # 36.55亿美元、9.22亿美元和9.23亿美元: what the list is of, said once before it
                fig.what = figures[i].what
            _pair(figures[i:j], spans[i][0], text, named)
        i = j


#: one figure that each name of the list right before it has (B、C及D则各持有10%股权; B, C and D each hold 10%)
_EACH_ONE = re.compile(r"(?:[(（][^()（）\n]{1,60}[)）])?\s*[则也均]?(?:各(?:自)?(?:持有|持股|出资|占|认购)|each\s+"
                       r"(?:hold|holds|own|owns|take|takes|contribute|contributes))\s*(?:约|近|about|around)?\s*$", re.I)


def _each_holds(figures: list[Figure], spans: list[tuple[int, int]], text: str, named: Named) -> list[Figure]:
    """A figure that each name of a list right before it has: that figure, once for each name (the first keeps it)."""
    more: list[Figure] = []
    for fig, (s, _e) in zip(list(figures), spans):
        start = sentence_start_at(text, s)
        each = _EACH_ONE.search(text, max(start, s - 80), s)
        if each is None:
            continue
        inside = named.between(start, each.start() + 1)
        outer = [m for m in inside if not any(o is not m and o.start <= m.start and m.end <= o.end for o in inside)]
        run: list[Mention] = []
        for m in outer:
            run = run + [m] if run and _LIST_SEP.fullmatch(text, run[-1].end, m.start) else [m]
        if len(run) < 2 or text[run[-1].end:each.start()].strip():
            continue
        fig.subject = _name(run[0])
        more += [replace(fig, subject=_name(m)) for m in run[1:]]
    return more


def _pair(run: list[Figure], first: int, text: str, named: Named) -> None:
    start = sentence_start_at(text, first)
    end = min((k for k in (text.find(c, first) for c in "。；;\n") if k >= 0), default=len(text))
    if not _RESPECTIVE.search(text, start, end):
        return
    inside = named.between(start, first)
    outer = [m for m in inside if not any(o is not m and o.start <= m.start and m.end <= o.end for o in inside)]
    lists: list[list[Mention]] = []
    for m in outer:  # the lists of names the sentence writes (A、B和C), the last as long as the figures wins
        if lists and _LIST_SEP.fullmatch(text, lists[-1][-1].end, m.start):
            lists[-1].append(m)
        else:
            lists.append([m])
    names = next((x for x in reversed(lists) if len(x) == len(run)), None)
    if names is None:
        # A与B、C及D订立协议，分别向…投资: the parties the sentence names before 分别, one per figure, in order
        said = _RESPECTIVE.search(text, start, end)
        parties = [m for m in outer if m.label not in _ORGISH and said is not None and m.end <= said.start()]
        if len(parties) != len(run):
            return
        names = parties
    for fig, m in zip(run, names):
        fig.subject = _name(m)


# a firm's own results: its revenue, profit, margin, earnings per share
_FIRM_RESULT = re.compile(r"营收|营业收入|营业额|净利|毛利|每股|税后|获利|盈利|亏损|出货|revenue|profit|earnings|margin|EPS|"
                          r"shipments", re.I)


def page_topics(text: str, mentions: list[Mention], place: str | None) -> tuple[str | None, str | None]:
    """What the page is about when a figure's sentence names nothing: the company its lede names that it names most
    often, as the page writes it most (for a firm's results), and its place (for everything else)."""
    lede_end = text.find("\n", 200)
    lede_end = len(text) if lede_end < 0 else lede_end
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    forms: dict[str, dict[str, int]] = {}
    for m in mentions:
        if m.label != "company":
            continue
        key = str(m.attrs.get("canonical") or m.surface)
        counts[key] = counts.get(key, 0) + 1
        first.setdefault(key, m.start)
        forms.setdefault(key, {})[m.surface] = forms.get(key, {}).get(m.surface, 0) + 1
    in_lede = [k for k in counts if first[k] < lede_end and counts[k] >= 2]
    if not in_lede:
        return None, place
    key = max(in_lede, key=lambda k: (counts[k], -first[k]))
    return max(forms[key], key=lambda f: forms[key][f]), place


def fill_subjects(figures: list[Figure], text: str, topics: tuple[str | None, str | None]) -> None:
    """A figure whose sentence and paragraph name no subject is the page's: a firm's result is the page's firm's,
    any other the page's place."""
    org, place = topics
    for f in figures:
        if f.subject is not None:
            continue
        if org is not None and _FIRM_RESULT.search(text, f.evidence[0], f.evidence[1]):
            f.subject = org
        elif place is not None:
            f.subject = place


def _counts_firms(q: Mention, value: float, text: str) -> bool:
    """A small count kept as a figure: one in a unit of firms, schools or rounds (3所, 6轮), or two or more of the
    projects, firms or plants named after it (4个项目, 3座晶圆厂) or right before it (50亿元以上项目6个, 重点项目3项)."""
    return q.attrs.get("unit") in _COUNTED_UNITS or (value >= 2 and (
        _COUNTED.match(text, q.end) is not None
        or (q.attrs.get("unit") in ("个", "项", "座") and _COUNTED_BEFORE.search(text, max(0, q.start - 6), q.start) is not None)))


def _name(m: Mention) -> str:
    """A region by its gazetteer name (海沧 → 海沧区); an organisation as the page writes it (力积电), as events name
    their participants."""
    if m.label == "region":
        name = str(m.attrs.get("name") or m.attrs.get("canonical") or m.surface)
        if m.attrs.get("level") == "zone" and len(m.surface) < len(name) and m.surface.endswith(("高新区", "经开区")):
            return m.surface  # 东湖高新区: a zone by the short standard name the page uses
        return name
    if m.attrs.get("role") == "acronym":  # WPG for WPG Holdings Co: the name the page gave it in full
        return str(m.attrs.get("canonical") or m.surface)
    return m.surface


# A clause that opens with 这里/该园区/该公司 speaks of the park or organisation named just before it.
_ANAPHOR = re.compile(r"(?<![^。！？!?\n，,；;：:])\s*(?:而|目前|如今|现在|今后|未来)?\s*(这里|此处|这儿|该园区|该园|园区|该区|该基地|该中心|"
                      r"该平台|该公司|该企业|该集团|该项目|该联盟|该协会|该基金|这家(?:公司|企业)|the park|the company|the alliance|the fund|"
                      r"it\b)", re.I)
# 位于张江科学城核心区的上海集成电路设计产业园: the place an organisation is located in is not what it is about
_LOCATIVE = re.compile(r"(?:位于|地处|坐落于|坐落在|located in|based in)\s*$", re.I)
_AT = re.compile(r"(?:在|于)[\u4e00-\u9fff]{0,6}$|\b(?:in|at)\s+(?:the\s+)?$")
_SPEECH = re.compile(r"表示|指出|强调|介绍|透露|认为|称|说|said|stated|noted|pointed out")
_CLAUSE_SEP = re.compile(r"[，,；;：:]")


def figure_subject(q: Mention, clause_start: int, para: tuple[int, int], mentions: list[Mention], share: bool,
                   text: str = "", named: Named | None = None) -> str | None:
    """What a figure is about: an organisation or region in its own comma clause; else the first one the
    sentence speaks of (after 表示/指出 when someone is quoted); else the last organisation before it in the
    paragraph; else the last region. ``named``: the page's :class:`Named` mentions, when the caller has them."""
    named = named or Named(mentions)
    clause_start = max(clause_start, q.start - CLAUSE_REACH)
    para = (max(para[0], q.start - PARAGRAPH_REACH), para[1])

    def ok(m: Mention) -> bool:
        # a share "of the country" is not the country's own figure
        return not (share and _name(m) in _NATION)

    before = [m for m in named.between(clause_start, q.start) if ok(m)]
    if text:
        referent = _antecedent(q, clause_start, para, named, text)
        if referent is not None:
            return referent
        before = [m for m in before if not (m.label == "region" and (
            _LOCATIVE.search(text, max(0, m.start - 8), m.start)
            # 已在德州北部创造1,200个工作机会: a place abroad where a firm made its figure is where, not whose
            or m.attrs.get("level") in ABROAD_LEVELS and _AT.search(text, max(0, m.start - 8), m.start)))
                  and not (m.label != "region" and text.startswith("等", m.end))]  # 烨映等9个项目: the group's
        seps = [x.end() for x in _CLAUSE_SEP.finditer(text, clause_start, q.start)]
        own = [m for m in before if m.start >= (seps[-1] if seps else clause_start)]
        if own:
            return _site_owner(own[-1], para, named, text) or _name(own[-1])
        speech = [x.end() for x in _SPEECH.finditer(text, clause_start, q.start)]
        after_speech = [m for m in before if m.start >= (speech[0] if speech else clause_start)]
        # a region or organisation inside another's name is not the subject itself
        outer = [m for m in after_speech if not any(o is not m and o.start <= m.start and m.end <= o.end
                                                    and o.end - o.start > m.end - m.start for o in after_speech)]
        if outer:
            return _site_owner(outer[0], para, named, text) or _name(outer[0])
    elif before:
        return _name(before[-1])
    in_para = [m for m in named.between(para[0], clause_start) if ok(m)]
    orgs = [m for m in in_para if m.label not in _ORGISH]
    if orgs:
        return _name(orgs[-1])
    return _name(in_para[-1]) if in_para else None


# a plant named by its place (铜锣新厂, 无锡工厂, 南京厂区): its figures are its owner's, not the place's
_SITE = re.compile(r"(?:新厂|厂区|厂房|工厂|[一二三四五六七八九十\d]*厂(?!商|家))")


#: a share that is a stake: held, bought or owned (持有…15.9%股权, 持股比重17.88%, CR Micro's ownership … 33%)
_STAKE_CUE = re.compile(r"股权|股份|持股|持有|股东|stake|ownership|shareholding", re.I)
#: who holds it, written after it (21.9%将由华虹半导体直接持有, 29.1%将透过华虹宏力间接持有)
_HELD_BY = re.compile(r"(?:的股[权份])?(?:将|则|会)?(?:由|透过|通过)")
_HOLD_VERB = re.compile(r"持有|持股|拥有|收购|并购|认购|取得|入股|投资|\b(?:holds?|held|owns?|owned|acquired|acquires|bought|"
                        r"buys|took|takes)\b", re.I)
_OWNERSHIP = re.compile(r"['’]s?\s+(?:ownership|stake|shareholding)\b")
_SHAREHOLDER = re.compile(r"(?:为|是|成为)[^，。；,;]{0,10}股东")
_NO_BREAK = re.compile(r"[^，。；,;]{0,8}")


def stake_holder(q: Mention, sentence_start: int, text: str, named: Named) -> str | None:
    """Who holds a stake the sentence gives (the holder, not the firm held): the organisation it is held by (由…持有),
    the one whose ownership or stake it is, the one right before the last verb of holding or buying, the one the
    sentence calls a shareholder, else its first organisation before that verb; None where the share is no stake."""
    # within a bounded reach of the share, as every subject rule here
    lo = max(sentence_start, q.start - 80)
    end = min((k for k in (text.find(c, q.end, q.end + 60) for c in "。；;\n") if k >= 0), default=min(len(text), q.end + 60))
    if not _STAKE_CUE.search(text, max(lo, q.start - 40), min(end, q.end + 12)):
        return None
    orgs = [m for m in named.between(lo, end) if m.label not in _ORGISH]
    by = _HELD_BY.match(text, q.end)
    if by is not None:
        after = next((m for m in orgs if by.end() <= m.start <= by.end() + 1), None)
        if after is not None:
            return _name(after)
    before = [m for m in orgs if m.end <= q.start]
    owner = [m for m in before if _OWNERSHIP.match(text, m.end)]
    if owner:
        return _name(owner[-1])
    verbs = list(_HOLD_VERB.finditer(text, lo, q.start))
    for v in reversed(verbs):
        right = [m for m in before if m.end <= v.start() and _NO_BREAK.fullmatch(text, m.end, v.start())]
        if right:
            return _name(right[-1])
    holder = next((m for m in before if _SHAREHOLDER.match(text, m.end)), None)
    if holder is not None:
        return _name(holder)
    return _name(before[0]) if verbs and before and before[0].end <= verbs[-1].start() else None


def _site_owner(m: Mention, para: tuple[int, int], named: Named, text: str) -> str | None:
    """The company named last before a place that names a plant (铜锣新厂), in the paragraph; None when ``m`` is
    no such place."""
    if m.label != "region" or not _SITE.match(text, m.end):
        return None
    firms = [o for o in named.between(para[0], m.start) if o.label == "company" and o.end <= m.start]
    return _name(firms[-1]) if firms else None


def _antecedent(q: Mention, clause_start: int, para: tuple[int, int], named: Named, text: str) -> str | None:
    """The park or organisation that 这里/该园区/该公司 at the head of one of the figure's comma clauses stands for: the
    nearest one named before it in the paragraph (the longest of those ending at the same place)."""
    found = None
    near = named.between(clause_start - 40, q.start)
    for a in _ANAPHOR.finditer(text, clause_start, q.start):
        at = a.start(1)
        if not any(m.start <= at < m.end for m in near):
            found = at
    if found is None:
        return None
    cands = [m for m in named.between(para[0], found) if m.end <= found
             and (m.label not in _ORGISH or (m.label == "region" and str(m.attrs.get("code", "")).startswith("Z-")))]
    if not cands:
        return None
    last = max(cands, key=lambda m: (m.end, m.end - m.start, m.label != "region"))
    return _name(last)


def _what(before: str) -> str:
    """What a figure measures: the words of its clause before it, at most 24 characters, cut at a word's start in
    Latin script (a total investment of, not "th a total investment of")."""
    what = re.split(r"[，,、：:]", before)[-1].strip()
    if len(what) <= 24:
        return what
    cut = what[-24:]
    if what[-25].isalpha() and cut[0].isascii() and cut[0].isalpha():
        cut = cut.split(" ", 1)[1] if " " in cut else cut
    return cut
