"""Organisations named by the role a sentence gives them, where the name itself carries no organisation form.

Four shapes recur on Chinese investment news, and one on English:

- **investors of a round**: 由五源资本领投，字节跳动、聚华传新跟投，华业天成、源码资本等老股东持续加码: the names before
  领投, 跟投, 参投, 独家投资 or 等(老)股东/投资方/投资机构, one by one between 、, 和 and 及;
- **the firm of a project**: 显鋆晶圆测试及晶圆重构生产线项目, 欧智通半导体封测项目: a project is written as its firm's
  trade name followed by its line of business, so the two to four characters before the first line-of-business word
  are the firm, when they are no place and no line-of-business word themselves;
- **a firm defined by its business**: 耀颖光电为半导体光学整合元件制造商: the two to six characters that open a sentence
  before 为/是 and a maker, supplier, firm or company;
- **a firm written after its line of business**: 芯片设计公司聚芯微电子完成…: the two to six characters between the
  descriptor and the verb that follows;
- **English names in a role**: "a memory chip firm, Changxin Xinqiao", "invested … in Changxin Xinqiao", "a stake in
  rival WT Microelectronics": one to four capitalised words, no month, day, pronoun or country.

Every name found must pass :func:`icatlas.extract.org_names.is_name`, and none may overlap a place or an
organisation found already.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any
from functools import lru_cache

from ..model import Mention
from .org_names import _trade_words, is_name

VERSION = "orgs.roles.v16"
_NAME = r"(?:(?![和及与])[\u4e00-\u9fffA-Za-z0-9·]){2,12}?"  # a name holds no joiner: one way to split a list
_LIST = rf"{_NAME}(?:(?:、|和|及|与){_NAME}){{0,9}}"  # at most ten names: bounded work at each place
_INVESTORS = re.compile(
    rf"(?:(?<=由)|(?<=[，,；;。：:\s])|^)({_LIST})(?:等(?:多家)?(?:机构|投资方)?)?(?:共同|联合|继续|持续)?"
    rf"(?=领投|跟投|参投|独家投资|追加投资)"
    rf"|({_LIST})等(?:老|现有|原有)?(?:股东|投资方|投资机构|机构)", re.M)
_SPLIT = re.compile(r"、|和|及|与")
# a project in a list: after 分别是/分别为/包括, a colon, or 、 (the list's next item)
_PROJECT = re.compile(r"(?:(?<=[：:、])|(?<=分别是)|(?<=分别为)|(?<=包括)|(?<=[，,]以及))([\u4e00-\u9fff]{4,30}?)(?:项目|基地项目)")
# a firm a sentence opens by defining its business: 耀颖光电为半导体光学整合元件制造商, 某某是一家芯片设计企业
_DEFINED = re.compile(r"(?:^|(?<=[。！？!?]))\s*([\u4e00-\u9fff]{2,6}?)(?:为|是)(?:一家|国内|全球|知名|领先的|专业的?)?"
                      r"[^，。；,;\n]{0,24}?(?:制造商|供应商|厂商|服务商|企业|公司)(?=[，。；,;])", re.M)
# a firm written after its line of business (芯片设计公司聚芯微电子完成…, 晶圆代工厂力积电宣布…): the name runs from the
# descriptor to the verb that follows it
_AFTER_TRADE = re.compile(r"(?:(?:芯片|晶圆|半导体|集成电路|IC)(?:设计|制造|封测|代工|设备|材料)"
                          r"|(?:二极体|二极管|功率元件|功率器件|记忆体|存储器|面板|被动元件|矽晶圆|硅晶圆|封测|载板)(?:制造)?)"
                          r"(?:公司|企业|厂商|厂|大厂|龙头)"
                          r"(?!纷纷|均|都|也|还|正|已经|相继|陆续|积极|之一|们)"
                          r"([\u4e00-\u9fffA-Za-z]{2,6}?)(?=完成|宣布|获得|发布|公布|与|在|于|今|昨|近日|日前|已|将|表示|的|正式|再度|成功"
                          r"|董事会|公告|指出|不超过|子公司|旗下)")
# the firm a sentence buys (收购安世半导体的交易, 公开收购…台湾茂矽电子不超过1900万股, 并购X100%股权): the two to eight
# characters after the verb, up to a stake, a share count, the deal or the clause's end
_ACQUIRED = re.compile(r"(?:收购|并购|购并|收购了|并购了)([\u4e00-\u9fffA-Za-z]{2,8}?)"
                       r"(?=的?(?:全部|部分|\d|约|逾|超过|不超过|股权|股份|控股权|交易))")
# a group's member named after the word for it (鸿海集团旗下的鸿扬半导体与…): a firm of the trade it names
_MEMBER = re.compile(r"(?:旗下|下属|控股子公司|全资子公司|子公司)(?:的)?([\u4e00-\u9fff]{2,8}?(?:半导体|微电子|集成电路|电子|科技|光电|"
                     r"精密|芯片|晶圆|材料))(?=[与和及、，。在将已于宣]|有限|股份)")
#: words no acquired firm's name holds: the deal's own words
_DEAL_WORDS = re.compile(r"完成|重组|事项|协议|预计|提供|方式|计划|价格|代价|对价|要约|方案|合并|整合|以后|之后|之前|日期|公告|决议|董事")
# English: a capitalised name in a role (… a memory chip firm, Changxin Xinqiao; invested … in X; signed … with X;
# a stake in X), one to four capitalised words
_EN_NAME = r"((?:[A-Z][A-Za-z0-9&'-]*)(?:\s+[A-Z][A-Za-z0-9&'-]*){0,3})"
_EN_ROLE = re.compile(
    r"\b(?:firm|company|chipmaker|chip maker|maker|startup|start-up|subsidiary|unit|manufacturer|supplier|designer|"
    r"foundry|distributor|rival|partner),\s+(?:the\s+)?" + _EN_NAME
    # an appositive without a comma: "semiconductor manufacturer GlobalFoundries", "chipmaker Hua Hong"
    + r"|\b(?:chipmaker|chip maker|manufacturer|foundry|maker|giant|startup|start-up|designer|supplier)\s+" + _EN_NAME
    + r"|\b(?:invested|injected|poured)\b[^.;\n]{0,50}?\binto?\s+(?:the\s+)?(?:[a-z-]+\s+){0,4}?" + _EN_NAME
    + r"|\bstake\s+in\s+(?:the\s+)?(?:rival\s+)?" + _EN_NAME
    # the one a round is for: "led the 150 million yuan B round for Nationalchip"
    + r"|\b(?:round|funding|financing)\s+(?:for|in|into)\s+(?:the\s+)?" + _EN_NAME
    # the firm bought: "agreed to buy Newport Wafer Fab", "acquired rival X"
    + r"|\b(?:acquire|acquired|acquires|acquiring|buy|buys|bought|purchase|purchased|take over|took over|takes over)\s+"
      r"(?:the\s+)?(?:rival\s+|chipmaker\s+|chip maker\s+|startup\s+)?" + _EN_NAME
    # the sentence's subject before its act: "Nexperia, owned by …, has agreed to buy", "Moore Threads raised …"
    + r"|(?:^|(?<=[.!?]\s))" + _EN_NAME + r"(?=(?:,[^,.;\n]{3,60},)?\s+(?:has\s+|have\s+|had\s+)?"
      r"(?:agreed to (?:buy|acquire|purchase)|acquired|bought|raised|secured|completed|closed|signed|invested|broke ground"
      r"|began (?:building|construction|mass production)|started (?:building|construction|mass production)|opened)\b)",
    re.M)
# the investors of a round, listed: "led by China Mobile and Legend Capital", "with participation from A, B and C"
_EN_BACKERS = re.compile(r"\b(?:led by|co-led by|participation (?:of|from)|backed by|joined by|followed by)\s+"
                         r"((?:(?:the\s+)?[A-Z][A-Za-z0-9&'-]*(?:\s+[A-Z][A-Za-z0-9&'-]*){0,3}(?:,\s+|,?\s+and\s+)?)+)")
_EN_BACKER = re.compile(r"(?:the\s+)?([A-Z][A-Za-z0-9&'-]*(?:\s+[A-Z][A-Za-z0-9&'-]*){0,3})")
#: capitalised words that open no name: months, days, pronouns, places written as nationalities
_EN_NOT_NAME = re.compile(r"^(?:The|This|That|These|Its|It|Their|January|February|March|April|May|June|July|August|"
                          r"September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
                          r"Sunday|China|Chinese|Taiwan|Taiwanese|US|U\.S|American|Japan|Japanese|Korea|Korean|"
                          r"Europe|European|Beijing|Shanghai|Shenzhen|Hong Kong|Anhui|Hefei)\b")
#: a name followed by its stock code in brackets (宏光半導體(06908.HK), 中芯国际（688981.SH）, 台积电(2330.TW))
_TICKER = re.compile(r"(?<![\u3400-\u9fff])(?:港股|A股|美股|台股|沪市|深市|旗下|子公司)?([\u3400-\u9fff]{2,12})\s*[（(]\s*"
                     r"(?:股票代码[:：]\s*\d{4,6}|\d{4,5}\s*\.\s*(?:HK|SH|SZ|TW|TWO|BJ)|\d{6}(?:\.(?:SH|SZ|BJ))?"
                     r"|(?!19\d\d|20\d\d)\d{4})\s*[)）]")
#: the generic head word that closes an English firm's name (Sinovation Ventures, Acme Capital)
_EN_HEAD_END = re.compile(r"\s+(?:Ventures|Capital|Partners|Investments|Group|Holdings|Corp|Corporation|Co|Inc|Ltd|"
                          r"Limited|Technologies|Technology|Semiconductors?|Electronics|Microelectronics)\.?$")
#: English words that open many names and name no firm alone
_COMMON_STEMS = frozenset("""United National Advanced General International Global Applied Integrated Digital
Pacific Asia Asian American European Northern Southern Eastern Western Central First New Great Royal Standard
Universal Power Energy Smart Future Silicon Semiconductor Micro Tech""".split())
#: Words that open a clause rather than a trade name (推动…项目, 聚焦…项目).
_VERBS = re.compile(r"^(?:共同|携手|一同|分别|推动|推进|聚焦|承接|加快|加速|建设|实施|引进|落地|签约|支持|围绕|重点|意向|存量|战略|新增|新建|扩建|开工|投产|"
                    r"谋划|储备|招引|打造|布局|发展|培育|其中|以及|还有|包括|接着|举行|举办|召开|发布|推出|启动|参加|出席)")


#: words that open a description of what is bought, not a firm's name (pointing and counting words: is_name refuses)
_POINTING_WORD = re.compile(r"^(?:部分|全部|海外|境外|国外|国内|优质|同行|标的|目标|资产|股权|股份|公司|企业)")


def occupied(length: int, held: list[Mention]) -> bytearray:
    """A map of the characters the ``held`` mentions cover (1 where one does), for overlap tests in linear time."""
    used = bytearray(length + 1)
    for m in held:
        used[max(0, m.start):max(0, m.end)] = b"\x01" * (max(0, m.end) - max(0, m.start))
    return used


def find_role_orgs(text: str, taken: list[Mention]) -> list[Mention]:
    """Companies a sentence names by their role (investors of a round, the firm of a project); see the module."""
    out: list[Mention] = []
    used = occupied(len(text), taken)  # the characters a place, an organisation or a name found here already holds

    # a region that opens a firm's name named after its trade or bought (台湾 of 台湾茂矽电子) does not keep the name
    # from being found
    opening_region = {m.start: m.end for m in taken if m.label == "region"}
    held = occupied(len(text), [m for m in taken if m.label != "region"])

    def free(s: int, e: int, region_head: bool = False) -> bool:
        head = opening_region.get(s, s) if region_head else s
        if s < 0 or any(used[head:e]) or any(held[s:head]):
            return False
        used[s:e] = b"\x01" * (e - s)
        return True

    for m in _TICKER.finditer(text):  # 宏光半导体(06908.HK): a name quoted with its stock code is a listed firm
        s, e = m.start(1), m.end(1)
        if is_name(m.group(1)) and not _VERBS.match(m.group(1)) and free(s, e, True):
            out.append(Mention(s, e, "company", m.group(1), 0.6, VERSION, {"role": "listed"}))
    for m in _INVESTORS.finditer(text):
        group = 1 if m.group(1) else 2
        start = m.start(group)
        for part in _SPLIT.split(m.group(group)):
            part = part.removeprefix("由")
            s = text.find(part, start)
            e = s + len(part)
            start = e
            if len(part) >= 2 and is_name(part) and free(s, e) and not _trade_words_only(part):
                out.append(Mention(s, e, "company", part, 0.5, VERSION, {"role": "investor"}))
    for m in _PROJECT.finditer(text):
        brand = _brand(m.group(1))
        if brand is None or _VERBS.match(brand):
            continue
        s = m.start(1)
        e = s + len(brand)
        if free(s, e) and is_name(brand):
            out.append(Mention(s, e, "company", brand, 0.5, VERSION, {"role": "project firm"}))
    for m in _AFTER_TRADE.finditer(text):
        s, e = m.start(1), m.end(1)
        name = m.group(1)
        if not _VERBS.match(name) and is_name(name) and not _trade_words_only(name) and free(s, e, True):
            out.append(Mention(s, e, "company", name, 0.5, VERSION, {"role": "named after its trade"}))
    for m in _EN_ROLE.finditer(text):
        g = next(k for k in range(1, _EN_ROLE.groups + 1) if m.group(k))
        s, e = m.start(g), m.end(g)
        name = m.group(g)
        if _EN_NOT_NAME.match(name) or len(name) < 3 or (g == _EN_ROLE.groups and not _named_elsewhere(text, name, s)) \
                or not free(s, e):
            continue
        out.append(Mention(s, e, "company", name, 0.5, VERSION, {"role": "named in a role"}))
    for m in _EN_BACKERS.finditer(text):
        for b in _EN_BACKER.finditer(text, m.start(1), m.end(1)):
            s, e = b.start(1), b.end(1)
            name = b.group(1)
            # a place or a month alone is none; China Mobile, a name the place opens, is one
            if (" " not in name and _EN_NOT_NAME.match(name)) or len(name) < 3 or not free(s, e):
                continue
            out.append(Mention(s, e, "company", name, 0.5, VERSION, {"role": "named in a role"}))
    for m in _MEMBER.finditer(text):
        s, e = m.start(1), m.end(1)
        name = m.group(1)
        if not _VERBS.match(name) and not _POINTING_WORD.match(name) and is_name(name) \
                and not _trade_words_only(name) and free(s, e, True):
            out.append(Mention(s, e, "company", name, 0.5, VERSION, {"role": "member of a group"}))
    for m in _ACQUIRED.finditer(text):
        s, e = m.start(1), m.end(1)
        name = m.group(1)
        if not _VERBS.match(name) and not _POINTING_WORD.match(name) and not _DEAL_WORDS.search(name) and is_name(name) \
                and not _trade_words_only(name) and free(s, e, True):
            out.append(Mention(s, e, "company", name, 0.5, VERSION, {"role": "acquired"}))
    for m in _DEFINED.finditer(text):
        s, e = m.start(1), m.end(1)
        name = m.group(1)
        if any(used[e:m.end()]):
            continue  # 业主为绍兴中芯集成电路制造股份有限公司: the firm is the one after 为, named already
        if not _VERBS.match(name) and is_name(name) and not _trade_words_only(name) and free(s, e):
            out.append(Mention(s, e, "company", name, 0.5, VERSION, {"role": "defined firm"}))
    return out


def _named_elsewhere(text: str, name: str, at: int) -> bool:
    """Whether a sentence's subject is a name, not a common word capitalised at the sentence's start (They, Sales,
    Pre-orders): two words or more, a capital or a digit inside the word (YMTC, GlobalFoundries), or the word written
    with its capital inside a sentence elsewhere on the page."""
    if " " in name or any(c.isupper() or c.isdigit() for c in name[1:]):
        return True
    lo = max(0, at - _ELSEWHERE_REACH)
    for k in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text[lo:at + _ELSEWHERE_REACH]):
        start = lo + k.start()
        before = text[max(0, start - 3):start].rstrip(" \"“'‘(")
        if start != at and before and before[-1] not in ".!?\n":
            return True
    return False


#: how far from a sentence's subject its name is looked for again (bounded work per subject)
_ELSEWHERE_REACH = 4000


def _trade_words_only(name: str) -> bool:
    from .org_names import _only_trade_words

    return _only_trade_words(name)


@lru_cache(maxsize=1)
def _word_set() -> tuple[frozenset[str], int]:
    words = frozenset(w for w in _trade_words() if len(w) >= 2)
    return words, max((len(w) for w in words), default=0)


def _brand(project: str) -> str | None:
    """The trade name a project's name opens with: two to four characters followed by a line-of-business word,
    or by a city and then one."""
    words, longest = _word_set()
    for k in (2, 3, 4):
        brand, rest = project[:k], project[k:]
        if len(rest) < 2 or any(brand[i:j] in words for i in range(k) for j in range(i + 2, k + 1)):
            continue
        rest = _after_place(rest)  # 华景传感绍兴封装基地项目: the brand, the city, then the business
        if any(rest[:n] in words for n in range(2, min(longest, len(rest)) + 1)):
            return brand
    return None


def _after_place(rest: str) -> str:
    """``rest`` without a city or district written at its start (绍兴封装 → 封装)."""
    from ..reference.regions import regions

    index = regions()
    for n in (4, 3, 2):
        if len(rest) > n + 1 and index.lookup(rest[:n]):
            return rest[n:]
    return rest


#: an organisation's leading acronym that pages use alone after naming it in full (WPG Holdings Co … WPG holds …)
_ACRONYM = re.compile(r"^([A-Z][A-Z0-9&]{1,5})\s+[A-Z]")
_NOT_ACRONYMS = {"US", "UK", "EU", "IC", "AI", "IT", "HK", "PRC", "ROC", "USA", "CEO", "GDP", "EDA", "LED", "OLED",
                 "IPO", "SME", "R&D", "ICT", "TV", "ASEAN", "NT", "RMB", "USD", "NT$", "CN", "TW"}


def later_acronyms(text: str, orgs: list[Mention], taken: list[Mention]) -> list[Mention]:
    """The later mentions of an organisation by the acronym its English name opens with, each linked to the full
    name (``canonical``): WPG Holdings Co (大聯大投資控股) … WPG's board … in which WPG holds a 70 percent share."""
    used = occupied(len(text), [*orgs, *taken])
    out: list[Mention] = []
    seen: set[str] = set()
    for org in sorted(orgs, key=lambda m: m.start):
        m = _ACRONYM.match(org.surface)
        if m is None or m.group(1) in _NOT_ACRONYMS or m.group(1) in seen:
            continue
        seen.add(m.group(1))
        full = str(org.attrs.get("canonical") or org.surface)
        for k in re.finditer(rf"(?<![\w&$-]){re.escape(m.group(1))}(?![\w&-])", text[org.end:]):
            s, e = org.end + k.start(), org.end + k.end()
            if not any(used[s:e]):
                used[s:e] = b"\x01" * (e - s)
                out.append(Mention(s, e, org.label, m.group(1), 0.6, VERSION, {"canonical": full, "role": "acronym"}))
    return out


def other_occurrences(text: str, orgs: list[Mention], taken: list[Mention]) -> list[Mention]:
    """Every other place the page writes an organisation's name found once (聚芯微电子 read after 芯片设计公司 in the lede,
    then written alone: 聚芯微电子几乎以一年一轮的速度…), as a mention of the same organisation. Names of three or
    more characters (four in Latin letters), the longest first, none inside a word or another mention."""
    names: dict[str, Mention] = {}
    for m in orgs:
        if m.label in ("person",) or len(m.surface) < 3 or (m.surface.isascii() and len(m.surface) < 4):
            continue
        names.setdefault(m.surface, m)
        stem = _EN_HEAD_END.sub("", m.surface) if m.surface.isascii() else ""
        if len(stem) >= 5 and stem != m.surface and not _EN_NOT_NAME.match(stem) and stem not in _COMMON_STEMS:
            # Sinovation Ventures, then Sinovation: the firm without its head word (not United, National, …)
            names.setdefault(stem, Mention(m.start, m.end, m.label, stem, m.confidence, m.extractor,
                                           {**m.attrs, "canonical": m.attrs.get("canonical") or m.surface}))
    if not names:
        return []
    used = occupied(len(text), [*orgs, *taken])
    by_first: dict[str, list[str]] = {}
    for name in sorted(names, key=len, reverse=True):
        by_first.setdefault(name[0], []).append(name)
    out: list[Mention] = []
    for ch, group in by_first.items():  # each name's first character, then at most a few names there
        at = text.find(ch)
        while at >= 0:
            hit = next((n for n in group[:20] if text.startswith(n, at)), None)
            if hit is not None and not any(used[at:at + len(hit)]) and not (
                    hit.isascii() and (text[at - 1:at].isalnum() or text[at + len(hit):at + len(hit) + 1].isalnum())):
                used[at:at + len(hit)] = b"\x01" * len(hit)
                first = names[hit]
                out.append(Mention(at, at + len(hit), first.label, hit, first.confidence, first.extractor,
                                   dict(first.attrs)))
            at = text.find(ch, at + 1)
    return sorted(out, key=lambda m: m.start)



#: an item of a list after an organisation (紫光展锐(超60亿元)、芯盟科技(数十亿元)、…): a short name ending in a trade word,
#: followed by what the list says of it in brackets, the next item or the list's end
_NEXT_ITEM = re.compile(r"\s*(?:[（(][^（）()\n]{0,16}[)）])?\s*、\s*([\u4e00-\u9fff]{1,6}?(?:科技|半导体|微电子|电子|光电|"
                        r"芯片|材料|装备|智能|集团|股份|车联网|存储|精密|晶圆))(?=\s*(?:[（(]|、|等|和|及|与|[，。；]))")


def list_siblings(text: str, orgs: list[Mention], taken: list[Mention]) -> list[Mention]:
    """The items of a list that goes on from a found organisation, written as firms are (a short name and a trade
    word): 芯盟科技 and 晟碟半导体 after 紫光展锐 in a ranking. Each item carries the list on."""
    ends = [m.end for m in orgs if m.label not in ("person", "region")]
    return _list_items(text, ends, occupied(len(text), [*orgs, *taken]), _NEXT_ITEM,
                       lambda m: is_name(m.group(1)) and not _VERBS.match(m.group(1)), carry_on_all=True)


def _list_items(text: str, ends: list[int], used: bytearray, item: re.Pattern[str], accept: Callable[[re.Match[str]], bool],
                carry_on_all: bool) -> list[Mention]:
    """The items ``item`` reads one after another from each of ``ends`` (where a found firm ends), as companies,
    where ``accept`` takes them and no other name holds their characters; an item carries the list on when it is
    taken (or, with ``carry_on_all``, whenever it is read)."""
    out: list[Mention] = []
    todo = sorted(ends, reverse=True)
    seen: set[int] = set()
    while todo:
        end = todo.pop()
        if end in seen:
            continue
        seen.add(end)
        m = item.match(text, end)
        if m is None:
            continue
        s, e = m.start(1), m.end(1)
        if accept(m) and not any(used[s:e]):
            used[s:e] = b"\x01" * (e - s)
            out.append(Mention(s, e, "company", m.group(1), 0.5, VERSION, {"role": "listed with firms"}))
            todo.append(e)
        elif carry_on_all:
            todo.append(e)
    return out


#: an English list going on from a found firm (TSMC, Powerchip Semiconductor and Vanguard were investing …): the next
#: item, one to four capitalised words, up to the list's next mark or its verb
_EN_NEXT_ITEM = re.compile(r"(?:,\s+|\s+and\s+|,\s+and\s+)((?:[A-Z][\w&.-]*\s+){0,3}[A-Z][\w&.-]*)"
                           r"(?=\s*(?:,|\band\b|\b(?:were|are|was|is|have|has|had|will|would|each|all|both|jointly)\b|[(.;]))")
#: capitalised words that open no firm's name in such a list: titles, days, months
_EN_NOT_FIRM = re.compile(r"(?:Chairman|President|Vice|Chief|CEO|Minister|Mayor|Governor|Secretary|Director|Premier|"
                          r"Mr|Ms|Dr|Professor|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|"
                          r"February|March|April|May|June|July|August|September|October|November|December|The|This|"
                          r"These|Its|Their|It|They|He|She|We)\b")


def english_siblings(text: str, orgs: list[Mention], taken: list[Mention], index: Any) -> list[Mention]:
    """The items of an English list that goes on from a found firm (TSMC, Powerchip Semiconductor and Vanguard), as
    firms, when an item is no place, no person and no title or day. Each found item carries the list on."""
    def accept(m: re.Match[str]) -> bool:
        name = m.group(1)
        # one plain word (Science, Industrial) is no firm's name; an acronym or RongSemi may be
        return not (_EN_NOT_FIRM.match(name) or (index is not None and index.lookup(name))
                    or (" " not in name and not any(c.isupper() or c.isdigit() for c in name[1:])))

    ends = [m.end for m in orgs if m.label == "company" and m.surface.isascii()]
    return _list_items(text, ends, occupied(len(text), [*orgs, *taken]), _EN_NEXT_ITEM, accept, carry_on_all=False)
