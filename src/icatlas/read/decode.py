"""Bytes to text: the encoding is detected, never assumed.

Order: a byte-order mark; UTF-16 without a mark (NUL bytes in every other position); an HTML charset
declaration that decodes cleanly; strict UTF-8; then GB18030 and Big5, whichever decodes cleanly and
reads as common Chinese characters. Invalid bytes are replaced only as a last resort, with a warning.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from ..errors import BinaryInputError, DecodeError, EmptyInputError
from ..normalise.chars import cjk_quality, common_chars

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.I)
_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "big5-hkscs": "big5hkscs"}


@dataclass
class Decoded:
    text: str
    encoding: str
    replaced: int = 0


def decode(data: bytes, name: str = "input", declared: str | None = None) -> Decoded:
    """The text of ``data`` and the encoding it was read with."""
    if not data.strip():
        raise EmptyInputError("empty file", "nothing to read; remove it or fill it")
    if declared:
        try:
            return Decoded(data.decode(declared), declared)
        except (UnicodeError, LookupError) as exc:
            raise DecodeError(f"cannot decode as {declared} ({str(exc)[:80]})", "check --encoding") from None
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return _strict_or_replace(data[len(bom):], enc, name)
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _strict_or_replace(data, utf16, name)
    if b"\x00" in data[:8192]:
        # Text never holds NUL bytes, except UTF-16 (一 is 00 4E): try that, else it is binary.
        for enc in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                continue
            if readable(text) >= 0.8:
                return Decoded(text, enc)
        raise BinaryInputError("binary file, not text", "skipped; only text, HTML and JSON are read")
    candidates: list[str] = []
    m = _META_CHARSET.search(data[:4096])
    declared_enc = page_charset(m.group(1).decode("ascii")) if m else None
    if declared_enc:
        candidates.append(declared_enc)
    candidates += ["utf-8", "gb18030", "big5"]
    if len(data) % 2 == 0:
        candidates += ["utf-16-le", "utf-16-be"]
    decoded: list[Decoded] = []
    for enc in dict.fromkeys(candidates):
        try:
            decoded.append(Decoded(data.decode(enc), enc))
        except (UnicodeError, LookupError):
            continue
        if enc == "utf-8" or (declared_enc and enc == candidates[0]):
            return decoded[-1]
    lossy = data.decode("utf-8", errors="replace")
    decoded.append(Decoded(lossy, "utf-8", lossy.count("\ufffd")))
    best = max(decoded, key=lambda d: readable(d.text))
    if best is not None and readable(best.text) >= 0.6:
        return best
    if _looks_binary(data[:8192]):
        raise BinaryInputError("binary file, not text", "skipped; only text, HTML and JSON are read")
    return _replace(data, name)


#: Codecs Python knows that no web page is written in (``undefined`` always fails, ``punycode`` and ``idna`` are
#: for host names, the escapes for source code); a page declaring one is read as if it declared nothing.
_NOT_PAGE_CHARSETS = {"undefined", "punycode", "idna", "raw-unicode-escape", "unicode-escape", "mbcs", "oem",
                      "utf-7", "palmos"}


def page_charset(declared: str) -> str | None:
    """The codec of a page's declared charset, or None when Python has none or it is no text encoding of pages."""
    name = declared.lower()
    name = _ALIASES.get(name, name)
    try:
        info = codecs.lookup(name)
    except LookupError:
        return None
    if info.name in _NOT_PAGE_CHARSETS or not getattr(info, "_is_text_encoding", True):
        return None
    return name


def readable(text: str) -> float:
    """Share of characters a real page is made of: common Chinese characters, ASCII, CJK punctuation."""
    sample = text[:20000]
    if not sample:
        return 0.0
    common = common_chars()
    good = sum(1 for c in sample if c in common or (" " <= c <= "~") or c in "\n\r\t" or "\u3000" <= c <= "\u303f"
               or "\uff00" <= c <= "\uffef" or c in "“”‘’—…·")
    return good / len(sample)


def _strict_or_replace(data: bytes, enc: str, name: str) -> Decoded:
    try:
        return Decoded(data.decode(enc), enc)
    except UnicodeDecodeError:
        text = data.decode(enc, errors="replace")
        return Decoded(text, enc, text.count("\ufffd"))


def _replace(data: bytes, name: str) -> Decoded:
    best = max(
        (Decoded(data.decode(enc, errors="replace"), enc) for enc in ("utf-8", "gb18030", "big5")),
        key=lambda d: (d.text.count("\ufffd") * -1, cjk_quality(d.text)),
    )
    best.replaced = best.text.count("\ufffd")
    if best.replaced > max(16, len(data) // 20):
        raise DecodeError(
            f"cannot decode as UTF-8, UTF-16, GB18030 or Big5 ({best.replaced} invalid bytes)",
            "skipped; re-save it as UTF-8",
        )
    return best


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) / 2
    if odd > 0.3 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.3 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def _looks_binary(sample: bytes) -> bool:
    control = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return control > 0.05 * max(1, len(sample))
