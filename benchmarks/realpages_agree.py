"""Agreement between two annotators of the same real pages, measured with the maintainers' scorer.

    python benchmarks/realpages_agree.py FIRST.json SECOND.json [--scorer ../shared/eval/score.py]

Both files are gold in the seeds format (``{"docs": [...]}``). The second annotator's facts (required and optional)
are turned into an ``icatlas extract`` record per page and scored against the first annotator's gold with
``score.py seeds``: recall is how much of the first's required facts the second also recorded; the same is done
the other way round. The misses of both directions are printed, for settling disagreements in RULES.md.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from realpages import score

SCORER = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "score.py"
ORG_TYPES = {"company", "government", "association", "university", "institute", "park", "fund", "platform",
             "media", "organization"}


def as_prediction(doc: dict) -> dict:
    """One annotator's facts as the extractor's contract record."""
    ents: list[dict] = []
    for kind in ("required", "optional"):
        for o in doc["organizations"].get(kind, []):
            t = o.get("type") if o.get("type") in ORG_TYPES else "organization"
            ents.append({"type": t, "name": o["name"], "aliases": list(o.get("match", []))})
        for p in doc["people"].get(kind, []):
            ents.append({"type": "person", "name": p["name"], "positions": list(p.get("positions", []))})
        for r in doc["regions"].get(kind, []):
            ents.append({"type": "region", "name": r})
    names = {o["name"]: o for k in ("required", "optional") for o in doc["organizations"].get(k, [])}
    events = []
    for e in doc["events"].get("required", []):
        events.append({"type": e["type"], "date": e.get("date"), "place": e.get("place"),
                       "participants": [{"name": n} for n in e.get("participants", []) if n in names or n],
                       "amount": e.get("amount")})
    figures = [{"subject": m["subject"], "value": m["value"]} for m in doc.get("metrics", {}).get("required", [])]
    return {"source": doc["doc"], "entities": ents, "events": events, "figures": figures}


def agreement(gold: list[dict], other: list[dict], scorer: Path) -> dict:
    """``other``'s facts as predictions, scored against ``gold`` (:func:`realpages.score`)."""
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        f.write("\n".join(json.dumps(as_prediction(d), ensure_ascii=False) for d in other) + "\n")
    try:
        return score(gold, Path(f.name), scorer, "agreement")
    finally:
        Path(f.name).unlink()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("first", type=Path)
    ap.add_argument("second", type=Path)
    ap.add_argument("--scorer", type=Path, default=SCORER)
    a = ap.parse_args()
    first = json.loads(a.first.read_text(encoding="utf-8"))["docs"]
    second = json.loads(a.second.read_text(encoding="utf-8"))["docs"]
    shared = {d["doc"] for d in first} & {d["doc"] for d in second}
    if not shared:
        sys.exit("the two files share no document")
    for name, gold, other in (("second vs first", first, second), ("first vs second", second, first)):
        res = agreement([d for d in gold if d["doc"] in shared], [d for d in other if d["doc"] in shared], a.scorer)
        print(f"== {name} ({len(shared)} pages) ==")
        for kind, figures in res["kinds"].items():
            for figure, (found, total) in figures.items():
                print(f"{figure:9} {kind:14} {found}/{total}")
        for miss in res["misses"]:
            print("missed:", miss)
        print(json.dumps({k: res[k] for k in ("recall", "precision", "found", "required", "predicted", "unexpected")}))
        print()


if __name__ == "__main__":
    main()
