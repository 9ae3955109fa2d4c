"""Traditional → Simplified with offsets, and the language and script of a text."""
from __future__ import annotations

import re
from functools import lru_cache

import opencc

from .aligned import Aligned, spread


@lru_cache(maxsize=4)
def converter(config: str) -> opencc.OpenCC:
    # t2s, not tw2sp: the phrase-level Taiwan conversion changes meaning (核心 → 内核).
    return opencc.OpenCC(config)


def to_simplified(a: Aligned) -> Aligned:
    """The text in Simplified characters; positions kept, line by line where a phrase changes length."""
    conv = converter("t2s")
    out = conv.convert(a.text)
    if out == a.text:
        return a
    if len(out) == len(a.text):
        return a.with_text(out)
    texts: list[str] = []
    pos: list[int] = []
    start = 0
    for line in a.text.split("\n"):
        end = start + len(line)
        new = conv.convert(line)
        texts.append(new)
        seg = a.pos[start:end]
        pos.extend(seg if len(new) == len(line) else spread(seg, len(new), a.pos[start] if start < len(a.pos) else 0))
        if end < len(a.text):
            texts.append("\n")
            pos.append(a.pos[end])
        start = end + 1
    return Aligned("".join(texts), pos)


_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")
_EN_WORDS = re.compile(r"\b(?:the|and|of|to|in|is|for|that|with|on|as|by|was|are|will|has|have)\b", re.I)


def detect_language(text: str) -> tuple[str, str | None]:
    """('zh-Hans' | 'zh-Hant' | 'en' | 'other', script) of a text."""
    sample = text[:3000]
    cjk = _CJK.findall(sample)
    latin = len(_LATIN.findall(sample))
    if len(cjk) >= 10 and len(cjk) * 3 >= latin * 0.5:
        return _chinese_script("".join(cjk))
    words = max(1, len(sample.split()))
    function_words = _EN_WORDS.findall(sample)
    if latin >= 20 and len(function_words) / words >= 0.12 and len({w.lower() for w in function_words}) >= 2:
        return ("en", "Latn")
    if cjk:
        return _chinese_script("".join(cjk))
    return ("other", "Latn" if latin else None)


def _chinese_script(cjk: str) -> tuple[str, str]:
    t2s = converter("t2s").convert(cjk)
    s2t = converter("s2t").convert(cjk)
    traditional_only = sum(map(str.__ne__, cjk, t2s)) if len(t2s) == len(cjk) else 0
    simplified_only = sum(map(str.__ne__, cjk, s2t)) if len(s2t) == len(cjk) else 0
    if traditional_only > simplified_only and traditional_only >= max(2, 0.02 * len(cjk)):
        return ("zh-Hant", "Hant")
    return ("zh-Hans", "Hans")
