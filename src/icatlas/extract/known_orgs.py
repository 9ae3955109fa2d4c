"""Mentions of the reference organisations by any of their written forms (中芯国际, 长电科技, SMIC, Amkor),
longest match first; each mention carries the organisation's reference id."""
from __future__ import annotations

import re
from functools import lru_cache

from ..model import Mention
from ..reference.orgs import RefOrg, org_forms

VERSION = "orgs.gazetteer.v2"
_CJK = re.compile(r"[\u3400-\u9fff]")


@lru_cache(maxsize=1)
def _forms() -> tuple[dict[str, RefOrg], dict[str, RefOrg], int, re.Pattern[str] | None]:
    cjk: dict[str, RefOrg] = {}
    latin: dict[str, RefOrg] = {}
    for form, org in org_forms().items():
        if _CJK.search(form):
            # two-character short names (中芯, 华虹) collide with ordinary words too often to match alone
            if len(form) >= 3:
                cjk[form] = org
        elif len(form) >= 4 or (len(form) >= 3 and form.isupper()):
            latin[form] = org
    longest = max((len(f) for f in cjk), default=0)
    pattern = None
    if latin:
        pattern = re.compile(rf"(?<![A-Za-z0-9])(?:{_by_first_character(sorted(latin, key=len, reverse=True))})"
                             r"(?![A-Za-z0-9])")
    return cjk, latin, longest, pattern


def _by_first_character(forms: list[str]) -> str:
    """The alternation of ``forms`` (in their order, the longest first) grouped by their first character: where a
    name begins, only the forms that begin with its character are tried, in the same order, so that the pattern
    finds what the plain alternation finds."""
    groups: dict[str, list[str]] = {}
    for f in forms:
        groups.setdefault(f[0], []).append(f)
    first = "".join(re.escape(c) for c in groups)
    alts = "|".join(re.escape(c) + "(?:" + "|".join(re.escape(f[1:]) for f in fs) + ")" for c, fs in groups.items())
    return f"(?=[{first}])(?:{alts})"


@lru_cache(maxsize=1)
def _prefixes() -> frozenset[str]:
    """Every beginning of two characters or more of a Chinese form, short of the whole form."""
    return frozenset(form[:k] for form in _forms()[0] for k in range(2, len(form)))


def find_known_orgs(text: str) -> list[Mention]:
    """Mentions of reference organisations (label = the organisation's type, attrs ref_id and canonical)."""
    cjk, latin, _longest, pattern = _forms()
    prefixes = _prefixes()
    out: list[Mention] = []
    i, n = 0, len(text)
    while i < n:
        if not _CJK.match(text[i]):
            i += 1
            continue
        # the longest form written here: a walk on while the piece begins some form
        hit = None
        j = i + 2
        while j < n and text[i:j] in prefixes:
            j += 1
            org = cjk.get(text[i:j])
            if org is not None:
                hit = (j - i, org)
        if hit:
            out.append(_mention(i, i + hit[0], text, hit[1]))
            i += hit[0]
        else:
            i += 1
    if pattern is not None:
        for m in pattern.finditer(text):
            out.append(_mention(m.start(), m.end(), text, latin[m.group(0)]))
    return out


def _mention(s: int, e: int, text: str, org: RefOrg) -> Mention:
    return Mention(s, e, org.type, text[s:e], 0.9, VERSION, {"ref_id": org.id, "canonical": org.name})


def named_by_head(head: str) -> str | None:
    """The full name of the one known organisation whose Chinese name or short name begins with ``head`` (长电 →
    江苏长电科技股份有限公司, by 长电科技), for a company named only by the head of a project's name; None when no
    organisation or several do (紫光)."""
    if len(head) < 2 or not _CJK.match(head):
        return None
    found = {org.name for form, org in _forms()[0].items() if form.startswith(head)}
    return found.pop() if len(found) == 1 else None
