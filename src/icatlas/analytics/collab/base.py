"""Reading collaboration records for the query functions: the visible records of a kind with their evidence."""
from __future__ import annotations

import copy
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ...errors import NotFound
from ...reference.chain import chain
from ...reference.regions import regions
from ...store.queries import region_names_within
from ...store.read_collab import CollabRow, collab_rows, named_entities
from ...store.reading import StoreLike
from ..snapshot import snapshot


@dataclass(frozen=True)
class Rec(CollabRow):
    """One stored record with the document it comes from; its ``attrs`` are its own to change."""

    @property
    def span(self) -> tuple[int, int]:
        return (self.evidence_start, self.evidence_end)

    def evidence(self) -> dict[str, Any]:
        """Where the record comes from: ``{"record_id", "doc_id", "title", "published", "span", "sentence"}``; the
        span indexes the document's clean text (the web app's ``/documents/{doc_id}#m-{start}``)."""
        return {"record_id": self.id, "doc_id": self.doc_id, "title": self.title, "published": self.published,
                "span": list(self.span), "sentence": self.sentence, "curated": list(self.curated)}


def load(store: StoreLike, kinds: Iterable[str], include_hidden: bool = False) -> list[Rec]:
    """The records of ``kinds`` from documents judged IC-relevant (the call in force), without those about other
    industries (``attrs.ic`` false) or rejected by a user; oldest document first."""
    # the rows are read once per store state; each call gets its own records
    kinds = list(kinds)
    memo = snapshot(store).memo
    key = ("collab_rows", tuple(sorted(kinds)), include_hidden)
    rows: list[CollabRow] | None = memo.get(key)
    if rows is None:
        rows = memo[key] = collab_rows(store, kinds, include_hidden)
    out = []
    for row in rows:
        attrs = copy.deepcopy(row.attrs)
        if not include_hidden and (attrs.get("ic") is False or attrs.get("rejected")):
            continue
        out.append(Rec(**{**vars(row), "attrs": attrs, "curated": list(row.curated)}))
    return out


_NOISE = re.compile(r"[\s()（）·\-“”\"'《》]")


@lru_cache(maxsize=65536)
def norm(name: str | None) -> str:
    """A name compared across documents and scripts: Simplified, no brackets, spaces or quotes, lower case."""
    from ...normalise.script import converter

    return _NOISE.sub("", converter("t2s").convert(name or "")).lower()


class Names:
    """Entity names and aliases of the store, to group records of one organisation written in different ways."""

    def __new__(cls, store: StoreLike) -> Names:
        """One index per store state (rebuilt when the store changed, as the analyses' snapshot is)."""
        memo = snapshot(store).memo
        obj: Names | None = memo.get("collab_names")
        if obj is None:
            obj = super().__new__(cls)
            obj._build(store)
            memo["collab_names"] = obj
        return obj

    def __init__(self, store: StoreLike) -> None:
        pass  # built once in __new__

    def _build(self, store: StoreLike) -> None:
        self.by_id: dict[int, dict[str, Any]] = {}
        self.by_form: dict[str, int] = {}
        for e in named_entities(store):
            self.by_id[e.id] = {"id": e.id, "type": e.type, "name": e.name, "aliases": e.aliases, "region": e.region}
        # names first, aliases after, so that a name never loses to another entity's alias
        for eid, d in self.by_id.items():
            self.by_form.setdefault(norm(d["name"]), eid)
        for eid, d in self.by_id.items():
            for a in d["aliases"] or []:
                self.by_form.setdefault(norm(a), eid)

    def entity(self, name: str | None, entity_id: int | None = None) -> dict[str, Any] | None:
        """The entity a record's subject stands for: its stored id when it still exists, else its name or alias."""
        if entity_id is not None and entity_id in self.by_id:
            return self.by_id[entity_id]
        eid = self.by_form.get(norm(name))
        return self.by_id.get(eid) if eid is not None else None

    def canonical(self, name: str | None, entity_id: int | None = None) -> str:
        e = self.entity(name, entity_id)
        return str(e["name"]) if e else (name or "")

    def forms(self, name: str) -> set[str]:
        """Every written form of the entity called ``name`` (normalised), or just the name."""
        e = self.entity(name)
        names = {name} if e is None else {e["name"], *(e["aliases"] or [])}
        return {norm(n) for n in names}


def within(region: str | None) -> set[str] | None:
    """The names of a region and every region inside it (aliases resolve: 苏州 → 苏州市), or None for no filter."""
    if not region:
        return None
    return region_names_within(region)


def region_in(name: str | None, names: set[str] | None) -> bool:
    return names is None or (name is not None and name in names)


def segment_nodes(segment: str | None) -> set[str] | None:
    """The chain node a user names (id, name or term: design, 设计, 光刻机) and every node under it; None for none."""
    if not segment:
        return None
    ch = chain()
    node = ch.get(segment) or ch.find(segment)
    if node is None:
        raise NotFound(f"no chain node matches {segment!r}", "see `icatlas chain` for the ids and names")
    return {n.id for _d, n in ch.subtree(node.id)}


def province_of(name: str | None) -> str | None:
    idx = regions()
    r = idx.resolve(name) if name else None
    if r is None:
        return None
    if r.level == "group":
        return None
    p = idx.province_of(r)
    return p.name if p else r.name


def group_of(provinces: set[str]) -> str | None:
    """The smallest region group holding all of ``provinces`` (two or more), e.g. 长三角 for 上海市 and 浙江省."""
    idx = regions()
    codes = set()
    for p in provinces:
        r = idx.resolve(p)
        if r is not None:
            codes.add(r.code)
    if len(codes) < 2:
        return None
    g = idx.smallest_group(codes)
    return g.name if g else None
