"""Merging two stored entities by hand: one organisation written two ways that resolution did not join."""
from __future__ import annotations

from typing import Any

from sqlalchemy import select

from ..errors import NotFound, UsageError
from . import schema as t
from .keys import index_entities


def merge_entities(engine: Any, keep_id: int, drop_id: int, who: str) -> dict[str, Any]:
    """Fold entity ``drop_id`` into ``keep_id``: its mentions and relations move over, its name and aliases become
    aliases of the kept entity, its segments and positions are added, and it is deleted. The kept entity is marked
    curated (``merged``), so re-extraction resolves the dropped name to it again. Logged as a ``merge``.
    Returns the kept entity's row after the merge."""
    if keep_id == drop_id:
        raise UsageError("an entity cannot be merged into itself", "give two different entity ids")
    e = t.entities
    with engine.begin() as conn:
        rows = {int(r["id"]): dict(r) for r in conn.execute(select(e).where(e.c.id.in_((keep_id, drop_id)))).mappings()}
        for i in (keep_id, drop_id):
            if i not in rows:
                raise NotFound(f"no entity {i}", "find entities with `icatlas org QUERY`")
        keep, drop = rows[keep_id], rows[drop_id]
        if (keep["type"] == "person") != (drop["type"] == "person") or "region" in (keep["type"], drop["type"]):
            raise UsageError(f"cannot merge a {drop['type']} into a {keep['type']}",
                             "merge organisations with organisations and people with people")
        aliases = [a for a in dict.fromkeys([*(keep["aliases"] or []), drop["name"], *(drop["aliases"] or [])])
                   if a != keep["name"]]
        after = {
            "aliases": aliases,
            "segments": list(dict.fromkeys([*(keep["segments"] or []), *(drop["segments"] or [])])),
            "positions": list(dict.fromkeys([*(keep["positions"] or []), *(drop["positions"] or [])])),
            "region": keep["region"] or drop["region"],
        }
        curated = sorted(set(keep["curated"] or []) | set(drop["curated"] or []) | {"merged"})
        conn.execute(e.update().where(e.c.id == keep_id).values(**after, curated=curated))
        conn.execute(t.mentions.update().where(t.mentions.c.entity_id == drop_id).values(entity_id=keep_id))
        conn.execute(t.relations.update().where(t.relations.c.source_id == drop_id).values(source_id=keep_id))
        conn.execute(t.relations.update().where(t.relations.c.target == drop["name"]).values(target=keep["name"]))
        conn.execute(t.collab_records.update().where(t.collab_records.c.entity_id == drop_id)
                     .values(entity_id=keep_id))
        conn.execute(e.delete().where(e.c.id == drop_id))
        index_entities(conn, [keep_id, drop_id])
        conn.execute(t.curation.insert().values(
            who=who, action="merge", target_table="entities", target_id=keep_id,
            before={"kept": {"id": keep_id, "name": keep["name"]}, "merged": {k: drop[k] for k in (
                "id", "type", "name", "aliases", "region", "segments")}},
            after=after))
        return dict(conn.execute(select(e).where(e.c.id == keep_id)).mappings().one())
