"""The collaboration layer of a document: alliances and their units, shared research resources, talent, policies,
targets and the figures they can be measured against. Rules over the mentions, events, figures and relations the
other extractors found; cheap (precompiled patterns, one pass per sentence), no model calls.

Each record (:class:`~icatlas.model.CollabRecord`) names its kind, subject, region, date and evidence sentence:

- ``alliance``: an alliance or association named on the page (联盟, 协会, Alliance ...), its founding date and place
  when an ``organization_founded`` event names it; ``attrs``: type, founded, member_count, initiators.
- ``member``: a unit's seat in an alliance (理事长单位, 副理事长单位, 秘书长单位, 理事单位, 成员单位, "director unit"),
  bound to the nearest cue of its clause; ``attrs``: alliance, role (as written), rank, first (首届/首批/first).
- ``resource``: a shared research resource (国家重点实验室, 重点实验室, 工程研究中心, 中试线, 公共测试/设计/服务平台,
  芯火双创基地, 创新中心, and the items of a list ending 等一批创新平台) with its kind, host (依托…建设, 由…承建/牵头,
  X的…实验室, a host named at the head of its name) and segments.
- ``talent``: people figures (人才, 技术人员, 从业人员, 工程师 … with a people unit), training programmes (培训),
  competitions (大赛, 竞赛) and talent awards (表彰…人才, 人才奖); ``attrs``: talent_kind, name, value, unit,
  qualifier, planned.
- ``policy``: a policy release (发布/印发/出台 《title》, and the ``policy_released`` events): issuer, title, measures
  (lexicon ``MEASURES``), segments (chain terms of the policy's own clauses) and amounts.
- ``target``: a stated target (a figure with qualifier ``target``, and amounts in target clauses), with the year
  it is for (到2025年); ``figure``: a figure that is not a target (counts, shares, and amounts of output, revenue,
  capacity or investment), with the year it describes, to measure targets against.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..model import NON_ORG_LABELS, QUANTITY_LABELS, CollabRecord, Entity, Event, Figure, Mention
from ..reference.regions import RegionIndex
from ..resolve.entities import is_abbreviation
from .events import PLANNED, TRIGGERS, clauses
from .segments import find_terms

VERSION = "collab.rules.v2"

# -- alliances and their units ---------------------------------------------------------------------------------
ALLIANCE_WORDS = re.compile(r"联盟|协会|商会|联合会|促进会|共同体|Alliance|Association|League|Consortium|Federation",
                            re.I)
_UNION = re.compile(r"联盟|Alliance|League|Consortium", re.I)
_BOGUS_EN = re.compile(r"^(?:the\s+)?(?:first|founding|inaugural|new|this|that)\s+(?:alliance|association|league)$", re.I)
# (regex, rank): the seats of an alliance's governing body, most specific first
_RANKS: list[tuple[str, str]] = [
    (r"常务副理事长|副理事长|副会长|副主席|执行理事长", "vice_director"),
    (r"理事长|会长|主席", "director"),
    (r"副秘书长|秘书长", "secretary_general"),
    (r"常务理事", "executive_council"),
    (r"监事长|监事", "supervisor"),
    (r"理事", "council"),
    (r"发起", "founder"),
    (r"成员|会员", "member"),
]
CUE = re.compile(
    r"(?P<first>首届|首批|第一届|首任)?(?:联盟|协会)?(?P<seat>常务副理事长|副理事长|执行理事长|理事长|副会长|会长|副主席|主席|"
    r"副秘书长|秘书长|常务理事|监事长|监事|理事|发起|成员|会员)单位"
    r"|(?P<first2>首批|第一批)(?P<seat2>成员|会员)"
    r"|\b(?P<first3>first|founding|inaugural)?\s*(?:(?:alliance|association)\s+)?(?P<seat3>(?:executive\s+)?vice[- ]?"
    r"(?:director|chairman|chair|president)|director|chairman|chair|president|secretary[- ]general|council|member|"
    r"founding member)s?\s+units?\b"
    r"|\b(?P<first4>founding)\s+(?P<seat4>members?)\b", re.I)
_EN_RANKS = [(r"vice", "vice_director"), (r"director|chair|president", "director"), (r"secretary", "secretary_general"),
             (r"council", "council"), (r"founding", "founder"), (r"member", "member")]
_AFTER_CUE = re.compile(r"\s*(?:为|是|：|:|有|包括|分别为|分别是|则为|依次为|由|are|is|were|include|includes|including|went to)",
                        re.I)
_NOT_MEMBER = re.compile(r"指导单位|主管单位|主办单位|承办单位|支持单位|协办单位|guided by|under the guidance", re.I)
_RESPECTIVELY = re.compile(r"分别|respectively", re.I)
_CN_CLAUSE = re.compile(r"[，,；;：:]")
_EN_CLAUSE = re.compile(r"[;:]")
_DOMAINS = {
    "ic": re.compile(r"集成电路|半导体|芯片|微电子|晶圆|封装|光刻|integrated circuit|semiconductor|chip|microelectronic|"
                     r"\bIC\b|wafer", re.I),
    "auto": re.compile(r"汽车|整车|新能源车|automobile|automotive|vehicle|\bauto\b|\bcars?\b", re.I),
    "bio": re.compile(r"医药|生物|药|医疗|pharmac|biomedic|biolog|medic|drug", re.I),
    "ai": re.compile(r"人工智能|智能|artificial intelligence|intelligen|\bAI\b", re.I),
    "energy": re.compile(r"光伏|储能|新能源|电池|photovolt|solar|battery|energy storage", re.I),
}


@dataclass
class Cue:
    start: int
    end: int
    written: str
    rank: str
    first: bool


def find_cues(text: str, start: int, end: int) -> list[Cue]:
    """The seat words (理事长单位, 首批成员, "director unit") in ``text[start:end]``."""
    out = []
    for m in CUE.finditer(text, start, end):
        seat = m.group("seat") or m.group("seat2")
        first = bool(m.group("first") or m.group("first2") or m.group("first3") or m.group("first4"))
        if seat:
            rank = next(r for pat, r in _RANKS if re.search(pat, seat))
        else:
            en = (m.group("seat3") or m.group("seat4") or "").lower()
            rank = "founder" if m.group("first4") else next(r for pat, r in _EN_RANKS if re.search(pat, en))
        out.append(Cue(m.start(), m.end(), m.group(0).strip(), rank, first))
    return out


def is_alliance(m: Mention) -> bool:
    return m.label in ("association", "organization") and bool(ALLIANCE_WORDS.search(m.surface)) \
        and not _BOGUS_EN.match(m.surface.strip())


def _domains(name: str, known_ic: bool = False) -> set[str]:
    out = {d for d, rx in _DOMAINS.items() if rx.search(name)}
    if known_ic:
        out.add("ic")
    return out


def bind_members(text: str, s_start: int, s_end: int, orgs: list[Mention], earlier: list[Mention]
                 ) -> list[tuple[Mention, Mention, Cue]]:
    """(member, alliance, seat) for the units a sentence gives seats in an alliance. A unit takes the first seat word
    after it in its own clause (A、B为副理事长单位), else the seat word before it that introduces a list
    (理事长单位为A); the alliance is the one named in the sentence (several: the one of the unit's field, or in order
    after 分别), else the last one named before the sentence (``earlier``)."""
    cues = find_cues(text, s_start, s_end)
    if not cues:
        return []
    english = sum(c.isascii() for c in text[s_start:s_end]) > 0.8 * max(1, s_end - s_start)
    splitter = _EN_CLAUSE if english else _CN_CLAUSE
    cands = [m for m in orgs if not any(c.start < m.end and m.start < c.end for c in cues)]
    seps = [s_start, *(x.end() for x in splitter.finditer(text, s_start, s_end)), s_end + 1]
    # an association given a seat itself (合肥市半导体行业协会为秘书长单位) is a unit here, not the alliance
    alliances = [m for m in cands if is_alliance(m) and not _seated(text, m, cues, cands, seps)]
    unions = [m for m in alliances if _UNION.search(m.surface)]
    targets = unions or alliances
    if not targets:
        prev = [m for m in earlier if is_alliance(m) and s_start - m.end <= 400]
        if not prev:
            return []
        targets = [prev[-1]]
    out: list[tuple[Mention, Mention, Cue]] = []
    units = [m for m in cands if m not in targets]
    for i, m in enumerate(units):
        if _NOT_MEMBER.search(text, m.end, min(s_end, m.end + 8)):
            continue
        c0 = max(x for x in seps if x <= m.start)
        c1 = min(x for x in seps if x > m.start)
        cue = _list_cue(text, m, cues, units, c0)
        if cue is None:
            cue = next((c for c in cues if m.end <= c.start and c.end <= c1), None)
        if cue is None:
            before = [c for c in cues if c0 <= c.start and c.end <= m.start and _AFTER_CUE.match(text, c.end)]
            cue = before[-1] if before else None
        if cue is None and _INCLUDES.match(_strip(text[c0:m.start], units, c0, m.start)):
            # 首批成员单位超过80家，包括A、B: the list after a count of seats takes that seat
            before = [c for c in cues if c.end <= c0 and c0 - c.end <= 30]
            cue = before[-1] if before else None
        if cue is None:
            nxt = next((c for c in cues if c.start >= m.end), None)
            gap = text[m.end:nxt.start] if nxt else ""
            for o in units:
                if m.end <= o.start and o.end <= (nxt.start if nxt else m.end):
                    gap = gap.replace(o.surface, "")
            if nxt is not None and (english or (len(gap) <= 14 and not re.search(r"[，,]", gap))) \
                    and not re.search(r"[。；;]", gap):
                cue = nxt
        if cue is None:
            continue
        target = _pick_alliance(m, targets, units, i, text, s_start, s_end)
        if target is not None:
            out.append((m, target, cue))
    return out


_INCLUDES = re.compile(r"\s*(?:其中)?(?:包括|包含|主要有|有|如|涵盖|including|includes?)[\s、，,和及与]*", re.I)


def _seated(text: str, m: Mention, cues: list[Cue], cands: list[Mention], seps: list[int]) -> bool:
    c0 = max(x for x in seps if x <= m.start)
    c1 = min(x for x in seps if x > m.start)
    after = next((c for c in cues if m.end <= c.start and c.end <= c1), None)
    if after is not None and len(re.sub(r"[\s、，,和及与]", "", _strip(text[m.end:after.start], cands, m.end, after.start))) <= 4:
        return True
    return _list_cue(text, m, cues, cands, c0) is not None


def _strip(gap: str, ms: list[Mention], a: int, b: int) -> str:
    for o in ms:
        if a <= o.start and o.end <= b:
            gap = gap.replace(o.surface, "")
    return gap


_LIST_GAP = re.compile(r"\s*(?:为|是|：|:|有|包括|分别为|分别是|则为|依次为|由|are|is|were|include|includes|including)?"
                       r"(?:[\s、，,和及与]|and\b|as well as)*", re.I)


def _list_cue(text: str, m: Mention, cues: list[Cue], units: list[Mention], floor: int) -> Cue | None:
    """The seat word that introduces the list ``m`` stands in (理事长单位为A、B; chair unit is A): nothing but the
    list's other units, joiners and 为/是/is between them."""
    before = [c for c in cues if floor <= c.end <= m.start]
    if not before:
        return None
    c = before[-1]
    gap = text[c.end:m.start]
    for o in units:
        if c.end <= o.start and o.end <= m.start:
            gap = gap.replace(o.surface, " ")
    lead = _LIST_GAP.match(gap)
    if lead is None or lead.end() != len(gap) or not (_AFTER_CUE.match(text, c.end) or gap.strip(" 、，,") == ""):
        return None
    return c


def _pick_alliance(m: Mention, targets: list[Mention], units: list[Mention], i: int, text: str, s_start: int,
                   s_end: int) -> Mention | None:
    if len(targets) == 1:
        return targets[0]
    if _RESPECTIVELY.search(text, s_start, s_end) and len(units) == len(targets):
        return targets[i]
    mine = _domains(m.surface, bool(m.attrs.get("ref_id")))
    fits = [t for t in targets if _domains(t.surface) & mine]
    return fits[0] if len(fits) == 1 else None


# -- shared research resources ---------------------------------------------------------------------------------
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
_NAME_CHARS = re.compile(r"[\u4e00-\u9fffA-Za-z0-9“”\"「」()（）·\-]")
_LEFT_STOPS = re.compile(r"(?:建成|建有|拥有|设有|依托|建设|打造|搭建|举办|举行|开展|组织|启动|实施|开设|开办|参加|获得|荣获|组建|获批|成立|设立|启用|揭牌|落户|入选|认定为?|作为|还有|以及|"
                         r"包括|其中|已有|共有|新增|推动|支持|加快|布局|围绕|面向|聚焦|引进|培育|牵头|承建|运营|开放|"
                         r"共建|联合|携手|形成|发挥|是|为|在|于|的|了|和|与|及|等|有|将|由|对|向|把|被|并|还|也)$")
_QUANTIFIER = re.compile(r"(?:一|两|二|三|四|五|多|几|数|首|\d+)(?:条|个|座|家|所|批|处|期)")
_LIST_PLATFORMS = re.compile(r"等(?:一批|多个|[\d一二三四五六七八九十]+个|多家)?(?:国家级|省级)?(?:重大)?(?:创新|研发|公共|科研|"
                             r"服务|技术|产业|功能型)?(?:平台|载体)")
_HOST_VERBS = r"(?:牵头)?(?:建设|组建|打造|设立|承建|共建|建立|运营|牵头)"
_HOST_BEFORE = re.compile(rf"(?:{_HOST_VERBS}的|的|旗下的?|下属的?|所属的?)\s*$")
_YITUO = re.compile(r"依托|relying on|hosted by|built by|operated by|run by|led by", re.I)
_YOU = re.compile(rf"由\s*$")
_YOU_AFTER = re.compile(rf"\s*(?:等单位)?(?:牵头|负责)?(?:承建|牵头|建设|组建|运营|设立|共建|发起|打造|负责)")
_SUBJECT_VERB = re.compile(r"\s*(?:已|还|也|先后|相继|共|目前)?(?:建有|拥有|设有|建成|获批|牵头|获得|成立|组建|建设|打造|"
                           r"承建|运营|has|hosts|built|runs|operates|launched|set up)", re.I)

# -- talent ----------------------------------------------------------------------------------------------------
_TALENT_WORDS = re.compile(r"人才|技术人员|从业人员|工程师|研发人员|科研人员|专业人员|技术工人|产业工人|员工|职工|就业|毕业生|"
                           r"专家|院士|博士|硕士|学员|人次|talents?|engineers?|employees|staff|professionals|researchers|"
                           r"workers|graduates|technicians|people employed|jobs", re.I)
_PEOPLE_UNITS = {"人", "名", "位", "人次", "talent", "talents", "engineers", "engineer", "employees", "staff",
                 "professionals", "researchers", "workers", "graduates", "technicians", "people", "jobs"}
_TRAINING = re.compile(r"培训(?:班|计划|项目|课程|基地|平台|服务平台|营|活动|工程)?|实训(?:基地|平台|中心)?|研修班|训练营|"
                       r"training(?: programmes?| programs?| courses?| bases?| platforms?| camps?| sessions?)?", re.I)
_TRAINING_ACT = re.compile(r"举办|举行|开展|组织|启动|实施|搭建|建设|建立|开设|开办|推出|联合|共建|设立|完成|参加|参训|培训了|"
                           r"开班|结业|办班|提供|held|launch|organi[sz]|run|host|provid|offer|start|open|set up|complet", re.I)
_COMPETITION = re.compile(r"大赛|竞赛|挑战赛|创新赛|设计赛|技能赛|competition|contest|hackathon|challenge cup", re.I)
_AWARD = re.compile(r"表彰[^，。；]{0,24}人才|人才奖|(?:优秀|杰出|领军|青年|高层次|创新|紧缺|卓越)[^，。；]{0,8}人才[^，。；]{0,6}"
                    r"(?:称号|奖|表彰|荣誉)|(?:授予|颁发|评选出?|认定|表彰)[^，。；]{0,20}(?:人才|工程师|专家)|"
                    r"talent awards?|awards? (?:to|for)[^.;]{0,40}(?:talent|engineers|researchers)|"
                    r"(?:honou?red|recogni[sz]ed|awarded)[^.;]{0,40}(?:talent|engineers|researchers)", re.I)
_QUOTED = re.compile(r"《([^》]{2,60})》|“([^”]{2,40})”|\"([^\"]{2,40})\"")

# -- policies --------------------------------------------------------------------------------------------------
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
_BACKREF = re.compile(r"^\s*(?:《|该政策|该措施|该办法|该方案|政策|措施|办法|意见|方案|文件|新政|其中|根据|按照|对于|对|针对|"
                      r"同时|此外|另外|明确|提出|规定|the (?:policy|measures|plan|document|rules)|it\b|under)", re.I)
_OTHER_TRIGGERS = [(t, p) for t, p, _r in TRIGGERS if t not in ("policy_released", "investment", "financing",
                                                                   "organization_founded")]

# -- targets and figures ---------------------------------------------------------------------------------------
_TARGET_CUE = re.compile(r"有望|目标|力争|计划|预计|争取|将|到\d{4}年|至\d{4}年|by 20\d\d|aim|target|expected to|plan|will",
                         re.I)
_SCALE_WORDS = re.compile(r"产值|营收|营业收入|销售额|销售收入|收入|产业规模|规模|产能|投资|revenue|output|sales|capacity|"
                          r"investment|turnover", re.I)
_FOR_YEAR = re.compile(r"(?:到|至|截至|截止|力争|争取|计划|预计|by|in|until)\s*((?:19|20)\d\d)\s*年?(?:底|末|前|年底)?|"
                       r"((?:19|20)\d\d)年(?:底|末|前)", re.I)
_YEAR = re.compile(r"((?:19|20)\d\d)\s*年|\b(?:in|by)\s+((?:19|20)\d\d)\b")
_MONTHLY = re.compile(r"\s*(?:/|每)\s*月|\s*(?:per|a)\s+month", re.I)
_MONTHLY_BEFORE = re.compile(r"月产能|月产|monthly")


def _metric(unit: str | None, what: str) -> str:
    u = unit or ""
    if u in ("CNY", "USD", "EUR", "HKD", "TWD", "JPY", "KRW"):
        return "investment" if re.search(r"投资|投入|invest", what, re.I) else (
            "output" if re.search(r"产值|output", what, re.I) else "revenue")
    if u in _PEOPLE_UNITS or re.search(r"人才|people|talent", u):
        return "talent"
    if u in ("平方米", "平米", "亩", "空间", "m²", "square metres", "square meters"):
        return "space"
    if u.startswith("片"):
        return "capacity"
    if u == "percent":
        return "share"
    if u == "家":
        return "companies"
    return "other"


def _norm_unit(unit: str | None) -> str | None:
    if unit in ("空间", "平米"):
        return "平方米"
    if unit in ("名", "位"):
        return "人"
    return unit


_IC_WORDS = re.compile(r"集成电路|半导体|芯片|微电子|晶圆|封测|封装|光刻|EDA|integrated circuit|semiconductor|chip|"
                       r"microelectronic|\bICs?\b|wafer|foundry|fab\b", re.I)
# bare chain stages in a list (围绕设计、制造、封测和设备材料等环节): each names its stage
_STAGES = {"设计": ("design",), "制造": ("manufacturing",), "晶圆制造": ("manufacturing",), "封测": ("packaging_test",),
           "封装测试": ("packaging_test",), "封装": ("packaging_test",), "装备": ("equipment",), "设备": ("equipment",),
           "材料": ("materials",), "装备材料": ("equipment", "materials"), "设备材料": ("equipment", "materials"),
           "EDA": ("design_tools",)}
_STAGE_WORD = "|".join(sorted(map(re.escape, _STAGES), key=len, reverse=True))
_STAGE_LIST = re.compile(rf"(?:{_STAGE_WORD})(?:(?:、|和|及|与|到|至|，|,)(?:{_STAGE_WORD}))+")
_GENERIC_START = re.compile(r"集成|半导|芯片|微电|电子|科技|国家|中国|全国|产业|园区|公司|企业|研究|[A-Za-z]")
_SAME_DAY = re.compile(r"同日|同一天|当天|当日|会上|现场|活动中|at the same (?:event|ceremony|meeting)|on the same day|the same day",
                       re.I)
_RANK_ORDER = ("director", "vice_director", "secretary_general", "executive_council", "council", "supervisor",
               "founder", "member")


def visible(attrs: dict[str, Any], relevant: bool | None) -> bool:
    """Whether a record belongs in listings: its page is judged IC-relevant (the call in force) and the record itself
    is about ICs (``attrs['ic']``; alliances and policies of other industries named on an IC page are not)."""
    return relevant is not False and bool(attrs.get("ic", True))


def stage_terms(text: str) -> list[str]:
    """Chain nodes named in ``text``: chain terms, and bare stage words in a list of two or more (设计、制造)."""
    nodes = [node for _s, _e, node in find_terms(text)]
    for m in _STAGE_LIST.finditer(text):
        for w in re.findall(_STAGE_WORD, m.group(0)):
            nodes += _STAGES[w]
    return list(dict.fromkeys(nodes))


class _Page:
    """What the rules look up on one page: mentions by span, the entity of each, sentences, regions."""

    def __init__(self, text: str, mentions: list[Mention], entities: list[Entity], index: RegionIndex,
                 doc_date: tuple[str | None, str | None], doc_place: str | None) -> None:
        self.text, self.index = text, index
        self.doc_date, self.doc_place = doc_date[0], (None if doc_place in _NATION else doc_place)
        self.entity_of = {span: e for e in entities for span in e.mentions}
        self.by_name = {e.name: e for e in entities}
        self.orgs = [m for m in mentions if m.label not in NON_ORG_LABELS]
        self.places = [m for m in mentions if m.label == "region"]
        self.dates = [m for m in mentions if m.label == "date" and m.attrs.get("value")]
        self.sentences = clauses(text)
        self.full = self._full_names(entities)
        self.mentions = sorted(mentions + self._short_mentions(entities, mentions), key=lambda m: (m.start, m.end))
        self.orgs = [m for m in self.mentions if m.label not in NON_ORG_LABELS]

    def _full_names(self, entities: list[Entity]) -> dict[str, str]:
        """A short name of an organisation (太湖晶圆, 锡芯微电子) → the full name written elsewhere on the page."""
        orgs = [e.name for e in entities if e.type not in ("person", "region")]
        out = {}
        for short in orgs:
            longer = [n for n in orgs if n != short and len(n) > len(short) and (short in n or is_abbreviation(short, n))]
            if longer:
                out[short] = max(longer, key=len)
        return out

    def _short_mentions(self, entities: list[Entity], mentions: list[Mention]) -> list[Mention]:
        """Occurrences of an organisation's short form that no extractor marked (浦江芯谷 for 浦江芯谷集成电路设计产业园):
        the first 3 to 6 characters of its name after any leading place name, when they are written on their own."""
        taken = [(m.start, m.end) for m in mentions if m.label not in QUANTITY_LABELS]
        out: list[Mention] = []
        for e in sorted(entities, key=lambda x: x.mentions[0] if x.mentions else (len(self.text), 0)):
            if e.type in ("person", "region") or not e.mentions or not re.match(r"[\u4e00-\u9fff]", e.name):
                continue
            s0, s1 = e.mentions[0]
            if any(o.start <= s0 and s1 <= o.end and (o.start, o.end) != (s0, s1) for o in self.orgs):
                continue  # a name inside another's (集成电路设计产业园 in 浦江芯谷集成电路设计产业园)
            lead = max([m.end for m in self.places if m.start == s0 and m.end < s1] or [s0])
            core = self.text[lead:s1]
            for k in range(min(6, len(core) - 2), 2, -1):
                short = core[:k]
                if _GENERIC_START.match(short) or self.index.lookup(short):
                    continue
                hits = [x.start() for x in re.finditer(re.escape(short), self.text)
                        if not any(a <= x.start() < b for a, b in taken)]
                if hits:
                    out += [Mention(h, h + k, e.type, short, 0.5, VERSION, {"canonical": e.name}) for h in hits]
                    taken += [(h, h + k) for h in hits]  # a short form shared by two names goes to the first named
                    break
        return out

    def name(self, m: Mention) -> str:
        e = self.entity_of.get((m.start, m.end))
        n = e.name if e is not None else str(m.attrs.get("canonical") or m.surface)
        return self.full.get(n, n)

    def sentence(self, pos: int) -> tuple[int, int, tuple[int, int]]:
        for c in self.sentences:
            if c.start <= pos < c.end:
                return c.start, c.end, c.paragraph
        return pos, pos + 1, (pos, pos + 1)

    def full_sentence(self, pos: int) -> tuple[int, int]:
        """The sentence around ``pos`` up to 。！？ or a line end (clauses also split at ；)."""
        t = self.text
        a = max(t.rfind(x, 0, pos) for x in "。！？!?\n") + 1
        ends = [i for i in (t.find(x, pos) for x in "。！？!?\n") if i >= 0]
        return a, (min(ends) + 1 if ends else len(t))

    def orgs_in(self, start: int, end: int) -> list[Mention]:
        """The outermost organisation mentions inside [start, end)."""
        inside = [m for m in self.orgs if start <= m.start and m.end <= end]
        return [m for m in inside if not any(o is not m and o.start <= m.start and m.end <= o.end
                                             and (o.end - o.start) > (m.end - m.start) for o in inside)]

    def region_name(self, m: Mention) -> str | None:
        r = self.index.get(str(m.attrs.get("code")))
        if r is None:
            return str(m.attrs.get("name")) if m.attrs.get("name") else None
        if r.code in ("G-CN",):
            return None
        return r.name

    def region_in(self, start: int, end: int, outside_orgs: bool = True) -> str | None:
        """The first region named in [start, end) that is not part of an organisation's name."""
        for m in self.places:
            if start <= m.start and m.end <= end:
                if outside_orgs and any(o.start <= m.start and m.end <= o.end and (o.start, o.end) != (m.start, m.end)
                                        for o in self.orgs):
                    continue
                name = self.region_name(m)
                if name:
                    return name
        return None

    def region_of(self, name: str | None) -> str | None:
        e = self.by_name.get(name or "")
        if e is None:
            return None
        if e.type == "region":
            return e.name
        return e.region

    def date_in(self, start: int, end: int) -> str | None:
        """The first date named in [start, end)."""
        return next((str(m.attrs["value"]) for m in self.dates if start <= m.start < end), None)

    def date_at(self, start: int, end: int) -> str | None:
        """The date of what [start, end) reports: a date it names; for 同日/当天/at the same event, the last date named
        before it; else the page's date."""
        found = self.date_in(start, end)
        if found:
            return found
        if _SAME_DAY.search(self.text, start, end):
            before = [m for m in self.dates if m.end <= start and m.attrs.get("unit") == "day"]
            if before:
                return str(before[-1].attrs["value"])
        return self.doc_date

    def zone_named(self, name: str | None) -> str | None:
        """The zone or park an organisation is (苏州工业园区, or its 管理委员会): a policy it issues is the zone's own."""
        e = self.by_name.get(name or "")
        if e is None or e.type not in ("park", "region", "government"):
            return None
        for m in self.places:
            if m.start == e.mentions[0][0] and str(m.attrs.get("code", "")).startswith("Z-"):
                return self.region_name(m)
        return None

    def within(self, inner: str, outer: str) -> bool:
        """Whether region ``inner`` lies inside region ``outer`` (or is it)."""
        r = next((x for x in self.index.lookup(inner) if x.name == inner), None)
        if r is None:
            return False
        return inner == outer or any(a.name == outer for a in self.index.ancestors(r)) or any(
            outer == g.name for g in self.index.by_code.values() if g.level == "group" and
            (self.index.province_of(r) or r).code in g.members)

    def clause_region(self, s0: int, start: int) -> str | None:
        """The last region named before ``start`` since ``s0`` and outside organisation names (四川建成…: 四川省)."""
        names = [self.region_name(m) for m in self.places if s0 <= m.start and m.end <= start
                 and not any(o.start <= m.start and m.end <= o.end for o in self.orgs)]
        names = [n for n in names if n]
        return names[-1] if names else None

    def ic(self, *spans: tuple[int, int], extra: str = "") -> bool:
        return any(_IC_WORDS.search(self.text, a, b) for a, b in spans) or bool(_IC_WORDS.search(extra))


def find_collab(text: str, mentions: list[Mention], entities: list[Entity], events: list[Event],
                figures: list[Figure], relations: list[Any], index: RegionIndex,
                doc_date: tuple[str | None, str | None] = (None, None), doc_place: str | None = None
                ) -> list[CollabRecord]:
    """The collaboration records of one page (see the module's docstring)."""
    page = _Page(text, mentions, entities, index, doc_date, doc_place)
    out: list[CollabRecord] = []
    out += _alliances(page, events, relations)
    out += _resources(page)
    policies = _policies(page, events)
    out += policies
    out += _talent(page, figures)
    out += _targets(page, figures, [(p.attrs["scope"][0], p.attrs["scope"][1]) for p in policies])
    return out


# -- alliances ---------------------------------------------------------------------------------------------------
_INITIATE = re.compile(r"牵头|共同发起|联合发起|发起成立|发起|倡议|initiated|launched by|led by|co-founded|founded by|"
                       r"set up by", re.I)
_ALLIANCE_REF = re.compile(r"^\s*(?:该联盟|联盟|该协会|协会|该促进会|该商会|the alliance|the association|it\b)", re.I)
_ALLIANCE_NAMED = re.compile(r"该联盟|该协会|该促进会|the alliance|the association", re.I)
_FOUNDED = re.compile(r"成立于|于[^，。；]{0,16}成立|成立大会|正式成立|揭牌成立|宣告成立|宣布成立|在[^，。；]{0,12}成立|成立(?!以来|之初|后)|"
                      r"揭牌|(?:was |were |been )?(?:founded|established|inaugurated|formed|launched|set up)\b", re.I)
_MEMBER_COUNT = re.compile(
    r"(?:成员单位|会员单位|会员企业|成员企业|成员|会员)[^，。；\d]{0,8}?(?:达到?|共|有|超过|超|逾|近|约)?\s*"
    r"(\d+|[一二三四五六七八九十百]+)\s*(多|余)?\s*(?:家|个|名)"
    r"|(?:首批|共有|汇聚|聚集|吸纳|集聚|拥有|涵盖|覆盖)?\s*(\d+|[一二三四五六七八九十百]+)\s*(多|余)?\s*家(?:会员|成员)(?:单位|企业)?"
    r"|(?:成员|会员)(?:单位|企业)?[^，。；]{0,4}?(\d+)\s*(多|余)?\s*家"
    r"|(more than|over|nearly|about|some)?\s*(\d+)\s+(?:[a-z,-]+\s+){0,10}?(?:have |has )?(?:formed|joined|founded|set up)",
    re.I)


def _alliances(page: _Page, events: list[Event], relations: list[Any]) -> list[CollabRecord]:
    out: list[CollabRecord] = []
    founded: dict[str, Event] = {}
    for ev in events:
        if ev.type != "organization_founded":
            continue
        for p in ev.participants:
            founded.setdefault(page.full.get(p.get("name", ""), p.get("name", "")), ev)
    by_name: dict[str, list[Mention]] = {}
    for m in page.orgs:
        if is_alliance(m):
            by_name.setdefault(page.name(m), []).append(m)
    ic_of: dict[str, bool] = {}
    founders: dict[str, tuple[list[str], list[tuple[int, int]]]] = {}
    for name, ms in by_name.items():
        e = page.by_name.get(name)
        refs = _references(page, ms)
        fev = founded.get(name)
        attrs: dict[str, Any] = {"type": e.type if e else ms[0].label, "founded": False,
                                 "aliases": [a for a in (e.aliases if e else []) if a != name]}
        region = (e.region if e else None) or page.region_in(ms[0].start, ms[0].end, outside_orgs=False)
        date, evidence, place = _founding(page, ms, refs)
        if fev is not None and evidence is None:
            date, evidence, place = fev.date, fev.evidence, fev.place
        if evidence is not None:
            attrs["founded"] = True
            region = region or place
        initiators = _initiators(page, refs, name)
        if initiators:
            attrs["initiators"] = initiators
            founders[name] = (initiators, refs)
        count = _member_count(page, refs)
        if count:
            attrs["member_count"] = count
        other = _domains(name) - {"ic"}
        attrs["ic"] = ic_of[name] = bool(_IC_WORDS.search(name)) or (
            not other and page.ic(*refs))
        s0, s1, _p = page.sentence(ms[0].start)
        out.append(CollabRecord("alliance", name, evidence or (s0, s1), region=region, date=date, attrs=attrs))
    seats: dict[tuple[str, str], CollabRecord] = {}
    for r in relations:
        if r.type != "member_of":
            continue
        member, alliance = page.full.get(r.source, r.source), page.full.get(r.target, r.target)
        rank = r.attrs.get("rank", "member")
        rec = CollabRecord("member", member, r.evidence, region=page.region_of(member) or page.region_of(r.source),
                           date=page.date_at(*r.evidence),
                           attrs={"alliance": alliance, "role": r.attrs.get("role"), "rank": rank,
                                  "first": bool(r.attrs.get("first")), "ic": ic_of.get(alliance, True)})
        key = (member, alliance)
        old = seats.get(key)
        if old is None or _RANK_ORDER.index(rank) < _RANK_ORDER.index(old.attrs["rank"]):
            seats[key] = rec
    # the units that led or co-founded an alliance are its founding members
    for alliance, (names, refs) in founders.items():
        for member in names:
            if (member, alliance) not in seats:
                span = next((r for r in refs if member in page.text[r[0]:r[1]]), refs[0])
                seats[(member, alliance)] = CollabRecord(
                    "member", member, span, region=page.region_of(member), date=page.date_at(*span),
                    attrs={"alliance": alliance, "role": "发起单位", "rank": "founder", "first": True,
                           "ic": ic_of.get(alliance, True)})
    return out + list(seats.values())


def _references(page: _Page, ms: list[Mention]) -> list[tuple[int, int]]:
    """The sentences that speak of an alliance: those naming it, and the following ones of the same paragraph that
    open with 该联盟/联盟/the alliance."""
    spans: list[tuple[int, int]] = []
    for m in ms:
        s0, s1, para = page.sentence(m.start)
        if (s0, s1) not in spans:
            spans.append((s0, s1))
        for c in page.sentences:
            if c.start >= s1 and c.end <= para[1] + 400 and (c.start, c.end) not in spans and (
                    (_ALLIANCE_REF.match(c.text) and c.end <= para[1]) or _ALLIANCE_NAMED.search(c.text)):
                spans.append((c.start, c.end))
    return sorted(spans)


def _founding(page: _Page, ms: list[Mention], refs: list[tuple[int, int]]
              ) -> tuple[str | None, tuple[int, int] | None, str | None]:
    """When and where an alliance was founded, from a clause that names it (or refers to it) with 成立 (成立于2019年11月,
    则于2017年在合肥成立, 成立大会在…举行, was inaugurated … on May 10)."""
    text = page.text
    for s0, s1 in refs:
        names = [m for m in ms if s0 <= m.start < s1]
        start = names[0].end if names else s0
        seps = [x.start() for x in re.finditer(r"[；;。]|，(?=[^，]{0,3}(?:并|同时|此外|副|秘书|理事|会员|成员))", text[start:s1])]
        stop = start + seps[0] if seps else s1
        f = _FOUNDING_CUE.search(text, start if names else s0, stop)
        if not f:
            continue
        if _PLANNED_FOUNDING.search(text, max(s0, f.start() - 6), f.start()):
            continue
        sent = page.full_sentence(s0)
        date = page.date_in(max(sent[0], start - 30) if names else s0, stop) or page.date_in(*sent)
        place = page.clause_region(start, stop) or page.region_in(start, stop)
        return date or page.doc_date, (s0, s1), place
    return None, None, None


_FOUNDING_CUE = _FOUNDED
_PLANNED_FOUNDING = re.compile(r"将|拟|计划|筹备|筹建|will|plan", re.I)


def _initiators(page: _Page, refs: list[tuple[int, int]], alliance: str) -> list[str]:
    """The units that led or co-founded an alliance: the organisations of the clauses with 牵头/发起 (由A牵头，B和C共同发起
    成立; initiated by A)."""
    text = page.text
    names: list[str] = []
    for s0, s1 in refs:
        seps = [s0, *(x.end() for x in _CN_CLAUSE.finditer(text, s0, s1)), s1 + 1]
        for a, b in zip(seps, seps[1:]):
            cue = _INITIATE.search(text, a, b)
            if not cue or find_cues(text, a, b):
                continue
            for m in page.orgs_in(a, b):
                n = page.name(m)
                if n != alliance and not is_alliance(m) and m.label not in ("government",):
                    names.append(n)
    return list(dict.fromkeys(names))


def _member_count(page: _Page, refs: list[tuple[int, int]]) -> dict[str, Any] | None:
    from .quantities import cn_value

    for s0, s1 in refs:
        for x in _MEMBER_COUNT.finditer(page.text, s0, s1):
            digits = x.group(1) or x.group(3) or x.group(5) or x.group(8)
            more = x.group(2) or x.group(4) or x.group(6) or x.group(7)
            v = cn_value(digits) if digits else None
            if v is None or v < 2:
                continue
            qual = {"多": "more than", "余": "more than", "more than": "more than", "over": "more than",
                    "nearly": "nearly", "about": "about", "some": "about"}.get((more or "").lower())
            return {"value": v, "qualifier": qual, "evidence": [x.start(), x.end()]}
    return None


# -- resources ---------------------------------------------------------------------------------------------------
_RESOURCE_REF = re.compile(r"^\s*(?:该|这个|这一|此)?(?:基地|平台|实验室|中心|中试线|试验线|产线|the (?:base|platform|lab|laboratory|"
                           r"centre|center|line)|it\b)", re.I)


def _resources(page: _Page) -> list[CollabRecord]:
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


def _resource_span(page: _Page, hs: int, he: int) -> tuple[int, int, str, Mention | None] | None:
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
    while i > floor and _NAME_CHARS.match(text[i - 1]):
        stop = _LEFT_STOPS.search(text, max(0, i - 4), i)
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


def _resource_scope(page: _Page, start: int) -> list[tuple[int, int]]:
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


def _resource_record(page: _Page, name: str, kind: str, start: int, end: int) -> CollabRecord:
    s0, s1, _para = page.sentence(start)
    scope = _resource_scope(page, start)
    host = _host(page, start, end, scope, name)
    e = page.by_name.get(name)
    segs = stage_terms(name)
    for a, b in scope:
        segs += stage_terms(_masked(page, a, b, keep=(start, end)))
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


def _located(page: _Page, scope: list[tuple[int, int]]) -> str | None:
    """The region a resource is said to be in or opened in (在合肥高新区正式投入运营, 位于东湖高新区)."""
    for a, b in scope:
        for m in _LOCATED_AT.finditer(page.text, a, b):
            g = 1 if m.group(1) else 2
            name = page.region_in(m.start(g), m.end(g), outside_orgs=True) or page.region_in(m.start(g), m.end(g), False)
            if name:
                return name
    return None


def _masked(page: _Page, a: int, b: int, keep: tuple[int, int] = (0, 0)) -> str:
    """``text[a:b]`` with the organisation names blanked (but the span ``keep``), so that 晶测检测技术有限公司 does not
    make a segment of what it hosts."""
    chars = list(page.text[a:b])
    for m in page.orgs:
        if a <= m.start and m.end <= b and not (keep[0] <= m.start and m.end <= keep[1]):
            for i in range(m.start - a, m.end - a):
                chars[i] = "□"
    return "".join(chars)


def _host(page: _Page, start: int, end: int, scope: list[tuple[int, int]], name: str) -> str | None:
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
    seps = [s0, *(x.end() for x in _CN_CLAUSE.finditer(text, s0, start))]
    c0 = seps[-1]
    lead = [m for m in orgs if c0 <= m.start < start and m.end <= start and m.label != "government"]
    if lead and re.fullmatch(r"\s*", text[c0:lead[0].start]) and _SUBJECT_VERB.match(text, lead[-1].end):
        return page.name(lead[-1])
    return None


# -- talent ------------------------------------------------------------------------------------------------------
_EN_PEOPLE = re.compile(r"(more than|over|nearly|almost|about|around|some)?\s*\b(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*"
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


def _people_counts(page: _Page) -> list[_People]:
    text = page.text
    out = []
    for q in page.mentions:
        if q.label != "count":
            continue
        unit = str(q.attrs.get("unit") or "")
        if unit.lower() not in _PEOPLE_UNITS:
            continue
        s0, s1, _p = page.sentence(q.start)
        near = text[max(s0, q.start - 16):min(s1, q.end + 10)]
        if not _TALENT_WORDS.search(near):
            continue
        if text.startswith("次", q.end):
            unit = "人次"
        out.append(_People(q.start, q.end, float(q.attrs["value"]), _norm_unit(unit) or unit, q.attrs.get("qualifier")))
    for m in _EN_PEOPLE.finditer(text):
        if any(p.start <= m.start(2) < p.end for p in out):
            continue
        v = float(m.group(2).replace(",", "")) * {"thousand": 1e3, "million": 1e6}.get((m.group(3) or "").lower(), 1)
        qual = {"more than": "more than", "over": "more than", "nearly": "nearly", "almost": "nearly",
                "about": "about", "around": "about", "some": "about"}.get((m.group(1) or "").lower())
        out.append(_People(m.start(2) if not m.group(1) else m.start(), m.end(), v, "人", qual))
    return sorted(out, key=lambda p: p.start)


def _talent(page: _Page, figures: list[Figure]) -> list[CollabRecord]:
    text = page.text
    out: list[CollabRecord] = []
    items: list[CollabRecord] = []
    seen: set[tuple[str, str]] = set()
    named = {"competition": False, "award": False, "training": False}
    for c in page.sentences:
        sent = page.full_sentence(c.start)
        planned = bool(PLANNED.search(text, sent[0], c.end))
        for kind, rx in (("award", _AWARD), ("competition", _COMPETITION), ("training", _TRAINING)):
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
        if fig is None and _TARGET_CUE.search(text, s0, q.start):
            qual = "target"
        region = page.region_of(subject) if subject else None
        if subject and region is None and subject in _region_names(page):
            region = subject
        region = region or page.clause_region(page.full_sentence(q.start)[0], q.start) or page.doc_place
        out.append(CollabRecord("talent", subject or region, (s0, s1), region=region, date=page.date_at(s0, s1),
                                attrs={"talent_kind": "figure", "value": q.value, "unit": q.unit,
                                       "qualifier": qual, "what": fig.what if fig else text[max(s0, q.start - 24):q.start],
                                       "span": [q.start, q.end]}))
    return items + out


def _region_names(page: _Page) -> set[str]:
    return {n for n in (page.region_name(m) for m in page.places) if n}


def _item_name(page: _Page, hs: int, he: int, floor: int, kind: str) -> str | None:
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
    while i > max(floor, hs - 20) and _NAME_CHARS.match(text[i - 1]):
        stop = _LEFT_STOPS.search(text, max(0, i - 4), i)
        if stop and stop.end() == i:
            break
        i -= 1
    name = text[i:he].strip("“”\"「」 ")
    return name or None


# -- policies ----------------------------------------------------------------------------------------------------
_SHORT_TITLE = re.compile(r"(?:以下)?简称[“\"《]?$|以下称[“\"《]?$")
_PAST_REF = re.compile(r"(?:此前|之前|以前|过去|曾经?|先前|已)(?:出台|发布|印发|实施)的")
_PARA_BACKREF = re.compile(r"^\s*(?:【[^】]{0,6}】)?\s*(?:《|该政策|该措施|该办法|该方案|政策|措施|办法|意见|方案|细则|文件|新政|"
                           r"按照|根据|对于|对|针对|此外|另外|同时|其中|在[^，。；]{1,10}(?:环节|方面|领域)|[^，。；]{1,6}方面|"
                           r"under the (?:plan|policy|measures)|the (?:plan|policy|measures)|in addition|also)", re.I)
_FUND = re.compile(r"基金|fund", re.I)


def _policies(page: _Page, events: list[Event]) -> list[CollabRecord]:
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


def _issued_on(page: _Page, s0: int, trig: int) -> str | None:
    """The date a policy was issued: one named before its verb (11月6日发布), not a year inside its title or a
    target year (到2025年)."""
    for m in page.dates:
        if s0 <= m.start < trig and not _FOR_YEAR.match(page.text, max(s0, m.start - 3)) \
                and page.text.count("《", s0, m.start) == page.text.count("》", s0, m.start):
            return str(m.attrs["value"])
    return None


_ISSUERS = ("government", "association", "park", "organization")
_STRICT_POLICY = re.compile(r"政策|措施|办法|条例|意见|细则|通知|规定|纲要|指南|行动计划|若干|polic(?:y|ies)|measures|"
                            r"regulations|guidelines", re.I)


def _issuer_mention(page: _Page, s0: int, s1: int, trig: int) -> Mention | None:
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


def _policy_scope(page: _Page, s0: int, s1: int, trig: int) -> list[tuple[int, int]]:
    """The spans a policy's content is read from: its comma clauses from the trigger to the first clause that reports
    something else (表彰, 签约 ...), the rest of its paragraph, and the following paragraphs that open by referring to
    it (《若干措施》提出, 按照新政, 此外, 人才方面 …) until one that does not."""
    text = page.text
    seps = [s0, *(x.end() for x in _CN_CLAUSE.finditer(text, s0, s1)), s1]
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


def _policy_content(page: _Page, scope: list[tuple[int, int]], titles: list[str]
                    ) -> tuple[list[str], list[str], list[dict[str, Any]]]:
    plain = "\n".join([page.text[a:b] for a, b in scope] + titles)
    measures = [k for k, rx in MEASURES.items() if rx.search(plain)]
    segments = stage_terms("\n".join([_masked(page, a, b) for a, b in scope] + titles))
    amounts = []
    for m in page.mentions:
        if m.label == "money" and any(a <= m.start and m.end <= b for a, b in scope) and not _goal(page, m):
            amounts.append({"value": m.attrs.get("value"), "currency": m.attrs.get("unit"), "text": m.surface})
    return measures, segments, amounts


_SUPPORT = re.compile(r"基金|资金|补贴|补助|奖励|资助|支持|给予|贴息|fund|subsid|grant|support", re.I)


def _goal(page: _Page, m: Mention) -> bool:
    """An amount a policy sets as a goal (营业收入突破4000亿元), not one it gives."""
    text = page.text
    c0 = max([page.sentence(m.start)[0], *(x.end() for x in _CN_CLAUSE.finditer(text, page.sentence(m.start)[0],
                                                                                  m.start))])
    stop = re.compile(r"[，,；;。！？\n]").search(text, m.end)
    c1 = stop.start() if stop else len(text)
    return bool(_SCALE_WORDS.search(text, c0, m.start)) and not _SUPPORT.search(text, c0, c1)


# -- targets and figures -------------------------------------------------------------------------------------------
_NATION = {"中国", "全国", "我国"}
_WHOLE = re.compile(r"(?:全|本)(省|市|区|县)")
_MUNICIPALITIES = {"110000", "120000", "310000", "500000"}
_INDEFINITE = re.compile(r"(?:(?<![^。！？!?\n，,；;：:])|其中)\s*(?:其中，?)?(?:一家|另一家|另有|某|多家|一批|[\d一二三四五六七八九十]+家)[^，,；;。]{0,12}?"
                         r"(?:企业|公司|厂商|项目)")
_FIRM = re.compile(r"公司|集团|Co\.|Ltd|Inc|Corp", re.I)
_GROWTH = re.compile(r"增长|增速|同比|环比|提高|提升|增加|下降|growth|grew|increase|rose", re.I)
_ALREADY = re.compile(r"已经?|实现了|达到了|完成了|already", re.I)
_NOW = re.compile(r"目前|现在|当前|如今|截至目前|currently|\bnow\b", re.I)
_TARGET_MORE = re.compile(r"规划|建成后|达产后|达产|满产|设计产能", re.I)
_PRODUCTION_YEAR = re.compile(r"(?:于|在|到|至|by|in)\s*((?:19|20)\d\d)\s*年?(?:底|末|前)?[^，。；]{0,8}?(?:实现|达到|达产|满产|建成|投产|"
                              r"全面|full|reach)", re.I)
_FIG_ANAPHOR = re.compile(r"(?<![^。！？!?\n，,；;：:])\s*(?:目前|如今|现在|截至目前)?\s*(该联盟|联盟|该协会|协会|该产线|该生产线|产线|该项目|项目|该园区|园区|这里|"
                          r"该公司|公司|该基地|基地)")


def _targets(page: _Page, figures: list[Figure], policy_scopes: list[tuple[int, int]]) -> list[CollabRecord]:
    from .figures import _subject

    text = page.text
    out: list[CollabRecord] = []
    counts = [m for m in page.mentions if m.label in ("count", "percent")]

    def in_policy(pos: int) -> bool:
        return any(a <= pos < b for a, b in policy_scopes)

    for f in figures:
        q = next((m for m in counts if f.evidence[0] <= m.start < f.evidence[1] and m.attrs.get("value") == f.value
                  and m.attrs.get("unit") == f.unit), None)
        at = q.start if q else f.evidence[0]
        end = q.end if q else f.evidence[1]
        if in_policy(at):
            continue  # a policy's rates and sizes are its measures, not targets
        unit = _norm_unit(f.unit)
        if unit == "人" and text.startswith("次", end):
            unit = "人次"
        if unit == "片" and (_MONTHLY.match(text, end) or _MONTHLY_BEFORE.search(text, max(f.evidence[0], at - 8), at)):
            unit = "片/月"
        metric = _metric(unit, f.what)
        if metric == "talent" and _TRAINING.search(text, max([f.evidence[0], *(x.end() for x in _CN_CLAUSE.finditer(
                text, f.evidence[0], at))]), at):
            continue  # the size of a training programme (培训工程师500人) is the programme's, not a headcount
        if metric == "other" or unit == "人次" or (metric == "talent" and not _TALENT_WORDS.search(
                text, max(f.evidence[0], at - 16), min(f.evidence[1], end + 6))):
            continue
        sent = page.full_sentence(at)
        if metric == "share" and _GROWTH.search(text, max(f.evidence[0], at - 12), at):
            continue  # a growth rate is not a level a target can be measured by
        own = text[max([f.evidence[0], *(x.end() for x in _CN_CLAUSE.finditer(text, f.evidence[0], at))]):at]
        target = (f.qualifier == "target" or bool(_TARGET_MORE.search(text, sent[0], at))) and not _ALREADY.search(own)
        subject = _better_subject(page, f.subject, sent[0], at) if q else f.subject
        qual = "target" if target else (None if f.qualifier == "target" else f.qualifier)
        out.append(_figure_record(page, subject, target, f.what, f.value, unit, qual, metric, f.evidence, at))
    for m in page.mentions:
        if m.label != "money" or (in_policy(m.start) and not _goal(page, m)):
            continue
        s0, s1, para = page.sentence(m.start)
        seps = [s0, *(x.end() for x in _CN_CLAUSE.finditer(text, s0, m.start))]
        before = text[seps[-1]:m.start]
        after = text[m.end:min(s1, m.end + 14)]
        if not _SCALE_WORDS.search(before) and not _SCALE_WORDS.search(text, m.end, min(s1, m.end + 4)):
            continue
        if _FUND.search(after) or _FUND.search(before):
            continue  # the size of a fund is not a figure of the subject's scale
        sent = page.full_sentence(m.start)
        target = (bool(_TARGET_CUE.search(text, sent[0], m.start)) or bool(_TARGET_MORE.search(text, sent[0], m.start))) \
            and not re.search(r"已|实现了|达到了|完成了", before)
        subject = _subject(m, s0, para, page.mentions, False, text)
        subject = _better_subject(page, subject, sent[0], m.start)
        what = re.split(r"[，,、：:]", before)[-1].strip()[-24:] or str(m.attrs.get("unit"))
        unit = str(m.attrs.get("unit"))
        out.append(_figure_record(page, subject, target, what, float(m.attrs["value"]), unit,
                                  "target" if target else m.attrs.get("qualifier"), _metric(unit, what + before),
                                  (s0, s1), m.start))
    return [r for r in out if r.subject]


def _better_subject(page: _Page, subject: str | None, s0: int, at: int) -> str | None:
    """The subject of a figure read again with the page's short names and its anaphora (该产线 → the line named
    before): an organisation named in the figure's own clause wins over a region; 该产线/园区 at a clause head is
    the organisation named last before it."""
    text = page.text
    seps = [s0, *(x.end() for x in _CN_CLAUSE.finditer(text, s0, at))]
    own = [m for m in page.orgs if seps[-1] <= m.start and m.end <= at]
    if own:
        return page.name(own[-1])
    whole = _WHOLE.search(text, seps[-1], at)
    if whole:
        # 全省/全市…: the province or city named last before it
        level = {"省": "province", "市": "city", "区": "district", "县": "district"}[whole.group(1)]
        for m in reversed([m for m in page.places if m.end <= whole.start()]):
            r = page.index.get(str(m.attrs.get("code")))
            if r is not None and (r.level == level or (level == "city" and r.code in _MUNICIPALITIES)):
                return r.name
    if _INDEFINITE.search(text, s0, at):
        return None  # 一家半导体设备企业计划投资18亿元: no one named
    sent_orgs = [m for m in page.orgs if s0 <= m.start and m.end <= at]
    ana = [a for a in _FIG_ANAPHOR.finditer(text, s0, at)
           if not any(m.start <= a.start(1) < m.end for m in page.mentions if m.label not in QUANTITY_LABELS)]
    if ana:
        pos = ana[-1].start(1)
        before = [m for m in page.orgs if m.end <= pos and pos - m.end <= 400]
        if ana[-1].group(1) in ("该联盟", "联盟", "该协会", "协会"):
            before = [m for m in before if is_alliance(m)]
            if not before:
                return None
        if ana[-1].group(1) in ("该公司", "公司"):
            firms = [m for m in before if m.label == "company" and (m.attrs.get("ref_id") or _FIRM.search(m.surface))]
            before = firms or [m for m in before if m.label == "company"]
        zones = [m for m in page.places if m.end <= pos and pos - m.end <= 400 and
                 str(m.attrs.get("code", "")).startswith("Z-") and not any(
                     o.start <= m.start and m.end <= o.end and o.end - o.start > m.end - m.start for o in page.orgs)]
        cands = before + zones
        if cands:
            last = max(cands, key=lambda m: (m.end, m.end - m.start, m.label != "region"))
            return page.name(last) if last.label != "region" else page.region_name(last)
    if subject in _NATION:
        subject = None
    if subject is None:
        if sent_orgs:
            return page.name(sent_orgs[-1])
        para = page.sentence(s0)[2]
        prev = [m for m in page.orgs if para[0] <= m.start and m.end <= at]
        if prev:
            return page.name(prev[-1])
    return page.full.get(subject or "", subject)


def _figure_record(page: _Page, subject: str | None, target: bool, what: str, value: float, unit: str | None,
                   qualifier: str | None, metric: str, evidence: tuple[int, int], at: int) -> CollabRecord:
    sent = page.full_sentence(at)
    year = None
    if target:
        for y in _FOR_YEAR.finditer(page.text, sent[0], at):
            year = y.group(1) or y.group(2)
        if year is None:
            later = _PRODUCTION_YEAR.search(page.text, at, sent[1])
            year = later.group(1) if later else None
        if year is None:  # 今年计划…, 明年将…
            rel = [m for m in page.dates if sent[0] <= m.start < at and m.attrs.get("unit") == "year"]
            year = str(rel[-1].attrs["value"])[:4] if rel else None
    else:
        years = [(y.start(), y.group(1) or y.group(2)) for y in _YEAR.finditer(page.text, sent[0], at)]
        dates = [(m.start, str(m.attrs["value"])[:4]) for m in page.dates if sent[0] <= m.start < at]
        stated = max(years + dates, default=None)
        now = [x.start() for x in _NOW.finditer(page.text, sent[0], at)]
        if stated is not None and not (now and now[-1] > stated[0]):
            year = stated[1]
        else:
            year = page.doc_date[:4] if page.doc_date else None
    region = page.region_of(subject) or (subject if subject in _region_names(page) else None)
    return CollabRecord("target" if target else "figure", subject, evidence, region=region,
                        date=page.date_at(*evidence) if not target else page.doc_date,
                        attrs={"what": what, "metric": metric, "value": value, "unit": unit, "qualifier": qualifier,
                               "year": year, "span": [at, at]})
