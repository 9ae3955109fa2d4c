#!/usr/bin/env python3
"""Entity extraction on the open benchmarks, through the contract commands, scored by the maintainers' scorer.

    .venv/bin/python benchmarks/bench_ner.py ../shared/data [--eval ../shared/eval] [--seeds ../shared/corpus/seeds]
                                             [--skip-speed] [--engine model|rules]

Runs, each as a separate `icatlas` process:
- `icatlas annotate ner --format cluener` on the CLUENER validation split (the last 1,000 lines of train.jsonl),
  MSRA validation, People's Daily dev, Weibo dev and Resume dev, scored with `score.py cluener` / `score.py bio`;
- `icatlas extract --json` on the sample articles, scored with `score.py seeds`;
- speed: `icatlas annotate ner` over 10,000 CLUENER sentences with OMP_NUM_THREADS=1, the command's own timing
  (model loading excluded) and its peak resident memory; and the size of the model files.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ICATLAS = [str(ROOT / ".venv" / "bin" / "icatlas")] if (ROOT / ".venv/bin/icatlas").exists() else ["icatlas"]


def run(cmd: list[str], env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    p = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, **(env or {})})
    if p.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{p.stderr[-2000:]}")
    return p


def last_json(out: str) -> dict:
    return json.loads([line for line in out.splitlines() if line.startswith("{")][-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", type=Path, help="the shared data folder (cluener/, ner/)")
    ap.add_argument("--eval", type=Path, default=None, help="folder with score.py (default: DATA/../eval)")
    ap.add_argument("--seeds", type=Path, default=None, help="sample articles (default: DATA/../corpus/seeds)")
    ap.add_argument("--engine", default="model", choices=["model", "rules"])
    ap.add_argument("--skip-speed", action="store_true")
    a = ap.parse_args()
    evaldir = a.eval or a.data.parent / "eval"
    seeds = a.seeds or a.data.parent / "corpus" / "seeds"
    score = [sys.executable, str(evaldir / "score.py")]
    tmp = Path(tempfile.mkdtemp(prefix="icatlas-bench-ner-"))
    engine = ["--engine", a.engine]

    print(f"# icatlas entity extraction ({a.engine}), scored by {evaldir / 'score.py'}\n")
    lines = (a.data / "cluener" / "train.jsonl").read_text(encoding="utf-8").splitlines()
    gold = tmp / "cluener_val.jsonl"
    gold.write_text("\n".join(lines[-1000:]) + "\n", encoding="utf-8")
    pred = tmp / "cluener_pred.jsonl"
    run([*ICATLAS, "annotate", "ner", "--format", "cluener", *engine, str(gold), str(pred)])
    out = run([*score, "cluener", str(gold), str(pred)]).stdout
    print("## CLUENER2020 validation (last 1,000 lines of train), exact spans\n")
    print("| label | P | R | F1 |\n|---|---|---|---|")
    for m in re.finditer(r"^([a-z]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+\d+$", out, re.M):
        print(f"| {m[1]} | {m[2]} | {m[3]} | {m[4]} |")
    res = last_json(out)
    print(f"| **macro** | | | **{res['macro_f1']}** |\n")

    print("## PER / ORG / LOC on other corpora (not used in training)\n")
    print("| corpus | sentences | PER F1 | ORG F1 | LOC F1 | micro F1 |\n|---|---|---|---|---|---|")
    corpora = [("MSRA validation", a.data / "ner" / "msra_val"),
               ("People's Daily dev", a.data / "ner" / "peoples_daily" / "example.dev"),
               ("Weibo dev", a.data / "ner" / "weibo" / "weiboNER_2nd_conll.dev"),
               ("Resume dev", a.data / "ner" / "resume" / "dev.char.bmes")]
    for name, path in corpora:
        if not path.exists():
            print(f"| {name} | missing | | | | |")
            continue
        texts = tmp / "texts.jsonl"
        texts.write_text(run([*score, "bio-texts", str(path)]).stdout, encoding="utf-8")
        pred = tmp / "bio_pred.jsonl"
        run([*ICATLAS, "annotate", "ner", "--format", "cluener", *engine, str(texts), str(pred)])
        r = last_json(run([*score, "bio", str(path), str(pred)]).stdout)
        print(f"| {name} | {r['sentences']} | {r['PER_f1']} | {r['ORG_f1']} | {r['LOC_f1']} | {r['micro_f1']} |")

    if seeds.exists():
        pred = tmp / "seeds.jsonl"
        pred.write_text(run([*ICATLAS, "extract", *sorted(map(str, seeds.glob("*.txt"))), "--json"]).stdout,
                        encoding="utf-8")
        out = run([*score, "seeds", str(evaldir / "seeds_gold.json"), str(pred)]).stdout
        print("\n## Sample articles (seeds gold)\n")
        print("| measure | kind | found |\n|---|---|---|")
        for m in re.finditer(r"^(recall|precision)\s+(\w+)\s+(\d+)/(\d+)", out, re.M):
            print(f"| {m[1]} | {m[2]} | {m[3]}/{m[4]} = {int(m[3]) / max(1, int(m[4])):.3f} |")

    if not a.skip_speed:
        texts = tmp / "speed.jsonl"
        texts.write_text("\n".join(json.dumps({"text": json.loads(x)["text"]}, ensure_ascii=False)
                                   for x in lines[:10000]) + "\n", encoding="utf-8")
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        p = run([*ICATLAS, "annotate", "ner", "--format", "cluener", *engine, "--timing", str(texts),
                 str(tmp / "speed_out.jsonl")], env={"OMP_NUM_THREADS": "1"})
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        timing = re.search(r"(\d+) chars in ([\d.]+) s \(([\d,]+) chars/s\); model loaded in ([\d.]+) s", p.stderr)
        size = sum(f.stat().st_size for f in (ROOT / "src/icatlas/data/ner").glob("*")) / 1e6
        print("\n## Speed and memory (one process, OMP_NUM_THREADS=1)\n")
        if timing:
            print(f"- 10,000 CLUENER sentences, {int(timing[1]):,} chars: {timing[3]} chars/s "
                  f"(model loaded in {timing[4]} s, not counted)")
        print(f"- peak resident memory of the command: {max(peak, before) / 1024:.0f} MB")
        print(f"- model files (src/icatlas/data/ner): {size:.1f} MB")


if __name__ == "__main__":
    main()
