"""Amounts of money and other quantities: converted into CNY at fixed rates, and written for people (75亿元,
3,000万元, 近3万人; in English 100 billion yuan).

Every face writes numbers through :func:`scaled`; the named styles below are the ones the web pages, the brief, the
collaboration layer and the command line use.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

#: Fixed conversion rates into CNY (yuan per unit), rounded yearly averages of 2023–2024 (State Administration of
#: Foreign Exchange central parity rates). Fixed on purpose: the totals of a past period must not move when the
#: market does. Amounts in other currencies are left out of the totals and counted as unconverted.
CNY_RATES: dict[str, float] = {"CNY": 1.0, "RMB": 1.0, "USD": 7.1, "EUR": 7.8, "GBP": 9.0, "HKD": 0.91, "TWD": 0.22,
                               "JPY": 0.048, "KRW": 0.0053, "SGD": 5.3}
#: Chinese and English words for large numbers, largest first.
ZH_SCALES: tuple[tuple[float, str], ...] = ((1e8, "亿"), (1e4, "万"))
EN_SCALES: tuple[tuple[float, str], ...] = ((1e9, "billion"), (1e6, "million"))
#: Currencies by their word in Chinese and in English.
CURRENCY = {"CNY": ("元", "yuan"), "USD": ("美元", "US dollars"), "EUR": ("欧元", "euros"), "JPY": ("日元", "yen"),
            "HKD": ("港元", "HK dollars")}
UNIT_EN = {"人": "people", "人次": "person-times", "平方米": "m²", "片/月": "wafers/month", "家": "companies",
           "个": "", "项": "projects", "亿颗": "hundred million units", "颗": "units"}
QUALIFIER = {"nearly": ("近", "nearly "), "more than": ("超过", "over "), "about": ("约", "about "),
             "less than": ("不到", "under ")}


#: Units of each currency per US dollar, yearly averages (rounded; CNY from the central parity, the others from
#: their central banks' yearly averages). A sum dated in one of these years is converted at its year's cross rate
#: through the dollar (:func:`to_cny_in`); other years take :data:`CNY_RATES`.
PER_USD_BY_YEAR: dict[int, dict[str, float]] = {
    2015: {"CNY": 6.23, "TWD": 31.9, "HKD": 7.75, "EUR": 0.90, "JPY": 121.0, "KRW": 1131.0, "SGD": 1.37, "GBP": 0.65},
    2016: {"CNY": 6.64, "TWD": 32.3, "HKD": 7.76, "EUR": 0.90, "JPY": 109.0, "KRW": 1161.0, "SGD": 1.38, "GBP": 0.74},
    2017: {"CNY": 6.75, "TWD": 30.4, "HKD": 7.79, "EUR": 0.89, "JPY": 112.0, "KRW": 1131.0, "SGD": 1.38, "GBP": 0.78},
    2018: {"CNY": 6.62, "TWD": 30.2, "HKD": 7.84, "EUR": 0.85, "JPY": 110.0, "KRW": 1100.0, "SGD": 1.35, "GBP": 0.75},
    2019: {"CNY": 6.90, "TWD": 30.9, "HKD": 7.84, "EUR": 0.89, "JPY": 109.0, "KRW": 1166.0, "SGD": 1.36, "GBP": 0.78},
    2020: {"CNY": 6.90, "TWD": 29.5, "HKD": 7.76, "EUR": 0.88, "JPY": 107.0, "KRW": 1180.0, "SGD": 1.38, "GBP": 0.78},
    2021: {"CNY": 6.45, "TWD": 28.0, "HKD": 7.77, "EUR": 0.85, "JPY": 110.0, "KRW": 1144.0, "SGD": 1.34, "GBP": 0.73},
    2022: {"CNY": 6.73, "TWD": 29.8, "HKD": 7.83, "EUR": 0.95, "JPY": 131.0, "KRW": 1292.0, "SGD": 1.38, "GBP": 0.81},
    2023: {"CNY": 7.08, "TWD": 31.2, "HKD": 7.83, "EUR": 0.92, "JPY": 140.0, "KRW": 1306.0, "SGD": 1.34, "GBP": 0.80},
    2024: {"CNY": 7.19, "TWD": 32.1, "HKD": 7.80, "EUR": 0.92, "JPY": 151.0, "KRW": 1364.0, "SGD": 1.34, "GBP": 0.78},
}


def to_cny_in(value: float | None, currency: str | None, year: int | None) -> float | None:
    """The amount in CNY at its year's cross rate (:data:`PER_USD_BY_YEAR`), else at the fixed rate; None when there
    is no amount or no rate for its currency."""
    code = (currency or "CNY").upper()
    code = "CNY" if code == "RMB" else code
    rates = PER_USD_BY_YEAR.get(year) if year is not None else None
    if not value or rates is None or (code != "USD" and code not in rates):
        return to_cny(value, currency)
    usd = float(value) if code == "USD" else float(value) / rates[code]
    return usd * rates["CNY"]


def to_cny(value: float | None, currency: str | None) -> float | None:
    """The amount in CNY at the fixed rate, or None when there is no amount or no rate for its currency."""
    if not value:
        return None
    rate = CNY_RATES.get((currency or "CNY").upper())
    return float(value) * rate if rate is not None else None


def number(x: float, spec: str) -> str:
    """``x`` written by a format spec (``,.4g``, ``,.2f``), or ``trim`` / ``trim,``: two decimals at most, trailing
    zeros dropped (``trim,`` with thousands separators)."""
    if spec.startswith("trim"):
        s = format(x, ",.2f" if spec == "trim," else ".2f").rstrip("0").rstrip(".")
        return s or "0"
    return format(x, spec)


def scaled(value: Any, unit: str = "", digits: str = ",.4g", plain: str | None = None,
           scales: Sequence[tuple[float, str]] = ZH_SCALES, gap: str = "", always: bool = False) -> str:
    """A number in the largest of ``scales`` it reaches, followed by ``unit``: 75亿元 (``—`` for no value).

    ``digits`` writes the scaled number, ``plain`` one below every scale (default ``digits``); ``gap`` goes between
    the number and the scale's word; with ``always``, a number below every scale is still written in the last one
    (0.35 亿元)."""
    if value is None or value == "":
        return "—"
    v = float(value)
    for i, (size, word) in enumerate(scales):
        if abs(v) >= size or (always and i == len(scales) - 1):
            return f"{number(v / size, digits)}{gap}{word}{unit}"
    return f"{number(v, plain or digits)}{unit}"


def money(value: Any, currency: str | None = "CNY") -> str:
    """An amount as the web pages write it: 75亿元, 3,000万元, 1.2亿美元; other currencies by their code."""
    if value is None:
        return "—"
    v = float(value)
    units: dict[str | None, str] = {None: "元", "": "元", **{c: words[0] for c, words in CURRENCY.items()}}
    unit = units.get(currency)
    if unit is None:
        return f"{number(v, ',.10g')} {currency}"
    return scaled(v, unit, plain=",.10g")


def yi_yuan(value: Any, currency: str | None = "CNY") -> str:
    """An amount as the brief's event list writes it: CNY in 亿元 (12.50 亿元), others in units of their code."""
    if (currency or "CNY") == "CNY":
        return scaled(value, "元", digits=",.2f", scales=ZH_SCALES[:1], gap=" ", always=True)
    return f"{number(float(value), ',.0f')} {currency}"


def yuan(value: Any) -> str:
    """A total in CNY as the command line writes it: 亿元 from 1e8 up, else 万元 (12.50 亿元, 300.00 万元)."""
    return scaled(value, "元", digits=",.2f", gap=" ", always=True)


def quantity(value: Any, unit: Any = None, lang: str = "zh", qualifier: Any = None) -> str:
    """A number with its unit for people to read: 1000亿元, 10万人, 近3万人; in English 100 billion yuan."""
    if value is None or value == "":
        return "—"
    try:
        float(value)
    except (TypeError, ValueError):
        return str(value)
    en = lang == "en"
    unit = str(unit or "")
    q = QUALIFIER.get(str(qualifier or ""), ("", ""))[1 if en else 0]
    if en and unit in CURRENCY:
        return q + scaled(value, f" {CURRENCY[unit][1]}", digits="trim,", scales=EN_SCALES, gap=" ")
    if en:
        u = UNIT_EN.get(unit, unit)
        return q + scaled(value, f" {u}" if u else "", digits="trim,", scales=())
    return q + scaled(value, CURRENCY[unit][0] if unit in CURRENCY else unit, digits="trim")
