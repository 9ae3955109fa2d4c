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
import subprocess
import sys
import tempfile
from pathlib import Path

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


def score(gold: Path, pred: list[dict], scorer: Path) -> str:
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        f.write("\n".join(json.dumps(p, ensure_ascii=False) for p in pred) + "\n")
    res = subprocess.run([sys.executable, str(scorer), "seeds", str(gold), f.name], capture_output=True, text=True)
    Path(f.name).unlink()
    if res.returncode:
        sys.exit(res.stderr)
    return res.stdout


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
    with tempfile.TemporaryDirectory() as tmp:
        for name, gold, other in (("second vs first", first, second), ("first vs second", second, first)):
            g = Path(tmp) / "gold.json"
            g.write_text(json.dumps({"docs": [d for d in gold if d["doc"] in shared]}, ensure_ascii=False),
                         encoding="utf-8")
            out = score(g, [as_prediction(d) for d in other if d["doc"] in shared], a.scorer)
            print(f"== {name} ({len(shared)} pages) ==")
            print(out)


if __name__ == "__main__":
    main()
