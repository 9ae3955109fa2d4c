"""Reading the text around a span: how far a run of name characters reaches; where a piece is written."""
from __future__ import annotations

import re


def run_start(text: str, end: int, chars: re.Pattern[str], floor: int = 0) -> int:
    """Where the run of characters matching ``chars`` that ends at ``end`` begins, at ``floor`` at the earliest."""
    i = end
    while i > floor and chars.match(text[i - 1]):
        i -= 1
    return i


def occurrences(text: str, piece: str) -> list[int]:
    """Where ``piece`` (not empty) is written in ``text``, left to right, each after the end of the one before (what
    ``re.finditer(re.escape(piece), text)`` finds, without compiling a pattern per piece)."""
    out, at = [], text.find(piece)
    while at >= 0:
        out.append(at)
        at = text.find(piece, at + len(piece))
    return out
