#!/usr/bin/env python3
"""Entity extraction on the frozen entity sentences (tests/data/entities), per kind and language.

    .venv/bin/python benchmarks/eval_entities.py [--errors]

Each sentence goes through normalisation and `extract` as the body of a document. Organisations, people (and each
of their posts), regions, money, counts and percentages are matched against the gold lists: names exactly after
Traditional→Simplified conversion, numbers within 0.5 %.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ITEMS = ROOT / "tests" / "data" / "entities" / "items.jsonl"
KINDS = ("orgs", "people", "positions", "regions", "money", "counts", "percents")


def _doc(text: str):  # type: ignore[no-untyped-def]
    from icatlas.pipeline import extract
    from icatlas.model import Document
    from icatlas.normalise import normalise_text
    from icatlas.normalise.script import detect_language

    own, simp = normalise_text(text)
    doc = Document(source="-", raw=text, original=text, text=simp.text, offsets=simp.pos)
    doc.language = detect_language(own.text)[0]
    return extract(doc)


def _s(x: str) -> str:
    from icatlas.normalise.script import converter

    return converter("t2s").convert(x).strip()


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 0.005 * max(abs(a), abs(b), 1e-9)


def score_item(item: dict) -> dict[str, tuple[int, int, int, list[str]]]:
    """kind → (matched, predicted, gold, misses and extras)."""
    doc = _doc(item["text"])
    out: dict[str, tuple[int, int, int, list[str]]] = {}

    def names_of(types: set[str] | None, exclude: set[str]) -> list[list[str]]:
        return [[_s(e.name), *map(_s, e.aliases)] for e in doc.entities
                if (types is None or e.type in types) and e.type not in exclude]

    def match(gold: list[str], pred: list[list[str]]) -> tuple[int, int, int, list[str]]:
        g = [_s(x) for x in gold]
        hit = sum(1 for x in g if any(x in p for p in pred))
        extra = [p[0] for p in pred if not any(x in p for x in g)]
        miss = [x for x in g if not any(x in p for p in pred)]
        return hit, len(pred), len(g), [f"-{m}" for m in miss] + [f"+{e}" for e in extra]

    out["orgs"] = match([o["name"] for o in item["orgs"]], names_of(None, {"person", "region"}))
    out["people"] = match([p["name"] for p in item["people"]], names_of({"person"}, set()))
    gold_pos = [(_s(p["name"]), _s(x)) for p in item["people"] for x in p.get("positions") or []]
    pred_pos = {(_s(e.name), _s(x)) for e in doc.entities if e.type == "person" for x in e.positions}
    hit = sum(1 for x in gold_pos if x in pred_pos)
    out["positions"] = (hit, len(pred_pos), len(gold_pos), [f"-{a}:{b}" for a, b in gold_pos if (a, b) not in pred_pos])
    out["regions"] = match(item["regions"], names_of({"region"}, set()))
    quantities = [m for m in doc.mentions if m.label in {"money", "count", "percent"}]

    def numbers(label: str, gold: list[tuple[float, str | None]]) -> tuple[int, int, int, list[str]]:
        pred = [(float(m.attrs.get("value") or 0), m.attrs.get("unit") if label == "money"
                 else m.attrs.get("qualifier")) for m in quantities if m.label == label]
        used: set[int] = set()
        hit = 0
        for v, q in gold:
            k = next((i for i, (pv, pq) in enumerate(pred) if i not in used and _close(pv, v)
                      and (label == "percent" or pq == q)), None)
            if k is not None:
                used.add(k)
                hit += 1
        notes = [f"-{v}/{q}" for v, q in gold] if hit < len(gold) else []
        return hit, len(pred), len(gold), notes + [f"+{v}/{q}" for i, (v, q) in enumerate(pred) if i not in used]

    out["money"] = numbers("money", [(m["value"], m["currency"]) for m in item["money"]])
    out["counts"] = numbers("count", [(c["value"], c.get("qualifier")) for c in item["counts"]])
    out["percents"] = numbers("percent", [(p, None) for p in item["percents"]])
    return out


def evaluate(items: list[dict]) -> dict[str, dict[str, dict[str, float]]]:
    """language (and 'all') → kind → recall, precision, gold count."""
    totals: dict[str, dict[str, list[int]]] = {}
    for item in items:
        for kind, (hit, pred, gold, _) in score_item(item).items():
            for lang in (item["lang"], "all"):
                t = totals.setdefault(lang, {}).setdefault(kind, [0, 0, 0])
                t[0] += hit
                t[1] += pred
                t[2] += gold
    return {lang: {kind: {"recall": h / g if g else 1.0, "precision": h / p if p else 1.0, "gold": g}
                   for kind, (h, p, g) in kinds.items()} for lang, kinds in totals.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--errors", action="store_true", help="print each sentence's misses (-) and extras (+)")
    a = ap.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    items = [json.loads(x) for x in ITEMS.read_text(encoding="utf-8").splitlines() if x.strip()]
    if a.errors:
        for item in items:
            notes = {k: v[3] for k, v in score_item(item).items() if v[3]}
            if notes:
                print(item["id"], item["text"][:70], json.dumps(notes, ensure_ascii=False))
    res = evaluate(items)
    print("| language | " + " | ".join(KINDS) + " |")
    print("|---|" + "---|" * len(KINDS))
    for lang in ("zh-Hans", "zh-Hant", "en", "all"):
        if lang in res:
            cells = [f"R {v['recall']:.2f} P {v['precision']:.2f}" if (v := res[lang].get(k)) else "" for k in KINDS]
            print(f"| {lang} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
