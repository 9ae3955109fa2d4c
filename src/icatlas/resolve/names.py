"""Names compared across documents and scripts: one normaliser (:func:`name_key`) and the abbreviation test.

An organisation is written 長鑫存儲技術有限公司 on one page and 长鑫存储技术有限公司 (or 长鑫存储 技术 有限公司) on
another; the key of both is the same. What counts as noise depends on what is compared (``kind``):

- ``entity``: the stored identity of an organisation (the store's cross-document resolution): spaces, brackets,
  middle dots and hyphens;
- ``party``: an event's participant when two reports of one event are matched: spaces, brackets, middle dots,
  bullets, commas, full stops and quotes, and a legal-form ending (股份有限公司, 有限责任公司, 有限公司, 集团);
- ``record``: a collaboration record's subject when the analyses group records of one organisation: spaces,
  brackets, middle dots, hyphens, quotes and book-title marks (《》).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

NameKind = Literal["entity", "party", "record"]

_NOISE: dict[str, re.Pattern[str]] = {
    "entity": re.compile(r"[\s()（）·\-]"),
    "party": re.compile(r"[\s()（）·•,，.。\"'“”]|股份有限公司$|有限责任公司$|有限公司$|集团$"),
    "record": re.compile(r"[\s()（）·\-“”\"'《》]"),
}


@lru_cache(maxsize=65536)
def name_key(name: str | None, kind: NameKind = "entity") -> str:
    """``name`` as compared across documents and scripts: Simplified, without the noise of ``kind``, lower case."""
    from ..normalise.script import converter

    return _NOISE[kind].sub("", converter("t2s").convert(name or "")).lower()


def is_abbreviation(short: str, full: str) -> bool:
    """True when ``short`` reads as an abbreviation of ``full``: same first two characters, and its
    characters appear in ``full`` in order (安靠上海公司 of 安靠封装测试(上海)有限公司); or ``full`` with a
    prefix dropped (集成电路设计产业园 of 上海集成电路设计产业园)."""
    if len(short) >= len(full) or len(short) < 2:
        return False
    if len(short) >= 4 and full.endswith(short) and not short.isascii():
        return True  # 集成电路设计产业园 of 上海集成电路设计产业园: the region prefix dropped
    if short[:2] != full[:2]:
        return False
    it = iter(full)
    return all(c in it for c in short)


def full_names(names: list[str]) -> dict[str, str]:
    """Each organisation name of a page that a longer one on the page contains or abbreviates (太湖晶圆, 锡芯微电子)
    → the longest such name."""
    out = {}
    for short in names:
        longer = [n for n in names if n != short and len(n) > len(short) and (short in n or is_abbreviation(short, n))]
        if longer:
            out[short] = max(longer, key=len)
    return out
