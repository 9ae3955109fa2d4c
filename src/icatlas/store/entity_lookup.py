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
from itertools import groupby
from typing import Any

from sqlalchemy import bindparam, select
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


#: The statements of the lookups, built once.
_BY_ID = select(*_COLS).where(t.entities.c.id.in_(bindparam("ids", expanding=True))).order_by(t.entities.c.id)
_CURATED_BY_ID = _BY_ID.where(t.entities.c.curated.is_not(None))
_BY_NAME = select(*_COLS).where(t.entities.c.name.in_(bindparam("names", expanding=True)))
_KEYS = select(t.entity_keys.c.key, t.entity_keys.c.entity_id).where(
    t.entity_keys.c.key.in_(bindparam("keys", expanding=True)))
_UPDATE = t.entities.update().where(t.entities.c.id == bindparam("eid"))
_GROUP = select(t.entities.c.id, t.entities.c.name).join(
    t.entity_keys, t.entity_keys.c.entity_id == t.entities.c.id).where(
    t.entity_keys.c.key == bindparam("key"), t.entities.c.type.not_in(NOT_ORGS))


def entities(conn: Any, ids: Iterable[int], curated: bool = False) -> list[KnownEntity]:
    """The stored entities ``ids`` (``curated``: those a user curated, or from the reference data), in id order."""
    out: list[KnownEntity] = []
    wanted = sorted(set(ids))
    for part in (wanted[i:i + 500] for i in range(0, len(wanted), 500)):
        out += [known(r) for r in conn.execute(_CURATED_BY_ID if curated else _BY_ID, {"ids": part}).all()]
    return sorted(out, key=lambda k: k.id)


class OrgGroups:
    """The names of the stored organisations by the first two characters of their name (``p:`` keys), kept for an
    ingest run: the abbreviation rule reads every name of a group, and the groups grow with the store. They are
    valid while nobody else writes: the ``store_state`` version (bumped by triggers on SQLite and PostgreSQL), read
    when a transaction of this process ends and when the next begins, tells; elsewhere they last one transaction."""

    def __init__(self) -> None:
        self.names: dict[str, dict[int, str]] = {}
        self.version: int | None = None
        self.stamped: Any = None  # the transaction (connection) that found the stamp when it began

    def begin(self, conn: Any) -> None:
        """At the start of a write transaction: forget the groups if another writer changed the store since."""
        version = None if self.version is None else _state_version(conn)
        if self.version is None or version != self.version:
            self.clear()
        self.stamped = conn if version is not None else None

    def end(self, conn: Any) -> None:
        """At the end of a write transaction of this process, before it commits."""
        if self.stamped is conn:  # the stamp was there when the transaction began: it still is
            self.version = conn.execute(_STATE_VERSION).scalar()
        else:
            self.version = _state_version(conn)
        self.stamped = None

    def clear(self) -> None:
        self.names.clear()
        self.version = None
        self.stamped = None

    def group(self, conn: Any, key: str) -> dict[int, str]:
        """The ids and names of the organisations holding the prefix key ``key``."""
        found = self.names.get(key)
        if found is None:
            rows = conn.execute(_GROUP, {"key": key}).all()
            found = self.names[key] = {int(i): n for i, n in rows}
        return found

    def stored(self, eid: int, name: str, dialect: str, before: str | None = None) -> None:
        """Organisation ``eid`` now has ``name`` (``before``: the name it had)."""
        if before is not None:
            self.names.get(keys.prefix_key(before[:2], dialect), {}).pop(eid, None)
        group = self.names.get(keys.prefix_key(name[:2], dialect))
        if group is not None:
            group[eid] = name


_STATE_VERSION = select(t.store_state.c.version).where(t.store_state.c.id == 1)


def _state_version(conn: Any) -> int | None:
    if conn.dialect.name not in ("sqlite", "postgresql"):
        return None  # no state stamp: nothing is kept from one transaction to the next
    try:  # a store whose stamp was taken away has no store_state: nothing is kept
        if conn.dialect.name == "sqlite":  # a statement that fails leaves a SQLite transaction as it was
            return conn.execute(_STATE_VERSION).scalar()
        with conn.begin_nested():  # elsewhere (PostgreSQL) it would abort the transaction but for the savepoint
            return conn.execute(_STATE_VERSION).scalar()
    except SQLAlchemyError:
        return None


def _columns(change: dict[str, Any]) -> tuple[str, ...]:
    return tuple(change)


#: The ids from here on stand for the entities stored anew by the transaction but not inserted yet
#: (:meth:`EntityLookup.add`): above every stored id, in the order they came, as the ids they get will be.
PENDING = 1 << 62


class EntityLookup:
    """The stored entities one document's entities may be, for the length of its transaction. The entities it stores
    anew wait (under ids from :data:`PENDING` on) to be inserted together with their keys (:meth:`flush`), unless a
    later entity of the page names one of them again (:meth:`written`); the lookups see them all the while."""

    def __init__(self, conn: Any, entities: Iterable[Any], groups: OrgGroups | None = None) -> None:
        self.conn = conn
        self.dialect = conn.dialect.name
        self.groups = groups if groups is not None else OrgGroups()
        ents = list(entities)
        wanted = sorted({e.name for e in ents})
        self.named: dict[tuple[str, str], int] = {}
        self.rows: dict[int, KnownEntity] = {}
        self.asked = set(wanted)
        self.alias_keys: dict[str, set[int]] = {"a:" + n: set() for n in wanted}
        #: the ``n:`` keys the page's organisations may look up (:meth:`same_org`), with the entities holding them
        self.form_keys: dict[str, set[int]] = {"n:" + f: set() for e in ents if e.type not in NOT_ORGS
                                               for f in (name_key(e.name), *(name_key(a) for a in e.aliases))}
        self.pending: dict[int, tuple[dict[str, Any], set[str]]] = {}  # id -> the row to insert, its keys
        self.real: dict[int, int] = {}  # pending id -> the id it was inserted as
        self.changes: list[dict[str, Any]] = []  # the updates of stored entities not written yet, in order
        self.changed: set[int] = set()  # the stored entities updated (``rows`` holds them as they now are)
        for part in (wanted[i:i + 500] for i in range(0, len(wanted), 500)):
            for row in conn.execute(_BY_NAME, {"names": part}).all():
                k = known(row)
                self.named[(k.type, k.name)] = k.id
                self.rows[k.id] = k
        asked = sorted([*self.alias_keys, *self.form_keys])
        for part in (asked[i:i + 500] for i in range(0, len(asked), 500)):
            for key, eid in conn.execute(_KEYS, {"keys": part}).all():
                (self.alias_keys if key.startswith("a:") else self.form_keys)[key].add(int(eid))

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
                ids = self._holding(["a:" + e.name])
            # an entity not inserted yet is no curated one
            stored = [i for i in ids if i < PENDING]
            found = across.curated_match(e, self._fresh(entities(self.conn, stored, curated=True))) if stored else None
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
        hits = self._holding({"n:" + f for f in forms})
        starts = keys.starts_with_any(prefixes, dialect)
        if hits:
            match = across.same_form(e, [k for k in self._read(hits) if k.type not in NOT_ORGS and starts(k.name)])
            if match is not None:
                return match
        own = name_key(e.name)
        if len(own) < 4:
            return None
        group: dict[int, str] = {}
        for p in prefixes:
            key = keys.prefix_key(p, dialect)
            group.update(self.groups.group(conn, key))
            group.update((i, row["name"]) for i, (row, held) in self.pending.items() if key in held)
        # the names that cannot abbreviate it nor be abbreviated by it are left out before the rule reads them
        light = [KnownEntity(id=i, type="", name=n) for i, n in sorted(
            (i, n) for i, n in group.items() if across.may_abbreviate(own, name_key(n)) and starts(n))]
        match = across.abbreviated(e, light)
        return None if match is None else self._read([match.id])[0]

    def _holding(self, wanted: Iterable[str]) -> set[int]:
        """The ids of the entities (stored or waiting) holding any of the keys ``wanted``."""
        out: set[int] = set()
        missing = []
        for key in wanted:
            held = self.form_keys.get(key) if key.startswith("n:") else self.alias_keys.get(key)
            if held is None:
                missing.append(key)
            else:
                out |= held
        if missing:
            out |= keys.entity_ids(self.conn, missing)
            out.update(i for i, (_row, held) in self.pending.items() if held.intersection(missing))
        return out

    def _read(self, ids: Iterable[int]) -> list[KnownEntity]:
        """The entities ``ids`` as they now are, in id order (those waiting as they will be inserted)."""
        wanted = sorted(set(ids))
        waiting = [self.rows[i] for i in wanted if i >= PENDING]
        return [*self._fresh(entities(self.conn, [i for i in wanted if i < PENDING])), *waiting]

    def _fresh(self, found: list[KnownEntity]) -> list[KnownEntity]:
        """``found`` as read from the store, those updated by the transaction as they now are."""
        return [self.rows[k.id] if k.id in self.changed else k for k in found]

    # -- the transaction's own writes --------------------------------------------------------------------------
    def add(self, row: dict[str, Any], e: Any) -> int:
        """``e`` is to be stored anew as ``row`` (the entities row): its id until it is inserted (:meth:`flush`)."""
        pid = PENDING + len(self.real) + len(self.pending)
        held = keys.entity_key_set(e.type, e.name, e.aliases, self.dialect)
        self.pending[pid] = (row, held)
        for key in held:
            if key in self.form_keys:
                self.form_keys[key].add(pid)
        self._keep(KnownEntity(id=pid, type=e.type, name=e.name, aliases=list(e.aliases or []), region=e.region,
                               positions=list(e.positions or [])), None)
        return pid

    def written(self, k: KnownEntity) -> KnownEntity:
        """``k`` as stored: inserted first if it is waiting (the entity is about to be updated)."""
        if k.id < PENDING:
            return k
        self.flush()
        return self.rows[self.real[k.id]]

    def real_id(self, eid: int) -> int:
        """The stored id of the entity known to the lookup as ``eid``."""
        return self.real.get(eid, eid)

    def change(self, eid: int, values: dict[str, Any]) -> None:
        """The stored entity ``eid`` takes ``values`` (then :meth:`updated`): written with the page's other updates
        (:meth:`flush`), or at once when it is renamed (the organisation groups read names from the store)."""
        self.changes.append({"eid": eid, **values})
        self.changed.add(eid)
        if "name" in values:
            self._write_changes()

    def _write_changes(self) -> None:
        """The updates not written yet, in order: one statement for each run of updates of the same columns."""
        for _cols, run in groupby(self.changes, key=_columns):
            self.conn.execute(_UPDATE, list(run))
        self.changes.clear()

    def flush(self) -> None:
        """Write the updates not written yet, and insert the entities waiting, in the order they came, and their
        keys, each in one statement."""
        self._write_changes()
        if not self.pending:
            return
        from .inserts import insert_rows

        pids = list(self.pending)
        ids = insert_rows(self.conn, t.entities, [row for row, _held in self.pending.values()])
        self.real.update(zip(pids, ids))
        key_rows = [{"key": key, "entity_id": eid} for (_row, held), eid in zip(self.pending.values(), ids)
                    for key in sorted(held)]
        if key_rows:
            self.conn.execute(t.entity_keys.insert(), key_rows)
        for (row, _held), eid in zip(self.pending.values(), ids):
            if row["type"] not in NOT_ORGS:
                self.groups.stored(eid, row["name"], self.dialect)
        self.pending.clear()
        for pid, eid in zip(pids, ids):
            self.rows[eid] = replace(self.rows.pop(pid), id=eid)
        self.named = {k: self.real.get(i, i) for k, i in self.named.items()}
        for held_ids in (*self.alias_keys.values(), *self.form_keys.values()):
            moved = [i for i in held_ids if i >= PENDING]
            if moved:
                held_ids.difference_update(moved)
                held_ids.update(self.real[i] for i in moved)

    def updated(self, before: KnownEntity, update: EntityUpdate) -> None:
        """The stored entity ``before`` took ``update``."""
        after = replace(before, name=update.name or before.name, aliases=list(update.aliases),
                        positions=list(update.positions), region=update.region)
        if isinstance(after, StoredEntity):
            after = replace(after, nulls=frozenset())
        if after.name != before.name or after.aliases != before.aliases:
            gone, added = keys.write_entity_keys(self.conn, before.id, before.type, after.name, after.aliases)
            for key in gone:
                self.form_keys.get(key, set()).discard(before.id)
            for key in added:
                if key in self.form_keys:
                    self.form_keys[key].add(before.id)
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
