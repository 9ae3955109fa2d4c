"""Dates, money, percentages and counts with their qualifiers, as mentions carrying parsed values."""
from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable
from datetime import date

from ..dates import EN_DMY, EN_MDY, ISO, MONTHS, RELATIVE_DAYS, RELATIVE_YEARS, ROC_DATE, cn_number, shift, valid
from ..model import Mention

VERSION = "quantities.rules.v29"

# A number starts where its digit run starts (never after a digit, nor after a digit and a separator): a match that
# fails inside a run of 20,000 digits is then tried once, not from each of them (which was quadratic).
_DIGITS = r"(?<!\d)(?<!\d[,.])\d+(?:,\d{3})*(?:\.\d+)?"
_CN_DIGITS = "零〇一二两三四五六七八九十廿卅百千万亿点"
_MULT = {"兆": 1e12, "万亿": 1e12, "千亿": 1e11, "百亿": 1e10, "亿": 1e8, "千万": 1e7, "百万": 1e6, "万": 1e4, "千": 1e3, "百": 1e2,
         "trillion": 1e12, "billion": 1e9, "million": 1e6, "thousand": 1e3, "bn": 1e9, "mn": 1e6, "m": 1e6,
         "b": 1e9, "tn": 1e12}
_CURRENCY = {"元": "CNY", "人民币": "CNY", "美元": "USD", "美金": "USD", "港元": "HKD", "港币": "HKD", "欧元": "EUR",
             "日元": "JPY", "日圆": "JPY", "新台币": "TWD", "台币": "TWD", "韩元": "KRW", "yuan": "CNY", "RMB": "CNY", "CNY": "CNY",
             "USD": "USD", "US$": "USD", "$": "USD", "HK$": "HKD", "dollars": "USD", "euros": "EUR", "NT$": "TWD", "T$": "TWD",
             "NTD": "TWD", "TWD": "TWD", "HKD": "HKD", "EUR": "EUR", "€": "EUR", "JPY": "JPY", "¥": "CNY",
             "Taiwan dollars": "TWD", "New Taiwan dollars": "TWD", "NT dollars": "TWD", "Hong Kong dollars": "HKD",
             "US dollars": "USD", "renminbi": "CNY", "yen": "JPY", "won": "KRW", "£": "GBP", "GBP": "GBP",
             "pounds": "GBP", "pounds sterling": "GBP", "英镑": "GBP", "SGD": "SGD", "S$": "SGD", "Singapore dollars": "SGD"}
_CURRENCY_LOWER = {k.lower(): v for k, v in _CURRENCY.items()}
_QUAL = {"近": "nearly", "将近": "nearly", "接近": "nearly", "约": "about", "大约": "about", "超": "more than",
         "超过": "more than", "逾": "more than", "多": "more than", "余": "more than", "以上": "more than",
         "达": None, "不到": "less than", "不足": "less than", "nearly": "nearly", "almost": "nearly",
         "about": "about", "around": "about", "over": "more than", "more than": "more than", "less than": "less than"}

# a sum with a second part after its scale (3亿5000万元, 3兆4400亿元, 2万8000元): the part is read in the next scale
# (Taiwan's financial press sets the parts apart with spaces: 新台幣 3 兆 8,090 億 5,400 萬元, a third part included)
_PART = r"(?:\s?(\d,\d{3}|\d{1,4}(?:\.\d+)?|[零〇一二两三四五六七八九十百千]{1,6})\s?(亿|千万|百万|万|千)?)?"
_THIRD_PART = r"(?:\s?(\d,\d{3}|\d{1,4})\s?(千万|百万|万|千))?"
MONEY = re.compile(
    rf"(人民币|港币|港元|新台币|台币|美元)?\s*({_DIGITS}|(?<![{_CN_DIGITS}])[{_CN_DIGITS}]+)\s*(兆|万亿|千亿|百亿|亿|千万|百万|万)?"
    rf"{_PART}{_THIRD_PART}\s*(多|余)?\s*"
    r"(元|美元|美金|港元|港币|欧元|日元|日圆|新台币|台币|韩元|英镑)"
)
# US$2.89 billion, RMB 5 billion, NT$1.51 trillion, $1.8bn, 14.56 billion yuan, 300 billion New Taiwan dollars
_EN_CUR_BEFORE = r"US\$|HK\$|NT\$|S\$|(?<![A-Za-z])T\$|\$|€|£|¥|RMB|CNY|USD|NTD|TWD|HKD|EUR|JPY|GBP|SGD"
# (a sum written as an adjective takes the singular: a 5.5-billion-U.S. dollar project, a 2-billion-dollar plant)
_EN_CUR_AFTER = (r"yuan|renminbi|New Taiwan dollars?|Taiwan dollars?|NT dollars?|Hong Kong dollars?|U\.S\. dollars?"
                 r"|US dollars?|dollars?|euros?|yen|won|pounds sterling|pounds|Singapore dollars?")
_EN_MAG = r"trillion|billion|million|thousand|bn|mn|tn|m|b"
_A_YEAR = re.compile(r"(?:19|20)\d\d")
EN_MONEY = re.compile(
    rf"(?<![A-Za-z])({_EN_CUR_BEFORE})\s?({_DIGITS})(?:-(?=(?:{_EN_MAG})(?![A-Za-z]))|\s*)({_EN_MAG})?(?![A-Za-z])"
    rf"|(?<![\w.])({_DIGITS})(?:\s*|-)(trillion|billion|million|thousand)?(?:\s+|-)({_EN_CUR_AFTER})\b",
    re.I,
)
PERCENT = re.compile(rf"(近|超过|超|逾|约|达|more than|over|nearly|about|almost)?\s*({_DIGITS})\s*(%|％|percent)", re.I)
#: the words of a fall right before a percentage (同比下降, 年减, 衰退, fell by, a minus sign)
_DECLINE = re.compile(r"(?:下降|下滑|减少|降低|下跌|萎缩|回落|衰退|减|跌|\b(?:declined|declines|decline|fell|falls|dropped|"
                      r"drops|decreased|decreases|down))\s*(?:了|约|近|by|about|nearly)?\s*$|(?<![\d.%％])-\s*$", re.I)
CN_PERCENT = re.compile(r"(近|超过|超|逾|约)?百分之([\d.]+|[零一二三四五六七八九十百]+)")
COUNT = re.compile(
    rf"(将近|接近|近|超过|超|逾|约|达|不到|不足)?({_DIGITS}|[{_CN_DIGITS}]{{1,6}})(万亿|千亿|百亿|亿|千万|百万|万)?"
    r"((?:\d{1,4}|\d,\d{3})(?=平方|人|名|家|个|片)|(?:\d{1,4}|[一二两三四五六七八九]{1,4})[千百](?=平方|人|名|家|个|片))?(多|余)?"
    r" ?(名|人|项|家|个|台|座|所|条|件|款|种|片|颗|轮|平方米|平方公尺|平米|公顷|亩|吨|套|位|次|场|起|宗|笔"
    r"|股(?!东|权|份|票|市|价|本))(?!民)"
)
#: units written another way on some pages, as the figures keep them
_UNIT_AS = {"平方公尺": "平方米", "平米": "平方米"}
CN_SCALE = re.compile(r"(十|百|千|万)(万|亿)(人才|人|规模|产值|空间|平方米)")
EN_COUNT = re.compile(rf"\b(nearly|almost|about|over|more than|less than)\s+({_DIGITS})\s*(thousand|million)?\s+([a-z]+)", re.I)
# a count of firms, projects or members in English without a qualifier (held by 19 shareholders)
EN_COUNT_BARE = re.compile(rf"(?<![\w.,$])(\d{{1,3}}(?:,\d{{3}})*(?:\.\d+)?)(?:\s+(million|thousand|billion))?\s+"
                           r"(?:(?!(?:million|thousand|billion|trillion)\b)[A-Za-z0-9-]+\s+(?:and\s+)?){0,3}?"
                           r"(shareholders|companies|firms|enterprises|projects|fabs|plants|factories|members|investors"
                           r"|patents|institutions|universities|startups|shares|wafers)\b", re.I)
CN_DATE_MD = re.compile(r"(?<![\d年])(?<!年\s)(\d{1,2}|[一二三四五六七八九十]{1,3})\s?月\s?(\d{1,2}|[一二三四五六七八九十]{1,3})\s?日")
CN_DATE_YM = re.compile(r"((?:19|20)\d\d)\s?年\s?(\d{1,2})\s?月(?!\s?\d{1,2}\s?日)")
CN_YEAR = re.compile(r"((?:19|20)\d\d)年(?!\d{1,2}月)")
# a day of the month without its month (28日顺利封顶, 3日于高雄): the publish date's month, or the month before
DAY_ONLY = re.compile(r"(?<![\d月年号/.\-第每近数前后])(\d{1,2})日(?=[，,、\s]|[上下中凌晚早]午?|在|于|举行|召开|举办|正式|顺利"
                      r"|宣布|发布|表示|签|开|启|落|完成|通过|公告|晚间|起"
                      # 24日与…签署, 9日赴…考察, 3日出席: the day, then who acts with whom or goes where
                      r"|与|同|跟|赴|抵|率|出席|参加|会见|走访|视察|考察|拜访)")
REL_DAY = re.compile(r"(今天|今日|昨天|昨日|前天|明天)(?:[(（](\d{1,2})日[)）])?")
# 今(17)日, 昨(16)日: the day of the month inside the word (Taiwan's papers)
REL_DAY_INSIDE = re.compile(r"(今|昨|前|明)[(（](\d{1,2})[)）]日")
_REL_WORD = {"今": "今天", "昨": "昨天", "前": "前天", "明": "明天"}
REL_YEAR = re.compile(r"今年|去年|前年|明年|last year|this year")
# English month and day without a year (on May 10) and a weekday (on Friday), read against the publish date
# a month of a year (in September 2018), and a month alone (at a special meeting in April), read against the publish date
EN_MY = re.compile(r"\b(?:in|since|from|until|by|during|of|early|late|mid-)\s*([A-Z][a-z]{2,8})\.?,?\s+((?:19|20)\d\d)\b")
_EN_ABBR = {"Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"}
#: a month and day without a year (Dec 20, on December 20th, 20 December): the year the publish date gives
EN_MD_BARE = re.compile(r"\b([A-Z][a-z]{2,8})\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b(?![.,]?\d|,?\s*(?:19|20)\d\d"
                        r"|\s*(?:%|percent|per cent|billion|million|firms|companies|projects|units|plants|people))")
EN_DM_BARE = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Z][a-z]{2,8})\b(?!\.?,?\s*(?:19|20)\d\d)")
EN_M = re.compile(r"\b(?:[Ii]n|[Ss]ince|[Ff]rom|[Uu]ntil|[Bb]y|[Dd]uring|[Ee]arly|[Ll]ate|[Mm]id-)\s*([A-Z][a-z]{2,8})\b(?!\.?,?\s*\d)")
EN_MD = re.compile(r"\b(?:on|since|from|until|by)\s+([A-Z][a-z]{2,8})\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b(?!,?\s*(?:19|20)\d\d)")
EN_REL_DAY = re.compile(r"\b(the day before yesterday|yesterday|today)\b(?!['’]s|\s+(?:is|are)\b)", re.I)
EN_REL_DAYS = {"the day before yesterday": -2, "yesterday": -1, "today": 0}
EN_WEEKDAY = re.compile(r"\b(on|last|this|This|Last|On)\s+(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


_CN_DIGIT_VALUES = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
                    "九": 9}


def _scaled(value: float, scale: str) -> float:
    """``value`` times each 万 and 亿 of ``scale`` (一六六亿, 三点五万亿)."""
    for c in scale:
        value *= 1e4 if c == "万" else 1e8
    return value


def cn_value(s: str) -> float | None:
    """A number written with Arabic or Chinese digits (1,234.5 / 三千 / 2700 / 十万) as a float."""
    s = s.replace(",", "").replace(" ", "")
    try:
        return float(s)
    except ValueError:
        pass
    digits = _CN_DIGIT_VALUES
    head = s.rstrip("万亿")
    if len(head) >= 2 and all(c in digits for c in head):  # 一六六, 一六六亿: written digit by digit
        return _scaled(float("".join(str(digits[c]) for c in head)), s[len(head):])
    if "点" in s:  # 三点五亿, 1.2万亿 is handled above
        whole, _, frac = s.partition("点")
        tail = frac.rstrip("万亿")
        scale = frac[len(tail):]
        if not tail or not all(c in digits for c in tail):
            return None
        whole_value = cn_value(whole) if whole else 0.0
        if whole_value is None:
            return None
        return _scaled(whole_value + float("0." + "".join(str(digits[c]) for c in tail)), scale)
    units = {"十": 10, "百": 100, "千": 1000, "廿": 20, "卅": 30}
    big = {"万": 1e4, "亿": 1e8}
    total, section, num = 0.0, 0.0, 0.0
    for c in s:
        if c in digits:
            num = digits[c]
        elif c in ("廿", "卅"):
            section += units[c]
        elif c in units:
            section += (num or 1) * units[c]
            num = 0
        elif c in big:
            total += (section + num) * big[c]
            section, num = 0, 0
        else:
            return None
    return total + section + num


# a Traditional page about Taiwan (its places, its science parks) counts in New Taiwan dollars unless it says 人民币
_TAIWAN = re.compile(r"台湾|台北|新竹|台中|台南|高雄|桃园|新北|苗栗|竹科|中科|南科|经济部|立法院")
_MAINLAND_MONEY = re.compile(r"人民币|RMB")


# places of the mainland a page is about (its provinces and their capitals, and the words of its administration)
_MAINLAND = re.compile(r"北京|上海|天津|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|"
                       r"海南|四川|贵州|云南|陕西|甘肃|青海|内蒙古|广西|西藏|宁夏|新疆|深圳|苏州|南京|杭州|合肥|武汉|"
                       r"成都|西安|厦门|无锡|晋江|国务院|发改委|工信部|人民政府")


#: a Hong Kong market page (a ticker on the Hong Kong exchange, 港股): its bare 元 are Hong Kong dollars
_HK_MARKET = re.compile(r"\b\d{4,5}\.HK\b|港交所|香港交易所|联交所|聯交所")


def page_yuan(text: str, language: str | None) -> str:
    """The currency of a bare 元 on this page: ``HKD`` on a Traditional page of the Hong Kong market (a .HK ticker,
    the exchange) and ``TWD`` on a Traditional page about Taiwan (it names Taiwan's places more often than the mainland's),
    when it never says 人民币; else ``CNY``."""
    if language == "zh-Hant" and not _MAINLAND_MONEY.search(text):
        if _HK_MARKET.search(text):
            return "HKD"
        taiwan = len(_TAIWAN.findall(text))
        if taiwan and taiwan >= len(_MAINLAND.findall(text)):
            return "TWD"
    return "CNY"


def find_quantities(text: str, published: str | None, yuan: str = "CNY") -> list[Mention]:
    """Date, money, percent and count mentions, each with ``attrs['value']`` and friends; ``yuan``: the currency
    of a bare 元 (:func:`page_yuan`)."""
    out: list[Mention] = []
    out += _dates(text, published)
    out += _money(text, yuan)
    for m in PERCENT.finditer(text):
        share = float(m.group(2).replace(",", "")) / 100
        if _DECLINE.search(text, max(0, m.start() - 12), m.start()):
            share = -share  # 同比下降35.9%, 年减6.7%, fell 5%, -2.128%: a fall is written as a negative change
        out.append(_mk(m, "percent", share, "percent", _QUAL.get((m.group(1) or "").lower())))
    for m in CN_PERCENT.finditer(text):
        v = cn_value(m.group(2))
        if v is not None:
            out.append(_mk(m, "percent", v / 100, "percent", _QUAL.get(m.group(1) or "")))
    taken = [(x.start, x.end) for x in out]
    for m in COUNT.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        v = cn_value(m.group(2))
        if v is None or (m.group(2).isdigit() and len(m.group(2)) == 4 and m.group(6) in ("年", "起")):
            continue
        if m.group(4) and m.group(3) != "万":
            continue  # digits after a scale are only read after 万 (2万8000平方公尺 = 28,000)
        part = 0.0
        if m.group(4):  # 2万8000, 1万2千
            head, tail = (m.group(4)[:-1], m.group(4)[-1]) if m.group(4)[-1] in "千百" else (m.group(4), "")
            part = (cn_value(head.replace(",", "")) or 0.0) * {"千": 1e3, "百": 1e2}.get(tail, 1)
        v = v * _MULT.get(m.group(3) or "", 1) + part
        qual = _QUAL.get(m.group(1) or "") or _QUAL.get(m.group(5) or "")
        if qual is None and text.startswith(("以上", "余"), m.end()):
            qual = "more than"  # 50家以上
        out.append(_mk(m, "count", v, _UNIT_AS.get(m.group(6), m.group(6)), qual))
        taken.append((m.start(), m.end()))
    for m in CN_SCALE.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        taken.append((m.start(), m.end()))
        v = units_value(m.group(1)) * _MULT[m.group(2)]
        unit = "CNY" if m.group(3) in ("规模", "产值") else ("人" if m.group(3).startswith("人") else m.group(3))
        out.append(_mk(m, "count", v, unit, None))
    for m in EN_COUNT.finditer(text):
        v = float(m.group(2).replace(",", "")) * _MULT.get((m.group(3) or "").lower(), 1)
        out.append(_mk(m, "count", v, m.group(4), _QUAL.get(m.group(1).lower())))
        taken.append((m.start(), m.end()))
    for m in EN_COUNT_BARE.finditer(text):  # held by 19 shareholders, 12 state-owned and private shareholders
        v = float(m.group(1).replace(",", "")) * _MULT.get((m.group(2) or "").lower(), 1)
        if any(s < m.end() and m.start() < e for s, e in taken) or (len(m.group(1)) == 4 and 1900 <= v <= 2100) \
                or ("." in m.group(1) and not m.group(2)):
            continue
        out.append(_mk(m, "count", v, m.group(3).lower(), None))
    return sorted(out, key=lambda x: x.start)


def units_value(c: str) -> float:
    return {"十": 10.0, "百": 100.0, "千": 1000.0, "万": 1e4}[c]


def _mk(m: re.Match[str], label: str, value: float | str | None, unit: str | None, qualifier: str | None) -> Mention:
    return Mention(m.start(), m.end(), label, m.group(0), 0.9, VERSION,
                   {"value": value, "unit": unit, "qualifier": qualifier})


def _second_part(digits: str | None, scale_word: str | None, scale: float) -> float | None:
    """The value of the part after a sum's scale (5000万 in 3亿5000万, 8000 in 2万8000), or None when it cannot
    follow that scale (a part as large as the scale itself)."""
    if not digits:
        return 0.0 if not scale_word else None
    if scale == 1:
        return None  # a second part needs a scale before it
    v = cn_value(digits.replace(",", ""))  # 1兆1,729亿: Taiwan's papers group the part's digits
    if v is None:
        return None
    v *= _MULT.get(scale_word or "", 1)
    return v if v < scale else None


def _said_before(sums: list[tuple[int, str, bool]], text: str, at: int) -> str | None:
    """The currency of the sum written right before ``at`` in the same sentence, within 120 characters (``sums``:
    end, currency, whether the currency was named), when it was named and is not the yuan. Only the nearest sum is
    looked at: the cost stays flat however many sums a text holds."""
    if not sums:
        return None
    end, cur, named = sums[-1]
    if not named or cur == "CNY" or end > at or at - end > 120 or re.search(r"[。！？\n]", text[end:at]):
        return None
    return cur


def _money(text: str, yuan: str = "CNY") -> list[Mention]:
    out = []
    sums: list[tuple[int, str, bool]] = []  # each sum's end, currency and whether its currency was named
    matches = deque(MONEY.finditer(text))
    while matches:
        m = matches.popleft()
        if text.endswith(("数", "几", "若干"), 0, m.start()):
            continue  # 数亿元, 几千万元: a sum not said
        bare = m.group(2).strip("亿万千百十") == ""  # 近亿元, 超亿元, 千万元: one of the scale
        v = cn_value("一" + m.group(2)) if bare else cn_value(m.group(2))
        if v is None or v == 0:
            continue
        scale = _MULT.get(m.group(3) or "", 1)
        part = _second_part(m.group(4), m.group(5), scale)
        if part is None:
            # no second part after all (5亿5亿元): the sum is read again from where that part starts
            again = MONEY.match(text, m.start(4)) if m.group(4) else None
            if again is not None and again.end() == m.end():
                matches.appendleft(again)
            continue
        third = _second_part(m.group(6), m.group(7), _MULT.get(m.group(5) or "", 1)) if m.group(6) else 0.0
        if third is None:
            # no third part after all (3亿5000万 300万元): the sum is read again from where that part starts
            again = MONEY.match(text, m.start(6))
            if again is not None and again.end() == m.end():
                matches.appendleft(again)
            continue
        v = v * scale + part + third
        # 港币5000万元, 新台币120亿元: the currency written before the number wins over the bare 元
        cur_word = m.group(9)
        cur = _CURRENCY[m.group(1)] if m.group(1) and cur_word == "元" else _CURRENCY[cur_word]
        if cur_word == "元" and not m.group(1):
            # 以每股新台币22元收购…，交易总金额约15.1亿元: a bare 元 after a sum in another currency in the same
            # sentence is that currency
            said = _said_before(sums, text, m.start())
            cur = said if said is not None else yuan
        sums.append((m.end(), cur, not (cur_word == "元" and not m.group(1))))
        out.append(_mk(m, "money", v, cur, "more than" if m.group(8) else None))
    for m in EN_MONEY.finditer(text):
        if not m.group(1) and not m.group(5) and _A_YEAR.fullmatch(m.group(4)) and not m.group(6).endswith("s"):
            continue  # in 2016 dollar terms: a year, not a sum
        if m.group(1):
            digits, mult, cur = m.group(2), m.group(3), _CURRENCY_LOWER.get(m.group(1).lower(), "USD")
        else:
            word = " ".join(m.group(6).split()).lower().replace("u.s.", "us")
            digits, mult, cur = m.group(4), m.group(5), _CURRENCY_LOWER.get(word, _CURRENCY_LOWER.get(word + "s", "USD"))
        if mult and len(mult) == 1 and m.group(0)[-2:-1].isspace():
            mult = ""  # "$5 m" is not read as millions: only a letter written onto the number is
        value = float(digits.replace(",", "")) * _MULT.get((mult or "").lower(), 1)
        out.append(_mk(m, "money", value, cur, None))
    return out


#: a report's own date in its dateline (本报9月14日讯, 新华社南京10月16日电)
_DATELINE_DAY = re.compile(r"^[^\n。]{0,30}?(\d{1,2})月(\d{1,2})日(?:讯|电)")


def _dateline_day(text: str, published: str | None) -> str | None:
    """The day a report was filed, from its dateline, when that is at most ten days before the publish date."""
    m = _DATELINE_DAY.search(text[:200].lstrip())
    if m is None or not published:
        return None
    y, mo, d = int(published[:4]), int(m.group(1)), int(m.group(2))
    if (mo, d) > (int(published[5:7]), int(published[8:10])):
        y -= 1
    if not valid(y, mo, d):
        return None
    gap = (date.fromisoformat(published) - date(y, mo, d)).days
    return f"{y:04d}-{mo:02d}-{d:02d}" if 0 <= gap <= 10 else None


#: a year on its own after a word that makes it a time (in 2014, since 2019, at the end of 2016, by 2025), not a
#: year inside a name or a figure's label (the 2023 Summit, 2024 revenue)
EN_YEAR = re.compile(r"\b(?:[Ii]n|[Ss]ince|[Bb]y|[Dd]uring|[Uu]ntil|[Tt]hrough|(?:[Ee]nd|[Ss]tart|[Bb]eginning|[Mm]iddle) of|"
                     r"[Ee]arly|[Ll]ate|[Mm]id-?)\s+((?:19|20)\d\d)\b(?![-–/.]?\d|\s*(?:%|percent|billion|million))")


def _dates(text: str, published: str | None) -> list[Mention]:
    out: list[Mention] = []
    year = published[:4] if published else None
    for m in ISO.finditer(text):
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if valid(y, mo, d):
            out.append(_mk(m, "date", f"{y:04d}-{mo:02d}-{d:02d}", "day", None))
    for m in EN_MDY.finditer(text):
        mon = MONTHS.get(m.group(1).lower())
        if mon and valid(int(m.group(3)), mon, int(m.group(2))):
            out.append(_mk(m, "date", f"{int(m.group(3)):04d}-{mon:02d}-{int(m.group(2)):02d}", "day", None))
    for m in EN_DMY.finditer(text):
        mon = MONTHS.get(m.group(2).lower())
        if mon and valid(int(m.group(3)), mon, int(m.group(1))):
            out.append(_mk(m, "date", f"{int(m.group(3)):04d}-{mon:02d}-{int(m.group(1)):02d}", "day", None))
    taken = [(x.start, x.end) for x in out]
    free = lambda m: not any(s < m.end() and m.start() < e for s, e in taken)  # noqa: E731
    for m in EN_MY.finditer(text):
        mon = MONTHS.get(m.group(1).lower())
        if mon and free(m) and valid(int(m.group(2)), mon):
            out.append(_mk(m, "date", f"{int(m.group(2)):04d}-{mon:02d}", "month", None))
    taken = [(x.start, x.end) for x in out]
    for m in EN_YEAR.finditer(text):  # established in 2014, at the end of 2016: the year alone
        if free(m) and not any(s < m.end(1) and m.start(1) < e for s, e in taken):
            out.append(Mention(m.start(1), m.end(1), "date", m.group(1), 0.9, VERSION,
                               {"value": m.group(1), "unit": "year", "qualifier": None}))
    if published and len(published) >= 10:
        for m, mon_s, day_s in [*((m, m.group(1), m.group(2)) for m in EN_MD_BARE.finditer(text)),
                                *((m, m.group(2), m.group(1)) for m in EN_DM_BARE.finditer(text))]:
            mon, day = MONTHS.get(mon_s.lower()), int(day_s)
            if mon and free(m) and (len(mon_s) > 3 or mon_s == "May" or text[m.start() + 3:m.start() + 4] == "."
                                    or mon_s in _EN_ABBR):
                y0 = int(published[:4]) if (mon, day) <= (int(published[5:7]), int(published[8:10])) else int(published[:4]) - 1
                if valid(y0, mon, day):
                    out.append(_mk(m, "date", f"{y0:04d}-{mon:02d}-{day:02d}", "day", "relative"))
                    taken.append((m.start(), m.end()))
    if published and len(published) >= 7:
        py, pm = int(published[:4]), int(published[5:7])
        for m in EN_M.finditer(text):
            mon = MONTHS.get(m.group(1).lower())
            if mon and free(m) and (len(m.group(1)) > 3 or m.group(1) == "May"):
                y0 = py if mon <= pm else py - 1  # a month after the publish month is last year's
                out.append(_mk(m, "date", f"{y0:04d}-{mon:02d}", "month", "relative"))
    out += _years_and_months(text, free)
    for m in CN_DATE_MD.finditer(text):
        mo_n, d_n = cn_number(m.group(1)), cn_number(m.group(2))
        if free(m) and mo_n and d_n and 1 <= mo_n <= 12:
            mo, d = mo_n, d_n
            yr = _year_before(text, m.start()) or _nearest_year(published, mo, d)
            if yr and valid(int(yr), mo, d):
                out.append(_mk(m, "date", f"{int(yr):04d}-{mo:02d}-{d:02d}", "day", None))
            elif valid(2000, mo, d):
                partial = _mk(m, "date", None, "day", None)
                partial.attrs["month_day"] = f"{mo:02d}-{d:02d}"
                out.append(partial)
    full = published if published and len(published) >= 10 else None  # a page dated to the month only (2018-03)
    full = _dateline_day(text, full) or full  # 本报9月14日讯…今天上午: today is the day the report was filed
    for m in DAY_ONLY.finditer(text):
        if free(m) and full and published:
            py, pm, day = int(published[:4]), int(published[5:7]), int(m.group(1))
            if day > int(published[8:10]):  # a day after the publish day is last month's
                py, pm = (py, pm - 1) if pm > 1 else (py - 1, 12)
            if valid(py, pm, day):
                out.append(_mk(m, "date", f"{py:04d}-{pm:02d}-{day:02d}", "day", "relative"))
    if full:
        out += _days_against(text, full, free)
    for m in CN_YEAR.finditer(text):
        if free(m):
            out.append(_mk(m, "date", m.group(1), "year", None))
    for m in [*REL_DAY.finditer(text), *REL_DAY_INSIDE.finditer(text)]:
        value = shift(full, days=RELATIVE_DAYS[_REL_WORD.get(m.group(1), m.group(1))])
        if value and m.group(2) and int(value[8:]) != int(m.group(2)):
            value = value[:8] + f"{int(m.group(2)):02d}" if valid(int(value[:4]), int(value[5:7]), int(m.group(2))) else value
        out.append(_mk(m, "date", value, "day", "relative"))
    out += _relative_years(text, published)
    return out


def _years_and_months(text: str, free: Callable[[re.Match[str]], bool]) -> list[Mention]:
    """Dates in the Republic of China's years (103年12月31日: 1911 years on), and a year's month (2023年7月)."""
    out: list[Mention] = []
    for m in ROC_DATE.finditer(text):
        roc, month, day_s = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(4), m.group(5), m.group(6))
        y, mo = int(roc) + 1911, int(month)
        day = int(day_s) if day_s else None
        if free(m) and valid(y, mo, day):
            out.append(_mk(m, "date", f"{y:04d}-{mo:02d}" + (f"-{day:02d}" if day else ""), "day" if day else "month",
                           None))
    for m in CN_DATE_YM.finditer(text):
        if free(m) and valid(int(m.group(1)), int(m.group(2))):
            out.append(_mk(m, "date", f"{int(m.group(1)):04d}-{int(m.group(2)):02d}", "month", None))
    return out


def _relative_years(text: str, published: str | None) -> list[Mention]:
    """今年, 去年, last year, read against the publish date; with a month (and day) after them, that month (day)."""
    out: list[Mention] = []
    for m in REL_YEAR.finditer(text):
        year = f"{int(published[:4]) + RELATIVE_YEARS[m.group(0).lower()]:04d}" if published else None
        month = _REL_MONTH.match(text, m.end())
        mo = (cn_number(month.group(1)) or 0) if month else 0
        if month and year and 1 <= mo <= 12:
            # 今年7月, 去年10月底, 今年7月18日: the month (or the day) of that year
            day = int(month.group(2)) if month.group(2) else 0
            value, unit = (f"{year}-{mo:02d}-{day:02d}", "day") if day and valid(int(year), mo, day) \
                else (f"{year}-{mo:02d}", "month")
            out.append(Mention(m.start(), month.end(), "date", text[m.start():month.end()], 0.9, VERSION,
                               {"value": value, "unit": unit, "qualifier": "relative"}))
            continue
        out.append(_mk(m, "date", year, "year", "relative"))
    return out


_REL_MONTH = re.compile(r"(\d{1,2}|十[一二]?|[一二三四五六七八九])月(?:(\d{1,2})\s*[日号]|份|底|初|中旬|上旬|下旬)?"
                        r"(?!\s?[至到\-—~－])")  # (今年1月至10月: a span, not its first month)


# 上周六, 本周三, 周五, 星期五 (not 下周: a day to come)
CN_WEEKDAY = re.compile(r"(?<![下每隔])(上|本|这)?(?:周|星期|礼拜)([一二三四五六日天])(?![年末度期刊报])")
_CN_WEEKDAYS = "一二三四五六日"


def _days_against(text: str, published: str, free: Callable[[re.Match[str]], bool]) -> list[Mention]:
    """English days without a year, yesterday and weekdays, and Chinese weekdays (上周六), read against a full
    publish date."""
    out: list[Mention] = []
    py, pm, pd = int(published[:4]), int(published[5:7]), int(published[8:10])
    if valid(py, pm, pd):
        pub = date(py, pm, pd)
        for m in CN_WEEKDAY.finditer(text):
            if not free(m):
                continue
            idx = _CN_WEEKDAYS.index(m.group(2).replace("天", "日"))
            monday = pub.toordinal() - pub.weekday()
            if m.group(1) == "上":
                day = monday - 7 + idx  # 上周六: the Saturday of the week before
            elif m.group(1):
                day = monday + idx  # 本周三: this week's
            else:
                day = pub.toordinal() - (pub.weekday() - idx) % 7  # 周五: the last Friday up to the page's day
            if day <= pub.toordinal():
                out.append(_mk(m, "date", date.fromordinal(day).isoformat(), "day", "relative"))
    for m in EN_MD.finditer(text):
        mon = MONTHS.get(m.group(1).lower())
        if not mon or not free(m):
            continue
        day = int(m.group(2))
        y0 = py if (mon, day) <= (pm, pd) else py - 1  # a day after the publish date is last year's
        if valid(y0, mon, day):
            out.append(_mk(m, "date", f"{y0:04d}-{mon:02d}-{day:02d}", "day", "relative"))
    for m in EN_REL_DAY.finditer(text):  # Taipei Times, Reuters: "yesterday participated in …"
        if free(m) and valid(py, pm, pd):
            out.append(_mk(m, "date", shift(published, days=EN_REL_DAYS[m.group(1).lower()]), "day", "relative"))
    for m in EN_WEEKDAY.finditer(text):
        if not free(m) or not valid(py, pm, pd):
            continue
        diff = date(py, pm, pd).weekday() - _WEEKDAYS.index(m.group(2).lower())
        if m.group(1).lower() == "this" and diff < 0:
            continue  # "this Friday" in a Wednesday's news is to come
        back = diff % 7
        if back == 0 and m.group(1).lower() == "last":
            back = 7  # "on Friday" in a Friday's news is that day; "last Friday" the week before
        out.append(_mk(m, "date", shift(published, days=-back), "day", "relative"))
    return out


# a reposted story: a happening with its year in its name that the text calls yesterday's or today's
# (昨天的2019中国(绍兴)第二届集成电路产业峰会上) tells the story's own year when the page is dated later
_STORY_ANCHOR = re.compile(r"(昨天|昨日|今天|今日)(?:的|举行的|召开的|开幕的|举办的|闭幕的)?\s*((?:19|20)\d\d)年?"
                           r"[^，。；！？,;!?\n]{0,30}?(?:峰会|大会|论坛|博览会|展览会|年会|交易会|洽谈会|推介会|发布会)")


def story_reference(text: str, published: str | None) -> str | None:
    """The date a page's own words are told from. Usually the publish date; on a story reposted in a later year,
    the day it was first told: its year from a year-named happening the text calls yesterday's or today's, its day
    from the text's first month and day (the lede's), plus one when that happening was yesterday's."""
    if not published or len(published) < 10:
        return published
    m = _STORY_ANCHOR.search(text)
    if m is None or int(m.group(2)) >= int(published[:4]):
        return published
    year = int(m.group(2))
    for md in CN_DATE_MD.finditer(text):
        mo, d = cn_number(md.group(1)), cn_number(md.group(2))
        if _year_before(text, md.start()) is None and mo and d and valid(year, mo, d):
            day = date(year, mo, d).toordinal() + (1 if m.group(1).startswith("昨") else 0)
            return date.fromordinal(day).isoformat()
    return published


def _nearest_year(published: str | None, month: int, day: int) -> str | None:
    """The year that puts a month and day nearest the publish date (11月16日 on a page of 2021-01-19 is 2020's)."""
    if not published:
        return None
    py = int(published[:4])
    if len(published) == 7 and valid(py, int(published[5:7])):
        return str(py if month <= int(published[5:7]) else py - 1)  # a page of March: 11月16日 is last year's
    if len(published) < 10 or not valid(py, int(published[5:7]), int(published[8:10])):
        return published[:4]
    ref = date(py, int(published[5:7]), int(published[8:10]))
    years = [y for y in (py - 1, py, py + 1) if valid(y, month, day)]
    if not years:
        return None
    return str(min(years, key=lambda y: (abs((date(y, month, day) - ref).days), -y)))


def _year_before(text: str, i: int) -> str | None:
    m = re.search(r"((?:19|20)\d\d)年(?:\d{1,2}月)?$", text[max(0, i - 8):i])
    return m.group(1) if m else None
