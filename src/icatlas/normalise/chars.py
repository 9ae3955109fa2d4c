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
_WIDE = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_WIDTH)) + "]+")
_NUM_SEP = re.compile(r"(?<=\d)[．／－：，](?=\d)")
_NUM_SEP_MAP = {"．": ".", "／": "/", "－": "-", "：": ":", "，": ","}


def fold_width(a: Aligned) -> Aligned:
    """Full-width letters, digits and spaces as ASCII; separators between digits too (３．５ → 3.5)."""
    if _WIDE.search(a.text):
        a = a.with_text(_WIDE.sub(lambda m: m.group(0).translate(_WIDTH), a.text))
    if _NUM_SEP.search(a.text):
        a = a.with_text(_NUM_SEP.sub(lambda m: _NUM_SEP_MAP[m.group(0)], a.text))
    return a


_CR = re.compile(r"\r\n?|[\u2028\u2029\x85]")
_WS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]+|[ \t\f\v]+(?=\n|$)|(?:(?<=\n)|^)[ \t\f\v]+|[ \t\f\v]{2,}|[\t\f\v]")


def clean_whitespace(a: Aligned) -> Aligned:
    """Unix line ends, no control characters, single spaces, no spaces at line edges."""
    if "\r" in a.text or "\u2028" in a.text or "\u2029" in a.text or "\x85" in a.text:
        a = a.sub(_CR, lambda m: "\n")
    text = a.text
    n = len(text)

    def repl(m: re.Match[str]) -> str:
        s, e = m.span()
        if s == 0 or e == n or text[s - 1] == "\n" or text[e] == "\n" or not m.group(0)[0] in " \t\f\v":
            return ""
        return " "

    return a.sub(_WS, repl)


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
    cjk = _CJK_ALL.findall(text)
    if not cjk:
        return 0.0
    return len(common_chars().intersection(cjk)) / len(set(cjk))


_LATIN1_MOJIBAKE = re.compile(r"[\u00c2-\u00f4][\u0080-\u00bf\u2018-\u203a\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc]")
_CJK_ANY = re.compile(r"[\u3400-\u9fff]")
_CJK_ALL = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
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
    latin1 = _LATIN1_MOJIBAKE.search(text) is not None
    rare = set(_CJK_ALL.findall(text)).difference(common_chars())
    if not latin1 and len(rare) < 3:
        return a
    rare_re = re.compile("[" + "".join(sorted(rare)) + "]") if rare else None
    return a.sub(_LINE, lambda m: _repair_line(m.group(0), latin1, rare_re))


_LINE = re.compile(r"[^\n]+")


def _repair_line(line: str, latin1: bool, rare: re.Pattern[str] | None) -> str:
    if latin1 and _LATIN1_MOJIBAKE.search(line):
        fixed = ftfy.fix_text(line, config=_FTFY)
        if fixed != line:
            return fixed
    if rare is None or len(rare.findall(line)) < 2:
        return line
    quality = cjk_quality(line)
    if quality < 0.85:
        # UTF-8 bytes that were decoded as GBK: undo it when that yields common characters.
        fixed = line.encode("gb18030", errors="replace").decode("utf-8", errors="replace")
        if fixed.count("\ufffd") <= 2 + len(fixed) // 50 and cjk_quality(fixed) > quality + 0.2:
            return fixed.replace("\ufffd", "")
    return line


_MD_HEADING = re.compile(r"(?m)^[ \t]{0,3}#{1,6}[ \t]+|^[ \t]{0,3}>[ \t]?|^[ \t]*(?:-{3,}|\*{3,}|_{3,}|`{3,}.*)[ \t]*$")
_MD_STRONG = re.compile(r"\*\*|__")
_MD_EMPHASIS = re.compile(r"\*([^*\n]+?)\*")
# Linear for any input: the text of a link or image and its address cannot hold the bracket that opens them, so a
# match that fails stops at the next one, and each character is scanned a bounded number of times (with "[^\]]"
# a line of 40,000 "[" was scanned from every one of them).
_MD_IMAGE = re.compile(r"!\[[^\[\]\n]*\]\([^()\n]*\)")
_MD_LINK = re.compile(r"\[([^\[\]\n]+)\]\([^()\n]*\)")


def strip_markdown(a: Aligned) -> Aligned:
    """Markdown syntax removed (headings, quotes, rules, emphasis, images); a link keeps its text."""
    a = a.sub(_MD_IMAGE, lambda m: "")
    a = a.sub(_MD_LINK, lambda m: (m.group(1), list(range(1, 1 + len(m.group(1))))))
    a = a.sub(_MD_HEADING, lambda m: "")
    a = a.sub(_MD_STRONG, lambda m: "")
    return a.sub(_MD_EMPHASIS, lambda m: (m.group(1), list(range(1, 1 + len(m.group(1))))))
