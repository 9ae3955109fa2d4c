"""Look-ups over the reference data in the store: the chain tree, a region with its hierarchy and groups,
organisations by name or alias with their segments."""
from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, select

from ..errors import NotFound
from ..reference.orgs import ORG_TYPES
from ..reference.regions import Region, RegionIndex
from . import schema as t



def chain_nodes(engine: Engine) -> dict[str, dict[str, Any]]:
    with engine.connect() as conn:
        return {r["id"]: dict(r) for r in conn.execute(select(t.chain_nodes)).mappings()}


def find_node(nodes: dict[str, dict[str, Any]], query: str) -> dict[str, Any] | None:
    """A chain node by id, name (any script or English) or one of its terms."""
    if query in nodes:
        return nodes[query]
    q = query.strip().lower()
    for n in nodes.values():
        if q in (str(n["name"]).lower(), str(n["name_hant"] or "").lower(), str(n["name_en"] or "").lower()):
            return n
    for n in nodes.values():
        if any(q == str(term).lower() for term in n["terms"] or []):
            return n
    return None


def chain_tree(engine: Engine, query: str | None = None) -> list[dict[str, Any]]:
    """The chain as nested nodes (each with ``children``), from the root stages or from one node."""
    nodes = chain_nodes(engine)
    children: dict[str | None, list[str]] = {}
    for n in sorted(nodes.values(), key=lambda n: n["id"]):
        children.setdefault(n["parent"], []).append(n["id"])

    def build(nid: str) -> dict[str, Any]:
        n = nodes[nid]
        return {"id": nid, "name": n["name"], "name_hant": n["name_hant"], "name_en": n["name_en"],
                "stage": n["stage"], "terms": n["terms"], "goes_into": n["goes_into"],
                "children": [build(c) for c in children.get(nid, [])]}

    if query:
        node = find_node(nodes, query)
        if node is None:
            raise NotFound(f"no chain node matches {query!r}", "see `icatlas chain` for the whole tree")
        return [build(node["id"])]
    return [build(root) for root in children.get(None, [])]


def region_index(engine: Engine) -> RegionIndex:
    """The region index built from the store's regions table."""
    with engine.connect() as conn:
        rows = [Region(code=r["code"], name=r["name"], level=r["level"], parent=r["parent"], short=r["short_name"],
                       name_hant=r["name_hant"], name_en=r["name_en"], aliases=list(r["aliases"] or []),
                       members=list(r["members"] or []), kind=r["kind"], lon=r["lon"], lat=r["lat"])
                for r in conn.execute(select(t.regions)).mappings()]
    from ..reference.regions import regions as bundled

    for r in rows:  # contextual group words are part of the bundled data, not of the table
        b = bundled().get(r.code)
        if b is not None:
            r.context_aliases = b.context_aliases
    return RegionIndex(rows)


def _brief(r: Region) -> dict[str, Any]:
    return {"code": r.code, "name": r.name, "level": r.level, "name_en": r.name_en, "lon": r.lon, "lat": r.lat}


def region_info(engine: Engine, query: str, context: list[str] | None = None) -> dict[str, Any]:
    """A written region name resolved (in the context of other region names): itself, its hierarchy up to the
    province, the groups it belongs to, its members (for a group) and other readings of the same words."""
    idx = region_index(engine)
    codes: set[str] = set()
    for c in context or []:
        r = idx.resolve(c)
        if r is not None:
            codes |= {r.code, *(a.code for a in idx.ancestors(r))}
    r = idx.resolve(query, codes)
    street = None
    if r is None:
        from ..reference.regions import streets

        places = [s for s in streets().get(query, []) if idx.get(s.district) is not None]
        places.sort(key=lambda s: (not any(a.code in codes for a in [idx.by_code[s.district],
                                                                      *idx.ancestors(idx.by_code[s.district])]), s.code))
        if places:
            street = places[0]
            r = idx.by_code[street.district]
    if r is None:
        raise NotFound(f"no region matches {query!r}", "try the full name (苏州市), a short form (苏州) or Pinyin (Suzhou)")
    province = idx.province_of(r)
    groups = [g for g in idx.by_code.values() if g.level == "group" and province is not None
              and province.code in g.members and len(g.members) < 34]
    others = [x for x in idx.lookup(query) if x.code != r.code]
    return {
        "query": query,
        "street": {"code": street.code, "name": street.name} if street else None,
        "region": _brief(r) | {"aliases": r.names()},
        "hierarchy": [_brief(a) for a in idx.ancestors(r)],
        "groups": [_brief(g) for g in sorted(groups, key=lambda g: len(g.members))],
        "members": [_brief(m) for m in (idx.get(c) for c in r.members) if m is not None],
        "alternatives": [_brief(x) | {"hierarchy": [a.name for a in idx.ancestors(x)]} for x in others],
    }


def find_orgs(engine: Engine, query: str, limit: int = 20) -> list[dict[str, Any]]:
    """Organisations whose name or alias is ``query`` (exact first, then containing it), with segment names."""
    q = query.strip().lower()
    with engine.connect() as conn:
        rows = [dict(r) for r in conn.execute(select(t.entities).where(t.entities.c.type.in_(ORG_TYPES))).mappings()]
    nodes = chain_nodes(engine)

    def rank(e: dict[str, Any]) -> int | None:
        names = [str(e["name"]).lower(), *(str(a).lower() for a in e["aliases"] or [])]
        if q in names:
            return 0
        if any(q in n for n in names):
            return 1
        return None

    hits = sorted((r for r in rows if rank(r) is not None), key=lambda e: (rank(e), len(e["name"]), e["name"]))
    out = []
    for e in hits[:limit]:
        e["segments"] = [{"id": s, "name": nodes[s]["name"] if s in nodes else None,
                          "name_en": nodes[s]["name_en"] if s in nodes else None} for s in e["segments"] or []]
        out.append({k: e[k] for k in ("id", "type", "name", "aliases", "region", "segments", "ref_id", "origin",
                                      "attrs")})
    if not out:
        raise NotFound(f"no organisation matches {query!r}", "try a short name (上海微电子) or English (SMEE)")
    return out
