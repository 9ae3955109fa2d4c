"""Events of the twelve types from trigger words, clause by clause, with participants, date, place, amount."""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

from ..model import NON_ORG_LABELS, Event, Mention
from ..reference.regions import RegionIndex
from .lexicon import POSTS
from .event_facts import (PLANNED, event_dates, metadata_spans, named_place, person_role, place_abroad, place_of,
                          plan_goes_on, status as status_of)

__all__ = ["EVENT_TYPES", "PLANNED", "TRIGGERS", "as_written", "clauses", "find_events", "sentences_between"]

VERSION = "events.occurrences.v94"
EVENT_TYPES = ("meeting", "agreement_signed", "project_signed", "investment", "organization_founded",
               "production_milestone", "policy_released", "official_visit", "award", "acquisition", "bid_won",
               "financing")

# (type, trigger pattern, roles for organisations, roles for people)
TRIGGERS: list[tuple[str, re.Pattern[str], str]] = [
    ("agreement_signed", re.compile(r"(签订|签署|签约|缔结)[^，。；]{0,20}(协议|备忘录|合同|协定|框架)|(协议|备忘录|合同)[^，。；]{0,6}(签订|签署|签约)"
                                    r"|signed(?:[^.;]|\.(?=\d)){0,60}(agreement|memorandum|MoU|contract|framework document|deal)"
                                    r"|(agreement|memorandum)[^.;]{0,30}signed|(?:Framework|Cooperation) Agreement with"
                                    r"|\b(?:inks?|inked|seal(?:s|ed)?|signs?|signed|strikes?|struck)\s+(?:a\s+)?(?:\w+\s+)?deal\b"
                                    # a (cloud, online) signing ceremony held: a project's signing when it is for projects
                                    r"|\bsigning ceremony (?:was |were )?held\b", re.I), "signer"),
    ("project_signed", re.compile(r"项目[^，。；]{0,24}(签约|落户|签订)|(签约|签下)[^，。；]{0,12}项目|projects?[^.;]{0,30}signed"
                                  r"|signing (?:ceremony )?(?:of|for) (?:the )?[^.;]{0,60}?projects?\b"
                                  # a batch in machine-translated English: a centralized signing, projects settled in X,
                                  # agreements reached on 14 key projects
                                  r"|\b(?:centrali[sz]ed|concentrated|collective|intensive) signing\b"
                                  r"|\bprojects? (?:were |was |are |is |have been |had been )?(?:settled|landed|established|introduced) in (?:the )?(?-i:[A-Z])"

                                  r"|\breached (?:an )?agreements? with\b[^.;]{0,80}?\bprojects?\b", re.I), "party"),
    ("organization_founded", re.compile(r"(?<=[心园馆厂地所院])(?:正式)?开幕|揭牌成立|正式成立|宣告成立|注册成立|揭牌|挂牌成立|成立(?!于|以来|之初)|组建|设立(?!了?[^，。；]{0,6}(?:奖|目标))"
                                        r"|(?<![a-z])(established|founded|set up|inaugurated)\b"
                                        # a body launched or started (… Fund was launched with a first-phase scale of),
                                        # a plaque unveiled for it: its founding, in machine-translated English
                                        r"|\b(?-i:Fund|Alliance|Cent(?:er|re)|Park|Institute|Platform|Base|Lab(?:oratory)?|Association|"
                                        r"Consortium)\s+(?:also\s+)?(?:(?:was|were|has been|have been)\s+(?:also\s+)?(?:officially\s+|formally\s+)?"
                                        r"(?:launched|started|unveiled|inaugurated)|(?:officially\s+|formally\s+)?(?:unveiled|inaugurated)"
                                        r"(?!\s+(?:a|an|the|its|their|new|plans?)\b))\b"
                                        r"|\bplaques?\b[^.;]{0,30}?\bunveiled\b|\bunveil(?:ed|s|ing)?\s+(?:a |the )?plaques?\b|\bplaque[- ]unveiling\b"
                                        r"|(?:received|obtained|got) its business licen[cs]e|registered with (?:the )?(?:local )?market"
                                        # announced the (official) establishment of the … Alliance
                                        r"|\b(?:announced|announces|announce|declared|declares|marked|marks|witnessed|celebrated)\s+"
                                        r"the\s+(?:official\s+|formal\s+)?(?:establishment|founding)\s+of\s+(?:the\s+)?(?-i:[A-Z])",
                                        re.I), "organization"),
    ("investment", re.compile(r"拟投资|投资建设|总投资|斥资(?![^，。；]{0,24}(?:收购|并购|购买|买下|回购|购入))|(?:投资|投入)(?:约|近|超过?|逾|达)?(?=[\d一二三四五六七八九十百千万亿])|投资设立|增资|注资|投建"
                              r"|(?<=[金本投团司期])(?:领投|跟投|投资|入股|参股)(?![建设])"
                              # buying a plant, land or a building (购入…厂房72.15%产权): money put into a site
                              r"|(?:购入|购置|买入|承购)(?=[^，。；]{0,30}(?:厂房|厂区|土地|大楼|产权|建物|楼宇))"
                              # buying into a facility or project, not a firm ("to acquire a 10% share in the facility")
                              r"|\b(?:acquire|acquired|acquiring|buy|bought|take|took)\s+an?\s+[\d.]+\s?(?:%|percent)\s+"
                              r"(?:share|stake|interest)\s+in\s+the\s+(?:new\s+)?(?:facility|project|plant|fab|factory|line|base)\b"
                              # an investment agreement (deal, pact …) is what is signed, not an investment made
                              r"|invest(?:ed|s|ment(?!s?\s+(?:agreements?|deals?|contracts?|pacts?|accords?|memorand|MoUs?\b)))?\b"
                              r"|\b(?:put|poured|pours|injected|injects|committed|commits|contributed|contributes)\s+(?:in\s+)?"
                              r"(?=(?:about|around|nearly|over|more than|some)?\s*(?:RMB|US\$|NT\$|HK\$|\$|¥|€)?\s*\d)", re.I), "investor"),
    ("production_milestone", re.compile(r"(?<!测)(?:投产|量产|试产)(?![品线])|通线|试生产|封顶|开工|项目(?:正式)?启动(?!会)|启动建设|(?:启动|开始)建厂|开建|(?:厂|厂房|基地|产线|生产线|园区)[^，。；]{0,4}启用(?!后|了?[^，。；]{0,4}(?:系统|平台))|动工|动土|破土|奠基|上梁|竣工|落成|下线|移入|搬入|装机"
                                        r"|mass production|volume production|put into (?:production|operation)|began production"
                                        r"|broke ground|groundbreaking|(?:began|started) construction|construction (?:began|started)"
                                        r"|\b(?:break|breaks|breaking|broken) ground|grand opening|opening ceremony"
                                        r"|\b(?:began|begun|begins?|started|starts?|commenced?|commences|kicked off|kicks off|launched)"
                                        r"\s+(?:the\s+)?(?:building|constructing|construction|to build|to construct|work on|works on)\b"
                                        r"|\b(?:opened|opens|inaugurated)\b[^.;\n]{0,60}?\b(?:fab|plant|factory|facility|production line)\b"
                                        r"|topped out|topping[- ]out"
                                        r"|(?:start|starts|started|began|begin|begins|commenced?|commences)\s+(?:operations?|operating)"
                                        r"|went into (?:production|operation)|(?:was|were) completed and"
                                        # completed a (5.5-billion-dollar) project to upgrade its plant, completed the fab
                                        r"|\bcomplet(?:ed|es)\s+(?:a|an|the|its|their)\s+"
                                        r"(?:(?:(?!study|design|review|acquisition|feasibility|purchase|deal|survey|audit|assessment)"
                                        r"(?:[^;\n.]|\.(?=[A-Za-z0-9]|\s(?-i:[a-z])))){0,40}?\s)?"
                                        r"(?:project|plant|fab|facility|factory|expansion|upgrade|construction|production line)\b",
                                        re.I), "producer"),
    ("policy_released", re.compile(r"(发布|出台|印发|解读|公布)[^，。；]{0,30}(政策|办法|措施|意见|方案|规划|条例|通知|细则|行动计划)"
                                   # a titled plan, blueprint or outline published (公布的《…2020年行动计划》, 公布《…蓝图》)
                                   r"|(?:发布|出台|印发|公布|颁布)[^，。；《]{0,4}《[^》\n]{2,60}?(?:计划|蓝图|纲要|战略|指南|决定|规定)》"
                                   # the titled document first, then its issuing (《…若干措施》正式印发, 《…实施意见》（以下简称…）印发),
                                   # or a cabinet's passing of it (院会通过「…创新方案」)
                                   r"|《[^》\n]{2,60}?(?:政策|办法|措施|意见|方案|规划|条例|通知|细则|计划|纲要|指南)》[^，。；《]{0,16}?"
                                   r"(?:正式)?(?:印发|发布|出台|公布|颁布|施行)(?!以来|的要求|的通知|精神|后)"
                                   r"|(?:院会|常务会议|常委会)[^，。；]{0,12}通过[^，。；]{0,12}[「《“][^」》”\n]{2,40}"
                                   r"(?:方案|计划|政策|条例|办法|措施|规划)[」》”]"
                                   r"|(policy|policies|measures|plan)[^.;]{0,20}(released|issued|unveiled)"
                                   # an outline or guidelines on a subject, released by a body
                                   r"|\b(?:outline|guidelines?|(?-i:Opinions|Measures|Regulations|Notice|Blueprint|Roadmap|Action Plan))"
                                   r"\s+(?:on|for)\b[^.;]{0,80}?\b(?:released|issued|unveiled|published|delivered|promulgated)\b"
                                   r"|(released|issued|unveiled|introduced|rolled out|published)[^.;]{0,40}"
                                   r"(polic(?:y|ies)|measures|action plan|development plan|guidelines?|regulations|opinions)\b", re.I), "issuer"),
    ("award", re.compile(r"表彰|授牌|颁奖|颁发|荣获|获评|获颁|入选|被评为|获得[^，。；]{0,12}奖|award(?:ed)?|honou?red", re.I), "awardee"),
    ("acquisition", re.compile(r"收购|并购|售予|出售给|出售予|卖给|转让给|买下|acquir(?:e|ed|es|ing)|acquisition"
                               r"|\b(?:purchas(?:e|es|ed|ing)|bought|buys?|buying|t(?:ook|akes?|aking))\b(?:[^.;]|\.(?=\d)){0,40}\bstake\b"
                               r"|\b(?:sell|sells|sold|selling)\b[^.;]{0,40}\bto\b"
                               r"|\b(?:agreed|agrees|agree) to (?:buy|purchase|take over)\b|\b(?:took|takes?|taking) over\b"
                               r"|\btakeover of\b", re.I), "acquirer"),
    ("bid_won", re.compile(r"中标|中选|won the bid|winning bid", re.I), "bidder"),
    ("financing", re.compile(r"融资|完成[^，。；]{0,8}(?:[A-FＡ-Ｆ][+＋]?|天使|种子|战略|Pre-?[A-F]?[+＋]?)轮|天使轮|IPO|募资|募集资金|raised(?:[^.;]|\.(?=\d)){0,30}(funding|financing)|financing round"
                             # a listing on an exchange (登陆科创板上市, 在港交所挂牌上市, 到港集资上市; not 上市公司, 上市前)
                             r"|(?:登陆|挂牌|在|于|成功)(?:上交所|深交所|北交所|港交所|联交所|科创板|创业板|主板|纳斯达克|纽交所|香港)[^，。；]{0,4}"
                             r"(?:上市|挂牌)(?!公司|企业|前|后|首日|以来|的|申请|辅导|计划|进程|多年|满|股|至今)|集资上市"
                             r"|(?<!that )(?<!which )\b(?:debuted|debuts|went public|began trading) on (?:the )?"
                             r"(?:STAR Market|Shanghai|Shenzhen|Hong Kong|Nasdaq|New York|Beijing)\b"
                             r"|\b(?:completed|closed|secured|raised|raises|received|landed|bagged|rake[sd]? in)\b(?:[^.;]|\.(?=\d)){0,50}"
                             r"\b(?:round|financing|funding)\b|\bSeries [A-F]\d?\b(?! shares)|\b(?:angel|seed|pre-IPO) round\b|fund-?raising"
                             r"|\b(?:pre-)?(?-i:[A-F])\+?[- ]round\b(?! of\b)"
                             # money raised, told with its sum (… Fund has increased its capital, raising 5.5 billion yuan)
                             r"|\b(?:raising|raised|raises)\s+(?:about |around |over |more than |nearly |some )?"
                             r"(?:RMB|CNY|US\$|HK\$|NT\$|\$)?\s?[\d.,]+\s*(?:billion|million|bn|mn|trillion)\b"
                             # the investor's side: X led the 150 million yuan B round for Y
                             r"|\b(?:led|co-led|leads|co-leads)\s+(?:the|a|an|its)\b(?:[^.;]|\.(?=\d)){0,50}?"
                             r"\b(?:round|financing|funding)\b"
                             # a listing is a financing: listed on the STAR Market … raising 2.5 billion yuan
                             r"|\b(?:went|goes|go|going) public\b|\blisted on the\b(?=[^.;]{0,60}\b(?:Exchange|Market|Board|"
                             r"Nasdaq|NYSE)\b[^.;]{0,40}\brais(?:ing|ed)\b)",
                             re.I), "financed"),
    ("official_visit", re.compile(r"调研|考察|视察|走访|来到|走进|莅临|察看|访问(?![量学者人])|参观(?![者人量])|visited|inspected|toured|investigated|surveyed|paid a visit to|conducted (?:an? )?(?:survey|research|investigation|inspection)s? (?:at|in|on)|(?:research|inspection) tour", re.I), "visited"),
    ("meeting", re.compile(r"召开|举行|举办|(?<![心园馆厂地所院])(?:正式)?开幕|峰会|座谈会|推进会|大会|论坛|研讨会|会议(?!室)|对接会|交流会|洽谈会|博览会|年会"
                           r"|推介会|招商会|恳谈会|专题会|现场会|调度会"
                           r"|\bmeeting\b|conference|summit|forum|symposium", re.I), "participant"),
]
AGREEMENT_NAME = re.compile(r"《([^》]{2,40})》|([\u4e00-\u9fff]{2,16}?(?:合作协议|框架协议|协议|备忘录|合同))")
# the types kept when planned (预计2025年投产): with status ``planned`` and no date; others are left out
PLANNED_KEPT = {"investment", "project_signed", "production_milestone", "organization_founded"}
SENTENCE = re.compile(r"[^。！？；!?;\n]+[。！？；!?;]?|\n")
# an English sentence: a full stop inside a number (US$2.89) or after an abbreviation (Co., Corp., Jan.) does not end it
#: the short forms a full stop closes without ending an English sentence
_SHORT_FORMS = r"Co|Corp|Inc|Ltd|No|Mr|Ms|Mrs|Dr|St|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|vs|e\.g|i\.e"
# (nor does one inside a word or a short form: U.S. dollars, e.g., 5.5-billion)
EN_SENTENCE = re.compile(rf"(?:\b(?:{_SHORT_FORMS}|U\.S|U\.K)\."
                         r"|[^.!?;\n]|\.(?=[A-Za-z0-9$%]))+(?:[.!?;](?=\s|$))?")
VISITOR_ROLE = "visitor"
_PLACE_LIKE = ("park", "platform")


@dataclass
class Clause:
    start: int
    end: int
    text: str
    paragraph: tuple[int, int]


def clauses(text: str) -> list[Clause]:
    """Sentences and clauses (split at 。！？； and line ends), each with its paragraph."""
    out: list[Clause] = []
    pos = 0
    for para in text.split("\n"):
        p0, p1 = pos, pos + len(para)
        english = len(para.encode("ascii", "ignore")) > 0.8 * max(1, len(para))  # ASCII characters, counted
        for m in (EN_SENTENCE if english else SENTENCE).finditer(para):
            s = m.group(0)
            if s.strip():
                lead = len(s) - len(s.lstrip())
                out.append(Clause(p0 + m.start() + lead, p0 + m.end(), s.strip(), (p0, p1)))
        pos = p1 + 1
    return out


def find_events(text: str, mentions: list[Mention], doc_date: tuple[str | None, str | None], doc_place: str | None,
                protagonist: str | None, index: RegionIndex | None = None, published: str | None = None,
                title: str | None = None) -> list[Event]:
    """Events in ``text``, one per act and sentence (the facets that :mod:`icatlas.extract.occurrences` joins);
    ``doc_date`` (value, precision) and ``doc_place`` fill what a clause does not say. No event that happened is
    dated after ``published``."""
    events: list[Event] = []
    masked = metadata_spans(text)  # who reports and when: never a party, a place or the event's date
    mentions = [m for m in mentions if not any(a <= m.start and m.end <= b for a, b in masked)]
    in_name = _OrgSpans(mentions)
    repeats = _headline_repeats(text, title)
    for cl in clauses(text):
        if cl.paragraph[0] in repeats:
            continue  # the headline printed again in the body (a caption under its picture): not a new telling
        seen: set[str] = set()
        sentence_start = sentence_start_at(text, cl.start)
        for etype, pattern, role in TRIGGERS:
            m = pattern.search(cl.text)
            while m and ((_STATE_OF.search(cl.text, 0, m.start()) and cl.text.startswith("的", m.end()))
                         or _WISH.search(cl.text, 0, m.start()) or in_name(cl.start + m.start(), cl.start + m.end())
                         or etype == "production_milestone" and (_ONCE_DONE.match(cl.text, m.end())
                                                                 or _NOUN_USE.match(cl.text, m.end())
                                                                 or m.group(0) == "量产" and _YEARLY.search(cl.text, 0, m.start()))
                         or _AIM.search(cl.text, max(0, m.start() - 24), m.start())
                         or etype == "investment" and _COUNTED_OBJECT.match(cl.text, m.end())
                         or _NEGATED.search(cl.text, max(0, m.start() - 60), m.start())
                         or etype == "organization_founded" and _DESCRIBED.search(cl.text, 0, m.start())):
                # 实现量产的企业, 已投产的产线: what a thing is; 促项目早投产, 尽快签约: a wish, not what happened;
                # Shenzhen Investment Holdings, 华芯投资管理有限责任公司: a word of a name, not an act
                m = pattern.search(cl.text, m.end())
            if not m or etype in seen:
                continue
            if etype == "official_visit" and _in_meeting_name(cl.text, m.start()):
                continue  # 委员视察“…建设情况”专题会: the visit is what the meeting is about
            named = etype == "meeting" and _meeting_name(cl.text) is not None
            if _blocked(etype, seen) and not named:
                continue
            before = text[max(sentence_start, cl.start): cl.start + m.start()]
            state = status_of(before, cl.text)
            if state == "done" and plan_goes_on(text, cl.start, before):
                state = "planned"  # 计划2019年开工建设28个地块；2020年开工建设19个地块: the plan's next item
            if state == "planned" and etype not in PLANNED_KEPT and not (
                    etype == "acquisition" and _ANNOUNCED.search(before)):
                continue  # (an acquisition announced with its terms, 宣布将斥资…收购, is kept as planned)
            ev = _build(etype, role, cl, m, mentions, doc_date, doc_place, protagonist, index, text, published)
            if ev is None:
                continue
            _settle_time(ev, state, published)
            if etype == "meeting" and not ev.name and _merge_into_last_meeting(events, ev):
                continue
            seen.add(etype)
            if etype == "investment" and _ASSET_BUY.match(m.group(0)):
                seen.add("acquisition")  # a share of a plant bought: an investment, not a firm acquired
            events.append(ev)
    return events


def _clause_place(places: list[Mention], text: str, index: RegionIndex | None, name_span: tuple[int, int] | None,
                  clause: str) -> str | None:
    """Where a clause says its act happened: its most specific place (国内, 中国大陆, 华南地区 are too wide: a plant or a
    signing happens somewhere more precise, which the page may say), or the place abroad it names (在日本熊本县菊阳町动工)
    rather than a province it also names."""
    place = place_of([m for m in places if not too_wide(m, index, text)], text, index, name_span)
    abroad = place_abroad(clause)
    if abroad and (place is None or index is not None and any(r.level == "province" for r in index.lookup(place))):
        return abroad
    return place


def _headline_repeats(text: str, title: str | None) -> set[int]:
    """Where the body prints its headline again as a paragraph of its own, past its first paragraph (a lede that is
    the headline, as pages told in key points have it, stays)."""
    head = (title or "").strip()
    if not head:
        return set()
    out, pos = set(), 0
    for para in text.split("\n"):
        if pos and para.strip() == head:
            out.add(pos)
        pos += len(para) + 1
    return out


class _OrgSpans:
    """Whether a span lies inside an organisation's name, in logarithmic time."""

    def __init__(self, mentions: list[Mention]) -> None:
        spans = sorted((m.start, m.end) for m in mentions if m.label not in NON_ORG_LABELS)
        self.starts = [a for a, _ in spans]
        self.spans = spans

    def __call__(self, a: int, b: int) -> bool:
        j = bisect_right(self.starts, a) - 1
        while j >= 0 and self.starts[j] > a - 120:  # no name is longer
            if self.spans[j][1] >= b:
                return True
            j -= 1
        return False


# words right before a trigger that make it a wish (促项目早投产, 力争早日建成, 尽快签约)
# a production word that names a thing, not an act (量产时程, 投产计划, mass production technologies; 年量产 is a
# yearly output)
_YEARLY = re.compile(r"(?<![\d〇一二三四五六七八九十今明去前后本同当次每上下])年$")
_NOUN_USE = re.compile(r"(?:时程|时间表?|计划|目标|规模|能力|节点|进度|良率|技术|工艺)"
                       r"|\s+(?:\d+\s?nm\s+(?:and\s+\d+\s?nm\s+)?)?(?:technolog(?:y|ies)|process(?:es)?|capacit(?:y|ies)|tools?"
                       r"|yields?|schedules?|targets?)\b",
                       re.I)
_ASSET_BUY = re.compile(r"购入|购置|买入|承购|acquir|buy|bought|take|took", re.I)
_ANNOUNCED = re.compile(r"宣布|公告|announced|announces|agreed to|agrees to", re.I)
_WISH = re.compile(r"(?:早日|尽早|尽快|及早|早)$")
# a trigger that opens a time clause (投产后年产值…, 项目建成投产后): what will follow it, not a happening of its own
_ONCE_DONE = re.compile(r"(?:之|以)?后(?![道续期端台])")
# money put into a count of firms (has invested in over 20 local companies, 投资了20多家企业): a running record
_COUNTED_OBJECT = re.compile(r"(?:\s+in)?\s+(?:over |more than |nearly |about |some )?\d+\+?\s+(?:\w+\s+)?"
                             r"(?:companies|firms|enterprises|projects|startups)\b|了?\d+(?:多|余)?家", re.I)
# an act the sentence says did not happen (尚未开工, declined to give its investment figure, has not signed)
_NEGATED = re.compile(r"(?:未|没有|不再)(?:正式)?$|\b(?:declined|refused|denied)\s+to\b[^.;,]{0,40}$"
                      r"|\b(?:not|never)\s+(?:yet\s+)?(?:been\s+)?$", re.I)
# what a policy supports or encourages (支持企业在港设立…生产线, 鼓励…投资): its aim, not a happening
_AIM = re.compile(r"(?:^|[，、；,;]|并|将|要|积极|大力)(?:支持|鼓励|引导|欢迎)[^，。；,;]{0,20}$")
# a founding that describes a body named in passing (a venture capital firm founded by …, a fund set up in 2014)
_DESCRIBED = re.compile(r"\b(?:firm|company|fund|group|startup|start-up|maker|chipmaker|unit|institute|venture|lab|"
                        r"body|organi[sz]ation|association|alliance|vehicle)(?:\s+(?:that|which)\s+(?:was|were))?\s+$", re.I)
# words before a trigger that, with 的 after it, make the trigger describe a thing's state (实现量产的企业)
_STATE_OF = re.compile(r"(?:实现|已经|已|建成|正式)\s*$")
_MEETING_WORDS = (r"推进会|座谈会|峰会|大会|论坛|研讨会|对接会|交流会|洽谈会|博览会|年会|发布会|签约会|推介会|招商会|恳谈会|专题会"
                  r"|现场会|调度会|会议")
_MEETING_SUFFIX = re.compile(rf"(?:{_MEETING_WORDS})(?:暨[^，。；：、,\s]{{2,40}}?(?:{_MEETING_WORDS}))?")
_NAME_LEFT_STOPS = re.compile(r"[\s，。；：、,;:“”\"《》()（）]|的|在|从|记者|举行|召开|举办|出席|参加|主持|同志|开幕|闭幕")


# an English meeting's name: capitalised words ending in a meeting word (the 4th Nanjing Jiangbei New Area
# Integrated Circuit Design Innovation Conference)
_EN_MEETING_NAME = re.compile(r"\b((?:(?:19|20)\d\d\s+|\d{1,2}(?:st|nd|rd|th)\s+)?(?:[A-Z][\w'’&()-]*\s+(?:and\s+|of\s+|on\s+)?)"
                              r"{1,12}(?:Conference|Forum|Summit|Symposium|Expo|Exposition|Fair|Congress|Convention))\b")


def _meeting_name(clause: str) -> str | None:
    """The name of a meeting in a clause (2023成渝集成电路产业峰会), or None for a bare 会议/座谈会."""
    en = _EN_MEETING_NAME.search(clause)
    if en is not None and len(en.group(1).split()) >= 3:
        return en.group(1)
    for m in _MEETING_SUFFIX.finditer(clause):
        left = 0
        for stop in _NAME_LEFT_STOPS.finditer(clause, max(0, m.start() - 60), m.start()):
            left = stop.end()
        name = clause[left:m.end()]
        if len(name) - len(m.group(0).split("暨")[0]) >= 3:
            return name
    return None


def _in_meeting_name(clause: str, at: int) -> bool:
    """Whether ``clause[at]`` lies inside a meeting's name: a meeting word follows it in the same phrase, quotes
    allowed between (委员视察“…建设情况”专题会)."""
    m = _MEETING_SUFFIX.search(clause, at)
    return m is not None and not re.search(r"[，。；,;：:]", clause[at:m.start()]) and m.start() - at <= 40


def _merge_into_last_meeting(events: list[Event], ev: Event) -> bool:
    """An unnamed mention of a meeting (参加会议) after a meeting already found is that meeting again."""
    last = next((e for e in reversed(events) if e.type == "meeting"), None)
    if last is None:
        return False
    have = {p["name"] for p in last.participants}
    last.participants += [p for p in ev.participants if p["name"] not in have]
    return True


# Roles of organisations after the trigger, where the type's roles are not symmetric: the one before the trigger
# invests, acquires, wins; the one after is invested in, acquired, awarded.
ROLE_AFTER = {"investment": "investee", "acquisition": "target", "bid_won": "project", "award": "awardee",
              "financing": "investor", "official_visit": "visited", "organization_founded": "organization"}
ROLE_BEFORE = {"award": "awarder", "financing": "financed", "organization_founded": "founder"}


def _role(etype: str, default: str, org: Mention, trigger_at: int) -> str:
    if org.start >= trigger_at:
        return ROLE_AFTER.get(etype, default)
    if etype == "organization_founded":
        return default  # 某公司揭牌成立: the organisation named before the trigger is the one founded
    return ROLE_BEFORE.get(etype, default)


def _settle_time(ev: Event, state: str, published: str | None) -> None:
    """A planned event has no date (its date becomes ``expected_date``); a date after the publish date is not when
    something happened."""
    ev.status = state
    if state == "planned":
        ev.expected_date, ev.date, ev.date_precision = ev.date, None, None
    elif ev.date and published and ev.date > published[:len(ev.date)]:
        ev.date, ev.date_precision = None, None


def _blocked(etype: str, seen: set[str]) -> bool:
    # A signing is not also a bare meeting; a project signing is not also an agreement, and so on.
    if etype == "meeting" and seen & {"agreement_signed", "project_signed", "organization_founded", "award",
                                      "policy_released", "production_milestone", "acquisition", "financing",
                                      "official_visit"}:
        return True
    if etype == "agreement_signed" and "project_signed" in seen:
        return True
    if etype == "organization_founded" and "investment" in seen:
        return True
    return False


def _inside(m: Mention, cl: Clause) -> bool:
    return cl.start <= m.start and m.end <= cl.end


def _build(etype: str, role: str, cl: Clause, trig: re.Match[str], mentions: list[Mention],
           doc_date: tuple[str | None, str | None], doc_place: str | None, protagonist: str | None,
           index: RegionIndex | None, text: str, published: str | None = None) -> Event | None:
    inside = [m for m in mentions if _inside(m, cl)]
    orgs = [m for m in inside if m.label not in NON_ORG_LABELS]
    people = [m for m in inside if m.label == "person" and not _media_only(m)]
    # a region inside a company's name (苏州工业园区…有限公司) is not where it happened; inside a park's or a base's
    # name (厦门海沧半导体产业基地) it is
    places = [m for m in inside if m.label in ("region", "address")
              and not any(o.start <= m.start and m.end <= o.end for o in orgs if o.label not in _PLACE_LIKE)]
    ev = Event(type=etype, trigger=(cl.start + trig.start(), cl.start + trig.end()), evidence=(cl.start, cl.end))
    names: list[dict[str, str]] = []
    for p in people:
        names.append({"name": p.attrs.get("canonical", p.surface),
                      "role": VISITOR_ROLE if etype == "official_visit" else person_role(cl.text, "participant")})
    names += _org_roles(etype, role, cl, trig, orgs, text)
    names += _zone_signers(places, text, cl.start + trig.start()) if etype in _SIGNINGS else []
    if etype == "award" and orgs and all(n.get("role") == "awarder" for n in names if n["name"] not in
                                         {p.attrs.get("canonical", p.surface) for p in people}):
        # 近期荣获经济部颁发的奖: the awardee is the firm the sentence goes on about
        prev = _last_org([m for m in mentions if m not in orgs], cl.start)
        if prev is not None and prev.label == "company":
            names.append(as_written(prev, "awardee"))
    if not orgs and (etype in _PARTY_TYPES or etype == "agreement_signed" and _THE_FIRM.search(cl.text)):
        # "allowing the firm to invest …", 该公司投资…: the organisation the page spoke of last; a clause that goes on
        # from its sentence's subject (某公司为…制造商，…，投入逾3亿元…): that subject
        prev = (_paragraph_firm(mentions, cl) or _last_org(mentions, cl.start)) if _THE_FIRM.search(cl.text) \
            else _last_company(mentions, cl.start) if etype in _SITE_STEPS and _THE_SITE.search(cl.text) \
            else _subject(mentions, text, cl)
        if prev is not None:
            names.append(as_written(prev, role))
    if etype == "official_visit":
        if not people and protagonist:
            names.insert(0, {"name": protagonist, "role": VISITOR_ROLE})
        if not orgs:
            prev = _previous_org(mentions, cl)
            if prev is not None:
                names.append(as_written(prev, "visited"))
        if len(names) < 2 or all(n["role"] == VISITOR_ROLE for n in names):
            return None  # a visit needs someone who visits and something visited
    if etype == "meeting":
        if not people:
            para_people = [m for m in mentions if m.label == "person" and cl.paragraph[0] <= m.start < cl.paragraph[1]
                           and not _media_only(m)]
            names += [{"name": p.attrs.get("canonical", p.surface), "role": "participant"} for p in para_people[:3]]
        ev.name = _meeting_name(cl.text)
    if etype == "agreement_signed":
        an = AGREEMENT_NAME.search(cl.text, trig.start())
        if an:
            ev.name = an.group(1) or an.group(2)
    ev.participants = _unique(names)
    # the most precise date of the clause; a bare year yields to the lede's fuller date in that year
    dates = _of_its_part(event_dates(_own_dates(inside, text, ev.trigger[0]), text, published), text, cl, ev.trigger[0])
    if dates and not (len(str(dates[0].attrs["value"])) == 4 and doc_date[0]
                      and str(doc_date[0]).startswith(str(dates[0].attrs["value"])) and len(str(doc_date[0])) > 4):
        ev.date, ev.date_precision = str(dates[0].attrs["value"]), dates[0].attrs.get("unit")
    elif dates:
        ev.date, ev.date_precision = doc_date
    elif ev.name and re.match(r"(?:19|20)\d\d", ev.name) and not doc_date[0]:
        ev.date, ev.date_precision = ev.name[:4], "year"
    else:
        ev.date, ev.date_precision = doc_date
    ev.date_stated = bool(dates)
    name_at = cl.text.find(ev.name) if ev.name else -1
    name_span = (cl.start + name_at, cl.start + name_at + len(ev.name or "")) if name_at >= 0 else None
    ev.place = _clause_place(places, text, index, name_span, cl.text)
    ev.place = (etype in _SIGNINGS and _signer_government_place(ev.place, inside, orgs, text, index)) or ev.place
    ev.place_stated = ev.place is not None or (doc_place is not None and _HOME.search(cl.text) is not None)
    ev.place = ev.place or doc_place
    money = _event_sums(inside, text, cl)
    if money:
        ev.amount = amount_of(money[0])
    if etype == "investment" and not money and not orgs:
        return None
    if etype == "investment" and not orgs and _counted_investors(inside, ev.trigger[0]):
        return None  # 286家台商投资约1兆1,729亿元, 增补项目135个，总投资3675亿元: a statistic of many, not one act
    if not orgs and _CUMULATIVE.search(text, sentence_start_at(text, ev.trigger[0]), ev.trigger[0]) \
            and _counted(inside, ev.trigger[0] - 12, len(text)):
        return None  # 自…以来，共开工项目23个; 今年以来累计签约项目56个: a running total, not one happening
    return ev


_SIGNINGS = ("project_signed", "agreement_signed")


#: a span of time told from its start (从8月26日签约到…开工): the start's date is not the end's
_SPAN_FROM = re.compile(r"从[^，。；,;从]{0,6}$")
_SPAN_TO = re.compile(r"(?<![达解截甚直受遇看想得])(?:到|至)")


def _own_dates(inside: list[Mention], text: str, trigger_at: int) -> list[Mention]:
    """The clause's dates that may date the act at ``trigger_at``: not the start of a span it closes."""
    return [m for m in inside if m.label == "date" and m.attrs.get("value") and not _span_start(m, text, trigger_at)]


_PART_EDGE = re.compile(r"[，,、；;]|\band\b")


def _of_its_part(dates: list[Mention], text: str, cl: Clause, trigger_at: int) -> list[Mention]:
    """A sentence that tells several acts, each with its date in its own part (The contract was signed in March 2016,
    the company was registered in May 2016, and construction began in July 2016): the dates of the act's own part
    come first; a sentence that dates all its parts at once keeps its order."""
    # (March 3, 2016: no part ends inside a date)
    edges = [m for m in _PART_EDGE.finditer(text, cl.start, cl.end)
             if not any(d.start < m.start() < d.end for d in dates)]
    before = [m.end() for m in edges if m.end() <= trigger_at]
    start = before[-1] if before else cl.start
    end = next((m.start() for m in edges if m.start() >= trigger_at), cl.end)
    best = len(str(dates[0].attrs["value"])) if dates else 0
    # (as precise as the clause's most precise date: 2019年10月29日，…2018年签约的项目投产 stays the day's)
    own = [m for m in dates if start <= m.start and m.end <= end and len(str(m.attrs["value"])) >= best]
    if not own or len(own) == len(dates) or not before:
        return dates
    return own + [m for m in dates if m not in own]


def _span_start(date: Mention, text: str, trigger_at: int) -> bool:
    """Whether ``date`` opens a span (从 DATE … 到) that the act at ``trigger_at`` closes."""
    return date.end <= trigger_at and _SPAN_FROM.search(text, max(0, date.start - 7), date.start) is not None \
        and _SPAN_TO.search(text, date.end, trigger_at) is not None


def _signer_government_place(place: str | None, inside: list[Mention], orgs: list[Mention], text: str,
                             index: RegionIndex | None) -> str | None:
    """A signing with a local government (与日本熊本县菊阳町政府签署, 与南京市人民政府签约) is where that government
    governs, when the clause names only a country, a group or a province: the most specific place its name opens
    with, as written (where the clause names no place, the page's own place stays, as a local page has it)."""
    wide = [r for r in index.lookup(place or "") if r.level in ("country", "group", "province")] if index else []
    if index is None or not wide:
        return None
    for o in orgs:
        if o.label != "government":
            continue
        inner = [m for m in inside if m.label == "region" and o.start <= m.start and m.end <= o.end]
        regions = [r for m in inner if (r := index.get(str(m.attrs.get("code")))) is not None]
        above = {a.code for a in index.ancestors(regions[-1])} if regions else set()
        # in a country or a group anywhere; in a province (上海, 江苏) only where the government lies inside it
        if regions and regions[-1].level not in ("country", "group") and regions[-1].name != place and any(
                w.level in ("country", "group") or w.code in above for w in wide):
            return named_place(inner[-1], text, index)
    return None


def _zone_signers(places: list[Mention], text: str, trigger_at: int) -> list[dict[str, str]]:
    """A zone the sentence says signs (宁乡高新区与…签约, 与苏州工业园区签署…): a signer (RULES: a park signs only when
    the sentence says so); a zone after 在 or 于 is where the signing is."""
    out = [{"name": str(p.attrs.get("name") or p.surface), "role": "signer"} for p in places
           if p.label == "region" and p.attrs.get("level") == "zone" and p.end <= trigger_at
           and (text[p.end:p.end + 1] in ("与", "和", "同") or text[p.start - 1:p.start] in ("与", "同"))
           and text[p.start - 1:p.start] not in ("在", "于")]
    # English: signed … with the Xi'an hi-tech development zone (the zone as the page writes it)
    out += [{"name": p.surface, "role": "signer", "canonical": str(p.attrs.get("name") or p.surface)} for p in places
            if p.label == "region" and p.attrs.get("level") == "zone" and p.start > trigger_at
            and _WITH_BEFORE.search(text, max(0, p.start - 12), p.start) and p.surface.isascii()]
    return out


_WITH_BEFORE = re.compile(r"\bwith\s+(?:the\s+)?$", re.I)


#: a running total (自攻坚行动开展以来, 今年以来, 累计, 截至目前)
_CUMULATIVE = re.compile(r"累计|共计|总计|(?<![一公])共(?=[\u4e00-\u9fff]{0,2}$)|自.{1,24}以来|今年以来|年初以来|截至|截止")


def _counted(inside: list[Mention], start: int, end: int) -> bool:
    """Whether the clause counts projects or firms (two or more) between ``start`` and ``end``."""
    return any(m.label == "count" and start <= m.start < end and m.attrs.get("unit") in ("家", "个", "项")
               and float(m.attrs.get("value") or 0) >= 2 for m in inside)


def _counted_investors(inside: list[Mention], trigger_at: int) -> bool:
    """Whether a count of firms or projects stands before the act in its clause (many investors, no one named)."""
    return any(m.label == "count" and m.end <= trigger_at and m.attrs.get("unit") in ("家", "个", "项")
               and float(m.attrs.get("value") or 0) >= 2 for m in inside)


#: the page's own city or district, as a local paper writes it (我市举行了…奠基仪式): a place the clause states
_HOME = re.compile(r"(?:我|本)(?:市|区|县)(?![场民])")

#: what ends a sentence in a page's text (an English full stop is read by :data:`EN_SENTENCE`)
SENTENCE_ENDS = "。！？!?\n"


#: what a full stop closes without ending the sentence: a short form (Co., Jan., U.S.) or an initial
_SHORT_FORM = re.compile(rf"(?:\b(?:{_SHORT_FORMS})|(?<![A-Za-z])[A-Z])$")


_SENTENCE_REACH = 1500


def sentence_start_at(text: str, at: int) -> int:
    """Where the sentence holding ``text[at]`` starts (in English too: after a full stop and a space that close a
    sentence, as :data:`EN_SENTENCE` splits them)."""
    start = max(text.rfind(c, 0, at) for c in SENTENCE_ENDS) + 1
    j, floor = at, max(start, at - _SENTENCE_REACH)  # (a bounded look back: no sentence is longer)
    while True:
        k = text.rfind(". ", floor, j)
        if k < 0:
            return start
        if not _SHORT_FORM.search(text, max(start, k - 5), k):
            return k + 2
        j = k


def sentences_between(text: str, a: int, b: int) -> int:
    """How many sentences end between ``a`` and ``b``."""
    return sum(text[a:b].count(c) for c in "。！？!?")


def amount_of(money: Mention) -> dict[str, Any]:
    """An event's ``amount`` from a money mention: its value in its stated currency."""
    return {"value": money.attrs["value"], "currency": money.attrs["unit"]}


def as_written(org: Mention, role: str) -> dict[str, str]:
    """A participating organisation named as the page writes it, with the registry's full name beside it when that
    differs (长电科技 → 江苏长电科技股份有限公司): the name links the fact to its sentence, the full name to its entity
    (:func:`icatlas.model.party_key`)."""
    full = str(org.attrs.get("canonical") or org.surface)
    return {"name": org.surface, "role": role, **({"canonical": full} if full != org.surface else {})}


# a price per share or per unit is not the happening's sum
#: a sum that is a price per share, or the bar of a class of projects (10亿元以上项目6个): never one happening's amount
PER_UNIT = re.compile(r"\s*(?:per|a|each)\s+(?:share|unit)|\s*/\s*股|\s*每股"
                      r"|(?:及|或)?(?:以上|以下)的?(?:重大|重点|产业|工业|制造业)?(?:项目|企业|工程)"
                      r"|的?(?:年)?(?:产值|营收|营业额|销售额|销售收入|税收|利税|出口额)", re.I)
#: a price per share written before the sum (以每股新台币22元收购): not what the deal is worth
_PER_SHARE_BEFORE = re.compile(r"每(?:股|单位)(?:价格|作价)?(?:为|约|以)?(?:新台币|人民币|港币|港元|美元)?$"
                               r"|\bper[- ]share (?:price )?of\s*$", re.I)
#: a sum said to be output, sales or revenue (年产值超100亿元, revenue of): a figure, never an event's amount
_OUTPUT_BEFORE = re.compile(r"(?:产值|营收|营业额|销售额|销售收入|税收|revenue|sales|output)[^，。；,;\d]{0,6}$", re.I)
#: the capital a firm reaches (doubled its registered capital to over 105 billion yuan, 注册资本增至105亿元): its size
#: after the deal, never the sum put in
_CAPITAL_REACHED = re.compile(r"(?:capital|注册资本|註冊資本)[^，。；,;\d]{0,24}?(?:\bto|增至|增加至|增加到|增长至|达到|升至|提高至|提高到)"
                              r"\s*(?:over|more than|nearly|about|around|约|超过?|逾|近)?\s*(?:RMB|CNY|US\$|\$)?\s*$", re.I)
# a company referred to rather than named
_THE_FIRM = re.compile(r"\b(?:the|this) (?:firm|company|chipmaker|chip maker|foundry|group|manufacturer|maker)\b"
                       r"|该公司|该企业|该集团|这家公司|这家企业"
                       r"|(?<![\u4e00-\u9fff])公司(?=将|拟|计划|已|于|在|投资|宣布|再度|再次|也|还|同时|此次|近日|日前|目前|并|亦)",
                       re.I)
# what introduces another name for the organisation just named
_ALIAS_BEFORE = re.compile(r"(?:\b(?:called|known as|dubbed|nicknamed|or)\s+(?:the\s+)?|简称|以下简称|下称)[“\"「]?\s*$", re.I)
# "an investment from X", "investment by X": X invests
_FROM = re.compile(r"\b(?:from|by)\s+(?:the\s+)?$", re.I)
# the award triggers that receive (the subject before them is the awardee)
_RECEIVES = re.compile(r"荣获|获评|获颁|入选|被评为|获得", re.I)
# 经济部颁发的: an organisation that gives the award
_BESTOWS = re.compile(r"\s*(?:颁发|授予|颁授|颁给|评选|认定|公布|发布|公示)")
#: a site named as where something is (在无锡高新区, 落户海沧, in the Chengdu Hi-tech Zone), and a stock exchange: the
#: venue of a listing, never a party of it
_SITE_BEFORE = re.compile(r"(?:在|于|落户|落地|位于|入驻|选址)$|\b(?:in|at|into)\s+(?:the\s+)?$", re.I)
_PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are|be|get|got)\s+(?:\w+\s+)?$", re.I)
_LEARNT = re.compile(r"[^，。；,;\n]{0,8}?(?:获悉|了解到|获知|得知)")
_EXCHANGE = re.compile(r"交易所$|Stock Exchange$|\bExchange$|Nasdaq|NYSE", re.I)
_PARTY_TYPES = ("investment", "production_milestone", "project_signed", "financing", "acquisition", "organization_founded")


def _event_sums(inside: list[Mention], text: str, cl: Clause) -> list[Mention]:
    """The sums of a clause that can be its event's amount: not a price per share or unit, not an output value."""
    return [m for m in inside if m.label == "money" and not PER_UNIT.match(text, m.end)
            and not _PER_SHARE_BEFORE.search(text, max(cl.start, m.start - 8), m.start)
            and not _OUTPUT_BEFORE.search(text, max(cl.start, m.start - 12), m.start)
            and not _CAPITAL_REACHED.search(text, max(cl.start, m.start - 40), m.start)]


def _subject(mentions: list[Mention], text: str, cl: Clause) -> Mention | None:
    """The organisation that opens the clause's sentence (its subject), when the clause is a later part of it."""
    start = sentence_start_at(text, cl.start)
    if start >= cl.start:
        return None
    first = next((m for m in mentions if start <= m.start < cl.start and m.label not in NON_ORG_LABELS), None)
    return first if first is not None and first.start - start <= 2 and first.label not in _PLACE_LIKE else None


def _org_roles(etype: str, role: str, cl: Clause, trig: re.Match[str], orgs: list[Mention],
               text: str) -> list[dict[str, str]]:
    """Each organisation of the clause with the part the sentence gives it."""
    names: list[dict[str, str]] = []
    trigger_at = cl.start + trig.start()
    attending = person_role(cl.text, "")
    for o in orgs:
        if _ALIAS_BEFORE.search(text, max(cl.start, o.start - 24), o.start):
            continue  # "…, commonly called the Big Fund", （以下简称“大基金”）: the one named before, again
        if o.label in _PLACE_LIKE and _SITE_BEFORE.search(text, max(cl.start, o.start - 12), o.start) \
                or _EXCHANGE.search(o.surface):
            continue  # 在无锡高新区共建, 在上海证券交易所上市: where it happens, not who takes part
        if text.endswith("从", 0, o.start) and _LEARNT.match(text, o.end):
            continue  # 记者从市发改委获悉: whom the reporter asked, not a party (its place may be the event's)
        if _SOURCE_BEFORE.search(text, max(cl.start, o.start - 40), o.start):
            continue  # according to Sinovation Ventures, 据某公司介绍: who tells it, not a party
        r = _role(etype, role, o, trigger_at)
        if etype in ROLE_AFTER and o.start < trigger_at:
            before = cl.text[max(0, o.start - cl.start - 2):o.start - cl.start]
            after = cl.text[o.end - cl.start:trigger_at - cl.start]
            if before.endswith(("向", "对", "认购")):
                r = ROLE_AFTER[etype]  # 向长江存储增资, 认购世界先进现金增资: the one given to
            elif etype == "investment" and re.match(r"\s*(?:获得|获|完成|迎来)", after):
                r = ROLE_AFTER[etype]  # 长江存储获得大基金投资: the one receiving
            elif etype == "investment" and re.search(r"(?:获得|获|接受)[^，。；]*$", cl.text[:o.start - cl.start]):
                r = role  # 获得 X 投资: X invests
        if etype == "investment" and o.start > trigger_at and _FROM.search(text, max(cl.start, o.start - 12), o.start):
            r = role  # an investment from X: X invests
        if etype == "financing" and _LEADS.match(trig.group(0)):
            # X led the round for Y: X invests, Y is financed
            r = "financed" if o.start > trigger_at and _FOR_BEFORE.search(text, max(cl.start, o.start - 8), o.start) \
                else "investor"
        if etype == "acquisition" and _PASSIVE.search(text, max(cl.start, trigger_at - 12), trigger_at):
            r = "acquirer" if o.start > trigger_at else "target"  # X was acquired by Y: Y buys X
        elif etype == "acquisition" and "被" in text[max(cl.start, o.start - 12):trigger_at]:
            # X被Y收购: whoever stands between 被 and the act buys, whoever stands before 被 is bought
            r = "acquirer" if "被" in text[max(cl.start, o.start - 3):o.start] else "target"
        if etype == "award" and _BESTOWS.match(text, o.end):
            r = "awarder"  # 荣获经济部颁发的…奖: the one who gives it
        elif etype == "award" and o.start < trigger_at and _RECEIVES.match(trig.group(0)):
            r = "awardee"  # 某公司荣获…奖, 入选, 被评为: the one named before receives it
        if attending and (_POST_AFTER.match(text, o.end) or _head_of(o, text)):
            r = attending  # 美国高通公司总裁…参加了动土典礼: the firm of someone who attends
        elif etype == "official_visit" and o.start < trigger_at and _POST_AFTER.match(text, o.end):
            r = VISITOR_ROLE  # 国科会主委吴诚文…视察: the visitor's own body, not a place visited
        if etype in ("investment", "acquisition", "project_signed") and o.start < trigger_at \
                and _APPROVES.search(text, o.end, trigger_at):
            r = "approver"  # 经济部投资审议会今日核准美光增资: who approves an investment does not make it
        names.append(as_written(o, r))
    return names


_LEADS = re.compile(r"(?:led|co-led|leads|co-leads)\b", re.I)
_FOR_BEFORE = re.compile(r"\b(?:for|of|in|into)\s+(?:the\s+)?$", re.I)
#: who tells what the sentence says: according to X (a statement from X), 据X介绍
_SOURCE_BEFORE = re.compile(r"\baccording to\s+(?:(?:a|the)\s+(?:\w+\s+){0,2}(?:from|by|of)\s+)?(?:the\s+)?$"
                            # according to Zhu Ming, deputy director of the X: the source's own body
                            r"|\baccording to\s+[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,3},\s+[^.;,]{0,60}\bof\s+(?:the\s+)?$"
                            r"|(?<![\u3400-\u9fff])据$", re.I)
#: a regulator's approval between an organisation and the act (核准, 批准, 审议通过): the organisation approves
_APPROVES = re.compile(r"核准|批准|审议通过|审查通过|审核通过|\bapprov(?:ed|es)\b", re.I)
#: a post right after an organisation's name (高通公司总裁, 联电董事长): the organisation is that person's
_POST_AFTER = re.compile("|".join(re.escape(p) for p in POSTS))


def _head_of(o: Mention, text: str) -> bool:
    """行政院长, 经济部长: the head of the body named, written onto its name (the body does not take part)."""
    return o.surface[-1:] in "院部局署厅处" and text.startswith("长", o.end)


DOMESTIC = ("国内", "境内", "内地", "大陆", "中国大陆", "全国", "mainland", "Mainland China", "mainland China")


def too_wide(m: Mention, index: RegionIndex | None, text: str = "") -> bool:
    """A place mention that names no site: the country as "domestic" (国内, 中国大陆, 全国), as an owner (China's
    state-supported fund) or a compass area (华南地区); the country by its name (中国, China) is kept, a national
    body's place."""
    if m.surface in DOMESTIC:
        return True
    r0 = index.get(str(m.attrs.get("code"))) if index is not None else None
    if r0 is not None and r0.code in ("G-CN", "G-ML") and text.startswith(("'s", "’s"), m.end):
        return True
    r = index.get(str(m.attrs.get("code"))) if index is not None else None
    return r is not None and r.level == "group" and r.name.endswith("地区")


def _paragraph_firm(mentions: list[Mention], cl: Clause) -> Mention | None:
    """The company that opens the clause's paragraph (耀颖光电为…制造商。…公司再度申请…), which 公司 stands for."""
    first = next((m for m in mentions if cl.paragraph[0] <= m.start < cl.start and m.label not in NON_ORG_LABELS), None)
    return first if first is not None and first.label == "company" and first.start - cl.paragraph[0] <= 2 else None


#: a clause told of "the project" or its site (The project … began construction; 该基地…投产)
_THE_SITE = re.compile(r"\b(?:the|this) (?:project|plant|fab|facility|factory)\b|该项目|此项目|本项目|该基地|该工厂|该厂", re.I)
_SITE_STEPS = ("production_milestone", "investment")
#: how far back the firm of "the project" is looked for
_SITE_REACH = 500


def _last_company(mentions: list[Mention], before: int) -> Mention | None:
    """The company named last before ``before`` (within :data:`_SITE_REACH` characters): the firm of the project."""
    prev = [m for m in mentions if m.label == "company" and m.end <= before and before - m.end <= _SITE_REACH]
    return prev[-1] if prev else None


def _last_org(mentions: list[Mention], before: int) -> Mention | None:
    prev = [m for m in mentions if m.label not in NON_ORG_LABELS and m.label not in _PLACE_LIKE and m.end <= before]
    return prev[-1] if prev else None


def _media_only(m: Mention) -> bool:
    """A reporter or editor named in a byline is not a participant."""
    posts = m.attrs.get("all_positions") or []
    return bool(posts) and all(p.endswith(("记者", "通讯员", "编辑", "主编", "摄影")) for p in posts)


def _previous_org(mentions: list[Mention], cl: Clause) -> Mention | None:
    prev = [m for m in mentions if m.label not in NON_ORG_LABELS
            and cl.paragraph[0] <= m.start < cl.start]
    return prev[-1] if prev else None


def _unique(items: list[dict[str, str]]) -> list[dict[str, str]]:
    seen: set[str] = set()
    out = []
    for it in items:
        if it["name"] not in seen:
            seen.add(it["name"])
            out.append(it)
    return out
