"""The document and the facts found in it, as they flow through the pipeline."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .money import to_cny_in

# Mention labels that are not organisations: everything else an organisation's type.
QUANTITY_LABELS = ("date", "money", "percent", "count")
#: the relevance score at or below which a page is plainly about something else (solar cells, batteries, panels)
OFF_TOPIC_SCORE = -2.5
NON_ORG_LABELS = ("person", "region", "address", *QUANTITY_LABELS)
#: Participant roles of the people around an event (officials who attended or witnessed), not its parties.
PRESENT_ROLES = ("attendee", "witness")


def party_key(p: dict[str, Any]) -> str:
    """The name that links an event's participant to its entity: the registry's full name where the page wrote a
    shorter one (``canonical``), else the name as written."""
    return str(p.get("canonical") or p.get("name") or "")


def _year(date: str | None) -> int | None:
    return int(date[:4]) if date and date[:4].isdigit() else None


def _contract(fact: Any, *names: str) -> dict[str, Any]:
    """The fields ``names`` of a fact as the JSON contract writes them, in that order: spans and lists as new lists."""
    out: dict[str, Any] = {}
    for n in names:
        v = getattr(fact, n)
        out[n] = list(v) if isinstance(v, (tuple, list)) else v
    return out


@dataclass
class Mention:
    """A labelled span of the clean text (end exclusive)."""

    start: int
    end: int
    label: str
    surface: str
    confidence: float = 1.0
    extractor: str = ""
    attrs: dict[str, Any] = field(default_factory=dict)


@dataclass
class Entity:
    type: str
    name: str
    aliases: list[str] = field(default_factory=list)
    mentions: list[tuple[int, int]] = field(default_factory=list)
    region: str | None = None
    segments: list[str] = field(default_factory=list)
    positions: list[str] = field(default_factory=list)
    attrs: dict[str, Any] = field(default_factory=dict)

    def as_contract(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "name": self.name,
            "aliases": [a for a in self.aliases if a != self.name],
            "mentions": [list(m) for m in self.mentions],
            "region": self.region,
            "segments": list(self.segments),
            "positions": list(self.positions),
        }


@dataclass
class Event:
    type: str
    trigger: tuple[int, int]
    evidence: tuple[int, int]
    date: str | None = None
    date_precision: str | None = None
    place: str | None = None
    participants: list[dict[str, str]] = field(default_factory=list)
    amount: dict[str, Any] | None = None
    name: str | None = None
    #: ``done`` (it happened), ``planned`` (date null, the expected date in ``expected_date``) or ``ongoing``
    status: str = "done"
    expected_date: str | None = None
    #: the acts of the page joined into this one occurrence (a signing and its investment), each with its sentence
    facets: list[dict[str, Any]] = field(default_factory=list)
    #: whether the event's own sentence names its place (else the lede's or the dateline's city stands in)
    place_stated: bool = field(default=True, compare=False, repr=False)
    #: whether the event's own clause states its date (else the lede's or the publish date stands in)
    date_stated: bool = field(default=True, compare=False, repr=False)
    #: the year of the page (its publish date), for the rate of a sum whose own date is unknown
    page_year: int | None = field(default=None, compare=False, repr=False)

    def as_contract(self) -> dict[str, Any]:
        out = _contract(self, "type", "date", "place", "participants", "amount", "name", "evidence", "trigger",
                        "status", "expected_date", "facets")
        if self.amount:  # the stated currency stays; value_cny converts at the rate of the event's year
            year = _year(self.date or self.expected_date) or self.page_year
            out["amount"] = {**self.amount, "value_cny": to_cny_in(self.amount.get("value"), self.amount.get("currency"),
                                                                  year)}
        return out


@dataclass
class Figure:
    subject: str | None
    what: str
    value: float
    unit: str | None
    qualifier: str | None
    evidence: tuple[int, int]
    date: str | None = None
    #: what was read: ``percent``, ``count`` or ``money`` (a sum: a total, an output value, a revenue)
    kind: str = field(default="count", compare=False, repr=False)
    #: the year of the page (its publish date), for the rate of a sum whose own date is unknown
    page_year: int | None = field(default=None, compare=False, repr=False)

    def as_contract(self) -> dict[str, Any]:
        out = _contract(self, "subject", "what", "value", "unit", "qualifier", "date", "evidence")
        # a sum keeps its stated currency (unit) and gains its value in CNY at the rate of its year
        year = _year(self.date) or self.page_year
        out["value_cny"] = to_cny_in(self.value, self.unit, year) if self.kind == "money" else None
        return out


RELATION_TYPES = ("member_of", "subsidiary_of", "located_in", "signed_with", "invests_in", "partner_of")


@dataclass
class Relation:
    """``source`` (an entity name) stands in relation ``type`` to ``target`` (a name), as the evidence span says."""
    type: str
    source: str
    target: str
    evidence: tuple[int, int]
    attrs: dict[str, Any] = field(default_factory=dict)

    def as_contract(self) -> dict[str, Any]:
        return {**_contract(self, "type", "source", "target", "evidence"),
                **({"role": self.attrs["role"]} if self.attrs.get("role") else {})}


#: Kinds of collaboration records (extract/collab.py): an alliance or association, a unit's place in one, a shared
#: research resource, a talent item, a policy, a stated target and a figure it can be measured against.
COLLAB_KINDS = ("alliance", "member", "resource", "talent", "policy", "target", "figure")


@dataclass
class CollabRecord:
    """One fact of the collaboration layer: ``kind`` (COLLAB_KINDS) about ``subject`` (an organisation, alliance,
    resource or region name), placed in ``region`` at ``date``, with kind-specific ``attrs``; ``evidence`` is the
    sentence (a span of the clean text)."""
    kind: str
    subject: str | None
    evidence: tuple[int, int]
    region: str | None = None
    date: str | None = None
    attrs: dict[str, Any] = field(default_factory=dict)

    def as_contract(self) -> dict[str, Any]:
        return {"kind": self.kind, "subject": self.subject, "region": self.region, "date": self.date,
                "attrs": dict(self.attrs), "evidence": list(self.evidence)}


@dataclass
class Document:
    """One input document: the raw input, its clean text with an offset map, and what was found in it.

    ``original`` is the article's text in its own script, before Traditional→Simplified conversion and
    noise removal; ``offsets[i]`` is the index in ``original`` that character ``i`` of ``text`` came from.
    """

    source: str
    raw: str
    original: str = ""
    text: str = ""
    offsets: list[int] = field(default_factory=list)
    fmt: str = "txt"
    encoding: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None
    published_from: str | None = None
    dateline: str | None = None
    language: str = "other"
    script: str | None = None
    head: str = ""
    tail: str = ""
    meta: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    collab: list[CollabRecord] = field(default_factory=list)
    relevance: float | None = None
    relevant: bool | None = None
    relevance_reasons: list[str] = field(default_factory=list)
    versions: dict[str, str] = field(default_factory=dict)

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of ``original`` that the clean span [start, end) came from."""
        if not self.offsets or start >= end:
            return (start, end)
        return (self.offsets[start], self.offsets[end - 1] + 1)

    def as_contract(self) -> dict[str, Any]:
        """The extraction contract. A page plainly about something else (relevance at or below
        :data:`OFF_TOPIC_SCORE`) lists no events and no figures: they must not reach an IC map. The store keeps them
        with the document, hidden as every off-topic document's are, until a user's call says it is relevant."""
        shown = self.relevance is None or self.relevance > OFF_TOPIC_SCORE
        return {
            "source": self.source,
            "language": self.language,
            "published": self.published,
            "title": self.title,
            "text": self.text,
            "url": self.url,
            "dateline": self.dateline,
            "entities": [e.as_contract() for e in self.entities],
            "events": [e.as_contract() for e in self.events] if shown else [],
            "figures": [f.as_contract() for f in self.figures] if shown else [],
            "relations": [r.as_contract() for r in self.relations],
            "collab": [c.as_contract() for c in self.collab],
            "relevance": {"score": self.relevance, "relevant": self.relevant, "reasons": self.relevance_reasons},
        }
