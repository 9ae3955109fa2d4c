"""Assemble the real-page gold from the annotators' files and split it once into a development and a test part.

    python scripts/realpages_gold.py TEXTDIR GOLDFILE... [--out tests/data/realpages/gold.json] [--seed 20261206]

TEXTDIR holds the page texts (never committed); each GOLDFILE is an annotator's ``{"docs": [...]}`` written under
``tests/data/realpages/RULES.md``. Every document gains the length and SHA-256 of its text as annotated, so a
changed excerpt is noticed when the texts are brought back. The split is made once, at random with a fixed seed,
per language, keeping every page of one story (reposts) in the same part; about a third of each language goes to
the test part. Run it again only to add pages: documents already in the output keep their part.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "tests" / "data" / "realpages" / "gold.json"
ABOUT = ("Fact-level gold for real IC news pages, written blind to the extractor under RULES.md beside this file. "
         "The page text is not kept here: `benchmarks/README.md` says how to bring it back (url and query per "
         "document); `length` and `sha256` identify the text the gold was written on. `part` is the development "
         "(dev) or test part of the split. Scored with ../shared/eval/score.py seeds.")
FIELDS = ("doc", "url", "query", "language", "part", "published", "relevant", "kinds", "noise", "story", "annotator",
          "length", "sha256", "regions", "organizations", "people", "events", "metrics")


def text_facts(path: Path) -> tuple[int, str]:
    data = path.read_bytes()
    return len(data.decode("utf-8")), hashlib.sha256(data).hexdigest()


def ordered(doc: dict) -> dict:
    out = {k: doc[k] for k in FIELDS if k in doc}
    out.update({k: v for k, v in doc.items() if k not in out})
    for kind in ("regions", "organizations", "people", "events", "metrics"):
        out.setdefault(kind, {"required": [], "optional": []})
        out[kind].setdefault("required", [])
        out[kind].setdefault("optional", [])
    return out


def split(docs: list[dict], seed: int, keep: dict[str, str]) -> None:
    """Give each document a part: stories stay together; a third of each language goes to test."""
    groups: dict[str, list[dict]] = defaultdict(list)
    for d in docs:
        groups[d.get("story") or "doc:" + d["doc"]].append(d)
    by_lang: dict[str, list[list[dict]]] = defaultdict(list)
    for key in sorted(groups):
        group = groups[key]
        fixed = {keep[d["doc"]] for d in group if d["doc"] in keep}
        if fixed:
            for d in group:
                d["part"] = sorted(fixed)[0]
            continue
        by_lang[group[0]["language"]].append(group)
    rng = random.Random(seed)
    for lang in sorted(by_lang):
        groups_l = by_lang[lang]
        rng.shuffle(groups_l)
        total = sum(len(g) for g in groups_l) + sum(1 for d in docs if d["language"] == lang and d["doc"] in keep)
        have_test = sum(1 for d in docs if d["language"] == lang and keep.get(d["doc"]) == "test")
        want_test = round(total / 3)
        for group in groups_l:
            part = "test" if have_test < want_test else "dev"
            have_test += len(group) if part == "test" else 0
            for d in group:
                d["part"] = part


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("textdir", type=Path)
    ap.add_argument("gold", nargs="+", type=Path)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--seed", type=int, default=20261206)
    a = ap.parse_args()
    keep: dict[str, str] = {}
    old: dict[str, dict] = {}
    if a.out.exists():
        for d in json.loads(a.out.read_text(encoding="utf-8"))["docs"]:
            keep[d["doc"]] = d["part"]
            old[d["doc"]] = d
    docs: dict[str, dict] = dict(old)
    for path in a.gold:
        for d in json.loads(path.read_text(encoding="utf-8"))["docs"]:
            if d["doc"] in old:
                continue  # frozen: corrections go through CHANGES.md, by hand
            text = a.textdir / d["doc"]
            if not text.exists():
                print(f"{path.name}: {d['doc']}: no text in {a.textdir}, left out", file=sys.stderr)
                continue
            d["length"], d["sha256"] = text_facts(text)
            docs[d["doc"]] = d
    items = sorted(docs.values(), key=lambda d: d["doc"])
    split(items, a.seed, keep)
    out = {"about": ABOUT, "seed": a.seed, "rules": "RULES.md", "docs": [ordered(d) for d in items]}
    a.out.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    parts = defaultdict(int)
    for d in items:
        parts[(d["part"], d["language"])] += 1
    print(f"{len(items)} documents -> {a.out}: " + ", ".join(f"{p}/{l} {n}" for (p, l), n in sorted(parts.items())))


if __name__ == "__main__":
    main()
