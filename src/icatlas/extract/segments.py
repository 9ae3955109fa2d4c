"""Chain segments of organisations inferred from the text, each with its evidence.

An organisation gets a segment when a chain term (chain.yaml) stands in its own name (XX封装测试有限公司 →
packaging_test) or close to it in the same clause (光刻机制造商上海微电子 → equipment.lithography). Reference
organisations keep their curated segments; inferred ones are added beside them with the evidence span.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..model import Entity, Mention, NON_ORG_LABELS
from ..reference.chain import chain

VERSION = "segments.context.v1"
_TYPES = {"company", "institute", "platform", "park"}
WINDOW = 12  # characters between the organisation and the term, within one clause
_CLAUSE_END = re.compile(r"[，。；！？,;!?\n、]")
_GENERIC = {"集成电路", "半导体", "芯片", "IC", "semiconductor", "integrated circuit", "chip", "chips"}


@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, str], frozenset[str]]:
    terms: dict[str, str] = {}
    for node in chain().nodes.values():
        if node.stage == "applications":
            continue
        for t in [*node.terms, node.name]:
            if t and len(t) >= 2 and t not in _GENERIC:
                terms.setdefault(t.lower(), node.id)
    return terms, frozenset(t[:k] for t in terms for k in range(1, len(t)))


def find_terms(text: str) -> list[tuple[int, int, str]]:
    """(start, end, node id) of every chain term in ``text``, longest first at each place."""
    terms, prefixes = _index()
    low = text.lower()
    out, i, n = [], 0, len(low)
    while i < n:
        best = 0
        j = i + 1
        while j <= n:
            piece = low[i:j]
            if piece in terms and (not piece.isascii() or _edges(low, i, j)):
                best = j
            if piece not in prefixes:
                break
            j += 1
        if best:
            out.append((i, best, terms[low[i:best]]))
            i = best
        else:
            i += 1
    return out


def _edges(text: str, i: int, j: int) -> bool:
    return (i == 0 or not text[i - 1].isalnum()) and (j == len(text) or not text[j].isalnum())


def infer_segments(text: str, mentions: list[Mention], entities: list[Entity]) -> None:
    """Add inferred segments, with ``attrs['segment_evidence']``, to the organisation entities."""
    spans = find_terms(text)
    if not spans:
        return
    # governments, associations, universities, funds and media span many segments: no segment from proximity
    by_span = {span: e for e in entities if e.type in _TYPES for span in e.mentions}
    for m in mentions:
        e = by_span.get((m.start, m.end))
        if e is None or m.label in NON_ORG_LABELS:
            continue
        found = []
        for s, t, node in spans:
            if m.start <= s and t <= m.end:
                found.append((s, t, node, "name"))
            elif 0 <= m.start - t <= WINDOW and not _CLAUSE_END.search(text, t, m.start):
                found.append((s, t, node, "before"))
            elif 0 <= s - m.end <= WINDOW and not _CLAUSE_END.search(text, m.end, s):
                found.append((s, t, node, "after"))
        evidence = e.attrs.setdefault("segment_evidence", [])
        for s, t, node, where in found:
            if node not in e.segments:
                e.segments.append(node)
            if not any(x["segment"] == node for x in evidence):
                evidence.append({"segment": node, "term": text[s:t], "evidence": [s, t], "where": where})
