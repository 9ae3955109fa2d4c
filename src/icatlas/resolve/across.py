"""Across documents: an entity of a new page matched to one the store already holds, and what the stored one takes
from it.

The store asks these functions and does the reading and writing itself: it passes the stored candidates in as
:class:`KnownEntity` values, in its own order.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from ..model import Entity
from .names import is_abbreviation, name_key


@dataclass(frozen=True)
class KnownEntity:
    """A stored entity, as the matching rules see it."""

    id: int
    type: str
    name: str
    aliases: list[str] = field(default_factory=list)
    region: str | None = None
    positions: list[str] = field(default_factory=list)
    curated: list[str] = field(default_factory=list)
    ref_id: str | None = None


@dataclass(frozen=True)
class EntityUpdate:
    """What a stored entity becomes when a page names it again: its aliases, posts and region, and the full name it
    takes when the page writes out the name it had stored in short (``name``, else None)."""

    aliases: list[str]
    positions: list[str]
    region: str | None
    name: str | None = None


def curated_match(e: Entity, curated: Iterable[KnownEntity]) -> KnownEntity | None:
    """The entity a user renamed, retyped or merged that keeps ``e``'s name among its aliases."""
    for cand in curated:
        if e.name in cand.aliases and set(cand.curated) & {"name", "type", "merged"}:
            return cand
    return None


def org_prefixes(e: Entity) -> set[str]:
    """The first two characters the stored forms of organisation ``e`` start with (as written and as normalised); none
    when its name is too short to match another form of it."""
    key = name_key(e.name)
    if len(key) < 2:
        return set()
    return {e.name[:2], key[:2]}


def same_org(e: Entity, candidates: Iterable[KnownEntity]) -> KnownEntity | None:
    """The organisation among ``candidates`` (those whose name starts with one of :func:`org_prefixes`) stored under
    another written form of ``e``'s name: Traditional or Simplified, bracket and spacing variants, one of its aliases,
    or (a single candidate) its abbreviation or full name."""
    cands = list(candidates)
    return same_form(e, cands) or abbreviated(e, cands)


def same_form(e: Entity, candidates: Iterable[KnownEntity]) -> KnownEntity | None:
    """The first of ``candidates`` whose name or one of whose aliases is, once normalised, ``e``'s name or one of its
    aliases (the first rule of :func:`same_org`)."""
    key = name_key(e.name)
    if len(key) < 2:
        return None
    forms = {key, *(name_key(a) for a in e.aliases)}
    for c in candidates:
        if name_key(c.name) in forms or forms & {name_key(a) for a in c.aliases}:
            return c
    return None


def abbreviated(e: Entity, candidates: Iterable[KnownEntity]) -> KnownEntity | None:
    """The one candidate whose name abbreviates ``e``'s or is abbreviated by it (the second rule of
    :func:`same_org`: only the candidates' names are read); None when there are none or several."""
    key = name_key(e.name)
    if len(key) < 4:
        return None
    abbr = [c for c in candidates if is_abbreviation(key, name_key(c.name)) or is_abbreviation(name_key(c.name), key)]
    return abbr[0] if len(abbr) == 1 else None


@lru_cache(maxsize=65536)
def _chars(key: str) -> frozenset[str]:
    return frozenset(key)


def may_abbreviate(key: str, other: str) -> bool:
    """False when neither of two normalised names can abbreviate the other (:func:`is_abbreviation` either way), at
    the cost of a few comparisons and a set inclusion: a necessary condition that leaves out most names unread by the
    character-by-character test."""
    if len(key) == len(other):
        return False
    short, full = (key, other) if len(key) < len(other) else (other, key)
    if len(short) < 2:
        return False
    return full.endswith(short) or (short[:2] == full[:2] and _chars(short) <= _chars(full))


def takes_full_name(known: KnownEntity, e: Entity) -> bool:
    """Whether the stored entity, known by a short form, takes ``e``'s name as the full one (unless a user named it, it
    comes from the reference data, or another entity of its type already has that name: the store checks that)."""
    return len(name_key(e.name)) > len(name_key(known.name)) and not set(known.curated) & {"name"} \
        and known.ref_id is None and is_abbreviation(name_key(known.name), name_key(e.name))


def merged(known: KnownEntity, e: Entity, renamed: bool) -> EntityUpdate:
    """The stored entity with ``e``'s aliases and posts added, its region kept (else ``e``'s); ``renamed``: it took
    ``e``'s name (:func:`takes_full_name`), and its old name stays an alias."""
    aliases = list(dict.fromkeys([*known.aliases, *e.aliases, *([e.name] if e.name != known.name else [])]))
    if renamed:
        aliases = [a for a in dict.fromkeys([*aliases, known.name]) if a != e.name]
    positions = list(dict.fromkeys([*known.positions, *e.positions]))
    return EntityUpdate(aliases, positions, known.region or e.region, e.name if renamed else None)
