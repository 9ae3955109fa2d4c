#!/usr/bin/env python3
"""The collaboration layer on the frozen pages of tests/data/collab (written from the issue's rules by someone who
had not seen the extractor), scored as its README says.

    .venv/bin/python benchmarks/eval_collab.py [--errors] [--json]

Each page goes through the pipeline (`pipeline.run`); its `Document.collab` records (and, for an alliance's
agreements, its `agreement_signed` events) are matched against `expected.json`:

- only the records the listings show (`extract.collab.visible`: the page judged IC-relevant, the record about ICs);
- identity: an expected `match` substring inside the name found (Simplified Chinese; English case-insensitively);
- per kind: `found` expected items matched / `expected` (optional items neither count nor penalise), and `extra`
  records matching no expected item (records matching an optional item are not extra);
- `hard`: records on page 14 or carrying a `not_expected` substring (in their name, attributes or sentence);
- per field of the matched items: correct / checked (numbers within 1 %, dates at the expected precision, sets by
  at least one shared element, regions also when one lies inside the other).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BASE = ROOT / "tests" / "data" / "collab"
KINDS = ("alliances", "members", "director_units", "resources", "talent", "policies", "targets")
ROLE_OF_RANK = {"director": "理事长单位", "vice_director": "副理事长单位", "secretary_general": "秘书长单位"}


def _s(x: str | None) -> str:
    from icatlas.normalise.script import converter

    return converter("t2s").convert(x or "").strip().lower()


def _close(a: Any, b: Any) -> bool:
    try:
        fa, fb = float(a), float(b)
    except (TypeError, ValueError):
        return False
    return abs(fa - fb) <= 0.01 * max(abs(fa), abs(fb), 1e-9)


def _date_ok(expected: str | None, found: str | None) -> bool:
    if expected is None:
        return found is None
    return bool(found) and str(found).startswith(expected)


def _matches(match: list[str], name: str | None) -> bool:
    n = _s(name)
    return bool(n) and any(_s(m) in n for m in match)


def _within(a: str | None, b: str | None) -> bool:
    """Regions a and b are the same, or one lies inside the other."""
    if not a or not b:
        return False
    if a == b:
        return True
    from icatlas.store.queries import region_names_within

    try:
        return a in region_names_within(b) or b in region_names_within(a)
    except Exception:  # noqa: BLE001 - an unknown region name
        return False


def _top(segs: list[str]) -> set[str]:
    return {s.split(".")[0] for s in segs or []}


class Tally:
    def __init__(self) -> None:
        self.kinds: dict[str, list[int]] = {k: [0, 0, 0] for k in KINDS}  # found, expected, extra
        self.fields: dict[str, list[int]] = {}
        self.hard = 0
        self.soft = 0
        self.errors: list[str] = []

    def field(self, name: str, ok: bool, page: str, detail: str) -> None:
        f = self.fields.setdefault(name, [0, 0])
        f[1] += 1
        if ok:
            f[0] += 1
        else:
            self.errors.append(f"{page}: {name} wrong: {detail}")

    def as_dict(self) -> dict[str, Any]:
        return {"kinds": {k: {"found": v[0], "expected": v[1], "extra": v[2]} for k, v in self.kinds.items()},
                "fields": {k: {"correct": v[0], "checked": v[1]} for k, v in sorted(self.fields.items())},
                "hard_false_positives": self.hard, "soft_false_positives": self.soft}


def _strings(rec: Any) -> str:
    parts = [rec.subject or "", json.dumps(rec.attrs, ensure_ascii=False)]
    return _s(" ".join(parts))


def _pair(kind: str, expected: list[dict[str, Any]], found: list[Any], ident: Any, tally: Tally, page: str
          ) -> list[tuple[dict[str, Any], Any]]:
    """Match expected items to found records one to one; count found, expected and extra."""
    pairs = []
    used: set[int] = set()
    for ex in expected:
        hit = next((i for i, r in enumerate(found) if i not in used and ident(ex, r)), None)
        if hit is not None:
            used.add(hit)
            pairs.append((ex, found[hit]))
        if ex.get("optional"):
            continue
        tally.kinds[kind][1] += 1
        if hit is not None:
            tally.kinds[kind][0] += 1
        else:
            tally.errors.append(f"{page}: {kind} missed: {ex.get('name') or ex.get('title') or ex.get('subject') or ex.get('match')}")
    for i, r in enumerate(found):
        if i not in used:
            tally.kinds[kind][2] += 1
            tally.errors.append(f"{page}: {kind} extra: {r.subject} {json.dumps(r.attrs, ensure_ascii=False)[:160]}")
    return pairs


def score_page(ex: dict[str, Any], doc: Any, tally: Tally) -> None:
    from icatlas.extract.collab import visible

    page = ex["page"]
    recs = [r for r in doc.collab if visible(r.attrs, doc.relevant)]
    text = doc.text

    def sentence(r: Any) -> str:
        return _s(text[r.evidence[0]:r.evidence[1]])

    # hard false positives: anything on a distractor page of no kind, or carrying a not_expected string
    for r in recs:
        blob = _strings(r) + " " + sentence(r)
        if page.startswith("14_") and r.kind != "figure":
            tally.hard += 1
            tally.errors.append(f"{page}: hard: {r.kind} {r.subject}")
        elif any(_s(x) in blob for x in ex.get("not_expected", [])) and r.kind != "figure":
            tally.hard += 1
            tally.errors.append(f"{page}: hard: {r.kind} {r.subject}")
        elif any(_s(x) in blob for x in ex.get("not_expected_soft", [])) and r.kind != "figure":
            tally.soft += 1
    # alliances
    alliances = [r for r in recs if r.kind == "alliance"]
    members = [r for r in recs if r.kind == "member"]

    def a_ident(e: dict[str, Any], r: Any) -> bool:
        return _matches(e["match"], r.subject) or any(_matches(e["match"], a) for a in r.attrs.get("aliases", []))

    pairs = _pair("alliances", ex.get("alliances", []), alliances, a_ident, tally, page)
    matched_members: set[int] = set()
    for e, r in pairs:
        mine = [m for m in members if _s(m.attrs.get("alliance")) == _s(r.subject)]
        if e.get("founded") is not None:
            tally.field("alliance.founded", _date_ok(e["founded"], r.date if r.attrs.get("founded") else None), page,
                        f"{e['name']}: {e['founded']} vs {r.date}")
        if e.get("regions"):
            tally.field("alliance.regions", any(_within(x, r.region) for x in e["regions"]), page,
                        f"{e['name']}: {e['regions']} vs {r.region}")
        if e.get("member_count") is not None:
            got = (r.attrs.get("member_count") or {}).get("value")
            tally.field("alliance.member_count", _close(e["member_count"], got), page, f"{e['member_count']} vs {got}")
        for ini in e.get("initiators", []):
            tally.field("alliance.initiators", any(_matches(ini["match"], n) for n in r.attrs.get("initiators", [])),
                        page, f"{ini['name']} not among {r.attrs.get('initiators')}")
        for ag in e.get("agreements", []):
            ok = any(ev.type == "agreement_signed" and any(_matches(ag["match"], p.get("name")) for p in ev.participants)
                     and any(a_ident(e, type("R", (), {"subject": p.get("name"), "attrs": {}})()) for p in ev.participants)
                     for ev in doc.events)
            tally.field("alliance.agreements", ok, page, f"{e['name']} with {ag['with']}")
        for du in e.get("director_units", []):
            tally.kinds["director_units"][1] += 1
            hit = next((m for m in mine if _matches(du["match"], m.subject) and m.attrs.get("rank") in ROLE_OF_RANK), None)
            if hit is not None:
                tally.kinds["director_units"][0] += 1
                tally.field("director_unit.role", ROLE_OF_RANK.get(hit.attrs.get("rank")) == du["role"], page,
                            f"{du['name']}: {du['role']} vs {hit.attrs.get('role')}")
            else:
                tally.errors.append(f"{page}: director unit missed: {du['name']} ({du['role']}) of {e['name']}")
        want = {du["name"]: du["match"] for du in e.get("director_units", [])}
        want.update({m["name"]: m["match"] for m in e.get("members", [])})
        for name, match in want.items():
            tally.kinds["members"][1] += 1
            hit = next((m for m in mine if _matches(match, m.subject)), None)
            if hit is not None:
                tally.kinds["members"][0] += 1
                matched_members.add(id(hit))
            else:
                tally.errors.append(f"{page}: member missed: {name} of {e['name']}")
    for m in members:
        if id(m) not in matched_members:
            tally.kinds["members"][2] += 1
            tally.errors.append(f"{page}: member extra: {m.subject} of {m.attrs.get('alliance')} ({m.attrs.get('role')})")
    # resources
    def r_ident(e: dict[str, Any], r: Any) -> bool:
        return _matches(e["match"], r.subject)

    for e, r in _pair("resources", ex.get("resources", []), [r for r in recs if r.kind == "resource"], r_ident, tally, page):
        kind = r.attrs.get("resource_kind")
        kind = {"key_lab": "lab", "engineering_center": "other", "innovation_center": "other",
                "service_platform": "other"}.get(kind, kind)
        tally.field("resource.kind", kind == e["kind"], page, f"{e['name']}: {e['kind']} vs {kind}")
        tally.field("resource.region", _within(e["region"], r.region), page, f"{e['name']}: {e['region']} vs {r.region}")
        host = e.get("host")
        tally.field("resource.host", (host is None and not r.attrs.get("host")) or
                    (host is not None and _matches(host["match"], r.attrs.get("host"))), page,
                    f"{e['name']}: {host and host['name']} vs {r.attrs.get('host')}")
        if e.get("segments"):
            ok_set = set(e["segments"]) | set(e.get("segments_also_ok", []))
            tally.field("resource.segments", bool(_top(r.attrs.get("segments", [])) & ok_set), page,
                        f"{e['name']}: {e['segments']} vs {r.attrs.get('segments')}")
    # talent
    def t_ident(e: dict[str, Any], r: Any) -> bool:
        kind_ok = r.attrs.get("talent_kind") == e["kind"] or (e["kind"] == "training" and r.attrs.get("talent_kind") == "figure"
                                                             and r.attrs.get("unit") == "人次")
        return kind_ok and any(_s(m) in sentence(r) or _s(m) in _s(r.attrs.get("name")) for m in e["match"])

    for e, r in _pair("talent", ex.get("talent", []), [r for r in recs if r.kind == "talent"], t_ident, tally, page):
        tally.field("talent.region", _within(e["region"], r.region), page, f"{e['match'][0]}: {e['region']} vs {r.region}")
        if e.get("value") is not None and r.attrs.get("value") is not None:
            tally.field("talent.value", _close(e["value"], r.attrs.get("value")), page,
                        f"{e['match'][0]}: {e['value']} vs {r.attrs.get('value')}")
        if e.get("qualifier") and r.attrs.get("talent_kind") == "figure":
            tally.field("talent.qualifier", e["qualifier"] == r.attrs.get("qualifier"), page,
                        f"{e['match'][0]}: {e['qualifier']} vs {r.attrs.get('qualifier')}")
    # policies
    def p_ident(e: dict[str, Any], r: Any) -> bool:
        t = r.attrs.get("title")
        if e.get("title") and t:
            return _s(e["title"]) in _s(t) or _s(t) in _s(e["title"])
        return not e.get("title") and _matches(e.get("issuer_match") or [], r.attrs.get("issuer"))

    for e, r in _pair("policies", ex.get("policies", []), [r for r in recs if r.kind == "policy"], p_ident, tally, page):
        if e.get("issuer_match"):
            tally.field("policy.issuer", _matches(e["issuer_match"], r.attrs.get("issuer")), page,
                        f"{e.get('title')}: {e.get('issuer')} vs {r.attrs.get('issuer')}")
        tally.field("policy.region", _within(e["region"], r.region), page, f"{e.get('title')}: {e['region']} vs {r.region}")
        if e.get("date"):
            tally.field("policy.date", _date_ok(e["date"], r.date), page, f"{e.get('title')}: {e['date']} vs {r.date}")
        for mname in e.get("measures", []):
            tally.field("policy.measures.recall", mname in r.attrs.get("measures", []), page, f"{e.get('title')}: {mname}")
        for mname in r.attrs.get("measures", []):
            tally.field("policy.measures.precision", mname in e.get("measures", []), page,
                        f"{e.get('title')}: extra {mname}")
        if e.get("segments"):
            tally.field("policy.segments", bool(_top(r.attrs.get("segments", [])) & set(e["segments"])), page,
                        f"{e.get('title')}: {e['segments']} vs {r.attrs.get('segments')}")
        got = [a.get("value") for a in r.attrs.get("amounts", [])]
        for amount in e.get("amounts", []):
            tally.field("policy.amounts", any(_close(amount, g) for g in got), page, f"{e.get('title')}: {amount} vs {got}")
    # targets and actual figures
    def g_ident(e: dict[str, Any], r: Any) -> bool:
        kind = "target" if r.kind == "target" else "actual"
        return kind == e["kind"] and _matches(e["match"], r.subject) and r.attrs.get("metric") == e["what"] \
            and r.attrs.get("unit") == e["unit"]

    found_targets = [r for r in recs if r.kind == "target"]
    figs = [r for r in recs if r.kind == "figure"]
    expected_targets = ex.get("targets", [])
    pairs = _pair("targets", expected_targets, found_targets + [f for f in figs if any(g_ident(e, f) for e in expected_targets)],
                  g_ident, tally, page)
    for e, r in pairs:
        tally.field("target.value", _close(e["value"], r.attrs.get("value")), page,
                    f"{e['subject']} {e['what']}: {e['value']} vs {r.attrs.get('value')}")
        tally.field("target.year", str(e.get("year")) == str(r.attrs.get("year")), page,
                    f"{e['subject']} {e['what']}: {e.get('year')} vs {r.attrs.get('year')}")


def evaluate(errors: bool = False) -> dict[str, Any]:
    from icatlas.pipeline import Report, run

    expected = json.loads((BASE / "expected.json").read_text(encoding="utf-8"))
    docs = {Path(d.source).name: d for d in run([BASE / "pages"], report=Report(), progress=False)}
    tally = Tally()
    for ex in expected:
        doc = docs.get(ex["page"])
        if doc is None:
            tally.errors.append(f"{ex['page']}: not processed")
            continue
        score_page(ex, doc, tally)
    out = tally.as_dict()
    if errors:
        out["errors"] = tally.errors
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--errors", action="store_true", help="list every miss, extra and wrong field")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    res = evaluate(errors=args.errors)
    if args.json:
        print(json.dumps(res, ensure_ascii=False, indent=1))
        return
    for k, v in res["kinds"].items():
        print(f"{k:<15} found {v['found']:>3}/{v['expected']:<3} extra {v['extra']}")
    for k, v in res["fields"].items():
        print(f"  {k:<28} {v['correct']:>3}/{v['checked']}")
    print(f"hard false positives {res['hard_false_positives']}, soft {res['soft_false_positives']}")
    for e in res.get("errors", []):
        print("  " + e)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    main()
