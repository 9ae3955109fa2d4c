"""Whether a found organisation name is a name at all: the shapes of phrases that look like organisations on news
pages and name none.

A Chinese organisation name is built as region + trade name (字号) + line of business + form (有限公司, 研究院 ...).
The phrases below lack the part that makes a name, or carry a part no name carries:

- **counted**: a number and a measure word in front (2家研究院, 1个国防重点实验室, 多家芯片企业): a count of
  organisations, not one of them;
- **pointing**: a pronoun or determiner in front (其控股子公司, 该研究院, 这家公司);
- **a clause**: a preposition, a plural person word, a year or a count inside (关于…公司, 基于公司, 委员们就公司,
  自2005年获评…产业园, 苏州八个地区…基地);
- **a common word**: an ending that finishes a word, not a form (重庆布局: 布局 is no 局; …计划, …展厅, …新厂), or
  one English word in lower case;
- **a relation**: a firm named by what it is to another (合营公司, 全资子公司, 母公司);
- **a fragment**: a bare 市, 省, 区 or 县 before a generic body (区管理局, 市会议中心), with no region in front;
- **no trade name**: nothing but words of the line of business before the form (芯片设计公司, 科技公司, 投资基金,
  项目公司), unless a region opens it (上海市集成电路行业协会 is region + line of business + form, a real name);
- **a sector, not an organisation**: no organisation form at all, and nothing but words of the chain or its markets
  (物联网, 汽车电子, 新能源, EDA).
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..model import Mention
from ..reference.regions import RegionIndex
from .lexicon import ORG_SUFFIXES

_COUNTED = re.compile(r"^(?:\d+|[一二两三四五六七八九十百千几多数若干]+)\s*(?:家|个|所|座|批|只)")
_POINTING = re.compile(r"^(?:其|该|此|这|那|某|上述|前述|相关)")
_NATIONAL = ("中国", "中华", "全国", "国家")  # the country opens national bodies as a region opens local ones
_CLAUSE = re.compile(r"关于|基于|利用|通过|对于|为了|根据|按照|围绕|归属|们|^自|^从|^使|^以(?!色列)|^把|\d{4}年|^(?:今|去|明|本|当)年"
                     r"|[一二两三四五六七八九十\d]个")
#: Endings that finish a common word, not an organisation: a plan or a layout (布局 is no 局), a hall, a new plant.
_NOT_FORMS = re.compile(r"(?:布局|格局|大局|全局|变局|计划|规划|战略|展厅|展馆|新厂|建厂|设厂|奖|奖项)$")  # 科技进步奖: an award
#: Words of a line of business that are no trade name (besides the chain's own terms).
_TRADE_WORDS = """科技 技术 电子 信息 产业 项目 投资 控股 合资 独资 全资 子 分 新 高新 高科技 智能 微电子 半导体 芯片 晶片 集成电路
设计 制造 专工 厂 厂商 封装 测试 封测 材料 设备 装备 软件 系统 工程 研发 研究 创新 发展 管理 服务 咨询 贸易 实业 工业 国际 全球 国内
本土 相关 上下游 龙头 骨干 重点 知名 头部 新兴 领军 行业 产业链 集团 公司 企业 基金 产业基金 股权 创投 风投 资本 专项 设计公司
芯片设计 晶圆 代工 功率 模拟 存储 存储器 功率器件 第三代 化合物 光电 传感器 显示 新能源 汽车 汽车电子 工业电子 物联网 人工智能 航空航天
消费电子 通信 数据中心 算力 管理 会议 会展 展览 办公 模组 模块 器件 元器件 组件 零部件 衬底 外延 靶材 IC EDA IP AI LED OLED MEMS IGBT SiC GaN CPU GPU MCU SoC IoT 5G""".split()
_RELATION = re.compile(r"(?:合营|合资|联营|关联|(?:全资|控股|持股|独资|附属|参股|下属|旗下|^)子|^母)$")  # not 微电子, 电子
_ADMIN = "市省区县"  # a bare administrative character before a generic body (区管理局, 市会议中心) is a fragment


@lru_cache(maxsize=1)
def _trade_words() -> tuple[str, ...]:
    from ..reference.chain import chain

    words = set(_TRADE_WORDS)
    for n in chain().nodes.values():
        for w in (n.name, n.name_hant, *n.terms):
            if w and 2 <= len(w) <= 8 and not w.isascii():
                words.add(w)
    return tuple(sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _trade_set() -> tuple[frozenset[str], int]:
    words = frozenset(_trade_words())
    return words, max((len(w) for w in words), default=0)


def _only_trade_words(core: str) -> bool:
    """Whether ``core`` is made of line-of-business words alone (nothing that could be a trade name), longest word
    first at each place."""
    words, longest = _trade_set()
    rest = core.strip()
    while rest:
        n = next((n for n in range(min(longest, len(rest)), 0, -1) if rest[:n] in words), 0)
        if not n:
            return False
        rest = rest[n:].lstrip("与和及、")
    return True


def _suffix(name: str) -> str:
    return next((s for s, _t, _strong in ORG_SUFFIXES if name.endswith(s)), "")


_BODIES = ("联盟", "协会", "学会", "商会", "研究会", "促进会", "聯盟", "協會", "學會", "商會")


def is_name(name: str, after_region: bool = False) -> bool:
    """Whether ``name`` (a found organisation) is a name: not counted, pointing, a clause, a line of business
    without a trade name, or a sector (see the module's docstring). ``after_region``: a region opens it."""
    if _COUNTED.match(name) or _POINTING.match(name) or _CLAUSE.search(name) or _NOT_FORMS.search(name):
        return False
    if name.isascii() and name.islower() and " " not in name:
        return False  # one English word in lower case (date, chip) names no organisation
    suffix = _suffix(name)
    core = name[: len(name) - len(suffix)] if suffix else name
    if not core:
        return False
    if _RELATION.search(core):
        return False  # 合营公司, 华虹半导体非全资子公司: a firm named by its relation to another, not by a name
    national = core.startswith(_NATIONAL)
    if core[:1] in _ADMIN and len(core) > 1 and not after_region and _only_trade_words(core[1:]):
        return False
    if _only_trade_words(core[2:] if national else core):
        # region + line of business + form is a name (上海市集成电路行业协会, 中国半导体行业协会); without a form it is
        # a sector
        # an alliance or association named by its field alone (集成电路特色工艺联盟, 半导体投资联盟) is named so; a
        # company or a fund so named is a sector (半导体企业, 产业基金), and so is a trade's or an industry's
        # association without its place (集成电路行业协会: every city has one)
        return bool(suffix) and (after_region or national or (suffix in _BODIES and len(core) >= 4
                                                         and not core.endswith(("行业", "产业", "行業", "產業"))))
    return True


#: a name that ends in a verb the sentence goes on with (在海沧投资建设: 海沧投资 is a place and a verb, not a firm)
_VERB_END = re.compile(r"(?:投资|投建|出资|合作|签约|建设)$")
_VERB_AFTER = re.compile(r"(?:建设|设立|兴建|新建|建厂|打造|布局|落户|开发|运营|生产|发展|约|近|超|逾|达|\d|[一二三四五六七八九十两]"
                         r"(?:[百千万亿]|\d))")  # 辛耘投资1426万美元: a firm and its act


_GOING_TO = ("赴", "到", "在", "于", "来", "去")


def without_the_verb(m: Mention, text: str, places: list[Mention]) -> Mention | None:
    """The found name ``m`` without a verb at its end that the text continues as a verb phrase (辛耘投资1426万美元 →
    辛耘); None when what is left is a place or too short (在海沧投资建设: 海沧 is where), ``m`` when no verb ends it."""
    v = _VERB_END.search(m.surface)
    if v is not None and text[m.start - 1:m.start] in _GOING_TO and any(
            p.start == m.start and p.end == m.start + v.start() for p in places):
        return None  # 赴上海投资: going somewhere to invest, not a firm
    if v is None or not _VERB_AFTER.match(text, m.end):
        return m
    end = m.start + v.start()
    if v.start() < 2 or any(p.start == m.start and p.end >= end for p in places):
        return None
    return Mention(m.start, end, m.label, m.surface[:v.start()], m.confidence, m.extractor, dict(m.attrs))


#: a clause that names who acts, run into the name after it (本轮融资由深创投领投: 深创投), or that lists who took part
#: (参与本轮融资的还有深创投: 深创投)
_AGENT = re.compile(r"^[^由，。、]{1,10}?(?<!自)由(?!于)|^[^，。、的]{1,12}的(?:还有|包括|有|是|為|为|還有)"
                    # the firm's home written before its name (Zhejiang-based RongSemi): where it is, not its name
                    r"|^(?:[A-Z][A-Za-z]+\s)?[A-Z][A-Za-z]+-based\s+")


#: a deal's verb run into the name after it (认购世界先进 of 台积电认购世界先进…股份), or another verb or preposition of
#: two characters that no name opens with (持有和舰公司, 用于振华集团, 引进某某公司): the name is what follows
_DEAL_VERB = re.compile(r"^(?:认购|收购|并购|购入|买下|入股|参股|增资|注资|转让|出售"
                        r"|持有|拥有|用于|应用于|服务于|包括|引进|引入|吸引|携手|支持|帮助|以及|还有|入驻|落户|来自|隶属于?|作为)"
                        r"(?=[\u3400-\u9fff]{2})")
#: a description of the firm run into its name (全球半导体封测龙头日月光集团, 12吋晶圆厂三重富士通公司): words of a line of
#: business, with a wafer size or node in front, ending in a word for a leader, a maker or a firm
_DESCRIBED = re.compile(r"^(?:\d+\s*(?:吋|英寸|寸|纳米|nm))?([\u4e00-\u9fff]{2,12}?(?:龙头|大厂|巨头|厂商|厂|企业|公司))"
                        r"(?=[\u3400-\u9fff]{2})")


def after_deal_verb(m: Mention) -> Mention:
    """The organisation named after a verb or a description that a guessed name opens with (see :data:`_DEAL_VERB`,
    :data:`_DESCRIBED`), else ``m`` as it is."""
    v = _DEAL_VERB.match(m.surface)
    d = _DESCRIBED.match(m.surface) if v is None else None
    if d is not None and _only_trade_words(d.group(1)) and is_name(m.surface[d.end():]) and _suffix(m.surface[d.end():]):
        v = d
    elif v is None:
        return m
    return Mention(m.start + v.end(), m.end, m.label, m.surface[v.end():], m.confidence, m.extractor, dict(m.attrs))


def after_agent(m: Mention) -> Mention:
    """The organisation named after a clause that says who acts or lists who took part (本轮融资由深创投 → 深创投,
    参与本轮融资的还有深创投 → 深创投), else ``m`` as it is."""
    a = _AGENT.match(m.surface)
    if a is None or len(m.surface) - a.end() < 2:
        return m
    return Mention(m.start + a.end(), m.end, m.label, m.surface[a.end():], m.confidence, m.extractor, dict(m.attrs))


def left_continued(orgs: list[Mention], text: str) -> list[Mention]:
    """A registry short name read inside a longer name the page writes in full (时代半导体 in 连橙时代半导体, when the
    page names 湖南连橙时代半导体有限公司): the page's firm, written short, not the registry's."""
    full = [o.surface for o in orgs if not o.attrs.get("ref_id") and o.label not in ("person", "region")]
    out = []
    for m in orgs:
        if m.attrs.get("ref_id") and m.label != "person" and m.start > 0 and full:
            for k in range(min(4, m.start), 0, -1):
                written = text[m.start - k:m.end]
                owner = next((f for f in full if written in f and len(f) > len(written)), None)
                if owner is not None and all("\u3400" <= c <= "\u9fff" for c in written[:k]):
                    m = Mention(m.start - k, m.end, "company", written, m.confidence, m.extractor,
                                {"canonical": owner})
                    break
        out.append(m)
    return out


#: a unit of a ministry or council written onto its name (经济部投资审议会, 经济部投审会, 经济部工业局): its own body
_UNIT = re.compile(r"([\u4e00-\u9fff]{1,8}?)(?:审议委员会|审议会|审会|委员会|管理局|局|署)")
_NOT_IN_UNIT = re.compile(r"[今昨明将已日召宣表称于在与和及向对的兼员长]")


def government_units(orgs: list[Mention], text: str) -> list[Mention]:
    """A registry government body followed by the name of one of its units is that unit (type government)."""
    out = []
    for m in orgs:
        u = _UNIT.match(text, m.end) if m.label == "government" and m.attrs.get("ref_id") else None
        if u is not None and not _NOT_IN_UNIT.search(u.group(1)):
            m = Mention(m.start, u.end(), "government", text[m.start:u.end()], m.confidence, m.extractor, {})
        out.append(m)
    return out


#: a trade word written right after a registry short name, making another firm's name (日月光半导体 beside 日月光投控)
_TRADE_AFTER = re.compile(r"(?:半导体|微电子|科技|电子|光电)(?![\u4e00-\u9fff]{0,2}(?:产业|园|基地|集群|新城|城))")


def right_continued(orgs: list[Mention], text: str) -> list[Mention]:
    """A registry short name followed by a trade word that none of the registry organisation's own names begins with
    (日月光 + 半导体, when the registry knows 日月光投资控股): the page names a member firm of its own, not the
    registry's."""
    from ..reference.orgs import org_by_id

    known = org_by_id()
    out = []
    for m in orgs:
        ref = known.get(str(m.attrs.get("ref_id") or "")) if m.label == "company" and len(m.surface) <= 4 else None
        t = _TRADE_AFTER.match(text, m.end) if ref is not None else None
        if ref is not None and t is not None and "\u3400" <= m.surface[0] <= "\u9fff":
            longer = m.surface + t.group(0)
            if not any(n.startswith(longer) for n in (ref.name, *ref.aliases)):
                m = Mention(m.start, t.end(), "company", longer, m.confidence, m.extractor, {})
        out.append(m)
    return out


_BODY = r"(?:市委|市政府|区委|区政府|县委|县政府|省委|省政府)"
#: a city's, district's or province's Party committee or government written bare, as the one who acts (市委、市政府在
#: 南谯区举行…开工仪式, 区委区政府召开…): another body or an act follows, never a title (市委书记) or a name
_BARE_BODY = re.compile(rf"(?:^|(?<=[\s，,。；;、:：（(“\"]))({_BODY})(?=[、和与及]?(?:{_BODY}|举行|召开|举办|主办|印发|出台|发布|联合|在))")
_BODY_LEVEL = {"市": "city", "区": "district", "县": "district", "省": "province"}


def bare_bodies(orgs: list[Mention], text: str, places: list[Mention], people: list[Mention],
                index: RegionIndex | None) -> list[Mention]:
    """The bare bodies that act in a sentence (市委、市政府举行…), as government organisations of the one city,
    district or province the page names (a bare 市政府 alone names no city: :data:`lexicon.ORG_GENERIC`), where no
    other name holds their characters; none where the page names several or none."""
    if index is None:
        return []
    taken = [(m.start, m.end) for m in orgs + places + people]
    named = {r.code: r for r in (index.get(str(m.attrs.get("code"))) for m in places) if r is not None}.values()
    units: dict[str, set[str]] = {level: {(index.city_level(r) if level == "city" else r).code for r in named
                                          if r.level == level or level == "city" and r.level in ("district", "zone")}
                                  for level in set(_BODY_LEVEL.values())}
    out = []
    for b in _BARE_BODY.finditer(text):
        ones = units[_BODY_LEVEL[b.group(1)[0]]]
        unit = index.get(next(iter(ones))) if len(ones) == 1 else None
        if unit is not None and not any(s < b.end(1) and b.start(1) < e for s, e in taken):
            full = (unit.short or unit.name[:-1]) + b.group(1)
            out.append(Mention(b.start(1), b.end(1), "government", b.group(1), 0.8, "rules.bare_body",
                               {"full_name": full}))
    return out


#: Taiwan's press writes a firm after its line of business ending in 厂 (被动元件厂国巨, IC设计厂茂达, 晶圆代工厂台积电):
#: the short name that follows, up to a verb, a date or a mark, is a company
_TRADE_MAKER = re.compile(r"(?:IC|LED|PCB|设计|代工|元件|封测|记忆体|存储器|面板|晶片|芯片|晶圆|半导体|设备|材料|载板|矽|硅|电源管理|"
                          r"驱动|光电|封装|测试|模组|零组件)厂(?![商房区址长家])"
                          r"((?![今昨明将已于在位的是与和及也为对从自建预承待投兴扩动开量试营生产制设落启完进新再持计规筹一二三四五六七八九十])[\u4e00-\u9fff]{2,3}?)"
                          r"(?=[今昨宣表以的与和及将也于在已证指公董总发近获通预计斥拟对第前上下正再亦则是为、，。；\d\s（(])")


#: what follows 厂 on a page as often as a firm's name does (该晶圆厂项目, 芯片厂员工, 面板厂附近)
_AFTER_A_PLANT = frozenset({"项目", "员工", "附近", "人员", "工人", "厂区", "方面", "总部", "内部", "周边", "所在", "工程", "现场"})


def trade_makers(text: str, taken: list[Mention], language: str) -> list[Mention]:
    """The firms Taiwan's press names after their line of business (被动元件厂国巨), on pages in Traditional script,
    where no name is read yet and the words are a name (not 员工, 附近, 项目)."""
    if language != "zh-Hant":
        return []
    spans = [(m.start, m.end) for m in taken]
    out = []
    for m in _TRADE_MAKER.finditer(text):
        if m.group(1) in _AFTER_A_PLANT or not is_name(m.group(1)):
            continue
        if not any(s < m.end(1) and m.start(1) < e for s, e in spans):
            out.append(Mention(m.start(1), m.end(1), "company", m.group(1), 0.7, "rules.trade_maker", {}))
    return out


#: the words after a park's or a base's name that make it a project's name (…产业园项目20日开工, …封装基地开工项目现场)
_PROJECT_AFTER = re.compile(r"(?:[(（]?[一二三四五六七八九十]期[)）]?)?(?:开工|签约|建设|在建|续建|新建)?项目")
#: the endings of a site that a place alone can name (上海临港基地, 无锡工厂): a site, not an organisation
_SITE_FORMS = ("基地", "产业园", "园区", "工厂", "厂区", "中心")


def without_projects(orgs: list[Mention], text: str, index: RegionIndex | None) -> list[Mention]:
    """``orgs`` without the bases, parks and centres that are projects (三安光电第三代半导体产业园项目, 某集团南京测试中心
    项目: the name of a project, which lives on its events) or sites a place alone names (上海临港基地: a firm's site
    in a zone); the registry's organisations always stay."""
    out = []
    for m in orgs:
        if m.attrs.get("ref_id") or m.label not in ("park", "platform"):
            out.append(m)
            continue
        if _PROJECT_AFTER.match(text, m.end):
            out += _firm_opening(m)  # 三安光电第三代半导体产业园项目: the project names its firm
            continue
        form = next((f for f in _SITE_FORMS if m.surface.endswith(f)), None)
        core = m.surface[:-len(form)] if form else ""
        if core and index is not None and index.lookup(core):
            continue
        out.append(m)
    return out


def _firm_opening(m: Mention) -> list[Mention]:
    """The registry firm a project's name opens with (三安光电 of 三安光电第三代半导体产业园), as a mention of its own."""
    from ..reference.orgs import org_forms

    forms = org_forms()
    for k in range(min(8, len(m.surface) - 2), 1, -1):
        org = forms.get(m.surface[:k])
        if org is not None and org.type == "company":
            return [Mention(m.start, m.start + k, "company", m.surface[:k], 0.9, m.extractor,
                            {"ref_id": org.id, "canonical": org.name})]
    return []


#: a body of a country's government written after the country (日本政府, 美国商务部, 日本经济产业省, 韩国产业通商资源部)
_FOREIGN_BODY = re.compile(r"政府|国会|议会|(?:联邦|国家)?(?:商务|经济产业|外务|外交|财务|财政|国防|能源|贸易|产业通商资源|科学技术|科技"
                           r"|经济|工业|国土交通|总务|文部科学|贸易工业|通信|司法|国务)(?:部|省|厅|署|委员会)(?!长|官|员)")


def foreign_governments(orgs: list[Mention], places: list[Mention], text: str) -> list[Mention]:
    """The government bodies of a country abroad named after it (日本政府, 美国商务部), where no other name holds
    their characters."""
    countries = [p for p in places if p.attrs.get("level") == "country"]
    return _after_places(countries, orgs, text, _FOREIGN_BODY, "government", "rules.foreign_body")


def _after_places(places: list[Mention], orgs: list[Mention], text: str, words: re.Pattern[str], label: str,
                  extractor: str) -> list[Mention]:
    """Names made of a place and the ``words`` right after it, where no organisation already holds their
    characters."""
    taken = [(m.start, m.end) for m in orgs]
    out = []
    for p in places:
        b = words.match(text, p.end)
        if b is not None and not any(s < b.end() and p.start < e for s, e in taken):
            out.append(Mention(p.start, b.end(), label, text[p.start:b.end()], 0.8, extractor, {}))
    return out


#: the short name of a state investment platform after its place (亦庄国投, 光谷金控, 长江产投, 合肥建投), a whole
#: name only where a list, a clause or a bracket goes on after it
_PLATFORM = re.compile(r"(?:国投|产投|城投|建投|金控|创投|科投|高投|交投)(?=[、，,和及与；;。\s(（按以将在于等的]|$)")


def place_investors(orgs: list[Mention], places: list[Mention], text: str) -> list[Mention]:
    """State investment platforms named by their place and a short word of finance (亦庄国投, 光谷金控), where no other
    name holds their characters: investors, of type fund."""
    return _after_places(places, orgs, text, _PLATFORM, "fund", "rules.place_investor")
