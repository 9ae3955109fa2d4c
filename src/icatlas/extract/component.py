"""Pipeline components: named steps that say what they need and what they add, registered by name.

A component is a function of a :class:`Work` (the document and what the steps found on the way). It declares the
fields it ``requires`` and ``assigns``: ``doc.<field>`` for a field of the :class:`~icatlas.model.Document`, a bare
name for a field of the :class:`Work`. The pipeline (:mod:`icatlas.pipeline`) puts registered components in order
and checks that each one's requirements are assigned before it runs. ``version`` gives the version the component
records in ``Document.versions``, read when a pipeline is built.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields

from ..model import Document, Mention
from ..reference.regions import RegionIndex, regions

Step = Callable[["Work"], None]


@dataclass
class Work:
    """One document on its way through the pipeline, with what the steps found before the document's own fields."""

    doc: Document
    index: RegionIndex = field(default_factory=regions)
    quantities: list[Mention] = field(default_factory=list)
    places: list[Mention] = field(default_factory=list)
    addresses: list[Mention] = field(default_factory=list)
    orgs: list[Mention] = field(default_factory=list)
    people: list[Mention] = field(default_factory=list)
    full_names: dict[str, str] = field(default_factory=dict)  # short organisation name → the full name on the page
    reference: str | None = None  # the date the page's own words are told from (quantities.story_reference)
    doc_date: tuple[str | None, str | None] = (None, None)  # the date the lede's events happened, and its precision
    doc_place: str | None = None  # the city the lede names
    protagonist: str | None = None  # the person with a post named most often


@dataclass(frozen=True)
class Component:
    """A registered pipeline step."""

    name: str
    step: Step
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()
    version_of: Callable[[], str] | None = None
    version_key: str = ""  # the key in Document.versions (the component's name unless given)

    def __call__(self, work: Work) -> None:
        self.step(work)


REGISTRY: dict[str, Component] = {}
_DOC_FIELDS = {f.name for f in fields(Document)}
_WORK_FIELDS = {f.name for f in fields(Work)} - {"doc"}


def known_field(name: str) -> bool:
    """Whether ``name`` is a field a component can require or assign: ``doc.<field>`` or a field of :class:`Work`."""
    return name[4:] in _DOC_FIELDS if name.startswith("doc.") else name in _WORK_FIELDS


def component(name: str, *, requires: Iterable[str] = (), assigns: Iterable[str] = (),
              version: Callable[[], str] | None = None, version_key: str | None = None) -> Callable[[Step], Step]:
    """Register the decorated step as the component ``name``."""
    def register(step: Step) -> Step:
        comp = Component(name, step, tuple(requires), tuple(assigns), version, version_key or name)
        unknown = [f for f in (*comp.requires, *comp.assigns) if not known_field(f)]
        if unknown:
            raise ValueError(f"component {name!r} names unknown fields: {', '.join(unknown)}")
        REGISTRY[name] = comp
        return step
    return register
