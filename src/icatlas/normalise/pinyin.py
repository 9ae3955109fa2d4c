"""Pinyin annotations such as 產(chǎn)業(yè) removed, and characters lost next to them restored.

Some pages carry a pinyin reading in brackets after each hard character. The readings are noise for
analysis. Where the character before a reading was damaged in transcoding (``?,F(xiàn)場``), the
reading and the next character tell which character was lost, and it is put back (``。現場``).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .aligned import Aligned

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_SYLLABLE = rf"[a-zü]*[{_TONED}][a-zü]*"
_CJK = r"\u3400-\u9fff\uf900-\ufaff"
# A toned syllable in ASCII or full-width brackets right after a Chinese character.
_ANNOTATION = re.compile(rf"(?<=[{_CJK}])[(（]({_SYLLABLE})[)）]")
# A damaged spot: '?' and up to three stray ASCII characters, then a reading, then a character.
_DAMAGED = re.compile(rf"\?([\x21-\x7e]{{0,3}}?)[(（]({_SYLLABLE})[)）](?=([{_CJK}]))")
# Readings without tone marks (neutral tone) are removed only when they fit the character before.
_PLAIN = re.compile(rf"(?<=([{_CJK}]))[(（]([a-zü]{{1,6}})[)）]")


def remove_pinyin(a: Aligned) -> Aligned:
    """The text without bracketed pinyin readings, with damaged spots restored where possible."""
    if not _TONED_ANY.search(a.text):
        return a
    a = a.sub(_DAMAGED, _restore)
    a = a.sub(_ANNOTATION, lambda m: "")
    if len(_ANNOTATION.findall(a.text)) == 0:
        a = a.sub(_PLAIN, _drop_if_reading)
    return a


_TONED_ANY = re.compile(rf"[(（]{_SYLLABLE}[)）]")


def count_annotations(text: str) -> int:
    return len(_TONED_ANY.findall(text))


def _drop_if_reading(m: re.Match[str]) -> str:
    char, syllable = m.group(1), m.group(2)
    return "" if syllable in readings(char) else m.group(0)


def _restore(m: re.Match[str]) -> tuple[str, list[int]]:
    # '?' stands for the lost sentence end; the stray bytes after it are what is left of the lost character.
    syllable, following = m.group(2), m.group(3)
    lost = guess_char(syllable, following)
    return ("。" + lost, [0, 1]) if lost else ("。", [0])


def strip_tone(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c)).replace("ü", "v")


@lru_cache(maxsize=4096)
def readings(char: str) -> frozenset[str]:
    """The toneless pinyin readings of a character."""
    from pypinyin import Style, pinyin

    return frozenset(strip_tone(r) for r in pinyin(char, style=Style.NORMAL, heteronym=True)[0])


@lru_cache(maxsize=1024)
def guess_char(syllable: str, following: str) -> str:
    """The character read as ``syllable`` that forms a common word with ``following``, or ''."""
    from pypinyin.pinyin_dict import pinyin_dict

    from .script import converter

    t2s, s2t = converter("t2s"), converter("s2t")
    nxt = t2s.convert(following)
    traditional = nxt != following
    best = ""
    for word in _two_char_words().get(nxt, []):
        first = word[0]
        if syllable in str(pinyin_dict.get(ord(first), "")).split(","):
            best = first
            break
    if not best:
        return ""
    return s2t.convert(best) if traditional else best


@lru_cache(maxsize=1)
def _two_char_words() -> dict[str, list[str]]:
    """Two-character words of the pinyin dictionary, by their second character."""
    from pypinyin.phrases_dict import phrases_dict

    out: dict[str, list[str]] = {}
    for w in sorted(phrases_dict):
        if len(w) == 2:
            out.setdefault(w[1], []).append(w)
    return out
