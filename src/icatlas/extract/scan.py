"""Reading the text around a span: how far a run of name characters reaches."""
from __future__ import annotations

import re


def run_start(text: str, end: int, chars: re.Pattern[str], floor: int = 0) -> int:
    """Where the run of characters matching ``chars`` that ends at ``end`` begins, at ``floor`` at the earliest."""
    i = end
    while i > floor and chars.match(text[i - 1]):
        i -= 1
    return i
