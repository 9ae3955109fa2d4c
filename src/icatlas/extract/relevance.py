"""IC relevance of a document: a score with its reasons.

Evidence for: the chain taxonomy's terms (equipment, materials, fabs, packaging, design), the core words of the
field (芯片, 集成电路, 半导体, 晶圆, semiconductor ...), and known IC organisations from the reference data. The
title counts double (it states the main subject). Evidence against: the homonyms and neighbouring industries that
share words with the field (a city's "芯片" as a metaphor, 果芯 and 笔芯, solar silicon, LED lighting, display
panels, phone launches). A document is relevant when the score reaches ``THRESHOLD``; users can override the call.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..reference.chain import chain
from ..model import OFF_TOPIC_SCORE
from ..reference.orgs import reference_orgs

VERSION = "relevance.v3"
THRESHOLD = 2.0
#: at or below this score a page is plainly about something else (solar cells and batteries, display panels …): its
#: extraction lists no events and no figures (:meth:`icatlas.model.Document.as_contract`)
OFF_TOPIC = OFF_TOPIC_SCORE

CORE = ["芯片", "集成电路", "积体电路", "半导体", "晶圆", "微电子", "積體電路", "集成電路", "半導體", "晶圓", "晶片", "微電子",
        "semiconductor", "semiconductors", "integrated circuit", "integrated circuits", "chipmaker", "chipmakers",
        "chip", "chips", "wafer", "wafers", "foundry", "foundries", "chipmaking", "chip-making", "大基金", "Big Fund",
        "SEMICON", "fab", "fabs", "probe card", "probe cards", "probe-card", "probe-cards"]
# words that name the field only next to a metaphor or another industry
NEGATIVE = [
    (re.compile(r"[“\"'‘「][^”\"'’」]{0,4}芯片[”\"'’」]|(?:是|成为|做)[^，。；,.]{0,12}的[“\"'‘「]?芯片"), 3.0,
     "metaphorical 芯片"),
    (re.compile(r"光伏|太阳能|太陽能|photovoltaic|solar", re.I), 3.0, "solar photovoltaic"),
    (re.compile(r"(?<![A-Za-z])(?:LED|Mini ?LED|Micro ?LED)(?![A-Za-z])|照明"), 3.0, "LED lighting or displays"),
    (re.compile(r"(?:显示|顯示)?面板|液晶|OLED|AMOLED|LCD", re.I), 2.0, "display panels"),
    (re.compile(r"(?:发布|發表|发表|推出|上市|开售|亮相)[^。]{0,12}(?:手机|手機|笔电|筆電|笔记本|平板|电脑|電腦|手表|学习机|新车|SUV)|"
                r"(?:手机|手機|笔电|筆電|平板|电脑|新车|车型)[^。]{0,20}搭载|搭载[^。]{0,12}处理器|smartphone launch", re.I),
     2.0, "consumer product launch"),
    (re.compile(r"(?:blue|potato|casino|bargaining|chocolate|wood)[- ]chips?|microchipped|pet microchip", re.I), 3.0,
     "non-semiconductor 'chip'"),
    (re.compile(r"宠物芯片|植入[^。]{0,8}(?:芯片|晶片)|(?:芯片|晶片)植入|ETC卡?芯片|(?:社保卡|银行卡|身份证|卡片|门禁卡)[^。]{0,10}芯片|"
                r"(?:垃圾|厨余|污水)处理器|半导体(?:制冷|激光)|集成(?:灶|吊顶)"), 3.0,
     "a product that only contains or borrows the word"),
    (re.compile(r"(?:动漫|文化|文旅|影视|cultural|animation)[^。，,.]{0,8}IP", re.I), 3.0, "cultural IP"),
    (re.compile(r"篮球|足球|联赛|志愿者|家庭日|園遊會|园游会|运动会|運動會|马拉松|公益|捐建|捐赠|献血|植树|食堂|美食节|"
                r"消防|应急演练|football|basketball|charity|volunteer|marathon", re.I), 3.0,
     "not the company's business"),
    (re.compile(r"电池|電池|battery", re.I), 2.0, "batteries"),
    # wafers or plants sized in gigawatts are solar (a 50 GW wafer plant), capacity in watt-hours is batteries
    (re.compile(r"\d\s*(?:GW|MW|GWh|MWh)(?![A-Za-z])|\d\s*(?:吉瓦|兆瓦)"), 3.0, "energy capacity in watts"),
    (re.compile(r"三大指数|指数集体|板块普遍|[、,][^，。、]{1,6}[、,][^，。、]{1,6}等板块"), 1.5, "a market wrap of many sectors"),
    (re.compile(r"售价|起售价|售價|price[sd]? (?:from|at)|priced", re.I), 1.0, "a product's price"),
]
_GENERIC_TERMS = {"IC", "AI", "IP", "MCU"}


@dataclass
class Relevance:
    score: float
    relevant: bool
    reasons: list[str] = field(default_factory=list)


@lru_cache(maxsize=1)
def _terms() -> tuple[dict[str, tuple[float, str]], frozenset[str]]:
    """Every positive signal (lower case) → (weight, reason), and the prefixes of the signals, for one scan."""
    terms: dict[str, tuple[float, str]] = {}
    for node in chain().nodes.values():
        if node.stage == "applications":
            continue  # end uses (AI, computing, cars) mention chips in passing: no evidence of the chain itself
        for t in node.terms:
            if len(t) < 2 or t in _GENERIC_TERMS or "LED" in t:
                continue  # LED lighting and display chips are their own chain (the relevance rules' B4)
            terms.setdefault(t.lower(), (1.5, f"chain term {t} ({node.id})"))
    for t in CORE:
        terms[t.lower()] = (1.0, f"core word {t}")
    for org in reference_orgs():
        for name in org.names():
            if len(name) >= 3 or (len(name) >= 2 and not name.isascii()):
                terms.setdefault(name.lower(), (2.0, f"known IC organisation {org.name}"))
    prefixes = frozenset(t[:k] for t in terms for k in range(1, len(t)))
    return terms, prefixes


def _signals(text: str) -> tuple[float, list[str]]:
    """Each distinct signal once, longest match first at each place; Latin terms only as whole words."""
    terms, prefixes = _terms()
    low = text.lower()
    n = len(low)
    score, reasons, seen = 0.0, [], set()
    i = 0
    while i < n:
        best = 0
        j = i + 1
        while j <= n:
            piece = low[i:j]
            if piece in terms and (not piece[0].isascii() or _word_edges(low, i, j)):
                best = j
            if piece not in prefixes:
                break
            j += 1
        if best:
            w, why = terms[low[i:best]]
            if why not in seen:
                seen.add(why)
                score += w
                reasons.append(why)
            i = best
        else:
            i += 1
    return score, reasons


def _word_edges(text: str, i: int, j: int) -> bool:
    return (i == 0 or not text[i - 1].isalnum() or not text[i - 1].isascii()) and \
        (j == len(text) or not text[j].isalnum() or not text[j].isascii())


def _simplified(text: str) -> str:
    from ..normalise.script import converter

    return converter("t2s").convert(text) if text else text


def _penalties(text: str) -> tuple[float, list[str]]:
    score, reasons = 0.0, []
    for pat, w, why in NEGATIVE:
        if w and pat.search(text):
            score += w
            reasons.append(why)
    return score, reasons


def relevance(text: str, title: str | None = None) -> Relevance:
    """The IC relevance of a document from its title and body text (either may be empty; either script)."""
    title = _simplified(title or "")
    text = _simplified(text)
    if not title and len(text) <= 300:
        title, text = text, ""  # a headline or short item is all main subject
    t_score, t_reasons = _signals(title)
    b_score, b_reasons = _signals(text)
    pos = 2 * t_score + min(b_score, 6.0)
    neg, neg_reasons = _penalties(f"{title}\n{text}")
    score = round(pos - neg, 2)
    reasons = list(dict.fromkeys([f"title: {r}" for r in t_reasons] + [r for r in b_reasons if r not in t_reasons]
                                 + [f"against: {r}" for r in neg_reasons]))
    return Relevance(score, score >= THRESHOLD, reasons)
