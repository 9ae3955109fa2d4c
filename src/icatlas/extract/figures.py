"""Figures with their subject: 近3万人 of Sichuan's IC talent, 2700多项 patents of a company, a park's targets."""
from __future__ import annotations

import re

from ..model import Figure, Mention
from .events import clauses

VERSION = "figures.rules.v1"
_TARGET = re.compile(r"有望|目标|力争|计划|预计|争取|将|aim|target|expected to|plan", re.I)
_NATION = {"中国", "全国", "我国"}
_ORGISH = ("person", "region", "date", "money", "percent", "count")


def find_figures(text: str, mentions: list[Mention]) -> list[Figure]:
    """Figures (percentages and counts) in ``text``, each tied to the organisation or region it is about."""
    out: list[Figure] = []
    cls = clauses(text)
    for q in mentions:
        if q.label not in ("percent", "count"):
            continue
        value = float(q.attrs["value"])
        if q.label == "count" and value < 10 and not q.attrs.get("qualifier"):
            continue
        cl = next((c for c in cls if c.start <= q.start < c.end), None)
        if cl is None:
            continue
        subject = _subject(q, cl.start, cl.paragraph, mentions, share=q.label == "percent")
        before = text[cl.start:q.start]
        what = re.split(r"[，,、：:]", before)[-1].strip()[-24:] or (q.attrs.get("unit") or "")
        qual = q.attrs.get("qualifier")
        if _TARGET.search(before):
            qual = "target"
        out.append(Figure(subject=subject, what=what, value=value, unit=q.attrs.get("unit"), qualifier=qual,
                          evidence=(cl.start, cl.end)))
    return out


def _name(m: Mention) -> str:
    return str(m.attrs.get("canonical") or m.attrs.get("name") or m.surface)


def _subject(q: Mention, clause_start: int, para: tuple[int, int], mentions: list[Mention], share: bool) -> str | None:
    def ok(m: Mention) -> bool:
        if m.label in ("person", "date", "money", "percent", "count"):
            return False
        # a share "of the country" is not the country's own figure
        return not (share and _name(m) in _NATION)

    in_sentence = [m for m in mentions if clause_start <= m.start < q.start and ok(m)]
    if in_sentence:
        return _name(in_sentence[-1])
    in_para = [m for m in mentions if para[0] <= m.start < clause_start and ok(m)]
    orgs = [m for m in in_para if m.label not in _ORGISH]
    if orgs:
        return _name(orgs[-1])
    return _name(in_para[-1]) if in_para else None
