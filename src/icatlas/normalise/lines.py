"""Sentences broken over lines: a Chinese sentence that a page lays out phrase by phrase, one short line each.

Pages made for phones (public-account reposts, local news apps) often set the lede as a column of short lines,
with blank lines between them::

    近日,
    <project name>
    在<zone>正式破土动工!

Read line by line, no line is a sentence: the lede looks like page furniture, and the project, its place and its act
sit in three different "sentences". A line that ends with a comma (，,、) cannot end a sentence, so the line after it
continues the same sentence and the break is removed. The sentence goes on over short lines without punctuation as
long as the line after them closes it (ends with sentence or comma punctuation), and stops at sentence punctuation,
at a list item, at an English line or after a few lines.
"""
from __future__ import annotations

import re

from .aligned import Aligned

_OPEN = "，,、"
_CLOSE = "。！？；!?;…"
_LETTERS = re.compile(r"[A-Za-z]")
_LIST_ITEM = re.compile(r"^(?:[-–—•·*]|\d{1,2}[.、)）]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）])")
_BREAK = re.compile(r"\n[ \t\n]*")
#: at most this many lines make one sentence
_MOST_LINES = 6
#: a line without punctuation inside the sentence, and the line that closes it, are at most this long
_SHORT, _CLOSING = 40, 80


def _chinese(line: str) -> bool:
    return len(_LETTERS.findall(line)) <= 0.3 * max(1, len(line))


def _lines(text: str) -> list[tuple[int, int, str]]:
    out, pos = [], 0
    for raw in text.split("\n"):
        s = raw.strip()
        if s:
            lead = len(raw) - len(raw.lstrip())
            out.append((pos + lead, pos + lead + len(s), s))
        pos += len(raw) + 1
    return out


#: a line that opens something new: a date or a number alone, a lede's first words (近日，…, 9月3日，…)
_OPENS = re.compile(r"^(?:[\d\s:：/.\-年月日号]+$|近日|日前|近期|昨天|昨日|今天|今日|本报讯|(?:\d{4}年)?\d{1,2}月\d{1,2}日)")


def _goes_on(cur: str, nxt: str, after: str) -> bool:
    """The sentence that ``cur`` is part of goes on into ``nxt`` (``after`` is the line after that, or "")."""
    if not _chinese(nxt) or _LIST_ITEM.match(nxt) or len(nxt) > 400 or _OPENS.match(nxt):
        return False
    if cur[-1] in _OPEN:
        # a line without punctuation before a lede or at the end (…关注我们， / 华芯项目开工 / 近日，…) is a heading
        return nxt[-1] in _OPEN + _CLOSE + "”」』" or bool(after) and not _OPENS.match(after)
    if cur[-1] in _CLOSE:
        return False
    return len(cur) <= _SHORT and len(nxt) <= _CLOSING and nxt[-1] in _OPEN + _CLOSE + "”」』"


def broken_sentences(text: str) -> set[int]:
    """The offsets of the line breaks inside sentences (each the end of a line whose break is to go)."""
    lines = _lines(text)
    joins: set[int] = set()
    i = 0
    while i < len(lines) - 1:
        line = lines[i][2]
        if line[-1] not in _OPEN or not _chinese(line):
            i += 1
            continue
        j = i
        while j < len(lines) - 1 and j - i < _MOST_LINES - 1 and _goes_on(
                lines[j][2], lines[j + 1][2], lines[j + 2][2] if j + 2 < len(lines) else ""):
            joins.add(lines[j][1])
            j += 1
        i = j + 1
    return joins


def join_broken_sentences(a: Aligned) -> Aligned:
    """``a`` with the line breaks inside sentences removed (blank lines between the parts too)."""
    if "\n" not in a.text:
        return a
    joins = broken_sentences(a.text)
    if not joins:
        return a
    return a.sub(_BREAK, lambda m: "" if m.start() in joins else m.group(0))
