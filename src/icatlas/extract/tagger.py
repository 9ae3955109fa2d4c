"""The statistical entity tagger: a BiLSTM-CRF over characters, run with ONNX Runtime and a NumPy Viterbi.

The model lives in ``icatlas/data/ner/`` (``tagger.onnx``: the emission network; ``tagger.json.gz``: CRF
transitions, vocabularies, lexicon, and a record of its training data, version and validation scores).
``scripts/train_ner.py`` rebuilds both from the CLUENER2020 training data.
"""
from __future__ import annotations

import gzip
import json
import os
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np

# every CLUENER2020 label (the model learns all ten); the contract's six are those icatlas reports
CLUENER_ALL = ["address", "book", "company", "game", "government", "movie", "name", "organization", "position",
               "scene"]
SIX = ["company", "government", "organization", "name", "position", "address"]
MAX_LEN = 200  # longer texts are tagged in windows cut at sentence punctuation


def tag_names(labels: Sequence[str]) -> list[str]:
    return ["O", *(f"{p}-{lab}" for lab in labels for p in "BIES")]


def allowed_transitions(tags: Sequence[str]) -> np.ndarray:
    """allowed[i, j]: tag j may follow tag i in a BIOES sequence."""
    n = len(tags)
    ok = np.zeros((n, n), dtype=bool)
    for i, a in enumerate(tags):
        for j, b in enumerate(tags):
            pa, _, la = a.partition("-")
            pb, _, lb = b.partition("-")
            if pa in {"B", "I"}:
                ok[i, j] = pb in {"I", "E"} and la == lb
            else:
                ok[i, j] = pb in {"O", "B", "S"}
    return ok


def spans_from_tags(tags: Sequence[str]) -> list[tuple[str, int, int]]:
    """(label, start, end_inclusive) from BIOES tags; ill-formed runs are dropped."""
    out, start, label = [], -1, ""
    for i, t in enumerate(tags):
        p, _, lab = t.partition("-")
        if p == "S":
            out.append((lab, i, i))
            start = -1
        elif p == "B":
            start, label = i, lab
        elif p == "I":
            if start < 0 or lab != label:
                start = -1
        elif p == "E":
            if start >= 0 and lab == label:
                out.append((lab, start, i))
            start = -1
        else:
            start = -1
    return out


def _windows(text: str) -> list[tuple[int, int]]:
    """Cut a long text into pieces of at most MAX_LEN characters, at sentence ends where possible."""
    out, start = [], 0
    while len(text) - start > MAX_LEN:
        cut = max((text.rfind(p, start + 20, start + MAX_LEN) for p in "。！？；;!?，,"), default=-1)
        end = cut + 1 if cut > start else start + MAX_LEN
        out.append((start, end))
        start = end
    out.append((start, len(text)))
    return out


def viterbi(em: np.ndarray, trans: np.ndarray, start: np.ndarray | None = None,
            end: np.ndarray | None = None) -> list[list[int]]:
    """Best tag paths of a batch of equal-length emission matrices [batch, time, tags] under the transition scores
    ``trans`` [tags, tags], and the scores of the first and of the last tag when given.

    The forward pass keeps each step's best scores only; the way back takes, at each step, the best tag before the
    one chosen after it (the first of equal scores, as an argmax over every pair would)."""
    b, t, n = em.shape
    scores = np.empty((t, b, n), dtype=np.result_type(em, trans))
    scores[0] = em[:, 0] if start is None else start[None, :] + em[:, 0]
    pairs = np.empty((b, n, n), dtype=scores.dtype)
    steps = em.transpose(1, 0, 2)
    add, best = np.add, np.maximum.reduce
    for i in range(1, t):
        add(scores[i - 1][:, :, None], trans, out=pairs)
        best(pairs, axis=1, out=scores[i])
        add(scores[i], steps[i], out=scores[i])
    last = (scores[-1] if end is None else scores[-1] + end[None]).argmax(1).tolist()
    into = np.ascontiguousarray(trans.T)  # into[j]: the scores of moving from every tag to tag j
    paths = []
    for k in range(b):
        tag, mine = last[k], scores[:, k]
        path = [tag] * t
        for i in range(t - 1, 0, -1):
            tag = int((mine[i - 1] + into[tag]).argmax())
            path[i - 1] = tag
        paths.append(path)
    return paths


class Tagger:
    """Loads the model once; ``tag(texts)`` returns each text's (label, start, end_exclusive) spans."""

    def __init__(self, folder: Any = None) -> None:
        import onnxruntime as ort

        from .ner_features import Featurizer, LacEncoder, lac_table

        root = resources.files("icatlas") / "data" / "ner" if folder is None else folder
        with gzip.open(str(root / "tagger.json.gz"), "rt", encoding="utf-8") as f:
            meta = json.load(f)
        self.meta = {k: v for k, v in meta.items() if k not in {"chars", "bichars", "lexicon", "transitions"}}
        self.version: str = meta["version"]
        self.tags: list[str] = meta["tags"]
        self.trans = np.asarray(meta["transitions"], dtype=np.float32)
        self.start = np.asarray(meta["start"], dtype=np.float32)
        self.end = np.asarray(meta["end"], dtype=np.float32)
        vocab, self.table = lac_table()
        self.features = Featurizer(meta["chars"], meta["bichars"], vocab, meta["lexicon"], meta["lexicon_labels"],
                                   jieba=bool(meta.get("jieba")))
        # one thread unless OMP_NUM_THREADS says otherwise: ONNX Runtime's default (a thread per core) spends more
        # CPU for little less wall time on short pages, and sums in another order, so that a borderline word could
        # come out otherwise in a single process than in the one-thread workers (--workers, --engine spark)
        threads = int(os.environ.get("OMP_NUM_THREADS", "1") or 1)
        self.lac = LacEncoder(threads) if meta.get("lac_features") else None
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads
        opts.inter_op_num_threads = 1
        self.session = ort.InferenceSession(str(root / "tagger.onnx"), opts, providers=["CPUExecutionProvider"])

    def tag(self, texts: Sequence[str], batch: int = 64) -> list[list[tuple[str, int, int]]]:
        pieces: list[tuple[int, int, str]] = []
        for k, text in enumerate(texts):
            for s, e in _windows(text):
                if e > s:
                    pieces.append((k, s, text[s:e]))
        results: list[list[tuple[str, int, int]]] = [[] for _ in texts]
        # equal lengths per batch: the exported network runs without padding
        by_len: dict[int, list[int]] = {}
        for i, (_, _, piece) in enumerate(pieces):
            by_len.setdefault(len(piece), []).append(i)
        for length, idx in by_len.items():
            for b in range(0, len(idx), batch):
                chunk = idx[b:b + batch]
                enc = [self.features.encode(pieces[i][2]) for i in chunk]
                lac_ids = np.stack([x["lac"] for x in enc])
                feats = np.stack([x["feats"] for x in enc])
                if self.lac is not None:
                    feats = np.concatenate([feats, self.lac.probs(lac_ids)], axis=2)
                inputs = {
                    "lac": self.table[lac_ids],
                    "char": np.stack([x["char"] for x in enc]),
                    "bichar": np.stack([x["bichar"] for x in enc]),
                    "feats": feats,
                }
                em = self.session.run(None, inputs)[0]
                for i, path in zip(chunk, viterbi(em, self.trans, self.start, self.end)):
                    k, offset, _ = pieces[i]
                    results[k] += [(lab, offset + s, offset + e + 1)
                                   for lab, s, e in spans_from_tags([self.tags[t] for t in path])]
        return results


@lru_cache(maxsize=1)
def tagger() -> Tagger:
    return Tagger()
