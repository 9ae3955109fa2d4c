"""Lookup keys: how ingest finds the stored entities and events a new page may name again with index hits only, at a
cost that does not grow with the store.

``entity_keys`` holds, per entity, ``a:`` + each alias as written (a curated entity is found by the name it keeps
among its aliases) and, per organisation, ``n:`` + its normalised name and aliases (:func:`name_key`) and ``p:`` + the
first two characters of its name (the candidates :func:`icatlas.resolve.across.same_org` compares, as SQL ``LIKE``
matched them: on SQLite without regard to ASCII case).

``event_keys`` holds, per event, its type, its date bucket (:func:`bucket`) and keys of its parties and name such that
any two events :func:`icatlas.store.merge.is_same_event` may call one share a key (see :func:`party_keys` and
:func:`party_lookups`): the events read for a new one are those sharing a key in a bucket its date is compatible with.
The keys are a superset filter; the rules in ``merge.py`` and ``resolve/across.py`` decide as before.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from sqlalchemy import Connection, bindparam, select

from ..model import PRESENT_ROLES, party_key
from ..resolve.names import name_key
from . import schema as t

NOT_ORGS = ("person", "region")
CHUNK = 500


def _chunks(items: list[Any], n: int = CHUNK) -> Iterator[list[Any]]:
    for i in range(0, len(items), n):
        yield items[i:i + n]


_ASCII_LOWER = {c: c + 32 for c in range(ord("A"), ord("Z") + 1)}


def _ascii_lower(s: str) -> str:
    return s.translate(_ASCII_LOWER)


def prefix_key(prefix: str, dialect: str) -> str:
    """The key of organisations whose name starts with ``prefix`` (SQLite's ``LIKE`` ignores ASCII case)."""
    return "p:" + (_ascii_lower(prefix) if dialect == "sqlite" else prefix)


def starts_with(name: str, prefix: str, dialect: str) -> bool:
    """``name LIKE 'prefix%'`` as the dialect reads it."""
    head = name[:len(prefix)]
    return _ascii_lower(head) == _ascii_lower(prefix) if dialect == "sqlite" else head == prefix


def starts_with_any(prefixes: Iterable[str], dialect: str) -> Callable[[str], bool]:
    """A test of whether a name starts with one of ``prefixes`` (:func:`starts_with`), the prefixes read once."""
    by_len: dict[int, set[str]] = {}
    for p in prefixes:
        by_len.setdefault(len(p), set()).add(_ascii_lower(p) if dialect == "sqlite" else p)
    if len(by_len) == 1:  # the prefixes of one length (the usual case): one slice and one set lookup a name
        ((n, ps),) = by_len.items()
        if dialect == "sqlite":
            return lambda name: name[:n].translate(_ASCII_LOWER) in ps
        return lambda name: name[:n] in ps
    if dialect == "sqlite":
        return lambda name: any(_ascii_lower(name[:n]) in ps for n, ps in by_len.items())
    return lambda name: any(name[:n] in ps for n, ps in by_len.items())


def entity_key_set(etype: str, name: str, aliases: Iterable[str] | None, dialect: str) -> set[str]:
    aliases = list(aliases or [])
    keys = {"a:" + a for a in aliases}
    if etype not in NOT_ORGS:
        keys |= {"n:" + name_key(x) for x in (name, *aliases)}
        keys.add(prefix_key(name[:2], dialect))
    return keys


def write_entity_keys(conn: Connection, entity_id: int, etype: str, name: str, aliases: Iterable[str] | None,
                      new: bool = False) -> tuple[set[str], set[str]]:
    """The keys of one entity, as it now is (``new``: it has none yet); the keys it lost and those it gained."""
    want = entity_key_set(etype, name, aliases, conn.dialect.name)
    have = set() if new else {r[0] for r in conn.execute(
        select(t.entity_keys.c.key).where(t.entity_keys.c.entity_id == entity_id))}
    if have - want:
        conn.execute(t.entity_keys.delete().where(t.entity_keys.c.entity_id == entity_id,
                                                  t.entity_keys.c.key.in_(sorted(have - want))))
    if want - have:
        conn.execute(t.entity_keys.insert(), [{"key": k, "entity_id": entity_id} for k in sorted(want - have)])
    return have - want, want - have


def index_entities(conn: Connection, ids: Iterable[int] | None = None) -> int:
    """Write the keys of the entities ``ids`` (all when None) from their stored rows; an id no longer stored loses
    its keys. The number of entities indexed."""
    e = t.entities
    q = select(e.c.id, e.c.type, e.c.name, e.c.aliases).order_by(e.c.id)
    if ids is None:
        conn.execute(t.entity_keys.delete())
        done, last = 0, 0
        while rows := conn.execute(q.where(e.c.id > last).limit(CHUNK * 10)).all():
            batch = [{"key": k, "entity_id": r.id} for r in rows
                     for k in sorted(entity_key_set(r.type, r.name, r.aliases, conn.dialect.name))]
            conn.execute(t.entity_keys.insert(), batch)
            done, last = done + len(rows), rows[-1].id
        return done
    wanted = sorted(set(ids))
    found: set[int] = set()
    for part in _chunks(wanted):
        for r in conn.execute(q.where(e.c.id.in_(part))).all():
            found.add(r.id)
            write_entity_keys(conn, r.id, r.type, r.name, r.aliases)
    gone = [i for i in wanted if i not in found]
    for part in _chunks(gone):
        conn.execute(t.entity_keys.delete().where(t.entity_keys.c.entity_id.in_(part)))
    return len(found)


_HOLDING = select(t.entity_keys.c.entity_id).where(t.entity_keys.c.key.in_(bindparam("keys", expanding=True)))


def entity_ids(conn: Connection, keys: Iterable[str]) -> set[int]:
    """The ids of the entities holding any of ``keys``."""
    keys = sorted(set(keys))
    out: set[int] = set()
    for part in _chunks(keys):
        out.update(conn.execute(_HOLDING, {"keys": part}).scalars().all())
    return out


# -- events ----------------------------------------------------------------------------------------------------------
_MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])(-\d{2})?")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def bucket(date: str | None) -> str:
    """An event's date bucket: its month when the date has one, else its year (or the first four characters); empty
    when undated."""
    if not date:
        return ""
    return date[:7] if _MONTH.fullmatch(date) else date[:4]


def lookup_buckets(date: str | None) -> list[str] | None:
    """The buckets holding every stored event a new event of ``date`` may report again (None: every bucket): the
    stored events of its year or undated (as merging has always read them), narrowed to the months whose dates are
    compatible with it (``merge.dates_compatible``)."""
    if not date:
        return None
    year = date[:4]
    months = [f"{year}-{m:02d}" for m in range(1, 13)]
    if _DAY.fullmatch(date):
        from datetime import date as day, timedelta

        from .merge import DAY_WINDOW

        try:
            d = day.fromisoformat(date)
        except ValueError:
            return ["", year, *months]
        near = {(d + timedelta(days=k)).isoformat()[:7] for k in range(-DAY_WINDOW, DAY_WINDOW + 1)}
        return ["", year, *sorted(m for m in near if m.startswith(year))]
    if _MONTH.fullmatch(date):
        return ["", year, date[:7]]
    return ["", year, *months]


def _parties(participants: Iterable[dict[str, Any]] | None) -> list[str]:
    return [name_key(party_key(p), "party") for p in participants or []
            if p.get("name") and p.get("role") not in PRESENT_ROLES]


def party_keys(y: str) -> set[str]:
    """The keys a stored party (normalised, ``merge.same_party``'s form) is found by: its first three characters
    (``h:``: equal, a prefix, a longer party starting so, the abbreviation of a longer one), its first two with each
    later one (``c:``: what abbreviates it), itself when two characters long (``s:``), its two-character pieces
    (``g:``: a two-character party inside it) and its three-character pieces after the first (``t:``: a longer
    party inside it)."""
    if len(y) < 2:
        return {"e:" + y}
    keys = {"c:" + y[:2] + c for c in y[2:]}
    keys.add("h:" + y[:3] if len(y) > 2 else "s:" + y)
    keys.update("g:" + y[i:i + 2] for i in range(len(y) - 1))
    keys.update("t:" + y[i:i + 3] for i in range(1, len(y) - 2))
    return keys


def party_lookups(x: str) -> set[str]:
    """The keys under which every stored party that ``merge.same_party`` matches with ``x`` is found (see
    :func:`party_keys`)."""
    if len(x) < 2:
        return {"e:" + x}
    keys = {"s:" + x[i:i + 2] for i in range(len(x) - 1)}
    keys.update("h:" + x[i:i + 3] for i in range(len(x) - 2))
    keys.update("h:" + x[:2] + c for c in x[2:])
    keys.add("g:" + x if len(x) == 2 else "t:" + x[:3])
    if len(x) > 2:
        keys.add("c:" + x[:3])
    return keys


def event_key_set(date: str | None, name: str | None, participants: Any, lookup: bool = False) -> set[str]:
    """The keys of an event (``lookup``: the keys to look a new event up by). An undated event with one party can
    match another only by its name (``merge.is_same_event``), so it is keyed by its name alone."""
    keys = {"n:" + name_key(name, "party")} if name else set()
    parties = _parties(participants)
    if len(parties) == 1 and not date:
        return keys
    for p in parties:
        if p:
            keys |= party_lookups(p) if lookup else party_keys(p)
    return keys


def event_key_rows(event_id: int, etype: str, date: str | None, name: str | None, participants: Any) -> list[dict[str, Any]]:
    """The ``event_keys`` rows of one event."""
    b = bucket(date)
    return [{"type": etype, "participant_key": k, "bucket": b, "event_id": event_id}
            for k in sorted(event_key_set(date, name, participants))]


def write_event_keys(conn: Connection, event_id: int, etype: str, date: str | None, name: str | None,
                     participants: Any, new: bool = False) -> None:
    """The keys of one event, as it now is (``new``: it has none yet)."""
    if not new:
        conn.execute(t.event_keys.delete().where(t.event_keys.c.event_id == event_id))
    rows = event_key_rows(event_id, etype, date, name, participants)
    if rows:
        conn.execute(t.event_keys.insert(), rows)


def index_events(conn: Connection) -> int:
    """Write the keys of every stored event (the migration's backfill), a few thousand events at a time; how many
    events."""
    conn.execute(t.event_keys.delete())
    ev = t.events.c
    done, last = 0, 0
    while True:
        rows = conn.execute(select(ev.id, ev.type, ev.date, ev.name, ev.participants).where(ev.id > last)
                            .order_by(ev.id).limit(CHUNK * 10)).all()
        if not rows:
            return done
        batch = [{"type": r.type, "participant_key": k, "bucket": bucket(r.date), "event_id": r.id}
                 for r in rows for k in sorted(event_key_set(r.date, r.name, r.participants))]
        if batch:
            conn.execute(t.event_keys.insert(), batch)
        done, last = done + len(rows), rows[-1].id


_EK = t.event_keys.c
#: The event keys of some types among some keys (and, the second, in some buckets), built once.
_CANDIDATES = select(_EK.type, _EK.participant_key, _EK.bucket, _EK.event_id).where(
    _EK.type.in_(bindparam("types", expanding=True)), _EK.participant_key.in_(bindparam("keys", expanding=True)))
_CANDIDATES_IN_BUCKETS = _CANDIDATES.where(_EK.bucket.in_(bindparam("buckets", expanding=True)))


def candidate_events(conn: Connection, events: list[Any]) -> list[list[int]]:
    """For each of ``events`` (new events: type, date, name, participants), the ids of the stored events sharing a
    key with it in a compatible bucket, in id order; one statement for them all (its rows are sorted out here)."""
    wanted = [event_key_set(ev.date, ev.name, ev.participants, lookup=True) for ev in events]
    buckets = [lookup_buckets(ev.date) for ev in events]
    all_keys = sorted(set().union(*wanted)) if wanted else []
    found: list[set[int]] = [set() for _ in events]
    if not all_keys:
        return [[] for _ in events]
    params: dict[str, Any] = {"types": sorted({ev.type for ev in events})}
    q = _CANDIDATES
    if all(b is not None for b in buckets):
        q, params["buckets"] = _CANDIDATES_IN_BUCKETS, sorted({x for b in buckets for x in b or ()})
    in_buckets = [None if b is None else set(b) for b in buckets]
    by_key: dict[tuple[str, str], list[int]] = {}  # (type, key): the events of that type wanting that key
    for i, ev in enumerate(events):
        for key in wanted[i]:
            by_key.setdefault((ev.type, key), []).append(i)
    for part in _chunks(all_keys, 2000):
        for etype, key, b, eid in conn.execute(q, {**params, "keys": part}).all():
            for i in by_key.get((etype, key), ()):
                bs = in_buckets[i]
                if bs is None or b in bs:
                    found[i].add(int(eid))
    return [sorted(f) for f in found]
