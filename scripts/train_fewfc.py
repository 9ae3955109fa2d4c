#!/usr/bin/env python3
"""Train icatlas's FewFC event taggers (CRFs) and write them to src/icatlas/data/events/.

    .venv/bin/python scripts/train_fewfc.py ../shared/data [--out DIR] [--groups base]

Training data: the first 80 % of the lines of ``fewfc/train_base.json`` (for 投资) and of ``fewfc/train_trans.json``
(for 收购, 签署合同 and 中标); the last 20 % of each is held out, scored with the maintainers' scorer, and the figures
go into ``fewfc.json`` with the version and a record of the training data. The trans file lists its types in
blocks, and its last 20 % holds no 收购: 收购 is checked by a 5-fold cross-validation on the training lines instead.
CRFsuite trains on one thread (about 5 minutes here). ``--groups`` retrains only the named groups; the others keep
the models and records already in the output folder (their held-out lines are scored again).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pycrfsuite

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from icatlas.extract.fewfc_features import (QUANTITY_ROLES, Sentence, alias_after, analyse,  # noqa: E402
                                            argument_features, bio_labels, repeats, sentence_features,
                                            trigger_features)
from icatlas.extract.fewfc_model import META, FewfcModel  # noqa: E402

VERSION = "fewfc.crf.v2"
# (group, file, event types, the file's name for argument tagger files per type)
GROUPS = [
    ("base", "train_base.json", ["投资"]),
    ("trans", "train_trans.json", ["收购", "签署合同", "中标"]),
]
CV_KEY = "trans 收购, cross-validated on the training lines"
FILE_KEY = {"投资": "invest", "收购": "acquire", "签署合同": "contract", "中标": "bid"}


def split(lines: list[str]) -> tuple[list[str], list[str]]:
    """First 80 % for training, last 20 % held out."""
    cut = len(lines) * 4 // 5
    return lines[:cut], lines[cut:]


def read_lines(path: Path) -> list[str]:
    return [x for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def trigger_spans(rec: dict[str, Any], types: list[str]) -> list[tuple[int, int, str]]:
    out = []
    for ev in rec.get("events") or []:
        if ev["type"] in types:
            for m in ev["mentions"]:
                if m["role"] == "trigger":
                    out.append((m["span"][0], m["span"][1], ev["type"]))
    return sorted(set(out))


def argument_sets(rec: dict[str, Any], etype: str) -> dict[tuple[int, int], list[tuple[int, int, str]]]:
    """Trigger span → the arguments of every event of that type and trigger (events sharing a trigger merge)."""
    out: dict[tuple[int, int], list[tuple[int, int, str]]] = {}
    for ev in rec.get("events") or []:
        if ev["type"] != etype:
            continue
        trig = next((m for m in ev["mentions"] if m["role"] == "trigger"), None)
        if trig is None:
            continue
        key = (trig["span"][0], trig["span"][1])
        args = out.setdefault(key, [])
        for m in ev["mentions"]:
            if m["role"] != "trigger":
                args.append((m["span"][0], m["span"][1], m["role"]))
    return {k: sorted(set(v), key=lambda a: (a[0], -a[1], a[2])) for k, v in out.items()}


SPREAD_MIN = 1 / 3  # an added argument that is right this often raises an F1 below 2/3


def spread_rates(recs: list[dict[str, Any]], types: list[str]) -> dict[str, Any]:
    """How often the training data names a party again where its name recurs in the sentence (``again``), and on
    the alias given right after it (``aliases``), with the same role in an event of the same type (places
    overlapping another argument do not count); the model spreads the ones at or above SPREAD_MIN."""
    hits = {"again": [0, 0], "aliases": [0, 0]}
    for r in recs:
        text = r["content"]
        for etype in types:
            args = {a for v in argument_sets(r, etype).values() for a in v}
            for s, e, role in args:
                if role in QUANTITY_ROLES or e - s < 2:
                    continue
                alias = alias_after(text, e)
                for kind, places in (("again", repeats(text, s, e)), ("aliases", [alias] if alias else [])):
                    for a, b in places:
                        if (a, b, role) in args:
                            hits[kind][0] += 1
                        elif any(a < y and x < b for x, y, _ in args):
                            continue
                        hits[kind][1] += 1
    rates = {k: round(h / n, 3) if n else 0.0 for k, (h, n) in hits.items()}
    return {**{k: v >= SPREAD_MIN for k, v in rates.items()}, "rates": rates}


def train_crf(xs: list[list[Any]], ys: list[list[str]], path: Path, c1: float, c2: float, iters: int) -> None:
    trainer = pycrfsuite.Trainer(verbose=False)
    for x, y in zip(xs, ys):
        trainer.append(x, y)
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": iters, "feature.possible_transitions": True})
    trainer.train(str(path))


def score(gold_lines: list[str], pred: list[dict[str, Any]], types: list[str], scorer: Path) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        g, p = Path(tmp) / "gold.json", Path(tmp) / "pred.jsonl"
        g.write_text("\n".join(gold_lines) + "\n", encoding="utf-8")
        p.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in pred) + "\n", encoding="utf-8")
        res = subprocess.run([sys.executable, str(scorer), "fewfc", str(g), str(p), "--types", ",".join(types)],
                             capture_output=True, text=True, check=True)
    print(res.stdout.strip())
    result: dict[str, Any] = json.loads(res.stdout.strip().splitlines()[-1])
    return result


def train_group(group: str, types: list[str], recs: list[dict[str, Any]], sents: list[Sentence], out: Path,
                a: argparse.Namespace, quiet: bool = False) -> dict[str, Any]:
    """Train one group's models into ``out``; returns the group's entry of ``fewfc.json``."""
    def say(msg: str) -> None:
        if not quiet:
            print(f"{group}: {msg}", flush=True)

    lexicon = Counter(r["content"][s:e] for r in recs for s, e, _ in trigger_spans(r, types))
    lex = {w: c for w, c in lexicon.items() if 1 < len(w) <= 6}
    # triggers
    xs, ys = [], []
    for r, sent in zip(recs, sents):
        if not sent.text:
            continue
        xs.append(trigger_features(sent, lex))
        ys.append(bio_labels(len(sent.text), [(s, e, t) for s, e, t in trigger_spans(r, types)]))
    t0 = time.time()
    trig_name = f"{group}_trigger.crfsuite"
    train_crf(xs, ys, out / trig_name, a.c1, a.c2, a.iters)
    say(f"trigger tagger trained in {time.time() - t0:.1f} s")
    spec: dict[str, Any] = {"name": group, "types": types, "lexicon": lex, "trigger": trig_name,
                            "type_threshold": a.type_threshold, "trigger_threshold": a.trigger_threshold,
                            "classifiers": {}, "arguments": {}, "shared_arguments": a.shared_arguments,
                            "argument_options": {"dense": group in a.dense.split(","),
                                                 "context": group in a.context.split(",")}}
    opts = spec["argument_options"]
    spec["spread"] = spread_rates(recs, types)
    say(f"spread: {spec['spread']}")
    # event-type classifiers: one-item sequences, Y or N
    feats = [[sentence_features(sent, lex)] for sent in sents]
    for etype in types:
        t0 = time.time()
        name = f"{group}_type_{FILE_KEY[etype]}.crfsuite"
        flags = [["Y" if any(ev["type"] == etype for ev in r.get("events") or []) else "N"] for r in recs]
        train_crf(feats, flags, out / name, a.clf_c1, a.clf_c2, 200)
        spec["classifiers"][etype] = name
        say(f"type classifier {etype} trained in {time.time() - t0:.1f} s")
    per_type: dict[str, tuple[list[list[Any]], list[list[str]]]] = {}
    for etype in types:
        axs, ays = per_type.setdefault("all" if a.shared_arguments else etype, ([], []))
        for r, sent in zip(recs, sents):
            for (s, e), args in argument_sets(r, etype).items():
                axs.append(argument_features(sent, s, e, etype if a.shared_arguments else "", opts["context"],
                                             opts["dense"]))
                ays.append(bio_labels(len(sent.text), args))
    for key, (axs, ays) in per_type.items():
        t0 = time.time()
        name = f"{group}_args_{FILE_KEY.get(key, key)}.crfsuite"
        train_crf(axs, ays, out / name, a.c1, a.c2, a.iters)
        say(f"argument tagger {key} trained on {len(axs)} events in {time.time() - t0:.1f} s")
        for etype in (types if key == "all" else [key]):
            spec["arguments"][etype] = name
    return spec


def cross_validate(group: str, types: list[str], etype: str, recs: list[dict[str, Any]], sents: list[Sentence],
                   lines: list[str], a: argparse.Namespace, scorer: Path) -> dict[str, Any]:
    """K-fold check of one type on the training lines (for a type the held-out lines lack): each fold of the
    sentences holding that type is tagged by the group's models trained on all the other training lines."""
    idx = [i for i, r in enumerate(recs) if any(ev["type"] == etype for ev in r.get("events") or [])]
    k = a.cv
    pred: list[dict[str, Any]] = []
    gold: list[str] = []
    for f in range(k):
        test = set(idx[f::k])
        keep = [i for i in range(len(recs)) if i not in test]
        with tempfile.TemporaryDirectory() as tmp:
            spec = train_group(group, types, [recs[i] for i in keep], [sents[i] for i in keep], Path(tmp), a, True)
            (Path(tmp) / META).write_text(json.dumps({"version": VERSION, "groups": [spec]}, ensure_ascii=False),
                                          encoding="utf-8")
            model = FewfcModel(Path(tmp))
            order = sorted(test)
            events = model.annotate([recs[i]["content"] for i in order])
        pred += [{"id": recs[i]["id"], "events": ev} for i, ev in zip(order, events)]
        gold += [lines[i] for i in order]
    print(f"{group}: {k}-fold check of {etype} on its {len(idx)} training sentences", flush=True)
    return {"types": [etype], "folds": k, "note": "sentences holding the type only: type precision is not tested",
            **score(gold, pred, [etype], scorer)}


def keep(old: dict[str, Any], group: str, meta: dict[str, Any], cv: dict[str, Any]) -> None:
    """Carry a group that is not retrained over from the previous ``fewfc.json``: its models, training record and
    cross-validation (its held-out lines are scored again)."""
    spec = next((g for g in old.get("groups") or [] if g["name"] == group), None)
    if spec is None:
        sys.exit(f"{group}: not retrained, and the previous {META} does not have it")
    meta["groups"].append(spec)
    kept = old["training"][group].get("kept") or f"models of {old.get('version', '?')}, not retrained"
    meta["training"][group] = {**old["training"][group], "kept": kept}
    if group == "trans" and CV_KEY in old.get("validation", {}):
        cv[CV_KEY] = old["validation"][CV_KEY]
    print(f"{group}: models kept", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", type=Path, help="the shared data folder (with fewfc/)")
    ap.add_argument("--out", type=Path, default=ROOT / "src" / "icatlas" / "data" / "events")
    ap.add_argument("--c1", type=float, default=0.1)
    ap.add_argument("--c2", type=float, default=0.05)
    ap.add_argument("--iters", type=int, default=150)
    ap.add_argument("--clf-c1", type=float, default=0.1)
    ap.add_argument("--clf-c2", type=float, default=0.05)
    ap.add_argument("--type-threshold", type=float, default=0.4)
    ap.add_argument("--trigger-threshold", type=float, default=0.3)
    ap.add_argument("--shared-arguments", action="store_true",
                    help="one argument tagger per group, the event type being a feature")
    ap.add_argument("--dense", default="base",
                    help="groups whose argument taggers see LAC's contextual states (comma-separated)")
    ap.add_argument("--context", default="base",
                    help="groups whose argument taggers see the words around and between (comma-separated)")
    ap.add_argument("--cv", type=int, default=5,
                    help="folds of the check of 收购 on the trans training lines (its held-out lines have none; 0: off)")
    ap.add_argument("--scorer", type=Path, default=None, help="score.py (default: DATA/../eval/score.py)")
    ap.add_argument("--groups", default="",
                    help="retrain only these groups (comma-separated); the others keep their models and records in OUT")
    a = ap.parse_args()
    scorer = a.scorer or a.data.parent / "eval" / "score.py"
    a.out.mkdir(parents=True, exist_ok=True)
    started = time.time()
    old = json.loads((a.out / META).read_text(encoding="utf-8")) if (a.out / META).exists() else {}
    only = set(filter(None, a.groups.split(",")))
    meta: dict[str, Any] = {"version": VERSION, "groups": [], "training": {}, "validation": {}}
    held: dict[str, tuple[list[str], list[str]]] = {}
    cv: dict[str, Any] = {}
    for group, fname, types in GROUPS:
        path = a.data / "fewfc" / fname
        lines = read_lines(path)
        train, val = split(lines)
        held[group] = (val, types)
        if only and group not in only:
            keep(old, group, meta, cv)
            continue
        recs = [json.loads(x) for x in train]
        t0 = time.time()
        sents: list[Sentence] = analyse([r["content"] for r in recs])
        print(f"{group}: {len(recs)} training sentences analysed in {time.time() - t0:.1f} s", flush=True)
        meta["groups"].append(train_group(group, types, recs, sents, a.out, a))
        meta["training"][group] = {"file": f"fewfc/{fname}", "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
                                   "lines": f"1-{len(train)} of {len(lines)} (the last {len(val)} held out)"}
        if a.cv and "收购" in types:
            cv[CV_KEY] = cross_validate(group, types, "收购", recs, sents, train, a, scorer)
    meta["params"] = {"c1": a.c1, "c2": a.c2, "max_iterations": a.iters, "shared_arguments": a.shared_arguments,
                      "dense": a.dense, "context": a.context, **({"groups": sorted(only)} if only else {})}
    (a.out / META).write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
    model = FewfcModel(a.out)
    for group, (val, types) in held.items():
        recs = [json.loads(x) for x in val]
        t0 = time.time()
        events = model.annotate([r["content"] for r in recs])
        took = time.time() - t0
        chars = sum(len(r["content"]) for r in recs)
        print(f"{group}: held-out {len(recs)} sentences, {chars / took:,.0f} chars/s", flush=True)
        pred = [{"id": r["id"], "content": r["content"], "events": ev} for r, ev in zip(recs, events)]
        meta["validation"][group] = {"types": types, **score(val, pred, types, scorer)}
    meta["validation"].update(cv)
    meta["seconds"] = round(time.time() - started, 1)
    (a.out / META).write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"done in {time.time() - started:.0f} s", flush=True)


if __name__ == "__main__":
    main()
