"""Numbers of the collaboration layer written for people: 1000亿元, 10万人, 近3万人; in English 100 billion yuan.
Used by the web pages and the region brief."""
from __future__ import annotations

from typing import Any

UNIT_EN = {"人": "people", "人次": "person-times", "平方米": "m²", "片/月": "wafers/month", "家": "companies",
           "个": "", "项": "projects", "亿颗": "hundred million units", "颗": "units"}
QUALIFIER = {"nearly": ("近", "nearly "), "more than": ("超过", "over "), "about": ("约", "about "),
             "less than": ("不到", "under ")}
CURRENCY = {"CNY": ("元", "yuan"), "USD": ("美元", "US dollars"), "EUR": ("欧元", "euros"), "JPY": ("日元", "yen"),
            "HKD": ("港元", "HK dollars")}


def _num(x: float, sep: str = "") -> str:
    s = (f"{x:,.2f}" if sep else f"{x:.2f}").rstrip("0").rstrip(".")
    return s or "0"


def quantity(value: Any, unit: Any = None, lang: str = "zh", qualifier: Any = None) -> str:
    """A number with its unit for people to read: 1000亿元, 10万人, 近3万人; in English 100 billion yuan."""
    if value is None or value == "":
        return "—"
    try:
        v = float(value)
    except (TypeError, ValueError):
        return str(value)
    en = lang == "en"
    unit = str(unit or "")
    q = QUALIFIER.get(str(qualifier or ""), ("", ""))[1 if en else 0]
    if unit in CURRENCY:
        cur = CURRENCY[unit][1 if en else 0]
        if en:
            for size, word in ((1e9, "billion"), (1e6, "million")):
                if abs(v) >= size:
                    return f"{q}{_num(v / size, ',')} {word} {cur}"
            return f"{q}{_num(v, ',')} {cur}"
        for size, word in ((1e8, "亿"), (1e4, "万")):
            if abs(v) >= size:
                return f"{q}{_num(v / size)}{word}{cur}"
        return f"{q}{_num(v)}{cur}"
    if en:
        u = UNIT_EN.get(unit, unit)
        return f"{q}{_num(v, ',')}{' ' + u if u else ''}"
    for size, word in ((1e8, "亿"), (1e4, "万")):
        if abs(v) >= size:
            return f"{q}{_num(v / size)}{word}{unit}"
    return f"{q}{_num(v)}{unit}"
