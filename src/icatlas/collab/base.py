"""Reading collaboration records for the query functions: the visible records of a kind with their evidence."""
from __future__ import annotations

import copy
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from sqlalchemy import Engine, func, select

from ..errors import NotFound
from ..reference.chain import chain
from ..reference.regions import regions
from ..store import schema as t
from ..store.queries import in_force_relevant, region_names_within


@dataclass
class Rec:
    """One stored record with the document it comes from."""
    id: int
    kind: str
    subject: str | None
    entity_id: int | None
    region: str | None
    date: str | None
    attrs: dict[str, Any]
    doc_id: int
    title: str | None
    published: str | None
    span: tuple[int, int]
    sentence: str
    curated: list[str] = field(default_factory=list)

    def evidence(self) -> dict[str, Any]:
        """Where the record comes from: ``{"record_id", "doc_id", "title", "published", "span", "sentence"}``; the
        span indexes the document's clean text (the web app's ``/documents/{doc_id}#m-{start}``)."""
        return {"record_id": self.id, "doc_id": self.doc_id, "title": self.title, "published": self.published,
                "span": list(self.span), "sentence": self.sentence, "curated": list(self.curated)}


def engine_of(store: Any) -> Engine:
    return getattr(store, "engine", store)


def load(store: Any, kinds: Iterable[str], include_hidden: bool = False) -> list[Rec]:
    """The records of ``kinds`` from documents judged IC-relevant (the call in force), without those about other
    industries (``attrs.ic`` false) or rejected by a user; oldest document first."""
    from ..analytics.snapshot import snapshot

    # the rows are read once per store state; each call gets its own records
    kinds = list(kinds)
    memo = snapshot(store).memo
    key = ("collab_rows", tuple(sorted(kinds)), include_hidden)
    rows = memo.get(key)
    if rows is None:
        r, doc = t.collab_records, t.documents
        length = r.c.evidence_end - r.c.evidence_start
        q = (select(r.c.id, r.c.kind, r.c.subject, r.c.entity_id, r.c.region, r.c.date, r.c.attrs, r.c.doc_id,
                    r.c.evidence_start, r.c.evidence_end, r.c.curated, doc.c.title, doc.c.published,
                    func.substr(doc.c.text, r.c.evidence_start + 1, length).label("sentence"))
             .join(doc, doc.c.id == r.c.doc_id).where(r.c.kind.in_(kinds)).order_by(r.c.doc_id, r.c.id))
        if not include_hidden:
            q = q.where(in_force_relevant())
        with engine_of(store).connect() as conn:
            rows = [dict(row) for row in conn.execute(q).mappings()]
        memo[key] = rows
    out = []
    for row in rows:
        attrs = copy.deepcopy(dict(row["attrs"] or {}))
        if not include_hidden and (attrs.get("ic") is False or attrs.get("rejected")):
            continue
        out.append(Rec(id=int(row["id"]), kind=row["kind"], subject=row["subject"], entity_id=row["entity_id"],
                       region=row["region"], date=row["date"], attrs=attrs, doc_id=int(row["doc_id"]),
                       title=row["title"], published=row["published"],
                       span=(int(row["evidence_start"]), int(row["evidence_end"])), sentence=row["sentence"] or "",
                       curated=list(row["curated"] or [])))
    return out


_NOISE = re.compile(r"[\s()（）·\-“”\"'《》]")


@lru_cache(maxsize=65536)
def norm(name: str | None) -> str:
    """A name compared across documents and scripts: Simplified, no brackets, spaces or quotes, lower case."""
    from ..normalise.script import converter

    return _NOISE.sub("", converter("t2s").convert(name or "")).lower()


_NAMES: dict[int, tuple[Any, Names]] = {}
_LOCK = threading.Lock()


class Names:
    """Entity names and aliases of the store, to group records of one organisation written in different ways."""

    def __new__(cls, store: Any) -> Names:
        """One index per store state (rebuilt when the store changed, as the analyses' snapshot is)."""
        from ..store.reading import fingerprint

        engine = engine_of(store)
        fp = fingerprint(engine)
        with _LOCK:
            hit = _NAMES.get(id(engine))
            if hit is not None and hit[0] == fp:
                return hit[1]
        obj = super().__new__(cls)
        obj._build(engine)
        with _LOCK:
            _NAMES[id(engine)] = (fp, obj)
        return obj

    def __init__(self, store: Any) -> None:
        pass  # built once in __new__

    def _build(self, engine: Engine) -> None:
        e = t.entities.c
        self.by_id: dict[int, dict[str, Any]] = {}
        self.by_form: dict[str, int] = {}
        with engine.connect() as conn:
            for eid, etype, name, aliases, region in conn.execute(select(e.id, e.type, e.name, e.aliases, e.region).where(
                    e.type.not_in(("person",)))):
                self.by_id[int(eid)] = {"id": int(eid), "type": etype, "name": name, "aliases": aliases,
                                        "region": region}
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
