"""Extract: mentions (regions, organisations, people, dates, money, figures), entities, events and figures.

A pure function of the document and the reference data: no database access, so it runs the same in
one process or many.
"""
from __future__ import annotations

import re

from ..model import Document, Mention
from ..reference.regions import regions
from ..resolve.entities import build_entities
from ..resolve.names import full_names
from . import collab as _collab
from . import events as _events
from . import figures as _figures
from . import orgs as _orgs
from . import people as _people
from . import places as _places
from . import quantities as _quantities
from . import relations as _relations
from . import segments as _segments
from . import relevance as _relevance
from .known_orgs import find_known_orgs
from .tagged import tagged_mentions

VERSION = "extract.v1"
USE_TAGGER = True  # organisations and people the statistical tagger adds to the rules' (extract/tagged.py)


def extract(doc: Document) -> Document:
    """The document with its mentions, entities, events and figures filled in."""
    index = regions()
    text = doc.text
    quantities = _quantities.find_quantities(text, doc.published)
    places = _places.find_regions(text, index)
    addresses = _places.find_addresses(text, index, places)
    orgs = _merge_known(_orgs.find_orgs(text, places), find_known_orgs(text))
    people = _people.find_people(text)
    orgs = [o for o in orgs if not any(p.start < o.end and o.start < p.end for p in people if p.attrs.get("positions"))
            or len(o.surface) > 6]
    if USE_TAGGER:
        extra = tagged_mentions(text, places + addresses + orgs + people, doc.language)
        orgs += [m for m in extra if m.label != "person"]
        people += [m for m in extra if m.label == "person"]
    # the country and the compass-point areas inside a name (中国科学院, 华中科技大学) are not places of the text
    places = [p for p in places if not (str(p.attrs.get("code")) in _NAME_ONLY_GROUPS
                                        and any(o.start <= p.start and p.end <= o.end for o in orgs))]
    mentions = sorted(places + addresses + orgs + people + quantities, key=lambda m: (m.start, m.end))
    doc.mentions = mentions
    doc.entities = build_entities(mentions, index, text)
    _segments.infer_segments(text, mentions, doc.entities)
    _original_forms(doc)
    lede = _lede(text)
    doc_date = _doc_date(mentions, text[:lede], doc.published)
    doc_place = next((index.city_level(r).name for r in (index.get(str(m.attrs.get("code"))) for m in places
                                                         if m.start < lede) if r is not None), None)
    protagonist = _protagonist(people)
    doc.events = _events.find_events(text, mentions, doc_date, doc_place, protagonist, index)
    doc.figures = _figures.find_figures(text, mentions)
    doc.relations = _relations.find_relations(text, mentions, doc.entities, doc.events)
    full = full_names([e.name for e in doc.entities if e.type not in ("person", "region")])
    doc.collab = _collab.find_collab(text, mentions, doc.entities, doc.events, doc.figures, doc.relations, index,
                                     doc_date, doc_place, full_names=full)
    rel = _relevance.relevance(text, doc.title)
    doc.relevance, doc.relevant, doc.relevance_reasons = rel.score, rel.relevant, rel.reasons
    doc.versions.update({"segments": _segments.VERSION, "relations": _relations.VERSION, "relevance": _relevance.VERSION, "extract": VERSION, "places": _places.VERSION, "orgs": _orgs.VERSION,
                         "people": _people.VERSION, "events": _events.VERSION, "figures": _figures.VERSION,
                         "collab": _collab.VERSION})
    return doc


_NAME_ONLY_GROUPS = {"G-CN", "G-ML", "G-NORTH", "G-ECHINA", "G-CCHINA", "G-SCHINA", "G-SW", "G-NW", "G-EAST", "G-WEST",
                     "G-CENTRAL", "G-NE"}


def _original_forms(doc: Document) -> None:
    """The name as the page wrote it (芯海微納 on a Traditional page) joins the entity's aliases."""
    if not doc.offsets or doc.original == doc.text:
        return
    for e in doc.entities:
        if e.type == "region":
            continue
        for s, t in e.mentions[:3]:
            a, b = doc.original_span(s, t)
            form = doc.original[a:b]
            if form and form != e.name and form not in e.aliases and len(form) <= 2 * (t - s) and "\n" not in form:
                e.aliases.append(form)


def _merge_known(found: list[Mention], known: list[Mention]) -> list[Mention]:
    """Rule-found organisations and known ones together: a known name links the rule-found span it equals
    or lies inside of; a known name not covered by a rule-found span is added."""
    out = list(found)
    for k in known:
        cover = next((f for f in found if f.start <= k.start and k.end <= f.end), None)
        if cover is not None:
            if cover.start == k.start and cover.end == k.end or cover.surface in (k.attrs["canonical"],):
                cover.attrs.update(k.attrs)
                cover.label = k.label
            continue
        if any(f.start < k.end and k.start < f.end for f in found):
            continue
        out.append(k)
    return sorted(out, key=lambda m: m.start)


def _lede(text: str) -> int:
    end = text.find("\n")
    return len(text) if end < 0 else max(end, 1)


_BARE_YEAR = re.compile(r"(?<![\d.])((?:19|20)\d\d)(?=[\u4e00-\u9fff])(?!年)")


def _doc_date(mentions: list[Mention], lede: str, published: str | None) -> tuple[str | None, str | None]:
    """The date the lede's events happened: its first full date, else the publish date, else its year."""
    dates = [m for m in mentions if m.label == "date" and m.start < len(lede)]
    for m in dates:
        if m.attrs.get("value") and m.attrs.get("unit") == "day":
            return str(m.attrs["value"]), "day"
    if published:
        return published, "day"
    for m in dates:
        if m.attrs.get("value"):
            return str(m.attrs["value"]), str(m.attrs.get("unit"))
    bare = _BARE_YEAR.search(lede)  # 2023苏州市集成电路产业…推进会: the year of a named event
    return (bare.group(1), "year") if bare else (None, None)


def _protagonist(people: list[Mention]) -> str | None:
    counts: dict[str, int] = {}
    for p in people:
        if p.attrs.get("all_positions"):
            counts[p.surface] = counts.get(p.surface, 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else None
