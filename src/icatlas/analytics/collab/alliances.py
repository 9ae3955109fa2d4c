"""Alliances and associations: founding, seats, members, agreements and events, regions spanned, members' resources."""
from __future__ import annotations

from typing import Any

from ...store.read_collab import documents_naming, event_sources, events_reported_in
from ...store.reading import StoreLike
from .base import Names, Rec, group_of, load, norm, province_of, within

#: Seats that make a unit one of an alliance's director units (the governing body), most senior first.
DIRECTOR_RANKS = ("director", "vice_director", "secretary_general", "executive_council", "council", "supervisor")
RANK_ORDER = (*DIRECTOR_RANKS, "founder", "member")
RANK_ZH = {"director": "理事长单位", "vice_director": "副理事长单位", "secretary_general": "秘书长单位",
           "executive_council": "常务理事单位", "council": "理事单位", "supervisor": "监事单位", "founder": "发起单位",
           "member": "成员单位"}


class Alliances:
    """The alliance and member records grouped by alliance (one entity however many ways it is written)."""

    def __init__(self, store: StoreLike) -> None:
        self.names = Names(store)
        recs = load(store, ("alliance", "member"))
        self.groups: dict[str, dict[str, Any]] = {}
        for r in recs:
            if r.kind == "alliance":
                self._group(r.subject, r.entity_id)["records"].append(r)
        for r in recs:
            if r.kind == "member":
                self._group(str(r.attrs.get("alliance") or ""), None)["members"].append(r)
        for g in list(self.groups.values()):
            if not g["records"] and not g["members"]:
                del self.groups[g["key"]]

    def _group(self, name: str | None, entity_id: int | None) -> dict[str, Any]:
        e = self.names.entity(name, entity_id)
        key = f"e{e['id']}" if e else f"n{norm(name)}"
        if key not in self.groups:
            self.groups[key] = {"key": key, "name": e["name"] if e else name, "entity": e, "records": [],
                                "members": []}
        return self.groups[key]

    def find(self, query: str) -> dict[str, Any] | None:
        """The alliance a user means: its name or an alias, else the one whose name holds the query (the shortest)."""
        q = norm(query)
        for g in self.groups.values():
            e = g["entity"]
            forms = {norm(g["name"])} | ({norm(a) for a in e["aliases"] or []} if e else set())
            if q in forms:
                return g
        hits = [g for g in self.groups.values() if q and q in norm(g["name"])]
        return min(hits, key=lambda g: len(str(g["name"]))) if hits else None


def _seat(r: Rec, names: Names) -> dict[str, Any]:
    e = names.entity(r.subject, r.entity_id)
    return {"name": names.canonical(r.subject, r.entity_id), "entity_id": e["id"] if e else None,
            "rank": r.attrs.get("rank", "member"), "role": r.attrs.get("role") or RANK_ZH.get(r.attrs.get("rank", "")),
            "first": bool(r.attrs.get("first")), "region": r.region or (e["region"] if e else None),
            "evidence": [r.evidence()]}


def member_seats(g: dict[str, Any], names: Names) -> list[dict[str, Any]]:
    """One entry per unit, at its most senior seat, with the evidence of every seat it was given."""
    out: dict[str, dict[str, Any]] = {}
    for r in g["members"]:
        s = _seat(r, names)
        have = out.get(s["name"])
        if have is None:
            out[s["name"]] = s
            continue
        have["evidence"] += s["evidence"]
        if RANK_ORDER.index(s["rank"]) < RANK_ORDER.index(have["rank"]):
            have.update({k: s[k] for k in ("rank", "role", "first")})
    return sorted(out.values(), key=lambda s: (RANK_ORDER.index(s["rank"]), s["name"]))


def _summary(g: dict[str, Any], names: Names) -> dict[str, Any]:
    recs: list[Rec] = g["records"]
    e = g["entity"]
    founded = next((r for r in sorted(recs, key=lambda r: (r.date is None, r.date or "")) if r.attrs.get("founded")),
                   None)
    members = member_seats(g, names)
    own = next((r.region for r in recs if r.region), None) or (e["region"] if e else None)
    regions = [x for x in dict.fromkeys([own, *(m["region"] for m in members)]) if x]
    provinces = {p for p in (province_of(x) for x in regions) if p}
    return {
        "name": g["name"],
        "entity_id": e["id"] if e else None,
        "aliases": [a for a in (e["aliases"] if e else []) or [] if a != g["name"]],
        "type": (recs[0].attrs.get("type") if recs else None) or (e["type"] if e else "association"),
        "region": own,
        "regions": regions,
        "provinces": sorted(provinces),
        "group": group_of(provinces),
        "founded": {"date": founded.date, "evidence": founded.evidence()} if founded else None,
        "members": len(members),
        "director_units": sum(1 for m in members if m["rank"] in DIRECTOR_RANKS),
        "documents": len({r.doc_id for r in recs} | {r.doc_id for r in g["members"]}),
    }


def alliances(store: StoreLike, region: str | None = None) -> list[dict[str, Any]]:
    """Every IC alliance and association named in IC-relevant documents, with ``region`` the ones that lie in it or
    have a member there, most members first.

    Each item: ``{"name", "entity_id", "aliases", "type", "region", "regions", "provinces", "group", "founded":
    {"date", "evidence"} | None, "members": int, "director_units": int, "documents": int}``; ``regions`` are the
    alliance's own and its members' regions, ``provinces`` the provinces they lie in, ``group`` the smallest region
    group holding two or more of them (长三角). An evidence is ``{"record_id", "doc_id", "title", "published", "span",
    "sentence", "curated"}``."""
    data = Alliances(store)
    names = within(region)
    out = []
    for g in data.groups.values():
        s = _summary(g, data.names)
        if names is not None and not (set(s["regions"]) & names or (s["group"] and s["group"] in names)):
            continue
        out.append(s)
    return sorted(out, key=lambda s: (-s["members"], -s["documents"], str(s["name"])))


def alliance(store: StoreLike, name: str) -> dict[str, Any] | None:
    """One alliance or association by name, alias or part of its name (``None`` when none matches).

    ``{"name", "entity_id", "aliases", "type", "region", "regions", "provinces", "group", "founded": {"date",
    "evidence"} | None, "initiators": [{"name", "evidence"}], "member_count": {"value", "qualifier", "evidence"} |
    None, "director_units": [seat], "members": [seat], "agreements": [event], "events": [event], "resources":
    [resource], "sources": [evidence]}``. A seat is ``{"name", "entity_id", "rank", "role", "first", "region",
    "evidence": [evidence]}`` (rank: director, vice_director, secretary_general, executive_council, council,
    supervisor, founder, member; ``members`` lists every unit, the director units too); an event is ``{"id", "type",
    "date", "place", "name", "participants", "evidence": [evidence]}``; a resource is as :func:`resources` gives it.
    """
    data = Alliances(store)
    g = data.find(name)
    if g is None:
        return None
    out = _summary(g, data.names)
    members = member_seats(g, data.names)
    out["director_units"] = [m for m in members if m["rank"] in DIRECTOR_RANKS]
    out["members"] = members
    del out["documents"]
    recs: list[Rec] = g["records"]
    initiators: dict[str, dict[str, Any]] = {}
    count = None
    for r in recs:
        for n in r.attrs.get("initiators") or []:
            key = data.names.canonical(n)
            initiators.setdefault(key, {"name": key, "evidence": []})["evidence"].append(r.evidence())
        mc = r.attrs.get("member_count")
        if mc and (count is None or (r.published or "") >= (count["evidence"]["published"] or "")):
            count = {"value": mc.get("value"), "qualifier": mc.get("qualifier"), "evidence": r.evidence()}
    out["initiators"] = list(initiators.values())
    out["member_count"] = count
    forms = data.names.forms(str(g["name"])) | {norm(g["name"])}
    out["agreements"], out["events"] = _events(store, forms, g)
    from .directory import resources as _resources

    member_forms = set().union(*(data.names.forms(m["name"]) for m in members)) if members else set()
    out["resources"] = [x for x in _resources(store) if norm(x["host"]) in member_forms | forms
                        or norm(x["name"]) in member_forms]
    out["sources"] = [r.evidence() for r in recs]
    return out


def _events(store: StoreLike, forms: set[str], g: dict[str, Any]
            ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The agreements and other events an alliance took part in (a participant is one of its written forms), each
    with the sentences of every page that reported it."""
    entity = g["entity"]
    doc_ids = {r.doc_id for r in g["records"]} | {r.doc_id for r in g["members"]}
    if entity is not None:
        doc_ids |= documents_naming(store, entity["id"])
    if not doc_ids:
        return [], []
    seen: set[int] = set()
    mine: list[dict[str, Any]] = []
    for r in events_reported_in(store, sorted(doc_ids)):
        if r.id not in seen and any(norm(n) in forms for p in r.participants for n in (p.get("name"), p.get("canonical"))
                                    if n):
            seen.add(r.id)
            mine.append({"id": r.id, "type": r.type, "date": r.date, "place": r.place, "name": r.name,
                         "participants": r.participants})
    sources = event_sources(store, [e["id"] for e in mine])
    for e in mine:
        e["evidence"] = [{"doc_id": s.doc_id, "title": s.title, "published": s.published,
                          "span": [s.evidence_start, s.evidence_end], "sentence": s.sentence}
                         for s in sources.get(e["id"], [])]
    mine.sort(key=lambda e: (e["date"] or "", e["id"]))
    agreements = [e for e in mine if e["type"] in ("agreement_signed", "project_signed")]
    return agreements, [e for e in mine if e["type"] not in ("agreement_signed", "project_signed")]
