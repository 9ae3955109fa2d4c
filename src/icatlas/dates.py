"""Dates written in Chinese and English, absolute or relative to a publish date."""
from __future__ import annotations

import re
from datetime import date, timedelta

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], start=1)}
MONTHS.update({k[:3]: v for k, v in list(MONTHS.items())})
MONTHS["sept"] = 9

_CN_NUM = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}

# (a space may stand at either side of 年 and 月: 2025 年 3 月 3 日)
ISO = re.compile(r"(?<!\d)((?:19|20)\d\d)(?:[-/.]|\s?年)\s?(\d{1,2})(?:[-/.]|\s?月)(?:\s(?=\d{1,2}\s?[日号]))?(\d{1,2})"
                 r"(?:\s?[日号])?(?!\d)")  # (a space before the day only when 日 follows: 2023 年 7 月 3 家企业 is no day)
#: a date in the Republic of China's years, as Taiwan's government pages write them (103年12月31日, 民國103年12月31日):
#: a year of three digits, or of two after 民国; the Gregorian year is 1911 more
ROC_DATE = re.compile(r"(?:民国|民國)\s?(\d{2,3})\s?年\s?(\d{1,2})\s?月(?:\s?(\d{1,2})\s?日)?"
                      # without 民国, only a whole day (公司成立110年 5月上市 is no date)
                      r"|(?<![\d.])(1[0-4]\d)\s?年\s?(\d{1,2})\s?月\s?(\d{1,2})\s?日")
EN_MDY = re.compile(r"\b([A-Z][a-z]{2,8})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b")
EN_DMY = re.compile(r"\b(\d{1,2})\s+([A-Z][a-z]{2,8})\.?,?\s+((?:19|20)\d\d)\b")


def valid(y: int, m: int, d: int | None = None) -> bool:
    try:
        date(y, m, d or 1)
    except ValueError:
        return False
    return 1900 <= y <= 2100


def find_full_date(text: str) -> tuple[str, int, int] | None:
    """The first complete date (YYYY-MM-DD) in ``text``, with its span."""
    best: tuple[str, int, int] | None = None
    for m in ISO.finditer(text):
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if valid(y, mo, d):
            best = (f"{y:04d}-{mo:02d}-{d:02d}", m.start(), m.end())
            break
    for pat, order in ((EN_MDY, "mdy"), (EN_DMY, "dmy")):
        for m in pat.finditer(text):
            if order == "mdy":
                mon, d, y = MONTHS.get(m.group(1).lower()), int(m.group(2)), int(m.group(3))
            else:
                d, mon, y = int(m.group(1)), MONTHS.get(m.group(2).lower()), int(m.group(3))
            if mon and valid(y, mon, d) and (best is None or m.start() < best[1]):
                best = (f"{y:04d}-{mon:02d}-{d:02d}", m.start(), m.end())
                break
    return best


def cn_number(s: str) -> int | None:
    """A small Chinese or Arabic number (up to 99) as an int."""
    if s.isdigit():
        return int(s)
    if not s or any(c not in _CN_NUM for c in s):
        return None
    if s == "十":
        return 10
    if s.startswith("十"):
        return 10 + _CN_NUM[s[1]]
    if len(s) == 2 and s[1] == "十":
        return _CN_NUM[s[0]] * 10
    if len(s) == 3 and s[1] == "十":
        return _CN_NUM[s[0]] * 10 + _CN_NUM[s[2]]
    if len(s) == 1:
        return _CN_NUM[s]
    return None


RELATIVE_DAYS = {"今天": 0, "今日": 0, "昨天": -1, "昨日": -1, "前天": -2, "明天": 1, "today": 0, "yesterday": -1}
RELATIVE_YEARS = {"今年": 0, "去年": -1, "前年": -2, "明年": 1, "last year": -1, "this year": 0}


def shift(ref: str | None, days: int = 0, years: int = 0) -> str | None:
    if not ref:
        return None
    y, m, d = (int(x) for x in ref.split("-"))
    if years:
        return f"{y + years:04d}"
    return (date(y, m, d) + timedelta(days=days)).isoformat()


def parse_iso(value: str | None) -> str | None:
    """A YYYY-MM-DD string from an ISO-like value, or None."""
    if not value:
        return None
    found = find_full_date(str(value))
    return found[0] if found else None


_MONTH = re.compile(r"\s*((?:19|20)\d\d)-(\d{1,2})\s*")


def parse_month(value: object) -> str | None:
    """A YYYY-MM string from a date known to the month only ("2018-03"), or None."""
    m = _MONTH.fullmatch(str(value)) if isinstance(value, str) else None
    if m is None or not valid(int(m.group(1)), int(m.group(2))):
        return None
    return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}"
