"""Score icatlas on the real-page set: `icatlas extract` over the page texts, `score.py seeds` per kind, language, part.

    python benchmarks/realpages.py DIR [--gold tests/data/realpages/gold.json] [--part dev|test|all]
                                       [--misses] [--json OUT.json] [--pred PRED.jsonl]

DIR holds one text file per page, named by the gold's ``doc``, each with its sidecar ``DOC.meta.json`` giving the
publish date (``benchmarks/realpages_restore.py`` writes both; ``benchmarks/README.md`` says how to bring the texts
back). Each text is checked against the length and SHA-256 the gold was written on. The extractor runs once, as a
user runs it (the installed ``icatlas`` command, default threading); the scorer is the maintainers'
``../shared/eval/score.py``, run on each slice of the gold. ``--misses`` prints what the development part missed;
the test part's misses are never printed (it is scored, not studied).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "data" / "realpages" / "gold.json"
SCORER = ROOT.parent / "shared" / "eval" / "score.py"
KINDS = ("organizations", "people", "positions", "regions", "events", "figures")
LANGS = ("zh-Hans", "zh-Hant", "en")


def icatlas() -> str:
    exe = Path(sys.executable).with_name("icatlas")
    return str(exe) if exe.exists() else "icatlas"


def check_texts(docs: list[dict], textdir: Path) -> tuple[list[dict], list[str]]:
    """The documents whose text is present; a warning for each missing or changed one."""
    present, notes = [], []
    for d in docs:
        path = textdir / d["doc"]
        if not path.exists():
            notes.append(f"{d['doc']}: missing")
            continue
        data = path.read_bytes()
        if hashlib.sha256(data).hexdigest() != d.get("sha256"):
            n = len(data.decode("utf-8", "replace"))
            notes.append(f"{d['doc']}: text differs from the annotated one ({n} chars, gold {d.get('length')})")
        present.append(d)
    return present, notes


def run_extract(paths: list[Path], out: Path) -> None:
    with out.open("w", encoding="utf-8") as f:
        res = subprocess.run([icatlas(), "extract", *map(str, paths), "--json"], stdout=f, stderr=subprocess.PIPE,
                             text=True)
    if res.returncode != 0:
        sys.exit(f"icatlas extract failed ({res.returncode}):\n{res.stderr[-2000:]}")


def score(docs: list[dict], pred: Path, scorer: Path, about: str) -> dict:
    """score.py seeds on these documents: headline, per-kind recall and precision counts, misses."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as f:
        json.dump({"about": about, "docs": docs}, f, ensure_ascii=False)
        gold = f.name
    res = subprocess.run([sys.executable, str(scorer), "seeds", gold, str(pred)], capture_output=True, text=True)
    Path(gold).unlink()
    if res.returncode != 0:
        sys.exit(f"score.py failed:\n{res.stderr[-2000:]}")
    lines = res.stdout.strip().splitlines()
    out = json.loads(lines[-1])
    out["docs"] = len(docs)
    out["kinds"] = {}
    for m in re.finditer(r"^(recall|precision)\s+(\w+)\s+(\d+)/(\d+)", res.stdout, re.M):
        out["kinds"].setdefault(m[2], {})[m[1]] = [int(m[3]), int(m[4])]
    out["misses"] = [x[len("missed: "):] for x in lines if x.startswith("missed: ")]
    return out


def extras(docs: list[dict], pred: Path, scorer: Path) -> list[str]:
    """Predicted organisations, regions and events that match no gold item, by the scorer's own matching."""
    import importlib.util
    import os

    spec = importlib.util.spec_from_file_location("icatlas_score", scorer)
    assert spec and spec.loader
    sc = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(sc)
    preds = {os.path.basename(str(r.get("source") or "")): r for r in sc.read_jsonl(str(pred))}
    out = []
    for doc in docs:
        p = preds.get(doc["doc"], {})
        ents = sc.dedup([e for e in p.get("entities") or [] if isinstance(e, dict)])
        req, opt = doc["organizations"]["required"], doc["organizations"].get("optional", [])
        allowed = [sc.org_patterns(i) for i in req + opt]
        allowed += [[i["name"]] for k in ("required", "optional") for i in doc["people"].get(k, [])]
        allowed += [[r] for k in ("required", "optional") for r in doc["regions"].get(k, [])]
        for e in ents:
            if e.get("type") in sc.ORG_TYPES and (sc.is_merged(e, req)
                                                  or not any(sc.entity_matches(e, pats) for pats in allowed)):
                out.append(f"{doc['doc']}: organization {e.get('name')} ({e.get('type')})")
        known = {sc.norm_region(r) for k in ("required", "optional") for r in doc["regions"].get(k, [])}
        for e in ents:
            if e.get("type") == "region" and not any(sc.norm_region(n) in known for n in sc.entity_names(e)) \
                    and not any(sc.entity_matches(e, pats) for pats in allowed):
                out.append(f"{doc['doc']}: region {e.get('name')}")
        items = doc["events"]["required"] + doc["events"].get("optional", [])
        loose = [{"type": i["type"]} | {k: i[k] for k in ("place", "date") if i.get(k)} for i in items]
        for ev in p.get("events") or []:
            ok = any(ev.get("type") == it["type"]
                     and (not it.get("date") or str(ev.get("date") or "").startswith(it["date"]))
                     and (not it.get("place") or sc.norm_region(ev.get("place")) == sc.norm_region(it["place"]))
                     for it in loose)
            if not ok:
                who = ", ".join(str(x.get("name")) for x in ev.get("participants") or [] if isinstance(x, dict))
                out.append(f"{doc['doc']}: event {ev.get('type')} {ev.get('date')} {ev.get('place')} [{who}]")
    return out


def ratio(pair: list[int] | None) -> str:
    if not pair or not pair[1]:
        return "   -"
    return f"{pair[0] / pair[1]:.2f}".lstrip("0") if pair[0] < pair[1] else "1.00"


def markdown(rows: list[tuple[str, dict]]) -> str:
    """The same figures as a Markdown table, for docs/quality.md."""
    head = "| slice | pages | recall | precision | " + " | ".join(f"{k} R / P" for k in KINDS) + " |"
    lines = [head, "|" + "---|" * (4 + len(KINDS))]
    for name, r in rows:
        cells = []
        for k in KINDS:
            kk = r["kinds"].get(k, {})
            rec = kk.get("recall")
            cell = f"{ratio(rec).strip()} ({rec[0]}/{rec[1]})" if rec and rec[1] else "-"
            if kk.get("precision") and kk["precision"][1]:
                cell += f" / {ratio(kk['precision']).strip()}"
            cells.append(cell)
        lines.append(f"| {name} | {r['docs']} | {r['recall']:.3f} | {r['precision']:.3f} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def table(rows: list[tuple[str, dict]]) -> str:
    head = f"{'slice':16} {'docs':>4} {'R':>5} {'P':>5} " + " ".join(f"{k[:6]:>11}" for k in KINDS)
    lines = [head, f"{'':16} {'':>4} {'':>5} {'':>5} " + " ".join(f"{'R    P':>11}" for _ in KINDS)]
    for name, r in rows:
        cells = []
        for k in KINDS:
            kk = r["kinds"].get(k, {})
            cells.append(f"{ratio(kk.get('recall')):>5} {ratio(kk.get('precision')):>5}")
        lines.append(f"{name:16} {r['docs']:>4} {r['recall']:>5.3f} {r['precision']:>5.3f} " + " ".join(cells))
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dir", type=Path, help="the page texts, one file per gold doc, with sidecar dates")
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--scorer", type=Path, default=SCORER)
    ap.add_argument("--part", choices=["dev", "test", "all"], default="all")
    ap.add_argument("--misses", action="store_true", help="print the development part's misses")
    ap.add_argument("--extras", action="store_true",
                    help="print the development part's predictions that match no gold item (precision losses)")
    ap.add_argument("--json", type=Path, help="write every figure to this file")
    ap.add_argument("--markdown", action="store_true", help="print the table in Markdown")
    ap.add_argument("--pred", type=Path, help="keep the extractor's output here (JSON Lines)")
    a = ap.parse_args()
    if not a.scorer.exists():
        sys.exit(f"the scorer is missing: {a.scorer} (put ../shared beside the checkout, or pass --scorer)")
    gold = json.loads(a.gold.read_text(encoding="utf-8"))
    docs = [d for d in gold["docs"] if a.part == "all" or d["part"] == a.part]
    docs, notes = check_texts(docs, a.dir)
    for n in notes:
        print("warning:", n, file=sys.stderr)
    if not docs:
        sys.exit(f"no page texts found in {a.dir}: see benchmarks/README.md for how to bring them back")
    pred = a.pred or Path(tempfile.mkdtemp()) / "realpages.jsonl"
    print(f"extracting {len(docs)} pages ...", file=sys.stderr)
    run_extract([a.dir / d["doc"] for d in docs], pred)
    slices: list[tuple[str, list[dict]]] = []
    for part in ("dev", "test"):
        in_part = [d for d in docs if d["part"] == part]
        if not in_part:
            continue
        slices.append((part, in_part))
        slices += [(f"{part} {lang}", [d for d in in_part if d["language"] == lang]) for lang in LANGS]
    slices.append(("all", docs))
    rows = [(name, score(ds, pred, a.scorer, gold["about"])) for name, ds in slices if ds]
    print(markdown(rows) if a.markdown else table(rows))
    if len(notes):
        print(f"({len(notes)} texts missing or changed: see the warnings)")
    if a.misses:
        dev = next((r for name, r in rows if name == "dev"), None)
        for m in (dev or {}).get("misses", []):
            print("missed (dev):", m)
    if a.extras:
        for line in extras([d for d in docs if d["part"] == "dev"], pred, a.scorer):
            print("extra (dev):", line)
    if a.json:
        out = {name: {k: v for k, v in r.items() if not (k == "misses" and not name.startswith("dev"))}
               for name, r in rows}
        a.json.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
