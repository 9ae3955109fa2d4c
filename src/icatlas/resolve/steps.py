"""The resolution component of the pipeline: the mentions of a page grouped into entities."""
from __future__ import annotations

from ..extract.component import Work, component
from .entities import build_entities
from .names import full_names


@component("entities", requires=["doc.text", "doc.mentions"], assigns=["doc.entities", "full_names"])
def entities(w: Work) -> None:
    """The entities behind the mentions, and each short organisation name's full name on the page."""
    w.doc.entities = build_entities(w.doc.mentions, w.index, w.doc.text)
    w.full_names = full_names([e.name for e in w.doc.entities if e.type not in ("person", "region")])
