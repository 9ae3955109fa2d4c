"""One event reported by several pages becomes one event with several sources.

Two events are the same when they have the same type, compatible dates (within ``DAY_WINDOW`` days when both are
known to the day; the same month or year otherwise), no conflicting amounts, and every participant of the event
with fewer participants matches one of the other's (equal names once normalised, one the abbreviation of the
other, or one inside the other). Events without participants merge only on an equal name. Two signings on the same
day by different parties stay apart.
"""
from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Connection, bindparam, or_, select

from ..model import PRESENT_ROLES, Event, party_key
from ..resolve.names import is_abbreviation, name_key
from . import schema as t
from .keys import candidate_events

DAY_WINDOW = 3


def same_party(a: str, b: str) -> bool:
    x, y = name_key(a, "party"), name_key(b, "party")
    if not x or not y:
        return False
    if x == y or (min(len(x), len(y)) >= 2 and (x in y or y in x)):
        return True
    return is_abbreviation(x, y) or is_abbreviation(y, x)


def _day(d: str | None) -> date | None:
    try:
        return date.fromisoformat(d) if d and len(d) == 10 else None
    except ValueError:
        return None


def dates_compatible(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return True  # an undated report may be of a dated event; the participants decide
    da, db_ = _day(a), _day(b)
    if da and db_:
        return abs((da - db_).days) <= DAY_WINDOW
    n = min(len(a), len(b))
    return a[:n] == b[:n]


def amounts_compatible(a: dict[str, Any] | None, b: dict[str, Any] | None) -> bool:
    if not a or not b or a.get("value") is None or b.get("value") is None:
        return True
    if a.get("currency") != b.get("currency"):
        return True  # the same sum may be reported in two currencies
    va, vb = float(a["value"]), float(b["value"])
    return abs(va - vb) <= 0.1 * max(va, vb)


def is_same_event(a: Event, b: dict[str, Any]) -> bool:
    """``a`` (a new event) and ``b`` (a stored event row) report the same thing."""
    if a.type != b["type"] or not dates_compatible(a.date, b["date"]):
        return False
    amount_b = {"value": b["amount_value"], "currency": b["amount_currency"]} if b["amount_value"] is not None else None
    if not amounts_compatible(a.amount, amount_b):
        return False
    # the parties decide; officials who attended or witnessed are not parties
    pa = [party_key(p) for p in a.participants if p.get("name") and p.get("role") not in PRESENT_ROLES]
    pb = [party_key(p) for p in b["participants"] or [] if p.get("name") and p.get("role") not in PRESENT_ROLES]
    if not pa or not pb:
        return bool(a.name and b["name"] and name_key(a.name, "party") == name_key(b["name"], "party") and a.date and b["date"])
    small, large = (pa, pb) if len(pa) <= len(pb) else (pb, pa)
    # one sum, on one day, at one place: two tellings of one happening when a party is shared
    same_sum = bool(a.amount and amount_b and a.date and len(a.date) == 10 and a.date == b["date"]
                    and a.place and a.place == b["place"])
    if len(small) < 2 and not same_sum and not (a.name and b["name"] and name_key(a.name, "party") == name_key(b["name"], "party")):
        # one shared party is too little to call two reports one event, unless the other side is unnamed
        if len(large) > 1 or not (a.date and b["date"]):
            return False
    return all(any(same_party(x, y) for y in large) for x in small)


_EV = t.events.c
#: What :func:`is_same_event` reads of the stored events among some ids that are not of one document (or, the
#: second, are curated), built once.
_COMPARED = [_EV[c] for c in ("id", "type", "date", "place", "name", "amount_value", "amount_currency", "participants")]
_OTHERS = select(*_COMPARED).where(_EV.id.in_(bindparam("ids", expanding=True)), _EV.doc_id != bindparam("doc_id"))
_OTHERS_OR_CURATED = select(*_COMPARED).where(_EV.id.in_(bindparam("ids", expanding=True)),
                                              or_(_EV.doc_id != bindparam("doc_id"), _EV.curated.is_not(None)))


def find_same_events(conn: Connection, events: list[Event], doc_id: int, include_own_curated: bool = False
                     ) -> list[int | None]:
    """For each of ``events`` (one document's), the id of a stored event (from another document, or a curated one of
    this document) that it reports again, if any: the first in the order stored among those sharing a lookup key
    with it (``keys.py``). The document's own new events never match, so they are all looked up at once."""
    candidates = candidate_events(conn, events)
    wanted = sorted({i for c in candidates for i in c})
    rows: dict[int, dict[str, Any]] = {}
    q = _OTHERS_OR_CURATED if include_own_curated else _OTHERS
    for part in (wanted[i:i + 500] for i in range(0, len(wanted), 500)):
        rows.update((int(r["id"]), dict(r)) for r in conn.execute(q, {"ids": part, "doc_id": doc_id}).mappings().all())
    return [next((i for i in cands if i in rows and is_same_event(ev, rows[i])), None)
            for ev, cands in zip(events, candidates)]


def find_same_event(conn: Connection, ev: Event, doc_id: int, include_own_curated: bool = False) -> int | None:
    """The id of a stored event that ``ev`` reports again, if any (:func:`find_same_events`)."""
    return find_same_events(conn, [ev], doc_id, include_own_curated)[0]
