"""Chain segments of organisations inferred from the text, each with its evidence.

An organisation gets a segment when a chain term (chain.yaml) stands in its own name (XX封装测试有限公司 →
packaging_test) or close to it in the same clause (光刻机制造商上海微电子 → equipment.lithography). Reference
organisations keep their curated segments; inferred ones are added beside them with the evidence span.

A fabless designer is not a fab: an organisation whose name or clause says it designs (设计, design, fabless) and
nothing says it makes wafers (晶圆厂, 产线, 制造, 代工, fab …) gets the design node of the devices it names
(功率器件 → design.discrete, MEMS → design.sensor, 光电器件 → design.optical, 存储 → design.memory), never their
manufacturing node.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..model import Entity, Mention, NON_ORG_LABELS
from ..reference.chain import chain

VERSION = "segments.context.v2"  # v2: a designer without a fab gets the design node of a device, not its fab node
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


#: The design node of a device a designer names instead of its manufacturing node.
DESIGN_OF = {"manufacturing.power": "design.discrete", "manufacturing.igbt": "design.discrete",
             "manufacturing.mosfet": "design.discrete", "manufacturing.sic": "design.discrete",
             "manufacturing.gan": "design.discrete", "manufacturing.gaas": "design.rf",
             "manufacturing.compound": "design.discrete", "manufacturing.mems": "design.sensor",
             "manufacturing.optoelectronic": "design.optical", "manufacturing.memory": "design.memory",
             "manufacturing.dram": "design.memory", "manufacturing.nand": "design.memory",
             "manufacturing.nor": "design.memory"}
_DESIGNS = re.compile(r"设计|design|fabless|無晶圓|无晶圆", re.I)
_MAKES = re.compile(r"(?<![无無])晶[圆圓][厂廠]|产线|生產線|生产线|制造|製造|代工|工厂|工廠|厂房|\bfab\b|foundry|IDM|wafer plant",
                    re.I)


def _fabless(text: str, m: Mention, name: str) -> bool:
    """Whether the name or the clause around the mention says the organisation designs and nothing says it makes."""
    lo = max((x.end() for x in _CLAUSE_END.finditer(text, max(0, m.start - 40), m.start)), default=max(0, m.start - 40))
    hit = _CLAUSE_END.search(text, m.end)
    clause = text[lo:hit.start() if hit else min(len(text), m.end + 40)]
    return bool(_DESIGNS.search(name) or _DESIGNS.search(clause)) and not (_MAKES.search(name) or _MAKES.search(clause))


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
        if e.attrs.get("ref_id") is None and any(node in DESIGN_OF for _s, _t, node, _w in found) \
                and _fabless(text, m, e.name):
            found = [(s, t, DESIGN_OF.get(node, node), where) for s, t, node, where in found]
        evidence = e.attrs.setdefault("segment_evidence", [])
        for s, t, node, where in found:
            if node not in e.segments:
                e.segments.append(node)
            if not any(x["segment"] == node for x in evidence):
                evidence.append({"segment": node, "term": text[s:t], "evidence": [s, t], "where": where})
