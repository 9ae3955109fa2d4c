"""Normalise: clean text with an offset map back to the original, language, script and page structure.

Steps, in order (each maps an ``Aligned`` to an ``Aligned``):
(Markdown syntax →) mojibake repair → pinyin removal → width folding → whitespace → sentences broken over lines →
Traditional→Simplified → structure.
"""
from __future__ import annotations

import re

from ..model import Document
from .aligned import Aligned
from .chars import clean_whitespace, fold_width, repair_mojibake, strip_markdown
from .lines import join_broken_sentences
from .pinyin import remove_pinyin
from .script import detect_language, to_simplified
from .structure import find_structure

VERSION = "normalise.v11"
_BLANK_LINES = re.compile(r"\n{2,}")


def normalise_text(original: str, fmt: str = "txt") -> tuple[Aligned, Aligned]:
    """(cleaned text in its own script, cleaned Simplified text), both aligned to ``original``."""
    a = Aligned.of(original)
    if fmt == "md":
        a = strip_markdown(a)
    for step in (repair_mojibake, remove_pinyin, fold_width, clean_whitespace, join_broken_sentences):
        a = step(a)
    return a, to_simplified(a)


def normalise(doc: Document) -> Document:
    """The document with clean body text, offsets, language, title, dateline, publish date, head and tail."""
    own, simp = normalise_text(doc.original, doc.fmt)
    lang, script = detect_language(own.text)
    doc.language, doc.script = lang, script
    st = find_structure(simp.text)
    body = _without(simp, st.body, st.cut).sub(_BLANK_LINES, lambda m: "\n")
    if st.title and body.text.lstrip().startswith(("•", "·")):
        # an article told in key points under its headline: the headline is its lede (who, where)
        body = Aligned.join([simp.slice(*st.title), body])
    doc.text, doc.offsets = body.text, body.pos
    same_shape = len(own.text) == len(simp.text)
    shown = own if same_shape else simp
    if st.title and not doc.title:
        doc.title = shown.text[st.title[0]: st.title[1]].strip() or None
    if st.dateline:
        doc.dateline = simp.text[st.dateline[0]: st.dateline[1]].strip()
    doc.head = shown.text[st.head[0]: st.head[1]].strip()
    doc.tail = shown.text[st.tail[0]: st.tail[1]].strip()
    page_meta = doc.meta.get("published_page")
    if page_meta:
        doc.published, doc.published_from = page_meta, "metadata"
    elif st.published:
        doc.published, doc.published_from = st.published, st.published_from
    elif doc.meta.get("published_default"):
        doc.published, doc.published_from = doc.meta["published_default"], "given"
    doc.versions["normalise"] = VERSION
    return doc


__all__ = ["Aligned", "normalise", "normalise_text", "detect_language", "find_structure", "VERSION"]


def _without(a: Aligned, span: tuple[int, int], cuts: list[tuple[int, int]]) -> Aligned:
    """The span of ``a`` with the cut lines (captions inside the body) left out."""
    parts, start = [], span[0]
    for s, e in sorted(cuts):
        if s >= start and e <= span[1]:
            parts.append(a.slice(start, s))
            start = e
    parts.append(a.slice(start, span[1]))
    return Aligned.join(parts, sep="")
