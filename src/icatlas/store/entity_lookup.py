"""Finding the stored entity a page's entity names, within one document's transaction, with few statements.

:class:`EntityLookup` reads in one query each the stored entities named as the page names its entities, and the
curated-alias keys of those names; it keeps them up to date with the transaction's own writes (an entity stored or
renamed, its aliases extended), so every lookup of the page sees the store as the old one-query-per-step code saw it.
What the page names anew goes through the lookup keys (``keys.py``): the curated entities keeping the name as an
alias, then the organisations of the same two first characters that hold one of its normalised forms, else the names
alone of those candidates for the abbreviation rule.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from ..resolve import across
from ..resolve.across import EntityUpdate, KnownEntity
from ..resolve.names import name_key
from . import keys
from . import schema as t

NOT_ORGS = ("person", "region")
#: The columns the matching rules read (not the attributes and segments, which they never compare).
_COLS = [t.entities.c[n] for n in ("id", "type", "name", "aliases", "region", "positions", "curated", "ref_id")]


@dataclass(frozen=True)
class StoredEntity(KnownEntity):
    """A stored entity with the list fields the row holds as NULL (an update writes them as lists)."""

    nulls: frozenset[str] = frozenset()


def known(row: Any) -> StoredEntity:
    return StoredEntity(id=int(row.id), type=row.type, name=row.name, aliases=list(row.aliases or []),
                        region=row.region, positions=list(row.positions or []), curated=list(row.curated or []),
                        ref_id=row.ref_id, nulls=frozenset(k for k in ("aliases", "positions") if getattr(row, k) is None))


def entities(conn: Any, ids: Iterable[int], curated: bool = False) -> list[KnownEntity]:
    """The stored entities ``ids`` (``curated``: those a user curated, or from the reference data), in id order."""
    out: list[KnownEntity] = []
    wanted = sorted(set(ids))
    for part in (wanted[i:i + 500] for i in range(0, len(wanted), 500)):
        q = select(*_COLS).where(t.entities.c.id.in_(part)).order_by(t.entities.c.id)
        out += [known(r) for r in conn.execute(q.where(t.entities.c.curated.is_not(None)) if curated else q)]
    return sorted(out, key=lambda k: k.id)


class OrgGroups:
    """The names of the stored organisations by the first two characters of their name (``p:`` keys), kept for an
    ingest run: the abbreviation rule reads every name of a group, and the groups grow with the store. They are
    valid while nobody else writes: the ``store_state`` version (bumped by triggers on SQLite and PostgreSQL), read
    when a transaction of this process ends and when the next begins, tells; elsewhere they last one transaction."""

    def __init__(self) -> None:
        self.names: dict[str, dict[int, str]] = {}
        self.version: int | None = None

    def begin(self, conn: Any) -> None:
        """At the start of a write transaction: forget the groups if another writer changed the store since."""
        if self.version is None or _state_version(conn) != self.version:
            self.clear()

    def end(self, conn: Any) -> None:
        """At the end of a write transaction of this process, before it commits."""
        self.version = _state_version(conn)

    def clear(self) -> None:
        self.names.clear()
        self.version = None

    def group(self, conn: Any, key: str) -> dict[int, str]:
        """The ids and names of the organisations holding the prefix key ``key``."""
        found = self.names.get(key)
        if found is None:
            rows = conn.execute(select(t.entities.c.id, t.entities.c.name).join(
                t.entity_keys, t.entity_keys.c.entity_id == t.entities.c.id).where(
                t.entity_keys.c.key == key, t.entities.c.type.not_in(NOT_ORGS)))
            found = self.names[key] = {int(i): n for i, n in rows}
        return found

    def stored(self, eid: int, name: str, dialect: str, before: str | None = None) -> None:
        """Organisation ``eid`` now has ``name`` (``before``: the name it had)."""
        if before is not None:
            self.names.get(keys.prefix_key(before[:2], dialect), {}).pop(eid, None)
        group = self.names.get(keys.prefix_key(name[:2], dialect))
        if group is not None:
            group[eid] = name


def _state_version(conn: Any) -> int | None:
    if conn.dialect.name not in ("sqlite", "postgresql"):
        return None  # no state stamp: nothing is kept from one transaction to the next
    try:
        with conn.begin_nested():  # a store whose stamp was taken away has no store_state: nothing is kept
            return conn.execute(select(t.store_state.c.version).where(t.store_state.c.id == 1)).scalar()
    except SQLAlchemyError:
        return None


class EntityLookup:
    """The stored entities one document's entities may be, for the length of its transaction."""

    def __init__(self, conn: Any, names: Iterable[str], groups: OrgGroups | None = None) -> None:
        self.conn = conn
        self.dialect = conn.dialect.name
        self.groups = groups if groups is not None else OrgGroups()
        wanted = sorted(set(names))
        self.named: dict[tuple[str, str], int] = {}
        self.rows: dict[int, KnownEntity] = {}
        self.asked = set(wanted)
        self.alias_keys: dict[str, set[int]] = {"a:" + n: set() for n in wanted}
        for part in (wanted[i:i + 500] for i in range(0, len(wanted), 500)):
            for row in conn.execute(select(*_COLS).where(t.entities.c.name.in_(part))):
                k = known(row)
                self.named[(k.type, k.name)] = k.id
                self.rows[k.id] = k
            for key, eid in conn.execute(select(t.entity_keys.c.key, t.entity_keys.c.entity_id).where(
                    t.entity_keys.c.key.in_(["a:" + n for n in part]))):
                self.alias_keys[key].add(int(eid))

    def named_as(self, etype: str, name: str) -> KnownEntity | None:
        """The stored entity of this type and name."""
        if name not in self.asked:
            row = self.conn.execute(select(*_COLS).where(t.entities.c.type == etype, t.entities.c.name == name)).first()
            return known(row) if row is not None else None
        eid = self.named.get((etype, name))
        return self.rows[eid] if eid is not None else None

    def find(self, e: Any) -> KnownEntity | None:
        """The stored entity ``e`` is: by type and name, else a curated one keeping the name as an alias, else an
        organisation stored under another written form of it (:func:`across.same_org`)."""
        found = self.named_as(e.type, e.name)
        if found is None:
            ids = self.alias_keys.get("a:" + e.name)
            if ids is None:
                ids = keys.entity_ids(self.conn, ["a:" + e.name])
            found = across.curated_match(e, entities(self.conn, ids, curated=True)) if ids else None
        if found is None and e.type not in NOT_ORGS:
            prefixes = across.org_prefixes(e)
            found = self.same_org(e, prefixes) if prefixes else None
        return found

    def same_org(self, e: Any, prefixes: set[str]) -> KnownEntity | None:
        """:func:`across.same_org` over the stored organisations whose name starts with one of ``prefixes``, reading
        only those it can return: the ones holding one of ``e``'s normalised forms, else (for the abbreviation rule)
        the names alone of the candidates."""
        conn, dialect = self.conn, self.dialect
        forms = {name_key(e.name), *(name_key(a) for a in e.aliases)}
        hits = keys.entity_ids(conn, {"n:" + f for f in forms})

        def starts(name: str) -> bool:
            return any(keys.starts_with(name, p, dialect) for p in prefixes)

        if hits:
            match = across.same_form(e, [k for k in entities(conn, hits) if k.type not in NOT_ORGS and starts(k.name)])
            if match is not None:
                return match
        if len(name_key(e.name)) < 4:
            return None
        group: dict[int, str] = {}
        for p in prefixes:
            group.update(self.groups.group(conn, keys.prefix_key(p, dialect)))
        light = [KnownEntity(id=i, type="", name=n) for i, n in sorted(group.items()) if starts(n)]
        match = across.abbreviated(e, light)
        return None if match is None else entities(conn, [match.id])[0]

    # -- the transaction's own writes --------------------------------------------------------------------------
    def stored(self, eid: int, e: Any) -> None:
        """``e`` was stored anew as ``eid``."""
        keys.write_entity_keys(self.conn, eid, e.type, e.name, e.aliases, new=True)
        if e.type not in NOT_ORGS:
            self.groups.stored(eid, e.name, self.dialect)
        self._keep(KnownEntity(id=eid, type=e.type, name=e.name, aliases=list(e.aliases or []), region=e.region,
                               positions=list(e.positions or [])), None)

    def updated(self, before: KnownEntity, update: EntityUpdate) -> None:
        """The stored entity ``before`` took ``update``."""
        after = replace(before, name=update.name or before.name, aliases=list(update.aliases),
                        positions=list(update.positions), region=update.region)
        if isinstance(after, StoredEntity):
            after = replace(after, nulls=frozenset())
        if after.name != before.name or after.aliases != before.aliases:
            keys.write_entity_keys(self.conn, before.id, before.type, after.name, after.aliases)
        if after.name != before.name and before.type not in NOT_ORGS:
            self.groups.stored(before.id, after.name, self.dialect, before=before.name)
        self._keep(after, before)

    def _keep(self, after: KnownEntity, before: KnownEntity | None) -> None:
        if before is not None:
            if self.named.get((before.type, before.name)) == before.id:
                del self.named[(before.type, before.name)]
            for a in before.aliases:
                self.alias_keys.get("a:" + a, set()).discard(before.id)
        self.rows[after.id] = after
        if after.name in self.asked:
            self.named[(after.type, after.name)] = after.id
        for a in after.aliases:
            if "a:" + a in self.alias_keys:
                self.alias_keys["a:" + a].add(after.id)
