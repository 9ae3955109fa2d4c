"""Organisations and people that the statistical tagger finds and the rules missed.

The rules stay first: a tagger span that overlaps a rule-found organisation, person or address is dropped, and a
tagger span must look like a name (organisations of three or more characters that do not start or end on
punctuation; people of two to four Chinese characters, or a Latin name).
"""
from __future__ import annotations

import re

from ..model import Mention
from .lexicon import COMPOUND_SURNAMES, ORG_SUFFIXES, SURNAMES

_CJK_NAME = re.compile(r"^[\u3400-\u9fff·]{2,4}$")
_LATIN_NAME = re.compile(r"^[A-Z][a-z]+(?: [A-Z][a-z]+){1,2}$")
_ORG_BAD_EDGE = re.compile(r"^[\W_]|[\W_]$")
_ORG_TYPES = {"company": "company", "government": "government"}


def org_type(label: str, name: str) -> str:
    """The icatlas type of a tagger organisation: its suffix decides, else its CLUENER label."""
    for suffix, typ, _ in ORG_SUFFIXES:
        if name.endswith(suffix):
            return typ
    return _ORG_TYPES.get(label, "organization")


_GENERIC = re.compile(r"产业|部门|布局|有关|相关|政府$|^市|^省|^区|^县|委$|办$|国家|讯$|中心$")  # 苏报讯: a byline


def tagged_mentions(text: str, taken: list[Mention], language: str | None = None) -> list[Mention]:
    """Companies and people the tagger finds in Chinese text and the rules did not: only companies (the tagger's
    government and organization calls add more noise than names on news pages), and only names that look like
    names."""
    from .tagger import tagger

    if language is not None and not language.startswith("zh"):
        return []  # the tagger learned Chinese sentences

    tg = tagger()
    out: list[Mention] = []
    blocked = [m for m in taken if m.label not in {"region", "date", "money", "percent", "count"}]
    for label, s, e in tg.tag([text])[0]:
        surface = text[s:e]
        if any(m.start < e and s < m.end for m in blocked):
            continue
        if label == "company":
            if len(surface) < 2 or _ORG_BAD_EDGE.search(surface) or "\n" in surface or _GENERIC.search(surface):
                continue
            if any(m.start <= s and e <= m.end for m in taken if m.label == "region"):
                continue  # a place name read as an organisation
            out.append(Mention(s, e, org_type(label, surface), surface, 0.55, tg.version))
        elif label == "name":
            if not (_CJK_NAME.match(surface) or _LATIN_NAME.match(surface)):
                continue
            if _CJK_NAME.match(surface) and not (surface[0] in SURNAMES or surface[:2] in COMPOUND_SURNAMES):
                continue  # 培育: a verb, not a name
            if any(m.start <= s and e <= m.end for m in taken if m.label == "region"):
                continue
            out.append(Mention(s, e, "person", surface, 0.55, tg.version, {"positions": []}))
    return out
