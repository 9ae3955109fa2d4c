"""Annotation contracts (DESIGN 6.2): entity spans of plain sentences in the CLUENER2020 format.

Each input text is normalised character by character (no page structure: a sentence has no tail), extracted, and
its mentions mapped back to the input's own offsets.
"""
from __future__ import annotations

from typing import Any

from .extract.lexicon import POSTS
from .model import Document, Mention
from .normalise import normalise_text
from .normalise.script import detect_language
from .pipeline import extract

# icatlas labels → CLUENER labels
CLUENER_LABEL = {
    "company": "company", "government": "government", "association": "organization", "university": "organization",
    "institute": "organization", "platform": "organization", "fund": "organization", "media": "organization",
    "organization": "organization", "park": "organization", "person": "name", "region": "address",
    "address": "address", "position": "position",
}


def _positions(m: Mention) -> list[tuple[int, int]]:
    """The post spans before a person: a long post keeps only its title (二级巡视员 of 经济和信息化厅二级巡视员)."""
    out = []
    for s, e in m.attrs.get("position_spans") or []:
        if e - s > 6:
            # the qualifier before the title is an organisation of its own in CLUENER
            title = next((p for p in POSTS if m.attrs.get("_text", "")[s:e].endswith(p)), None)
            if title:
                s = e - len(title)
        out.append((s, e))
    return out


def annotate_text(text: str) -> dict[str, dict[str, list[list[int]]]]:
    """CLUENER-style labels of one text: {label: {surface: [[start, end_inclusive], ...]}}."""
    own, simp = normalise_text(text)
    doc = Document(source="-", raw=text, original=text, text=simp.text, offsets=simp.pos)
    doc.language = detect_language(own.text)[0]
    extract(doc)
    spans: list[tuple[str, int, int]] = []
    for m in doc.mentions:
        label = CLUENER_LABEL.get(m.label)
        if label is None:
            continue
        spans.append((label, m.start, m.end))
        if m.label == "person":
            m.attrs["_text"] = doc.text
            spans += [("position", s, e) for s, e in _positions(m)]
    out: dict[str, dict[str, list[list[int]]]] = {}
    taken: list[tuple[int, int]] = []
    for label, s, e in sorted(set(spans), key=lambda x: (x[1], -(x[2] - x[1]))):
        if any(a < e and s < b for a, b in taken):
            continue  # CLUENER spans do not overlap
        taken.append((s, e))
        start, end = simp.pos[s], simp.pos[e - 1]
        out.setdefault(label, {}).setdefault(text[start:end + 1], []).append([start, end])
    return out


def annotate_texts_model(texts: list[str]) -> list[dict[str, dict[str, list[list[int]]]]]:
    """CLUENER-style labels of many texts from the statistical tagger (batched), in each input's own offsets."""
    from .extract.tagger import SIX, tagger

    prepared = [normalise_text(t)[1] for t in texts]
    found = tagger().tag([simp.text for simp in prepared])
    out = []
    for text, simp, spans in zip(texts, prepared, found):
        labels: dict[str, dict[str, list[list[int]]]] = {}
        for label, s, e in spans:
            if label not in SIX:
                continue
            start, end = simp.pos[s], simp.pos[e - 1]
            labels.setdefault(label, {}).setdefault(text[start:end + 1], []).append([start, end])
        out.append(labels)
    return out


ENGINES = ("model", "rules")


def annotate_records(records: list[dict[str, Any]], engine: str = "model") -> list[dict[str, Any]]:
    """Each record with its ``label`` replaced by the annotation of its ``text``.

    ``engine`` is ``model`` (the trained tagger, the default) or ``rules`` (the rule-based extractor alone).
    """
    texts = [str(r.get("text") or "") for r in records]
    if engine == "model":
        labels = annotate_texts_model(texts)
    elif engine == "rules":
        labels = [annotate_text(t) for t in texts]
    else:
        raise ValueError(f"unknown engine {engine!r}")
    return [{**{k: v for k, v in r.items() if k != "label"}, "text": r.get("text", ""), "label": lab}
            for r, lab in zip(records, labels)]
