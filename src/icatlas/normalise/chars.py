"""Character-level repairs: width folding, mojibake, whitespace. Each returns a new ``Aligned``."""
from __future__ import annotations

import re
from functools import lru_cache

import ftfy

from .aligned import Aligned

# Full-width Latin letters, digits and the ideographic space fold to ASCII. Chinese punctuation
# (，。：；（）！？、) is left alone: NFKC would turn it into ASCII and break Chinese parsers.
_WIDTH = {0x3000: " "}
_WIDTH.update({c: chr(c - 0xFEE0) for c in range(0xFF10, 0xFF1A)})  # ０-９
_WIDTH.update({c: chr(c - 0xFEE0) for c in range(0xFF21, 0xFF3B)})  # Ａ-Ｚ
_WIDTH.update({c: chr(c - 0xFEE0) for c in range(0xFF41, 0xFF5B)})  # ａ-ｚ
for _c in "％＋＝＠＃＆＊＿＄":
    _WIDTH[ord(_c)] = chr(ord(_c) - 0xFEE0)
_WIDTH.update({0x00A0: " ", 0x200B: " ", 0xFEFF: " ", 0x2002: " ", 0x2003: " ", 0x2009: " "})
_NUM_SEP = re.compile(r"(?<=\d)[．／－：，](?=\d)")
_NUM_SEP_MAP = {"．": ".", "／": "/", "－": "-", "：": ":", "，": ","}


def fold_width(a: Aligned) -> Aligned:
    """Full-width letters, digits and spaces as ASCII; separators between digits too (３．５ → 3.5)."""
    text = a.text.translate(_WIDTH)
    if text != a.text:
        a = a.with_text(text)
    if _NUM_SEP.search(a.text):
        a = a.with_text(_NUM_SEP.sub(lambda m: _NUM_SEP_MAP[m.group(0)], a.text))
    return a


_SPACE_RUN = re.compile(r"[ \t\f\v]{2,}")
_LINE_EDGE = re.compile(r"[ \t\f\v]+(?=\n)|(?<=\n)[ \t\f\v]+")
_CR = re.compile(r"\r\n?|[\u2028\u2029\x85]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_whitespace(a: Aligned) -> Aligned:
    """Unix line ends, no control characters, single spaces, no spaces at line edges."""
    a = a.sub(_CR, lambda m: "\n")
    a = a.sub(_CONTROL, lambda m: "")
    a = a.sub(_SPACE_RUN, lambda m: " ")
    return a.sub(_LINE_EDGE, lambda m: "")


@lru_cache(maxsize=1)
def common_chars() -> frozenset[str]:
    """The frequent Chinese characters of GB2312 level 1 and Big5 level 1, in both scripts."""
    chars: set[str] = set()
    for hi in range(0xB0, 0xD8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    for hi in range(0xA4, 0xC7):
        for lo in list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF)):
            try:
                chars.add(bytes([hi, lo]).decode("big5"))
            except UnicodeDecodeError:
                pass
    return frozenset(chars)


def cjk_quality(text: str) -> float:
    """Share of CJK characters that are common ones; text decoded with the wrong codec scores low."""
    common = common_chars()
    cjk = [c for c in text if "\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff"]
    if not cjk:
        return 0.0
    return sum(1 for c in cjk if c in common) / len(cjk)


_LATIN1_MOJIBAKE = re.compile(r"[\u00c2-\u00f4][\u0080-\u00bf\u2018-\u203a\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc]")
_CJK_ANY = re.compile(r"[\u3400-\u9fff]")
_FTFY = ftfy.TextFixerConfig(
    unescape_html=False,
    uncurl_quotes=False,
    fix_character_width=False,
    fix_latin_ligatures=False,
    normalization=None,
    explain=False,
)


def repair_mojibake(a: Aligned) -> Aligned:
    """Lines garbled by a wrong decoding, repaired where the right text can be recovered."""
    text = a.text
    latin1 = _LATIN1_MOJIBAKE.search(text)
    if not latin1 and (not _CJK_ANY.search(text) or cjk_quality(text[:4000]) >= 0.9):
        return a
    line = re.compile(r"[^\n]+")
    return a.sub(line, lambda m: _repair_line(m.group(0)))


def _repair_line(line: str) -> str:
    if _LATIN1_MOJIBAKE.search(line):
        fixed = ftfy.fix_text(line, config=_FTFY)
        if fixed != line:
            return fixed
    quality = cjk_quality(line)
    if _CJK_ANY.search(line) and quality < 0.85:
        # UTF-8 bytes that were decoded as GBK: undo it when that yields common characters.
        fixed = line.encode("gb18030", errors="replace").decode("utf-8", errors="replace")
        if fixed.count("\ufffd") <= 2 + len(fixed) // 50 and cjk_quality(fixed) > quality + 0.2:
            return fixed.replace("\ufffd", "")
    return line
