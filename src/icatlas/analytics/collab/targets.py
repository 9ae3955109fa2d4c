"""Stated targets against later figures for the same subject and unit: progress over time."""
from __future__ import annotations

from typing import Any

from ...store.reading import StoreLike
from .base import Names, Rec, load, norm, region_in, within


def _when(r: Rec) -> str:
    """When a figure holds: the year it describes when stated, else the date of its page."""
    return str(r.attrs.get("year") or (r.date or r.published or "")[:4] or "")


def _figure(r: Rec) -> dict[str, Any]:
    return {"value": r.attrs.get("value"), "unit": r.attrs.get("unit"), "qualifier": r.attrs.get("qualifier"),
            "what": r.attrs.get("what"), "year": r.attrs.get("year"), "date": r.date, "evidence": r.evidence()}


def targets(store: StoreLike, region: str | None = None, subject: str | None = None) -> list[dict[str, Any]]:
    """Subjects (parks, companies, projects, regions) with stated targets, each target with the later figures for
    the same subject, metric and unit, oldest first, and its progress.

    ``region`` keeps the subjects located in the region or inside it; ``subject`` those whose name or alias holds
    the text. Each item: ``{"subject", "entity_id", "region", "targets": [{"metric", "what", "value", "unit",
    "year", "date", "evidence", "actuals": [{"value", "unit", "qualifier", "what", "year", "date", "evidence",
    "progress"}], "latest": actual | None, "progress": float | None}]}``. ``metric`` is revenue, output,
    investment, talent, space, capacity, companies or share; ``year`` of a target is the year it is for (到2025年),
    of an actual the year it describes; ``progress`` is the latest actual's value over the target's (0.82 for 820亿
    of 1000亿). Actuals count when stated after the target (a later page, or a later year on the same one)."""
    names = Names(store)
    regions = within(region)
    q = norm(subject) if subject else None
    recs = load(store, ("target", "figure"))
    groups: dict[str, dict[str, Any]] = {}
    for r in recs:
        e = names.entity(r.subject, r.entity_id)
        key = f"e{e['id']}" if e else f"n{norm(r.subject)}"
        g = groups.setdefault(key, {"subject": e["name"] if e else r.subject, "entity": e, "targets": [],
                                    "figures": [], "region": None})
        g["region"] = g["region"] or r.region or (e["region"] if e else None)
        (g["targets"] if r.kind == "target" else g["figures"]).append(r)
    out = []
    for g in groups.values():
        if not g["targets"]:
            continue
        e = g["entity"]
        if q is not None:
            forms = {norm(g["subject"])} | ({norm(a) for a in e["aliases"] or []} if e else set())
            if not any(q in f for f in forms):
                continue
        if not region_in(g["region"], regions):
            continue
        items = []
        seen: set[tuple[Any, ...]] = set()
        for t in sorted(g["targets"], key=lambda r: (r.published or r.date or "", r.id)):
            same = (t.attrs.get("metric"), t.attrs.get("unit"), t.attrs.get("value"), t.attrs.get("year"))
            if same in seen:
                continue
            seen.add(same)
            stated = t.published or t.date or ""
            actuals = [f for f in g["figures"] if f.attrs.get("metric") == t.attrs.get("metric")
                       and f.attrs.get("unit") == t.attrs.get("unit")
                       and ((f.published or f.date or "") > stated or (f.doc_id == t.doc_id and _when(f) > stated[:4]))]
            actuals.sort(key=lambda f: (_when(f), f.published or f.date or "", f.id))
            target_value = t.attrs.get("value") or 0
            rows = []
            for f in actuals:
                row = _figure(f)
                row["progress"] = round(float(f.attrs["value"]) / float(target_value), 4) if target_value else None
                rows.append(row)
            latest = rows[-1] if rows else None
            items.append({"metric": t.attrs.get("metric"), "what": t.attrs.get("what"), "value": t.attrs.get("value"),
                          "unit": t.attrs.get("unit"), "year": t.attrs.get("year"), "date": t.date,
                          "evidence": t.evidence(), "actuals": rows, "latest": latest,
                          "progress": latest["progress"] if latest else None})
        out.append({"subject": g["subject"], "entity_id": e["id"] if e else None, "region": g["region"],
                    "targets": items})
    return sorted(out, key=lambda x: (x["region"] or "", str(x["subject"])))
