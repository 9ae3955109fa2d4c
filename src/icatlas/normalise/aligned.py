"""Text that remembers where each of its characters came from.

Every normalisation step maps an ``Aligned`` to a new one; ``pos[i]`` is the index in the original
text of character ``i``. Steps that keep the length (width folding, Traditional→Simplified) reuse the
position list; steps that drop or replace characters build it from slices, which is C speed.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Aligned:
    text: str
    pos: list[int]

    @classmethod
    def of(cls, text: str) -> Aligned:
        return cls(text, list(range(len(text))))

    def __len__(self) -> int:
        return len(self.text)

    def with_text(self, text: str) -> Aligned:
        """The same positions under a length-preserving rewrite of the text."""
        if len(text) != len(self.text):
            raise ValueError("with_text needs a text of the same length")
        return Aligned(text, self.pos)

    def slice(self, start: int, end: int) -> Aligned:
        return Aligned(self.text[start:end], self.pos[start:end])

    def span_in_original(self, start: int, end: int) -> tuple[int, int]:
        if start >= end:
            p = self.pos[start] if start < len(self.pos) else (self.pos[-1] + 1 if self.pos else 0)
            return (p, p)
        return (self.pos[start], self.pos[end - 1] + 1)

    def sub(self, pattern: re.Pattern[str], repl: Callable[[re.Match[str]], str | tuple[str, list[int]]]) -> Aligned:
        """Replace each match by ``repl(match)``; new characters point into the span they replace.

        ``repl`` may return ``(text, offsets)`` to say which character of the match each new one comes from.
        """
        pieces: list[str] = []
        pos: list[int] = []
        last = 0
        changed = False
        for m in pattern.finditer(self.text):
            out = repl(m)
            new, rel = out if isinstance(out, tuple) else (out, None)
            if new == m.group(0):
                continue
            changed = True
            s, e = m.span()
            pieces.append(self.text[last:s])
            pos.extend(self.pos[last:s])
            pieces.append(new)
            if rel is not None:
                pos.extend(self.pos[s + r] for r in rel)
            else:
                pos.extend(spread(self.pos[s:e], len(new), self.pos[s] if s < len(self.pos) else 0))
            last = e
        if not changed:
            return self
        pieces.append(self.text[last:])
        pos.extend(self.pos[last:])
        return Aligned("".join(pieces), pos)

    @staticmethod
    def join(parts: Iterable[Aligned], sep: str = "\n") -> Aligned:
        """Join aligned parts; a separator points just after the part before it."""
        texts: list[str] = []
        pos: list[int] = []
        first = True
        for part in parts:
            if not first and sep:
                texts.append(sep)
                anchor = pos[-1] + 1 if pos else 0
                pos.extend([anchor] * len(sep))
            texts.append(part.text)
            pos.extend(part.pos)
            first = False
        return Aligned("".join(texts), pos)


def spread(old: list[int], n: int, default: int) -> list[int]:
    """Positions for ``n`` new characters replacing characters at ``old`` positions."""
    if n == 0:
        return []
    k = len(old)
    if not k:
        return [default] * n
    if k == n:
        return list(old)
    return [old[min(k - 1, (i * k) // n)] for i in range(n)]
