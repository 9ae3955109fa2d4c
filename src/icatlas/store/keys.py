"""Lookup keys: how ingest finds the stored entities and events a new page may name again with index hits only, at a
cost that does not grow with the store.

``entity_keys`` holds, per entity, ``a:`` + each alias as written (a curated entity is found by the name it keeps
among its aliases) and, per organisation, ``n:`` + its normalised name and aliases (:func:`name_key`) and ``p:`` + the
first two characters of its name (the candidates :func:`icatlas.resolve.across.same_org` compares, as SQL ``LIKE``
matched them: on SQLite without regard to ASCII case).

``event_keys`` holds, per event, its type, its date bucket (:func:`bucket`) and keys of its parties and name such that
any two events :func:`icatlas.store.merge.is_same_event` may call one share a key (see :func:`party_keys`,
:func:`party_lookups` and :data:`NAME_KEYS`), each with the event's number of parties and which of them hold it: the
events read for a new one are those sharing a key in a bucket its date is compatible with, less those whose keys show
that a party of the side with fewer parties matches none of the other's (:func:`candidate_events`).
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
from .inserts import insert_plain

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
    """An event's parties as ``merge.is_same_event`` counts them (one per participant named and not present only),
    normalised as ``merge.same_party`` compares them."""
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


#: The prefixes of the name keys. ``merge.is_same_event`` reads an event's name to join it with another when one of
#: the two has no parties (both dated), and when an undated event has one party; so the name is a key of a dated event
#: without parties (``n:``), of an undated event with one party (``u:``, its only key: it can match no event of
#: another name) and of an event with parties (``m:``, read by the events without parties and the undated ones with
#: one party, the only new events that can match it by its name alone).
NAME_KEYS = ("n:", "u:", "m:")
#: The parties a mask can tell apart (``event_keys.mask``: bit i for the i-th party); an event with more has every
#: mask 0, and is read whenever it shares a key.
MASK_BITS = 62


def event_keys_of(date: str | None, name: str | None, participants: Any) -> tuple[int, dict[str, int]]:
    """A stored event's number of parties and its keys, each with the parties holding it (bit i for the i-th; 0 for
    its name key): any two events that ``merge.is_same_event`` may call one share a key (see :func:`lookups_of`)."""
    parties = _parties(participants)
    named = "n:" + name_key(name, "party") if name else None
    if not parties:
        return 0, {named: 0} if named and date else {}
    if len(parties) == 1 and not date:
        return 1, {"u" + named[1:]: 0} if named else {}
    out = {"m" + named[1:]: 0} if named else {}
    for i, y in enumerate(parties):
        bit = 1 << i if len(parties) <= MASK_BITS else 0
        for key in party_keys(y) if y else ():
            out[key] = out.get(key, 0) | bit
    return len(parties), out


def lookups_of(date: str | None, name: str | None, participants: Any) -> tuple[int, dict[str, int]]:
    """A new event's number of parties and the keys to look it up by, each with the parties of it wanting it (bit i
    for the i-th; 0 for a name key): a dated event without parties by its name among the dated events (``n:``,
    ``m:``), an undated one with one party by its name among the events with parties (``m:``, ``u:``), any other by
    its parties' keys (:func:`party_lookups`) and its name among the events without parties (``n:`` when dated,
    ``u:``)."""
    parties = _parties(participants)
    name = name_key(name, "party") if name else None
    if not parties:
        return 0, {"n:" + name: 0, "m:" + name: 0} if name is not None and date else {}
    if len(parties) == 1 and not date:
        return 1, {"m:" + name: 0, "u:" + name: 0} if name is not None else {}
    out = {} if name is None else {"u:" + name: 0, **({"n:" + name: 0} if date else {})}
    for i, x in enumerate(parties):
        for key in party_lookups(x) if x else ():
            out[key] = out.get(key, 0) | 1 << i
    return len(parties), out


def event_key_rows(event_id: int, etype: str, date: str | None, name: str | None, participants: Any) -> list[dict[str, Any]]:
    """The ``event_keys`` rows of one event."""
    b = bucket(date)
    n, keys = event_keys_of(date, name, participants)
    return [{"type": etype, "participant_key": k, "bucket": b, "event_id": event_id, "parties": n, "mask": keys[k]}
            for k in sorted(keys)]


def write_event_keys(conn: Connection, event_id: int, etype: str, date: str | None, name: str | None,
                     participants: Any, new: bool = False) -> None:
    """The keys of one event, as it now is (``new``: it has none yet)."""
    if not new:
        conn.execute(t.event_keys.delete().where(t.event_keys.c.event_id == event_id))
    rows = event_key_rows(event_id, etype, date, name, participants)
    if rows:
        conn.execute(t.event_keys.insert(), rows)


def index_events(conn: Connection) -> int:
    """Write the keys of every stored event (the migrations' backfill), a few thousand events at a time; how many
    events."""
    conn.execute(t.event_keys.delete())
    ev = t.events.c
    done, last = 0, 0
    while True:
        rows = conn.execute(select(ev.id, ev.type, ev.date, ev.name, ev.participants).where(ev.id > last)
                            .order_by(ev.id).limit(CHUNK * 10)).all()
        if not rows:
            return done
        batch = [k for r in rows for k in event_key_rows(r.id, r.type, r.date, r.name, r.participants)]
        if batch:
            insert_plain(conn, t.event_keys, batch)
        done, last = done + len(rows), rows[-1].id


_EK = t.event_keys.c
#: The event keys of one type among some keys (and, the second, in some buckets), built once.
_CANDIDATES = select(_EK.participant_key, _EK.bucket, _EK.event_id, _EK.parties, _EK.mask).where(
    _EK.type == bindparam("type"), _EK.participant_key.in_(bindparam("keys", expanding=True)))
_CANDIDATES_IN_BUCKETS = _CANDIDATES.where(_EK.bucket.in_(bindparam("buckets", expanding=True)))


class _Wanted:
    """What one new event looks up (:func:`lookups_of`) and what ``merge.is_same_event`` asks of it alone."""

    __slots__ = ("type", "parties", "keys", "buckets", "alone")

    def __init__(self, ev: Any) -> None:
        self.type = ev.type
        self.parties, self.keys = lookups_of(ev.date, ev.name, ev.participants)
        b = lookup_buckets(ev.date)
        self.buckets = None if b is None else set(b)
        # one party against several makes one event only on an equal name or one sum on one day at one place
        self.alone = bool(ev.name or (ev.amount and ev.date and len(ev.date) == 10 and ev.place))


def _may_match(w: _Wanted, by_name: bool, hit: int, held: int, parties: int, dated: bool) -> bool:
    """Whether a stored event of ``parties`` parties, found by ``w``'s keys (``by_name``: by a name key; ``hit``:
    ``w``'s parties whose keys it holds; ``held``: its parties holding them), may be one with it: the rule's
    necessary conditions that the keys tell (every party of the side with fewer shares a key with the other's)."""
    m = w.parties
    if by_name:
        return dated or m > 0  # without parties: by the name of a dated event only
    if m <= parties:
        ok = hit == (1 << m) - 1
    else:
        ok = parties > MASK_BITS or held == (1 << parties) - 1
    if ok and min(m, parties) == 1 < max(m, parties):
        return w.alone
    return ok


def _key_rows(conn: Connection, wanted: list[_Wanted]) -> Iterator[tuple[int, str, str, int, int, int]]:
    """The stored event keys that ``wanted`` look up, each with the new event wanting it (its index): one statement
    per type and per dated or undated new events (only the buckets their dates are compatible with, or all)."""
    groups: dict[tuple[str, bool], list[int]] = {}
    for i, w in enumerate(wanted):
        if w.keys:
            groups.setdefault((w.type, w.buckets is None), []).append(i)
    for (etype, undated), members in sorted(groups.items()):
        by_key: dict[str, list[int]] = {}
        for i in members:
            for key in wanted[i].keys:
                by_key.setdefault(key, []).append(i)
        params: dict[str, Any] = {"type": etype}
        q = _CANDIDATES
        if not undated:
            q, params["buckets"] = _CANDIDATES_IN_BUCKETS, sorted({b for i in members for b in wanted[i].buckets or ()})
        for part in _chunks(sorted(by_key), 2000):
            for key, b, eid, n, mask in conn.execute(q, {**params, "keys": part}).all():
                for i in by_key[key]:
                    bs = wanted[i].buckets
                    if bs is None or b in bs:
                        yield i, key, b, eid, n, mask


def candidate_events(conn: Connection, events: list[Any]) -> list[list[int]]:
    """For each of ``events`` (new events: type, date, name, participants, amount, place), the ids of the stored
    events that may report it again, in id order: those sharing a key with it in a compatible bucket, less those
    that the keys' masks show cannot match (:func:`_may_match`)."""
    wanted = [_Wanted(ev) for ev in events]
    # per (new event, stored event): found by a name key, the new one's parties hit, the stored one's hit, its
    # number of parties, whether it is dated
    found: dict[tuple[int, int], list[Any]] = {}
    for i, key, b, eid, n, mask in _key_rows(conn, wanted):
        f = found.setdefault((i, eid), [False, 0, 0, n, b != ""])
        f[0] = f[0] or key[:2] in NAME_KEYS
        f[1] |= wanted[i].keys[key]
        f[2] |= mask
    out: list[list[int]] = [[] for _ in events]
    for (i, eid), (by_name, hit, held, n, dated) in found.items():
        if _may_match(wanted[i], by_name, hit, held, n, dated):
            out[i].append(int(eid))
    return [sorted(c) for c in out]
