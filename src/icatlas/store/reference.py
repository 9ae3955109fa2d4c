"""Loading the bundled reference data into the store, versioned; user curation survives a reload."""
from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, delete, func, select

from ..reference import chain, reference_orgs, reference_version, regions
from ..reference.orgs import RefOrg
from . import schema as t
from .keys import index_entities

ORIGIN = "reference"


def stored_version(conn: Connection) -> str | None:
    row = conn.execute(select(t.reference_meta.c.value).where(t.reference_meta.c.key == "version")).first()
    return row[0] if row else None


def load_reference(conn: Connection, force: bool = False) -> dict[str, int] | None:
    """Load chain nodes, regions and organisations when the store's version differs; the counts loaded."""
    version = reference_version()
    if not force and stored_version(conn) == version:
        return None
    ch = chain()
    conn.execute(delete(t.chain_nodes))
    if ch.nodes:
        conn.execute(t.chain_nodes.insert(), [
            dict(id=n.id, parent=n.parent, stage=n.stage, name=n.name, name_hant=n.name_hant, name_en=n.name_en,
                 terms=n.terms, goes_into=n.goes_into, source=n.source) for n in ch.nodes.values()])
    idx = regions()
    conn.execute(delete(t.regions))
    conn.execute(t.regions.insert(), [
        dict(code=r.code, name=r.name, level=r.level, parent=r.parent, short_name=r.short, name_hant=r.name_hant,
             name_en=r.name_en, aliases=r.aliases, members=r.members, kind=r.kind, lon=r.lon, lat=r.lat)
        for r in idx.by_code.values()])
    orgs = reference_orgs()
    upsert_orgs(conn, orgs, ORIGIN)
    conn.execute(delete(t.reference_meta).where(t.reference_meta.c.key == "version"))
    conn.execute(t.reference_meta.insert().values(key="version", value=version))
    return {"chain_nodes": len(ch.nodes), "regions": len(idx.by_code), "organizations": len(orgs)}


def org_values(org: RefOrg) -> dict[str, Any]:
    r = regions().get(org.region)
    return dict(type=org.type, name=org.name, aliases=org.aliases + [n for n in (org.name_en, org.name_hant) if n],
                region=r.name if r else org.region, segments=org.segments,
                attrs={"region_code": org.district or org.region, "stock_code": org.stock_code,
                       "name_en": org.name_en, "source": org.source, "group": org.group, "zone": org.zone,
                       "revenue_band": org.revenue_band, "revenue_yi": org.revenue_yi})


def upsert_orgs(conn: Connection, orgs: list[RefOrg], origin: str) -> list[str]:
    """Insert or update organisations in one pass; the status of each: added, updated or unchanged."""
    rows = [dict(r) for r in conn.execute(select(t.entities).where(t.entities.c.type.not_in(("person", "region"))))
            .mappings()]
    by_ref = {r["ref_id"]: r for r in rows if r["ref_id"]}
    by_name = {(r["type"], r["name"]): r for r in rows}
    new, status = [], []
    for org in orgs:
        row = by_ref.get(org.id) or by_name.get((org.type, org.name))
        if row is None:
            values = dict(ref_id=org.id, origin=origin, curated=[], extractor=origin, **org_values(org))
            new.append(values)
            by_ref[org.id] = by_name[(org.type, org.name)] = values
            status.append("added")
        else:
            status.append("updated" if _update(conn, row, org, origin) else "unchanged")
    if new:
        before = conn.execute(select(func.max(t.entities.c.id))).scalar() or 0
        conn.execute(t.entities.insert(), new)
        index_entities(conn, [r[0] for r in conn.execute(select(t.entities.c.id).where(t.entities.c.id > before))])
    return status


def _update(conn: Connection, row: dict[str, Any], org: RefOrg, origin: str) -> bool:
    if "id" not in row:
        return False  # added earlier in the same pass
    values = org_values(org)
    curated = set(row["curated"] or [])
    changes = {k: v for k, v in values.items() if k not in curated and row[k] != v}
    if row["ref_id"] != org.id:
        changes["ref_id"] = org.id
    if not row["origin"]:
        changes["origin"] = origin
    if not changes:
        return False
    conn.execute(t.entities.update().where(t.entities.c.id == row["id"]).values(**changes))
    if {"name", "aliases", "type"} & set(changes):
        index_entities(conn, [row["id"]])
    return True
